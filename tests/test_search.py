"""Search: every build indexes the site with Pagefind (site/pagefind/), never with Material's lunr.

What a reader can find is read back from Pagefind's own output (its fragments: each page's URL,
title and the text it searches), so these tests see exactly what was indexed: the content of each
page and not the header, navigation or footer around it; no boilerplate that every check repeats;
each check's words on its own page, not on the listings. The browser tests
(tests/browser/test_search_in_browser.py) run real queries.
"""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitebuild import (
    OTHER_DESK,
    Element,
    copy_project,
    mkdocs_build,
    parse,
    run_engine,
    sample_data,
    site_index,
)

# factsite's words on every claim page (or every source page) that must not be indexed once per
# check: the links and labels around a check, not the check.
BOILERPLATE = (
    "All fact checks",
    "How we check",
    "Report an error",
    "Corrections policy",
    "Our verdict",
    "What was said",
    "Claim made",
    "” means",  # What “Accurate” means
    "See the passage in the full text",
    "Find it in the original article",
    "Archived copy",
    "Fact check ·",
    "Read the full check",
    "Show passage",
    "Select a highlighted passage",
)
# Material's page chrome: header, navigation, footer.
CHROME = ("Skip to content", "Made with", "Back to top")


def pages_by_url(site: Path, language: str = "en") -> dict[str, dict[str, Any]]:
    return {page["url"]: page for page in site_index(site)[language]}


def having(path: Path, attribute: str) -> list[Element]:
    """The elements of a built page that carry ``attribute``."""
    return [e for e in parse(path).elements if attribute in e.attrs]


def test_a_build_writes_a_pagefind_index_and_no_material_index(sample_site: Path) -> None:
    """Without this, every page load would still fetch Material's whole search_index.json."""
    assert not (sample_site / "search").exists()
    bundle = sample_site / "pagefind"
    for name in ("pagefind.js", "pagefind-entry.json", "wasm.en.pagefind"):
        assert (bundle / name).is_file(), name
    assert not list(bundle.glob("pagefind-*ui*")), "Pagefind's own interfaces are not used"
    assert not (bundle / "pagefind-worker.js").exists(), "nor its worker: search.js sets noWorker"
    assert not (sample_site / ".pagefind-new").exists()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"en"}
    pages = [p for p in sample_site.rglob("index.html") if "pagefind" not in p.parts]
    assert entry["languages"]["en"]["page_count"] == len(pages)
    assert "/404.html" not in pages_by_url(sample_site)


def test_no_page_asks_for_material_search(sample_site: Path) -> None:
    """Material's bundle fetches search/search_index.json as any page opens when the page has a form
    named "search", and mounts its own search on data-md-component="search..." elements."""
    for path in sample_site.rglob("*.html"):
        page = parse(path)
        assert not page.find("form", name="search"), path
        components = {e.get("data-md-component") for e in page.elements}
        assert not {c for c in components if c and c.startswith("search")}, path
    home = parse(sample_site / "index.html")
    assert home.find("label", **{"for": "__search", "class": "md-header__button"})
    assert having(sample_site / "index.html", "data-fs-search")
    assert any((s.get("src") or "").endswith("assets/factsite/search.js") for s in home.find("script"))


def test_only_the_content_of_a_page_is_indexed(sample_site: Path) -> None:
    """Without this, the site name, navigation and footer would be indexed on every page."""
    pages = pages_by_url(sample_site)
    site_name = "El Salvador prison offer, fact-checked"
    for url, page in pages.items():
        for words in CHROME:
            assert words not in page["content"], (url, words)
        if url.startswith("/claims/") and url != "/claims/":
            assert site_name not in page["content"], url
    for path in sample_site.rglob("index.html"):
        marked = having(path, "data-pagefind-body")
        assert [e.tag for e in marked] in (["article"], []), path


def test_no_boilerplate_string_is_indexed_once_per_check(sample_site: Path) -> None:
    """The issue's count: no string of factsite's page furniture is indexed on any claim page or
    source page, so none is indexed once per check or per source."""
    pages = pages_by_url(sample_site)
    claim_pages = [p for url, p in pages.items() if re.fullmatch(r"/claims/[^/]+/", url)]
    source_pages = [p for url, p in pages.items() if re.fullmatch(r"/sources/[^/]+/", url)]
    assert len(claim_pages) == len(sample_data()["checks"]) and source_pages
    counts = {words: sum(words in p["content"] for p in claim_pages + source_pages) for words in BOILERPLATE}
    assert not any(counts.values()), counts
    # The strings are factsite's: the counting finds them where they are indexed on purpose.
    assert "All fact checks" in pages["/claims/"]["content"]


def test_a_checks_claim_and_quote_are_indexed_on_its_own_page_not_on_listings(sample_site: Path) -> None:
    """Without this, the list of all checks, the home page, a claimant's or verdict's page or the
    source's cards would compete with the claim page for the words of its claim."""
    pages = pages_by_url(sample_site)
    for check in sample_data()["checks"]:
        own = f"/claims/{check['id']}/"
        claim = check["claim"].rstrip(".")
        holding = sorted(url for url, page in pages.items() if claim in page["content"])
        assert own in holding, check["id"]
        # Other claim pages and the source may quote the same words; a listing never holds them.
        listings = [u for u in holding if not re.fullmatch(r"/(claims|sources)/[^/]+/", u)]
        assert not listings, (check["id"], listings)
        quote = " ".join(check["quote"].split())
        assert quote.replace("\u201c", '"').replace("\u201d", '"') in pages[own]["content"].replace(
            "\u201c", '"'
        ).replace("\u201d", '"'), check["id"]


