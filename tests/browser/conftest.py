"""Fixtures of the real-browser tests: one build per site, one Chromium per session.

Chromium is the system's (``/usr/bin/chromium``, or ``$FACTSITE_CHROMIUM``); nothing is ever
downloaded. Without it every test here is skipped with the reason, and all of them carry the
``browser`` marker, so CI can count the skips (``pytest -m browser -rs``).

The fixture projects (``tests/fixtures/``), the project copy, the engine's build and the sample
data come from the shared ``sitebuild.py`` (see ``tests/conftest.py``). The sample is built here
once more, not taken from the shared ``sample_site``: a browser needs its ``site_url`` to be the
address it is served at (a free port, known only when the server is bound), or Material's instant
navigation leaves the site.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import (
    CHROMIUM_ARGS,
    DEFAULT_CHROMIUM,
    Reader,
    ServedSite,
    new_reader,
    serve_built_site,
    unavailable,
)
from sitebuild import copy_project, sample_data


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "browser: drives the built site in Debian's Chromium (/usr/bin/chromium or "
        "$FACTSITE_CHROMIUM); skipped when it is missing",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test, even one whose module forgot ``pytestmark``."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The system Chromium. When it is missing every browser test is skipped with the reason, or
    fails when $FACTSITE_REQUIRE_BROWSER is set (as in CI, where a skip would hide a broken setup)."""
    path = os.environ.get("FACTSITE_CHROMIUM") or DEFAULT_CHROMIUM
    found = shutil.which(path)
    if not found:
        unavailable(f"Chromium not found at {path}; install Debian's chromium package")
    assert found
    return found


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    """One headless Chromium for the whole session; each test gets its own context."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def site(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The sample site (tests/fixtures/sample), built once and served at /factsite/ on 127.0.0.1."""
    project = copy_project(tmp_path_factory.mktemp("browser-sample"))
    yield from serve_built_site(project, "sample")


@pytest.fixture(scope="session")
def sample() -> dict[str, Any]:
    """The sample fixture's factchecks.yaml, to compare what readers see with what was written."""
    return sample_data()


@pytest.fixture
def make_reader(browser: Any, site: ServedSite) -> Iterator[Callable[..., Reader]]:
    """Open readers (fresh contexts) with any context options; each must never leave 127.0.0.1."""
    made: list[Reader] = []

    def make(**options: Any) -> Reader:
        made.append(new_reader(browser, site, **options))
        return made[-1]

    try:
        yield make
        for r in made:
            assert not r.traffic.offsite, f"requests to other hosts: {r.traffic.offsite}"
    finally:
        for r in made:
            r.context.close()


@pytest.fixture
def reader(make_reader: Callable[..., Reader]) -> Reader:
    """A desktop-sized (1280x800), light-scheme page on the sample site."""
    return make_reader()
