"""What a ``--dirty`` rebuild may skip.

With ``mkdocs serve --dirty`` MkDocs re-renders only pages whose file reports itself modified.
factsite's pages are made in memory on every build, so each is compared with what the last
finished build rendered: one edited check re-renders its claim page and the few listings that
show it, not every page. (The search index needs nothing from here: Pagefind indexes the whole
site folder after every build, the pages a dirty build skipped included.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping


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

