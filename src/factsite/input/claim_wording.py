"""The wording rule for a check's ``claim``: it restates what was said and never states the verdict.

Checked when the data is read (so ``factsite check`` reports it at the claim's line) and again on
the ClaimReview the site publishes.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A colon, bar or dash set off from the words (a hyphen inside "half-false" joins, not separates).
_SEPARATOR = r"(?:\s*[:|\u2013\u2014]|\s+-)"


def claim_states_verdict(claim: str, own_label: str, other_labels: tuple[str, ...]) -> str | None:
    """The verdict label that ``claim`` states, if it states one; None for an honest restatement.

    The claim is what was said, so a verdict in it would be read as part of the claim. It states
    a verdict when a label stands apart from the claim's words: the whole claim ("False"), before
    or after a separator ("False: …", "… — Misleading", "… (False)"), or, for the check's own
    verdict, after a verb at the end ("… is false", "… was mostly accurate"). A label used as an
    ordinary word ("false positives", "mixed signals") is not a verdict.
    """
    folded = " ".join(claim.split()).casefold()
    for label in (own_label, *other_labels):
        if " ".join(label.split()).casefold() not in folded:  # most claims name no label at all
            continue
        apart, after_verb = _verdict_patterns(label)
        if apart.search(claim) or (label == own_label and after_verb.search(claim)):
            return label
    return None


@lru_cache(maxsize=256)
def _verdict_patterns(label: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """How ``label`` reads when it stands apart as a verdict, and when it ends the claim after a verb."""
    word = r"\s+".join(re.escape(part) for part in label.split())
    apart = "|".join([
        rf"^\W*{word}\W*$",
        rf"^\W*{word}(?:{_SEPARATOR}|\s*-\s)",
        rf"^\W*{word}\s+(?:claims?|statements?)\b",
        rf"(?:{_SEPARATOR}|[(\[])\s*{word}\W*$",
    ])
    after_verb = (
        r"\b(?:is|are|was|were|be|been|being|['\u2019]s)(?:\s+not|n['\u2019]t)?(?:\s+\w+ly)?"
        rf"\s+{word}\W*$"
    )
    return re.compile(apart, re.IGNORECASE), re.compile(after_verb, re.IGNORECASE)
