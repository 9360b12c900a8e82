"""Proving that a quote is in its seed, and finding exactly where.

Order, as the design brief sets it: an exact match; else a match after typographic
normalization, mapped back to the seed's own characters; ``prefix``/``suffix`` then
``occurrence`` choose among several matches. Fuzzy matching only ever produces suggestions for
an error message; it never anchors a quote.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from factsite.model import Span
from factsite.normalize import OffsetMap, normalize, normalize_with_map
from factsite.seeds import Seed

# How much text around a match is looked at for prefix/suffix, in characters and words.
_CONTEXT_CHARS = 400
_MAX_HINT_WORDS = 12


def _whole_characters(text: str, start: int, end: int) -> bool:
    """False when ``[start, end)`` separates a letter from its combining accent."""
    return not unicodedata.combining(text[start]) and not (
        end < len(text) and unicodedata.combining(text[end])
    )


class SeedSearch:
    """A seed's body, searchable exactly and in normalized form (built once, on first need)."""

    def __init__(self, seed: Seed):
        self.seed = seed

    @cached_property
    def _normalized(self) -> tuple[str, OffsetMap]:
        return normalize_with_map(self.seed.text)

    def exact(self, quote: str) -> list[Span]:
        text, spans = self.seed.text, []
        pos = text.find(quote, self.seed.body_start)
        while pos != -1:
            if _whole_characters(text, pos, pos + len(quote)):
                spans.append(Span(pos, pos + len(quote)))
            pos = text.find(quote, pos + 1)
        return spans

    def normalized(self, quote: str) -> list[Span]:
        needle = normalize(quote)
        if not needle:
            return []
        haystack, offsets = self._normalized
        spans = []
        pos = haystack.find(needle)
        while pos != -1:
            end = pos + len(needle)
            if _whole_characters(haystack, pos, end) and not offsets.splits_piece(pos, end):
                start, stop = offsets.to_original(pos, end)
                if start >= self.seed.body_start:
                    spans.append(Span(start, stop))
            pos = haystack.find(needle, pos + 1)
        return spans

    def before(self, offset: int, chars: int = _CONTEXT_CHARS) -> str:
        """Normalized text of (about) ``chars`` characters before ``offset``, trailing space dropped."""
        start = max(self.seed.body_start, offset - chars)
        return normalize(self.seed.text[start:offset])

    def after(self, offset: int, chars: int = _CONTEXT_CHARS) -> str:
        return normalize(self.seed.text[offset : offset + chars])

    def ends_before(self, offset: int, prefix: str) -> bool:
        """Whether the text before ``offset`` ends with ``prefix`` (both normalized)."""
        # Look at a window a little longer than the prefix, widening it only when collapsed
        # spacing made the normalized window too short to decide.
        chars = 2 * len(prefix) + 16
        while True:
            window = self.before(offset, chars)
            if len(window) > len(prefix) or offset - chars <= self.seed.body_start:
                return window.endswith(prefix)
            chars *= 4

    def starts_after(self, offset: int, suffix: str) -> bool:
        chars = 2 * len(suffix) + 16
        while True:
            window = self.after(offset, chars)
            if len(window) > len(suffix) or offset + chars >= len(self.seed.text):
                return window.startswith(suffix)
            chars *= 4

    def line_col(self, offset: int) -> tuple[int, int]:
        return self.seed.line_col(offset)

    def closest(self, quote: str) -> Closest | None:
        """The passage most like ``quote``: for an error message only."""
        needle = normalize(quote)
        haystack, offsets = self._normalized
        body_from = len(normalize(self.seed.text[: self.seed.body_start]))
        if not needle or len(haystack) <= body_from:
            return None
        from rapidfuzz import fuzz  # only a quote that did not match needs it

        found = fuzz.partial_ratio_alignment(needle, haystack[body_from:])
        if found is None or found.score < 50:
            return None
        start, end = offsets.to_original(body_from + found.dest_start, body_from + found.dest_end)
        start, end = _widen_to_words(self.seed.text, start, end, self.seed.body_start)
        return Closest(Span(start, end), round(found.score), self.seed.text[start:end])


def _widen_to_words(text: str, start: int, end: int, floor: int) -> tuple[int, int]:
    """Extend a range to whole words (at most a few characters each way) for display."""
    limit = 25
    while start > floor and limit and not text[start - 1].isspace():
        start, limit = start - 1, limit - 1
    limit = 25
    while end < len(text) and limit and not text[end].isspace():
        end, limit = end + 1, limit - 1
    return start, end


@dataclass(frozen=True)
class Closest:
    span: Span
    similarity: int  # percent
    text: str


