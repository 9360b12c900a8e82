"""A seed's paragraphs, and a paragraph as HTML with its checked passages highlighted.

Quotes may nest or overlap. HTML elements cannot overlap, so where one highlight ends inside
another the inner ones are closed and reopened: every highlight is one ``<mark>`` with an id where
it starts, followed by continuation pieces without one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from factsite.input.invisible import SHOWN_IN_SEED
from factsite.model import Seed, Source, Span, same_language
from factsite.urls import card_id, mark_id

# A blank line, with LF, CRLF or lone CR line endings (a CRLF is one line break, not two).
_LINE_END = r"(?:\r\n|\r(?!\n)|\n)"
_PARAGRAPH_BREAK = re.compile(rf"{_LINE_END}[^\S\r\n]*{_LINE_END}\s*")


def seed_text_html(text: str) -> str:
    """A piece of seed text as HTML: escaped, with every control and bidirectional character
    shown as its code point, never applied: a right-to-left override in a source cannot make
    "eslaf" display as "false"."""
    html = str(escape(text))
    if SHOWN_IN_SEED.search(html) is None:
        return html
    return SHOWN_IN_SEED.sub(
        lambda m: f'<span class="fs-invisible" data-pagefind-ignore>U+{ord(m.group()):04X}</span>', html
    )


@dataclass(frozen=True)
class Paragraph:
    index: int
    span: Span  # trimmed of surrounding whitespace


@dataclass(frozen=True)
class Highlight:
    check_id: str
    span: Span
    tone: str
    label: str  # the verdict, for screen readers


def paragraphs(seed: Seed) -> tuple[Paragraph, ...]:
    """The body's paragraphs: text separated by blank lines."""
    text = seed.text
    found: list[Paragraph] = []
    start = seed.body_start
    for brk in [*_PARAGRAPH_BREAK.finditer(text, seed.body_start), None]:
        end = brk.start() if brk else len(text)
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            found.append(Paragraph(len(found), Span(start + lead, start + lead + len(stripped))))
        if brk:
            start = brk.end()
    return tuple(found)


def paragraph_of(paras: tuple[Paragraph, ...], offset: int) -> Paragraph:
    """The paragraph holding ``offset`` (or the next one, for an offset between paragraphs)."""
    return next((p for p in paras if offset < p.span.end), paras[-1])


def _open_tag(highlight: Highlight, first: bool, interactive: bool) -> str:
    classes = f"fs-mark fs-tone--{highlight.tone}"
    attrs = f' data-check="{highlight.check_id}"'
    if not first:
        return f'<mark class="{classes} fs-mark--cont"{attrs}>'
    if interactive:
        attrs += (
            f' id="{mark_id(highlight.check_id)}" tabindex="0"'
            f' aria-describedby="{card_id(highlight.check_id)}"'
        )
    return f'<mark class="{classes}"{attrs} title="{escape(highlight.label)}">'


def render_paragraph(
    text: str,
    paragraph: Paragraph,
    highlights: list[Highlight],
    *,
    interactive: bool = True,
    search_context: bool = True,
    lang: str | None = None,
) -> Markup:
    """The paragraph's text, escaped, with each highlight that touches it marked.

    With ``search_context`` off, text outside the highlights is kept out of the search index
    (Pagefind skips ``data-pagefind-ignore``), so a claim page is found by its own quote and not
    by the neighbouring sentences that other checks quote.

    ``lang`` (a language tag: the source's, when it is not the page's) marks up every piece of the
    source's text as in that language: each piece is a ``<span lang>``, never the marks, whose
    ``title`` (the verdict) is in the page's language.
    """
    lang_attr = f' lang="{escape(lang)}"' if lang else ""
    p_start, p_end = paragraph.span.start, paragraph.span.end
    inside = [h for h in highlights if h.span.start < p_end and h.span.end > p_start]
    bounds = sorted({
        p_start,
        p_end,
        *(max(h.span.start, p_start) for h in inside),
        *(min(h.span.end, p_end) for h in inside),
    })
    out: list[str] = []
    stack: list[Highlight] = []
    for left, right in pairwise(bounds):
        wanted = [h for h in inside if h.span.start <= left and h.span.end >= right]
        # Close from the first open mark that ends here; reopen those above it that go on.
        cut = next((i for i, h in enumerate(stack) if h not in wanted), len(stack))
        reopen = stack[cut + 1 :] if cut < len(stack) else []
        out.extend("</mark>" for _ in stack[cut:])
        stack = stack[:cut]
        for h in reopen:
            if h in wanted:
                out.append(_open_tag(h, first=False, interactive=interactive))
                stack.append(h)
        # Open the marks that start here, longest (outermost) first.
        for h in sorted((h for h in wanted if h not in stack), key=lambda h: (-h.span.end, h.check_id)):
            out.append(_open_tag(h, first=h.span.start == left, interactive=interactive))
            stack.append(h)
        piece = seed_text_html(text[left:right])
        if not (stack or search_context):
            out.append(f"<span{lang_attr} data-pagefind-ignore>{piece}</span>")
        elif lang_attr:
            out.append(f"<span{lang_attr}>{piece}</span>")
        else:
            out.append(piece)
    out.extend("</mark>" for _ in stack)
    return Markup("".join(out))


def foreign_language(source: Source, page_language: str) -> str | None:
    """The language to mark a source's text up in on a page in ``page_language``: the source's own,
    when it declares one that is not the page's; otherwise None (the text is in the page's)."""
    if source.language and not same_language(source.language, page_language):
        return source.language
    return None