def test_the_words_around_a_quote_on_its_claim_page_are_not_indexed(sample_site: Path) -> None:
    """The quote is shown inside its paragraph; the rest of the paragraph is another check's words."""
    page = pages_by_url(sample_site)["/claims/us-cannot-deport-citizens/"]
    assert "The US government cannot deport American citizens" in page["content"]
    assert "After Rubio spoke" not in page["content"]


def desk_in(dest: Path, language: str) -> Path:
    """The sample desk with ``theme.language`` set (edited as text: the file holds ``!ENV`` tags)."""
    project = copy_project(dest)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^(  )language: \w+$", rf"\1language: {language}", text), encoding="utf-8")
    return project


@pytest.mark.parametrize(("fixture", "language"), [("other-desk", "es"), ("sample", "ar")])
def test_each_language_gets_its_own_index_holding_the_quotes(
    tmp_path: Path, fixture: str, language: str
) -> None:
    """Pagefind reads <html lang>: a site built in Spanish or Arabic is indexed in that language."""
    project = copy_project(tmp_path / "desk", OTHER_DESK) if fixture == "other-desk" else None
    project = project or desk_in(tmp_path / "desk", language)
    site = tmp_path / "public"
    built = mkdocs_build(project, site)
    assert built.returncode == 0, built.stderr[-3000:]
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {language}
    assert (site / "pagefind" / f"wasm.{language}.pagefind").is_file()
    checks = yaml.safe_load((project / "factchecks.yaml").read_text(encoding="utf-8"))["checks"]
    pages = pages_by_url(site, language)
    for check in checks:
        quote = " ".join(str(check["quote"]).split())
        assert quote in pages[f"/claims/{check['id']}/"]["content"], check["id"]


def test_a_desk_that_still_lists_material_search_builds_with_factsite_search(tmp_path: Path) -> None:
    """Material's search plugin is switched off (it would write a 30 MB index at 10,000 checks) and
    said so at INFO, so `--strict` passes; the header still has the search box."""
    project = copy_project(tmp_path / "desk")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("plugins:\n", "plugins:\n  - search\n", 1), encoding="utf-8")
    site = tmp_path / "public"
    built = mkdocs_build(project, site)
    assert built.returncode == 0, built.stderr[-3000:]
    assert "Material's `search` plugin is not used" in built.stderr
    assert not (site / "search").exists()
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert having(site / "index.html", "data-fs-search")
    assert not parse(site / "index.html").find("form", name="search")


def test_search_false_builds_without_search(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "desk")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    off = text.replace("  - factsite:\n", "  - factsite:\n      search: false\n", 1)
    config.write_text(off, encoding="utf-8")
    site = tmp_path / "public"
    built = mkdocs_build(project, site)
    assert built.returncode == 0, built.stderr[-3000:]
    assert not (site / "pagefind").exists() and not (site / "search").exists()
    home = parse(site / "index.html")
    assert not home.find("div", **{"class": "md-search"}), "a search box that searches nothing"
    assert not any("search.js" in (s.get("src") or "") for s in home.find("script"))
    assert not having(site / "index.html", "data-pagefind-body")


def test_a_page_excluded_from_search_in_its_front_matter_is_not_indexed(tmp_path: Path) -> None:
    """Material's `search: {exclude: true}` front matter keeps working."""
    project = copy_project(tmp_path / "desk")
    about = project / "docs" / "about.md"
    text = about.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    about.write_text("---\nsearch:\n  exclude: true\n" + text[4:], encoding="utf-8")
    site = tmp_path / "public"
    built = mkdocs_build(project, site)
    assert built.returncode == 0, built.stderr[-3000:]
    assert "/about/" not in pages_by_url(site) and "/methodology/" in pages_by_url(site)


def test_a_pagefind_failure_stops_the_build_with_a_clear_error(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "desk")
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: something broke' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    built = mkdocs_build(project, tmp_path / "public", PAGEFIND_BINARY_PATH=str(broken))
    assert built.returncode != 0
    assert "Pagefind could not index the site for search (exit status 3)" in built.stderr
    assert "something broke" in built.stderr
    assert "Traceback" not in built.stderr
    missing = mkdocs_build(project, tmp_path / "public", PAGEFIND_BINARY_PATH=str(tmp_path / "nothing"))
    assert missing.returncode != 0 and "Traceback" not in missing.stderr
    assert "pip install 'pagefind[extended]'" in missing.stderr


def test_a_dirty_build_indexes_the_whole_site(tmp_path: Path) -> None:
    """`mkdocs build --dirty` renders only what changed, and Pagefind still indexes every page."""
    project = copy_project(tmp_path / "desk")
    site = tmp_path / "public"
    assert mkdocs_build(project, site).returncode == 0
    before = set(pages_by_url(site))
    data = project / "factchecks.yaml"
    check = sample_data()["checks"][0]
    data.write_text(
        data.read_text(encoding="utf-8").replace(f"claim: {check['claim']}", "claim: A claim edited today"),
        encoding="utf-8",
    )
    dirty = run_engine(project, "build", "--dirty", "-d", str(site))
    assert dirty.returncode == 0, dirty.stderr[-3000:]
    after = pages_by_url(site)
    assert set(after) == before
    assert after[f"/claims/{check['id']}/"]["meta"]["title"].startswith("A claim edited today")
    assert not (site / ".pagefind-new").exists()
