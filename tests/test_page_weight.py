"""factsite adds no request that holds up a page's first paint.

A ``<link rel="stylesheet">`` or a ``<script src>`` without ``async``/``defer`` in ``<head>`` makes the
browser wait for that file before it paints anything: on a phone on a slow connection, a round trip
per file. Material needs its own two stylesheets; factsite's stylesheet is written into each page's
head instead (``factsite.mkdocs.styles``), and its script loads at the end of ``<body>``. The
Lighthouse figures that made this worth doing come from ``python -m factsite.bench.lighthouse``.
"""

from __future__ import annotations

import gzip
import re
from importlib import resources
from pathlib import Path

import pytest
from sitebuild import Element, ParsedPage, parse

from factsite.mkdocs.styles import inline_style, minify_css

# Material's own stylesheets (main, palette), the only ones a page may make the browser wait for.
MATERIAL_STYLESHEET = re.compile(r"(^|/)assets/stylesheets/(main|palette)\.[0-9a-f]+\.min\.css$")
STYLESHEET = resources.files("factsite.render").joinpath("assets", "factsite.css").read_text(encoding="utf-8")


def page_kinds(site: Path) -> dict[str, Path]:
    """One page of each kind the sample builds: what a reader may open first."""
    def first(folder: str) -> Path:
        found = sorted((site / folder).glob("*/index.html"))
        assert found, f"the sample builds no page in {folder}/"
        return found[0]

    return {
        "home": site / "index.html",
        "source": first("sources"),
        "claim": first("claims"),
        "all checks": site / "claims" / "index.html",
        "sources list": site / "sources" / "index.html",
        "claimant": first("claimants"),
        "verdict": first("verdicts"),
        "docs page": site / "methodology" / "index.html",
        "404": site / "404.html",
    }


def in_head(page: ParsedPage) -> list[Element]:
    return [e for e in page.elements if any(p.tag == "head" for p in e.parents)]


def factsite_styles(page: ParsedPage) -> list[Element]:
    return [e for e in in_head(page) if e.tag == "style" and ".fs-" in e.body]


@pytest.fixture(scope="module")
def pages(sample_site: Path) -> dict[str, ParsedPage]:
    kinds = page_kinds(sample_site)
    assert list(kinds) == KINDS
    return {kind: parse(path) for kind, path in kinds.items()}


KINDS = ["home", "source", "claim", "all checks", "sources list", "claimant", "verdict", "docs page", "404"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_head_makes_the_browser_wait_for_no_file_of_factsite(
    pages: dict[str, ParsedPage], kind: str
) -> None:
    """Without this, a stylesheet or script of factsite's in <head> would again hold up the first
    paint of every page for a round trip (the 93-95 Lighthouse performance a claim page scored on a
    phone, where Material alone scores 98-100)."""
    head = in_head(pages[kind])
    stylesheets = [
        str(e) for e in head
        if e.tag == "link" and "stylesheet" in (e.get("rel") or "").split()
        and not MATERIAL_STYLESHEET.search(e.get("href") or "")
    ]
    assert stylesheets == [], f"{kind}: render-blocking stylesheets besides Material's: {stylesheets}"
    scripts = [
        str(e) for e in head
        if e.tag == "script" and e.get("src") and "async" not in e.attrs and "defer" not in e.attrs
        and e.get("type") != "module"
    ]
    assert scripts == [], f"{kind}: scripts in <head> that block rendering: {scripts}"
    assert not [str(e) for e in head if "assets/factsite/" in (e.get("href") or e.get("src") or "")], kind


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_carries_factsite_styles_inline(pages: dict[str, ParsedPage], kind: str) -> None:
    """Without this, a page (the 404 page, say, which the theme renders apart from the others) would
    show factsite's markup unstyled: verdicts without their colours, cards without their places."""
    styles = factsite_styles(pages[kind])
    assert len(styles) == 1, f"{kind}: {len(styles)} factsite <style> elements in <head>"
    assert styles[0].body == minify_css(STYLESHEET)


def test_the_style_element_is_the_same_on_every_page(sample_site: Path) -> None:
    """Without this, Material's instant navigation (which keeps the <head> elements whose markup is
    the same on the next page, and removes the others) would remove and re-add factsite's styles
    on every click, and a style that differed per page (a relative address in it) would leave a
    page reached that way styled as the previous one."""
    bodies = {}
    for path in [*sample_site.rglob("index.html"), sample_site / "404.html"]:
        styles = factsite_styles(parse(path))
        assert len(styles) == 1, f"{path.relative_to(sample_site)}: {len(styles)} factsite <style>"
        bodies.setdefault(styles[0].body, path.relative_to(sample_site).as_posix())
    assert len(bodies) == 1, f"pages differ in factsite's <style>: {sorted(bodies.values())}"


def test_factsite_script_loads_after_the_content(pages: dict[str, ParsedPage]) -> None:
    """Without this, factsite.js could move into <head> as a synchronous script and hold up the page
    (it only enhances what is already there, so it loads last, after Material's bundle)."""
    for kind, page in pages.items():
        if kind == "404":
            continue
        scripts = [
            e for e in page.elements if e.tag == "script" and (e.get("src") or "").endswith("factsite.js")
        ]
        assert len(scripts) == 1, f"{kind}: {len(scripts)} factsite.js scripts"
        assert [p.tag for p in scripts[0].parents][-1] == "body", f"{kind}: factsite.js is not in <body>"
        content = [e for e in page.elements if e.tag == "main" or e.get("data-md-component") == "container"]
        assert content and content[0].line < scripts[0].line, f"{kind}: factsite.js comes before the content"


def test_the_stylesheet_is_not_shipped_as_a_file(sample_site: Path) -> None:
    """Without this, the site would publish a factsite.css nothing loads (and a desk's own template
    that still linked it would look styled while every other page paid for it twice)."""
    assert not list(sample_site.rglob("factsite.css"))
    for path in [*sample_site.rglob("*.html"), *sample_site.rglob("*.xml")]:
        assert "factsite.css" not in path.read_text(encoding="utf-8"), path.relative_to(sample_site)


def test_the_inline_styles_weigh_a_few_kilobytes() -> None:
    """Without this, the stylesheet could grow until writing it into every page cost more than the
    request it saves; past this, load the rest of it after the first paint instead."""
    style = inline_style().encode("utf-8")
    assert len(gzip.compress(style, compresslevel=6)) <= 6_000, "factsite.css inlined: over 6 KB gzipped"


def test_minifying_removes_only_comments_and_white_space() -> None:
    """Without this, minifying could change a rule: the descendant space in `.md-typeset :is(p)`,
    a string such as grid-template-areas' "quote verdict", or a declaration."""
    without_comments = re.sub(r"/\*.*?\*/", "", STYLESHEET, flags=re.DOTALL)
    minified = minify_css(STYLESHEET)
    assert "/*" not in minified and "\n" not in minified
    # The same characters, but for white space and a rule's last semicolon.
    def squeezed(css: str) -> str:
        return re.sub(r"\s+", "", css).replace(";}", "}")

    assert squeezed(minified) == squeezed(without_comments)
    assert minify_css('.a :is(p, li) {\n  x: "q v";\n}\n/* note */ .b:hover{y:1}') == (
        '.a :is(p, li){x: "q v"}.b:hover{y:1}'
    )
    assert '"quote verdict"' in minified and ".md-typeset :is(" in minified
