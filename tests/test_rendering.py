"""Rendering pure functions: highlighted paragraphs, safe Markdown, links between pages, golden pages."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup
from sitebuild import SAMPLE_DESK, parse_html

from factsite.input.markdown import is_safe_url, render_markdown
from factsite.input.seeds import parse_seed
from factsite.model import DEFAULT_RATINGS, Span
from factsite.quotes.project import load_project
from factsite.render.passages import Highlight, paragraphs, render_paragraph
from factsite.render.site import GeneratedPage, SiteInfo, build_site
from factsite.urls import Layout

GOLDEN = Path(__file__).parent / "golden"


def _hl(check_id: str, start: int, end: int) -> Highlight:
    return Highlight(check_id, Span(start, end), "mixed", "Mixed")


def _marks(html: str) -> dict[str, str]:
    texts: dict[str, str] = {}
    for mark in parse_html(html).find("mark"):
        check_id = mark.attrs["data-check"] or ""
        texts[check_id] = texts.get(check_id, "") + mark.text
    return texts


def _balanced(html: str) -> bool:
    depth = 0
    for tag in re.findall(r"</?mark", html):
        depth += -1 if tag.startswith("</") else 1
        if depth < 0:
            return False
    return depth == 0


def test_paragraphs_split_on_blank_lines_and_skip_the_date_marker() -> None:
    seed = parse_seed("s.txt", b" date 2025-02-04 First one\nstill first.\n\n  \nSecond.\r\n\r\nThird")
    texts = [seed.text[p.span.start : p.span.end] for p in paragraphs(seed)]
    assert texts == ["First one\nstill first.", "Second.", "Third"]


TEXT = "one two three four five six"


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ({"a": (4, 13)}, {"a": "two three"}),
        ({"a": (0, 18), "b": (4, 7)}, {"a": "one two three four", "b": "two"}),  # nested
        ({"a": (0, 13), "b": (8, 23)}, {"a": "one two three", "b": "three four five"}),  # crossing
        ({"a": (4, 13), "b": (4, 13)}, {"a": "two three", "b": "two three"}),  # identical
        (
            {"a": (0, 27), "b": (4, 7), "c": (6, 18), "d": (14, 27)},
            {"a": TEXT, "b": "two", "c": "o three four", "d": "four five six"},
        ),
    ],
)
def test_overlapping_and_nested_highlights_each_cover_their_text(
    spans: dict[str, tuple[int, int]], expected: dict[str, str]
) -> None:
    seed = parse_seed("s.txt", TEXT.encode())
    [para] = paragraphs(seed)
    html = render_paragraph(seed.text, para, [_hl(k, *v) for k, v in spans.items()])
    assert _marks(html) == expected
    assert _balanced(html)
    assert sorted(re.findall(r'id="q-([a-z])"', html)) == sorted(spans)  # one id per highlight


@given(st.lists(st.tuples(st.integers(0, 26), st.integers(1, 27)).filter(lambda t: t[0] < t[1]), max_size=6))
def test_any_set_of_highlights_renders_balanced_and_complete(pairs: list[tuple[int, int]]) -> None:
    seed = parse_seed("s.txt", TEXT.encode())
    [para] = paragraphs(seed)
    highlights = [_hl(f"c{i}", s, e) for i, (s, e) in enumerate(pairs)]
    html = render_paragraph(seed.text, para, highlights)
    assert _balanced(html)
    assert _marks(html) == {h.check_id: TEXT[h.span.start : h.span.end] for h in highlights}
    assert re.sub(r"<[^>]+>", "", html) == TEXT


def test_seed_text_is_escaped() -> None:
    seed = parse_seed("s.txt", b'He wrote <script>alert("x")</script> & left')
    [para] = paragraphs(seed)
    html = render_paragraph(seed.text, para, [_hl("a", 9, 17)])
    assert "<script>" not in html
    assert '<mark class="fs-mark fs-tone--mixed" data-check="a" id="q-a"' in html
    assert "&lt;script&gt;" in html and "&amp; left" in html


def test_claim_page_context_is_kept_out_of_search_but_the_quote_is_not() -> None:
    seed = parse_seed("s.txt", TEXT.encode())
    [para] = paragraphs(seed)
    html = render_paragraph(seed.text, para, [_hl("a", 4, 7)], interactive=False, search_context=False)
    assert html.startswith("<span data-pagefind-ignore>one </span><mark")
    assert 'tabindex' not in html


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/x",
        "http://example.org",
        "mailto:desk@example.org",
        "../ratings/",
        "#sources",
        "page.html",
    ],
)
def test_safe_urls(url: str) -> None:
    assert is_safe_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "file:///etc/passwd",
        "//evil.example/x",
        "\\\\evil.example\\x",
        "ftp://example.org",
    ],
)
def test_unsafe_urls(url: str) -> None:
    assert not is_safe_url(url)


def test_markdown_keeps_safe_links_and_drops_everything_else() -> None:
    html = render_markdown(
        "See [the law](https://example.org/law) and [bad](javascript:alert(1)).\n\n"
        "<script>alert(1)</script>\n\n![tracker](https://evil.example/t.png)\n\n# Heading"
    )
    assert '<a href="https://example.org/law" rel="nofollow noopener noreferrer">the law</a>' in html
    assert "javascript:" not in html.replace("[bad](javascript:alert(1))", "")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html
    assert "<h3>Heading</h3>" in html


@pytest.mark.parametrize(
    ("directory_urls", "from_page", "to_page", "fragment", "expected"),
    [
        (True, "claims/a.md", "sources/s.md", "q-a", "../../sources/s/#q-a"),
        (True, "index.md", "claims/index.md", None, "claims/"),
        (True, "claims/a.md", "index.md", None, "../../"),
        (True, "ratings.md", "assets/factsite/x.css", None, "../assets/factsite/x.css"),
        (True, "claims/a.md", "claims/a.md", None, "./"),
        (False, "claims/a.md", "sources/s.md", None, "../sources/s.html"),
        (False, "index.md", "claims/index.md", None, "claims/index.html"),
    ],
)
def test_links_between_pages_are_relative(
    directory_urls: bool, from_page: str, to_page: str, fragment: str | None, expected: str
) -> None:
    assert Layout(directory_urls).href(from_page, to_page, fragment) == expected


def _sample_pages() -> dict[str, GeneratedPage]:
    project = load_project(SAMPLE_DESK / "factchecks.yaml")
    site = build_site(project, SiteInfo("Sample", "https://example.org/factsite/", "A sample site."))
    return {p.path: p for p in site.pages}


@pytest.mark.parametrize(
    ("page", "golden"),
    [
        ("sources/ap-el-salvador-prison-offer.md", "source-page.md"),
        ("claims/us-cannot-deport-citizens.md", "claim-page.md"),
    ],
)
def test_generated_pages_match_their_golden_files(page: str, golden: str) -> None:
    """Review changes to these files like any other change to what readers see.

    Regenerate with ``FACTSITE_UPDATE_GOLDEN=1 pytest tests/test_rendering.py``.
    """
    rendered = _sample_pages()[page].markdown()
    path = GOLDEN / golden
    if os.environ.get("FACTSITE_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8")


def test_front_matter_titles_are_escaped_once() -> None:
    page = GeneratedPage(
        "claims/x.md", 'A <b>"claim"</b> & more\u2028', "<i>d</i>: 'x' #y", body=Markup("x")
    )
    meta = yaml.safe_load(page.markdown().split("---")[1])
    assert meta["title"] == "A &lt;b&gt;&quot;claim&quot;&lt;/b&gt; &amp; more\u2028"
    assert meta["description"] == "&lt;i&gt;d&lt;/i&gt;: &#x27;x&#x27; #y"
    assert meta["hide"] == ["navigation", "toc"]


# The built-in scale written out, so that an edit can relabel one rating.
_RATINGS = yaml.safe_dump(
    {"ratings": [{k: v for k, v in vars(r).items() if v is not None} for r in DEFAULT_RATINGS]},
    sort_keys=False,
)


def _sample_copy(root: Path, edit: tuple[str, str, str] | None = None) -> Path:
    """The sample's data and seeds in ``root``, with one text replaced in one file."""
    (root / "seeds").mkdir(parents=True)
    for seed in (SAMPLE_DESK / "seeds").iterdir():
        (root / "seeds" / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    sample = (SAMPLE_DESK / "factchecks.yaml").read_text(encoding="utf-8")
    (root / "factchecks.yaml").write_text(sample, encoding="utf-8")
    if edit:
        name, old, new = edit
        target = next(root.rglob(name))
        text = target.read_text(encoding="utf-8")
        assert old in text
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root / "factchecks.yaml"


@pytest.mark.parametrize(
    "edit",
    [
        None,
        (
            "factchecks.yaml",
            "claim: The US government cannot deport American citizens.",
            "claim: Citizens stay.",
        ),
        (
            "factchecks.yaml",
            "\nsources:",
            "\n" + _RATINGS.replace("label: Accurate", "label: Correct") + "sources:",
        ),
        ("factchecks.yaml", "outlet: Associated Press", "outlet: AP"),  # the source, not the check
        ("*.txt", "harsh and dangerous", "harsh, dangerous"),  # seed text: the quote's context
    ],
    ids=["nothing", "a claim", "a rating label", "the source", "the seed"],  # and the site's name, below
)
def test_a_serve_rebuild_reusing_the_last_site_makes_exactly_the_fresh_site(
    tmp_path: Path, edit: tuple[str, str, str] | None
) -> None:
    info = SiteInfo("Sample", "https://example.org/factsite/", "A sample site.")
    last = build_site(load_project(_sample_copy(tmp_path / "before")), info)
    project = load_project(_sample_copy(tmp_path / "after", edit))
    assert build_site(project, info, previous=last) == build_site(project, info)
    renamed = SiteInfo("Renamed", info.url, info.description)
    assert build_site(project, renamed, previous=last) == build_site(project, renamed)
