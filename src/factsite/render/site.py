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
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from html import escape as escape_html
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from factsite import urls
from factsite.input.invisible import isolate
from factsite.input.markdown import is_safe_url, render_markdown
from factsite.model import Check, Correction, Project, Retraction, Source, Span
from factsite.publish.exports import check_record, claims_csv, claims_json, claims_schema, retraction_record
from factsite.publish.feeds import FeedEntry, atom_feed
from factsite.publish.share_meta import ShareMeta
from factsite.publish.structured_data import claim_review, claim_review_problems, organization
from factsite.render.organisation import EDITORIAL_TEAM_ID, DeskFacts, Part, organisation_parts
from factsite.render.passages import Highlight, paragraph_of, paragraphs, render_paragraph
from factsite.urls import Layout, text_fragment_link
from factsite.verdicts import Verdict, verdicts

LATEST_ON_HOME = 6
RETRACTED = "Retracted"  # what a retracted check shows where a verdict would be


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
    search_boost: float | None = None
    hide: tuple[str, ...] = ("navigation", "toc")
    tags: tuple[str, ...] = ()
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
        if self.search_boost is not None:
            lines.append(f"search: {{boost: {self.search_boost}}}")
        if self.tags:
            lines.append(f"tags: {_json([escape_html(t) for t in self.tags])}")
        front = "\n".join(lines)
        return f"---\n{front}\n---\n\n{self.body}\n"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def human_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@lru_cache(maxsize=4096)
def _time(day: dt.date) -> Markup:
    return Markup('<time datetime="{}">{}</time>').format(day.isoformat(), human_date(day))


# The templates are indented to show how their elements and blocks nest; pages are not. Every line of
# a template loses its leading spaces and tabs as it is loaded, before Jinja reads it: only the
# template's own text, never a value inserted into it (a <pre>, a seed's lines), and once per process.
# So a template line's indentation never reaches a page, and a newline is kept or dropped by the
# template alone: trim_blocks drops the one after a {% tag %}, a "-" in a tag ({{- x }}, {%- if %},
# {#- #}) the whitespace it faces; a long line is wrapped by starting its next line with one of them.
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


@cache
def _env() -> Environment:
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
    )
    env.filters["markdown"] = render_markdown
    env.filters["date"] = _time
    env.filters["safe_url"] = lambda url: url if url and is_safe_url(url) else None
    # Contributor text inside a sentence of ours is isolated, so its direction cannot reorder ours.
    env.filters["bdi"] = lambda text: Markup("<bdi>{}</bdi>").format(text)
    env.filters["isolate"] = isolate  # where markup cannot go: attributes, <option>
    return env


# A <pre> element: factsite's HTML is lower case and contributor text is escaped, so this cannot
# match inside what contributors wrote.
_PRE = re.compile(r"(<pre[\s>].*?</pre>)", re.DOTALL)
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")


def _render(template: str, **context: Any) -> Markup:
    # The blank lines the templates leave are dropped, for compact pages. Every line of a <pre> (a
    # code block) is the contributor's, blank or not, and stays as written; Python-Markdown keeps
    # them too when the benchmark's floor builds the page as a raw HTML block.
    parts = _PRE.split(f"\n{_env().get_template(template).render(**context)}\n")
    parts[::2] = [_BLANK_LINES.sub("\n", part) for part in parts[::2]]
    return Markup("".join(parts)[1:-1])


