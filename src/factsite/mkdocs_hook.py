"""The MkDocs glue: hands factsite's generated pages, files and head metadata to MkDocs.

A site's ``hooks/factchecks.py`` re-exports these event handlers. Everything MkDocs-specific is
here; the pages themselves come from the engine-independent ``factsite.site``.
"""

from __future__ import annotations

import calendar
import gc
import hashlib
import json
import logging
import os
import re
from html import unescape
from importlib import resources
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from factsite.checking import check_file
from factsite.incremental import RenderedPages, SearchDoc, fingerprint, merge_search_docs
from factsite.problems import format_problems
from factsite.share_meta import ShareMeta
from factsite.site import Site, SiteInfo, StructuredDataError, build_site
from factsite.urls import ASSETS, Layout
from factsite.yaml_source import collector_paused

# The MkDocs events handled here; a site's hook file re-exports exactly these.
__all__ = [
    "on_config", "on_files", "on_page_content", "on_page_context", "on_page_markdown", "on_post_build", "on_pre_build",
    "on_startup",
]

ASSET_FILES = ("factsite.css", "factsite.js")
log = logging.getLogger("mkdocs.plugins.factsite")

# MkDocs keeps hook modules loaded across `mkdocs serve` rebuilds: on_config resets _site.
_site = Site([], [])
_last_good: Site | None = None  # while serving, shown again when an edit breaks the data
_serving = False
_EPOCH_GIVEN = "SOURCE_DATE_EPOCH" in os.environ  # e.g. the deploy workflow's last commit time
# `--dirty` builds: what the last finished build rendered, to re-render only what changed.
_dirty = False
_rendered = RenderedPages()
_rendered_urls: set[str] = set()  # pages this build rendered
_page_urls: set[str] = set()  # every page of the build under way
_outputs: set[str] = set()  # every file the build under way writes (absolute paths)
_search_docs: list[SearchDoc] = []  # the complete search index of the last build


class _GeneratedPageFile(File):
    """A generated page that tells a ``--dirty`` build whether it differs from the last build's.

    MkDocs counts every in-memory file as modified; this one knows better.
    """

    same_as_last_build = False

    def is_modified(self) -> bool:
        return not self.same_as_last_build


def on_startup(command: str, dirty: bool) -> None:
    global _serving, _dirty
    _serving = command == "serve"
    _dirty = dirty
    if dirty:
        log.info(
            "factsite: --dirty renders only the pages an edit changes. Material's tags plugin needs "
            "every page in every build, so topic chips on those pages show without links and the "
            "Topics page keeps its first version; pages in docs/ show navigation changes only when "
            "edited. Restart without --dirty to see all of it."
        )


def _site_info(config: MkDocsConfig) -> SiteInfo:
    if not config.site_url:
        raise PluginError("factsite: set `site_url` in mkdocs.yml: permalinks, the feed and JSON-LD need it.")
    extra: dict[str, Any] = dict(config.extra or {})
    settings: dict[str, Any] = extra.get("factsite") or {}
    return SiteInfo(
        name=config.site_name,
        url=config.site_url,
        description=config.site_description or "",
        publisher=str(settings.get("publisher") or ""),
        repo_url=config.repo_url,
    )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site, _last_good
    _site = Site([], [])
    gc.unfreeze()  # let the previous build's pages go (mkdocs serve)
    root = Path(config.config_file_path).parent
    report = check_file(root / "factchecks.yaml", docs_dir=Path(config.docs_dir))
    if report.warnings:
        # Info, not warning: `mkdocs build --strict` must not fail on what `factsite check` passes.
        log.info(f"factsite: {len(report.warnings)} warning(s) in the fact checks.\n{format_problems(report.warnings)}")
    if report.project is None:
        message = (
            f"factsite: {len(report.problems)} problem(s) in the fact checks.\n"
            f"{format_problems(report.problems)}\n{report.summary.line()}"
        )
        if not (_serving and _last_good):
            # Raised before MkDocs touches site/: a failed build writes nothing.
            raise PluginError(f"{message}\nNothing was built. Run `factsite check` for the same report.")
        # MkDocs' dev server hangs page loads after a failed rebuild; keep the last good site.
        log.error(f"{message}\nStill serving the last good version; fix the problems to see your edits.")
        site = _last_good
    else:
        try:
            with collector_paused():
                info, layout = _site_info(config), Layout(config.use_directory_urls)
                site = build_site(report.project, info, layout, previous=_last_good if _serving else None)
        except StructuredDataError as err:
            raise PluginError(f"factsite: {err}") from None
        # Reproducible output: the build date MkDocs stamps on the sitemap comes from the data
        # (each build of a serve session: an edit may bring a newer date), unless the caller set it.
        if not _EPOCH_GIVEN:
            last = report.project.last_modified
            os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(last.timetuple()))
    clashes = [p.path for p in site.pages if Path(config.docs_dir, p.path).exists()]
    clashes += [f.path for f in site.files if Path(config.docs_dir, f.path).exists()]
    if clashes:
        raise PluginError(
            "factsite: "
            + "; ".join(f"docs/{path} clashes with a generated file of the same name" for path in clashes)
            + ". Remove or rename it."
        )
    _site = site
    if _serving:
        _last_good = site
    config.extra_css.append(f"{ASSETS}/factsite.css")
    config.extra_javascript.append(f"{ASSETS}/factsite.js")
    # The generated site stays alive for the whole build: keep the garbage collector from
    # re-walking its objects on every collection while MkDocs renders thousands of pages.
    gc.freeze()
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    docs_to_root = Path(os.path.relpath(root, config.docs_dir)).as_posix()
    page_files = []
    for page in _site.pages:
        file = cast(_GeneratedPageFile, _GeneratedPageFile.generated(
            config,
            page.path,
            content=page.markdown(),
            inclusion=InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV,
        ))
        # "Edit this page" opens the data the page is made from, not a docs file that does not exist.
        # Percent-encoded: MkDocs and Material print the edit URL into an attribute unescaped.
        file.edit_uri = quote(f"{docs_to_root}/{page.edit_path}") if page.edit_path else None
        files.append(file)
        page_files.append(file)
    if _dirty:
        _skip_unchanged(page_files, config)
    for generated in _site.files:
        files.append(File.generated(config, generated.path, content=generated.content))
    assets = resources.files("factsite").joinpath("assets")
    for name in ASSET_FILES:
        files.append(File.generated(config, f"{ASSETS}/{name}", content=assets.joinpath(name).read_bytes()))
    if _dirty:
        _page_urls.clear()
        shown = InclusionLevel.is_in_serve if _serving else InclusionLevel.is_included  # drafts, when serving
        _page_urls.update(file.url for file in files.documentation_pages(inclusion=shown))
        _outputs.clear()
        _outputs.update(file.abs_dest_path for file in files)
    return files


