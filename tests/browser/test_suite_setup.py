"""The browser suite's own contract: marked ``browser``, skipped with a clear reason when there is no
Chromium (failed instead when $FACTSITE_REQUIRE_BROWSER is set, as in CI). These tests need no
browser themselves: they run pytest on a browser test module with $FACTSITE_CHROMIUM pointing
nowhere."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from browsing import REQUIRE_ENV, TESTS

pytestmark = pytest.mark.browser

MODULE = Path(__file__).with_name("test_screenshots.py")
NO_CHROMIUM = "/nonexistent/chromium"


def run_without_chromium(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != REQUIRE_ENV}
    environment.update(FACTSITE_CHROMIUM=NO_CHROMIUM, **env)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(MODULE),
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:warnings",
        ],
        check=False,
        cwd=TESTS.parent,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_browser_test_carries_the_browser_marker(request: pytest.FixtureRequest) -> None:
    """Without this, CI could not select or count the browser tests (``-m browser``)."""
    assert any(line.startswith("browser:") for line in request.config.getini("markers"))
    browser_dir = Path(__file__).parent
    items = [i for i in request.session.items if browser_dir in i.path.parents]
    assert items and all(i.get_closest_marker("browser") for i in items)


def test_without_chromium_the_browser_tests_are_skipped_with_the_reason() -> None:
    """Without this, a machine without Chromium would error out (or pass silently) instead of
    saying what to install."""
    result = run_without_chromium()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 skipped" in result.stdout, result.stdout
    assert f"Chromium not found at {NO_CHROMIUM}; install Debian's chromium package" in result.stdout


def test_with_factsite_require_browser_a_missing_chromium_fails() -> None:
    """Without this, CI (which sets $FACTSITE_REQUIRE_BROWSER) could go green with every browser
    test skipped."""
    result = run_without_chromium(**{REQUIRE_ENV: "1"})
    assert result.returncode != 0, result.stdout
    assert f"{REQUIRE_ENV} is set" in result.stdout, result.stdout
    assert "skipped" not in result.stdout, result.stdout
