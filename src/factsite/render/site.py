"""The site as data: every generated page with its front matter and escaped HTML body.

Pure functions from a validated ``Project`` to ``GeneratedPage`` values; the MkDocs hook only hands
them to MkDocs. Every contributor string reaches HTML through Jinja2 autoescaping or the safe
Markdown renderer, never by string concatenation.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache, partial
from html import escape as escape_html
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from factsite import urls
from factsite.input.invisible import isolate
from factsite.input.markdown import is_safe_url, render_markdown
from factsite.messages import ENGLISH, Messages, messages_for
from factsite.model import Check, Correction, Project, Retraction, Source, Span
from factsite.publish.exports import check_record, claims_csv, claims_json, claims_schema, retraction_record
from factsite.publish.feeds import FeedEntry, atom_feed
from factsite.publish.share_meta import ShareMeta
from factsite.publish.structured_data import claim_review, claim_review_problems, organization
from factsite.render.organisation import EDITORIAL_TEAM_ID, DeskFacts, Part, organisation_parts
from factsite.render.pagination import Pager, paginate
from factsite.render.passages import Highlight, foreign_language, paragraph_of, paragraphs, render_paragraph
from factsite.render.slugs import claimant_slugs, topic_slugs
from factsite.urls import Layout, text_fragment_link
from factsite.verdicts import Verdict, verdicts

LATEST_ON_HOME = 6
SOURCES_ON_HOME = 8
# Stands for an id or slug in a link the filter script completes (ids and slugs are [a-z0-9-]).
_SLOT = "FSID"
# What a generated page hides of Material's layout unless it says otherwise.
NAVIGATION_AND_TOC_HIDDEN = ("navigation", "toc")


@dataclass(frozen=True)
class SiteInfo:
    """Site-wide settings: from mkdocs.yml and the plugin's options when built by MkDocs."""

    name: str
    url: str  # absolute, ends with "/": permalinks, feed and JSON-LD are built from it
    description: str = ""
    publisher: str = ""  # who publishes the checks (ClaimReview author); defaults to the site name
    repo_url: str | None = None  # for "report an error" links to the issue form
    # Where the data and the seeds are, relative to the repository root: "edit this page" links.
    data_path: str = "factchecks.yaml"
    seeds_path: str = "seeds"
    desk: DeskFacts = field(default_factory=DeskFacts)  # what the desk says about itself
    feed_size: int = 50  # entries in the feed: the newest checks, corrections and retractions
    page_size: int = 50  # items on each page of a listing
    # The site's language, a BCP 47 tag (the theme's `language`): JSON-LD, feed, og:locale, exports.
    language: str = "en"
    # The desk's own words for factsite's messages (the plugin's `strings`): message -> text, or the
    # list of a plural message's forms. They replace the language's catalog, or stand in for one.
    strings: tuple[tuple[str, str | tuple[str, ...]], ...] = ()

    @property
    def messages(self) -> Messages:
        """Every word factsite writes, in the site's language, with the desk's strings."""
        return messages_for(self.language, dict(self.strings))

    @property
    def publisher_name(self) -> str:
        return self.publisher or self.name

    def issue_link(self, template: str, **fields: str) -> str | None:
        """A link to a prefilled GitHub issue form, when the repository is known."""
        if not self.repo_url:
            return None
        query = urlencode({"template": template, **fields})
        return f"{self.repo_url.rstrip('/')}/issues/new?{query}"


@dataclass(frozen=True)
class GeneratedFile:
    """A non-page output (feed, exports), written as is."""

    path: str
    content: str


@dataclass(frozen=True)
class Site:
    pages: list[GeneratedPage]
    files: list[GeneratedFile]
    # What each claim page was made from: the next build of a `mkdocs serve` session reuses the
    # pages whose inputs are unchanged instead of rendering thousands of them again.
    made_from: dict[str, Hashable] = field(default_factory=dict)
    # The about page's section on the desk itself, and its parts (for the page's table of contents).
    organisation: Markup = Markup()
    organisation_parts: list[Part] = field(default_factory=list)

    def page(self, path: str) -> GeneratedPage | None:
        return self._by_path.get(path)

    @cached_property
    def _by_path(self) -> dict[str, GeneratedPage]:
        return {p.path: p for p in self.pages}


