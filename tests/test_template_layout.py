"""The Jinja templates and theme partials are laid out for people: short lines, nesting indented.

Their indentation never reaches a page (factsite's templates lose it as they are loaded; the
partials wrap their long lines with Jinja whitespace control): the golden pages and the built sites
show that the output does not change.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitebuild import REPO

from factsite.render.site import _env

PACKAGE = REPO / "src" / "factsite"
TEMPLATES = sorted((PACKAGE / "render" / "templates").glob("*.html"))
PARTIALS = sorted((PACKAGE / "mkdocs" / "theme" / "partials").glob("*.html"))
FILES = [pytest.param(path, id=str(path.relative_to(PACKAGE))) for path in TEMPLATES + PARTIALS]
MAX_LINE = 110
STEP = 2

# One token of a template: a Jinja comment, block tag (group "block": its keyword) or expression,
# an HTML comment, end tag (group "end") or start tag (group "start"; it may hold Jinja tags).
_TOKEN = re.compile(
    r"\{#.*?#\}"
    r"|\{%[-+]?\s*(?P<block>\w+).*?%\}"
    r"|\{\{.*?\}\}"
    r"|<!--.*?-->"
    r"|</(?P<end>[a-zA-Z][\w-]*)\s*>"
    r"|<(?P<start>[a-zA-Z][\w-]*)(?:\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|[^>{]|\{(?![{%#]))*>",
    re.DOTALL,
)
_BLOCKS = {"if", "for", "macro", "call", "filter", "block", "with", "autoescape", "raw", "trans"}
_MIDDLES = {"else", "elif", "pluralize"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def layout_problems(text: str) -> list[str]:
    """Where the indentation hides the nesting: every line inside an element or Jinja block opened
    on an earlier line (or inside a tag continued from one) is indented further than that line; the
    line that closes it (``</p>``, ``{% endif %}``, ``{% else %}``) starts at the opener's indentation."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)

    def line_of(offset: int) -> int:
        return next(i for i in range(len(lines)) if starts[i + 1] > offset)

    tokens = list(_TOKEN.finditer(text))
    stack: list[tuple[str, int]] = []  # (name, line) of each construct still open
    problems: list[str] = []
    t = 0
    for number, line in enumerate(lines):
        begin = starts[number]
        # Apply the tokens that end before this line; note one that runs into it.
        spanning = None
        while t < len(tokens) and tokens[t].start() < begin:
            token = tokens[t]
            if token.end() > begin:
                spanning = token
                break
            _apply(token, line_of(token.start()), stack, problems)
            t += 1
        body = line.strip()
        if not body:
            continue
        where = f"line {number + 1}: {body[:60]!r}"
        if spanning is not None:
            opener = _indent(lines[line_of(spanning.start())])
            if re.match(r"[-+]?(#\}|%\}|\}\}|/?>)", body):  # the tag's own closing delimiter
                if _indent(line) != opener:
                    problems.append(f"{where}: closes a tag opened at indentation {opener}")
            elif _indent(line) <= opener:
                problems.append(f"{where}: continues a tag but is not indented past it ({opener})")
            continue
        if not stack:
            continue
        name, opened_on = stack[-1]
        opener = _indent(lines[opened_on])
        first = tokens[t] if t < len(tokens) and tokens[t].start() == begin + _indent(line) else None
        if first is not None and _closes(first, name):
            if _indent(line) != opener:
                problems.append(f"{where}: closes {name!r} opened at indentation {opener}")
        elif _indent(line) <= opener:
            problems.append(f"{where}: inside {name!r} (line {opened_on + 1}) but not indented past it")
    for token in tokens[t:]:
        _apply(token, line_of(token.start()), stack, problems)
    problems += [f"{name!r} opened on line {line + 1} is never closed" for name, line in stack]
    return problems


def _closes(token: re.Match[str], name: str) -> bool:
    if token["end"]:
        return token["end"] == name
    keyword = token["block"]
    return keyword is not None and (keyword == f"end{name}" or (keyword in _MIDDLES and name in _BLOCKS))


def _apply(token: re.Match[str], line: int, stack: list[tuple[str, int]], problems: list[str]) -> None:
    keyword, end, start = token["block"], token["end"], token["start"]
    if keyword in _BLOCKS:
        stack.append((keyword, line))
    elif keyword in _MIDDLES:
        if stack and stack[-1][0] in _BLOCKS:
            stack[-1] = (stack[-1][0], line)
    elif keyword and keyword.startswith("end"):
        if not stack or stack[-1][0] != keyword[3:]:
            problems.append(f"line {line + 1}: {{% {keyword} %}} does not close {stack[-1:]}")
        else:
            stack.pop()
    elif end:
        if not stack or stack[-1][0] != end:
            problems.append(f"line {line + 1}: </{end}> does not close {stack[-1:]}")
        else:
            stack.pop()
    elif start and start.lower() not in _VOID and not token.group().endswith("/>"):
        stack.append((start, line))


@pytest.mark.parametrize("path", FILES)
def test_no_line_is_longer_than_110_characters(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    long = [f"line {n}: {len(line)} characters" for n, line in enumerate(lines, 1) if len(line) > MAX_LINE]
    assert not long, (
        f"{path.name}: wrap these lines (Jinja whitespace control keeps the output):\n" + "\n".join(long)
    )


@pytest.mark.parametrize("path", FILES)
def test_no_tabs_or_trailing_spaces(path: Path) -> None:
    # A trailing space would be eaten by a {{- on the next line, or printed: neither is visible.
    lines = path.read_text(encoding="utf-8").split("\n")
    bad = [n for n, line in enumerate(lines, 1) if "\t" in line or line != line.rstrip()]
    assert not bad, f"{path.name}: tabs or trailing whitespace on lines {bad}"


@pytest.mark.parametrize("path", FILES)
def test_nesting_is_indented(path: Path) -> None:
    problems = layout_problems(path.read_text(encoding="utf-8"))
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", FILES)
def test_indentation_is_in_steps_of_two(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    odd = [n for n, line in enumerate(lines, 1) if line.strip() and _indent(line) % STEP]
    assert not odd, f"{path.name}: lines {odd} are not indented by a multiple of {STEP}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<div>\n  <p>x</p>\n</div>", []),
        ("<div>\n<p>x</p>\n</div>", ["not indented past it"]),
        ("{% if a %}\n  <p>x</p>\n{% else %}\n  y\n{% endif %}", []),
        ("{% if a %}\n  x\n  {% endif %}", ["closes 'if'"]),
        ("<p>a\n  {{- b }}</p>\n<br>\n<div\n  {{- c }} id=x>\n  d\n</div>", []),
        ("<p\n{{- c }}>x</p>", ["continues a tag"]),
        ("{#-\n  note\n-#}\n<ul>\n  {% for i in x %}\n    <li>{{ i }}</li>\n  {% endfor %}\n</ul>", []),
        ("<div>\n  <p>x\n</div>", ["does not close", "never closed"]),
    ],
)
def test_the_layout_check_itself(text: str, expected: list[str]) -> None:
    problems = layout_problems(text)
    assert bool(problems) == bool(expected), problems
    for words in expected:
        assert any(words in problem for problem in problems), (words, problems)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_the_indentation_of_factsite_templates_is_dropped_as_they_load(path: Path) -> None:
    """What Jinja reads is the template without its indentation, line for line (error line
    numbers stay right); trim_blocks and "-" whitespace control do the rest."""
    env = _env()
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, path.name)
    written = path.read_text(encoding="utf-8")
    assert source.count("\n") == written.count("\n")
    assert source.split("\n") == [line.lstrip(" ") for line in written.split("\n")]
