"""The package stays what the README promises: typed (mypy --strict) and lint-clean (ruff)."""

from __future__ import annotations

import subprocess
import sys

from sitebuild import REPO


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300, check=False)


def test_the_package_type_checks_strictly() -> None:
    result = _run(sys.executable, "-m", "mypy")  # files and strictness from pyproject.toml
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_the_code_is_lint_clean() -> None:
    # The root's hooks/ belongs to the sample desk (a desk may drop it); the fixtures keep a copy.
    hooks = ["hooks"] if (REPO / "hooks").is_dir() else []
    result = _run(sys.executable, "-m", "ruff", "check", "src", "tests", *hooks)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
