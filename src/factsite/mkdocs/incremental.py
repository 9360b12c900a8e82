"""What a ``--dirty`` rebuild may skip, and the whole search index it must still write.

With ``mkdocs serve --dirty`` MkDocs re-renders only pages whose file reports itself modified.
factsite's pages are made in memory on every build, so each is compared with what the last
finished build rendered: one edited check re-renders its claim page and the few listings that
show it, not every page. The search plugin then writes only the pages rendered this build; the
index is completed here from the previous one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

SearchDoc = dict[str, Any]  # one entry of search_index.json's "docs": location, title, text...


def fingerprint(*parts: str) -> bytes:
    """A short digest of everything a page's HTML is made from (kept per page, not the text)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.digest()


class RenderedPages:
    """The fingerprint of every generated page as the last finished build rendered it."""

    def __init__(self) -> None:
        self._built: dict[str, bytes] = {}
        self._pending: dict[str, bytes] = {}

    @property
    def empty(self) -> bool:
        return not self._built

    def start(self, fingerprints: Mapping[str, bytes]) -> set[str]:
        """Begin a build of these pages; the paths that need no rendering.

        A page about to be rendered is forgotten at once: if this build fails after writing it,
        the next build must not take the half-finished output for the old page.
        """
        self._pending = dict(fingerprints)
        same = {path for path, print_ in fingerprints.items() if self._built.get(path) == print_}
        self._built = {
            path: print_ for path, print_ in self._built.items() if path in same or path not in fingerprints
        }
        return same

    def finish(self) -> set[str]:
        """The build went through: remember it; the paths of pages it no longer has."""
        removed = set(self._built) - set(self._pending)
        self._built, self._pending = self._pending, {}
        return removed


def page_of(doc: SearchDoc) -> str:
    """The page URL a search entry belongs to: its location without the section fragment."""
    return str(doc["location"]).split("#", 1)[0]


def merge_search_docs(
    previous: Iterable[SearchDoc], fresh: Iterable[SearchDoc], rendered: set[str], pages: set[str]
) -> list[SearchDoc]:
    """The complete search index after a dirty rebuild.

    ``previous``: the complete index before this build. ``fresh``: what the search plugin wrote
    this build, the entries of the pages it rendered. ``rendered``: URLs of those pages (one that
    now has no entries, excluded from search, drops out). ``pages``: URLs of every page the site
    has now, so the entries of a removed page go too.
    """
    kept = [doc for doc in previous if page_of(doc) in pages and page_of(doc) not in rendered]
    return kept + [doc for doc in fresh if page_of(doc) in rendered]
