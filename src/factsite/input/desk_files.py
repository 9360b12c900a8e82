"""Warnings about the desk's own files around the data: text still to be filled in, and a stale
copy of the data format.

- ``MARKER`` stands wherever only the desk can write the text (``factsite init`` puts it in the
  pages of ``docs/`` and in ``mkdocs.yml``). Every line holding it is a warning, located at the
  marker: reported by ``factsite check`` (``--strict`` fails on it) and logged by the build, so
  nothing half-written is published unnoticed.
- A desk repository has no ``src/``: ``factsite init`` writes a copy of the schema,
  ``factchecks.schema.json``, for editors to check ``factchecks.yaml`` against (named on its first
  line). When that copy is not the installed factsite's schema, editors check an outdated format.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from factsite.input.problems import Problem
from factsite.input.schema import SCHEMA_FILE

MARKER = "TO BE FILLED IN"
# The Markdown files MkDocs makes pages of.
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
_MODELINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SHOWN = 90  # characters of the marked line quoted in a warning


def _display(path: Path) -> str:
    """``path`` relative to the working directory, as ``loading.display_path`` (which imports this)."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def marker_warnings(text: str, file: str, *, fix: str) -> list[Problem]:
    """A warning for each line of ``text`` (the contents of ``file``) that holds ``MARKER``."""
    found = []
    for number, line in enumerate(_LINE_BREAK.split(text.removeprefix("\ufeff")), 1):
        at = line.find(MARKER)
        if at < 0:
            continue
        # What is to be written, as the marked line says, without the Markdown or YAML around it.
        wanted = line[at + len(MARKER) :].lstrip(":*_ \t").rstrip("*_\"' \t")
        wanted = wanted if len(wanted) <= _SHOWN else wanted[: _SHOWN - 1] + "…"
        message = f"{MARKER}: {wanted}" if wanted else f"{MARKER} here"
        found.append(Problem("to-be-filled-in", file, number, at + 1, message, fix, severity="warning"))
    return found


def _read_text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None


def unfinished_pages(docs_dir: Path) -> list[Problem]:
    """Every line of the site's hand-written pages in ``docs_dir`` that holds ``MARKER``."""
    if not docs_dir.is_dir():
        return []
    found = []
    pages = sorted(
        path
        for path in docs_dir.rglob("*")
        if path.suffix.lower() in PAGE_SUFFIXES
        # MkDocs leaves out files and folders whose names start with a dot.
        and not any(part.startswith(".") for part in path.relative_to(docs_dir).parts)
        and path.is_file()
    )
    for page in pages:
        text = _read_text(page)
        if text is not None:
            found += marker_warnings(
                text,
                _display(page),
                fix=f"replace `{MARKER}` and what it asks for with the desk's own text;"
                " until then the page is published with it",
            )
    return found


def unfinished_settings(config: Path) -> list[Problem]:
    """Every line of the site's ``mkdocs.yml`` (``config``) that holds ``MARKER``."""
    text = _read_text(config)
    if text is None:
        return []
    return marker_warnings(
        text,
        _display(config),
        fix=f"replace `{MARKER}` and what it asks for with the desk's own value (on a commented-out"
        " setting, also remove the `# ` before it); until then the site shows it",
    )


@cache
def _installed_schema() -> Any:
    """The installed schema, read afresh: ``schema.schema()``'s dict is handed to the validators."""
    return json.loads(resources.files("factsite.input").joinpath(SCHEMA_FILE).read_bytes())


def stale_schema_copy(data: Path) -> list[Problem]:
    """A warning when the schema named on the first line of ``data`` is a copy of factsite's schema
    that differs from the installed one. Addresses, missing files and other schemas are left alone."""
    try:
        with data.open(encoding="utf-8", errors="replace") as file:
            first = file.readline(1000)
    except OSError:
        return []
    found = _MODELINE.search(first)
    if not found or "://" in found.group(1):
        return []
    copy_path = data.parent / found.group(1)
    try:
        copy = json.loads(copy_path.read_bytes())
    except (OSError, ValueError):
        return []
    installed = _installed_schema()
    if not isinstance(copy, dict) or copy.get("$id") != installed.get("$id") or copy == installed:
        return []
    where = _display(copy_path)
    if copy_path.name == SCHEMA_FILE:
        fix = f"write the current one over it: `factsite init --update-schema {_display(copy_path.parent)}`"
    else:
        fix = f"replace it with {SCHEMA_FILE} of the installed factsite (`factsite init --update-schema DIR`)"
    return [
        Problem(
            "stale-schema",
            _display(data),
            1,
            found.start(1) + 1,
            f"{where} is not the data format of the installed factsite: editors check this file "
            "against an outdated copy",
            fix,
            severity="warning",
        )
    ]


def desk_warnings(data: Path, docs_dir: Path | None) -> list[Problem]:
    """What the loader adds about the files around ``data``: a stale schema copy, and the pages
    of ``docs_dir`` still to be filled in."""
    return [*stale_schema_copy(data), *(unfinished_pages(docs_dir) if docs_dir is not None else [])]
