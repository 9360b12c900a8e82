"""Real ``mkdocs build --strict`` builds of the sample site and of small fixture sites."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from sitebuild import (
    SAMPLE_BUILD_ENV,
    SAMPLE_DESK,
    ParsedPage,
    copy_project,
    mkdocs_build,
    parse,
    run_engine,
    run_engine_python,
    sample_data,
    site_index,
)

from factsite.quotes.normalize import normalize

SOURCE_ID = "ap-el-salvador-prison-offer"
SAMPLE = sample_data()
CHECK_IDS = [c["id"] for c in SAMPLE["checks"]]


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Path:
    """The sample site, built once for the session by conftest.py (with SAMPLE_BUILD_ENV)."""
    return sample_site


def pages(site: Path) -> dict[str, ParsedPage]:
    return {path.relative_to(site).as_posix(): parse(path) for path in sorted(site.rglob("*.html"))}


def texts_by_check(page: ParsedPage) -> dict[str, str]:
    """The highlighted text of each check: its first mark and continuation pieces, in order."""
    found: dict[str, str] = {}
    for mark in page.find("mark", **{"class": "fs-mark"}):
        check_id = mark.attrs["data-check"] or ""
        found[check_id] = found.get(check_id, "") + mark.text
    return found


def test_the_source_page_has_one_focusable_mark_per_quote_holding_the_quote(site: Path) -> None:
    page = parse(site / "sources" / SOURCE_ID / "index.html")
    marks = [m for m in page.find("mark") if "id" in m.attrs]
    assert sorted(m.attrs["id"] for m in marks) == sorted(f"q-{i}" for i in CHECK_IDS)
    assert all(m.attrs.get("tabindex") == "0" for m in marks)
    texts = texts_by_check(page)
    for check in SAMPLE["checks"]:
        assert normalize(texts[check["id"]]) == normalize(check["quote"])


def test_each_card_sits_beside_the_paragraph_of_its_quote(site: Path) -> None:
    html = (site / "sources" / SOURCE_ID / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<div class="fs-row[^"]*">(.*?)</aside>', html, re.DOTALL)
    assert len(rows) == 3  # the sample's three paragraphs each hold checked passages
    for row in rows:
        text, cards = row.split('<aside class="fs-row__cards"', 1)
        marked = set(re.findall(r'<mark [^>]*id="q-([a-z0-9-]+)"', text))
        carded = set(re.findall(r'id="card-([a-z0-9-]+)"', cards))
        assert marked == carded and marked


def test_every_check_has_a_claim_page_with_quote_verdict_and_sources(site: Path) -> None:
    for check in SAMPLE["checks"]:
        page = parse(site / "claims" / check["id"] / "index.html")
        [h1] = page.find("h1")
        assert h1.text.strip() == check["claim"]
        [quote] = page.find("mark")
        assert normalize(quote.text) == normalize(check["quote"])
        [badge] = page.find("span", **{"class": "fs-badge--large"})
        assert badge.text.strip()
        cited = page.find("section", **{"class": "fs-sources"})
        assert bool(cited) == bool(check.get("sources"))
        [title] = page.find("title")
        assert check["claim"] in title.text and badge.text.strip() in title.text


def test_a_context_note_says_it_is_not_a_verdict(site: Path) -> None:
    page = parse(site / "claims" / "outsourcing-prison-system" / "index.html")
    assert page.find("article", **{"class": "fs-claim--note"})
    assert "not a verdict" in page.find("section", **{"class": "fs-claim__verdict"})[0].text


def _resolve(site: Path, page_path: str, href: str) -> tuple[str, str] | None:
    """The site file and fragment a relative link points at; None for links to other sites."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page_path, unquote(parts.fragment)
    # 404.html links from the site root (site_url's path, "/" here): it is served at any address.
    base = "" if parts.path.startswith("/") else posixpath.dirname(page_path)
    joined = posixpath.join(base, unquote(parts.path).lstrip("/"))
    path = posixpath.normpath(joined).removeprefix("./")
    if (site / path).is_dir():
        path = posixpath.join(path, "index.html")
    return path, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    parsed = pages(site)
    broken = []
    for page_path, page in parsed.items():
        for element in page.elements:
            for attr in ("href", "src"):
                value = element.attrs.get(attr)
                target = _resolve(site, page_path, value) if value else None
                if target is None:
                    continue
                path, fragment = target
                if path.startswith("..") or not (site / path).is_file():
                    broken.append(f"{page_path}: {value} -> {path}")
                elif fragment and path.endswith(".html") and fragment not in parsed[path].ids:
                    broken.append(f"{page_path}: {value} -> missing #{fragment}")
    assert not broken, "\n".join(broken)


