"""What a ``mkdocs serve --dirty`` rebuild may skip, and the whole search index it must still write.

With ``--dirty`` MkDocs re-renders only pages whose file reports itself modified. factsite's pages
are made in memory on every build, so they are compared with what the previous build made: one
edited check re-renders its claim page and the few listings that show it, not every page.

Material's search plugin keeps its index across dirty rebuilds on the assumption that one page was
rebuilt: it drops the previous entries of the first rebuilt page (by URL prefix, so the home page
``""`` drops everything) and appends the new entries. With several pages rebuilt that leaves
duplicates or loses pages, so the index is put together again here from the previous complete index
and the fresh entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

SearchDoc = dict[str, Any]  # one entry of search_index.json's "docs": location, title, text...


def unchanged_pages(previous: Mapping[str, str], current: Mapping[str, str]) -> set[str]:
    """Generated pages (by path) whose content is what the previous build rendered."""
    return {path for path, content in current.items() if previous.get(path) == content}


def page_of(doc: SearchDoc) -> str:
    """The page URL a search entry belongs to: its location without the section anchor."""
    return str(doc["location"]).split("#", 1)[0]


def merge_search_docs(
    previous: Iterable[SearchDoc], written: Iterable[SearchDoc], rebuilt: set[str], pages: set[str]
) -> list[SearchDoc]:
    """The complete search index after a dirty rebuild.

    ``previous``: the complete index before this build. ``written``: what the search plugin wrote
    this build, in which a rebuilt page's fresh entries are the last run of entries for that page
    (pages are indexed one after another and the fresh ones appended last). ``rebuilt``: URLs of
    the pages rendered this build. ``pages``: URLs of every page the site has now, so entries of
    a removed page go too.
    """
    fresh: dict[str, list[SearchDoc]] = {}
    run: str | None = None
    for doc in written:
        page = page_of(doc)
        if page not in rebuilt:
            run = None
            continue
        if page != run:
            fresh[page] = []  # a later run of the same page is the newer one
            run = page
        fresh[page].append(doc)
    kept = [doc for doc in previous if page_of(doc) in pages and page_of(doc) not in rebuilt]
    return kept + [doc for entries in fresh.values() for doc in entries]
