"""Problems found in a contributor's files: where they are, what is wrong, how to fix it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Literal

from factsite.input.invisible import escape_for_log, escape_json_text

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One mistake, located at 1-based ``line``/``column`` of ``file``.

    ``kind`` is a stable code (``unknown-key``, ``quote-not-found``...) for tools and tests;
    ``message`` says what is wrong, ``fix`` says what to do in one line, and ``details`` holds
    extra lines such as the closest passage of a quote that did not match. A ``warning`` is
    reported but does not stop the build.

    Messages quote contributors' values as they are: every output format escapes them.
    """

    kind: str
    file: str
    line: int
    column: int
    message: str
    fix: str
    details: tuple[str, ...] = field(default=())
    severity: Severity = "error"

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.kind)


class ProblemsFound(Exception):
    """Raised by callers that need a whole, valid project and got problems instead."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(sorted(problems, key=Problem.sort_key))
        super().__init__(format_problems(self.problems))


def format_problem(problem: Problem) -> str:
    """The problem as terminal lines. Values are escaped, so no line can be forged: a key holding
    a newline and ``::error file=...`` cannot start a line of its own in a CI log."""
    esc = escape_for_log
    lines = [f"{esc(problem.location)}: {problem.severity}: {esc(problem.message)}"]
    lines.extend(f"    {esc(detail)}" for detail in problem.details)
    lines.append(f"  fix: {esc(problem.fix)}")
    return "\n".join(lines)


def format_problems(problems: Iterable[Problem]) -> str:
    return "\n".join(format_problem(p) for p in sorted(problems, key=Problem.sort_key))


def problems_as_json(problems: Iterable[Problem]) -> list[dict[str, object]]:
    return [
        {**asdict(p), "details": list(p.details)}
        for p in sorted(problems, key=Problem.sort_key)
    ]


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that shows the problem on the PR's diff."""

    def escape(text: str, *, prop: bool = False) -> str:
        text = escape_for_log(text).replace("%", "%25")
        if prop:
            text = text.replace(":", "%3A").replace(",", "%2C")
        return text

    # The lines are joined after escaping: the workflow command's own line breaks are %0A.
    body = "%0A".join(escape(line) for line in [problem.message, *problem.details, f"fix: {problem.fix}"])
    return (
        f"::{problem.severity} file={escape(problem.file, prop=True)},line={problem.line},"
        f"col={problem.column},title={escape(problem.kind, prop=True)}::{body}"
    )


def dumps_json(payload: object) -> str:
    """JSON with non-ASCII text kept readable, but every control and bidirectional character
    escaped (json only escapes C0 controls)."""
    return escape_json_text(json.dumps(payload, indent=2, ensure_ascii=False))