def _skip_unchanged(page_files: list[_GeneratedPageFile], config: MkDocsConfig) -> None:
    """Mark the pages whose HTML would come out as the last build's, for ``--dirty`` to skip."""
    _rendered_urls.clear()
    # Every page carries the navigation and settings from mkdocs.yml: a change there renders all.
    settings = hashlib.sha256(Path(config.config_file_path).read_bytes()).hexdigest()
    prints = {}
    for file in page_files:
        page = _site.page(file.src_uri)
        assert page is not None
        share = page.share.html() if page.share else ""
        prints[file.src_uri] = fingerprint(settings, str(file.edit_uri), share, file.content_string)
    same = _rendered.start(prints)
    for file in page_files:
        file.same_as_last_build = file.src_uri in same and os.path.isfile(file.abs_dest_path)


# A generated page's body is finished, escaped HTML. Python-Markdown would only parse it as one
# raw HTML block and hand it back unchanged, which cost a third of the build: the page's
# Markdown is emptied after every other plugin has seen it, and the body put back as its HTML
# before any other plugin sees that.
@event_priority(-100)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return "" if _site.page(page.file.src_uri) else markdown


@event_priority(100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _site.page(page.file.src_uri)
    if generated is None:
        return html
    # MkDocs finds a page's anchors while converting its Markdown; links from docs/ pages to
    # `ratings.md#rating-false` are validated against these.
    page.present_anchor_ids = {unescape(i) for i in _ANCHOR_ID.findall(generated.body)}
    return str(generated.body) + html


# An id attribute in factsite's own HTML: always double-quoted, and a '"' in any value or text
# is escaped, so this cannot match contributor text.
_ANCHOR_ID = re.compile(r'\sid="([^"]+)"')


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    _rendered_urls.add(page.url)
    generated = _site.page(page.file.src_uri)
    share = generated.share if generated and generated.share else None
    if share is None:
        title = page.meta.get("title") or page.title or config.site_name
        # Titles reach here as HTML (escaped for generated pages): back to plain text.
        plain = unescape(re.sub(r"<[^>]+>", "", str(title)))
        description = unescape(str(page.meta.get("description") or config.site_description or ""))
        share = ShareMeta(plain, description, page.canonical_url or config.site_url or "", config.site_name)
    page.meta["factsite_head"] = share.html()
    return context


def _search_index_path(config: MkDocsConfig) -> Path:
    return Path(config.site_dir, "search", "search_index.json")


def on_pre_build(config: MkDocsConfig) -> None:
    global _search_docs
    if not _dirty:
        return
    # Material's search keeps its last index across dirty builds and merges into it on the
    # assumption that one page changed (it drops the first rendered page's entries by URL
    # prefix: rendering the home page, "", drops everything). Without it, the plugin writes
    # exactly the pages rendered this build, and on_post_build completes the index.
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None
    # The first dirty build of a process (`mkdocs build --dirty`) starts from the index the last
    # build left in the site folder: the pages it skips keep their entries.
    index = _search_index_path(config)
    if _rendered.empty and index.is_file():
        try:
            _search_docs = list(json.loads(index.read_bytes())["docs"])
        except (ValueError, KeyError, TypeError):
            _search_docs = []  # not an index we can read: rebuilt from what this build renders


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config: MkDocsConfig) -> None:
    """After a ``--dirty`` build: remember what was rendered, and write the whole search index."""
    global _search_docs
    if not _dirty:
        return
    # A removed or renamed check's page would otherwise still be served at its old address.
    for path in _rendered.finish():
        stale = File(path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
        if stale.abs_dest_path not in _outputs:
            Path(stale.abs_dest_path).unlink(missing_ok=True)
    index = _search_index_path(config)
    if not index.is_file():  # no search plugin
        return
    written = json.loads(index.read_bytes())
    written["docs"] = _search_docs = merge_search_docs(_search_docs, written["docs"], _rendered_urls, _page_urls)
    index.write_text(json.dumps(written, separators=(",", ":")), encoding="utf-8")
