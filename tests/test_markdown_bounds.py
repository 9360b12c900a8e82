"""Bounded Markdown: size and nesting limits that are errors, never silent losses, and code blocks
that reach the page exactly as written."""

from __future__ import annotations

import html
import json
import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sitebuild import parse

from factsite.bench.corpus import generate_corpus
from factsite.bench.figures import differences, markdown_max_length, markdown_shapes, timed_build, write_floor
from factsite.input.markdown import MAX_NESTING, markdown_problem, render_markdown
from factsite.quotes.project import load_project, read_project
from factsite.render.site import SiteInfo, build_site

LIMIT = 20_000
WORD = re.compile(r"(?<![a-z0-9])w[0-9]+(?![0-9])")  # `_w1_` holds the word w1


def words(text: str) -> list[str]:
    return WORD.findall(text)


def shown_words(markup: str) -> list[str]:
    """The words a reader sees in rendered HTML (tags dropped, entities decoded)."""
    return words(html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def numbered(text: str) -> str:
    """``text`` with each ``W`` replaced by a word of its own: w0, w1, ..."""
    count = iter(range(10**9))
    return re.sub("W", lambda _: f"w{next(count)}", text)


# ------------------------------------------------------------------------------------------------
# Size limits, in the schema: reported by `factsite check` with line and column
# ------------------------------------------------------------------------------------------------

SEED = "date 2025-02-04\nThe bridge will open in May, the mayor said.\n"
# Line 12: analysis, line 14: the context note, line 17: the correction's text; each value at column 15,
# 9 and 15.
PROJECT = textwrap.dedent(
    """\
    sources:
      - id: city-news
        seed: city.txt
        title: Bridge opening delayed
        outlet: City News
    checks:
      - id: bridge-in-may
        source: city-news
        quote: The bridge will open in May
        claimant: The mayor
        claim_date: 2025-02-03
        analysis: {analysis}
        context:
          - {context}
        corrections:
          - date: 2025-02-06
            text: {correction}
        claim: The bridge opens in May
        rating: mixed
        summary: The date depends on funding.
        published: 2025-02-05
    """
)


def project(
    tmp_path: Path, analysis: str = "Fine.", context: str = "Fine.", correction: str = "Fine."
) -> Path:
    (tmp_path / "seeds").mkdir(exist_ok=True)
    (tmp_path / "seeds" / "city.txt").write_text(SEED, encoding="utf-8")
    data = tmp_path / "factchecks.yaml"
    # JSON strings are YAML double-quoted scalars: any text, on the value's own line.
    values = {"analysis": analysis, "context": context, "correction": correction}
    text = PROJECT.format(**{key: json.dumps(value) for key, value in values.items()})
    data.write_text(text, encoding="utf-8")
    return data


def test_the_schema_and_the_benchmark_agree_on_the_limit() -> None:
    assert markdown_max_length() == LIMIT


@pytest.mark.parametrize(
    ("field", "line", "column"),
    [("analysis", 12, 15), ("context", 14, 9), ("correction", 17, 15)],
)
def test_a_markdown_field_over_the_size_limit_is_reported_where_it_is(
    tmp_path: Path, field: str, line: int, column: int
) -> None:
    report = read_project(project(tmp_path, **{field: "word " * (LIMIT // 5) + "x"}))
    [problem] = report.problems
    assert (problem.kind, problem.line, problem.column) == ("too-long", line, column)
    message = problem.message.replace(",", "")
    assert "20001 characters" in message and "20000" in message


@pytest.mark.parametrize("field", ["analysis", "context", "correction"])
def test_a_markdown_field_at_the_size_limit_is_published_whole(tmp_path: Path, field: str) -> None:
    text = numbered("Some *W* and **W** with [W](https://example.org/) and `W`.\n\n" * 250)
    text += "x" * (LIMIT - len(text))
    assert len(text) == LIMIT
    report = read_project(project(tmp_path, **{field: text}))
    assert report.ok, report.problems
    assert markdown_problem(text) is None
    site = build_site(load_project(tmp_path / "factchecks.yaml"), SiteInfo("Desk", "https://example.org/"))
    page = site.page("claims/bridge-in-may.md")
    assert page is not None
    assert set(words(text)) <= set(shown_words(str(page.body)))


# ------------------------------------------------------------------------------------------------
# Nesting: deeper than MAX_NESTING is a problem, never a silent loss
# ------------------------------------------------------------------------------------------------


def nested_list(depth: int) -> str:
    return "".join("  " * level + f"- w{level}\n" for level in range(depth))


def nested_ordered_list(depth: int) -> str:
    return "".join("   " * level + f"1. w{level}\n" for level in range(depth))


def nested_quote(depth: int) -> str:
    return "".join("> " * (level + 1) + f"w{level}\n" for level in range(depth))


def nested_emphasis(depth: int) -> str:
    marks = [("**", "*", "~~", "_")[level % 4] for level in range(depth)]
    opening = " ".join(f"{mark}w{level}" for level, mark in enumerate(marks))
    closing = " ".join(f"w{depth + level}{mark}" for level, mark in reversed(list(enumerate(marks))))
    return f"{opening} {closing}"


def nested_strong(depth: int) -> str:
    return "".join(f"**w{level} " for level in range(depth)) + "end" + "**" * depth


def quotes_in_lists(depth: int) -> str:
    return "- > " * (depth // 2) + "- " * (depth % 2) + "w0\n"


def nested_links(depth: int) -> str:
    return "[" * depth + "w0" + "](https://example.org/)" * depth


SHAPES = {
    "list": nested_list,
    "ordered list": nested_ordered_list,
    "blockquote": nested_quote,
    "emphasis": nested_emphasis,
    "strong": nested_strong,
    "quotes in lists": quotes_in_lists,
    "link brackets": nested_links,
}


@pytest.mark.parametrize("shape", SHAPES)
def test_thirty_levels_of_nesting_are_a_problem_that_says_how_deep(shape: str) -> None:
    problem = markdown_problem(SHAPES[shape](30))
    assert problem is not None
    message, fix = problem
    assert "nested 30 levels deep" in message and f"at most {MAX_NESTING} levels" in message
    assert "flatten" in fix


@pytest.mark.parametrize("shape", SHAPES)
def test_one_level_too_deep_is_a_problem(shape: str) -> None:
    problem = markdown_problem(SHAPES[shape](MAX_NESTING + 1))
    assert problem is not None
    assert f"nested {MAX_NESTING + 1} levels deep" in problem[0]


@pytest.mark.parametrize("shape", SHAPES)
def test_nesting_at_the_limit_is_published_whole(shape: str) -> None:
    text = SHAPES[shape](MAX_NESTING)
    assert markdown_problem(text) is None
    assert sorted(shown_words(render_markdown(text))) == sorted(words(text))


@pytest.mark.parametrize(
    ("field", "line", "column"),
    [("analysis", 12, 15), ("context", 14, 9), ("correction", 17, 15)],
)
def test_factsite_check_reports_a_thirty_level_list_where_it_is(
    tmp_path: Path, field: str, line: int, column: int
) -> None:
    report = read_project(project(tmp_path, **{field: nested_list(30)}))
    [problem] = report.problems
    assert (problem.kind, problem.line, problem.column) == ("markdown-too-deep", line, column)
    assert "nested 30 levels deep" in problem.message


def test_without_the_check_markdown_it_would_lose_a_thirty_level_list() -> None:
    """The loss the nesting limit exists for: markdown-it drops what lies too deep, without a word."""
    text = nested_list(30)
    assert "w29" not in shown_words(render_markdown(text))
    assert markdown_problem(text) is not None


def test_a_huge_run_of_quote_marks_is_reported_without_recursing_forever() -> None:
    lists = "- " * (LIMIT // 2 - 1) + "a"
    for text in (">" * LIMIT, "[" * LIMIT, lists, "*a " * (LIMIT // 3) + "b" + "*" * (LIMIT // 3)):
        problem = markdown_problem(text)
        assert problem is not None
        assert re.search(r"nested (at least )?\d+ levels deep", problem[0])


REAL_WORLD = {
    "nested lists, four levels": (
        "The ministry's figures:\n\n"
        "1. Spending rose in **w1**:\n"
        "   - *w2* hospitals\n"
        "     - w3 beds, [w4](https://example.org/beds)\n"
        "       - w5 of them ~~w6~~ new\n"
        "2. w7\n"
    ),
    "table": (
        "| Year | Budget | Source |\n|---|---:|---|\n"
        "| w1 | **w2** | [w3](https://example.org/a) |\n| w4 | `w5` | *w6* |\n"
    ),
    "code fence with blank lines": "Before w0:\n\n```python\nw1 = 1\n\n\nw2 = 2\n```\n\nAfter w3.\n",
    "quote with a list": "> w1 said:\n>\n> - w2\n> - **w3**, *w4*\n>\n> w5\n",
    "links and emphasis in a paragraph": (
        "See [the **w1** report](https://example.org/r) and ***w2***, _w3_ and ~~w4~~ (w5).\n"
    ),
    "brackets that are not links": "A [w1] note [w2 [w3]] and \\[w4\\].\n",
}


@pytest.mark.parametrize("name", REAL_WORLD)
def test_real_world_markdown_passes_and_is_published_whole(name: str) -> None:
    text = REAL_WORLD[name]
    assert markdown_problem(text) is None
    shown = render_markdown(text)
    assert sorted(shown_words(shown)) == sorted(words(text))


def test_real_world_markdown_keeps_its_structure() -> None:
    lists = render_markdown(REAL_WORLD["nested lists, four levels"])
    assert lists.count("<ol>") == 1 and lists.count("<ul>") == 3
    assert "<table>" in render_markdown(REAL_WORLD["table"])
    code = render_markdown(REAL_WORLD["code fence with blank lines"])
    assert '<pre><code class="language-python">w1 = 1\n\n\nw2 = 2\n</code></pre>' in code


def test_every_benchmark_shape_is_at_the_limit_and_passes() -> None:
    for name, text in markdown_shapes(LIMIT).items():
        assert len(text) == LIMIT, name
        assert markdown_problem(text) is None, name


# Markdown built from nestable pieces around numbered words, often deeper than allowed.
INLINE_WRAPPERS = {
    "em": "*{}*",
    "strong": "**{}**",
    "underscore": "_{}_",
    "strikethrough": "W ~~{}~~",  # never at a line's start: `~~~` there opens a code block
    "link": "[{}](https://example.org/)",
    "bracket": "[{}",
    "words": "W {} W",
}


def _item(marker: str, block: str) -> str:
    first, *rest = block.split("\n")
    pad = " " * len(marker)
    return "\n".join([marker + first, *(pad + line if line else "" for line in rest)])


BLOCK_WRAPPERS = {
    "list": lambda block: _item("- ", block) + "\n- W",
    "ordered list": lambda block: _item("1. ", block),
    "quote": lambda block: "\n".join(f"> {line}" if line else ">" for line in block.split("\n")),
    "paragraphs": lambda block: f"W\n\n{block}\n\nW",
}


@st.composite
def nested_markdown(draw: st.DrawFn) -> str:
    """Words inside a chain of inline wrappers inside a chain of block wrappers, beside others."""
    inline = draw(st.lists(st.sampled_from(sorted(INLINE_WRAPPERS)), max_size=24))
    blocks = draw(st.lists(st.sampled_from(sorted(BLOCK_WRAPPERS)), max_size=24))
    text = "W"
    for name in inline:
        text = INLINE_WRAPPERS[name].format(text)
    for name in blocks:
        text = BLOCK_WRAPPERS[name](text)
    return numbered(text)


@settings(max_examples=300, deadline=None)
@given(nested_markdown())
def test_markdown_is_either_reported_or_published_with_every_word(text: str) -> None:
    problem = markdown_problem(text)
    if problem is None:
        assert sorted(shown_words(render_markdown(text))) == sorted(words(text))
    else:
        found = re.search(r"nested (?:at least )?(\d+) levels", problem[0])
        assert found is not None and int(found.group(1)) > MAX_NESTING


# ------------------------------------------------------------------------------------------------
# Code blocks reach the page exactly as written
# ------------------------------------------------------------------------------------------------

CODE = "first line\n\n\nafter two blank lines\n    indented\n\nlast line\n"
ODD_CODE = "tab\there\n   \nafter a line of spaces\n\t\nafter a line with a tab\n"


def _code_site(tmp_path: Path, code: str) -> Path:
    project = tmp_path / "desk"
    analysis = f"The script:\n\n```text\n{code}```\n\nThat is all."
    generate_corpus(project, sources=1, checks_per_source=1, analysis=analysis)
    return project


def _code_blocks(site: Path) -> list[str]:
    [page] = (site / "claims").glob("*/index.html")
    return [
        element.text for element in parse(page).find("code") if element.attrs.get("class") == "language-text"
    ]


def test_blank_lines_in_a_code_block_reach_the_built_page_and_the_benchmark_floor(tmp_path: Path) -> None:
    project = _code_site(tmp_path, CODE)
    timed_build(project, tmp_path / "site")
    assert _code_blocks(tmp_path / "site") == [CODE]
    # The benchmark's floor builds the same pages through Python-Markdown: the same site.
    write_floor(project, tmp_path / "floor")
    timed_build(tmp_path / "floor", tmp_path / "floor-site")
    assert differences(tmp_path / "site", tmp_path / "floor-site") == []


def test_lines_of_spaces_and_tabs_in_a_code_block_reach_the_built_page(tmp_path: Path) -> None:
    project = _code_site(tmp_path, ODD_CODE)
    timed_build(project, tmp_path / "site")
    assert _code_blocks(tmp_path / "site") == [ODD_CODE]


def test_blank_lines_outside_code_blocks_are_still_dropped(tmp_path: Path) -> None:
    project = _code_site(tmp_path, CODE)
    site = build_site(load_project(project / "factchecks.yaml"), SiteInfo("Desk", "https://example.org/"))
    for page in site.pages:
        outside = re.sub(r"<pre[\s>].*?</pre>", "<pre/>", str(page.body), flags=re.DOTALL)
        assert not re.search(r"\n\s*\n", outside), page.path
