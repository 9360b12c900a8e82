"""Contributor Markdown to HTML that cannot run script or load anything from another host.

Raw HTML is off, images are off (an image is a request to whoever hosts it), and links are kept
only when they are http, https, mailto or relative. Headings are demoted so that a contributor's
``#`` sits under the page's own headings.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup

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


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable(["image", "html_block", "html_inline"])
    md.validateLink = is_safe_url  # type: ignore[method-assign]  # markdown-it's documented hook
    md.add_render_rule("heading_open", _heading_open)
    md.add_render_rule("link_open", _link_open)
    return md


def render_markdown(text: str) -> Markup:
    """Block Markdown (paragraphs, lists, links...) as safe HTML."""
    return Markup(_parser().render(text))
