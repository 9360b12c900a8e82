"""The MkDocs glue: hands factsite's generated pages, files and head metadata to MkDocs.

``FactsitePlugin`` is the ``factsite`` entry point of ``mkdocs.plugins`` (``plugins: - factsite``);
a site's ``hooks/factchecks.py`` drives one instance of it too (``factsite.mkdocs.hook``). Everything
MkDocs-specific is here; the pages themselves come from the engine-independent ``factsite.render``.
"""

from __future__ import annotations

import calendar
import gc
import hashlib
import logging
import os
import re
from functools import partial
from html import escape, unescape
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast
from urllib.parse import quote, urlsplit

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc
from mkdocs.utils import normalize_url
from mkdocs.utils.templates import TemplateContext

from factsite import urls
from factsite.input.desk_files import unfinished_settings
from factsite.input.problems import format_problems
from factsite.input.yaml_reader import collector_paused
from factsite.messages import Messages, messages_for, missing_warning
from factsite.mkdocs.config import OPTION_NAMES, FactsiteConfig
from factsite.mkdocs.incremental import RenderedPages, fingerprint
from factsite.mkdocs.navigation import reuse_navigation
from factsite.mkdocs.search import build_index, excluded_from_search, mark_searchable, provide_search_box
from factsite.mkdocs.styles import inline_style
from factsite.model import canonical_language
from factsite.publish.share_meta import ShareMeta
from factsite.quotes.project import read_project
from factsite.render.organisation import MARKER, DeskFacts
from factsite.render.site import Site, SiteInfo, StructuredDataError, build_site
from factsite.urls import ASSETS, Layout

# The scripts, served as files at the end of <body>; the stylesheet is inlined into every page's head.
ASSET_FILES = ("factsite.js", "search.js")
# Templates factsite adds to the theme, behind a site's own custom_dir: Material partials with
# accessibility and privacy fixes (see each file's comment).
THEME_DIR = Path(str(resources.files("factsite.mkdocs").joinpath("theme")))
log = logging.getLogger("mkdocs.plugins.factsite")


class _GeneratedPageFile(File):
    """A generated page that tells a ``--dirty`` build whether it differs from the last build's.

    MkDocs counts every in-memory file as modified; this one knows better.
    """

    same_as_last_build = False

    def is_modified(self) -> bool:
        return not self.same_as_last_build


# An id attribute in factsite's own HTML: always double-quoted, and a '"' in any value or text
# is escaped, so this cannot match contributor text.
_ELEMENT_ID = re.compile(r'\sid="([^"]+)"')


