"""MkDocs hook: hands factsite's generated pages and assets to MkDocs.

All logic lives in the ``factsite`` package; this file only adapts MkDocs events to it. (It is not
named ``factsite.py``: MkDocs puts this folder first on ``sys.path`` while loading a hook, so that
name would import itself instead of the package.)
"""

from __future__ import annotations

import logging
import os
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from factsite.checking import check_file
from factsite.problems import format_problems
from factsite.site import GeneratedPage, SiteInfo, build_site
from factsite.urls import ASSETS, Layout

ASSET_FILES = ("factsite.css", "factsite.js")
log = logging.getLogger("mkdocs.plugins.factsite")

# MkDocs keeps hook modules loaded across `mkdocs serve` rebuilds: on_config resets _pages.
_pages: list[GeneratedPage] = []
_last_good: list[GeneratedPage] = []  # while serving, shown again when an edit breaks the data
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _pages.clear()
    root = Path(config.config_file_path).parent
    report = check_file(root / "factchecks.yaml")
    if report.project is None:
        message = (
            f"factsite: {len(report.problems)} problem(s) in the fact checks.\n"
            f"{format_problems(report.problems)}\n{report.summary.line()}"
        )
        if _serving and _last_good:
            # MkDocs' dev server hangs page loads after a failed rebuild; keep the last good site.
            log.error(f"{message}\nStill serving the last good version; fix the problems to see your edits.")
            pages = list(_last_good)
        else:
            # Raised before MkDocs touches site/: a failed build writes nothing.
            raise PluginError(f"{message}\nNothing was built. Run `factsite check` for the same report.")
    else:
        info = SiteInfo(name=config.site_name, description=config.site_description or "")
        pages = build_site(report.project, info, Layout(config.use_directory_urls))
    clashes = [p.path for p in pages if Path(config.docs_dir, p.path).exists()]
    if clashes:
        raise PluginError(
            "factsite: "
            + "; ".join(f"docs/{path} clashes with a generated page of the same name" for path in clashes)
            + ". Remove or rename it."
        )
    _pages.extend(pages)
    if _serving:
        _last_good[:] = pages
    config.extra_css.append(f"{ASSETS}/factsite.css")
    config.extra_javascript.append(f"{ASSETS}/factsite.js")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    docs_to_root = Path(os.path.relpath(root, config.docs_dir)).as_posix()
    for page in _pages:
        file = File.generated(
            config,
            page.path,
            content=page.markdown(),
            inclusion=InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV,
        )
        # "Edit this page" opens the data the page is made from, not a docs file that does not exist.
        file.edit_uri = f"{docs_to_root}/{page.edit_path}" if page.edit_path else None
        files.append(file)
    assets = resources.files("factsite").joinpath("assets")
    for name in ASSET_FILES:
        files.append(File.generated(config, f"{ASSETS}/{name}", content=assets.joinpath(name).read_bytes()))
    return files
