"""Dirty rebuilds: which generated pages may be skipped, and the search index put back together."""

from __future__ import annotations

from factsite.incremental import merge_search_docs, unchanged_pages


def doc(location: str, text: str = "") -> dict[str, str]:
    return {"location": location, "title": location, "text": text}


PREVIOUS = [doc(""), doc("#latest"), doc("claims/"), doc("claims/a/", "old a"), doc("claims/b/"), doc("about/")]
PAGES = {"", "claims/", "claims/a/", "claims/b/", "about/"}


def test_only_pages_whose_content_is_the_same_are_skipped() -> None:
    previous = {"claims/a.md": "A", "claims/b.md": "B"}
    current = {"claims/a.md": "A edited", "claims/b.md": "B", "claims/c.md": "C"}
    assert unchanged_pages(previous, current) == {"claims/b.md"}


def test_fresh_entries_replace_the_stale_ones_material_kept() -> None:
    # Material dropped the first rebuilt page ("claims/a/") by prefix and appended the fresh
    # entries, keeping the stale entries of the index page it also rebuilt.
    written = [doc(""), doc("#latest"), doc("claims/"), doc("claims/b/"), doc("about/"),
               doc("claims/a/", "new a"), doc("claims/", "new index")]
    merged = merge_search_docs(PREVIOUS, written, rebuilt={"claims/a/", "claims/"}, pages=PAGES)
    assert sorted(d["location"] for d in merged) == sorted(d["location"] for d in PREVIOUS)
    assert doc("claims/a/", "new a") in merged and doc("claims/", "new index") in merged
    assert doc("claims/a/", "old a") not in merged and doc("claims/") not in merged


def test_pages_material_dropped_by_prefix_come_back_from_the_previous_index() -> None:
    # The home page's URL is "", a prefix of every URL: Material kept nothing but the fresh entries.
    written = [doc("", "new home"), doc("#latest", "new latest")]
    merged = merge_search_docs(PREVIOUS, written, rebuilt={""}, pages=PAGES)
    assert [d["location"] for d in merged] == ["claims/", "claims/a/", "claims/b/", "about/", "", "#latest"]
    assert doc("", "new home") in merged


def test_a_removed_page_leaves_the_index_and_an_unindexed_rebuilt_page_drops_out() -> None:
    merged = merge_search_docs(PREVIOUS, [], rebuilt={"about/"}, pages=PAGES - {"claims/b/"})
    assert {d["location"] for d in merged} == {"", "#latest", "claims/", "claims/a/"}


def test_nothing_rebuilt_keeps_the_previous_index() -> None:
    assert merge_search_docs(PREVIOUS, PREVIOUS[:2], rebuilt=set(), pages=PAGES) == PREVIOUS
