"""Proving that a quote is in its seed, and finding exactly where.

Order, as the design brief sets it: an exact match; else a match after typographic
normalization, mapped back to the seed's own characters; ``prefix``/``suffix`` then
``occurrence`` choose among several matches. Either kind of match must start and end on whole
user-perceived characters, and on whole words where the quote starts or ends with a letter or
digit: "can" is not in "cannot". Fuzzy matching only ever produces suggestions for an error
message; it never anchors a quote.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import regex  # type: ignore[import-untyped]  # ships no type hints

from factsite.input.invisible import char_class, code_point
from factsite.model import Seed, Span
from factsite.quotes.normalize import (
    DROPPED,
    SPACING,
    OffsetMap,
    emoji_joiners,
    fold,
    normalize,
    normalize_with_map,
)

# How much text around a match is looked at for prefix/suffix, in characters and words.
_CONTEXT_CHARS = 400
_MAX_HINT_WORDS = 12
# How far a closest passage is widened to whole words, and how far a cut word or character is
# looked for around the cut, in characters: enough for real words, bounded for hostile seeds.
_WIDEN_CHARS = 25
_CUT_CONTEXT = 40
# Context kept on each side when a boundary is judged as if dropped characters were absent, and
# how much further it may grow to start and end on a character that ends every rule's chain.
_JUDGE_CHARS = 32
_JUDGE_LIMIT = 1000

# Unicode extended grapheme clusters and default word boundaries (UAX #29). Both look at the
# text around the position they are given, so they are asked about single positions of the seed.
_GRAPHEME = regex.compile(r"\X")
_WORD_BOUNDARY = regex.compile(r"\b", regex.WORD)
# Scripts written without spaces between words: there a cut between any two characters is a
# possible word edge, so a quote only has to keep whole characters (UAX #29 keeps Katakana runs
# together, and has no dictionary for Thai and its neighbours).
_NO_SPACES = r"[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Bopomofo}\p{Line_Break=Complex_Context}]"
_WRITTEN_WITHOUT_SPACES = regex.compile(_NO_SPACES)
# Characters between which the boundaries are known without asking the segmentation: none of them
# joins a grapheme cluster, and of them only ASCII letters, digits and "_" make words, joined across
# the in-word punctuation in ``_IN_WORD`` ("can't", "U.S.", "3.5", "1,000") that needs a closer look.
# Most quotes start and end beside these, and the regular expressions cost a hundred times more.
_PLAIN = frozenset(map(chr, range(0x20, 0x7F))) | frozenset(
    "\t\n\r\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00ab\u00bb"
)
_ASCII_WORD = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")
_IN_WORD = frozenset(":.',;\"\u2018\u2019")
# Characters that end every chain of the segmentation rules (runs of flags, emoji sequences,
# combining marks, ignorable format characters): a window starting or ending on one of them
# segments as the whole text does. Dropped characters are not among them: the window loses them.
_CHAIN_LINKS = (
    r"\p{Regional_Indicator}\p{Grapheme_Cluster_Break=Extend}\p{Grapheme_Cluster_Break=ZWJ}"
    r"\p{Grapheme_Cluster_Break=SpacingMark}\p{Word_Break=Format}\p{Word_Break=Extend}"
    + char_class(DROPPED)[1:-1]
)
_CHAIN_STOP = regex.compile(f"[^{_CHAIN_LINKS}]")
_CHAIN_STOP_BEFORE = regex.compile(f"[^{_CHAIN_LINKS}]", regex.REVERSE)
_SPACING_RUN = regex.compile(char_class(SPACING) + "+")


def _matching_view(text: str, offset: int) -> tuple[str, int]:
    """``text`` around ``offset`` as matching sees it, without the characters it drops, and where
    ``offset`` falls in it: boundaries are judged there, so that "can\u00adnot" stays one word."""
    lo, hi = max(0, offset - _JUDGE_CHARS), min(len(text), offset + _JUDGE_CHARS)
    # Widen the window to characters that no segmentation rule reaches across, so that it judges
    # ``offset`` as the whole text would (a run of flags is paired from its start).
    floor, ceiling = max(0, lo - _JUDGE_LIMIT), min(len(text), hi + _JUDGE_LIMIT)
    if lo > floor:
        safe = _CHAIN_STOP_BEFORE.search(text, floor, lo + 1)
        lo = safe.start() if safe else floor
    if hi < ceiling:
        safe = _CHAIN_STOP.search(text, hi - 1, ceiling)
        hi = safe.end() if safe else ceiling
    window = text[lo:hi]
    if DROPPED.isdisjoint(window):
        return text, offset
    joiners = emoji_joiners(window)

    def kept(first: int, last: int) -> str:
        return "".join(window[i] for i in range(first, last) if window[i] not in DROPPED or i in joiners)

    left = kept(0, offset - lo)
    return left + kept(offset - lo, len(window)), len(left)


def grapheme_boundary(text: str, offset: int) -> bool:
    """Whether ``offset`` falls between two user-perceived characters (grapheme clusters) of ``text``,
    as matching sees the text."""
    if offset <= 0 or offset >= len(text):
        return True
    before, after = text[offset - 1], text[offset]
    if before in _PLAIN and after in _PLAIN:
        return not (before == "\r" and after == "\n")
    view, at = _matching_view(text, offset)
    return at <= 0 or at >= len(view) or bool(_GRAPHEME.match(view, at - 1).end() == at)


def word_boundary(text: str, offset: int) -> bool:
    """Whether ``offset`` is a word boundary of ``text``, as matching sees the text."""
    if 0 < offset < len(text) and text[offset - 1] in _PLAIN and text[offset] in _PLAIN:
        left_word, right_word = text[offset - 1] in _ASCII_WORD, text[offset] in _ASCII_WORD
        if left_word and right_word:
            return False
        if not (left_word or right_word):
            return text[offset - 1 : offset + 1] not in ("  ", "\r\n")
        if (text[offset] if left_word else text[offset - 1]) not in _IN_WORD:
            return True
    view, at = _matching_view(text, offset)
    return _WORD_BOUNDARY.match(view, at) is not None


def _needs_word_edge(char: str) -> bool:
    """A quote that starts or ends with a letter or digit must start or end a word there."""
    if char.isascii():
        return char.isalnum()
    return unicodedata.category(char)[0] in "LN" and not _WRITTEN_WITHOUT_SPACES.match(char)


def _first_visible(text: str, start: int, end: int) -> str:
    while start < end - 1 and text[start] in DROPPED:
        start += 1
    return text[start]


def _last_base(text: str, start: int, end: int) -> str:
    """The last character of ``text[start:end]`` that is not a combining mark (the letter it sits
    on) nor dropped in matching."""
    last = end - 1
    while last > start and (text[last] in DROPPED or unicodedata.category(text[last])[0] == "M"):
        last -= 1
    return text[last]


CutKind = Literal["word", "character"]


@dataclass(frozen=True)
class Cut:
    """The quote's text is at ``span``, but taking it would cut a word or a character at ``at``."""

    span: Span
    at: int
    kind: CutKind


