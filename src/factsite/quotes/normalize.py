"""Typographic normalization with a map back to the original characters.

A contributor may type straight quotes where the seed has curly ones, a hyphen for a dash, or a
line break where the seed has a space, and cannot see the invisible characters a seed may hold.
In scripts written without spaces between words (Chinese, Japanese, Thai...), spacing between two
characters is no word break at all: a seed wrapped at a fixed width has line breaks in the middle
of words, so there spacing normalizes to nothing (``WRITTEN_WITHOUT_SPACES``).
Normalizing both sides lets such a quote match, and the offset map keeps the highlight on the
seed's own characters. Deliberately not NFKC: it would turn ``10²`` into ``102`` and make different
words equal. The characters dropped are ``invisible.IGNORED_IN_MATCHING``, and the zero-width joiner
except inside an emoji sequence.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

import regex  # type: ignore[import-untyped]  # ships no type hints

from factsite.input.invisible import IGNORED_IN_MATCHING, ZERO_WIDTH_JOINER, char_class

_FOLD = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    "\u2026": "...",
}
# Spacing: what Python calls whitespace (all of it is below U+3001), less the separators
# U+001C-U+001F and U+0085, which are controls here and so ignored, not spacing.
SPACING = frozenset(ch for ch in map(chr, range(0x3001)) if ch.isspace()) - IGNORED_IN_MATCHING
# Dropped before a normalized match; the zero-width joiner too, except inside an emoji sequence.
DROPPED = IGNORED_IN_MATCHING | {ZERO_WIDTH_JOINER}
_SPACING_OR_DROPPED = SPACING | DROPPED


# Scripts written without spaces between words (UAX #14 puts them in line-breaking classes ID, CJ
# and SA: a line may break between any two of their characters, and no space is lost there): Han
# with its punctuation (。、「」 have Han among their script extensions), kana, Bopomofo, the
# fullwidth forms set among them (，！（）：), and Thai, Lao, Khmer, Myanmar and their neighbours
# (class SA). Not Hangul: Korean puts spaces between words, and a line break there is one.
# (The few Latin-block characters with Han among their script extensions, such as "·", are
# punctuation of no script here.)
WRITTEN_WITHOUT_SPACES = regex.compile(
    r"[[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Bopomofo}\p{Line_Break=Complex_Context}"
    r"\p{East_Asian_Width=Fullwidth}]--[\x00-\u0dff]]",
    regex.V1,
)
# Characters of no script of their own (digits, punctuation, symbols: "2025年3月", "：“"), which
# belong to the text around them: beside a character written without spaces, they are set solid too.
_OF_NO_SCRIPT = regex.compile(r"[\p{Script=Common}--\p{Letter}]", regex.V1)
_COMBINING = regex.compile(r"\p{Grapheme_Cluster_Break=Extend}")
# Characters a grapheme always ends after (Unicode's rules GB4 and GB5), so a mark after them is on
# no letter.
_BREAKS_BEFORE_MARKS = regex.compile(
    r"[\p{Grapheme_Cluster_Break=Control}\p{Grapheme_Cluster_Break=CR}\p{Grapheme_Cluster_Break=LF}]"
)
# Every character of WRITTEN_WITHOUT_SPACES is in these blocks (a test checks it), and so are the
# usual combining marks and variation selectors that may follow one: a cheap first look for a lone
# space that may stand beside one.
_MAYBE_WITHOUT_SPACES = (
    "\u0300-\u036f\ufe00-\ufe0f\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u1950-\u1aaf"
    "\u2e80-\ua4cf\ua700-\ua707\ua9e0-\ua9ff\uaa60-\uaadf\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe6f\uff00-\uffef\U00010000-\U0010ffff"
)

_RUN = char_class(_SPACING_OR_DROPPED)
_FOLDED_ONE_TO_ONE = char_class(ch for ch in _FOLD if len(_FOLD[ch]) == 1)
# Runs of spacing and dropped characters, except a lone " " between words (already normal, and by
# far the most common: skipping it keeps normalization a few C-level regex steps per line instead
# of one per word) unless it may stand beside a character written without spaces; and the
# characters that fold. The leading lookahead lets the regex engine skip ordinary characters quickly.
_SPECIAL = re.compile(
    f"(?=[{_RUN[1:-1]}{_FOLDED_ONE_TO_ONE[1:-1]}\u2026])"
    f"(?:{_RUN}(?:{_RUN}+|(?<=[{_MAYBE_WITHOUT_SPACES}] )|(?=[{_MAYBE_WITHOUT_SPACES}]))"
    f"|(?! ){_RUN}|{_FOLDED_ONE_TO_ONE}|\u2026)"
)
# How each character counts beside spacing: 2 written without spaces, 1 of no script, 0 otherwise.
_SETTING: dict[str, int] = {}


def _setting(char: str) -> int:
    kind = _SETTING.get(char)
    if kind is None:
        kind = 2 if WRITTEN_WITHOUT_SPACES.match(char) else 1 if _OF_NO_SCRIPT.match(char) else 0
        _SETTING[char] = kind
    return kind


def set_solid(text: str, start: int, end: int) -> bool:
    """Whether the spacing ``text[start:end]`` stands between characters set solid, and normalizes
    to nothing: both of its neighbours are written without spaces, or one is and the other has no
    script of its own (a digit, a punctuation mark). Combining marks count as the letter they are on.
    """
    if start <= 0 or end >= len(text):
        return False
    before = start - 1
    while before > 0 and start - before < 8 and _COMBINING.match(text[before]):
        before -= 1
    if before < start - 1 and _BREAKS_BEFORE_MARKS.match(text[before]):
        # Marks after a line break or another control sit on no letter (a grapheme starts at them)
        # and count as themselves: a quote that starts with them normalizes as its text does.
        before += 1
    left, right = _setting(text[before]), _setting(text[end])
    return left + right >= 3


# A zero-width joiner that makes one emoji of two pictographs (Unicode's grapheme rule GB11):
# 👨‍👩‍👧 is one picture and 👨👩👧 three, so this joiner is significant. Elsewhere (Indic and
# Arabic-script text) it only shapes letters, and is dropped.
_EMOJI_JOINER = regex.compile(
    r"(?<=\p{Extended_Pictographic}\p{Grapheme_Cluster_Break=Extend}*)\u200d(?=\p{Extended_Pictographic})"
)


def emoji_joiners(text: str) -> frozenset[int]:
    """Offsets of the zero-width joiners of ``text`` that join an emoji sequence (kept in matching)."""
    if ZERO_WIDTH_JOINER not in text:
        return frozenset()
    return frozenset(match.start() for match in _EMOJI_JOINER.finditer(text))


def _replacement(text: str, start: int, end: int, joiners: frozenset[int]) -> str:
    """What normalization puts for ``text[start:end]``, a match of ``_SPECIAL``."""
    found = text[start:end]
    folded = _FOLD.get(found)
    if folded is not None:
        return folded
    if start in joiners and found == ZERO_WIDTH_JOINER:
        return found
    if SPACING.isdisjoint(found):
        return ""
    return "" if set_solid(text, start, end) else " "


def _simple_replacement(match: re.Match[str]) -> str:
    """``_replacement`` for a text without emoji joiners (nearly every text): one call less."""
    found = match.group()
    folded = _FOLD.get(found)
    if folded is not None:
        return folded
    if SPACING.isdisjoint(found):
        return ""
    return "" if set_solid(match.string, match.start(), match.end()) else " "


@dataclass(frozen=True)
class OffsetMap:
    """Maps positions of a normalized text back to the text it was made from.

    Normalized ``[out_starts[i], out_ends[i])`` replaced original ``[in_starts[i], in_ends[i])``
    (a run of spacing, dropped characters, an ellipsis, a composed letter): each of its characters
    stands for the whole original range. Everything between replacements was copied character for
    character, and so was a single character replaced by another (a curly quote by a straight one).
    """

    out_starts: tuple[int, ...]
    out_ends: tuple[int, ...]
    in_starts: tuple[int, ...]
    in_ends: tuple[int, ...]

    def _replacement(self, pos: int) -> int:
        """The last replacement starting at or before normalized ``pos``, or -1."""
        return bisect.bisect_right(self.out_starts, pos) - 1

    def _original(self, pos: int) -> tuple[int, int]:
        """The original range normalized character ``pos`` came from."""
        piece = self._replacement(pos)
        if piece >= 0 and pos < self.out_ends[piece]:
            return self.in_starts[piece], self.in_ends[piece]
        original = pos if piece < 0 else self.in_ends[piece] + pos - self.out_ends[piece]
        return original, original + 1

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original range that normalized ``[start, end)`` came from."""
        return self._original(start)[0], self._original(end - 1)[1]

    def from_original(self, offset: int) -> int:
        """The first normalized position that comes from original ``offset`` or after it."""
        piece = bisect.bisect_right(self.in_starts, offset) - 1
        if piece < 0:
            return offset
        if offset < self.in_ends[piece]:  # inside a replaced range: its start, or what follows it
            return self.out_starts[piece] if offset == self.in_starts[piece] else self.out_ends[piece]
        return self.out_ends[piece] + offset - self.in_ends[piece]

    def splits_piece(self, start: int, end: int) -> bool:
        """True if ``[start, end)`` cuts a multi-character replacement (``…`` -> ``...``) in two."""
        first, last = self._replacement(start), self._replacement(end - 1)
        return (first >= 0 and self.out_starts[first] < start < self.out_ends[first]) or (
            last >= 0 and end - 1 < self.out_ends[last] and end != self.out_ends[last]
        )


