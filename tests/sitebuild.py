"""Helpers for tests that build real sites with MkDocs and read the result."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("mkdocs.yml", "factchecks.yaml")
PROJECT_DIRS = ("seeds", "docs", "hooks")


def copy_project(dest: Path) -> Path:
    """A copy of the repository's site project (config, data, seeds, pages, hook) in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy(REPO / name, dest / name)
    for name in PROJECT_DIRS:
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def mkdocs_build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` (never -q or -v: both weaken strict mode)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""


class ParsedPage(HTMLParser):
    """Start tags with their attributes, ids, and the text inside each element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "path", "use"):
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    @property
    def ids(self) -> set[str]:
        return {e.attrs["id"] or "" for e in self.elements if "id" in e.attrs}

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and all(attr in (e.attrs.get(k) or "").split() for k, attr in attrs.items())
        ]


def parse(path: Path) -> ParsedPage:
    page = ParsedPage()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page