def cut_in(text: str, span: Span) -> Cut | None:
    """Where ``span`` of ``text`` would cut a character or a word in two, if it does."""
    start, end = span.start, span.end
    if not grapheme_boundary(text, start):
        return Cut(span, start, "character")
    if not grapheme_boundary(text, end):
        return Cut(span, end, "character")
    if _needs_word_edge(_first_visible(text, start, end)) and not word_boundary(text, start):
        return Cut(span, start, "word")
    if _needs_word_edge(_last_base(text, start, end)) and not word_boundary(text, end):
        return Cut(span, end, "word")
    return None


def _visible(text: str) -> str:
    """``text`` with the characters matching drops written as escapes, so a message shows them."""
    return "".join(f"\\u{ord(ch):04x}" if ch in DROPPED else ch for ch in text)


def describe_cut(text: str, cut: Cut) -> tuple[str, int]:
    """What a cut splits, as "'can' would cut 'cannot'": the part of the word or character inside
    the quote, and the whole; and where the whole word or character starts."""
    at = cut.at
    boundary = word_boundary if cut.kind == "word" else grapheme_boundary
    floor, ceiling = max(0, at - _CUT_CONTEXT), min(len(text), at + _CUT_CONTEXT)
    whole_start = next((q for q in range(at - 1, floor, -1) if boundary(text, q)), floor)
    whole_end = next((q for q in range(at + 1, ceiling) if boundary(text, q)), ceiling)
    part = text[max(whole_start, cut.span.start) : min(whole_end, cut.span.end)]
    whole = text[whole_start:whole_end]
    if cut.kind == "word":
        return f"'{_visible(part)}' would cut '{_visible(whole)}'", whole_start
    code_points = " ".join(f"U+{ord(ch):04X}" for ch in whole)
    return f"'{part}' would split the character '{whole}' ({code_points})", whole_start


