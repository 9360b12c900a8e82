"""The benchmark and its synthetic corpus, kept from rotting by a small smoke run."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

from factsite.bench.corpus import generate_corpus
from factsite.quotes.project import load_project, read_project


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_corpus_is_deterministic_and_every_quote_anchors(tmp_path: Path) -> None:
    stats = generate_corpus(tmp_path / "a", sources=5, seed=7)
    generate_corpus(tmp_path / "b", sources=5, seed=7)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    report = read_project(tmp_path / "a" / "factchecks.yaml")
    assert report.ok, report.problems[:3]
    assert report.summary.anchored == stats.checks == 50
    assert report.summary.normalized == stats.normalized > 0
    assert stats.disambiguated > 0
    text = (tmp_path / "a" / "factchecks.yaml").read_text(encoding="utf-8")
    assert "prefix:" in text or "suffix:" in text
    seed = next((tmp_path / "a" / "seeds").iterdir()).read_text(encoding="utf-8")
    assert "\u201c" in seed and "\u2014" in seed and "\u2019" in seed and "\n\n" in seed
    assert 2500 < len(seed) < 8000  # news length


def test_a_different_seed_number_gives_a_different_corpus(tmp_path: Path) -> None:
    generate_corpus(tmp_path / "a", sources=2, seed=1)
    generate_corpus(tmp_path / "b", sources=2, seed=2)
    assert _files(tmp_path / "a") != _files(tmp_path / "b")


def _page_text(path: Path) -> str:
    """A built page's main content as text without whitespace (a tag may split a word)."""
    page = path.read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    return "".join(html.unescape(re.sub(r"<[^>]+>", " ", article)).split())


def _pages(site: Path, folder: str) -> set[str]:
    return {p.parent.name for p in (site / folder).glob("*/index.html")}


def test_the_benchmark_runs_and_reports_every_figure(tmp_path: Path) -> None:
    out, work = tmp_path / "bench.json", tmp_path / "work"
    result = subprocess.run(
        [
            sys.executable, "-m", "factsite.bench", "--sizes", "100", "--runs", "1", "--out", str(out),
            "--keep", str(work),
        ],
        capture_output=True, text=True, timeout=600, cwd=tmp_path, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    [row] = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert row["checks"] == 100
    for key in (
        "load_and_anchor_seconds", "build_seconds", "plain_mkdocs_seconds", "ratio_to_plain_mkdocs",
        "markdown_floor_seconds", "ratio_to_markdown_floor", "markdown_floor_peak_memory_mib",
        "peak_memory_mib", "largest_claim_page_bytes", "site_bytes",
        "search_index_bytes", "search_first_query_bytes",
    ):
        assert row[key] > 0, key
    for key in (
        "plain_mkdocs_peak_memory_mib", "markdown_floor_ms_per_check", "cpu_seconds",
        "markdown_floor_cpu_seconds", "cpu_ratio_to_markdown_floor",
    ):
        assert row[key] > 0, key
    low, high = row["ratio_to_markdown_floor_range"]
    assert 0 < low <= row["ratio_to_markdown_floor"] <= high
    assert all(len(times) == 1 for times in row["runs_seconds"].values())
    assert "ratio" in result.stdout and "plain MkDocs s" in result.stdout
    assert "Markdown floor s" in result.stdout and "ratio to Markdown" in result.stdout

    # The hand-written floor builds the same checks and sources, at factsite's addresses.
    project = load_project(work / "desk-100" / "factchecks.yaml")
    site, by_hand = work / "site-100", work / "markdown-floor-site-100"
    assert _pages(by_hand, "claims") == _pages(site, "claims") == {c.id for c in project.checks}
    assert _pages(by_hand, "sources") == _pages(site, "sources") == {s.id for s in project.sources}
    for check in project.checks:
        span = project.anchors[check.id].span
        passage = project.seeds[check.source].text[span.start : span.end]
        page = _page_text(by_hand / "claims" / check.id / "index.html")
        for shown in (passage, check.summary, check.claim, check.claimant, "Analysis"):
            assert "".join(shown.split()) in page, (check.id, shown)
    for source in project.sources:
        page = _page_text(by_hand / "sources" / source.id / "index.html")
        seed = project.seeds[source.id]
        assert "".join(seed.body.split()) in page, source.id  # the full text, marks and all
    listing = (by_hand / "claims" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{check.id}/"' in listing for check in project.checks)


def test_linearity_is_the_cost_of_each_added_check() -> None:
    from factsite.bench.figures import linearity

    def row(checks: int, seconds: float, floor: float, mib: int) -> dict[str, float]:
        return {
            "checks": checks, "build_seconds": seconds, "markdown_floor_seconds": floor,
            "peak_memory_mib": mib, "markdown_floor_peak_memory_mib": mib // 2,
        }

    assert linearity([row(100, 2.0, 2.0, 100)]) is None  # one size says nothing about growth
    growth = linearity([row(10_000, 42.0, 50.0, 900), row(100, 2.0, 2.0, 100)])
    assert growth is not None
    assert (growth["from_checks"], growth["to_checks"]) == (100, 10_000)
    assert growth["factsite"]["marginal_ms_per_check"] == round(40_000 / 9_900, 2)
    assert growth["markdown_floor"]["marginal_ms_per_check"] == round(48_000 / 9_900, 2)
    assert growth["marginal_ratio_to_markdown_floor"] == round(4.04 / 4.85, 3)
    assert growth["factsite"]["growth"] == round(4.2 / 20, 2)  # the fixed cost spread thinner
    assert growth["factsite"]["marginal_mib_per_1000_checks"] == round(800_000 / 9_900, 1)


def test_the_floor_differs_from_the_hooked_site_only_in_page_order(tmp_path: Path) -> None:
    """The ratio means something only if both builds make the same site; the check must catch a change."""
    from factsite.bench.figures import differences

    for name in ("site", "floor"):
        root = tmp_path / name
        root.mkdir()
        (root / "a.html").write_text("<p>same</p>", encoding="utf-8")
        locs = ["<url><loc>/a/</loc><lastmod>2025-01-01</lastmod></url>", "<url><loc>/b/</loc></url>"]
        (root / "sitemap.xml").write_text("".join(locs if name == "site" else locs[::-1]), encoding="utf-8")
    assert differences(tmp_path / "site", tmp_path / "floor") == []
    (tmp_path / "floor" / "a.html").write_text("<p>other</p>", encoding="utf-8")
    assert differences(tmp_path / "site", tmp_path / "floor") == ["a.html"]
    (tmp_path / "floor" / "sitemap.xml").write_text("<url><loc>/a/</loc></url>", encoding="utf-8")
    assert differences(tmp_path / "site", tmp_path / "floor") == ["a.html", "sitemap.xml"]


def test_the_worst_markdown_benchmark_builds_every_shape_at_the_limit(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "-m", "factsite.bench", "--worst-markdown", "--runs", "1", "--out", str(out)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["rows"] == []  # --worst-markdown alone: no desk sizes
    worst = report["worst_markdown"]
    ordinary, *shapes = worst["rows"]
    assert ordinary["field"] == "ordinary" and ordinary["ratio_to_ordinary"] == 1
    assert {row["field"] for row in shapes} >= {
        "nested emphasis",
        "nested lists",
        "nested quotes",
        "links",
        "table rows",
    }
    for row in shapes:
        assert row["characters"] == worst["limit_characters"] == 20_000, row
        assert row["build_seconds"] > 0, row
        assert row["ratio_to_ordinary"] > 0, row
        assert row["claim_page_bytes"] > 20_000, row
    assert "nested emphasis" in result.stdout and "worst:" in result.stdout
