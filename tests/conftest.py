"""Fixtures shared by every test module, the browser tests' included.

The helpers behind them live in ``sitebuild.py`` beside this file, importable by name from any
test module (``from sitebuild import SAMPLE_DESK, parse``; importing this file puts ``tests/``
on ``sys.path``): the fixture projects in ``tests/fixtures/`` (``SAMPLE_DESK``, ``OTHER_DESK``;
never the desk at the repository's root, which a fork replaces), the site engine
(``$FACTSITE_ENGINE``: ``mkdocs`` or ``properdocs``), real strict builds, the one HTML reader and
``serve`` as a context manager. Here they become fixtures:

- ``sample_site``: the sample fixture (``sample_project``, a copy of ``tests/fixtures/sample``) built
  once per session with ``build --strict`` (``SAMPLE_BUILD_ENV``: "edit this page" links on). Read
  both, never change them: a test that needs another project copies one with ``copy_project`` and
  builds that;
- ``serve_project``: starts ``serve`` on a project and stops it when the test ends.
"""

from __future__ import annotations

import importlib.util
import itertools
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sitebuild import (
    SAMPLE_BUILD_ENV,
    LiveServer,
    copy_project,
    engine_command,
    engine_name,
    engine_serve,
    mkdocs_build,
)


def pytest_configure(config: pytest.Config) -> None:
    """A wrong or missing engine stops the run at once, not in every build."""
    try:
        engine = engine_name()
    except ValueError as error:
        raise pytest.UsageError(str(error)) from None
    if importlib.util.find_spec(engine) is None:
        extras = "test,properdocs" if engine == "properdocs" else "test"
        raise pytest.UsageError(f"the engine {engine} is not installed: pip install -e '.[{extras}]'")


def pytest_report_header(config: pytest.Config) -> str:
    return f"factsite engine ($FACTSITE_ENGINE): {engine_name()} ({' '.join(engine_command()[1:])})"


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample fixture, the one ``sample_site`` is built from. Read-only."""
    return copy_project(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def sample_site(sample_project: Path) -> Path:
    """The sample site, built once per session into ``<sample_project>/public``. Read-only."""
    out = sample_project / "public"
    result = mkdocs_build(sample_project, out, **SAMPLE_BUILD_ENV)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


@pytest.fixture
def serve_project(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    """``serve_project(project, *options, ready=None)``: the engine's ``serve`` of ``project``,
    logging to ``tmp_path``; every server started is stopped (as with Ctrl-C) after the test."""
    started = itertools.count(1)
    with ExitStack() as stack:

        def start(project: Path, *options: str, ready: Callable[[str], bool] | None = None) -> LiveServer:
            log_path = tmp_path / f"serve-{next(started)}.log"
            return stack.enter_context(engine_serve(project, *options, log_path=log_path, ready=ready))

        yield start
