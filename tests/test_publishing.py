"""Publishing: structured data, share previews, feed, exports, deep links, reproducible and sub-path
builds."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import jsonschema
import pytest
from sitebuild import SAMPLE_DESK, ParsedPage, copy_project, mkdocs_build, parse, sample_data

from factsite.publish.structured_data import claim_review_problems
from factsite.quotes.project import read_project
from factsite.urls import text_fragment_link

SITE_URL = "https://example.org/factsite/"
SAMPLE = sample_data()
SEED_TEXT = (SAMPLE_DESK / "seeds" / "000_344faf7fb9d5f692.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, with a source URL and a correction so every feature has data (so not the
    shared ``sample_site``: this project differs from the sample fixture)."""
    project = copy_project(tmp_path_factory.mktemp("publishing"))
    text = (project / "factchecks.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    outlet: Associated Press\n",
        "    outlet: Associated Press\n    url: https://news.example.org/el-salvador-offer?ref=a&b=1\n",
        1,
    )
    text = text.replace(
        "    published: 2025-02-06\n\n  - id: jailing-us-citizens-and-residents-abroad",
        "    published: 2025-02-06\n    corrections:\n      - date: 2025-02-10\n"
        "        text: An earlier version misnamed the statute.\n\n"
        "  - id: jailing-us-citizens-and-residents-abroad",
        1,
    )
    (project / "factchecks.yaml").write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    out = project / "public"
    result = mkdocs_build(project, out, FACTSITE_SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stderr
    return out


def json_ld(path: Path) -> list[dict]:
    html = path.read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return [json.loads(b) for b in blocks]


def test_every_claim_page_has_exactly_one_valid_claim_review_and_no_other_page_has_one(site: Path) -> None:
    for page in site.rglob("*.html"):
        reviews = [d for d in json_ld(page) if d.get("@type") == "ClaimReview"]
        rel = page.relative_to(site).as_posix()
        is_claim = re.fullmatch(r"claims/[a-z0-9-]+/index\.html", rel) is not None
        assert len(reviews) == (1 if is_claim else 0), rel
    for check in SAMPLE["checks"]:
        page = site / "claims" / check["id"] / "index.html"
        [review] = json_ld(page)
        parsed = parse(page)
        [badge] = parsed.find("span", **{"class": "fs-badge--large"})
        label = badge.text.strip()
        assert claim_review_problems(review, label_on_page=label) == []
        assert review["reviewRating"]["alternateName"] == label
        assert review["url"] == f"{SITE_URL}claims/{check['id']}/"
        assert review["claimReviewed"] == check["claim"] and len(review["claimReviewed"]) <= 75
        assert review["datePublished"] == str(check["published"])
        assert review["author"] == {
            "@type": "Organization",
            "name": "The factsite sample desk",
            "url": SITE_URL,
        }
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"] == check["claimant"]
        assert item["datePublished"] == str(check["claim_date"])
        assert item["appearance"]["url"] == "https://news.example.org/el-salvador-offer?ref=a&b=1"
        assert item["appearance"]["headline"].startswith("Rubio says El Salvador")
        rating = review["reviewRating"]
        if check["rating"] == "accurate":
            assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (5, 5, 1)
        else:
            assert "ratingValue" not in rating  # opinion, needs context and notes are off the scale


def test_the_publisher_organization_points_at_our_policies(site: Path) -> None:
    [org] = json_ld(site / "index.html")
    assert org["@type"] == "Organization" and org["name"] == "The factsite sample desk"
    for key, page in (("correctionsPolicy", "corrections-policy"), ("publishingPrinciples", "methodology")):
        assert org[key] == f"{SITE_URL}{page}/"
        assert (site / page / "index.html").is_file()


def test_claim_review_rules_catch_broken_data() -> None:
    good = json_ld_sample()
    assert claim_review_problems(good, label_on_page="Accurate") == []
    broken = {
        "url": ("url", "/claims/x/"),
        "verdict": ("claimReviewed", "This claim is accurate"),
        "long": ("claimReviewed", "x" * 76),
        "label": ("reviewRating", {**good["reviewRating"], "alternateName": "True"}),
        "worst": ("reviewRating", {**good["reviewRating"], "worstRating": 0}),
        "range": ("reviewRating", {**good["reviewRating"], "ratingValue": 9}),
        "author": ("author", {"@type": "Person", "name": "x"}),
        "date": ("datePublished", "yesterday"),
        "claim": (
            "itemReviewed",
            {"@type": "Claim", "datePublished": "2025-01-01", "appearance": {"headline": "h"}},
        ),
    }
    for key, value in broken.values():
        assert claim_review_problems({**good, key: value}, label_on_page="Accurate"), (key, value)


def json_ld_sample() -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://example.org/claims/x/",
        "claimReviewed": "Taxes rose by 4% last year",
        "datePublished": "2025-01-02",
        "dateModified": "2025-01-03",
        "author": {"@type": "Organization", "name": "Desk", "url": "https://example.org/"},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "Accurate",
            "ratingValue": 5,
            "bestRating": 5,
            "worstRating": 1,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "The mayor"},
            "datePublished": "2025-01-01",
            "appearance": {"@type": "CreativeWork", "headline": "City report", "url": "https://example.org/report"},
        },
    }


