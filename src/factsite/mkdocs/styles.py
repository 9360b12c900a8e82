"""factsite's stylesheet, written into every page's head: no request holds up the first paint.

A ``<link rel="stylesheet">`` is render-blocking: the browser paints nothing until it has fetched
the file, a round trip that cost a phone on a slow connection a few points of Lighthouse
performance on every factsite page. Minified, the stylesheet is about 3 KB gzip-compressed, less
than that round trip, so every page carries it inline, the 404 page too.

Material's instant navigation swaps pages without reloading and keeps each element of ``<head>``
whose markup is the same on the next page: this ``<style>`` is identical on every page (it holds no
address), so it stays put, and a page reached that way is styled as one opened directly.
"""

from __future__ import annotations

import re
from importlib import resources

STYLESHEET = "factsite.css"  # in factsite.render's assets

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_SPACE = re.compile(r"\s+")
_AROUND_PUNCTUATION = re.compile(r" ?([{};]) ?")


def minify_css(css: str) -> str:
    """``css`` without comments and needless white space; the rules are unchanged.

    Only white space around ``{``, ``}`` and ``;`` goes (never around ``:``, which in a selector
    is the difference between ``a :hover`` and ``a:hover``). factsite's stylesheet has no string
    or ``url()`` that holds one of these characters or a comment, which :func:`inline_style` checks.
    """
    css = _SPACE.sub(" ", _COMMENT.sub("", css)).strip()
    return _AROUND_PUNCTUATION.sub(r"\1", css).replace(";}", "}")


def inline_style() -> str:
    """factsite's stylesheet as a ``<style>`` element for a page's head."""
    css = resources.files("factsite.render").joinpath("assets", STYLESHEET).read_text(encoding="utf-8")
    strings = re.findall(r"\"[^\"]*\"|'[^']*'|url\([^)]*\)", _COMMENT.sub("", css))
    if any(re.search(r"[{};]|/\*|\s\s", s) for s in strings):
        raise ValueError(f"{STYLESHEET}: a string or url() holds what minify_css would change")
    minified = minify_css(css)
    if "</" in minified:
        raise ValueError(f"{STYLESHEET}: '</' would end the <style> element early")
    return f"<style>{minified}</style>\n"
