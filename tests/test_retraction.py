"""Retracting a published check: the `retracted` field in the schema and loader, and the site a
retraction makes. The check keeps its permalink, which shows the notice instead of the verdict; it is
in the corrections log and the feed, and in no ClaimReview, live export, listing or count.

The project is written here (no file of the repository's sample is read): two checks of one
speech, one of them retracted.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from pathlib import Path
from typing import Any

import feedparser
import jsonschema
import pytest
from sitebuild import ParsedPage, mkdocs_build, parse

from factsite.input.loading import load
from factsite.model import Retraction
from factsite.quotes.project import read_project
from factsite.render.site import SiteInfo, build_site

SITE_URL = "https://example.org/desk/"
SEED = """date 2025-03-01
The mayor spoke on Monday. She said the city has 40 parks and 12 pools. Nobody disputed it.

Later, the mayor said crime fell by half since 2020. Police data show a smaller fall.
"""
SOURCE = {
    "id": "mayor-speech",
    "seed": "speech.txt",
    "title": "The mayor's Monday speech",
    "outlet": "City Herald",
}
LIVE = {
    "id": "parks-count",
    "source": "mayor-speech",
    "quote": "the city has 40 parks",
    "claimant": "The mayor",
    "claim_date": "2025-03-01",
    "claim": "The city has 40 parks",
    "rating": "accurate",
    "summary": "The parks department lists 40 parks.",
    "tags": ["Parks"],
    "published": "2025-03-02",
}
RETRACTED = {
    "id": "crime-halved",
    "source": "mayor-speech",
    "quote": "crime fell by half since 2020",
    "claimant": "The mayor",
    "claim_date": "2025-03-01",
    "claim": "Crime fell by half since 2020",
    "rating": "misleading",
    "summary": "Police data show a fall of twelve percent.",
    "analysis": "The withdrawn reasoning: twelve percent, not half.",
    "context": ["A withdrawn context note."],
    "tags": ["Crime"],
    "published": "2025-03-02",
    "corrections": [{"date": "2025-03-04", "text": "We fixed a typo.", "previous_rating": "false"}],
    "retracted": {"date": "2025-03-09", "reason": "We relied on a **draft** police report."},
}
MKDOCS_YML = f"""site_name: Test desk
site_url: {SITE_URL}
theme:
  name: material
plugins:
  - factsite
  - search
  - tags
