"""The floor a desk would choose: the same checks and sources written by hand as Markdown pages.

One page per check and per source, at the same addresses as factsite's claim and source pages,
with the same text: a source page has its title, outlet and date, and the seed's full text as
paragraphs with every checked passage marked; a check page has the claim as title, claimant and
date, the verdict, the quote in its paragraph as a blockquote, the summary, the analysis, the context
notes and the cited sources. An index lists every check, as a desk would. Plain MkDocs + Material
with search and tags, the corpus's theme settings, nothing of factsite: what a desk pays to publish
the same checks without it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from factsite.bench.corpus import DOCS, MKDOCS_YML
from factsite.model import Check, Project, Seed, Source, Span
from factsite.quotes.project import load_project
from factsite.urls import CLAIMS_INDEX, CORRECTIONS_LOG, HOME, RATINGS, SOURCES_INDEX, TOPICS_INDEX, mark_id

# Inline characters Python-Markdown would read as markup (HTML's own are written as entities).
_INLINE = re.compile(r"([\\`*_\[\]])")
# What would start a heading or a list at the start of a line (">" is written as an entity).
_LINE_START = re.compile(r"^(\s*)([#+\-]|\d+(?=[.)]))", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SPACE = re.compile(r"\s+")


def text(value: str) -> str:
    """Plain text as Markdown that renders as that text."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _INLINE.sub(r"\\\1", value)
    # A backslash before "#", "+" or "-" is dropped; a number's dot or parenthesis is escaped instead.
    return _LINE_START.sub(
        lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit() else "\\" + m.group(2)), value
    )


def _front_matter(**fields: object) -> str:
    # JSON values are YAML values: titles with colons or quotes stay titles.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items() if value]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def paragraphs(seed: Seed) -> list[Span]:
    """The body's paragraphs (blank-line separated) as spans of the seed's text."""
    spans, start = [], seed.body_start
    for brk in [*_PARAGRAPH_BREAK.finditer(seed.text, seed.body_start), None]:
        end = brk.start() if brk else len(seed.text)
        if seed.text[start:end].strip():
            spans.append(Span(start, end))
        start = brk.end() if brk else end
    return spans


def marked(seed: Seed, paragraph: Span, marks: dict[str, Span], ids: bool = True) -> str:
    """A paragraph as Markdown, each checked passage in it a ``<mark>`` (with ids where passages start)."""
    inside = {k: s for k, s in marks.items() if s.start < paragraph.end and s.end > paragraph.start}
    cuts = sorted(
        {paragraph.start, paragraph.end}
        | {max(s.start, paragraph.start) for s in inside.values()}
        | {min(s.end, paragraph.end) for s in inside.values()}
    )
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = text(_SPACE.sub(" ", seed.text[start:end]))
        covering = [key for key, span in inside.items() if span.start < end and span.end > start]
        if covering:
            core = piece.strip(" ")
            lead, trail = piece[: len(piece) - len(piece.lstrip(" "))], piece[len(piece.rstrip(" ")) :]
            starting = [key for key in covering if marks[key].start == start] if ids else []
            anchors = "".join(f'<span id="{mark_id(key)}"></span>' for key in starting[1:])
            attr = f' id="{mark_id(starting[0])}"' if starting else ""
            piece = f"{lead}{anchors}<mark{attr}>{core}</mark>{trail}"
        out.append(piece)
    return "".join(out).strip()


def _date(check: Check) -> str:
    return check.claim_date.isoformat()


def check_page(project: Project, check: Check, source: Source) -> str:
    rating = next(r for r in project.ratings if r.key == check.rating)
    seed, span = project.seeds[source.id], project.anchors[check.id].span
    source_link = f"../sources/{source.id}.md"
    lines = [
        _front_matter(title=check.claim, description=check.summary, tags=list(check.tags)),
        f"# {text(check.claim)}\n",
        f"**Claimant:** {text(check.claimant)} · **Claim date:** {_date(check)}"
        f" · **Published:** {check.published.isoformat()}\n",
        f"**Verdict: {text(rating.label)}** ([what it means](../{RATINGS}#{rating.key}))\n",
    ]
    quoted = [p for p in paragraphs(seed) if p.start < span.end and p.end > span.start]
    for number, paragraph in enumerate(quoted):
        if number:
            lines.append(">")
        lines.append("> " + marked(seed, paragraph, {check.id: span}, ids=False))
    lines.append(
        f"\n— [{text(source.title)}]({source_link}#{mark_id(check.id)}), {text(source.outlet)},"
        f" {source.published.isoformat()}\n"
    )
    lines.append(f"## Summary\n\n{text(check.summary)}\n")
    if check.analysis:
        lines.append(f"## Analysis\n\n{check.analysis.strip()}\n")
    if check.context:
        lines.append("## Context\n\n" + "".join(f"- {note.strip()}\n" for note in check.context))
    if check.sources:
        lines.append("## Sources\n")
        for number, cited in enumerate(check.sources, 1):
            title = f"[{text(cited.title)}]({cited.url})" if cited.url else text(cited.title)
            details = [text(cited.publisher)] if cited.publisher else []
            details += [cited.date.isoformat()] if cited.date else []
            lines.append(f"{number}. {', '.join([title, *details])}")
        lines.append("")
    if check.corrections:
        lines.append("## Corrections\n")
        lines += [f"- {c.date.isoformat()}: {c.text.strip()}" for c in check.corrections]
        lines.append("")
    return "\n".join(lines)


