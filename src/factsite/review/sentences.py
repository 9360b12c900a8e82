"""A quote shown in its sentence: the seed's text around the anchored span, up to the sentence's ends.

Sentence ends are found simply: ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets)
before a space, the full stops of Chinese and Japanese, or a blank line. A full stop after a
one-letter word ("U.S.", "J. Smith") is taken for an abbreviation. Whatever is found, each side is
at most ``MAX_SIDE`` characters and the quote at most ``MAX_QUOTE``; what is cut is an ellipsis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factsite.model import Seed, Span

MAX_SIDE = 160  # characters of context on each side of the quote
MAX_QUOTE = 300  # a longer quote keeps its start and end
ELLIPSIS = "…"

# Where a sentence ends: the match ends after its punctuation (and closing quotes or brackets).
_SENTENCE_END = re.compile(
    r"(?<![\s.]\w)[.!?…]+[\"'”’»)\]]*(?=\s|\Z)"  # Latin-script punctuation, then a space or the end
    r"|[。！？]+[」』”’)）]*"  # Chinese and Japanese: no space follows
    r"|(?=\n[^\S\n]*\n)"  # a blank line: a paragraph ends
)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class InSentence:
    """The quote's sentence in three parts; ``before`` and ``after`` carry the spaces around it."""

    before: str  # may start with ELLIPSIS
    quote: str
    after: str  # may end with ELLIPSIS

    def plain(self, opening: str = "«", closing: str = "»") -> str:
        return f"{self.before}{opening}{self.quote}{closing}{self.after}"


def _flat(text: str) -> str:
    return _SPACES.sub(" ", text)


def quote_in_sentence(seed: Seed, span: Span) -> InSentence:
    """The sentence of ``seed`` around ``span`` (which may itself cross sentences), bounded."""
    text = seed.text
    lowest = seed.body_start

    # Back to the end of the sentence before (or the window's start).
    window = max(lowest, span.start - MAX_SIDE)
    begin = window
    for match in _SENTENCE_END.finditer(text, window, span.start):
        begin = match.end()
    cut_before = begin == window and window > lowest
    if cut_before:  # start on a whole word
        space = _SPACES.search(text, begin, span.start)
        begin = space.end() if space else begin

    # On to the end of the quote's sentence; a quote that ends one stops there.
    limit = min(len(text), span.end + MAX_SIDE)
    end = limit
    for match in _SENTENCE_END.finditer(text, max(span.start, span.end - 1)):
        if match.start() > limit:
            break
        if match.end() >= span.end:
            end = min(match.end(), limit)
            break
    cut_after = end == limit and limit < len(text) and text[limit:].strip() != ""
    if cut_after:
        spaces = [m.start() for m in _SPACES.finditer(text, span.end, end)]
        end = spaces[-1] if spaces else end

    before = _flat(text[begin : span.start]).lstrip()
    after = _flat(text[span.end : end]).rstrip()
    quote = _flat(text[span.start : span.end])
    if len(quote) > MAX_QUOTE:
        half = (MAX_QUOTE - 3) // 2
        quote = f"{quote[:half].rstrip()} {ELLIPSIS} {quote[-half:].lstrip()}"
    return InSentence(
        (ELLIPSIS if cut_before else "") + before,
        quote,
        after + (ELLIPSIS if cut_after else ""),
    )