class _MapBuilder:
    """Folds text with ``_SPECIAL`` (one C-level pass) while noting where the lengths change."""

    def __init__(self, source: str, joiners: frozenset[int]) -> None:
        self.source = source  # the whole original text: spacing is judged by its neighbours
        self.joiners = joiners
        self.out_starts: list[int] = []
        self.out_ends: list[int] = []
        self.in_starts: list[int] = []
        self.in_ends: list[int] = []
        self.shift = 0  # original characters consumed less normalized characters produced

    def replace(self, in_start: int, in_end: int, out: str) -> None:
        out_start = in_start - self.shift
        self.out_starts.append(out_start)
        self.out_ends.append(out_start + len(out))
        self.in_starts.append(in_start)
        self.in_ends.append(in_end)
        self.shift += in_end - in_start - len(out)

    def fold(self, text: str, base: int) -> str:
        """``text`` (found at ``base`` in the original) folded."""

        def replacement(match: re.Match[str]) -> str:
            start, end = base + match.start(), base + match.end()
            out = _replacement(self.source, start, end, self.joiners)
            if end - start != 1 or len(out) != 1:
                self.replace(start, end, out)
            return out

        return _SPECIAL.sub(replacement, text)

    def build(self) -> OffsetMap:
        return OffsetMap(
            tuple(self.out_starts), tuple(self.out_ends), tuple(self.in_starts), tuple(self.in_ends)
        )