def test_claim_pages_are_searchable_and_ranked_above_the_source_text(site: Path) -> None:
    """Each claim page is indexed with its claim, claimant, summary and quote (the quote weighing
    most, so its words rank the page above its source's full text: the browser tests run queries),
    and not with the neighbouring sentences of the quote's paragraph, which other checks quote."""
    docs = {p["url"].lstrip("/"): p for p in site_index(site)["en"]}
    for check in SAMPLE["checks"]:
        entry = docs[f"claims/{check['id']}/"]
        assert check["claim"] in entry["meta"]["title"]
        assert normalize(check["quote"]) in normalize(entry["content"])
        assert check["claimant"] in entry["content"]
        assert normalize(check["summary"]) in normalize(entry["content"])
        page = parse(site / "claims" / check["id"] / "index.html")
        assert [q.get("data-pagefind-weight") for q in page.find("blockquote")] == ["10"]
    other_quote = normalize(SAMPLE["checks"][1]["quote"])
    assert other_quote not in normalize(docs[f"claims/{SAMPLE['checks'][2]['id']}/"]["content"])


def test_claim_pages_stay_out_of_the_navigation(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    navs = re.findall(r'<nav class="md-(?:nav|tabs)[^"]*".*?</nav>', home, re.DOTALL)
    assert navs
    assert not any("claims/us-cannot" in nav for nav in navs)


def test_no_page_requests_anything_from_another_host(site: Path) -> None:
    for page_path, page in pages(site).items():
        for element in page.elements:
            for attr in ("src", "srcset", "data", "poster"):
                value = element.attrs.get(attr) or ""
                assert not urlsplit(value).netloc, f"{page_path}: <{element.tag} {attr}={value}>"
            if element.tag == "link" and element.attrs.get("rel") != "canonical":
                href = element.attrs.get("href") or ""
                local = not urlsplit(href).netloc or href.startswith("http://127.0.0.1")
                assert local, f"{page_path}: {href}"
    for css in site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8")


def test_edit_links_open_the_data_behind_each_page(site: Path) -> None:
    def edit_link(path: str) -> str:
        [link] = parse(site / path).find("a", rel="edit")
        return link.attrs["href"] or ""

    base = "https://github.com/example/factsite/edit/main/"
    assert edit_link("claims/us-cannot-deport-citizens/index.html") == base + "factchecks.yaml"
    assert edit_link(f"sources/{SOURCE_ID}/index.html") == base + "seeds/000_344faf7fb9d5f692.txt"
    assert edit_link("methodology/index.html") == base + "docs/methodology.md"


def test_the_index_lists_every_check_newest_first_with_filters_for_javascript(site: Path) -> None:
    page = parse(site / "claims" / "index.html")
    items = page.find("li", **{"class": "fs-item"})
    assert len(items) == len(CHECK_IDS)
    published = [
        str(next(c for c in SAMPLE["checks"] if c["claim"] in item.text)["published"]) for item in items
    ]
    assert published == sorted(published, reverse=True)
    [form] = page.find("form", **{"class": "fs-filters"})
    assert "hidden" in form.attrs  # shown by the script; without JavaScript the list is the page
    # A few verdicts to choose from; topics, claimants and sources, which grow with the desk, are
    # typed with suggestions from the facet index the script fetches.
    names = {e.get("name") for e in page.find("select") + page.find("input") if form in e.parents}
    assert {"verdict", "tag", "claimant", "source"} <= names
    assert (site / "claims" / "facets.json").is_file()


def test_the_home_page_shows_the_verdict_distribution_latest_checks_and_sources(site: Path) -> None:
    page = parse(site / "index.html")
    rows = page.find("li", **{"class": "fs-dist__row"})
    counts = {re.sub(r"\s+", " ", r.text).strip() for r in rows}
    assert "Accurate 2 checks" in counts and "Context note 4 checks" in counts
    assert len(page.find("li", **{"class": "fs-item"})) == 6
    assert any(SOURCE_ID in (a.attrs.get("href") or "") for a in page.find("a"))


def test_the_ratings_page_defines_every_rating_in_use(site: Path) -> None:
    page = parse(site / "ratings" / "index.html")
    for rating in {c["rating"] for c in SAMPLE["checks"]}:
        assert f"rating-{rating}" in page.ids


def test_both_palettes_are_offered(site: Path) -> None:
    page = parse(site / "index.html")
    schemes = {
        e.attrs.get("data-md-color-scheme") for e in page.find("input") if e.attrs.get("name") == "__palette"
    }
    assert schemes == {"default", "slate"}


# -- fixture sites ---------------------------------------------------------------------------

OVERLAP_SEED = (
    "First paragraph has alpha beta gamma delta epsilon in it.\n\nSecond paragraph goes on here.\n"
)
OVERLAP_CHECKS = {
    "outer": "alpha beta gamma delta",
    "inner": "beta gamma",
    "crossing": "delta epsilon in it.",
    "two-paragraphs": "in it.\n\nSecond paragraph",
}


def _fixture_yaml(checks: dict[str, str], corrections: bool = False) -> str:
    entries = []
    for check_id, quote in checks.items():
        entry = {
            "id": check_id,
            "source": "fixture",
            "quote": quote,
            "claimant": "A Person",
            "claim_date": "2025-01-01",
            "claim": f"Claim {check_id}",
            "rating": "mixed",
            "summary": f"Summary of {check_id}.",
            "published": "2025-01-02",
        }
        if corrections and check_id == "outer":
            entry["rating"] = "false"
            entry["corrections"] = [
                {"date": "2025-01-05", "text": "We misread *the* figure.", "previous_rating": "mixed"}
            ]
        entries.append(entry)
    doc = {
        "sources": [
            {
                "id": "fixture",
                "seed": "fixture.txt",
                "title": "A fixture",
                "outlet": "Test Desk",
                "published": "2025-01-01",
            }
        ],
        "checks": entries,
    }
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


@pytest.fixture(scope="module")
def overlap_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("overlap"))
    fixture_yaml = _fixture_yaml(OVERLAP_CHECKS, corrections=True)
    (project / "factchecks.yaml").write_text(fixture_yaml, encoding="utf-8")
    for seed in (project / "seeds").iterdir():
        seed.unlink()
    (project / "seeds" / "fixture.txt").write_text(OVERLAP_SEED, encoding="utf-8")
    # The hand-written methodology links to sample checks; this fixture has none of them.
    methodology = "---\ntitle: Methodology\n---\n\nHow we check.\n"
    (project / "docs" / "methodology.md").write_text(methodology, encoding="utf-8")
    out = project / "public"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return out


