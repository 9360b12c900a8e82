"""``factsite diff``: load both sides, compare them, apply the rules, and say so in the format asked."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from factsite.input.loading import Loaded, display_path, load
from factsite.input.problems import Problem, format_problem, github_annotation
from factsite.input.yaml_reader import collector_paused
from factsite.model import DEFAULT_RATINGS, Project
from factsite.quotes.project import Report, anchor_loaded, read_project
from factsite.review.base import Base, open_base
from factsite.review.diff import ProjectDiff, compare
from factsite.review.report import as_json, as_markdown, as_text, md, problem_items, rules_line
from factsite.review.rules import rule_problems

Format = Literal["text", "markdown", "json", "github"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "json", "github")


@dataclass(frozen=True)
class Outcome:
    output: str
    exit_code: int  # 0: all well; 1: problems (a side does not load, or a rule is broken with --check)


def _read_current(data: Path, seeds: Path | None) -> tuple[Loaded, Report]:
    with collector_paused():
        loaded = load(data, seeds)
        return loaded, anchor_loaded(loaded)


def _base_json(base: Base) -> dict[str, Any]:
    return {
        "name": base.name,
        "description": base.description,
        "commit": base.commit,
        "path": base.data_path if base.commit else display_path(base.data),
        "missing": base.missing,
    }


def _failure(
    problems: list[Problem], message: str, base: Base, data: str, output_format: Format
) -> Outcome:
    """A side that does not load: its problems, and no diff."""
    if output_format == "json":
        about = _base_json(base)
        return Outcome(as_json(None, about, data, problems, checked=True, ok=False, error=message), 1)
    if output_format == "markdown":
        lines = [f"## Fact checks: {md(data)} compared with {md(base.description)}", "", md(message), ""]
        lines += problem_items(problems)
        return Outcome("\n".join(lines) + "\n", 1)
    render = github_annotation if output_format == "github" else format_problem
    return Outcome("\n".join([*(render(p) for p in problems), "", message]), 1)


def run_diff(
    base_name: str | None,
    data: Path,
    seeds: Path | None,
    output_format: Format = "text",
    enforce: bool = False,
) -> Outcome:
    """Compare ``data`` (seeds: ``seeds``, or ``seeds/`` beside it) with the base named
    ``base_name`` (see ``open_base``). With ``enforce``, the editorial rules decide the exit code.
    Raises BaseError when there is no such base."""
    seeds_dir = seeds if seeds is not None else data.parent / "seeds"
    data_name = display_path(data)
    with open_base(base_name, data, seeds_dir) as base:
        loaded, current = _read_current(data, seeds)
        if current.project is None:
            message = (
                f"{data_name} has {len(current.problems)} problem(s); fix them first"
                " (`factsite check` lists the same)"
            )
            return _failure(list(current.problems), message, base, data_name, output_format)
        if base.missing:
            before = Project(DEFAULT_RATINGS, (), (), {}, {})
            description = f"{base.description}, which has no {base.data_path}: every check is new"
        else:
            report = read_project(base.data, base.seeds)
            if report.project is None:
                shown = [replace(p, file=base.shown_path(p.file)) for p in report.problems]
                problem = Problem(
                    "base-does-not-load",
                    data_name,
                    1,
                    1,
                    f"the base, {base.description}, does not load ({len(shown)} problem(s)),"
                    " so nothing can be compared with it",
                    "compare with a base that builds (pass BASE), or fix the base's data first",
                    tuple(format_problem(p) for p in shown),
                )
                return _failure([problem], problem.message, base, data_name, output_format)
            before, description = report.project, base.description
        diff = compare(before, current.project)
        problems = rule_problems(diff, loaded.document, loaded.document_name, description) if enforce else []
        return Outcome(
            _render(diff, base, description, data_name, problems, output_format, enforce),
            1 if problems else 0,
        )


def _render(
    diff: ProjectDiff,
    base: Base,
    description: str,
    data: str,
    problems: list[Problem],
    output_format: Format,
    enforce: bool,
) -> str:
    if output_format == "json":
        about = {**_base_json(base), "description": description}
        return as_json(diff, about, data, problems, checked=enforce, ok=not problems)
    if output_format == "markdown":
        return as_markdown(diff, description, data, problems, checked=enforce).rstrip("\n")
    listing = as_text(diff, description, data)
    if not enforce:
        return listing
    render = github_annotation if output_format == "github" else format_problem
    return "\n".join([listing, "", *(render(p) for p in problems), rules_line(problems)])
