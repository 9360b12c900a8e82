"""Dirty rebuilds: which generated pages may be skipped."""

from __future__ import annotations

from factsite.mkdocs.incremental import RenderedPages, fingerprint


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

