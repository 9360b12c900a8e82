"""Claimant and verdict pages: one page per claimant and per rating, each listing exactly its live
checks (newest first), reached from every claim page, listing and badge that names them, and in
search once each as themselves, not as copies of their checks.

The desk is a copy of the sample where two more claimants' names collide with "Marco Rubio" once
slugified and one check is retracted.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from sitebuild import ParsedPage, copy_project, mkdocs_build, parse, site_index

from factsite.model import Check
from factsite.render.slugs import base_slug, claimant_slugs

BASE = "https://example.org/"
RETRACTED_ID = "us-cannot-deport-citizens"  # Associated Press, accurate: the other AP check stays


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    project = copy_project(tmp_path_factory.mktemp("people") / "project")
    data = yaml.safe_load((project / "factchecks.yaml").read_text(encoding="utf-8"))
    rubio = [c for c in data["checks"] if c["claimant"] == "Marco Rubio"]
    assert len(rubio) >= 3, "the sample needs three checks of one claimant"
    rubio[1]["claimant"] = "marco rubio"
    rubio[2]["claimant"] = "Marco Rubió"
    retracted = next(c for c in data["checks"] if c["id"] == RETRACTED_ID)
    retracted["retracted"] = {"date": "2025-03-01", "reason": "We relied on the wrong report."}
    (project / "factchecks.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site = project.parent / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site, data


def live(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in data["checks"] if not c.get("retracted")]


def newest_first(checks: list[dict[str, Any]]) -> list[str]:
    ordered = sorted(checks, key=lambda c: c["id"])
    return [c["id"] for c in sorted(ordered, key=lambda c: (c["published"], c["claim_date"]), reverse=True)]


def page_of(site: Path, url: str) -> ParsedPage:
    path = url.removeprefix(BASE)
    assert not path.startswith(("http", "/", "..")), f"{url} leaves the site"
    return parse(site / path / "index.html" if path.endswith("/") or not path else site / path)


def resolve(from_url: str, href: str | None) -> str:
    assert href, "a link without an address"
    return urljoin(BASE + from_url, href).split("#")[0]


def listed(page: ParsedPage) -> list[str]:
    """The checks a page lists, in order: the claim pages its list's items link to."""
    links = [a.get("href") or "" for a in page.find("a", **{"class": "fs-item__claim"})]
    return [link.rstrip("/").rsplit("/", 1)[-1] for link in links]


def claimant_pages(site: Path, data: dict[str, Any]) -> dict[str, str]:
    """Each claimant's page URL, as every claim page's "Claimant" line links it."""
    found: dict[str, set[str]] = {}
    for check in data["checks"]:
        url = f"claims/{check['id']}/"
        page = page_of(site, BASE + url)
        # The first fact of the list: the claimant (the source's outlet may be the same name).
        claimant = next(d for d in page.find("dd") if d.text == check["claimant"])
        links = [a for a in page.find("a") if claimant in a.parents]
        assert len(links) == 1, f"{url}: the claimant line is not one link"
        found.setdefault(check["claimant"], set()).add(resolve(url, links[0].get("href")))
    assert all(len(urls) == 1 for urls in found.values()), found
    return {name: next(iter(urls)) for name, urls in found.items()}


def test_each_claim_page_links_its_claimant_whose_page_lists_exactly_their_checks(desk: Any) -> None:
    site, data = desk
    pages = claimant_pages(site, data)
    assert set(pages) == {c["claimant"] for c in data["checks"]}
    assert len(set(pages.values())) == len(pages), f"two claimants share a page: {pages}"
    for name, url in pages.items():
        assert url.startswith(BASE + "claimants/")
        page = page_of(site, url)
        assert page.find("h1")[0].text.strip() == name
        assert listed(page) == newest_first([c for c in live(data) if c["claimant"] == name])
        assert RETRACTED_ID not in listed(page)
        # The chart counts exactly these checks, verdict by verdict.
        counts = [int(s.text.split()[0]) for s in page.find("span", **{"class": "fs-dist__count"})]
        assert sum(counts) == len(listed(page))


def test_colliding_claimant_names_get_distinct_stable_slugs(desk: Any) -> None:
    site, data = desk
    pages = claimant_pages(site, data)
    assert pages["Marco Rubio"] == BASE + "claimants/marco-rubio/"
    assert {pages["marco rubio"], pages["Marco Rubió"]} == {
        BASE + "claimants/marco-rubio-2/",
        BASE + "claimants/marco-rubio-3/",
    }


def _check(claimant: str, published: str, number: int) -> Check:
    return Check(
        id=f"c{number}", source="s", quote="q", claimant=claimant, claim_date=dt.date(2025, 1, 1),
        claim="c", rating="accurate", summary="s", published=dt.date.fromisoformat(published),
    )