"""


def write_desk(folder: Path, checks: list[dict[str, Any]]) -> Path:
    """A desk's project in ``folder``: config, one seed, its source and ``checks`` (JSON is YAML)."""
    (folder / "seeds").mkdir(parents=True, exist_ok=True)
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "seeds" / "speech.txt").write_text(SEED, encoding="utf-8")
    data = {"sources": [SOURCE], "checks": checks}
    (folder / "factchecks.yaml").write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    (folder / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (folder / "docs" / "methodology.md").write_text("# Methodology\n", encoding="utf-8")
    (folder / "docs" / "corrections-policy.md").write_text("# Corrections policy\n", encoding="utf-8")
    return folder / "factchecks.yaml"


def problems_of(tmp_path: Path, retracted: object) -> list[tuple[str, str]]:
    check = {**RETRACTED, "retracted": retracted}
    report = read_project(write_desk(tmp_path, [LIVE, check]))
    return [(p.kind, p.message) for p in report.problems]


# -- the field -------------------------------------------------------------------------------------


def test_a_retraction_loads_with_its_date_and_reason(tmp_path: Path) -> None:
    report = read_project(write_desk(tmp_path, [LIVE, RETRACTED]))
    assert report.ok, report.problems
    assert report.project is not None
    live, retracted = report.project.checks
    assert live.retracted is None
    assert retracted.retracted == Retraction(dt.date(2025, 3, 9), "We relied on a **draft** police report.")
    assert retracted.last_modified == dt.date(2025, 3, 9)  # the retraction is the newest change


@pytest.mark.parametrize(
    ("retracted", "kind", "words"),
    [
        ({"date": "2025-03-09"}, "missing-field", "`reason`"),
        ({"reason": "Why."}, "missing-field", "`date`"),
        ({"date": "2025-03-09", "reason": "Why.", "by": "editor"}, "unknown-key", "`by`"),
        ({"date": "9 March 2025", "reason": "Why."}, "bad-date", "YYYY-MM-DD"),
        ({"date": "2025-02-30", "reason": "Why."}, "bad-date", "not a real calendar date"),
        ({"date": "2025-03-01", "reason": "Why."}, "bad-date", "retracted (2025-03-01) before it was"),
        ({"date": "2025-03-09", "reason": "   "}, "empty-value", "blank"),
        ({"date": "2025-03-09", "reason": "x" * 20_001}, "too-long", "at most 20,000"),
        ("2025-03-09", "wrong-type", "must be a mapping"),
    ],
)
def test_the_schema_and_loader_refuse_a_bad_retraction(
    tmp_path: Path, retracted: object, kind: str, words: str
) -> None:
    found = problems_of(tmp_path, retracted)
    assert any(k == kind and words in message for k, message in found), found


def test_a_retraction_reason_is_located_and_bounded_like_other_markdown(tmp_path: Path) -> None:
    deep = "> " * 12 + "too deep"
    found = problems_of(tmp_path, {"date": "2025-03-09", "reason": deep})
    assert [k for k, _ in found] == ["markdown-too-deep"]
    loaded = load(tmp_path / "factchecks.yaml")
    [problem] = [p for p in loaded.problems if p.kind == "markdown-too-deep"]
    assert "field `retracted.reason`" in problem.message


# -- the site --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("retraction")
    write_desk(project, [LIVE, RETRACTED])
    out = project / "public"
    result = mkdocs_build(project, out, FACTSITE_SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stderr
    return out


def json_ld(path: Path) -> list[dict[str, Any]]:
    html = path.read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(b) for b in blocks]


def article(page: ParsedPage, cls: str) -> str:
    [element] = [e for e in page.elements if cls in (e.get("class") or "").split()]
    return " ".join(element.text.split())


def test_the_permalink_stays_and_shows_the_notice_instead_of_the_verdict(site: Path) -> None:
    page = parse(site / "claims" / "crime-halved" / "index.html")
    text = article(page, "fs-claim")
    assert "We retracted this fact check on 9 March 2025." in text
    assert "We relied on a draft police report." in text
    [notice] = page.find("section", **{"class": "fs-claim__retraction"})
    assert notice.get("aria-labelledby") == "fs-retraction" and "fs-retraction" in page.ids
    [strong] = [e for e in page.find("strong") if e.text == "draft"]  # the reason is Markdown
    assert strong
    # No verdict: no large badge, no verdict section, no summary or reasoning of the withdrawn verdict.
    assert page.find("span", **{"class": "fs-badge--large"}) == []
    assert page.find("section", **{"class": "fs-claim__verdict"}) == []
    for withdrawn in ("Misleading", "Police data show a fall of twelve percent", "withdrawn reasoning",
                      "withdrawn context note"):
        assert withdrawn not in text, withdrawn
    assert "crime fell by half since 2020" in text  # what was said stays, proven verbatim
    assert "Retracted" in (page.find("title")[0].text)
    [description] = [e for e in page.find("meta") if e.get("name") == "description"]
    assert description.get("content") == "We retracted this fact check on 9 March 2025."


def test_a_retracted_check_has_no_claim_review_and_a_live_one_keeps_its_own(site: Path) -> None:
    retracted = site / "claims" / "crime-halved" / "index.html"
    assert [d for d in json_ld(retracted) if d.get("@type") == "ClaimReview"] == []
    [review] = json_ld(site / "claims" / "parks-count" / "index.html")
    assert review["@type"] == "ClaimReview" and review["reviewRating"]["alternateName"] == "Accurate"


def test_the_corrections_log_lists_the_retraction_first(site: Path) -> None:
    page = parse(site / "corrections" / "index.html")
    [log] = page.find("ol", **{"class": "fs-log"})
    [retraction] = page.find("li", **{"class": "fs-log__retraction"})
    assert "Retracted" in retraction.text and "We relied on a draft police report." in retraction.text
    assert "9 March 2025" in retraction.text
    links = [a.get("href") for a in page.find("a") if a.get("href") == "../claims/crime-halved/"]
    assert len(links) == 2  # the retraction and the earlier correction
    assert log.text.index("9 March 2025") < log.text.index("4 March 2025")  # newest first


def test_the_feed_has_an_entry_for_the_retraction(site: Path) -> None:
    feed = feedparser.parse((site / "feed.xml").read_text(encoding="utf-8"))
    assert not feed.bozo, feed.bozo_exception
    by_id = {e.id: e for e in feed.entries}
    url = f"{SITE_URL}claims/crime-halved/"
    retraction = by_id[f"{url}#retraction"]
    assert retraction.title == "Retraction: Crime fell by half since 2020"
    assert retraction.link == f"{url}#fs-retraction"
    assert "draft" in retraction.content[0].value
    assert [t.term for t in retraction.tags] == ["Retraction"]
    check = by_id[url]
    assert check.title.endswith("— Retracted") and "Misleading" not in check.title
    assert "Misleading" not in [t.term for t in check.tags]
    assert feed.entries[0].id in (url, f"{url}#retraction")  # the newest news


def test_claims_json_lists_the_retraction_apart_from_the_live_checks(site: Path) -> None:
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "claims.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert [c["id"] for c in data["checks"]] == ["parks-count"]
    [retracted] = data["retracted"]
    assert retracted["id"] == "crime-halved"
    assert retracted["url"] == f"{SITE_URL}claims/crime-halved/"
    assert retracted["retracted"] == {"date": "2025-03-09", "reason": RETRACTED["retracted"]["reason"]}
    assert "rating" not in retracted  # its verdict no longer stands


def test_claims_csv_holds_live_checks_only(site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((site / "claims.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == ["parks-count"]


def test_listings_and_counts_leave_the_retracted_check_out(site: Path) -> None:
    home = parse(site / "index.html")
    assert [a.get("href") for a in home.find("a", **{"class": "fs-item__claim"})] == ["claims/parks-count/"]
    rows = [" ".join(r.text.split()) for r in home.find("li", **{"class": "fs-dist__row"})]
    assert rows == ["Accurate 1 check"]
    assert "All 1 fact check" in home.text
    assert "1 passage checked" in home.text
    index = parse(site / "claims" / "index.html")
    assert [a.get("href") for a in index.find("a", **{"class": "fs-item__claim"})] == ["parks-count/"]
    intro = " ".join(index.find("p", **{"class": "fs-index__intro"})[0].text.split())
    assert intro.startswith("1 fact check, newest first.")
    assert "1 retracted fact check, no longer rated, is listed in the corrections log." in intro
    options = [o.text for o in index.find("option")]
    assert not any("Misleading" in o or "Crime" in o for o in options), options
    ratings = parse(site / "ratings" / "index.html")
    assert "Misleading" in ratings.text and ratings.text.count("1 check") == 1
    source = parse(site / "sources" / "mayor-speech" / "index.html")
    assert [m.get("data-check") for m in source.find("mark")] == ["parks-count"]
    assert "1 passage checked." in source.text


def test_a_retracted_check_leaves_the_topics(site: Path) -> None:
    page = (site / "claims" / "crime-halved" / "index.html").read_text(encoding="utf-8")
    assert 'property="article:tag"' not in page
    parsed = parse(site / "claims" / "crime-halved" / "index.html")
    assert not parsed.find("dd", **{"class": "fs-claim__topics"})
    assert not [a for a in parsed.find("a") if "topics/crime" in (a.get("href") or "")]
    # Its topic, which no live check has, has no page and is not among the topics.
    assert "Crime" not in parse(site / "topics" / "index.html").text
    assert not (site / "topics" / "crime").exists()
    facets = (site / "claims" / "facets.json").read_text(encoding="utf-8")
    assert "Crime" not in facets and "crime-halved" not in facets


def test_a_hostile_retraction_reason_stays_text(tmp_path: Path) -> None:
    reason = "<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)>"
    hostile = {**RETRACTED, "retracted": {"date": "2025-03-09", "reason": reason}}
    report = read_project(write_desk(tmp_path, [LIVE, hostile]))
    assert report.project is not None, report.problems
    site = build_site(report.project, SiteInfo("Desk", SITE_URL))
    pages = [site.page("claims/crime-halved.md"), site.page("corrections.md")]
    outputs = [str(page.body) for page in pages if page is not None]
    # The feed carries HTML (escaped once more as XML); claims.json carries the Markdown as written.
    feed = next(f.content for f in site.files if f.path == "feed.xml")
    outputs.append(html.unescape(feed))
    assert len(outputs) == 3
    for output in outputs:
        assert "<script>alert" not in output and "<img src=x" not in output
        assert 'href="javascript:' not in output
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in outputs[0]
