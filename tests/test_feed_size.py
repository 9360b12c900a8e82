"""The feed holds what is new, not everything: the newest ``feed_size`` checks, corrections and
retractions (50 unless the desk says otherwise), and stays valid Atom at any size of desk."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest
from sitebuild import copy_project, mkdocs_build

from factsite.bench.corpus import generate_corpus
from factsite.quotes.project import load_project
from factsite.render.site import SiteInfo, build_site


def _feed_of(site: object) -> feedparser.FeedParserDict:
    (feed,) = [f.content for f in site.files if f.path == "feed.xml"]  # type: ignore[attr-defined]
    parsed = feedparser.parse(feed)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.fixture(scope="module")
def big_desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    desk = tmp_path_factory.mktemp("desk")
    generate_corpus(desk, sources=30, checks_per_source=10)
    return desk


def test_a_big_desk_s_feed_holds_its_newest_fifty_changes(big_desk: Path) -> None:
    project = load_project(big_desk / "factchecks.yaml")
    feed = _feed_of(build_site(project, SiteInfo("Desk", "https://example.org/")))
    assert len(project.checks) == 300
    assert len(feed.entries) == 50
    # Newest first, and nothing left out is newer than what is in.
    updated = [entry.updated for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)
    newest_left_out = sorted((c.last_modified.isoformat() for c in project.checks), reverse=True)[50]
    assert all(u[:10] >= newest_left_out for u in updated)
    # Each entry is complete: its verdict, summary and content.
    for entry in feed.entries:
        assert entry.title and entry.summary and entry.content[0].value and entry.tags


@pytest.mark.parametrize("size", [1, 7, 1000])
def test_the_desk_chooses_how_many(big_desk: Path, size: int) -> None:
    project = load_project(big_desk / "factchecks.yaml")
    feed = _feed_of(build_site(project, SiteInfo("Desk", "https://example.org/", feed_size=size)))
    assert len(feed.entries) == min(size, 300)


def test_the_option_reaches_the_built_feed_and_a_bad_one_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "sample")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    option = re.search(r"  - factsite:\n", config)
    assert option
    small = config[: option.end()] + "      feed_size: 2\n" + config[option.end() :]
    (project / "mkdocs.yml").write_text(small, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    parsed = feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes())
    assert not parsed.bozo and len(parsed.entries) == 2

    for bad, said in (("0", "at least 1"), ("yes", "whole number"), ("many", "feed_size")):
        broken = config[: option.end()] + f"      feed_size: {bad}\n" + config[option.end() :]
        (project / "mkdocs.yml").write_text(broken, encoding="utf-8")
        result = mkdocs_build(project, tmp_path / "bad")
        assert result.returncode != 0 and said in result.stderr and "Traceback" not in result.stderr