def invisible_characters(text: str) -> list[tuple[int, str]]:
    """Offsets and names of the characters of ``text`` that no one can see (not the joiners of emoji)."""
    joiners = emoji_joiners(text)
    return [(i, code_point(ch)) for i, ch in enumerate(text) if ch in DROPPED and i not in joiners]


@dataclass(frozen=True)
class Found:
    """Every match of a quote; ``cuts`` are places where its text is, but inside a word or character."""

    spans: tuple[Span, ...]
    normalized: bool
    cuts: tuple[Cut, ...] = ()


class SeedSearch:
    """A seed's body, searchable exactly and in normalized form (built once, on first need)."""

    def __init__(self, seed: Seed):
        self.seed = seed

    @cached_property
    def _normalized(self) -> tuple[str, OffsetMap]:
        return normalize_with_map(self.seed.text)

    def _exact_candidates(self, quote: str) -> Iterator[Span]:
        text = self.seed.text
        if not quote:
            return
        pos = text.find(quote, self.seed.body_start)
        while pos != -1:
            yield Span(pos, pos + len(quote))
            pos = text.find(quote, pos + 1)

    def _normalized_candidates(self, quote: str) -> Iterator[Span]:
        needle = normalize(quote)
        if not needle:
            return
        haystack, offsets = self._normalized
        pos = haystack.find(needle)
        while pos != -1:
            end = pos + len(needle)
            if not offsets.splits_piece(pos, end):
                start, stop = offsets.to_original(pos, end)
                if start >= self.seed.body_start:
                    yield Span(start, stop)
            pos = haystack.find(needle, pos + 1)

    def _whole(self, candidates: Iterable[Span]) -> tuple[list[Span], list[Cut]]:
        """The candidates that keep whole words and characters, and where the others would cut."""
        spans, cuts = [], []
        for span in candidates:
            cut = cut_in(self.seed.text, span)
            if cut is None:
                spans.append(span)
            else:
                cuts.append(cut)
        return spans, cuts

    def find(self, quote: str) -> Found:
        """Every match of ``quote`` on whole words and characters: exact ones if any, else normalized ones."""
        spans, exact_cuts = self._whole(self._exact_candidates(quote))
        if spans:
            return Found(tuple(spans), False)
        spans, cuts = self._whole(self._normalized_candidates(quote))
        if spans:
            return Found(tuple(spans), True)
        unique = {cut.span: cut for cut in [*exact_cuts, *cuts]}
        return Found((), True, tuple(sorted(unique.values(), key=lambda cut: cut.span.start)))

    def exact(self, quote: str) -> list[Span]:
        return self._whole(self._exact_candidates(quote))[0]

    def describe_cut(self, cut: Cut) -> tuple[str, int]:
        return describe_cut(self.seed.text, cut)

    def in_date_marker(self, quote: str) -> Span | None:
        """Where ``quote`` is, if it starts in the date marker line (metadata, not the document's text)."""
        marker_end = self.seed.body_start
        if not marker_end:
            return None
        pos = self.seed.text.find(quote) if quote else -1
        if 0 <= pos < marker_end:
            return Span(pos, pos + len(quote))
        needle = normalize(quote)
        haystack, offsets = self._normalized
        pos = haystack.find(needle) if needle else -1
        if pos != -1:
            start, end = offsets.to_original(pos, pos + len(needle))
            if start < marker_end:
                return Span(start, end)
        return None

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
        # Where the body starts in the normalized text, from the map itself: normalizing the
        # marker on its own trims it, and the difference would shift every location.
        body_from = offsets.from_original(self.seed.body_start)
        body = haystack[body_from:]
        if not needle or not body.strip():
            return None
        from rapidfuzz import fuzz  # only a quote that did not match needs it

        found = fuzz.partial_ratio_alignment(needle, body)
        if found is None or found.score < 50:
            return None
        first, last, similarity = _best_passage(needle, body, found.dest_start, found.dest_end)
        if first == last:
            return None  # only spacing resembled it
        start, end = offsets.to_original(body_from + first, body_from + last)
        start, end = _widen_to_words(self.seed.text, start, end, self.seed.body_start)
        return Closest(Span(start, end), round(similarity), self.seed.text[start:end])


