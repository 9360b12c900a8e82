"""The site as data: every generated page with its front matter and escaped HTML body.

Pure functions from a validated ``Project`` to ``GeneratedPage`` values; the MkDocs hook only hands
them to MkDocs. Every contributor string reaches HTML through Jinja2 autoescaping or the safe
Markdown renderer, never by string concatenation.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from html import escape as escape_html
from typing import Any, Callable

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from factsite import urls
from factsite.model import Check, Project, Source, Span
from factsite.passages import Highlight, paragraph_of, paragraphs, render_paragraph
from factsite.safe_markdown import is_safe_url, render_inline, render_markdown
from factsite.urls import Layout
from factsite.verdicts import Verdict, verdicts

LATEST_ON_HOME = 6


@dataclass(frozen=True)
class SiteInfo:
    name: str
    description: str = ""


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
    extra_meta: dict[str, Any] = field(default_factory=dict)

    def markdown(self) -> str:
        """The page as a Markdown file: YAML front matter, then the HTML body as a raw block.

        MkDocs and Material print ``title`` and ``description`` into the page unescaped, so they
        are HTML-escaped here, once.
        """
        meta: dict[str, Any] = {
            "title": escape_html(self.title),
            "description": escape_html(self.description),
            "hide": list(self.hide),
        }
        if self.search_boost is not None:
            meta["search"] = {"boost": self.search_boost}
        if self.tags:
            meta["tags"] = [escape_html(t) for t in self.tags]
        meta.update(self.extra_meta)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1_000_000)
        return f"---\n{front}---\n\n{self.body}\n"


def human_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _time(day: dt.date) -> Markup:
    return Markup('<time datetime="{}">{}</time>').format(day.isoformat(), human_date(day))


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("factsite", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["markdown"] = render_markdown
    env.filters["inline_markdown"] = render_inline
    env.filters["date"] = _time
    env.filters["safe_url"] = lambda url: url if url and is_safe_url(url) else None
    return env


def _render(template: str, **context: Any) -> Markup:
    # Python-Markdown treats the body as one raw HTML block only if it has no blank lines.
    html = _env().get_template(template).render(**context)
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))


class _SiteBuilder:
    def __init__(self, project: Project, info: SiteInfo, layout: Layout):
        self.project = project
        self.info = info
        self.layout = layout
        self.verdicts = verdicts(project.ratings)
        self.sources = {s.id: s for s in project.sources}
        by_id = sorted(project.checks, key=lambda c: c.id)
        self.newest_first = sorted(by_id, key=lambda c: (c.published, c.claim_date), reverse=True)
        self.paragraphs = {sid: paragraphs(seed) for sid, seed in project.seeds.items()}

    def verdict(self, check: Check) -> Verdict:
        return self.verdicts[check.rating]

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
            "source_of": lambda check: self.sources[check.source],
            "site": self.info,
        }

    def highlight(self, check: Check) -> Highlight:
        anchor = self.project.anchors[check.id]
        verdict = self.verdict(check)
        return Highlight(check.id, _trimmed(self.project.seeds[check.source].text, anchor.span), verdict.tone, verdict.label)

    # -- pages --------------------------------------------------------------------------------

    def source_page(self, source: Source) -> GeneratedPage:
        path = urls.source_page(source.id)
        seed = self.project.seeds[source.id]
        checks = sorted((c for c in self.project.checks if c.source == source.id), key=lambda c: self.project.anchors[c.id].span.start)
        highlights = [self.highlight(c) for c in checks]
        paras = self.paragraphs[source.id]
        cards: dict[int, list[Check]] = {}
        for check, hl in zip(checks, highlights):
            cards.setdefault(paragraph_of(paras, hl.span.start).index, []).append(check)
        rows = [(render_paragraph(seed.text, p, highlights), cards.get(p.index, [])) for p in paras]
        body = _render("source.html", source=source, rows=rows, checks=checks, **self.common(path))
        return GeneratedPage(
            path=path,
            title=source.title,
            description=f"{source.outlet}, {human_date(source.published)}: the full text with {len(checks)} checked passage{'s' if len(checks) != 1 else ''}.",
            body=body,
            edit_path=f"seeds/{source.seed}",
            in_nav=False,
            search_boost=0.5,
        )

    def claim_page(self, check: Check) -> GeneratedPage:
        path = urls.claim_page(check.id)
        source = self.sources[check.source]
        seed = self.project.seeds[check.source]
        hl = self.highlight(check)
        context = [p for p in self.paragraphs[check.source] if p.span.start < hl.span.end and p.span.end > hl.span.start]
        quote_html = [render_paragraph(seed.text, p, [hl], interactive=False, search_context=False) for p in context]
        verdict = self.verdict(check)
        body = _render("claim.html", check=check, source=source, verdict=verdict, quote_html=quote_html, **self.common(path))
        return GeneratedPage(
            path=path,
            title=f"{check.claim} — {verdict.label}",
            description=check.summary,
            body=body,
            edit_path="factchecks.yaml",
            in_nav=False,
            search_boost=2.0,
            tags=check.tags,
        )

    def claims_index(self) -> GeneratedPage:
        path = urls.CLAIMS_INDEX
        facets = {
            "verdict": Counter(c.rating for c in self.newest_first),
            "tag": Counter(t for c in self.newest_first for t in c.tags),
            "claimant": Counter(c.claimant for c in self.newest_first),
            "source": Counter(c.source for c in self.newest_first),
        }
        body = _render(
            "claims_index.html",
            checks=self.newest_first,
            facets=facets,
            ratings=self.project.ratings,
            sources=self.sources,
            **self.common(path),
        )
        return GeneratedPage(
            path=path,
            title="All fact checks",
            description=f"All {len(self.newest_first)} fact checks, newest first, filterable by verdict, topic, claimant and source.",
            body=body,
            edit_path="factchecks.yaml",
        )

    def home(self) -> GeneratedPage:
        counts = Counter(c.rating for c in self.project.checks)
        distribution = [(self.verdicts[r.key], counts[r.key]) for r in self.project.ratings if counts[r.key]]
        body = _render(
            "home.html",
            latest=self.newest_first[:LATEST_ON_HOME],
            total=len(self.project.checks),
            distribution=distribution,
            largest=max((n for _, n in distribution), default=1),
            sources=self.project.sources,
            counts_by_source=Counter(c.source for c in self.project.checks),
            **self.common(urls.HOME),
        )
        return GeneratedPage(
            path=urls.HOME,
            title=self.info.name,
            description=self.info.description or f"{len(self.project.checks)} fact checks, each shown beside the words it came from.",
            body=body,
            edit_path="factchecks.yaml",
        )

    def sources_index(self) -> GeneratedPage:
        body = _render(
            "sources_index.html",
            sources=sorted(self.project.sources, key=lambda s: (s.published, s.id), reverse=True),
            counts_by_source=Counter(c.source for c in self.project.checks),
            **self.common(urls.SOURCES_INDEX),
        )
        return GeneratedPage(
            path=urls.SOURCES_INDEX,
            title="Sources",
            description="The documents we have checked, each in full with its checked passages highlighted.",
            body=body,
            edit_path="factchecks.yaml",
        )

    def ratings_page(self) -> GeneratedPage:
        counts = Counter(c.rating for c in self.project.checks)
        scale = [self.verdicts[r.key] for r in self.project.ratings]
        body = _render("ratings.html", scale=scale, counts=counts, **self.common(urls.RATINGS))
        return GeneratedPage(
            path=urls.RATINGS,
            title="Ratings",
            description="What each verdict means, and how context notes differ from verdicts.",
            body=body,
            edit_path="factchecks.yaml",
            hide=("navigation",),
        )

    def corrections_log(self) -> GeneratedPage:
        entries = sorted(
            ((corr, check) for check in self.project.checks for corr in check.corrections),
            key=lambda pair: (pair[0].date, pair[1].id),
            reverse=True,
        )
        body = _render("corrections_log.html", entries=entries, verdicts=self.verdicts, **self.common(urls.CORRECTIONS_LOG))
        return GeneratedPage(
            path=urls.CORRECTIONS_LOG,
            title="Corrections log",
            description="Every correction to a published fact check, newest first.",
            body=body,
            edit_path="factchecks.yaml",
            hide=("navigation",),
        )

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


def _trimmed(text: str, span: Span) -> Span:
    """The span without surrounding whitespace, so a highlight starts and ends on words."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def build_site(project: Project, info: SiteInfo, layout: Layout | None = None) -> list[GeneratedPage]:
    """Every generated page of the site."""
    return _SiteBuilder(project, info, layout or Layout()).pages()