def test_claimant_slugs_are_unique_deterministic_and_do_not_move_when_a_claimant_is_added() -> None:
    names = [
        ("Jane Doe", "2025-01-05"), ("jane doe", "2025-01-02"), ("Jane Dóe", "2025-01-02"),
        ("Index", "2025-01-01"), ("وزير الصحة", "2025-01-01"), ("Jane Doe 2", "2025-01-09"),
    ]
    checks = [_check(name, day, i) for i, (name, day) in enumerate(names)]
    slugs = claimant_slugs(checks)
    assert len(set(slugs.values())) == len(names)
    for _ in range(5):
        assert claimant_slugs(random.sample(checks, len(checks))) == slugs
    # Checked first keeps the plain slug; then by name. Never a reserved id; no Latin letter: a hash.
    assert slugs["Jane Dóe"] == "jane-doe" and slugs["jane doe"] == "jane-doe-3"
    assert slugs["Jane Doe"] == "jane-doe-4" and slugs["Jane Doe 2"] == "jane-doe-2"
    assert slugs["Index"] != "index"
    assert slugs["وزير الصحة"].startswith("claimant-") and slugs["وزير الصحة"] == base_slug("وزير الصحة")
    later = claimant_slugs([*checks, _check("JANE DOE", "2025-02-01", 99)])
    assert {name: later[name] for name in slugs} == slugs
    assert later["JANE DOE"] not in slugs.values()


def test_listings_link_each_claimant_to_their_page(desk: Any) -> None:
    site, data = desk
    pages = claimant_pages(site, data)
    for url in ("claims/", ""):
        page = page_of(site, BASE + url)
        items = page.find("li", **{"class": "fs-item"})
        assert items
        for item in items:
            link = next(a for a in page.find("a", **{"class": "fs-item__claimant"}) if item in a.parents)
            assert resolve(url, link.get("href")) == pages[link.text]
    index = page_of(site, BASE + "claimants/")
    in_list = [a for a in index.find("a") if a.parents[-1].tag == "li"]
    linked = {a.text: resolve("claimants/", a.get("href")) for a in in_list}
    assert {k: v for k, v in linked.items() if k in pages} == pages
    claims_index = page_of(site, BASE + "claims/")
    assert BASE + "claimants/" in {resolve("claims/", a.get("href")) for a in claims_index.find("a")}


def test_each_badge_means_link_reaches_its_verdict_page_which_lists_exactly_its_checks(desk: Any) -> None:
    site, data = desk
    ratings = {c["rating"] for c in live(data)}
    for check in live(data):
        url = f"claims/{check['id']}/"
        page = page_of(site, BASE + url)
        means = page.find("p", **{"class": "fs-claim__rating-link"})
        (link,) = [a for a in page.find("a") if any(p in means for p in a.parents)]
        assert resolve(url, link.get("href")) == BASE + f"verdicts/{check['rating']}/"
    ratings_page = page_of(site, BASE + "ratings/")
    from_ratings = {resolve("ratings/", a.get("href")) for a in ratings_page.find("a")}
    for rating in ratings:
        url = BASE + f"verdicts/{rating}/"
        assert url in from_ratings, f"the ratings page does not link {url}"
        page = page_of(site, url)
        assert listed(page) == newest_first([c for c in live(data) if c["rating"] == rating])
        assert RETRACTED_ID not in listed(page)
    # Every rating of the scale has its page, with its definition, checks or none.
    for key in ("false", "mixed"):
        page = page_of(site, BASE + f"verdicts/{key}/")
        assert listed(page) == [] and "No checks yet." in page.text


def test_the_pages_are_in_search_once_each_without_their_checks(desk: Any) -> None:
    site, data = desk
    docs = [
        {"location": p["url"].lstrip("/"), "title": p["meta"]["title"], "text": p["content"]}
        for found in site_index(site).values()
        for p in found
    ]
    pages = [u.removeprefix(BASE) for u in claimant_pages(site, data).values()]
    pages += [f"verdicts/{key}/" for key in {c["rating"] for c in data["checks"]}]
    pages += ["claimants/"]
    by_page: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        by_page.setdefault(doc["location"].split("#")[0], []).append(doc)
    for page in pages:
        entries = by_page.get(page, [])
        assert len(entries) == 1, f"{page}: {len(entries)} search entries"
        text = entries[0]["title"] + " " + entries[0]["text"]
        for check in data["checks"]:
            assert check["summary"] not in text, f"{page} copies the summary of {check['id']}"
            assert check["claim"] not in text, f"{page} copies the claim of {check['id']}"
    assert any("Marco Rubio" in e["title"] for e in by_page["claimants/marco-rubio/"])