def test_a_claim_that_states_its_verdict_is_refused_by_check_and_build_alike(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "verdict")
    text = (project / "factchecks.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "claim: The US government cannot deport American citizens.",
        "claim: Accurate - the US cannot deport its citizens.",
    )
    (project / "factchecks.yaml").write_text(text, encoding="utf-8")
    report = read_project(project / "factchecks.yaml")
    [problem] = report.problems
    assert problem.kind == "claim-states-verdict" and "'Accurate'" in problem.message
    result = mkdocs_build(project, tmp_path / "public")
    assert result.returncode == 1
    where = f"factchecks.yaml:{problem.line}:{problem.column}"
    assert f"{where}: error: check 'us-cannot-deport-citizens'" in result.stderr
    assert "states the verdict 'Accurate'" in result.stderr
    assert "Traceback" not in result.stderr


def meta_tags(page: ParsedPage) -> dict[str | None, str | None]:
    """A page's <meta> tags, by property (OpenGraph) or name."""
    return {
        (m.attrs.get("property") or m.attrs.get("name")): m.attrs.get("content") for m in page.find("meta")
    }


def test_share_previews_carry_the_claim_and_verdict(site: Path) -> None:
    page = parse(site / "claims" / "us-cannot-deport-citizens" / "index.html")
    meta = meta_tags(page)
    title = "The US government cannot deport American citizens. — Accurate"
    assert meta["og:title"] == title and meta["twitter:title"] == title
    assert meta["og:type"] == "article" and meta["twitter:card"] == "summary"
    assert meta["og:url"] == f"{SITE_URL}claims/us-cannot-deport-citizens/"
    assert meta["description"] == meta["og:description"]
    assert meta["description"].startswith("US immigration law provides")
    [title_tag] = page.find("title")
    assert title in title_tag.text
    methodology = parse(site / "methodology" / "index.html")
    meta = meta_tags(methodology)
    assert meta["og:title"] == "Methodology" and meta["og:description"]


def test_the_feed_is_valid_atom_with_every_check_and_correction_newest_first(site: Path) -> None:
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == len(SAMPLE["checks"]) + 1
    corrections = [e for e in feed.entries if e.title.startswith("Correction:")]
    assert len(corrections) == 1
    assert corrections[0].link == f"{SITE_URL}claims/us-cannot-deport-citizens/#fs-corrections"
    updated = [e.updated for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    assert corrections[0].updated.startswith("2025-02-10")  # dated by the correction, not the build
    assert updated[0].startswith("2025-03-31")  # the sample's most recent update
    for entry in feed.entries:
        assert entry.link.startswith(SITE_URL)
    # Linked from the head of every page.
    for page in site.rglob("*.html"):
        links = [
            link for link in parse(page).find("link") if link.attrs.get("type") == "application/atom+xml"
        ]
        assert len(links) == 1, page


def test_claims_json_matches_its_schema_and_the_seed(site: Path) -> None:
    payload = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "claims.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(payload)
    assert [c["id"] for c in payload["checks"]] and len(payload["checks"]) == len(SAMPLE["checks"])
    for record in payload["checks"]:
        anchor = record["anchor"]
        assert SEED_TEXT[anchor["start"] : anchor["end"]] == anchor["text"]
        assert record["url"] == f"{SITE_URL}claims/{record['id']}/"


def test_claims_csv_round_trips_through_csv(site: Path) -> None:
    payload = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((site / "claims.csv").read_text(encoding="utf-8"), newline="")))
    assert len(rows) == len(payload["checks"])
    for row, record in zip(rows, payload["checks"], strict=True):
        assert row["id"] == record["id"] and row["url"] == record["url"]
        assert row["quote"] == record["quote"] and row["summary"] == record["summary"]
        assert row["claim"] == record["claim"] and row["rating"] == record["rating"]["key"]
        span = (int(row["span_start"]), int(row["span_end"]))
        assert span == (record["anchor"]["start"], record["anchor"]["end"])
        assert row["tags"].split("; ") == record["tags"]


