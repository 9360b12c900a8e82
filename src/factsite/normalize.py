"""Typographic normalization with a map back to the original characters.

A contributor may type straight quotes where the seed has curly ones, a hyphen for a dash, or a
line break where the seed has a space. Normalizing both sides lets such a quote match, and the
offset map keeps the highlight on the seed's own characters. Deliberately not NFKC: it would turn
``10²`` into ``102`` and make different words equal.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

_FOLD = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    "\u2026": "...",
}
# Invisible characters that only affect line breaking or shaping are dropped.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Runs of spacing, except a lone " " between words (already normal, and by far the most common:
# skipping it keeps normalization a few C-level regex steps per line instead of one per word).
_SPECIAL = re.compile(
    f"(?! (?![\\s{_INVISIBLE}]))[\\s{_INVISIBLE}]+"
    f"|[{''.join(ch for ch in _FOLD if len(_FOLD[ch]) == 1)}]|\u2026"
)


@dataclass(frozen=True)
class OffsetMap:
    """Maps positions of a normalized text back to the text it was made from.

    Piece ``i`` covers normalized ``[out_starts[i], out_starts[i+1])`` and came from original
    ``[in_starts[i], in_ends[i])``. A piece is either copied (same length, mapped char by char) or
    a replacement (every normalized char of it stands for the whole original range).
    """

    out_starts: tuple[int, ...]
    in_starts: tuple[int, ...]
    in_ends: tuple[int, ...]
    copied: tuple[bool, ...]
    out_length: int

    def _piece(self, pos: int) -> int:
        return bisect.bisect_right(self.out_starts, pos) - 1

    def _out_end(self, piece: int) -> int:
        nxt = piece + 1
        return self.out_starts[nxt] if nxt < len(self.out_starts) else self.out_length

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original range that normalized ``[start, end)`` came from."""
        first, last = self._piece(start), self._piece(end - 1)
        if self.copied[first]:
            orig_start = self.in_starts[first] + start - self.out_starts[first]
        else:
            orig_start = self.in_starts[first]
        if self.copied[last]:
            orig_end = self.in_starts[last] + end - self.out_starts[last]
        else:
            orig_end = self.in_ends[last]
        return orig_start, orig_end

    def splits_piece(self, start: int, end: int) -> bool:
        """True if ``[start, end)`` cuts a multi-character replacement (``…`` -> ``...``) in two."""
        first, last = self._piece(start), self._piece(end - 1)
        return (not self.copied[first] and start != self.out_starts[first]) or (
            not self.copied[last] and end != self._out_end(last)
        )


class _MapBuilder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.out_starts: list[int] = []
        self.in_starts: list[int] = []
        self.in_ends: list[int] = []
        self.copied: list[bool] = []
        self.out_pos = 0

    def add(self, out: str, in_start: int, in_end: int, copied: bool) -> None:
        if not out:
            return  # dropped characters: the next piece's in_start skips them
        if copied and self.copied and self.copied[-1] and self.in_ends[-1] == in_start:
            self.in_ends[-1] = in_end  # extend the previous copied piece
        else:
            self.out_starts.append(self.out_pos)
            self.in_starts.append(in_start)
            self.in_ends.append(in_end)
            self.copied.append(copied)
        self.parts.append(out)
        self.out_pos += len(out)

    def build(self) -> tuple[str, OffsetMap]:
        offset_map = OffsetMap(
            tuple(self.out_starts),
            tuple(self.in_starts),
            tuple(self.in_ends),
            tuple(self.copied),
            self.out_pos,
        )
        return "".join(self.parts), offset_map


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


def _fold_into(builder: _MapBuilder, text: str, base: int) -> None:
    pos = 0
    for match in _SPECIAL.finditer(text):
        if match.start() > pos:
            builder.add(text[pos : match.start()], base + pos, base + match.start(), True)
        found = match.group()
        if found[0].isspace() or found[0] in _INVISIBLE:
            out = " " if any(ch.isspace() for ch in found) else ""
        else:
            out = _FOLD[found]
        builder.add(out, base + match.start(), base + match.end(), False)
        pos = match.end()
    if pos < len(text):
        builder.add(text[pos:], base + pos, base + len(text), True)


def normalize_with_map(text: str) -> tuple[str, OffsetMap]:
    """Normalize ``text`` and return the map from normalized positions to ``text`` positions."""
    builder = _MapBuilder()
    run_start = 0  # start of the pending run of characters that NFC leaves alone
    for start, end, nfc in _nfc_segments(text):
        if nfc != text[start:end]:
            _fold_into(builder, text[run_start:start], run_start)
            # A composed character stands for its whole decomposed original range.
            builder.add(_fold_simple(nfc), start, end, False)
            run_start = end
    _fold_into(builder, text[run_start:], run_start)
    return builder.build()


def _fold_simple(text: str) -> str:
    return _SPECIAL.sub(
        lambda m: (
            (" " if any(ch.isspace() for ch in m.group()) else "")
            if m.group()[0].isspace() or m.group()[0] in _INVISIBLE
            else _FOLD[m.group()]
        ),
        text,
    )


def normalize(text: str) -> str:
    """The normalized form of a contributor's text, trimmed: what quotes are compared by."""
    return _fold_simple(unicodedata.normalize("NFC", text)).strip()
