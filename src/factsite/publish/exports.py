"""Machine-readable exports of every check: ``claims.json`` (shape: ``claims.schema.json``) and
``claims.csv`` (one row per check, the same fields flattened).

Both list the live checks only. A retracted check has no verdict to export: ``claims.json`` lists
it apart, under ``retracted`` (what was checked, when and why it was withdrawn), so a tool that
copied the check can take it down; ``claims.csv``, a table of verdicts, leaves it out.

Languages: ``claims.json``'s top-level ``language`` is the site's, that of every text the desk
wrote; a source's ``language`` is the one it declares, or null when it is in the site's. The CSV,
which has no top level, gives every row's ``source_language`` in full."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

from factsite.model import Check, Project, Source
from factsite.verdicts import Verdict

EXPORT_VERSION = 2  # 2: retracted checks moved out of "checks" into "retracted"
CSV_COLUMNS = (
    "id",
    "url",
    "claim",
    "claimant",
    "claim_date",
    "rating",
    "rating_label",
    "rating_value",
    "summary",
    "quote",
    "source_id",
    "source_title",
    "source_url",
    "seed",
    "span_start",
    "span_end",
    "anchored_after_normalization",
    "tags",
    "published",
    "updated",
    "corrections",
    "source_language",  # last: added after the others, so columns read by position stay put
)


def _source_record(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "outlet": source.outlet,
        "published": source.published.isoformat(),
        "url": source.url,
        "archive_url": source.archive_url,
        "language": source.language,  # None: the site's
    }


def _what_was_said(check: Check, url: str) -> dict[str, Any]:
    """The fields every record of a check starts with, live or retracted."""
    return {
        "id": check.id,
        "url": url,
        "claim": check.claim,
        "claimant": check.claimant,
        "claim_date": check.claim_date.isoformat(),
    }


def check_record(project: Project, check: Check, verdict: Verdict, url: str) -> dict[str, Any]:
    anchor = project.anchors[check.id]
    source = project.source(check.source)
    seed = project.seeds[check.source]
    return {
        **_what_was_said(check, url),
        "rating": {
            "key": verdict.key,
            "label": verdict.label,
            "value": verdict.rating.value,
            "kind": verdict.rating.kind,
        },
        "summary": check.summary,
        "quote": check.quote,
        "anchor": {
            "source": source.id,
            "seed": source.seed,
            "start": anchor.span.start,
            "end": anchor.span.end,
            "text": seed.text[anchor.span.start : anchor.span.end],
            "normalized": anchor.normalized,
        },
        "source": _source_record(source),
        "sources": [
            {
                "title": cited.title,
                "publisher": cited.publisher,
                "url": cited.url,
                "date": cited.date.isoformat() if cited.date else None,
            }
            for cited in check.sources
        ],
        "tags": list(check.tags),
        "context": list(check.context),
        "analysis": check.analysis,
        "published": check.published.isoformat(),
        "updated": check.updated.isoformat() if check.updated else None,
        "corrections": [
            {"date": c.date.isoformat(), "text": c.text, "previous_rating": c.previous_rating}
            for c in check.corrections
        ],
    }


def retraction_record(project: Project, check: Check, url: str) -> dict[str, Any]:
    """A retracted check in ``claims.json``: what was checked and why it was withdrawn, no verdict."""
    assert check.retracted is not None
    return {
        **_what_was_said(check, url),
        "source": _source_record(project.source(check.source)),
        "published": check.published.isoformat(),
        "retracted": {"date": check.retracted.date.isoformat(), "reason": check.retracted.reason},
    }


def claims_schema() -> str:
    """The JSON Schema of ``claims.json``, published beside it."""
    return resources.files("factsite.publish").joinpath("claims.schema.json").read_text(encoding="utf-8")


def claims_json(
    site: dict[str, Any],
    ratings: list[dict[str, Any]],
    records: list[dict[str, Any]],
    retracted: Sequence[dict[str, Any]] = (),
    *,
    language: str = "en",
) -> str:
    """The live checks under ``checks``, the retracted ones (``retraction_record``) under ``retracted``;
    ``language`` is the site's (a BCP 47 tag)."""
    payload = {
        "version": EXPORT_VERSION,
        "language": language,
        "site": site,
        "ratings": ratings,
        "checks": records,
        "retracted": list(retracted),
    }
    # Compact: the indented form takes json's pure-Python encoder, ten times slower at scale.
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"


# Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """Text that would start a formula gets a leading apostrophe, which spreadsheets hide."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def claims_csv(records: list[dict[str, Any]], *, language: str = "en") -> str:
    """One row per live check (``records``: no retracted check, which has no verdict). Text cells
    that a spreadsheet would run as a formula start with ``'``. A source that declares no language
    is in the site's, ``language``."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for r in records:
        row = {
            "id": r["id"],
            "url": r["url"],
            "claim": r["claim"],
            "claimant": r["claimant"],
            "claim_date": r["claim_date"],
            "rating": r["rating"]["key"],
            "rating_label": r["rating"]["label"],
            "rating_value": "" if r["rating"]["value"] is None else r["rating"]["value"],
            "summary": r["summary"],
            "quote": r["quote"],
            "source_id": r["source"]["id"],
            "source_title": r["source"]["title"],
            "source_url": r["source"]["url"] or "",
            "seed": r["anchor"]["seed"],
            "span_start": r["anchor"]["start"],
            "span_end": r["anchor"]["end"],
            "anchored_after_normalization": "true" if r["anchor"]["normalized"] else "false",
            "tags": "; ".join(r["tags"]),
            "published": r["published"],
            "updated": r["updated"] or "",
            "corrections": len(r["corrections"]),
            "source_language": r["source"]["language"] or language,
        }
        writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
    return out.getvalue()
