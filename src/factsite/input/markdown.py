"""Contributor Markdown to HTML that cannot run script or load anything from another host.

Raw HTML is off, images are off (an image is a request to whoever hosts it), and links are kept
only when they are http, https, mailto or relative. Headings are demoted so that a contributor's
``#`` sits under the page's own headings.

Nesting is bounded: ``markdown_problem`` refuses a text whose lists, quotes, emphasis and links
nest deeper than ``MAX_NESTING``, so ``render_markdown`` never meets markdown-it's own limit,
which drops or leaves unparsed whatever lies deeper without a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markupsafe import Markup

MAX_NESTING = 8
"""How deep lists, block quotes, emphasis (``*``, ``_``, ``~~``) and links may nest in one another.

markdown-it gives up at 20 levels of its own (a list level costs two: the list and its item) and
silently drops or leaves unparsed what lies deeper. Eight keeps a text that passes at most 16 deep,
with room to spare, and bounds how deep the page's HTML nests: Material's search plugin pays for
that depth on every tag, which made nested emphasis build in quadratic time.
"""
_MARKDOWN_IT_NESTING = 20  # markdown-it's limit (the CommonMark preset's), stated so it cannot drift
_MEASURING_NESTING = 64  # only to tell the contributor how deep a refused text goes
assert 2 * MAX_NESTING + 2 < _MARKDOWN_IT_NESTING  # eight lists are 16 of markdown-it's levels

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_HEADING_SHIFT = 2  # "#" becomes <h3>


def is_safe_url(url: str) -> bool:
    """http(s), mailto, or a relative reference; never a protocol-relative ``//host`` link."""
    cleaned = "".join(ch for ch in url if ch > " " and ch != "\x7f")  # browsers drop these
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return False
    scheme = _SCHEME.match(cleaned)
    return scheme is None or scheme.group(1).lower() in SAFE_SCHEMES


