"""The editorial rules a change to published checks must follow (``factsite diff --check``).

A check is published when the base has it. Against the base:

- a published check whose verdict changes gains a correction (not in the base) whose
  ``previous_rating`` is the verdict readers saw;
- a published check never disappears, and neither does its retraction: it is retracted instead
  (``retracted: {date, reason}``), which keeps its page; a changed id is a removal, since the id
  is the permalink;
- a published check whose quote, claim or summary changes gets an ``updated`` date later than the
  base's (its ``updated``, or ``published`` when unset).

Each rule broken is a ``Problem`` located in the current ``factchecks.yaml``, with its fix.
"""

from __future__ import annotations

from typing import Any

from factsite.input.problems import Problem
from factsite.input.yaml_reader import Document, KeyPath, Mark
from factsite.model import Check
from factsite.review.diff import CheckChange, ProjectDiff

# Changes readers must be told of with a later `updated` date.
SUBSTANTIVE = ("quote", "claim", "summary")


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


class _Locator:
    """Where each check of the current file is, by id (the first check of an id, as the build sees it)."""

    def __init__(self, document: Document, filename: str):
        self.document = document
        self.filename = filename
        self.index: dict[str, int] = {}
        items: Any = document.data.get("checks") if isinstance(document.data, dict) else None
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                self.index.setdefault(item["id"], index)

    def mark(self, check_id: str | None, *keys: Any) -> Mark:
        """Where the value at ``keys`` of the check is (the check itself without keys); for a check
        that is not in the file, the `checks:` key."""
        if check_id is None or check_id not in self.index:
            return self.document.key_mark(("checks",))
        path: KeyPath = ("checks", self.index[check_id], *keys)
        return self.document.mark(path)

    def problem(
        self, kind: str, at: Mark, message: str, fix: str, details: tuple[str, ...] = ()
    ) -> Problem:
        return Problem(kind, self.filename, at.line, at.column, message, fix, details)


def _verdict_rule(change: CheckChange, where: _Locator) -> list[Problem]:
    before, after = change.before, change.after
    assert before is not None and after is not None and change.standing_before and change.standing_after
    if before.rating == after.rating:
        return []
    new = [c for c in after.corrections if c not in before.corrections]
    if any(c.previous_rating == before.rating for c in new):
        return []
    old_label, new_label = change.standing_before.label, change.standing_after.label
    wrong = [c for c in new if c.previous_rating is not None]
    details: tuple[str, ...] = ()
    at = where.mark(after.id, "rating")
    if wrong:
        details = (
            f"the new correction of {wrong[-1].date} says the previous rating was"
            f" '{wrong[-1].previous_rating}', but readers saw '{before.rating}'",
        )
        at = where.mark(after.id, "corrections", after.corrections.index(wrong[-1]), "previous_rating")
    return [
        where.problem(
            "verdict-change-without-correction",
            at,
            f"published check '{after.id}' changes its verdict from {old_label} ({before.rating})"
            f" to {new_label} ({after.rating}) without a correction saying so",
            "add to the check's `corrections:` an entry `- {date: YYYY-MM-DD, text: what was wrong and"
            f" what changed, previous_rating: {before.rating}}}`",
            details,
        )
    ]


def _update_rule(change: CheckChange, where: _Locator) -> list[Problem]:
    before, after = change.before, change.after
    assert before is not None and after is not None
    substantive = [name for name in SUBSTANTIVE if name in change.fields]
    if not substantive:
        return []
    since = before.updated or before.published
    if after.updated is not None and after.updated > since:
        return []
    named = ", ".join(f"`{name}`" for name in substantive)
    if after.updated is None:
        state, at = "it has no `updated` date", where.mark(after.id, substantive[0])
    else:
        state, at = f"`updated` is still {after.updated}", where.mark(after.id, "updated")
    which = "updated" if before.updated else "published"
    return [
        where.problem(
            "change-without-update",
            at,
            f"published check '{after.id}' changes its {named}, but {state}:"
            " readers are not told the check changed",
            f"set `updated:` to the date of this change, later than {since} (when it was {which})",
        )
    ]


def _retraction_rule(change: CheckChange, where: _Locator) -> list[Problem]:
    before, after = change.before, change.after
    assert before is not None and after is not None
    if before.retracted is None or after.retracted is not None:
        return []
    return [
        where.problem(
            "retraction-withdrawn",
            where.mark(after.id, "id"),
            f"published check '{after.id}' was retracted on {before.retracted.date};"
            " this change takes the retraction away",
            "keep `retracted:` as it was: a retraction is on the record; to publish a new verdict,"
            " add a new check with an id of its own",
        )
    ]


def _renamed_to(removed: Check, added: list[Check]) -> Check | None:
    """The new check that is most likely ``removed`` under another id: same source and quote, else
    the same claim."""
    for check in added:
        if check.source == removed.source and _same_words(check.quote, removed.quote):
            return check
    for check in added:
        if _same_words(check.claim, removed.claim):
            return check
    return None


def _removal_rule(change: CheckChange, added: list[Check], where: _Locator, base_name: str) -> Problem:
    removed = change.before
    assert removed is not None
    renamed = _renamed_to(removed, added)
    details = (f"in {base_name} it was published on {removed.published}: claims/{removed.id}/",)
    if renamed is not None:
        return where.problem(
            "published-check-removed",
            where.mark(renamed.id, "id"),
            f"published check '{removed.id}' is gone; it looks renamed to '{renamed.id}'"
            " (the same quote), and an id is the check's permanent address",
            f"change the id back to '{removed.id}': a published check keeps its id",
            details,
        )
    return where.problem(
        "published-check-removed",
        where.mark(None),
        f"published check '{removed.id}' ({removed.claim}) was removed; its page would disappear",
        f"put check '{removed.id}' back and add `retracted: {{date: YYYY-MM-DD, reason: why it no longer"
        " stands}` to it: a retracted check keeps its page, which shows the reason instead of the verdict",
        details,
    )


def rule_problems(diff: ProjectDiff, document: Document, filename: str, base_name: str) -> list[Problem]:
    """Every editorial rule that the change from the base to the current data breaks, located in
    ``document`` (the current ``factchecks.yaml``, shown as ``filename``)."""
    where = _Locator(document, filename)
    problems: list[Problem] = []
    for change in diff.changed:
        problems += _verdict_rule(change, where)
        problems += _update_rule(change, where)
        problems += _retraction_rule(change, where)
    added = [c.after for c in diff.added if c.after is not None]
    problems += [_removal_rule(change, added, where, base_name) for change in diff.removed]
    return sorted(problems, key=Problem.sort_key)

