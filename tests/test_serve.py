"""``mkdocs serve`` as a contributor uses it: edits rebuild the site, mistakes keep the last good one."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from sitebuild import copy_project

CLAIM = "claims/us-cannot-deport-citizens/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def _serve(tmp_path: Path, *options: str):  # type: ignore[no-untyped-def]
    project = copy_project(tmp_path / "project")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *options],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "FACTSITE_SITE_URL": f"http://127.0.0.1:{port}/"},
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(lambda: "<mark" in _get(base + CLAIM), "the first build")
        yield project, base, tmp_path / "serve.log", process
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs removes its temporary site folder
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def served(tmp_path: Path):  # type: ignore[no-untyped-def]
    yield from _serve(tmp_path)


@pytest.fixture
def served_dirty(tmp_path: Path):  # type: ignore[no-untyped-def]
    yield from _serve(tmp_path, "--dirty")


def test_editing_checks_rebuilds_and_a_mistake_keeps_the_last_good_site(served) -> None:  # type: ignore[no-untyped-def]
    project, base, log_path, process = served
    factchecks = project / "factchecks.yaml"
    original = factchecks.read_text(encoding="utf-8")

    edited = original.replace("claim: The US government cannot deport American citizens.", "claim: Citizens cannot be deported by the US government.")
    factchecks.write_text(edited, encoding="utf-8")
    _wait_for(lambda: "Citizens cannot be deported by the US government." in _get(base + CLAIM), "the edit to appear")

    factchecks.write_text(edited.replace("rating: opinion", "rating: opinon"), encoding="utf-8")
    _wait_for(lambda: "did you mean 'opinion'?" in log_path.read_text(encoding="utf-8"), "the error in the terminal")
    assert process.poll() is None, "the server stopped"
    page = _get(base + CLAIM)
    assert "Citizens cannot be deported by the US government." in page  # the last good site
    log = log_path.read_text(encoding="utf-8")
    assert "Traceback" not in log
    assert "factchecks.yaml:" in log

    factchecks.write_text(original, encoding="utf-8")
    _wait_for(lambda: "The US government cannot deport American citizens." in _get(base + CLAIM), "the fix to appear")

    seed = next((project / "seeds").iterdir())
    seed.write_text(seed.read_text(encoding="utf-8").replace("harsh and dangerous", "harsh, dangerous"), encoding="utf-8")
    _wait_for(lambda: "harsh, dangerous" in _get(base + "sources/ap-el-salvador-prison-offer/"), "a seed edit to appear")


def _search_docs(base: str) -> list[dict[str, str]]:
    return list(json.loads(_get(base + "search/search_index.json"))["docs"])


def test_dirty_serving_shows_an_edit_everywhere_and_search_stays_whole(served_dirty) -> None:  # type: ignore[no-untyped-def]
    """`mkdocs serve --dirty` re-renders only what an edit changed, yet search finds every page, once."""
    project, base, log_path, _process = served_dirty
    before = _search_docs(base)
    pages_before = {d["location"].split("#")[0] for d in before}
    other = "claims/musk-remaking-federal-government/"
    def other_page() -> str:  # without the live-reload script's changing numbers
        return re.sub(r"livereload\([\d, ]+\)", "", _get(base + other))

    other_before = other_page()
    factchecks = project / "factchecks.yaml"
    original = factchecks.read_text(encoding="utf-8")
    old, new = "The US government cannot deport American citizens.", "Citizens cannot be deported by the US government."
    for edit in range(2):  # a second edit merges into an index that was itself merged
        claim = new if edit == 0 else f"{new} Again."
        factchecks.write_text(original.replace(f"claim: {old}", f"claim: {claim}"), encoding="utf-8")
        _wait_for(lambda claim=claim: claim in _get(base + CLAIM), "the edit on the claim page")
        assert claim in _get(base + "claims/"), "the index lists the edited claim"
        docs = _search_docs(base)
        entries = [json.dumps(d, sort_keys=True) for d in docs]
        assert len(entries) == len(set(entries)), "duplicate search entries"
        assert {d["location"].split("#")[0] for d in docs} == pages_before, "search lost or gained pages"
        claim_titles = [d["title"] for d in docs if d["location"] == CLAIM]
        assert len(claim_titles) == 1 and claim in claim_titles[0]
        assert not any(old in d["title"] for d in docs)
    assert other_page() == other_before  # untouched pages are served as they were
    assert "Traceback" not in log_path.read_text(encoding="utf-8")


def test_the_sitemap_date_follows_the_data_while_serving(served) -> None:  # type: ignore[no-untyped-def]
    project, base, _log, _process = served
    factchecks = project / "factchecks.yaml"
    text = factchecks.read_text(encoding="utf-8")
    first = re.search(r"\n    published: (\d{4}-\d\d-\d\d)", text)
    assert first and "2026-01-15" not in _get(base + "sitemap.xml")
    factchecks.write_text(text.replace(first.group(0), "\n    published: 2026-01-15", 1), encoding="utf-8")
    _wait_for(lambda: "<lastmod>2026-01-15</lastmod>" in _get(base + "sitemap.xml"), "the newer date in the sitemap")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as err:
        return err.code


def test_dirty_serving_drops_a_removed_check_and_follows_search_exclusion(served_dirty) -> None:  # type: ignore[no-untyped-def]
    project, base, _log, _process = served_dirty
    factchecks = project / "factchecks.yaml"
    text = factchecks.read_text(encoding="utf-8")
    removed = "musk-remaking-federal-government"
    start = text.index(f"  - id: {removed}")
    factchecks.write_text(text[:start] + text[text.index("  - id: el-salvador-accepts-any-nationality"):], encoding="utf-8")
    _wait_for(lambda: removed not in _get(base + "claims/"), "the index without the removed check")
    assert _status(base + f"claims/{removed}/") == 404, "the removed check's page is still served"
    assert not [d for d in _search_docs(base) if removed in d["location"]]

    about = project / "docs" / "about.md"
    original = about.read_text(encoding="utf-8")
    excluded = original.replace("---\ntitle: About\n", "---\ntitle: About\nsearch:\n  exclude: true\n", 1)
    assert excluded != original

    def about_entries() -> int:
        return len([d for d in _search_docs(base) if d["location"].startswith("about/")])

    for step, text_now in enumerate((excluded, original, excluded)):
        about.write_text(text_now, encoding="utf-8")
        expected_none = text_now is excluded
        _wait_for(lambda e=expected_none: (about_entries() == 0) == e, f"step {step}: about/ {'out of' if expected_none else 'back in'} search")