def _best_passage(needle: str, body: str, start: int, end: int) -> tuple[int, int, float]:
    """The part of ``body`` around ``[start, end)`` that is most like ``needle``, and its similarity.

    The window the fuzzy search finds is as long as the quote, so it starts with text unlike the
    quote when the seed's passage is shorter, and misses the passage's end when it is longer. The
    passage kept is the one with the most characters in common with the quote less the number of
    its own characters that are not: it takes in seed text only where more than half of it is the
    quote's, so letters that unrelated words happen to share with the quote do not draw it away.
    """
    from rapidfuzz import fuzz
    from rapidfuzz.distance import LCSseq

    def score(first: int, last: int) -> int:
        return 2 * int(LCSseq.similarity(needle, body[first:last])) - (last - first)

    slack = min(200, max(8, len(needle) // 4))
    lo, hi = max(0, start - slack), min(len(body), end + slack)
    for _ in range(2):  # the best start for this end, then the best end for that start, twice
        starts = range(lo, min(end, start + slack + 1))
        start = max(starts, key=lambda a: (score(a, end), a))  # on a tie, the shorter passage
        ends = range(max(start + 1, end - slack), hi + 1)
        end = max(ends, key=lambda b: (score(start, b), -b))
    while start < end and body[start] == " ":
        start += 1
    while end > start and body[end - 1] == " ":
        end -= 1
    return start, end, fuzz.ratio(needle, body[start:end])


def _widen_to_words(text: str, start: int, end: int, floor: int) -> tuple[int, int]:
    """Extend a range to whole words (at most a few characters each way) for display; punctuation
    beside a word, such as the seed's own quotation marks, is not part of it."""
    limit = _WIDEN_CHARS
    while start > floor and limit and not word_boundary(text, start):
        start, limit = start - 1, limit - 1
    limit = _WIDEN_CHARS
    while end < len(text) and limit and not word_boundary(text, end):
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
    """No match. ``excluded`` lists matches that prefix/suffix/occurrence ruled out, if any.

    ``cuts``: the quote's text is in the seed only inside words or characters (then no closest
    passage is guessed); ``in_date_marker``: it is in the date marker line, which is not text.
    """

    closest: Closest | None
    excluded: tuple[Span, ...] = ()
    reason: str = "not-found"  # or "prefix", "suffix", "occurrence"
    cuts: tuple[Cut, ...] = ()
    in_date_marker: Span | None = None


AnchorResult = Anchored | Ambiguous | NotFound


def yaml_string(text: str) -> str:
    """``text`` as a double-quoted YAML scalar, safe to paste."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def find_quote(search: SeedSearch, quote: str) -> tuple[list[Span], bool]:
    """Every match of ``quote`` on whole words and characters: exact ones if any, else normalized
    ones; and which it was."""
    found = search.find(quote)
    return list(found.spans), found.normalized


def _not_found(search: SeedSearch, quote: str, cuts: tuple[Cut, ...]) -> NotFound:
    if cuts:
        return NotFound(None, cuts=cuts)
    marker = search.in_date_marker(quote)
    if marker is not None:
        return NotFound(None, in_date_marker=marker)
    return NotFound(search.closest(quote))


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
    found = search.find(quote)
    spans, normalized = list(found.spans), found.normalized
    if not spans:
        return _not_found(search, quote, found.cuts)
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


# Where a hint may start or end in normalized text: at a space, and between any two characters of a
# script written without spaces (where normalized text has none), never before a combining mark.
_HINT_CUT = regex.compile(r" |(?<=\S)(?=\P{M})(?:(?<=" + _NO_SPACES + r"\p{M}*)|(?=" + _NO_SPACES + "))")


def _cuts(text: str) -> list[tuple[int, int]]:
    """Where ``text`` divides into words for a hint: (end of a word, start of the next)."""
    return [(m.start(), m.end()) for m in _HINT_CUT.finditer(text)]


def _words_from_end(text: str) -> list[str]:
    starts = [0] + [after for _, after in _cuts(text)]
    return [text[at:] for at in reversed(starts[-_MAX_HINT_WORDS:])]


def _words_from_start(text: str) -> list[str]:
    ends = [before for before, _ in _cuts(text)] + [len(text)]
    return [text[:at] for at in ends[:_MAX_HINT_WORDS]]


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


def _punctuation_only(text: str) -> bool:
    return all(unicodedata.category(ch)[0] in "PZ" for ch in text)


def align(quote: str, passage: str, width: int = 72) -> list[str]:
    """The two texts one above the other, with ``^`` under every difference, wrapped."""
    quote, passage = _SPACING_RUN.sub(" ", quote).strip(), _SPACING_RUN.sub(" ", passage).strip()
    top, bottom, marks = [], [], []
    matcher = difflib.SequenceMatcher(None, quote, passage, autojunk=False)
    opcodes = matcher.get_opcodes()
    # A zero-width joiner inside an emoji counts (👨‍👩‍👧 is not 👨👩👧), though alone it folds away.
    joiners = emoji_joiners(quote), emoji_joiners(passage)
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        a, b = quote[i1:i2], passage[j1:j2]
        size = max(len(a), len(b))
        top.append(a.ljust(size))
        bottom.append(b.ljust(size))
        # Differences that normalization forgives (curly vs straight quotes, a dropped zero-width
        # space) are not marked; compared untrimmed, so that a space inside a word is.
        same = tag == "equal" or (
            fold(a) == fold(b)
            and not any(i1 <= at < i2 for at in joiners[0])
            and not any(j1 <= at < j2 for at in joiners[1])
        )
        # Nor is the seed's punctuation around the passage (its quotation marks): the quote need not
        # copy it, and a mark under it would invite the contributor to.
        at_an_end = index in (0, len(opcodes) - 1)
        seed_only = tag == "insert" and at_an_end and _punctuation_only(b)
        marks.append((" " if same or seed_only else "^") * size)
    rows_top, rows_bottom, rows_marks = "".join(top), "".join(bottom), "".join(marks)
    lines = []
    for at in range(0, len(rows_top), width):
        lines.append("quote: " + rows_top[at : at + width].rstrip())
        lines.append("seed:  " + rows_bottom[at : at + width].rstrip())
        if rows_marks[at : at + width].strip():
            lines.append("       " + rows_marks[at : at + width].rstrip())
    return lines