@dataclass(frozen=True)
class GeneratedPage:
    """One page for the site generator: where it goes and what it says."""

    path: str  # source path, e.g. "claims/x.md"
    title: str  # plain text
    description: str  # plain text, for the meta description
    body: Markup
    edit_path: str | None = None  # project file behind the page, for "edit this page"
    in_nav: bool = True
    in_search: bool = True  # False: the search index leaves the page out (a listing's later pages)
    hide: tuple[str, ...] = NAVIGATION_AND_TOC_HIDDEN
    share: ShareMeta | None = None  # head metadata; None: derived from title and description
    # False for the home page: Material then titles it with the site name alone, not "Name - Name".
    title_in_front_matter: bool = True

    def markdown(self) -> str:
        """The page as a Markdown file: YAML front matter, then the HTML body as a raw block.

        MkDocs and Material print ``title`` and ``description`` into the page unescaped, so they
        are HTML-escaped here, once.
        """
        # Written as JSON values, which YAML reads as they are: a thousand times cheaper than
        # yaml.safe_dump, which dominated writing ten thousand pages.
        lines = [f"title: {_json(escape_html(self.title))}"] if self.title_in_front_matter else []
        lines += [
            f"description: {_json(escape_html(self.description))}",
            f"hide: {_json(list(self.hide))}",
        ]
        if not self.in_search:
            lines.append("search: {exclude: true}")
        front = "\n".join(lines)
        return f"---\n{front}\n---\n\n{self.body}\n"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def human_date(day: dt.date, messages: Messages = ENGLISH) -> str:
    """``day`` for readers, in the messages' language ("10 November 2026", "10 de noviembre de 2026")."""
    return _human_date(day, messages)


@lru_cache(maxsize=8192)
def _human_date(day: dt.date, messages: Messages) -> str:
    return messages.date(day)


@lru_cache(maxsize=8192)
def _time(day: dt.date, messages: Messages = ENGLISH) -> Markup:
    """A date for readers, with its ISO form for machines in ``datetime``."""
    return Markup('<time datetime="{}">{}</time>').format(day.isoformat(), _human_date(day, messages))


# The templates are indented to show how their elements and blocks nest; pages are not. Every line of
# a template loses its leading spaces and tabs as it is loaded, before Jinja reads it: only the
# template's own text, never a value inserted into it (a <pre>, a seed's lines), and once per process.
# So a template line's indentation never reaches a page, and a newline is kept or dropped by the
# template alone: trim_blocks drops the one after a {% tag %}, a "-" in a tag ({{- x }}, {%- if %},
# {#- #}) the whitespace it faces; a long line is wrapped by starting its next line with one of them.
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


@cache
def _env(messages: Messages = ENGLISH) -> Environment:
    """The templates in the messages' language: ``_()`` and ``ngettext()`` (Jinja's i18n extension,
    new style: placeholders are ``%(name)s``, a plural's count is ``num``), dates in its form."""
    class IndentedTemplates(PackageLoader):
        def get_source(
            self, environment: Environment, template: str
        ) -> tuple[str, str, Callable[[], bool] | None]:
            source, filename, uptodate = super().get_source(environment, template)
            return _INDENT.sub("", source), filename, uptodate

    env = Environment(
        loader=IndentedTemplates("factsite.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # Package files do not change under a running build: no timestamp check on every render.
        auto_reload=False,
        extensions=["jinja2.ext.i18n"],
    )
    # A translation is text, never markup: escaped before Jinja marks it safe and fills it in.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda message: _text_html(messages.gettext(message)),
        lambda singular, plural, n: _text_html(messages.ngettext(singular, plural, n)),
        newstyle=True,
    )
    env.globals["_"] = _gettext(messages)
    env.filters["markdown"] = render_markdown
    env.filters["date"] = lambda day: _time(day, messages)
    env.filters["safe_url"] = lambda url: url if url and is_safe_url(url) else None
    # Contributor text inside a sentence of ours is isolated, so its direction cannot reorder ours.
    env.filters["bdi"] = lambda text: Markup(f"<bdi>{escape(text)}</bdi>")
    env.filters["isolate"] = isolate  # where markup cannot go: attributes, <option>
    env.filters["cite"] = lambda title: Markup(f"<cite><bdi>{escape(title)}</bdi></cite>")
    env.globals["element"] = _element  # a link or an emphasis to go inside a message
    return env


def _gettext(messages: Messages) -> Callable[..., Markup]:
    """``_()`` as Jinja's i18n extension makes it (translated, escaped, marked safe, then filled in
    with ``%``), minus its chain of calls; a message without placeholders is made once per build,
    not at each of the dozens of times every page asks for it."""
    @cache
    def constant(message: str) -> Markup:
        return Markup(_text_html(messages.gettext(message))) % {}

    def gettext(message: str, /, **variables: Any) -> Markup:
        if variables:
            return Markup(_text_html(messages.gettext(message))) % variables
        return constant(message)

    return gettext


