"""Dirty rebuilds: which generated pages may be skipped, and the search index put back together."""

from __future__ import annotations

from factsite.mkdocs.incremental import RenderedPages, fingerprint, merge_search_docs


def doc(location: str, text: str = "") -> dict[str, str]:
    return {"location": location, "title": location, "text": text}


PREVIOUS = [
    doc(""),
    doc("#latest"),
    doc("claims/"),
    doc("claims/a/", "old a"),
    doc("claims/b/"),
    doc("about/"),
]
PAGES = {"", "claims/", "claims/a/", "claims/b/", "about/"}


def test_only_pages_made_from_the_same_inputs_are_skipped() -> None:
    rendered = RenderedPages()
    first = {"claims/a.md": fingerprint("A"), "claims/b.md": fingerprint("B")}
    assert rendered.start(first) == set()  # the first build renders everything
    assert rendered.finish() == set()
    second = {**first, "claims/a.md": fingerprint("A edited"), "claims/c.md": fingerprint("C")}
    assert rendered.start(second) == {"claims/b.md"}
    assert fingerprint("a", "b") != fingerprint("ab") != fingerprint("a", "", "b")


def test_a_failed_build_does_not_leave_its_pages_counted_as_the_old_ones() -> None:
    rendered = RenderedPages()
    rendered.start({"claims/a.md": fingerprint("A")})
    rendered.finish()
    rendered.start({"claims/a.md": fingerprint("A edited")})  # ...and this build fails after writing a
    assert rendered.start({"claims/a.md": fingerprint("A")}) == set(), "the edit was undone: render again"


def test_pages_gone_since_the_last_finished_build_are_reported_for_removal() -> None:
    rendered = RenderedPages()
    rendered.start({"claims/a.md": fingerprint("A"), "claims/b.md": fingerprint("B")})
    rendered.finish()
    rendered.start({"claims/a.md": fingerprint("A")})
    assert rendered.finish() == {"claims/b.md"}


def test_the_index_is_the_previous_one_with_the_rendered_pages_replaced() -> None:
    fresh = [doc("claims/a/", "new a"), doc("claims/", "new index")]
    merged = merge_search_docs(PREVIOUS, fresh, rendered={"claims/a/", "claims/"}, pages=PAGES)
    assert sorted(d["location"] for d in merged) == sorted(d["location"] for d in PREVIOUS)
    assert doc("claims/a/", "new a") in merged and doc("claims/", "new index") in merged
    assert doc("claims/a/", "old a") not in merged and doc("claims/") not in merged


def test_a_removed_page_leaves_the_index_and_a_rendered_page_without_entries_drops_out() -> None:
    merged = merge_search_docs(PREVIOUS, [], rendered={"about/"}, pages=PAGES - {"claims/b/"})
    assert {d["location"] for d in merged} == {"", "#latest", "claims/", "claims/a/"}


def test_entries_of_pages_not_rendered_this_build_come_only_from_the_previous_index() -> None:
    stale = [doc("claims/b/", "stale copy")]
    assert merge_search_docs(PREVIOUS, stale, rendered=set(), pages=PAGES) == PREVIOUS