def test_nested_overlapping_and_multi_paragraph_quotes_render_whole(overlap_site: Path) -> None:
    page = parse(overlap_site / "sources" / "fixture" / "index.html")
    texts = texts_by_check(page)
    for check_id, quote in OVERLAP_CHECKS.items():
        assert normalize(texts[check_id]) == normalize(quote).replace(" Second", "Second"), check_id
    ids = [m.attrs["id"] for m in page.find("mark") if "id" in m.attrs]
    assert sorted(ids) == sorted(f"q-{c}" for c in OVERLAP_CHECKS)
    # The inner quote is nested inside the outer one.
    html = (overlap_site / "sources" / "fixture" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'id="q-outer"[^>]*>alpha <mark[^>]*id="q-inner"', html)
    # The cards of a quote spanning two paragraphs sit with the paragraph where it starts.
    first_row = html.split('<div class="fs-row')[1]
    assert 'id="card-two-paragraphs"' in first_row


def test_corrections_show_on_the_claim_page_and_in_the_log(overlap_site: Path) -> None:
    claim = parse(overlap_site / "claims" / "outer" / "index.html")
    [section] = claim.find("section", **{"class": "fs-corrections"})
    assert "We misread the figure." in re.sub(r"\s+", " ", section.text)
    assert "Mixed" in section.text  # the previous rating
    log = parse(overlap_site / "corrections" / "index.html")
    [entry] = log.find("ol", **{"class": "fs-log"})
    assert "Claim outer" in entry.text and "Mixed" in entry.text and "False" in entry.text


