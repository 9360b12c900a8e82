"""Listings in pages of a fixed size, so that no page grows with the number of checks.

A listing's first page keeps its address (``claims/``); page N lives under it
(``claims/page/N/``). Every page links to its neighbours and to a window of numbered pages around
it, so a crawler without JavaScript reaches every item from the first page by links alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from factsite import urls

T = TypeVar("T")

# Numbered links shown either side of the current page (the first and last are always shown).
WINDOW = 2


@dataclass(frozen=True)
class Pager:
    """Where one page of a listing sits among its pages."""

    first: str  # the listing's first page (source path), e.g. "claims/index.md"
    number: int  # from 1
    count: int  # pages in the listing, at least 1
    size: int  # items per page
    total: int  # items in the whole listing

    @property
    def path(self) -> str:
        return self.page(self.number)

    def page(self, number: int) -> str:
        return urls.listing_page(self.first, number)

    @property
    def previous(self) -> str | None:
        return self.page(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.page(self.number + 1) if self.number < self.count else None

    @property
    def offset(self) -> int:
        """How many items come before this page's first: its list starts at ``offset + 1``."""
        return (self.number - 1) * self.size

    def numbers(self) -> list[int | None]:
        """The page numbers to link, in order; ``None`` where a run of pages is left out."""
        shown = {1, self.count, *range(self.number - WINDOW, self.number + WINDOW + 1)}
        out: list[int | None] = []
        for number in sorted(n for n in shown if 1 <= n <= self.count):
            if out and out[-1] is not None and number > out[-1] + 1:
                # A single missing page is shown rather than a gap that hides just one number.
                out.append(number - 1 if number == out[-1] + 2 else None)
            out.append(number)
        return out


def paginate(first: str, items: Sequence[T], size: int) -> list[tuple[Pager, Sequence[T]]]:
    """``items`` cut into pages of ``size``, each with its pager; an empty listing is one empty page."""
    if size < 1:
        raise ValueError(f"page size must be at least 1, not {size}")
    count = max(1, -(-len(items) // size))
    return [
        (Pager(first, number, count, size, len(items)), items[(number - 1) * size : number * size])
        for number in range(1, count + 1)
    ]