def _heading_open(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    level = min(int(token.tag[1]) + _HEADING_SHIFT, 6)
    token.tag = f"h{level}"
    tokens[_closing(tokens, idx)].tag = token.tag
    return str(self.renderToken(tokens, idx, options, env))


def _closing(tokens: list[Any], idx: int) -> int:
    return next(i for i in range(idx + 1, len(tokens)) if tokens[i].type == "heading_close")


def _link_open(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    href = token.attrGet("href") or ""
    if _SCHEME.match(href):  # links to other sites: no referrer tracking, no SEO endorsement
        token.attrSet("rel", "nofollow noopener noreferrer")
    return str(self.renderToken(tokens, idx, options, env))


# Containers that count as a level of nesting; an item counts with its list.
_CONTAINERS = frozenset(
    f"{kind}_{edge}"
    for kind in ("blockquote", "alert", "bullet_list", "ordered_list", "em", "strong", "s", "link")
    for edge in ("open", "close")
)
_LABEL_DEPTH = "factsite_label_depth"  # key in markdown-it's env


class _MeasuringInline(ParserInline):
    """markdown-it's inline parser, noting in ``env`` how deep link labels nest.

    Brackets inside a link label (``[a [b [c`` ...) are scanned recursively, one level each, and at
    markdown-it's limit the scan gives up, so links after them go unparsed. No token shows that
    depth: it is recorded here.
    """

    def skipToken(self, state: StateInline) -> None:
        if state.level + 1 > state.env.get(_LABEL_DEPTH, 0):
            state.env[_LABEL_DEPTH] = state.level + 1
        super().skipToken(state)


@cache
def _parser(max_nesting: int = _MARKDOWN_IT_NESTING) -> MarkdownIt:
    md = MarkdownIt(
        "commonmark", {"html": False, "linkify": False, "typographer": False, "maxNesting": max_nesting}
    )
    md.enable(["table", "strikethrough"])
    md.disable(["image", "html_block", "html_inline"])
    inline = _MeasuringInline()
    inline.ruler, inline.ruler2 = md.inline.ruler, md.inline.ruler2  # the rules configured above
    md.inline = inline
    md.validateLink = is_safe_url  # type: ignore[method-assign]  # markdown-it's documented hook
    md.add_render_rule("heading_open", _heading_open)
    md.add_render_rule("link_open", _link_open)
    return md


@dataclass(frozen=True)
class _Nesting:
    depth: int
    line: int | None  # 0-based line of the text where it first goes deepest, when markdown-it says


def _nesting(tokens: list[Token], label_depth: int) -> _Nesting:
    deepest = _Nesting(label_depth, None)
    depth = 0
    line: int | None = None
    for token in tokens:
        if token.map:
            line = token.map[0]
        if token.type in _CONTAINERS:
            depth += token.nesting
            if depth > deepest.depth:
                deepest = _Nesting(depth, line)
        if token.children:
            inner = _nesting(token.children, 0)
            if depth + inner.depth > deepest.depth:
                deepest = _Nesting(depth + inner.depth, line)
    return deepest


@dataclass(frozen=True)
class _Rendered:
    html: Markup
    nesting: _Nesting


# Every Markdown field of a 10,000-check desk fits: the build reuses what the loader's check parsed.
@lru_cache(maxsize=1 << 16)
def _rendered(text: str) -> _Rendered:
    md, env = _parser(), {_LABEL_DEPTH: 0}
    tokens = md.parse(text, env)
    return _Rendered(Markup(md.renderer.render(tokens, md.options, env)), _nesting(tokens, env[_LABEL_DEPTH]))


def render_markdown(text: str) -> Markup:
    """Block Markdown (paragraphs, lists, links...) as safe HTML.

    Complete for every text ``markdown_problem`` accepts.
    """
    return _rendered(text).html


# A list marker can only follow the start of a line, whitespace or a quote's `>`, and is followed
# by whitespace or the end of the line.
_LIST_MARKER = re.compile(r"(?<![^\s>])(?:[-+*]|[0-9]+[.)])(?=\s|$)")


def _most_nesting(text: str) -> int:
    """An upper bound of how deep ``text`` can nest, without parsing it.

    Each level needs characters of its own: a `>` for a quote, a marker for a list, two of `*`,
    `_` or `~` for emphasis (an opener and a closer), a `[` for a link or a bracket in a label.
    """
    count = text.count
    bound = count(">") + count("[") + (count("*") + count("_") + count("~")) // 2
    if bound > MAX_NESTING:
        return bound
    return bound + len(_LIST_MARKER.findall(text))


def markdown_problem(text: str) -> tuple[str, str] | None:
    """Why ``text`` cannot be published as Markdown, as (message, fix), or None when it can.

    Cheap: most texts are shown to be shallow by counting characters; the others are parsed once,
    and ``render_markdown`` reuses that parse.
    """
    if _most_nesting(text) <= MAX_NESTING:
        return None
    nesting = _rendered(text).nesting
    if nesting.depth <= MAX_NESTING:
        return None
    # Refused: count again with a higher limit, to say how deep it goes.
    md, env = _parser(_MEASURING_NESTING), {_LABEL_DEPTH: 0}
    tokens = md.parse(text, env)
    measured = _nesting(tokens, env[_LABEL_DEPTH])
    # Reaching that limit too, the count stopped short (a list level is two of markdown-it's).
    cut_short = (
        env[_LABEL_DEPTH] > _MEASURING_NESTING
        or max((t.level for t in tokens), default=0) >= _MEASURING_NESTING - 2
    )
    multiline = "\n" in text.strip()
    where = f" (line {measured.line + 1} of the text)" if measured.line is not None and multiline else ""
    message = (
        f"Markdown is nested {'at least ' if cut_short else ''}{measured.depth} levels deep{where}; "
        f"at most {MAX_NESTING} levels of lists, quotes, emphasis and links inside one another are allowed"
    )
    fix = (
        "flatten it: fewer nested lists, `>` quotes and `*`, `_` or `~~` emphasis; "
        "write a bracket that is not a link as `\\[`"
    )
    return message, fix