def _element(tag: str, text: str, **attributes: str) -> Markup:
    """``<tag attributes>text</tag>``, text and values escaped: for a message's placeholder."""
    attrs = Markup("").join(Markup(' {}="{}"').format(name, value) for name, value in attributes.items())
    return Markup("<{}{}>{}</{}>").format(Markup(tag), attrs, text, Markup(tag))


def _text_html(text: str) -> str:
    """A message as HTML text, fit for an attribute in double quotes too (apostrophes stay as they are)."""
    return escape_html(text, quote=False).replace('"', "&#34;")


# A <pre> element: factsite's HTML is lower case and contributor text is escaped, so this cannot
# match inside what contributors wrote.
_PRE = re.compile(r"(<pre[\s>].*?</pre>)", re.DOTALL)
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")


def _render(template: str, messages: Messages = ENGLISH, **context: Any) -> Markup:
    # The blank lines the templates leave are dropped, for compact pages. Every line of a <pre> (a
    # code block) is the contributor's, blank or not, and stays as written; Python-Markdown keeps
    # them too when the benchmark's floor builds the page as a raw HTML block.
    parts = _PRE.split(f"\n{_env(messages).get_template(template).render(**context)}\n")
    parts[::2] = [_BLANK_LINES.sub("\n", part) for part in parts[::2]]
    return Markup("".join(parts)[1:-1])