def _nfc_segments(text: str) -> list[tuple[int, int, str]]:
    """Split ``text`` into ranges that NFC-normalize independently: (start, end, nfc)."""
    if unicodedata.is_normalized("NFC", text):
        return [(0, len(text), text)]
    segments: list[tuple[int, int, str]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and unicodedata.combining(text[i]):
            continue
        # text[start:i] is a starter with its combining marks; merge with the previous segment
        # when the two compose together (Hangul jamo, for instance).
        piece = text[start:i]
        if segments:
            p_start, _, p_nfc = segments[-1]
            joined = unicodedata.normalize("NFC", text[p_start:i])
            if joined != p_nfc + unicodedata.normalize("NFC", piece):
                segments[-1] = (p_start, i, joined)
                start = i
                continue
        segments.append((start, i, unicodedata.normalize("NFC", piece)))
        start = i
    return segments


def normalize_with_map(text: str) -> tuple[str, OffsetMap]:
    """Normalize ``text`` and return the map from normalized positions to ``text`` positions."""
    builder = _MapBuilder(text, emoji_joiners(text))
    parts = []
    run_start = 0  # start of the pending run of characters that NFC leaves alone
    for start, end, nfc in _nfc_segments(text):
        # Spacing that NFC changes (U+2000 EN QUAD is U+2002 EN SPACE) stays in its run of spacing.
        if nfc != text[start:end] and not SPACING.issuperset(nfc):
            parts.append(builder.fold(text[run_start:start], run_start))
            # A composed character stands for its whole decomposed original range.
            composed = _fold_simple(nfc)
            builder.replace(start, end, composed)
            parts.append(composed)
            run_start = end
    parts.append(builder.fold(text[run_start:], run_start))
    return "".join(parts), builder.build()


def _fold_simple(text: str) -> str:
    joiners = emoji_joiners(text)
    if not joiners:
        return _SPECIAL.sub(_simple_replacement, text)
    return _SPECIAL.sub(lambda m: _replacement(text, m.start(), m.end(), joiners), text)


def fold(text: str) -> str:
    """The normalized form of ``text``, untrimmed: equal folds are differences matching forgives."""
    return _fold_simple(unicodedata.normalize("NFC", text))


def normalize(text: str) -> str:
    """The normalized form of a contributor's text, trimmed: what quotes are compared by."""
    return fold(text).strip()