class FactsitePlugin(BasePlugin[FactsiteConfig]):  # type: ignore[no-untyped-call]
    """One site's build: the generated site, and what ``mkdocs serve`` keeps between rebuilds.

    MkDocs keeps a plugin with ``on_startup`` for the whole ``serve`` session, and a hook module for
    the whole process; ``on_config`` starts every build afresh.
    """

    def __init__(self, *, from_hook: bool = False) -> None:
        self.from_hook = from_hook  # options come from extra.factsite, not from `plugins:`
        self.site = Site([], [])
        self.last_good: Site | None = None  # while serving, shown again when an edit breaks the data
        self.serving = False
        self.epoch_given = "SOURCE_DATE_EPOCH" in os.environ  # e.g. the deploy workflow's commit time
        # `--dirty` builds: what the last finished build rendered, to re-render only what changed.
        self.dirty = False
        self.rendered = RenderedPages()
        self.outputs: set[str] = set()  # every file the build under way writes (absolute paths)
        self.heads: dict[str, str] = {}  # page URL -> the head metadata written into it
        self.style = ""  # factsite's stylesheet, a <style> for every page's head (factsite.mkdocs.styles)
        self.messages: Messages = messages_for()  # the site's words, in its language

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty
        if dirty:
            log.info(
                "factsite: --dirty renders only the pages an edit changes; pages in docs/ show "
                "navigation changes only when edited. Restart without --dirty to see all of it."
            )

    # -- options -------------------------------------------------------------------------------

    def _read_options(self, config: MkDocsConfig) -> None:
        """Settle the options: from ``plugins:``, or for a hook from ``extra.factsite`` (deprecated)."""
        extra: Any = dict(config.extra or {}).get("factsite")
        if extra is not None and not isinstance(extra, dict):
            raise PluginError(
                "factsite: `extra.factsite` must be a mapping;"
                " move its settings under `plugins: - factsite`."
            )
        extra = dict(extra or {})
        if self.from_hook:
            if any(isinstance(p, FactsitePlugin) for p in config.plugins.values()):
                raise PluginError(
                    "factsite: both `hooks: - hooks/factchecks.py` and `plugins: - factsite` are configured. "
                    "Keep one: remove the hook from `hooks:` (the plugin does everything it did)."
                )
            unknown = sorted(set(extra) - set(OPTION_NAMES))
            if unknown:
                raise PluginError(f"factsite: unknown setting(s) in `extra.factsite`: {', '.join(unknown)}.")
            errors, _ = self.load_config(extra, config.config_file_path)
            if errors:
                details = "; ".join(f"`extra.factsite.{key}`: {err}" for key, err in errors)
                raise PluginError("factsite: " + details)
        if "publisher" in extra:
            moved = "replace `hooks: - hooks/factchecks.py` with " if self.from_hook else ""
            log.info(
                "factsite: DEPRECATED: `extra.factsite.publisher` will stop working in a later release; "
                f"{moved}`plugins: - factsite: {{publisher: ...}}` in mkdocs.yml."
            )
            if not self.from_hook and self.config.publisher is None:
                self.config.publisher = str(extra["publisher"])

    def _site_info(self, config: MkDocsConfig) -> SiteInfo:
        if not config.site_url:
            raise PluginError(
                "factsite: set `site_url` in mkdocs.yml: permalinks, the feed and JSON-LD need it."
            )
        root = Path(config.config_file_path).parent
        return SiteInfo(
            name=config.site_name,
            url=config.site_url,
            description=config.site_description or "",
            publisher=self.config.publisher or "",
            repo_url=config.repo_url,
            data_path=_relative_posix(self.config.data_, root),
            seeds_path=_relative_posix(self.config.seeds, root),
            desk=DeskFacts(
                contact=self.config.contact or "",
                ownership=self.config.ownership or "",
                funding=self.config.funding or "",
                editorial_team=self.config.editorial_team or "",
            ),
            language=site_language(config),
            strings=tuple(sorted(self.config.strings.items())),
            feed_size=self.config.feed_size,
            page_size=self.config.page_size,
        )

    def _messages(self, config: MkDocsConfig) -> Messages:
        """The site's messages; a language not all translated is said once, with how to finish it."""
        messages = messages_for(site_language(config), self.config.strings)
        where = "extra: factsite: strings:" if self.from_hook else "plugins: - factsite: strings:"
        # A warning, so `mkdocs build --strict` fails: a page half in English is read aloud with the
        # wrong pronunciation, and only the desk can write the missing words.
        warning = missing_warning(messages, where)
        if warning:
            log.warning(warning)
        if messages.unknown:
            log.warning(
                f"factsite: `strings` names {len(messages.unknown)} text(s) that are no message of "
                f"factsite's (ignored): {'; '.join(repr(k) for k in messages.unknown[:12])}. Each key is a "
                "message's English text, as `factsite strings` prints it (msgid)."
            )
        for problem in messages.problems:
            log.warning(f"factsite: {problem} (ignored).")
        return messages

    # -- the build -----------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.site = Site([], [])
        gc.unfreeze()  # let the previous build's pages go (mkdocs serve)
        self._read_options(config)
        self.messages = self._messages(config)
        data, seeds = Path(self.config.data_), Path(self.config.seeds)
        report = read_project(data, seeds, docs_dir=Path(config.docs_dir))
        # What `factsite check` also reports: the fact checks' warnings, and settings left unwritten.
        warnings = [*report.warnings, *unfinished_settings(Path(config.config_file_path))]
        if warnings:
            # Info, not warning: `mkdocs build --strict` must not fail on what `factsite check` passes.
            log.info(f"factsite: {len(warnings)} warning(s) in the fact checks.\n{format_problems(warnings)}")
        if report.project is None:
            message = (
                f"factsite: {len(report.problems)} problem(s) in the fact checks.\n"
                f"{format_problems(report.problems)}\n{report.summary.line()}"
            )
            if not (self.serving and self.last_good):
                # Raised before MkDocs touches site/: a failed build writes nothing.
                raise PluginError(f"{message}\nNothing was built. Run `factsite check` for the same report.")
            # MkDocs' dev server hangs page loads after a failed rebuild; keep the last good site.
            log.error(f"{message}\nStill serving the last good version; fix the problems to see your edits.")
            site = self.last_good
        else:
            try:
                with collector_paused():
                    info, layout = self._site_info(config), Layout(config.use_directory_urls)
                    previous = self.last_good if self.serving else None
                    site = build_site(report.project, info, layout, previous=previous)
            except StructuredDataError as err:
                raise PluginError(f"factsite: {err}") from None
            # Reproducible output: the build date MkDocs stamps on the sitemap comes from the data
            # (each build of a serve session: an edit may bring a newer date), unless the caller set it.
            if not self.epoch_given:
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
        self.site = site
        if self.serving:
            self.last_good = site
        # After the site's own custom_dir, before Material: a site may still replace our partials.
        dirs = config.theme.dirs
        if str(THEME_DIR) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        # The stylesheet goes inline into each page's head (on_post_page): a <link> would hold up the
        # first paint. The script is no such request: MkDocs puts it at the end of <body>.
        self.style = inline_style()
        config.extra_javascript.append(f"{ASSETS}/factsite.js")
        if self.config.search:
            # Material's header draws the search box; search.js answers it from site/pagefind/.
            provide_search_box(config)
            config.extra_javascript.append(f"{ASSETS}/search.js")
        # The generated site stays alive for the whole build: keep the garbage collector from
        # re-walking its objects on every collection while MkDocs renders thousands of pages.
        gc.freeze()
        return config

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # Material's navigation is the same on every generated page outside it: rendered once.
        trusted = [d for d in config.theme.dirs if d != config.theme.custom_dir]
        reuse_navigation(env, trusted, lambda page: self.site.page(page.file.src_uri) is not None)
        return env

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # An edit to the data or a seed rebuilds the site, wherever the options put them.
        server.watch(self.config.data_)
        server.watch(self.config.seeds)
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        root = Path(config.config_file_path).parent
        docs_to_root = Path(os.path.relpath(root, config.docs_dir)).as_posix()
        page_files = []
        for page in self.site.pages:
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
        if self.dirty:
            self._skip_unchanged(page_files, config)
        for generated in self.site.files:
            files.append(File.generated(config, generated.path, content=generated.content))
        assets = resources.files("factsite.render").joinpath("assets")
        for name in ASSET_FILES:
            files.append(
                File.generated(config, f"{ASSETS}/{name}", content=assets.joinpath(name).read_bytes())
            )
        if self.dirty:
            self.outputs.clear()
            self.outputs.update(file.abs_dest_path for file in files)
        return files

    def _skip_unchanged(self, page_files: list[_GeneratedPageFile], config: MkDocsConfig) -> None:
        """Mark the pages whose HTML would come out as the last build's, for ``--dirty`` to skip."""
        # Every page carries the navigation and settings from mkdocs.yml: a change there renders all.
        # So does factsite's stylesheet, inlined into every page.
        mkdocs_yml = Path(config.config_file_path).read_bytes()
        settings = hashlib.sha256(mkdocs_yml + self.style.encode()).hexdigest()
        prints = {}
        for file in page_files:
            page = self.site.page(file.src_uri)
            assert page is not None
            share = page.share.html() if page.share else ""
            prints[file.src_uri] = fingerprint(settings, str(file.edit_uri), share, file.content_string)
        same = self.rendered.start(prints)
        for file in page_files:
            file.same_as_last_build = file.src_uri in same and Path(file.abs_dest_path).is_file()

    # A generated page's body is finished, escaped HTML. Python-Markdown would only parse it as one
    # raw HTML block and hand it back unchanged, which cost a third of the build: the page's
    # Markdown is emptied after every other plugin has seen it, and the body put back as its HTML
    # before any other plugin sees that.
    @event_priority(-100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return "" if self.site.page(page.file.src_uri) else markdown

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        # Converting that empty Markdown still builds a Python-Markdown instance with every
        # extension, a tenth of a millisecond per page: a generated page skips it.
        if self.site.page(page.file.src_uri) is not None:
            page.render = partial(_render_empty, page)  # type: ignore[method-assign]
        return page

    @event_priority(100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        generated = self.site.page(page.file.src_uri)
        if generated is None:
            return self._with_organisation(html, page) if page.file.src_uri == urls.ABOUT else html
        # MkDocs collects a page's element ids while converting its Markdown; links from docs/ pages to
        # `ratings.md#rating-false` are validated against these.
        page.present_anchor_ids = {unescape(i) for i in _ELEMENT_ID.findall(generated.body)}
        return str(generated.body) + html

    def _with_organisation(self, html: str, page: Page) -> str:
        """The about page with the desk's facts where its marker is, or at its end; in its contents too."""
        section = str(self.site.organisation)
        at = html.find(MARKER)
        if not section:
            return html.replace(MARKER, "", 1) if at >= 0 else html
        before = html[:at] if at >= 0 else html
        html = f"{before}{section}{html[at + len(MARKER):]}" if at >= 0 else f"{html}\n{section}"
        # Material's table of contents lists the parts in page order, after the headings above them
        # (under the page's one top heading, when it has one).
        items = page.toc.items
        if len(items) == 1 and items[0].level == 1:
            items = items[0].children
        above = sum(1 for item in items if f'id="{item.id}"' in before)
        parts = self.site.organisation_parts
        for offset, part in enumerate(parts):
            items.insert(above + offset, AnchorLink(part.title, part.id, 2))
        page.present_anchor_ids = (page.present_anchor_ids or set()) | {part.id for part in parts}
        return html

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        generated = self.site.page(page.file.src_uri)
        share = generated.share if generated and generated.share else None
        if share is None:
            title = page.meta.get("title") or page.title or config.site_name
            # Titles reach here as HTML (escaped for generated pages): back to plain text.
            plain = unescape(re.sub(r"<[^>]+>", "", str(title)))
            description = unescape(str(page.meta.get("description") or config.site_description or ""))
            url = page.canonical_url or config.site_url or ""
            share = ShareMeta(plain, description, url, config.site_name, language=site_language(config))
        feed = _feed_link(config, normalize_url("feed.xml", page), self.messages)
        self.heads[page.url] = feed + str(share.html())
        return context

    # The head metadata goes in after the theme has rendered the page, not through a theme
    # template: a site's own custom_dir (its own main.html) cannot then drop it. So does the mark
    # that puts the page's content, and nothing else of it, in the search index.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.config.search and not excluded_from_search(page.meta):
            output = mark_searchable(output)
        return _into_head(output, self.heads.pop(page.url, "") + self.style)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name != "404.html":
            return output_content
        # The 404 page is served at any depth: its links start from the site's root path.
        root = urlsplit(config.site_url or "/").path
        feed = _feed_link(config, normalize_url("feed.xml", base=root), self.messages)
        return _into_head(output_content, feed + self.style)

    @event_priority(-100)  # after every other plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """After a ``--dirty`` build, remember what was rendered; then index the site for search."""
        if self.dirty:
            # A removed or renamed check's page would otherwise still be served at its old address.
            for path in self.rendered.finish():
                stale = File(
                    path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls
                )
                if stale.abs_dest_path not in self.outputs:
                    Path(stale.abs_dest_path).unlink(missing_ok=True)
        if self.config.search:
            # The whole site folder, every build: a --dirty build's skipped pages are in it too.
            run = build_index(config.site_dir)
            log.info(f"factsite: search index built by Pagefind in {run.seconds:.2f} s ({run.summary}).")


def site_language(config: MkDocsConfig) -> str:
    """The site's language, a BCP 47 tag: the theme's ``language`` (Material; ``locale`` for MkDocs'
    own themes), English when the theme names none."""
    theme = config.theme
    language = theme.get("language") or theme.get("locale") or "en"
    return canonical_language(str(language)) or "en"


def _relative_posix(path: str, root: Path) -> str:
    """``path`` relative to the site's root folder, as the repository names it (edit links)."""
    return Path(os.path.relpath(path, root)).as_posix()


def _feed_link(config: MkDocsConfig, href: str, messages: Messages) -> str:
    title = escape(messages.gettext("%(site)s: fact checks") % {"site": config.site_name})
    return f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{escape(href)}">\n'


def _render_empty(page: Page, config: MkDocsConfig, files: Files) -> None:
    """What ``Page.render`` makes of a page whose Markdown is empty, without Python-Markdown."""
    page.content, page.toc = "", get_toc([])
    page._title_from_render = None
    page.present_anchor_ids, page.links_to_anchors = set(), {}


def _into_head(html: str, head: str) -> str:
    """``head`` inserted just before the page's ``</head>`` (the first: it ends the real head)."""
    at = html.find("</head>")
    return html if at < 0 or not head else f"{html[:at]}{head}{html[at:]}"
