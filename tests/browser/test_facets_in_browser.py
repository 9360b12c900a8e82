"""A big desk's listings in Chromium: pages and facet pages without JavaScript, filters with it.

A generated desk of 240 checks, listed 12 to a page. Without JavaScript a reader reaches a
verdict's, a topic's, a claimant's and a source's checks through links and page numbers; with it,
the filters combine over every check (not just the page shown), from a facet index fetched only
once the reader filters, and axe finds nothing wrong on the new kinds of page in either palette.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from browsing import Reader, ServedSite, new_reader, serve_built_site
from playwright.sync_api import expect
from test_accessibility import axe_violations

from factsite.bench.corpus import generate_corpus

PAGE_SIZE = 12


@pytest.fixture(scope="module")
def big_site(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    project = tmp_path_factory.mktemp("browser-big-desk")
    generate_corpus(project, sources=24, checks_per_source=10)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    options = "factsite: {publisher: The Synthetic Desk"
    assert options in text and "site_url: http://127.0.0.1:8000/" in text
    text = text.replace(options, f"{options}, page_size: {PAGE_SIZE}", 1)
    text = text.replace(
        "site_url: http://127.0.0.1:8000/", 'site_url: !ENV [FACTSITE_SITE_URL, "http://127.0.0.1:8000/"]'
    )
    config.write_text(text, encoding="utf-8")
    yield from serve_built_site(project, "big-desk")


@pytest.fixture(scope="module")
def checks(big_site: ServedSite) -> list[dict[str, Any]]:
    data = yaml.safe_load((big_site.root.parent / "factchecks.yaml").read_text(encoding="utf-8"))
    return list(data["checks"])


@pytest.fixture
def big_reader(browser: Any, big_site: ServedSite) -> Iterator[Reader]:
    reader = new_reader(browser, big_site)
    try:
        yield reader
    finally:
        reader.context.close()


@pytest.fixture
def no_script_reader(browser: Any, big_site: ServedSite) -> Iterator[Reader]:
    reader = new_reader(browser, big_site, java_script_enabled=False)
    try:
        yield reader
    finally:
        reader.context.close()


def _listed(reader: Reader) -> list[str]:
    links = reader.page.locator("li.fs-item:visible a.fs-item__claim")
    return [str(a.evaluate("(a) => a.href")) for a in links.all()]


def _claim_url(reader: Reader, check: dict[str, Any]) -> str:
    return reader.site.url(f"claims/{check['id']}/")


def test_without_javascript_a_verdict_s_checks_are_all_reached_through_its_pages(
    no_script_reader: Reader, checks: list[dict[str, Any]]
) -> None:
    reader, page = no_script_reader, no_script_reader.page
    page.goto(reader.site.url("claims/"))
    expect(page.locator("form[data-fs-filters]")).to_be_hidden()
    assert len(_listed(reader)) == PAGE_SIZE
    rating = max({c["rating"] for c in checks}, key=lambda r: sum(c["rating"] == r for c in checks))
    expected = {_claim_url(reader, c) for c in checks if c["rating"] == rating}
    assert len(expected) > PAGE_SIZE, "the desk should page the verdict"
    page.locator(f".fs-browse a[href$='verdicts/{rating}/']").click()
    page.wait_for_url(f"**/verdicts/{rating}/")
    seen: list[str] = []
    while True:
        listed = _listed(reader)
        assert 0 < len(listed) <= PAGE_SIZE
        seen += listed
        following = page.locator(".fs-pager a[rel=next]")
        if not following.count():
            break
        following.click()
        page.wait_for_load_state()
    assert sorted(seen) == sorted(expected)


def test_without_javascript_topics_claimants_and_sources_lead_to_their_checks(
    no_script_reader: Reader, checks: list[dict[str, Any]]
) -> None:
    reader, page = no_script_reader, no_script_reader.page
    for listing, name_of in (
        ("Topics", lambda c: c["tags"]),
        ("Claimants", lambda c: [c["claimant"]]),
    ):
        page.goto(reader.site.url("claims/"))
        page.locator(".fs-browse").get_by_role("link", name=listing, exact=True).click()
        page.wait_for_load_state()
        first = page.locator("main ul li a[dir=auto]").first
        name = first.inner_text()
        first.click()
        page.wait_for_load_state()
        expect(page.locator("h1")).to_have_text(name)
        expected = {_claim_url(reader, c) for c in checks if name in name_of(c)}
        seen = set(_listed(reader))
        while page.locator(".fs-pager a[rel=next]").count():
            page.locator(".fs-pager a[rel=next]").click()
            page.wait_for_load_state()
            seen |= set(_listed(reader))
        assert seen == expected, listing
    # A source: from the list of sources to its page, where each of its checks sits beside its text.
    source = checks[0]["source"]
    page.goto(reader.site.url("claims/"))
    page.locator(".fs-browse").get_by_role("link", name="Sources", exact=True).click()
    page.wait_for_load_state()
    while not page.locator(f"main a[href$='{source}/']").count():
        page.locator(".fs-pager a[rel=next]").click()
        page.wait_for_load_state()
    page.locator(f"main a[href$='{source}/']").first.click()
    page.wait_for_load_state()
    cards = page.locator(".fs-card__claim a")
    linked = {str(a.evaluate("(a) => a.href")).split("#")[0] for a in cards.all()}
    assert linked == {_claim_url(reader, c) for c in checks if c["source"] == source}


def test_the_filters_combine_over_every_check_and_fetch_the_index_only_when_used(
    big_reader: Reader, checks: list[dict[str, Any]]
) -> None:
    reader, page = big_reader, big_reader.page
    reader.open("claims/")
    expect(page.locator("form[data-fs-filters]")).to_be_visible()
    assert not [u for u in reader.traffic.requested if u.endswith("facets.json")]
    # A verdict and a topic together: the matches come from all the checks, not the page shown.
    rating = checks[-1]["rating"]
    topic = checks[-1]["tags"][0]
    expected = [c for c in checks if c["rating"] == rating and topic in c["tags"]]
    page.select_option("select[name=verdict]", rating)
    field = page.locator("input[name=tag]")
    field.fill(topic)
    field.dispatch_event("change")
    expect(page.locator("[data-fs-status]")).to_have_text(
        f"Showing {len(expected)} of {len(checks)} fact checks."
    )
    assert [u for u in reader.traffic.requested if u.endswith("claims/facets.json")]
    more = page.locator("[data-fs-more]")
    while more.is_visible():
        more.click()
    assert sorted(_listed(reader)) == sorted(_claim_url(reader, c) for c in expected)
    assert checks[-1]["id"] in " ".join(_listed(reader))
    # The address holds the filters: a reader can share them, and coming back restores them.
    assert "verdict=" in page.url and "tag=" in page.url
    page.reload()
    expect(page.locator("[data-fs-status]")).to_have_text(
        f"Showing {len(expected)} of {len(checks)} fact checks."
    )
    # The list a reader without the filters sees comes back when they are cleared.
    page.get_by_role("button", name="Clear filters").click()
    expect(page.locator("[data-fs-listing] li.fs-item")).to_have_count(PAGE_SIZE)
    expect(page.locator("[data-fs-results]")).to_be_hidden()
    # A claimant picked from the suggestions.
    claimant = checks[0]["claimant"]
    page.locator("input[name=claimant]").fill(claimant)
    page.locator("input[name=claimant]").dispatch_event("change")
    expected_count = sum(c["claimant"] == claimant for c in checks)
    expect(page.locator("[data-fs-status]")).to_have_text(
        f"Showing {expected_count} of {len(checks)} fact checks."
    )
    facets = json.loads((reader.site.root / "claims" / "facets.json").read_text(encoding="utf-8"))
    assert claimant in [name for name, _ in facets["claimants"]]
    assert not reader.traffic.problems(), reader.traffic.problems()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "rel",
    [
        "claims/page/2/", "topics/", "TOPIC", "claimants/", "sources/page/2/", "verdicts/false/page/2/",
        "claims/?verdict=false",
    ],
)
def test_axe_finds_nothing_on_paged_listings_and_filtered_results(
    browser: Any, big_site: ServedSite, rel: str, scheme: str
) -> None:
    if rel == "TOPIC":  # a topic's page, whichever the desk has
        rel = "topics/" + sorted(p.name for p in (big_site.root / "topics").iterdir() if p.is_dir())[0] + "/"
    reader = new_reader(browser, big_site, color_scheme=scheme)
    try:
        reader.open(rel)
        if "?" in rel:
            expect(reader.page.locator("[data-fs-results] li.fs-item").first).to_be_visible()
        assert axe_violations(reader.page) == []
    finally:
        reader.context.close()