def test_the_index_links_the_exports(site: Path) -> None:
    hrefs = {a.attrs.get("href") for a in parse(site / "claims" / "index.html").find("a")}
    assert {"../claims.json", "../claims.csv", "../feed.xml"} <= hrefs


@pytest.mark.parametrize(
    ("passage", "fragment"),
    [
        ("state-run prisons", "state%2Drun%20prisons"),
        ("low, but significant", "low%2C%20but%20significant"),
        ("Rubio & Bukele", "Rubio%20%26%20Bukele"),
        (
            "Bukele\u2019s “offer” — café",
            "Bukele%E2%80%99s%20%E2%80%9Coffer%E2%80%9D%20%E2%80%94%20caf%C3%A9",
        ),
        ("one  two\nthree", "one%20two%20three"),
    ],
)
def test_text_fragments_encode_their_special_characters(passage: str, fragment: str) -> None:
    assert text_fragment_link("https://example.org/a#old", passage) == f"https://example.org/a#:~:text={fragment}"


def test_long_quotes_link_with_start_and_end() -> None:
    link = text_fragment_link(
        "https://example.org/a", "one two three four five six seven eight nine ten eleven twelve"
    )
    assert link == (
        "https://example.org/a#:~:text=one%20two%20three%20four%20five,eight%20nine%20ten%20eleven%20twelve"
    )


def test_claim_pages_deep_link_to_the_passage_in_the_original(site: Path) -> None:
    page = parse(site / "claims" / "us-cannot-deport-citizens" / "index.html")
    [link] = [a for a in page.find("a") if "#:~:text=" in (a.attrs.get("href") or "")]
    href = link.attrs["href"] or ""
    assert href.startswith("https://news.example.org/el-salvador-offer?ref=a&b=1#:~:text=")
    assert unquote(href.split("#:~:text=")[1]) == "The US government cannot deport American citizens"
    long_page = parse(site / "claims" / "jailing-us-citizens-and-residents-abroad" / "index.html")
    [long_link] = [a for a in long_page.find("a") if "#:~:text=" in (a.attrs.get("href") or "")]
    start, end = (unquote(p) for p in (long_link.attrs["href"] or "").split("#:~:text=")[1].split(","))
    assert start == "he's also offered to do" and end == "US citizens or legal residents"


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_inputs_are_byte_identical(project: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert mkdocs_build(project, first, FACTSITE_SITE_URL=SITE_URL).returncode == 0
    assert mkdocs_build(project, second, FACTSITE_SITE_URL=SITE_URL).returncode == 0
    one, two = _tree(first), _tree(second)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


ROOT_ABSOLUTE = re.compile(r"""(?:href|src|action|content)\s*=\s*["'](/[^"']*)""")


def test_a_sub_path_site_never_points_at_the_domain_root(site: Path) -> None:
    for path in site.rglob("*"):
        published = path.suffix in (".html", ".xml", ".json", ".csv", ".js", ".css")
        if not published or path.name == "search_index.json":
            continue
        text = path.read_text(encoding="utf-8")
        for found in ROOT_ABSOLUTE.findall(text):
            assert found.startswith("/factsite/"), f"{path.relative_to(site)}: {found}"
        for url in re.findall(r"https?://example\.org[^\s\"'<>)]*", text):
            assert urlsplit(url).path.startswith("/factsite/"), f"{path.relative_to(site)}: {url}"


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralized() -> None:
    from factsite.publish.exports import spreadsheet_safe

    assert spreadsheet_safe('=HYPERLINK("https://evil.example","x")') == '\'=HYPERLINK("https://evil.example","x")'
    assert spreadsheet_safe("-5% growth") == "'-5% growth"
    assert spreadsheet_safe("@mention") == "'@mention"
    assert spreadsheet_safe("Taxes rose") == "Taxes rose"
    assert spreadsheet_safe(12) == 12