def source_page(project: Project, source: Source, checks: list[Check]) -> str:
    seed = project.seeds[source.id]
    marks = {check.id: project.anchors[check.id].span for check in checks}
    lines = [
        _front_matter(title=source.title),
        f"# {text(source.title)}\n",
        f"*{text(source.outlet)}*, {source.published.isoformat()}"
        + (f" · [original]({source.url})" if source.url else "")
        + "\n",
    ]
    lines += [marked(seed, paragraph, marks) + "\n" for paragraph in paragraphs(seed)]
    if checks:
        lines.append("## Checks of this article\n")
        lines += [f"- [{text(check.claim)}](../claims/{check.id}.md)" for check in checks]
        lines.append("")
    return "\n".join(lines)


def _listing(checks: Iterable[Check], project: Project, prefix: str) -> str:
    labels = {rating.key: rating.label for rating in project.ratings}
    return "".join(
        f"- [{text(check.claim)}]({prefix}{check.id}.md) — {text(check.claimant)},"
        f" {_date(check)}: **{text(labels[check.rating])}**\n"
        for check in checks
    )


def write_markdown_floor(project_dir: Path, floor: Path) -> None:
    """Write the hand-written-Markdown site of the desk in ``project_dir`` to ``floor``."""
    project = load_project(project_dir / "factchecks.yaml")
    docs = floor / "docs"
    for folder in ("claims", "sources", TOPICS_INDEX.rpartition("/")[0]):
        (docs / folder).mkdir(parents=True, exist_ok=True)
    for name, content in DOCS.items():
        (docs / name).write_text(content, encoding="utf-8")
    by_source: dict[str, list[Check]] = defaultdict(list)
    for check in project.checks:
        by_source[check.source].append(check)
    sources = {source.id: source for source in project.sources}
    for check in project.checks:
        page = check_page(project, check, sources[check.source])
        (docs / "claims" / f"{check.id}.md").write_text(page, encoding="utf-8")
    for source in project.sources:
        page = source_page(project, source, by_source[source.id])
        (docs / "sources" / f"{source.id}.md").write_text(page, encoding="utf-8")
    newest = sorted(project.checks, key=lambda c: (c.published, c.id), reverse=True)
    pages = {
        HOME: "# Synthetic desk\n\nThe newest checks:\n\n" + _listing(newest[:10], project, "claims/"),
        CLAIMS_INDEX: "---\ntitle: Fact checks\n---\n\n# Fact checks\n\n" + _listing(newest, project, ""),
        SOURCES_INDEX: "---\ntitle: Sources\n---\n\n# Sources\n\n"
        + "".join(f"- [{text(s.title)}]({s.id}.md), {text(s.outlet)}\n" for s in project.sources),
        RATINGS: "---\ntitle: Ratings\n---\n\n# Ratings\n\n"
        + "".join(f"## {text(r.label)} {{#{r.key}}}\n\n{text(r.definition)}\n\n" for r in project.ratings),
        CORRECTIONS_LOG: "---\ntitle: Corrections\n---\n\n# Corrections\n\nNo corrections yet.\n",
        # Every topic with its checks, as Material's tags plugin lists them from the pages' tags.
        TOPICS_INDEX: "---\ntitle: Topics\n---\n\n# Topics\n\n<!-- material/tags -->\n",
    }
    for name, content in pages.items():
        (docs / name).write_text(content, encoding="utf-8")
    extra = "not_in_nav: |\n  /claims/*.md\n  /sources/*.md\n"
    # Material's search and tags plugins: what a desk writing pages by hand would use.
    config = MKDOCS_YML.format(name="Synthetic desk", extra=extra, plugins="  - search\n  - tags\n")
    (floor / "mkdocs.yml").write_text(config, encoding="utf-8")