@dataclass(frozen=True)
class Hint:
    """What to add to a check so that it picks one particular match."""

    span: Span
    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None

    def as_yaml(self) -> str:
        parts = []
        if self.prefix is not None:
            parts.append(f"prefix: {yaml_string(self.prefix)}")
        if self.suffix is not None:
            parts.append(f"suffix: {yaml_string(self.suffix)}")
        if self.occurrence is not None:
            parts.append(f"occurrence: {self.occurrence}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Anchored:
    span: Span
    normalized: bool


@dataclass(frozen=True)
class Ambiguous:
    """Several matches remain; each hint picks out one of them."""

    hints: tuple[Hint, ...]
    normalized: bool


@dataclass(frozen=True)
class NotFound:
    """No match. ``excluded`` lists matches that prefix/suffix/occurrence ruled out, if any."""

    closest: Closest | None
    excluded: tuple[Span, ...] = ()
    reason: str = "not-found"  # or "prefix", "suffix", "occurrence"


AnchorResult = Anchored | Ambiguous | NotFound


def yaml_string(text: str) -> str:
    """``text`` as a double-quoted YAML scalar, safe to paste."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def find_quote(search: SeedSearch, quote: str) -> tuple[list[Span], bool]:
    """Every match of ``quote``: exact ones if any, else normalized ones; and which it was."""
    spans = search.exact(quote)
    if spans:
        return spans, False
    return search.normalized(quote), True


def _has_prefix(search: SeedSearch, span: Span, prefix: str) -> bool:
    return search.ends_before(span.start, normalize(prefix))


def _has_suffix(search: SeedSearch, span: Span, suffix: str) -> bool:
    return search.starts_after(span.end, normalize(suffix))


def anchor_quote(
    search: SeedSearch,
    quote: str,
    *,
    prefix: str | None = None,
    suffix: str | None = None,
    occurrence: int | None = None,
) -> AnchorResult:
    spans, normalized = find_quote(search, quote)
    if not spans:
        return NotFound(search.closest(quote))
    if prefix is not None:
        kept = [s for s in spans if _has_prefix(search, s, prefix)]
        if not kept:
            return NotFound(None, tuple(spans), "prefix")
        spans = kept
    if suffix is not None:
        kept = [s for s in spans if _has_suffix(search, s, suffix)]
        if not kept:
            return NotFound(None, tuple(spans), "suffix")
        spans = kept
    if occurrence is not None:
        if occurrence > len(spans):
            return NotFound(None, tuple(spans), "occurrence")
        return Anchored(spans[occurrence - 1], normalized)
    if len(spans) == 1:
        return Anchored(spans[0], normalized)
    return Ambiguous(disambiguate(search, spans), normalized)


def _words_from_end(text: str) -> list[str]:
    words = text.split(" ")
    return [" ".join(words[-n:]) for n in range(1, min(len(words), _MAX_HINT_WORDS) + 1)]


def _words_from_start(text: str) -> list[str]:
    words = text.split(" ")
    return [" ".join(words[:n]) for n in range(1, min(len(words), _MAX_HINT_WORDS) + 1)]


def disambiguate(search: SeedSearch, spans: list[Span]) -> tuple[Hint, ...]:
    """For each match, the shortest whole-word prefix and/or suffix that no other match has."""
    befores = [search.before(s.start) for s in spans]
    afters = [search.after(s.end) for s in spans]
    hints = []
    for i, span in enumerate(spans):
        others = [j for j in range(len(spans)) if j != i]
        prefixes = [p for p in _words_from_end(befores[i]) if p] if befores[i] else []
        suffixes = [s for s in _words_from_start(afters[i]) if s] if afters[i] else []
        hint = next(
            (
                Hint(span, prefix=p)
                for p in prefixes
                if not any(befores[j].endswith(p) for j in others)
            ),
            None,
        ) or next(
            (
                Hint(span, suffix=s)
                for s in suffixes
                if not any(afters[j].startswith(s) for j in others)
            ),
            None,
        )
        if hint is None and prefixes and suffixes:
            p, s = prefixes[-1], suffixes[-1]
            if not any(befores[j].endswith(p) and afters[j].startswith(s) for j in others):
                hint = Hint(span, prefix=p, suffix=s)
        hints.append(hint or Hint(span, occurrence=i + 1))
    return tuple(hints)


def align(quote: str, passage: str, width: int = 72) -> list[str]:
    """The two texts one above the other, with ``^`` under every difference, wrapped."""
    quote, passage = " ".join(quote.split()), " ".join(passage.split())
    top, bottom, marks = [], [], []
    matcher = difflib.SequenceMatcher(None, quote, passage, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = quote[i1:i2], passage[j1:j2]
        size = max(len(a), len(b))
        top.append(a.ljust(size))
        bottom.append(b.ljust(size))
        # Differences that normalization already forgives (curly vs straight quotes) are not marked.
        same = tag == "equal" or normalize(a) == normalize(b)
        marks.append((" " if same else "^") * size)
    rows_top, rows_bottom, rows_marks = "".join(top), "".join(bottom), "".join(marks)
    lines = []
    for at in range(0, len(rows_top), width):
        lines.append("quote: " + rows_top[at : at + width].rstrip())
        lines.append("seed:  " + rows_bottom[at : at + width].rstrip())
        if rows_marks[at : at + width].strip():
            lines.append("       " + rows_marks[at : at + width].rstrip())
    return lines
