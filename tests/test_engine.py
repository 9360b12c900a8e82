"""The engine the tests build and serve with is one choice, made in ``sitebuild.engine_command``
from ``$FACTSITE_ENGINE``: MkDocs (the default) or ProperDocs, its maintained fork."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from sitebuild import ENGINE_ENV, REPO, engine_command, engine_generator, engine_name, parse


@pytest.mark.parametrize(
    ("value", "module"),
    [
        (None, "mkdocs"),
        ("", "mkdocs"),
        ("mkdocs", "mkdocs"),
        ("properdocs", "properdocs"),
        ("ProperDocs", "properdocs"),
    ],
)
def test_the_engine_comes_from_one_environment_variable(
    monkeypatch: pytest.MonkeyPatch, value: str | None, module: str
) -> None:
    if value is None:
        monkeypatch.delenv(ENGINE_ENV, raising=False)
    else:
        monkeypatch.setenv(ENGINE_ENV, value)
    assert engine_name() == module
    assert engine_command() == [sys.executable, "-m", module]


def test_an_unknown_engine_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENGINE_ENV, "sphinx")
    with pytest.raises(ValueError, match="mkdocs, properdocs"):
        engine_command()


def test_the_sample_was_built_by_the_selected_engine(sample_site: Path) -> None:
    """MkDocs and ProperDocs build the same site but for the generator they name in every page."""
    metas = parse(sample_site / "index.html").find("meta")
    [generator] = [m for m in metas if m.attrs.get("name") == "generator"]
    content = generator.attrs.get("content") or ""
    assert content.startswith(f"{engine_generator()}, mkdocs-material-"), content


# A command that names the engine (python -m mkdocs, as a list of arguments) would bypass the choice.
ENGINE_BYPASS = re.compile(r"""["']-m["']\s*,\s*["'](?:mkdocs|properdocs)["']""")


def test_every_test_runs_the_engine_through_the_one_helper() -> None:
    bypasses = [
        f"{path.relative_to(REPO)}: {match.group(0).strip()}"
        for path in sorted((REPO / "tests").rglob("*.py"))
        if path.name != "sitebuild.py"
        for match in ENGINE_BYPASS.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not bypasses, "use sitebuild.engine_command() / run_engine():\n" + "\n".join(bypasses)