class _SiteBuilder:
    def __init__(self, project: Project, info: SiteInfo, layout: Layout, previous: Site | None = None):
        self.project = project
        self.info = info
        self.layout = layout
        self.previous = previous
        self.made_from: dict[str, Hashable] = {}
        self.messages = info.messages
        # The default scale in the site's language; a desk's own ratings as the desk wrote them.
        self.verdicts = verdicts(self.messages.ratings(project.ratings))
        # A retracted check keeps its page (and is in the corrections log and the feed), but its
        # verdict no longer stands: it is in no listing, count, source page or export of verdicts.
        self.live = [c for c in project.checks if not c.retracted]
        by_id = sorted(self.live, key=lambda c: c.id)
        self.newest_first = sorted(by_id, key=lambda c: (c.published, c.claim_date), reverse=True)
        self.retracted = sorted(
            (c for c in project.checks if c.retracted), key=_retraction_order, reverse=True
        )
        self.paragraphs = {sid: paragraphs(seed) for sid, seed in project.seeds.items()}
        self.checks_by_source: dict[str, list[Check]] = {}
        for check in self.live:
            self.checks_by_source.setdefault(check.source, []).append(check)
        self.count_by_rating = Counter(c.rating for c in self.live)
        self.count_by_source = Counter(c.source for c in self.live)
        # Every claimant's slug, retracted checks' too (a retraction never moves a page); a page
        # only for those with a live check, listing their live checks newest first.
        self.claimant_slugs = claimant_slugs(project.checks)
        self.topic_slugs = topic_slugs(project.checks)
        self.checks_by_claimant: dict[str, list[Check]] = {}
        self.checks_by_rating: dict[str, list[Check]] = {}
        self.checks_by_topic: dict[str, list[Check]] = {}
        for check in self.newest_first:
            self.checks_by_claimant.setdefault(check.claimant, []).append(check)
            self.checks_by_rating.setdefault(check.rating, []).append(check)
            for tag in check.tags:
                self.checks_by_topic.setdefault(tag, []).append(check)
        self.sources_newest_first = sorted(project.sources, key=lambda s: (s.published, s.id), reverse=True)

    def verdict(self, check: Check) -> Verdict:
        return self.verdicts[check.rating]

    def claimant_page_of(self, claimant: str) -> str | None:
        """The page of a claimant (their name as the checks give it), if they have one."""
        if claimant not in self.checks_by_claimant:
            return None
        return urls.claimant_page(self.claimant_slugs[claimant])

    def absolute(self, page: str, fragment: str | None = None) -> str:
        url = self.info.url + self.layout.url(page)
        return f"{url}#{fragment}" if fragment else url

    @cached_property
    def publisher(self) -> dict[str, Any]:
        """The Organization block: the home page's JSON-LD and every ClaimReview's author."""
        desk = self.info.desk

        def about(part: str | None) -> str | None:
            return self.absolute(urls.ABOUT, part) if part else None

        return organization(
            self.info.publisher_name,
            self.info.url,
            corrections_policy=self.absolute(urls.CORRECTIONS_POLICY),
            principles=self.absolute(urls.METHODOLOGY),
            ownership_funding_info=about(desk.ownership_funding_id),
            masthead=about(EDITORIAL_TEAM_ID if desk.editorial_team else None),
            contact=desk.contact or None,
        )

    def linker(self, page: str) -> Callable[..., str]:
        def href(to_page: str, fragment: str | None = None) -> str:
            return self.layout.href(page, to_page, fragment)

        return href

    def common(self, page: str) -> dict[str, Any]:
        return {
            "href": self.linker(page),
            "urls": urls,
            "verdict_of": self.verdict,
            "verdict_of_key": self.verdicts.__getitem__,
            "claimant_page": self.claimant_page_of,
            "topic_page": self.topic_page_of,
            "source_of": lambda check: self.project.source(check.source),
            "site": self.info,
        }

    def highlight(self, check: Check) -> Highlight:
        anchor = self.project.anchors[check.id]
        span = _trimmed(self.project.seeds[check.source].text, anchor.span)
        if check.retracted:
            return Highlight(check.id, span, "note", self.messages.gettext("Retracted"))
        verdict = self.verdict(check)
        return Highlight(check.id, span, verdict.tone, verdict.label)

    # -- pages --------------------------------------------------------------------------------

    def source_page(self, source: Source) -> GeneratedPage:
        path = urls.source_page(source.id)
        seed = self.project.seeds[source.id]
        checks = sorted(
            self.checks_by_source.get(source.id, []), key=lambda c: self.project.anchors[c.id].span.start
        )
        highlights = [self.highlight(c) for c in checks]
        paras = self.paragraphs[source.id]
        cards: dict[int, list[Check]] = {}
        for check, hl in zip(checks, highlights, strict=True):
            cards.setdefault(paragraph_of(paras, hl.span.start).index, []).append(check)
        lang = foreign_language(source, self.info.language)
        rows = [
            (render_paragraph(seed.text, p, highlights, lang=lang), cards.get(p.index, [])) for p in paras
        ]
        body = _render(
            "source.html",
            self.messages,
            source=source,
            source_lang=lang,
            rows=rows,
            checks=checks,
            **self.common(path),
        )
        return GeneratedPage(
            path=path,
            title=source.title,
            description=self.messages.ngettext(
                "%(outlet)s, %(date)s: the full text with %(num)d checked passage.",
                "%(outlet)s, %(date)s: the full text with %(num)d checked passages.",
                len(checks),
            )
            % {"outlet": isolate(source.outlet), "date": self.date(source.published), "num": len(checks)},
            body=body,
            edit_path=f"{self.info.seeds_path}/{source.seed}",
            in_nav=False,
        )

    def claim_page(self, check: Check) -> GeneratedPage:
        path = urls.claim_page(check.id)
        source = self.project.source(check.source)
        seed = self.project.seeds[check.source]
        # Everything the page is made from (the seed's paragraphs come from its text).
        inputs = (
            check, source, seed.text, self.project.anchors[check.id],
            self.project.ratings, self.info, self.layout, self.claimant_page_of(check.claimant),
        )
        self.made_from[path] = inputs
        if self.previous and self.previous.made_from.get(path) == inputs:
            reused = self.previous.page(path)
            if reused:
                return reused
        hl = self.highlight(check)
        context = [
            p
            for p in self.paragraphs[check.source]
            if p.span.start < hl.span.end and p.span.end > hl.span.start
        ]
        source_lang = foreign_language(source, self.info.language)
        quote_html = [
            render_paragraph(seed.text, p, [hl], interactive=False, search_context=False, lang=source_lang)
            for p in context
        ]
        verdict = self.verdict(check)
        passage = seed.text[hl.span.start : hl.span.end]
        deep_link = (
            text_fragment_link(source.url, passage) if source.url and is_safe_url(source.url) else None
        )
        report_link = self.info.issue_link(
            "report-an-error.yml",
            check_id=check.id,
            # The title of the issue a reader opens: in the site's language, like the form's page.
            title=self.messages.gettext("[Error] %(claim)s") % {"claim": isolate(check.claim)},
        )
        body = _render(
            "claim.html",
            self.messages,
            check=check,
            source=source,
            verdict=verdict,
            quote_html=quote_html,
            source_lang=source_lang,  # the source's language where it is not the page's, else None
            deep_link=deep_link,
            report_link=report_link,
            **self.common(path),
        )
        url = self.absolute(path)
        title = self.claim_title(check, verdict)
        if check.retracted:
            # No ClaimReview (its verdict no longer stands), no topics: the page is the notice.
            description = self.messages.gettext("We retracted this fact check on %(date)s.") % {
                "date": self.date(check.retracted.date)
            }
            json_ld: tuple[dict[str, Any], ...] = ()
        else:
            review = claim_review(
                check,
                source,
                verdict,
                self.project.ratings,
                page_url=url,
                publisher=self.publisher,
                language=self.info.language,
            )
            problems = claim_review_problems(review, label_on_page=verdict.label)
            if problems:
                raise StructuredDataError(check.id, problems)
            description, json_ld = check.summary, (review,)
        return GeneratedPage(
            path=path,
            title=title,
            description=description,
            body=body,
            edit_path=self.info.data_path,
            in_nav=False,
            share=ShareMeta(
                title=title,
                description=description,
                url=url,
                site_name=self.info.name,
                kind="article",
                published=check.published.isoformat(),
                modified=check.last_modified.isoformat(),
                tags=() if check.retracted else check.tags,  # a retracted page has no topics
                json_ld=json_ld,
                language=self.info.language,
            ),
        )

    # -- listings: each cut into pages of `page_size` ---------------------------------------------

    def listing(
        self,
        first: str,
        items: Sequence[Any],
        template: str,
        *,
        list_name: str,
        title: str,
        description: str,
        in_nav: bool = True,
        hide: tuple[str, ...] = NAVIGATION_AND_TOC_HIDDEN,
        **context: Any,
    ) -> list[GeneratedPage]:
        """The pages of a listing: ``template`` with a page of ``items`` as ``list_name``, its
        ``pager`` and ``context``. Only the first page is in the navigation and in search: the
        others hold the same words around different items, each of which has its own page."""
        pages = []
        for pager, chunk in paginate(first, items, self.info.page_size):
            later = pager.number > 1
            page = {list_name: chunk, "pager": pager, **self.common(pager.path)}
            body = _render(template, self.messages, **page, **context)
            pages.append(
                GeneratedPage(
                    path=pager.path,
                    title=self.paged_title(title, pager) if later else title,
                    description=self.paged_title(description, pager) if later else description,
                    body=body,
                    edit_path=self.info.data_path,
                    in_nav=in_nav and not later,
                    in_search=not later,
                    hide=hide,
                )
            )
        return pages

    def paged_title(self, title: str, pager: Pager) -> str:
        return self.messages.gettext("%(title)s (page %(num)d of %(count)d)") % {
            "title": title,
            "num": pager.number,
            "count": pager.count,
        }

    def claims_index(self) -> list[GeneratedPage]:
        verdict_options = [
            (r.key, self.verdicts[r.key], self.count_by_rating[r.key])
            for r in self.project.ratings
            if self.count_by_rating[r.key]
        ]
        return self.listing(
            urls.CLAIMS_INDEX,
            self.newest_first,
            "claims_index.html",
            list_name="checks",
            title=self.messages.gettext("All fact checks"),
            description=self.messages.ngettext(
                "All %(num)d fact check, newest first, filterable by verdict, topic, claimant and source.",
                "All %(num)d fact checks, newest first, filterable by verdict, topic, claimant and source.",
                len(self.newest_first),
            )
            % {"num": len(self.newest_first)},
            retracted=len(self.retracted),
            verdict_options=verdict_options,
            slot=_SLOT,
        )

    @cached_property
    def claimant_names(self) -> list[str]:
        """Every claimant with a live check, in alphabetical order (case aside)."""
        return sorted(self.checks_by_claimant, key=lambda name: (name.casefold(), name))

    @cached_property
    def topic_names(self) -> list[str]:
        return sorted(self.checks_by_topic, key=lambda name: (name.casefold(), name))

    def facets(self) -> str:
        """The claims index's filter data: every live check, newest first, as table indexes.

        Fetched only when a reader filters; each name is written once, and each check as
        ``[id, claim, date, verdict, claimant, source, [topics], corrected]``.
        """
        verdict_keys = [r.key for r in self.project.ratings]
        sources = [s for s in self.project.sources if self.count_by_source[s.id]]
        dates = sorted({c.claim_date for c in self.live}, reverse=True)
        at = {name: i for i, name in enumerate(self.claimant_names)}
        topic_at = {name: i for i, name in enumerate(self.topic_names)}
        source_at = {s.id: i for i, s in enumerate(sources)}
        date_at = {day: i for i, day in enumerate(dates)}
        verdict_at = {key: i for i, key in enumerate(verdict_keys)}
        return json.dumps(
            {
                "verdicts": verdict_keys,
                "claimants": [[name, self.claimant_slugs[name]] for name in self.claimant_names],
                "topics": self.topic_names,
                "sources": [[s.id, s.title, s.outlet] for s in sources],
                "dates": [self.date(day) for day in dates],
                "checks": [
                    [
                        c.id, c.claim, date_at[c.claim_date], verdict_at[c.rating], at[c.claimant],
                        source_at[c.source], [topic_at[t] for t in c.tags], 1 if c.corrections else 0,
                    ]
                    for c in self.newest_first
                ],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def distribution(self, counts: Counter[str]) -> list[tuple[Verdict, int]]:
        """The verdicts among ``counts`` in the scale's order, each with its count: the chart's rows."""
        return [(self.verdicts[r.key], counts[r.key]) for r in self.project.ratings if counts[r.key]]

    def home(self) -> GeneratedPage:
        distribution = self.distribution(self.count_by_rating)
        body = _render(
            "home.html",
            self.messages,
            latest=self.newest_first[:LATEST_ON_HOME],
            total=len(self.live),
            distribution=distribution,
            largest=max((n for _, n in distribution), default=1),
            sources=self.sources_newest_first[:SOURCES_ON_HOME],
            source_total=len(self.project.sources),
            counts_by_source=self.count_by_source,
            **self.common(urls.HOME),
        )
        description = self.info.description or self.messages.ngettext(
            "%(num)d fact check, shown beside the words it came from.",
            "%(num)d fact checks, each shown beside the words it came from.",
            len(self.live),
        ) % {"num": len(self.live)}
        return GeneratedPage(
            path=urls.HOME,
            title=self.info.name,
            description=description,
            body=body,
            edit_path=self.info.data_path,
            share=ShareMeta(
                self.info.name,
                description,
                self.info.url,
                self.info.name,
                json_ld=(self.publisher,),
                language=self.info.language,
            ),
            title_in_front_matter=False,
        )

    def sources_index(self) -> list[GeneratedPage]:
        return self.listing(
            urls.SOURCES_INDEX,
            self.sources_newest_first,
            "sources_index.html",
            list_name="sources",
            title=self.messages.gettext("Sources"),
            description=self.messages.gettext(
                "The documents we have checked, each in full with its checked passages highlighted."
            ),
            counts_by_source=self.count_by_source,
        )

    def ratings_page(self) -> GeneratedPage:
        scale = [self.verdicts[r.key] for r in self.project.ratings]
        body = _render(
            "ratings.html",
            self.messages,
            scale=scale,
            counts=self.count_by_rating,
            **self.common(urls.RATINGS),
        )
        return GeneratedPage(
            path=urls.RATINGS,
            title=self.messages.gettext("Ratings"),
            description=self.messages.gettext(
                "What each verdict means, and how context notes differ from verdicts."
            ),
            body=body,
            edit_path=self.info.data_path,
            hide=("navigation",),
        )

    def claimant_page(self, claimant: str) -> list[GeneratedPage]:
        path = self.claimant_page_of(claimant)
        assert path is not None
        checks = self.checks_by_claimant[claimant]
        distribution = self.distribution(Counter(c.rating for c in checks))
        return self.listing(
            path,
            checks,
            "claimant.html",
            list_name="checks",
            title=claimant,
            description=self.messages.ngettext(
                "%(num)d fact check of what %(claimant)s said, newest first, and their verdicts.",
                "%(num)d fact checks of what %(claimant)s said, newest first, and their verdicts.",
                len(checks),
            )
            % {"num": len(checks), "claimant": isolate(claimant)},
            in_nav=False,
            claimant=claimant,
            distribution=distribution,
            largest=max(n for _, n in distribution),
        )

    def claimants_index(self) -> list[GeneratedPage]:
        return self.listing(
            urls.CLAIMANTS_INDEX,
            [(name, len(self.checks_by_claimant[name])) for name in self.claimant_names],
            "claimants_index.html",
            list_name="claimants",
            title=self.messages.gettext("Claimants"),
            description=self.messages.gettext(
                "Everyone whose statements we have checked, each with their fact checks and verdicts."
            ),
            in_nav=False,
        )

    def topic_page_of(self, topic: str) -> str | None:
        """The page of a topic (a tag as the checks write it), if a live check has it."""
        if topic not in self.checks_by_topic:
            return None
        return urls.topic_page(self.topic_slugs[topic])

    def topic_page(self, topic: str) -> list[GeneratedPage]:
        path = self.topic_page_of(topic)
        assert path is not None
        checks = self.checks_by_topic[topic]
        return self.listing(
            path,
            checks,
            "topic.html",
            list_name="checks",
            title=topic,
            description=self.messages.ngettext(
                "%(num)d fact check on %(topic)s, newest first.",
                "%(num)d fact checks on %(topic)s, newest first.",
                len(checks),
            )
            % {"num": len(checks), "topic": isolate(topic)},
            in_nav=False,
            topic=topic,
        )

    def topics_index(self) -> list[GeneratedPage]:
        return self.listing(
            urls.TOPICS_INDEX,
            [(name, len(self.checks_by_topic[name])) for name in self.topic_names],
            "topics_index.html",
            list_name="topics",
            title=self.messages.gettext("Topics"),
            description=self.messages.gettext("Every topic of our fact checks, each with its checks."),
        )

    def verdict_page(self, verdict: Verdict) -> list[GeneratedPage]:
        return self.listing(
            urls.verdict_page(verdict.key),
            self.checks_by_rating.get(verdict.key, []),
            "verdict.html",
            list_name="checks",
            title=self.messages.gettext("What “%(rating)s” means") % {"rating": isolate(verdict.label)},
            description=verdict.rating.definition,
            in_nav=False,
            verdict=verdict,
        )

    def corrections_log(self) -> list[GeneratedPage]:
        # (date, entry, check), newest first; of one check on one day, its retraction comes first.
        entries: list[tuple[dt.date, Correction | Retraction, Check]] = [
            (corr.date, corr, check) for check in self.project.checks for corr in check.corrections
        ]
        entries += [(c.retracted.date, c.retracted, c) for c in self.retracted if c.retracted]
        entries.sort(key=lambda e: (e[0], e[2].id, isinstance(e[1], Retraction)), reverse=True)
        return self.listing(
            urls.CORRECTIONS_LOG,
            [(entry, check) for _, entry, check in entries],
            "corrections_log.html",
            list_name="entries",
            title=self.messages.gettext("Corrections log"),
            description=(
                self.messages.gettext("Every correction to a published fact check, newest first.")
                if not self.retracted
                else self.messages.gettext(
                    "Every correction to a published fact check and every retraction, newest first."
                )
            ),
            hide=("navigation",),
            retracted=len(self.retracted),
        )

    def records(self) -> list[dict[str, Any]]:
        return [
            check_record(self.project, c, self.verdict(c), self.absolute(urls.claim_page(c.id)))
            for c in self.newest_first
        ]

    def retracted_records(self) -> list[dict[str, Any]]:
        return [
            retraction_record(self.project, c, self.absolute(urls.claim_page(c.id))) for c in self.retracted
        ]

    def feed(self) -> str:
        """The newest ``feed_size`` entries: checks, corrections and retractions by date of change.

        Each entry is described first and made only if it is among the newest, so a desk of
        thousands of checks renders no more entries than it publishes.
        """
        _ = self.messages.gettext
        candidates: list[tuple[dt.date, str, Callable[[], FeedEntry]]] = []
        for check in self.project.checks:
            url = self.absolute(urls.claim_page(check.id))
            candidates.append((check.last_modified, url, partial(self.check_entry, check, url)))
            retracted = check.retracted
            if retracted:
                make = partial(self.retraction_entry, check, url)
                candidates.append((retracted.date, f"{url}#retraction", make))
            for number, correction in enumerate(check.corrections, 1):
                make = partial(self.correction_entry, check, url, number)
                candidates.append((correction.date, f"{url}#correction-{number}", make))
        # The feed's own order: newest change first, then by id.
        candidates.sort(key=lambda c: c[1])
        candidates.sort(key=lambda c: c[0], reverse=True)
        return atom_feed(
            title=feed_title(self.info.name, self.messages),
            site_url=self.info.url,
            feed_url=self.info.url + urls.FEED,
            author=self.info.publisher_name,
            entries=[make() for _, _, make in candidates[: self.info.feed_size]],
            language=self.info.language,
        )

    def check_entry(self, check: Check, url: str) -> FeedEntry:
        _ = self.messages.gettext
        verdict = self.verdict(check)
        content = _render("feed_entry.html", self.messages, check=check, verdict=verdict, url=url)
        retracted = check.retracted
        return FeedEntry(
            url,
            self.claim_title(check, verdict),
            url,
            check.published,
            check.last_modified,
            _("Retracted on %(date)s.") % {"date": retracted.date.isoformat()}
            if retracted
            else check.summary,
            str(content),
            (_("Retracted") if retracted else verdict.label, *check.tags),
        )

    def retraction_entry(self, check: Check, url: str) -> FeedEntry:
        _ = self.messages.gettext
        assert check.retracted is not None
        retracted = check.retracted
        return FeedEntry(
            f"{url}#retraction",
            _("Retraction: %(claim)s") % {"claim": isolate(check.claim)},
            self.absolute(urls.claim_page(check.id), "fs-retraction"),
            retracted.date,
            retracted.date,
            _("Retraction of %(date)s of our check of: %(claim)s")
            % {"date": retracted.date.isoformat(), "claim": isolate(check.claim)},
            str(render_markdown(retracted.reason)),
            (_("Retraction"),),
        )

    def correction_entry(self, check: Check, url: str, number: int) -> FeedEntry:
        _ = self.messages.gettext
        correction = check.corrections[number - 1]
        return FeedEntry(
            f"{url}#correction-{number}",
            _("Correction: %(claim)s") % {"claim": isolate(check.claim)},
            self.absolute(urls.claim_page(check.id), "fs-corrections"),
            correction.date,
            correction.date,
            _("Correction of %(date)s to our check of: %(claim)s")
            % {"date": correction.date.isoformat(), "claim": isolate(check.claim)},
            str(render_markdown(correction.text)),
            (_("Correction"),),
        )

    def files(self) -> list[GeneratedFile]:
        records = self.records()
        ratings = [
            {
                "key": v.key,
                "label": v.label,
                "definition": v.rating.definition,
                "value": v.rating.value,
                "kind": v.rating.kind,
            }
            for v in self.verdicts.values()
        ]
        site = {"name": self.info.name, "url": self.info.url, "publisher": self.info.publisher_name}
        return [
            GeneratedFile(urls.FEED, self.feed()),
            GeneratedFile(
                urls.CLAIMS_JSON,
                claims_json(site, ratings, records, self.retracted_records(), language=self.info.language),
            ),
            GeneratedFile(urls.CLAIMS_CSV, claims_csv(records, language=self.info.language)),
            GeneratedFile(urls.CLAIMS_SCHEMA, claims_schema()),
            GeneratedFile(urls.CLAIMS_FACETS, self.facets()),
        ]

    def date(self, day: dt.date) -> str:
        return human_date(day, self.messages)

    def claim_title(self, check: Check, verdict: Verdict) -> str:
        """"Claim — Verdict", each isolated: the claim page's title and its feed entry's; "Claim —
        Retracted" once the check is retracted."""
        label = self.messages.gettext("Retracted") if check.retracted else isolate(verdict.label)
        return f"{isolate(check.claim)} — {label}"

    def pages(self) -> list[GeneratedPage]:
        return [
            self.home(),
            *self.claims_index(),
            *self.sources_index(),
            self.ratings_page(),
            *self.corrections_log(),
            *self.claimants_index(),
            *self.topics_index(),
            *(page for name in self.checks_by_claimant for page in self.claimant_page(name)),
            *(page for topic in self.checks_by_topic for page in self.topic_page(topic)),
            *(page for v in self.verdicts.values() for page in self.verdict_page(v)),
            *(self.source_page(s) for s in self.project.sources),
            *(self.claim_page(c) for c in self.project.checks),
        ]


def feed_title(site_name: str, messages: Messages = ENGLISH) -> str:
    """The feed's title, in the feed and in every page's link to it."""
    return messages.gettext("%(site)s: fact checks") % {"site": isolate(site_name)}


def _retraction_order(check: Check) -> tuple[dt.date, str]:
    return (check.retracted.date if check.retracted else check.published, check.id)


def _trimmed(text: str, span: Span) -> Span:
    """The span without surrounding whitespace, so a highlight starts and ends on words."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


class StructuredDataError(ValueError):
    """A claim page's JSON-LD breaks the ClaimReview rules; the page must not be published."""

    def __init__(self, check_id: str, problems: list[str]):
        self.check_id = check_id
        self.problems = problems
        super().__init__(f"check '{check_id}': ClaimReview JSON-LD is invalid: " + "; ".join(problems))


def build_site(
    project: Project, info: SiteInfo, layout: Layout | None = None, previous: Site | None = None
) -> Site:
    """Every generated page and file of the site; claim pages made from the same inputs as in
    ``previous`` (the last build of a serve session) are taken from it."""
    builder = _SiteBuilder(project, info, layout or Layout(), previous)
    parts = organisation_parts(info.desk, info.messages)
    organisation = _render("organisation.html", info.messages, parts=parts) if parts else Markup()
    return Site(builder.pages(), builder.files(), builder.made_from, organisation, parts)

