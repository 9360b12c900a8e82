"""Listings page: no listing page grows with the desk, and every check is still reachable.

A generated desk of a few hundred checks, built with a small page size: a crawl without
JavaScript reaches every live check from the first page of "All fact checks" by links alone; no
page lists more than the page size; each verdict, topic, claimant and source has facet pages
that list exactly its checks; and the facet index the filters fetch says the same as the data.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from sitebuild import copy_project, mkdocs_build, parse, run_cli

from factsite import urls
from factsite.bench.corpus import generate_corpus
from factsite.quotes.project import load_project
from factsite.render.pagination import Pager, paginate
from factsite.render.slugs import claimant_slugs, topic_slugs

PAGE_SIZE = 8
# The lists that grow with the desk: checks, claimants, topics, sources, corrections.
LISTS = {"fs-list", "fs-claimant-list", "fs-source-list", "fs-log"}


# -- the pager, as pure functions ---------------------------------------------------------------


@given(st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=60))
def test_pages_hold_every_item_once_in_order_and_none_more_than_the_size(total: int, size: int) -> None:
    items = list(range(total))
    pages = paginate("claims/index.md", items, size)
    assert [i for _, chunk in pages for i in chunk] == items
    assert all(0 < len(chunk) <= size for _, chunk in pages) or total == 0
    assert [pager.number for pager, _ in pages] == list(range(1, len(pages) + 1))
    assert all(pager.count == len(pages) and pager.total == total for pager, _ in pages)
    assert len({pager.path for pager, _ in pages}) == len(pages)


@given(st.integers(min_value=1, max_value=500), st.data())
def test_every_page_links_its_neighbours_the_ends_and_numbers_in_order(
    count: int, data: st.DataObject
) -> None:
    number = data.draw(st.integers(min_value=1, max_value=count))
    pager = Pager("verdicts/false.md", number, count, 50, count * 50)
    shown = pager.numbers()
    numbers = [n for n in shown if n is not None]
    assert numbers == sorted(set(numbers))
    assert {1, count, number} <= set(numbers)
    assert number == 1 or number - 1 in numbers
    assert number == count or number + 1 in numbers
    assert len(shown) <= 9  # a short row, however many pages
    # A gap stands for at least two pages: one missing number is shown instead.
    for before, gap, after in zip(shown, shown[1:], shown[2:], strict=False):
        if gap is None:
            assert before is not None and after is not None and after - before > 2


def test_later_pages_live_under_the_first() -> None:
    assert urls.listing_page("claims/index.md", 1) == "claims/index.md"
    assert urls.listing_page("claims/index.md", 2) == "claims/page/2.md"
    assert urls.listing_page("verdicts/false.md", 3) == "verdicts/false/page/3.md"
    assert urls.listing_page("corrections.md", 2) == "corrections/page/2.md"
    assert urls.listing_page("topics/tax.md", 2) == "topics/tax/page/2.md"


# -- a built desk of a few hundred checks -------------------------------------------------------


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = tmp_path_factory.mktemp("desk")
    generate_corpus(project, sources=30, checks_per_source=10)
    data_file = project / "factchecks.yaml"
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    # Some retracted checks: they keep their page but leave every listing.
    for check in data["checks"][::37]:
        check["retracted"] = {"date": dt.date(2026, 1, 2), "reason": "We could not stand by it."}
    data_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    options = "factsite: {publisher: The Synthetic Desk"
    assert options in text
    config.write_text(text.replace(options, f"{options}, page_size: {PAGE_SIZE}", 1), encoding="utf-8")
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return project, site


def _page_file(site: Path, url: str) -> Path:
    path = site / unquote(urlsplit(url).path).lstrip("/")
    return path / "index.html" if url.endswith("/") or path.is_dir() else path


def _crawl(site: Path, first: str) -> tuple[list[str], list[str]]:
    """From the listing page ``first`` (site-relative URL), following only its own pages' links:
    the pages visited and the claim pages they list, in order."""
    root = "http://site/"
    folder = first.rstrip("/") + "/"
    todo, seen, claims = [root + first], [], []
    while todo:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.append(url)
        page = parse(_page_file(site, url[len(root) :]))
        for item in page.find("a", **{"class": "fs-item__claim"}):
            claims.append(urljoin(url, item.get("href") or "")[len(root) :])
        for nav in page.find("nav", **{"class": "fs-pager"}):
            for link in page.find("a"):
                if nav in link.parents:
                    target = urljoin(url, link.get("href") or "")
                    assert target.startswith(root + folder) or target == root + first, target
                    todo.append(target)
    return seen, claims


def _claim_url(check_id: str) -> str:
    return f"claims/{check_id}/"


def test_every_live_check_is_reachable_from_the_first_page_by_links_alone(desk: tuple[Path, Path]) -> None:
    project_dir, site = desk
    project = load_project(project_dir / "factchecks.yaml")
    live = [c for c in project.checks if not c.retracted]
    pages, claims = _crawl(site, "claims/")
    assert sorted(claims) == sorted(_claim_url(c.id) for c in live)
    assert len(claims) == len(set(claims))
    assert len(pages) == -(-len(live) // PAGE_SIZE)
    # Page after page (each page's "next" link), newest first.
    in_order, url = [], "claims/"
    while url:
        page = parse(_page_file(site, url))
        links = page.find("a", **{"class": "fs-item__claim"})
        in_order += [urljoin("http://s/" + url, a.get("href") or "")[9:] for a in links]
        following = page.find("a", rel="next")
        url = urljoin("http://s/" + url, following[0].get("href") or "")[9:] if following else ""
    by_id = sorted(live, key=lambda c: c.id)
    newest_first = sorted(by_id, key=lambda c: (c.published, c.claim_date), reverse=True)
    assert in_order == [_claim_url(c.id) for c in newest_first]


def test_no_page_lists_more_than_the_page_size(desk: tuple[Path, Path]) -> None:
    _, site = desk
    for html in site.rglob("*.html"):
        page = parse(html)
        for listing in page.find("ol") + page.find("ul"):
            if set((listing.get("class") or "").split()) & LISTS:
                items = [li for li in page.find("li") if li.parents and li.parents[-1] is listing]
                assert len(items) <= PAGE_SIZE, html


@pytest.mark.parametrize("facet", ["verdict", "topic", "claimant"])
def test_each_facet_has_pages_listing_exactly_its_checks(desk: tuple[Path, Path], facet: str) -> None:
    project_dir, site = desk
    project = load_project(project_dir / "factchecks.yaml")
    live = [c for c in project.checks if not c.retracted]
    groups: dict[str, list[str]] = {}
    if facet == "verdict":
        for c in live:
            groups.setdefault(urls.verdict_page(c.rating), []).append(c.id)
    elif facet == "topic":
        slugs = topic_slugs(project.checks)
        for c in live:
            for tag in c.tags:
                groups.setdefault(urls.topic_page(slugs[tag]), []).append(c.id)
    else:
        slugs = claimant_slugs(project.checks)
        for c in live:
            groups.setdefault(urls.claimant_page(slugs[c.claimant]), []).append(c.id)
    assert len(groups) > 1
    assert any(len(ids) > PAGE_SIZE for ids in groups.values()), "the desk should page some facet"
    for path, ids in groups.items():
        first = path.removesuffix(".md") + "/"
        _, claims = _crawl(site, first)
        assert sorted(claims) == sorted(_claim_url(i) for i in ids), path
        # The count the page states is the data's.
        intro = parse(_page_file(site, first)).text
        assert re.search(rf"\b{len(ids)} fact checks?\b", intro), path


def test_a_source_s_page_holds_each_of_its_live_checks_beside_the_text(desk: tuple[Path, Path]) -> None:
    """The source facet: a source's own page, bounded by its document, shows every live check of it
    (a card each, linking its claim page) and no other."""
    project_dir, site = desk
    project = load_project(project_dir / "factchecks.yaml")
    live = [c for c in project.checks if not c.retracted]
    for source in project.sources:
        page = parse(site / "sources" / source.id / "index.html")
        cards = {card.get("data-check") for card in page.find("article", **{"class": "fs-card"})}
        assert cards == {c.id for c in live if c.source == source.id}, source.id


def test_the_listings_of_names_page_too_and_reach_every_facet(desk: tuple[Path, Path]) -> None:
    project_dir, site = desk
    project = load_project(project_dir / "factchecks.yaml")
    live = [c for c in project.checks if not c.retracted]
    for first, expected in (
        ("topics/", {t for c in live for t in c.tags}),
        ("claimants/", {c.claimant for c in live}),
        ("sources/", {s.title for s in project.sources}),
    ):
        seen, names = [], []
        todo = [first]
        while todo:
            url = todo.pop(0)
            if url in seen:
                continue
            seen.append(url)
            page = parse(_page_file(site, url))
            lists = [e for e in page.find("ul") if "fs-" in (e.get("class") or "")]
            names += [a.text.strip() for a in page.find("a") if any(ul in a.parents for ul in lists)]
            for nav in page.find("nav", **{"class": "fs-pager"}):
                todo += [
                    urljoin("http://s/" + url, a.get("href") or "")[len("http://s/") :]
                    for a in page.find("a")
                    if nav in a.parents
                ]
        assert set(names) == expected, first
        assert len(names) == len(expected), first


def test_later_pages_are_titled_by_number_out_of_the_navigation_and_search(desk: tuple[Path, Path]) -> None:
    _, site = desk
    first = parse(site / "claims" / "index.html")
    second = parse(site / "claims" / "page" / "2" / "index.html")
    (title,) = second.find("title")
    assert "(page 2 of" in title.text
    (title,) = first.find("title")
    assert "page" not in title.text
    current = [a for a in second.find("a") if a.get("aria-current") == "page"]
    assert [a.text for a in current if a.text.strip() == "2"]
    assert second.find("a", rel="prev") and second.find("a", rel="next")


def test_the_facet_index_says_what_the_data_says(desk: tuple[Path, Path]) -> None:
    project_dir, site = desk
    project = load_project(project_dir / "factchecks.yaml")
    live = [c for c in project.checks if not c.retracted]
    facets = json.loads((site / "claims" / "facets.json").read_text(encoding="utf-8"))
    rows = facets["checks"]
    assert sorted(r[0] for r in rows) == sorted(c.id for c in live)
    by_id = {c.id: c for c in live}
    for check_id, claim, _, verdict, claimant, source, topics, corrected in rows:
        check = by_id[check_id]
        assert claim == check.claim
        assert facets["verdicts"][verdict] == check.rating
        assert facets["claimants"][claimant][0] == check.claimant
        assert facets["sources"][source][0] == check.source
        assert sorted(facets["topics"][t] for t in topics) == sorted(check.tags)
        assert corrected == (1 if check.corrections else 0)
    assert Counter(facets["verdicts"][r[3]] for r in rows) == Counter(c.rating for c in live)
    # Compact: each name once, each check a short row.
    assert len(json.dumps(facets)) < 400 * len(live)


def test_the_index_offers_filters_and_facet_links_of_a_bounded_size(desk: tuple[Path, Path]) -> None:
    _, site = desk
    page = parse(site / "claims" / "index.html")
    (form,) = [f for f in page.find("form") if "data-fs-filters" in f.attrs]
    assert "hidden" in form.attrs  # shown by the script only
    # The topic, claimant and source choices come from the facet index, not the page.
    assert not [o for o in page.find("option") if o.parents and o.parents[-1].tag == "datalist"]
    (browse,) = page.find("nav", **{"class": "fs-browse"})
    hrefs = {a.get("href") for a in page.find("a") if browse in a.parents}
    assert {"../topics/", "../claimants/", "../sources/"} <= hrefs


@pytest.mark.parametrize(
    ("value", "said"), [("0", "at least 1"), ("yes", "whole number"), ("many", "page_size")]
)
def test_a_bad_page_size_is_refused_by_check_and_by_the_build(tmp_path: Path, value: str, said: str) -> None:
    project = copy_project(tmp_path / "sample")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - factsite:\n", f"  - factsite:\n      page_size: {value}\n", 1))
    checked = run_cli("check", cwd=project)
    assert checked.returncode != 0 and "page_size" in checked.stderr and "Traceback" not in checked.stderr
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode != 0 and said in built.stderr and "Traceback" not in built.stderr
    assert not (tmp_path / "site" / "index.html").exists()