def test_a_broken_factchecks_file_fails_the_build_cleanly(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "broken")
    text = (project / "factchecks.yaml").read_text(encoding="utf-8")
    text = text.replace("rating: opinion", "rating: opinon").replace(
        "quote: The US government cannot deport American citizens",
        "quote: The US government cannot deport Amercan citizens",
    )
    (project / "factchecks.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "public"
    result = mkdocs_build(project, out)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(
        r"factchecks\.yaml:\d+:\d+: error: quote of check 'us-cannot-deport-citizens'", result.stderr
    )
    assert re.search(r"factchecks\.yaml:\d+:\d+: error: .*'opinon'", result.stderr)
    assert "did you mean 'opinion'?" in result.stderr
    assert not out.exists()  # never a half-written site


def test_a_docs_page_that_clashes_with_a_generated_one_is_an_error(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "clash")
    (project / "docs" / "ratings.md").write_text("# Mine\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "public")
    assert result.returncode == 1
    assert "docs/ratings.md clashes with a generated file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_check_id_that_would_replace_a_listing_page_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "reserved")
    data = project / "factchecks.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("id: us-cannot-deport-citizens", "id: index"),
        encoding="utf-8",
    )
    result = mkdocs_build(project, tmp_path / "public")
    assert result.returncode == 1
    assert "'index' is reserved" in result.stderr


# The pages factsite renders for a project, from the plugin as the engine configures it (run with
# run_engine_python: under ProperDocs, mkdocs.* is ProperDocs). Prints {page path: body} as JSON.
RENDERED_BODIES = """
import json
import sys
from pathlib import Path

from mkdocs.config import load_config

from factsite.mkdocs.plugin import FactsitePlugin
from factsite.quotes.project import load_project
from factsite.render.site import build_site
from factsite.urls import Layout

config = load_config(sys.argv[1])
plugin = config.plugins["factsite"]
assert isinstance(plugin, FactsitePlugin), type(plugin)
generated = build_site(load_project(Path(sys.argv[2])), plugin._site_info(config), Layout())
print(json.dumps({page.path: str(page.body) for page in generated.pages}))
"""


def test_each_generated_page_reaches_the_reader_exactly_as_factsite_rendered_it(
    sample_project: Path, site: Path
) -> None:
    """The hook hands its HTML to the theme without a Python-Markdown pass that could rewrite it."""
    from factsite.urls import Layout

    project = sample_project
    config, data = str(project / "mkdocs.yml"), str(project / "factchecks.yaml")
    result = run_engine_python(project, RENDERED_BODIES, config, data, **SAMPLE_BUILD_ENV)
    assert result.returncode == 0, result.stderr  # ...and the plugin is a FactsitePlugin
    bodies: dict[str, str] = json.loads(result.stdout.splitlines()[-1])
    assert len(bodies) > len(CHECK_IDS)
    for path, body in bodies.items():
        html_file = site / Layout().url(path) / "index.html"
        assert body in html_file.read_text(encoding="utf-8"), path


def test_the_home_page_is_titled_with_the_site_name_once_and_other_pages_after_it(site: Path) -> None:
    config = re.sub(r"!ENV \[[^\]]*\]", "null", (SAMPLE_DESK / "mkdocs.yml").read_text(encoding="utf-8"))
    name = yaml.safe_load(config)["site_name"]
    assert parse(site / "index.html").find("title")[0].text == name
    assert parse(site / "ratings" / "index.html").find("title")[0].text.endswith(f" - {name}")


def test_a_dirty_build_into_the_last_site_keeps_search_whole(tmp_path: Path) -> None:
    """`mkdocs build --dirty` renders only what changed; the pages it skips stay searchable."""
    project = copy_project(tmp_path / "dirty")
    out = project / "public"
    assert mkdocs_build(project, out).returncode == 0

    def docs() -> list[dict[str, str]]:
        pages = site_index(out)["en"]
        return [{"location": p["url"].lstrip("/"), "title": p["meta"]["title"]} for p in pages]

    pages_before = {d["location"].split("#")[0] for d in docs()}
    data = project / "factchecks.yaml"
    old = "The US government cannot deport American citizens."
    new = "Citizens cannot be deported by the US government."
    edited = data.read_text(encoding="utf-8").replace(f"claim: {old}", f"claim: {new}")
    data.write_text(edited, encoding="utf-8")
    result = run_engine(project, "build", "--dirty", "-d", str(out))
    assert result.returncode == 0, result.stderr
    after = docs()
    assert {d["location"].split("#")[0] for d in after} == pages_before
    entries = [json.dumps(d, sort_keys=True) for d in after]
    assert len(entries) == len(set(entries))
    assert any(new in d["title"] for d in after) and not any(old in d["title"] for d in after)


def test_links_from_docs_pages_to_anchors_in_generated_pages_are_validated(tmp_path: Path) -> None:
    """A methodology page may link to one rating's definition; a link to a missing anchor still fails."""
    project = copy_project(tmp_path / "anchors")
    about = project / "docs" / "about.md"
    good = (
        "\n\nSee [what False means](ratings.md#rating-false)"
        " and [a quote](claims/us-cannot-deport-citizens.md#fs-said).\n"
    )
    about.write_text(about.read_text(encoding="utf-8") + good, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "good")
    assert result.returncode == 0, result.stderr
    nowhere = "\n[nowhere](ratings.md#rating-nowhere)\n"
    about.write_text(about.read_text(encoding="utf-8") + nowhere, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "bad")
    assert result.returncode == 1
    assert "does not contain an anchor '#rating-nowhere'" in result.stderr
