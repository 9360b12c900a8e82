"""Search for readers: Material's search box, backed by a Pagefind index built after every build.

Material's own search writes one ``search/search_index.json`` of every page's text (about 30 MB
at 10,000 checks) and each page fetches it as it opens. factsite replaces it with Pagefind (from
PyPI, ``pagefind[extended]``: its binary segments Chinese and Japanese too), which writes a chunked
static index to ``site/pagefind/``; a reader's browser fetches the few chunks a query needs, and
only once the reader starts searching (``assets/search.js``).

Here: the stand-in that keeps Material's header drawing its search box without Material's search
plugin, the mark that tells Pagefind which part of a page to index, and the run of Pagefind itself.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

MATERIAL_SEARCH = "material/search"  # the key Material's header looks up in config.plugins
OUTPUT_DIR = "pagefind"  # site/pagefind/: the index, its WebAssembly and pagefind.js
TIMEOUT = 1800  # seconds; Pagefind indexes 10,000 pages in well under a minute
# Pagefind's ready-made search interfaces and its web worker, which factsite does not use (search.js
# draws Material's results, searching on the page's thread).
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js",
    "pagefind-worker.js",  # search.js runs Pagefind on the page's own thread (noWorker)
)
log = logging.getLogger("mkdocs.plugins.factsite")


class _SearchBoxConfig(base.Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)


class SearchBox(BasePlugin[_SearchBoxConfig]):  # type: ignore[no-untyped-call]
    """Stands in for Material's search plugin in ``config.plugins``: Material's header draws its
    search button and ``partials/search.html`` when ``config.plugins["material/search"].config.enabled``.
    It has no events, so it does no work; factsite's own partial and script do the searching."""

    serves_pagefind = True  # factsite's partials/search.html draws its own search box for it

    def __init__(self) -> None:
        self.load_config({})


def provide_search_box(config: MkDocsConfig) -> None:
    """Make Material's header show the search box, and keep Material's search from indexing.

    A desk that still lists Material's ``search`` plugin keeps building: that plugin is switched off
    (it would write a 30 MB index nothing reads) and the stand-in takes its place in the header.
    """
    plugins = config.plugins
    current = plugins.get(MATERIAL_SEARCH)
    if isinstance(current, SearchBox):
        return
    if current is not None:
        # Its events stay registered but do nothing once disabled, whichever order they run in.
        current.config["enabled"] = False
        log.info(
            "factsite: the site's search is factsite's (Pagefind); Material's `search` plugin is not "
            "used. Remove `- search` from `plugins:` in mkdocs.yml."
        )
    # dict's own __setitem__: the stand-in has no events to register.
    dict.__setitem__(plugins, MATERIAL_SEARCH, SearchBox())


# Material's <article> around a page's content: the only part of a page worth finding. The header,
# navigation, table of contents and footer are left out of the index.
_CONTENT = re.compile(r'<article class="md-content__inner md-typeset"')


def excluded_from_search(meta: Mapping[str, Any]) -> bool:
    """Whether a page's front matter keeps it out of search, as Material's search read it:
    ``search: {exclude: true}``."""
    search = meta.get("search")
    return isinstance(search, Mapping) and search.get("exclude") is True


def mark_searchable(html: str) -> str:
    """``html`` with its content marked for Pagefind (``data-pagefind-body``): pages without the mark,
    such as the 404 page, are not indexed at all."""
    return _CONTENT.sub(lambda m: m.group() + " data-pagefind-body", html, count=1)


@dataclass(frozen=True)
class IndexRun:
    """What one run of Pagefind did."""

    seconds: float
    summary: str  # Pagefind's own count of languages, pages and words


def _executable() -> Path:
    """Pagefind's binary, from the ``pagefind`` package (``$PAGEFIND_BINARY_PATH`` may name another)."""
    try:
        from pagefind.service import get_executable

        found = get_executable()
    except (ImportError, OSError):
        found = None
    if found is None or not found.is_file():
        raise PluginError(
            "factsite: Pagefind, which builds the site's search index, is not installed: "
            "pip install 'pagefind[extended]' (it is a dependency of factsite: reinstall factsite), "
            "or set `search: false` under `plugins: - factsite` to build without search."
        )
    return found


def build_index(site_dir: str | Path) -> IndexRun:
    """Index the built site in ``site_dir`` with Pagefind into ``site_dir/pagefind``.

    The whole folder is indexed on every build (a ``--dirty`` build's too: pages it did not render
    are still in the folder). The new index is written beside the old and then swapped in, so a
    server never serves half of each; a failure leaves the last index and raises PluginError.
    """
    site = Path(site_dir)
    fresh, target = site / f".{OUTPUT_DIR}-new", site / OUTPUT_DIR
    shutil.rmtree(fresh, ignore_errors=True)
    command = [str(_executable()), "--site", str(site), "--output-path", str(fresh)]
    started = time.perf_counter()
    try:
        # In the site folder: Pagefind reads a pagefind.yml/.toml/.json from where it runs, and the
        # desk's own folder may hold one meant for something else.
        done = subprocess.run(
            command, cwd=site, capture_output=True, text=True, timeout=TIMEOUT, check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        shutil.rmtree(fresh, ignore_errors=True)
        raise PluginError(f"factsite: Pagefind could not index the site for search: {err}") from None
    output = "\n".join(part.strip() for part in (done.stdout, done.stderr) if part.strip())
    if done.returncode != 0 or not (fresh / "pagefind.js").is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        raise PluginError(
            f"factsite: Pagefind could not index the site for search (exit status {done.returncode}):\n"
            f"{output or '(no output)'}"
        )
    for name in UNUSED:
        (fresh / name).unlink(missing_ok=True)
    shutil.rmtree(target, ignore_errors=True)
    fresh.rename(target)
    return IndexRun(time.perf_counter() - started, _summary(output))


def _summary(output: str) -> str:
    """Pagefind's totals ("Indexed 1 language", "Indexed 32 pages", ...) as one line."""
    counts = re.findall(r"Indexed (\d+ \w+)", output)
    return ", ".join(counts)
