"""Two loaded projects compared check by check: which were added, changed or removed, and how."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

from factsite.model import Check, Project
from factsite.review.sentences import InSentence, quote_in_sentence

Status = Literal["added", "changed", "removed"]
RETRACTED = "Retracted"

# The fields of a check, named as in factchecks.yaml, in the order of the model.
FIELDS = tuple(f.name for f in dataclasses.fields(Check) if f.name != "id")


@dataclass(frozen=True)
class Standing:
    """What a check's page says of the claim: its rating, or that the check was retracted."""

    rating: str  # the rating's key
    label: str  # the rating's name on the scale of the project it comes from
    retracted: bool = False

    @property
    def shown(self) -> str:
        return RETRACTED if self.retracted else self.label


@dataclass(frozen=True)
class CheckChange:
    status: Status
    id: str
    claim: str  # as it is now (as it was, for a removed check)
    before: Check | None  # None: added
    after: Check | None  # None: removed
    standing_before: Standing | None
    standing_after: Standing | None
    fields: tuple[str, ...]  # the fields that changed (changed checks only)
    quote: InSentence | None  # the quote in its sentence, in the seed it is anchored to

    @property
    def verdict_changed(self) -> bool:
        return (
            self.standing_before is not None
            and self.standing_after is not None
            and self.standing_before.shown != self.standing_after.shown
        )


@dataclass(frozen=True)
class ProjectDiff:
    added: tuple[CheckChange, ...]
    changed: tuple[CheckChange, ...]
    removed: tuple[CheckChange, ...]
    unchanged: int

    @property
    def changes(self) -> tuple[CheckChange, ...]:
        return (*self.added, *self.changed, *self.removed)


def _standing(project: Project, check: Check) -> Standing:
    labels = {r.key: r.label for r in project.ratings}
    return Standing(check.rating, labels.get(check.rating, check.rating), check.retracted is not None)


def _in_sentence(project: Project, check: Check) -> InSentence | None:
    anchor = project.anchors.get(check.id)
    seed = project.seeds.get(check.source)
    if anchor is None or seed is None:
        return None
    return quote_in_sentence(seed, anchor.span)


def changed_fields(before: Check, after: Check) -> tuple[str, ...]:
    return tuple(name for name in FIELDS if getattr(before, name) != getattr(after, name))


def compare(base: Project, current: Project) -> ProjectDiff:
    """Every check of ``current`` that is new or differs from ``base``, and every check of ``base``
    that ``current`` no longer has: current checks in their file's order, then removed ones in the
    base's order."""
    old = {c.id: c for c in base.checks}
    new_ids = {c.id for c in current.checks}
    added: list[CheckChange] = []
    changed: list[CheckChange] = []
    unchanged = 0
    for check in current.checks:
        before = old.get(check.id)
        standing = _standing(current, check)
        if before is None:
            added.append(
                CheckChange(
                    "added", check.id, check.claim, None, check, None, standing, (),
                    _in_sentence(current, check),
                )
            )
            continue
        fields = changed_fields(before, check)
        if not fields:
            unchanged += 1
            continue
        changed.append(
            CheckChange(
                "changed", check.id, check.claim, before, check, _standing(base, before), standing, fields,
                _in_sentence(current, check),
            )
        )
    removed = [
        CheckChange(
            "removed", check.id, check.claim, check, None, _standing(base, check), None, (),
            _in_sentence(base, check),
        )
        for check in base.checks
        if check.id not in new_ids
    ]
    return ProjectDiff(tuple(added), tuple(changed), tuple(removed), unchanged)