class _SiteBuilder:
    def __init__(self, project: Project, info: SiteInfo, layout: Layout, previous: Site | None = None):
        self.project = project
        self.info = info
        self.layout = layout
        self.previous = previous
        self.made_from: dict[str, Hashable] = {}
        self.verdicts = verdicts(project.ratings)
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

    def verdict(self, check: Check) -> Verdict:
        return self.verdicts[check.rating]

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
            "source_of": lambda check: self.project.source(check.source),
            "site": self.info,
        }

    def highlight(self, check: Check) -> Highlight:
        anchor = self.project.anchors[check.id]
        span = _trimmed(self.project.seeds[check.source].text, anchor.span)
        if check.retracted:
            return Highlight(check.id, span, "note", RETRACTED)
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
        rows = [(render_paragraph(seed.text, p, highlights), cards.get(p.index, [])) for p in paras]
        body = _render("source.html", source=source, rows=rows, checks=checks, **self.common(path))
        return GeneratedPage(
            path=path,
            title=source.title,
            description=(
                f"{isolate(source.outlet)}, {human_date(source.published)}: the full text with"
                f" {len(checks)} checked passage{'s' if len(checks) != 1 else ''}."
            ),
            body=body,
            edit_path=f"{self.info.seeds_path}/{source.seed}",
            in_nav=False,
            search_boost=0.1,
        )

    def claim_page(self, check: Check) -> GeneratedPage:
        path = urls.claim_page(check.id)
        source = self.project.source(check.source)
        seed = self.project.seeds[check.source]
        # Everything the page is made from (the seed's paragraphs come from its text).
        inputs = (
            check, source, seed.text, self.project.anchors[check.id],
            self.project.ratings, self.info, self.layout,
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
        quote_html = [
            render_paragraph(seed.text, p, [hl], interactive=False, search_context=False) for p in context
        ]
        verdict = self.verdict(check)
        passage = seed.text[hl.span.start : hl.span.end]
        deep_link = (
            text_fragment_link(source.url, passage) if source.url and is_safe_url(source.url) else None
        )
        report_link = self.info.issue_link(
            "report-an-error.yml", check_id=check.id, title=f"[Error] {isolate(check.claim)}"
        )
        body = _render(
            "claim.html",
            check=check,
            source=source,
            verdict=verdict,
            quote_html=quote_html,
            deep_link=deep_link,
            report_link=report_link,
            **self.common(path),
        )
        url = self.absolute(path)
        title = _claim_title(check, verdict)
        if check.retracted:
            # No ClaimReview (its verdict no longer stands), no topics: the page is the notice.
            description = f"We retracted this fact check on {human_date(check.retracted.date)}."
            tags: tuple[str, ...] = ()
            json_ld: tuple[dict[str, Any], ...] = ()
        else:
            review = claim_review(
                check, source, verdict, self.project.ratings, page_url=url, publisher=self.publisher
            )
            problems = claim_review_problems(review, label_on_page=verdict.label)
            if problems:
                raise StructuredDataError(check.id, problems)
            description, tags, json_ld = check.summary, check.tags, (review,)
        return GeneratedPage(
            path=path,
            title=title,
            description=description,
            body=body,
            edit_path=self.info.data_path,
            in_nav=False,
            search_boost=2.0,
            tags=tags,
            share=ShareMeta(
                title=title,
                description=description,
                url=url,
                site_name=self.info.name,
                kind="article",
                published=check.published.isoformat(),
                modified=check.last_modified.isoformat(),
                tags=tags,
                json_ld=json_ld,
            ),
        )

    def claims_index(self) -> GeneratedPage:
        path = urls.CLAIMS_INDEX
        def options(counts: Counter[str], label: Callable[[str], str] = str) -> list[tuple[str, str, int]]:
            return [(value, label(value), counts[value]) for value in sorted(counts)]

        rating_order = [r.key for r in self.project.ratings if self.count_by_rating[r.key]]
        verdict_options = [(k, self.verdicts[k].label, self.count_by_rating[k]) for k in rating_order]
        tag_options = options(Counter(t for c in self.newest_first for t in c.tags))
        claimant_options = options(Counter(c.claimant for c in self.newest_first))
        source_options = options(self.count_by_source, lambda sid: self.project.source(sid).title)
        filters = [
            ("verdict", "Verdict", "All verdicts", verdict_options),
            ("tag", "Topic", "All topics", tag_options),
            ("claimant", "Claimant", "All claimants", claimant_options),
            ("source", "Source", "All sources", source_options),
        ]
        body = _render(
            "claims_index.html",
            checks=self.newest_first,
            retracted=len(self.retracted),
            filters=filters,
            **self.common(path),
        )
        return GeneratedPage(
            path=path,
            title="All fact checks",
            description=(
                f"All {len(self.newest_first)} fact checks, newest first,"
                " filterable by verdict, topic, claimant and source."
            ),
            body=body,
            edit_path=self.info.data_path,
        )

    def home(self) -> GeneratedPage:
        counts = self.count_by_rating
        distribution = [(self.verdicts[r.key], counts[r.key]) for r in self.project.ratings if counts[r.key]]
        body = _render(
            "home.html",
            latest=self.newest_first[:LATEST_ON_HOME],
            total=len(self.live),
            distribution=distribution,
            largest=max((n for _, n in distribution), default=1),
            sources=self.project.sources,
            counts_by_source=self.count_by_source,
            **self.common(urls.HOME),
        )
        description = (
            self.info.description
            or f"{len(self.live)} fact checks, each shown beside the words it came from."
        )
        return GeneratedPage(
            path=urls.HOME,
            title=self.info.name,
            description=description,
            body=body,
            edit_path=self.info.data_path,
            share=ShareMeta(
                self.info.name, description, self.info.url, self.info.name, json_ld=(self.publisher,)
            ),
            title_in_front_matter=False,
        )

    def sources_index(self) -> GeneratedPage:
        body = _render(
            "sources_index.html",
            sources=sorted(self.project.sources, key=lambda s: (s.published, s.id), reverse=True),
            counts_by_source=self.count_by_source,
            **self.common(urls.SOURCES_INDEX),
        )
        return GeneratedPage(
            path=urls.SOURCES_INDEX,
            title="Sources",
            description="The documents we have checked, each in full with its checked passages highlighted.",
            body=body,
            edit_path=self.info.data_path,
        )

    def ratings_page(self) -> GeneratedPage:
        scale = [self.verdicts[r.key] for r in self.project.ratings]
        body = _render("ratings.html", scale=scale, counts=self.count_by_rating, **self.common(urls.RATINGS))
        return GeneratedPage(
            path=urls.RATINGS,
            title="Ratings",
            description="What each verdict means, and how context notes differ from verdicts.",
            body=body,
            edit_path=self.info.data_path,
            hide=("navigation",),
        )

    def corrections_log(self) -> GeneratedPage:
        # (date, entry, check), newest first; of one check on one day, its retraction comes first.
        entries: list[tuple[dt.date, Correction | Retraction, Check]] = [
            (corr.date, corr, check) for check in self.project.checks for corr in check.corrections
        ]
        entries += [(c.retracted.date, c.retracted, c) for c in self.retracted if c.retracted]
        entries.sort(key=lambda e: (e[0], e[2].id, isinstance(e[1], Retraction)), reverse=True)
        body = _render(
            "corrections_log.html",
            entries=[(entry, check) for _, entry, check in entries],
            retracted=len(self.retracted),
            **self.common(urls.CORRECTIONS_LOG),
        )
        return GeneratedPage(
            path=urls.CORRECTIONS_LOG,
            title="Corrections log",
            description=(
                "Every correction to a published fact check, newest first."
                if not self.retracted
                else "Every correction to a published fact check and every retraction, newest first."
            ),
            body=body,
            edit_path=self.info.data_path,
            hide=("navigation",),
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
        entries = []
        for check in self.project.checks:
            verdict = self.verdict(check)
            url = self.absolute(urls.claim_page(check.id))
            content = _render("feed_entry.html", check=check, verdict=verdict, url=url)
            retracted = check.retracted
            entries.append(
                FeedEntry(
                    url,
                    _claim_title(check, verdict),
                    url,
                    check.published,
                    check.last_modified,
                    f"Retracted on {retracted.date.isoformat()}." if retracted else check.summary,
                    str(content),
                    (RETRACTED if retracted else verdict.label, *check.tags),
                )
            )
            if retracted:
                entries.append(
                    FeedEntry(
                        f"{url}#retraction",
                        f"Retraction: {isolate(check.claim)}",
                        self.absolute(urls.claim_page(check.id), "fs-retraction"),
                        retracted.date,
                        retracted.date,
                        f"Retraction of {retracted.date.isoformat()}"
                        f" of our check of: {isolate(check.claim)}",
                        str(render_markdown(retracted.reason)),
                        ("Retraction",),
                    )
                )
            for number, correction in enumerate(check.corrections, 1):
                entries.append(
                    FeedEntry(
                        f"{url}#correction-{number}",
                        f"Correction: {isolate(check.claim)}",
                        self.absolute(urls.claim_page(check.id), "fs-corrections"),
                        correction.date,
                        correction.date,
                        f"Correction of {correction.date.isoformat()}"
                        f" to our check of: {isolate(check.claim)}",
                        str(render_markdown(correction.text)),
                        ("Correction",),
                    )
                )
        return atom_feed(
            title=f"{isolate(self.info.name)}: fact checks",
            site_url=self.info.url,
            feed_url=self.info.url + urls.FEED,
            author=self.info.publisher_name,
            entries=entries,
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
            GeneratedFile(urls.CLAIMS_JSON, claims_json(site, ratings, records, self.retracted_records())),
            GeneratedFile(urls.CLAIMS_CSV, claims_csv(records)),
            GeneratedFile(urls.CLAIMS_SCHEMA, claims_schema()),
        ]

    def pages(self) -> list[GeneratedPage]:
        return [
            self.home(),
            self.claims_index(),
            self.sources_index(),
            self.ratings_page(),
            self.corrections_log(),
            *(self.source_page(s) for s in self.project.sources),
            *(self.claim_page(c) for c in self.project.checks),
        ]


def _claim_title(check: Check, verdict: Verdict) -> str:
    """"Claim — Verdict", each isolated: the claim page's title and its feed entry's; "Claim —
    Retracted" once the check is retracted."""
    return f"{isolate(check.claim)} — {RETRACTED if check.retracted else isolate(verdict.label)}"


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
    parts = organisation_parts(info.desk)
    organisation = _render("organisation.html", parts=parts) if parts else Markup()
    return Site(builder.pages(), builder.files(), builder.made_from, organisation, parts)

