"""The package's imports run one way: shared vocabulary, input, quotes, publish, render, then the engine
and the command line. Benchmark tooling is outside the product's import graph."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sitebuild import REPO

PACKAGE = REPO / "src" / "factsite"

# Each part of the package, and the parts it may import (besides itself).
SHARED = {"factsite.model", "factsite.urls", "factsite.verdicts"}
ALLOWED: dict[str, set[str]] = {
    "shared": set(),
    # The words readers see, in every language: below everything that writes them.
    "messages": {"shared"},
    "input": {"shared"},
    "quotes": {"shared", "input"},
    "publish": {"shared", "messages", "input", "quotes"},
    "render": {"shared", "messages", "input", "quotes", "publish"},
    "review": {"shared", "input", "quotes"},
    "starter": {"shared", "messages", "input", "quotes"},
    "mkdocs": {"shared", "messages", "input", "quotes", "publish", "render"},
    "cli": {"shared", "messages", "input", "quotes", "publish", "render", "review", "starter"},
    "bench": {
        "shared", "messages", "input", "quotes", "publish", "render", "mkdocs", "cli", "review", "starter"
    },
    "entry": {"cli"},
}
# Third-party engines: only the engine glue (and the benchmark that measures it) may import them.
ENGINE_MODULES = ("mkdocs", "material", "properdocs")


def _part(module: str) -> str:
    if module in SHARED:
        return "shared"
    if module in ("factsite", "factsite.__main__"):
        return "entry"
    if module == "factsite.cli":
        return "cli"
    return module.split(".")[1]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            # `from factsite import urls` imports the module factsite.urls.
            if node.module == "factsite":
                found += [f"factsite.{alias.name}" for alias in node.names]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_each_module_imports_only_what_comes_before_it(path: Path) -> None:
    name = _module_name(path)
    part = _part(name)
    assert part in ALLOWED, f"{name} is in no part of the package's layering; add it to ALLOWED"
    wrong = []
    for imported in _imports(path):
        if imported == "factsite" or not imported.startswith("factsite."):
            continue
        target = _part(imported)
        if target != part and target not in ALLOWED[part]:
            wrong.append(f"{imported} ({target})")
        if part != "bench" and target == "bench":
            wrong.append(f"{imported}: benchmark tooling is not part of the product")
    assert wrong == [], f"{name} ({part}) may import only {sorted(ALLOWED[part])}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_only_the_engine_glue_imports_the_engine(path: Path) -> None:
    name = _module_name(path)
    if _part(name) in ("mkdocs", "bench"):
        return
    engines = [i for i in _imports(path) if i.split(".")[0] in ENGINE_MODULES]
    assert engines == [], f"{name} imports {engines}; the engine is factsite.mkdocs's business"


SUBPACKAGES = sorted(p.parent for p in PACKAGE.glob("*/__init__.py"))


@pytest.mark.parametrize("folder", SUBPACKAGES, ids=lambda p: p.name)
def test_each_subpackage_says_what_it_owns_and_may_import(folder: Path) -> None:
    doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
    assert doc, f"factsite.{folder.name} needs a docstring"
    assert "import" in doc.lower(), f"factsite.{folder.name}'s docstring should say what it may import"
