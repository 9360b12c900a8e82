"""``mkdocs serve`` as a contributor uses it: edits rebuild the site, mistakes keep the last good one."""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from sitebuild import LiveServer, copy_project, http_get, served_index, wait_for

CLAIM = "claims/us-cannot-deport-citizens/"
SOURCE = "sources/ap-el-salvador-prison-offer/"
OLD_CLAIM = "The US government cannot deport American citizens."
NEW_CLAIM = "Citizens cannot be deported by the US government."


def _first_build_done(base: str) -> bool:
    return "<mark" in http_get(base + CLAIM)


@pytest.fixture
def served(tmp_path: Path, serve_project: Callable[..., LiveServer]) -> LiveServer:
    return serve_project(copy_project(tmp_path / "project"), ready=_first_build_done)


@pytest.fixture
def served_dirty(tmp_path: Path, serve_project: Callable[..., LiveServer]) -> LiveServer:
    return serve_project(copy_project(tmp_path / "project"), "--dirty", ready=_first_build_done)


def test_editing_checks_rebuilds_and_a_mistake_keeps_the_last_good_site(served: LiveServer) -> None:
    base = served.base
    factchecks = served.project / "factchecks.yaml"
    original = factchecks.read_text(encoding="utf-8")

    edited = original.replace(f"claim: {OLD_CLAIM}", f"claim: {NEW_CLAIM}")
    factchecks.write_text(edited, encoding="utf-8")
    wait_for(lambda: NEW_CLAIM in http_get(base + CLAIM), "the edit to appear")

    factchecks.write_text(edited.replace("rating: opinion", "rating: opinon"), encoding="utf-8")
    wait_for(lambda: "did you mean 'opinion'?" in served.log(), "the error in the terminal")
    assert served.process.poll() is None, "the server stopped"
    page = http_get(base + CLAIM)
    assert NEW_CLAIM in page  # the last good site
    log = served.log()
    assert "Traceback" not in log
    assert "factchecks.yaml:" in log

    factchecks.write_text(original, encoding="utf-8")
    wait_for(lambda: OLD_CLAIM in http_get(base + CLAIM), "the fix to appear")

    seed = next((served.project / "seeds").iterdir())
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("harsh and dangerous", "harsh, dangerous"), encoding="utf-8"
    )
    wait_for(lambda: "harsh, dangerous" in http_get(base + SOURCE), "a seed edit to appear")


def _search_docs(base: str) -> list[dict[str, str]]:
    """The pages the served site's search index holds (Pagefind's: URL, title and text of each),
    with each ``location`` relative to the site's root as Material's index gave it."""
    for _ in range(40):
        try:
            index = served_index(base)
            break
        except AssertionError:  # read while a rebuild swapped the index in: read it again
            time.sleep(0.25)
    else:
        index = served_index(base)
    pages = [page for found in index.values() for page in found]
    return [
        {"location": p["url"].lstrip("/"), "title": p["meta"]["title"], "text": p["content"]} for p in pages
    ]


def test_dirty_serving_shows_an_edit_everywhere_and_search_stays_whole(served_dirty: LiveServer) -> None:
    """`mkdocs serve --dirty` re-renders only what an edit changed, yet search finds every page, once."""
    base = served_dirty.base
    before = _search_docs(base)
    pages_before = {d["location"].split("#")[0] for d in before}
    other = "claims/musk-remaking-federal-government/"

    def other_page() -> str:  # without the live-reload script's changing numbers
        return re.sub(r"livereload\([\d, ]+\)", "", http_get(base + other))

    other_before = other_page()
    factchecks = served_dirty.project / "factchecks.yaml"
    original = factchecks.read_text(encoding="utf-8")
    for edit in range(2):  # a second edit, on top of a dirty build's index
        claim = NEW_CLAIM if edit == 0 else f"{NEW_CLAIM} Again."
        factchecks.write_text(original.replace(f"claim: {OLD_CLAIM}", f"claim: {claim}"), encoding="utf-8")
        wait_for(lambda claim=claim: claim in http_get(base + CLAIM), "the edit on the claim page")
        assert claim in http_get(base + "claims/"), "the index lists the edited claim"
        docs = _search_docs(base)
        entries = [json.dumps(d, sort_keys=True) for d in docs]
        assert len(entries) == len(set(entries)), "duplicate search entries"
        assert {d["location"].split("#")[0] for d in docs} == pages_before, "search lost or gained pages"
        claim_titles = [d["title"] for d in docs if d["location"] == CLAIM]
        assert len(claim_titles) == 1 and claim in claim_titles[0]
        assert not any(OLD_CLAIM in d["title"] for d in docs)
    assert other_page() == other_before  # untouched pages are served as they were
    assert "Traceback" not in served_dirty.log()


def test_the_sitemap_date_follows_the_data_while_serving(served: LiveServer) -> None:
    base = served.base
    factchecks = served.project / "factchecks.yaml"
    text = factchecks.read_text(encoding="utf-8")
    first = re.search(r"\n    published: (\d{4}-\d\d-\d\d)", text)
    assert first and "2026-01-15" not in http_get(base + "sitemap.xml")
    factchecks.write_text(text.replace(first.group(0), "\n    published: 2026-01-15", 1), encoding="utf-8")
    wait_for(
        lambda: "<lastmod>2026-01-15</lastmod>" in http_get(base + "sitemap.xml"),
        "the newer date in the sitemap",
    )


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as err:
        return err.code


def test_dirty_serving_drops_a_removed_check_and_follows_search_exclusion(served_dirty: LiveServer) -> None:
    base = served_dirty.base
    factchecks = served_dirty.project / "factchecks.yaml"
    text = factchecks.read_text(encoding="utf-8")
    removed = "musk-remaking-federal-government"
    start = text.index(f"  - id: {removed}")
    kept = text[:start] + text[text.index("  - id: el-salvador-accepts-any-nationality") :]
    factchecks.write_text(kept, encoding="utf-8")
    wait_for(lambda: removed not in http_get(base + "claims/"), "the index without the removed check")
    assert _status(base + f"claims/{removed}/") == 404, "the removed check's page is still served"
    assert not [d for d in _search_docs(base) if removed in d["location"]]

    about = served_dirty.project / "docs" / "about.md"
    original = about.read_text(encoding="utf-8")
    excluded = original.replace("---\ntitle: About\n", "---\ntitle: About\nsearch:\n  exclude: true\n", 1)
    assert excluded != original

    def about_entries() -> int:
        return len([d for d in _search_docs(base) if d["location"].startswith("about/")])

    for step, text_now in enumerate((excluded, original, excluded)):
        about.write_text(text_now, encoding="utf-8")
        expected_none = text_now is excluded
        wait_for(
            lambda e=expected_none: (about_entries() == 0) == e,
            f"step {step}: about/ {'out of' if expected_none else 'back in'} search",
        )
