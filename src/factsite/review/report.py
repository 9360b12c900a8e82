"""The diff as people and tools read it: terminal text, Markdown for a pull request, JSON.

Every value from the desk's files is escaped for where it goes: terminal lines through
``escape_for_log`` (a claim cannot start a line of its own, so it cannot forge a CI command), Markdown
by backslash-escaping every ASCII punctuation character (a claim cannot open a link, an image, a
table cell or an HTML tag in a step summary), JSON by ``dumps_json``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from factsite.input.invisible import escape_for_log
from factsite.input.problems import Problem, dumps_json, problems_as_json
from factsite.review.diff import CheckChange, ProjectDiff, Standing
from factsite.review.sentences import InSentence

_PUNCTUATION = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85\v\f]+")
_TITLES = {"added": "Added", "changed": "Changed", "removed": "Removed"}


def md(text: str) -> str:
    """``text`` as literal Markdown text on one line (a table cell's or a list item's): controls and
    invisible characters shown escaped, every ASCII punctuation character backslash-escaped, which
    CommonMark and GitHub print as that character and never read as markup."""
    one_line = _LINE_BREAKS.sub(" ", text)
    return _PUNCTUATION.sub(r"\\\1", escape_for_log(one_line))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def summary_line(diff: ProjectDiff) -> str:
    return (
        f"{len(diff.added)} added, {len(diff.changed)} changed, {len(diff.removed)} removed,"
        f" {diff.unchanged} unchanged"
    )


def verdict_text(change: CheckChange) -> str:
    before, after = change.standing_before, change.standing_after
    if before is not None and after is not None and before.shown != after.shown:
        return f"{before.shown} → {after.shown}"
    shown = after or before
    return shown.shown if shown else ""


# -- text ------------------------------------------------------------------------------------------


def as_text(diff: ProjectDiff, base: str, data: str) -> str:
    """The terminal listing. Every line starts with our own words, every value is escaped."""
    esc = escape_for_log
    lines = [f"factsite diff: {esc(data)} against {esc(base)}", summary_line(diff)]
    for change in diff.changes:
        lines.append("")
        lines.append(f"{change.status:<8} {esc(change.id)}")
        lines.append(f"  claim:   {esc(change.claim)}")
        lines.append(f"  verdict: {esc(verdict_text(change))}")
        if change.fields:
            lines.append(f"  fields:  {', '.join(change.fields)}")
        if change.quote is not None:
            lines.append(f"  quote:   {esc(change.quote.plain())}")
    return "\n".join(lines)


def rules_line(problems: list[Problem]) -> str:
    if not problems:
        return "editorial rules: all pass"
    return f"editorial rules: {_count(len(problems), 'problem')} found"


# -- Markdown --------------------------------------------------------------------------------------


def _md_sentence(quote: InSentence | None) -> str:
    if quote is None:
        return ""
    return f"{md(quote.before)}**{md(quote.quote)}**{md(quote.after)}"


def _md_verdict(change: CheckChange) -> str:
    before, after = change.standing_before, change.standing_after
    if before is not None and after is not None and before.shown != after.shown:
        return f"~~{md(before.shown)}~~ → **{md(after.shown)}**"
    shown = after or before
    return md(shown.shown) if shown else ""


def problem_items(problems: Iterable[Problem]) -> list[str]:
    """Each problem as a Markdown list item: where, what, then its details and fix."""
    lines = []
    for problem in problems:
        lines.append(f"- **{md(problem.location)}**: {md(problem.message)}")
        lines += [f"  - {md(detail)}" for detail in problem.details]
        lines.append(f"  - *Fix:* {md(problem.fix)}")
    return lines


def as_markdown(
    diff: ProjectDiff, base: str, data: str, problems: Iterable[Problem] = (), checked: bool = False
) -> str:
    """For a pull request's step summary: a table per kind of change, then the rules' findings."""
    out = [f"## Fact checks: {md(data)} compared with {md(base)}", "", md(summary_line(diff)) + "."]
    for status, changes in (("added", diff.added), ("changed", diff.changed), ("removed", diff.removed)):
        if not changes:
            continue
        out += [
            "",
            f"### {_TITLES[status]} ({len(changes)})",
            "",
            "| Check | Claim | Verdict | Changed fields | Quote in its sentence |",
            "|---|---|---|---|---|",
        ]
        for change in changes:
            fields = ", ".join(md(name) for name in change.fields)
            out.append(
                f"| {md(change.id)} | {md(change.claim)} | {_md_verdict(change)} | {fields}"
                f" | {_md_sentence(change.quote)} |"
            )
    if checked:
        found = sorted(problems, key=Problem.sort_key)
        out += ["", "### Editorial rules", ""]
        if not found:
            out.append("All editorial rules pass.")
        out += problem_items(found)
    return "\n".join(out) + "\n"


# -- JSON ------------------------------------------------------------------------------------------


def _standing_json(standing: Standing | None) -> dict[str, Any] | None:
    if standing is None:
        return None
    return {"rating": standing.rating, "label": standing.label, "retracted": standing.retracted}


def change_json(change: CheckChange) -> dict[str, Any]:
    quote = change.quote
    return {
        "id": change.id,
        "status": change.status,
        "claim": change.claim,
        "verdict": {
            "before": _standing_json(change.standing_before),
            "after": _standing_json(change.standing_after),
            "changed": change.verdict_changed,
        },
        "fields": list(change.fields),
        "quote": (
            None
            if quote is None
            else {
                "before": quote.before,
                "text": quote.quote,
                "after": quote.after,
                "sentence": quote.plain("", ""),
            }
        ),
    }


def as_json(
    diff: ProjectDiff | None,
    base: dict[str, Any] | None,
    data: str,
    problems: Iterable[Problem] = (),
    *,
    checked: bool,
    ok: bool,
    error: str | None = None,
) -> str:
    """One JSON object: the base and data compared, the summary, the changes, and (with --check)
    the rules' problems. ``error`` says why there is no diff (a side that does not load)."""
    payload: dict[str, Any] = {"ok": ok, "base": base, "data": data, "checked": checked}
    if error is not None:
        payload["error"] = error
    if diff is not None:
        payload["summary"] = {
            "added": len(diff.added),
            "changed": len(diff.changed),
            "removed": len(diff.removed),
            "unchanged": diff.unchanged,
        }
        for status, changes in (("added", diff.added), ("changed", diff.changed), ("removed", diff.removed)):
            payload[status] = [change_json(c) for c in changes]
    payload["problems"] = problems_as_json(problems)
    return dumps_json(payload)
