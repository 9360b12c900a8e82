"""Problems found in a contributor's files: where they are, what is wrong, how to fix it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Problem:
    """One mistake, located at 1-based ``line``/``column`` of ``file``.

    ``kind`` is a stable code (``unknown-key``, ``quote-not-found``...) for tools and tests;
    ``message`` says what is wrong, ``fix`` says what to do in one line, and ``details`` holds
    extra lines such as the closest passage of a quote that did not match.
    """

    kind: str
    file: str
    line: int
    column: int
    message: str
    fix: str
    details: tuple[str, ...] = field(default=())

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
    lines = [f"{problem.location}: error: {problem.message}"]
    lines.extend(f"    {detail}" for detail in problem.details)
    lines.append(f"  fix: {problem.fix}")
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
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        if prop:
            text = text.replace(":", "%3A").replace(",", "%2C")
        return text

    body = "\n".join([problem.message, *problem.details, f"fix: {problem.fix}"])
    return (
        f"::error file={escape(problem.file, prop=True)},line={problem.line},"
        f"col={problem.column},title={escape(problem.kind, prop=True)}::{escape(body)}"
    )


def dumps_json(payload: object) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False)
