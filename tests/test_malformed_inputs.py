"""Malformed contributor input: every mistake is reported, located, and explained, never raised.

Each row of the big table starts from one valid project (``BASE`` + ``CITY_SEED``), changes one
small thing, and asserts the exact ``kind``, ``line`` and ``column`` of the problem it causes.
Line/column are 1-based positions in ``factchecks.yaml`` (or in the seed, for seed problems).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from sitebuild import SAMPLE_DESK

from factsite.input.problems import Problem
from factsite.quotes.project import Report, read_project

# ------------------------------------------------------------------------------------------------
# The valid project every malformed input is derived from
# ------------------------------------------------------------------------------------------------

# A small seed. "The bridge will open in May." occurs twice (lines 2 and 3), so a quote of it is
# ambiguous; the date marker on line 1 makes `published` optional for the source.
CITY_SEED = (
    b"date 2025-02-04\n"
    b"The bridge will open in May. The mayor said so on Monday.\n"
    b"Critics doubt it. The bridge will open in May. Officials repeated the promise.\n"
    b"Taxes rose by 4% last year, the budget shows.\n"
)
SEEDS = {"city.txt": CITY_SEED}

# For reading the table: each line of BASE, and line:column where its value starts.
#   1 sources:                        7 checks:
#   2   - id          2:9             8   - id          8:9     13     claim       13:12
#   3     seed        3:11            9     source      9:13    14     rating      14:13
#   4     title       4:12           10     quote      10:12    15     summary     15:14
#   5     outlet      5:13           11     claimant   11:15    16     published   16:16
#   6     url         6:10           12     claim_date 12:17
# A list item's mapping (where `missing-field` points) starts at its first key: 2:5 and 8:5.
BASE = textwrap.dedent(
    """\
    sources:
      - id: city-news
        seed: city.txt
        title: Bridge opening delayed
        outlet: City News
        url: https://example.com/bridge
    checks:
      - id: taxes-rose
        source: city-news
        quote: Taxes rose by 4% last year
        claimant: The mayor
        claim_date: 2025-02-04
        claim: Taxes rose by four percent last year.
        rating: accurate
        summary: The city budget shows a 4% increase.
        published: 2025-02-06
    """
)

# A second check, appended after BASE: lines 17-25 (id on 17, quote on 19).
SECOND_CHECK = textwrap.indent(
    textwrap.dedent(
        """\
        - id: bridge-in-may
          source: city-news
          quote: Critics doubt it.
          claimant: City News
          claim_date: 2025-02-04
          claim: Critics doubt the bridge will open in May.
          rating: context
          summary: Officials repeated the promise.
          published: 2025-02-06
        """
    ),
    "  ",
)

# A custom rating scale, appended after BASE as a top-level key: lines 17-25.
RATINGS = textwrap.dedent(
    """\
    ratings:
      - key: good
        label: Good
        definition: The statement is right.
        value: 2
      - key: bad
        label: Bad
        definition: The statement is wrong.
        kind: verdict
    """
)


def edit(old: str, new: str, text: str = BASE) -> str:
    """``text`` with the one occurrence of ``old`` replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} must occur exactly once in the base document"
    return text.replace(old, new)


def drop(line: str, text: str = BASE) -> str:
    """``text`` without the one line ``line`` (given without its newline)."""
    return edit(line + "\n", "", text)


# The lines of BASE, by section and key, so that rows can say which value they change.
CHECK_LINES = {
    "id": "  - id: taxes-rose",
    "source": "    source: city-news",
    "quote": "    quote: Taxes rose by 4% last year",
    "claimant": "    claimant: The mayor",
    "claim_date": "    claim_date: 2025-02-04",
    "claim": "    claim: Taxes rose by four percent last year.",
    "rating": "    rating: accurate",
    "summary": "    summary: The city budget shows a 4% increase.",
    "published": "    published: 2025-02-06",
}
SOURCE_LINES = {
    "id": "  - id: city-news",
    "seed": "    seed: city.txt",
    "title": "    title: Bridge opening delayed",
    "outlet": "    outlet: City News",
    "url": "    url: https://example.com/bridge",
}


def _set(line: str, value: str, text: str) -> str:
    key_part = line[: line.index(": ") + 2]
    return edit(line + "\n", key_part + value + "\n", text)


def set_check(key: str, value: str, text: str = BASE) -> str:
    """BASE with the check's ``key`` set to the raw YAML ``value`` (same line, same column)."""
    return _set(CHECK_LINES[key], value, text)


def set_source(key: str, value: str, text: str = BASE) -> str:
    return _set(SOURCE_LINES[key], value, text)


def with_quote(quote: str, *extra: str) -> str:
    """BASE with another quote on line 10 and ``extra`` check fields from line 11 on."""
    return set_check("quote", "\n    ".join([quote, *extra]))


def check_lines(*lines: str) -> str:
    """Extra fields for the last check of BASE, appended from line 17 on."""
    return BASE + "".join(f"    {line}\n" for line in lines)


def cited_source(*lines: str) -> str:
    """BASE plus a cited source whose title is on line 18 and ``lines`` from line 19 on."""
    fields = (f"    {line}" for line in lines)
    return check_lines("sources:", "  - title: City budget 2024", *fields)


def correction(*lines: str) -> str:
    """BASE plus a correction (date on 18, text on 19) with ``lines`` from line 20 on."""
    fields = (f"    {line}" for line in lines)
    return check_lines("corrections:", "  - date: 2025-02-07", "    text: Fixed.", *fields)


WITH_RATINGS = set_check("rating", "good") + RATINGS
TWICE = "The bridge will open in May."  # occurs twice in CITY_SEED


def write_project(root: Path, yaml_text: str | bytes, seeds: dict[str, bytes] | None = None) -> Path:
    """A project in ``root``: ``factchecks.yaml`` plus ``seeds/`` holding ``seeds`` (name -> bytes)."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    for name, data in (SEEDS if seeds is None else seeds).items():
        target = root / "seeds" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    path = root / "factchecks.yaml"
    path.write_bytes(yaml_text.encode("utf-8") if isinstance(yaml_text, str) else yaml_text)
    return path


def check_project(root: Path, yaml_text: str | bytes, seeds: dict[str, bytes] | None = None) -> Report:
    """Write the project into ``root`` and check it; an exception escaping is a failure."""
    path = write_project(root, yaml_text, seeds)
    try:
        return read_project(path, root / "seeds")
    except Exception as exc:  # noqa: BLE001 - the whole point is that nothing escapes
        pytest.fail(f"read_project raised {type(exc).__name__}: {exc}")


def located(report: Report) -> list[str]:
    return [f"{p.kind} {Path(p.file).name}:{p.line}:{p.column}" for p in report.problems]


def test_the_base_project_is_valid(tmp_path: Path) -> None:
    for text in (BASE, BASE + SECOND_CHECK, WITH_RATINGS, correction(), cited_source()):
        report = check_project(tmp_path, text)
        assert report.ok, located(report)


# ------------------------------------------------------------------------------------------------
# The table
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    yaml: str | bytes
    kind: str
    line: int
    column: int
    seeds: dict[str, bytes] | None = None
    file: str = "factchecks.yaml"  # the problem's file name ends with this
    fix: str | None = None  # substring of the problem's fix
    message: str | None = None  # substring of the problem's message
    details: Callable[[tuple[str, ...]], bool] | None = None


def row(case_id: str, *args: Any, bug: str | None = None, **kwargs: Any) -> Any:
    marks = [pytest.mark.xfail(reason=f"BUG: {bug}", strict=True)] if bug else []
    return pytest.param(Case(*args, **kwargs), id=case_id, marks=marks)


def _missing(case_id: str, text: str, line: int, column: int, field: str) -> Any:
    return row(case_id, text, "missing-field", line, column, message=f"`{field}`", fix=f"add `{field}:`")


def _without_check_field(field: str) -> str:
    if field == "id":  # the list dash moves to the next key; the mapping still starts at 8:5
        return edit("  - id: taxes-rose\n    source:", "  - source:")
    return drop(CHECK_LINES[field])


def _without_source_field(field: str) -> str:
    if field == "id":
        return edit("  - id: city-news\n    seed:", "  - seed:")
    return drop(SOURCE_LINES[field])


UNDATED_SEED = {"city.txt": CITY_SEED.removeprefix(b"date 2025-02-04\n")}
RATING_LINES_DROPPED = {
    "key": edit("  - key: good\n    label: Good", "  - label: Good", WITH_RATINGS),  # 2nd rating: 22:5
    "label": drop("    label: Bad", WITH_RATINGS),
    "definition": drop("    definition: The statement is wrong.", WITH_RATINGS),
}

MISSING_FIELD_ROWS = [
    *(_missing(f"missing-check-{f}", _without_check_field(f), 8, 5, f) for f in CHECK_LINES),
    *(_missing(f"missing-source-{f}", _without_source_field(f), 2, 5, f) for f in list(SOURCE_LINES)[:4]),
    row("missing-source-published-seed-undated", BASE, "missing-field", 2, 5, seeds=UNDATED_SEED,
        message="`published`"),
    _missing("missing-cited-source-title", check_lines("sources:", "  - publisher: City"), 18, 9, "title"),
    _missing("missing-correction-date", check_lines("corrections:", "  - text: Fixed."), 18, 9, "date"),
    _missing("missing-correction-text", check_lines("corrections:", "  - date: 2025-02-07"), 18, 9, "text"),
    _missing("missing-rating-key", RATING_LINES_DROPPED["key"], 18, 5, "key"),
    _missing("missing-rating-label", RATING_LINES_DROPPED["label"], 22, 5, "label"),
    _missing("missing-rating-definition", RATING_LINES_DROPPED["definition"], 22, 5, "definition"),
    _missing("missing-top-level-sources", BASE[BASE.index("checks:") :], 1, 1, "sources"),
    _missing("missing-top-level-checks", BASE[: BASE.index("checks:")], 1, 1, "checks"),
]

YAML_SYNTAX_ROWS = [
    row(
        "syntax-unclosed-double-quote",
        set_check("quote", '"Taxes rose by 4% last year'),
        "yaml-syntax",
        10,
        12,
        fix="close the quote",
    ),
    row("syntax-under-indented-key", edit("    claimant:", "   claimant:"), "yaml-syntax", 11, 4),
    row(
        "syntax-over-indented-key-continues-the-scalar",
        edit("    claimant:", "      claimant:"),
        "yaml-syntax",
        11,
        15,
    ),
    row("syntax-tab-indentation", edit("    claimant:", "\tclaimant:"), "yaml-syntax", 11, 1),
    row(
        "syntax-control-character",
        edit("claimant: The mayor", "claimant: The m\x07ayor"),
        "yaml-syntax",
        11,
        20,
        fix="delete it",
    ),
    row(
        "syntax-control-character-after-curly-quotes",
        edit(
            "claim: Taxes rose by four percent last year.",
            "claim: \u201cTaxes\u201d rose \u2014 by four percent last year.",
        )
        + "\n# a note \u2019with\u2019 curly marks\n" + "# \u00e9t\u00e9\x07\n",
        "yaml-syntax",
        19,
        6,
        fix="delete it",
    ),
    row(
        "syntax-key-value-value",
        set_check("claimant", "The mayor: Jane Doe"),
        "yaml-syntax",
        11,
        24,
        fix="put the value in quotes",
    ),
    row("syntax-second-document", BASE + "---\nsources: []\n", "yaml-syntax", 17, 1, fix="remove the '---'"),
    row("syntax-unknown-tag", set_check("claimant", "!person The mayor"), "yaml-syntax", 11, 15, fix="!tags"),
    row(
        "yaml-not-utf8",
        BASE.replace("The mayor", "The mayor\xe9").encode("latin-1"),
        "yaml-encoding",
        11,
        24,
        message=f"byte offset {len(BASE[: BASE.index('The mayor') + len('The mayor')])}",
    ),
    row(
        "yaml-not-utf8-names-the-file",
        BASE.replace("The mayor", "The mayor\xe9").encode("latin-1"),
        "yaml-encoding",
        11,
        24,
        message="factchecks.yaml is not valid UTF-8",
    ),
    row("syntax-unclosed-bracket-at-end-of-file", BASE + "x: [1, 2", "yaml-syntax", 17, 4),
    row("empty-file", "", "empty-file", 1, 1),
    row("comments-only-file", "# checks go here\n", "empty-file", 1, 1),
    row(
        "explicit-null-document",
        "---\n# nothing yet\n",
        "empty-file",
        1,
        1,
    ),
    row("tilde-null-document", "~\n", "empty-file", 1, 1),
    # Deeper than our limit (100), shallower than libyaml's own (1,000 since PyYAML 6.0.4's
    # libyaml, which stops the whole parse there): the rest of the file is still checked.
    row(
        "deeply-nested-flow-sequence",
        BASE + "x: " + "[" * 500 + "]" * 500 + "\n",
        "unknown-key",
        17,
        1,
    ),
]

DUPLICATE_KEY_ROWS = [
    row("duplicate-key-in-check", check_lines("claimant: Someone"), "duplicate-key", 17, 5,
        message="first at line 11"),
    row("duplicate-key-at-top-level", BASE + "sources: []\n", "duplicate-key", 17, 1,
        message="first at line 1"),
    row("duplicate-key-in-source", set_source("outlet", "A\n    outlet: B"), "duplicate-key", 6, 5),
]

UNKNOWN_KEY_ROWS = [
    row("unknown-key-in-check-qoute", edit("    quote:", "    qoute:"), "unknown-key", 10, 5,
        fix="did you mean `quote`?"),
    row("unknown-key-in-source-ulr", edit("    url:", "    ulr:"), "unknown-key", 6, 5,
        fix="did you mean `url`?"),
    row("unknown-key-in-cited-source", cited_source("publsher: City Hall"), "unknown-key", 19, 9,
        fix="did you mean `publisher`?"),
    row("unknown-key-in-correction", correction("previus_rating: false"), "unknown-key", 20, 9,
        fix="did you mean `previous_rating`?"),
    row("unknown-key-at-top-level", BASE + "check: []\n", "unknown-key", 17, 1,
        fix="did you mean `checks`?"),
    row("unknown-key-in-rating", edit("    label: Bad", "    labl: Bad", WITH_RATINGS), "unknown-key", 23, 5,
        fix="did you mean `label`?"),
]

WRONG_TYPE_ROWS = [
    row("wrong-type-list-for-text", set_check("claimant", "[The mayor, Jane]"), "wrong-type", 11, 15),
    row("wrong-type-block-list-for-text", set_check("claimant", "\n      - The mayor"), "wrong-type", 12, 7),
    row("wrong-type-text-for-list", check_lines("tags: Bridges"), "wrong-type", 17, 11,
        fix="one `- item` per line"),
    # A plain `42` or `yes` in a text field is the text written (tests/test_text_values.py); a number
    # asked for with a tag stays a number.
    row("wrong-type-tagged-number-for-text", set_check("claimant", "!!int 42"), "wrong-type", 11, 15,
        message="42"),
    row("boolean-spelling-is-a-rating-key", set_check("rating", "yes"), "unknown-rating", 14, 13,
        message="'yes'"),
    row("wrong-type-mapping-for-list", check_lines("context:", "  note: Public."), "wrong-type", 18, 7,
        message="not a mapping"),
    row("wrong-type-top-level-list", "- sources\n- checks\n", "wrong-type", 1, 1),
    row("wrong-type-top-level-text", "just some notes\n", "wrong-type", 1, 1),
    row("wrong-type-checks-is-a-mapping", edit("checks:\n", "checks:\n  first:\n"), "wrong-type", 8, 3),
    row("wrong-type-empty-value", edit("claimant: The mayor", "claimant:"), "wrong-type", 11, 14,
        fix="give it a value"),
    row("wrong-type-occurrence-text", check_lines("occurrence: first"), "wrong-type", 17, 17),
]

EMPTY_VALUE_ROWS = [
    row("empty-string", set_check("claimant", "''"), "empty-value", 11, 15),
    row("blank-string", set_check("claimant", "'   '"), "empty-value", 11, 15, message="blank"),
    row("empty-seed-name", set_source("seed", "''"), "empty-value", 3, 11),
    row("empty-context-list", check_lines("context: []"), "empty-value", 17, 14),
]

SAME_ID_CHECK = SECOND_CHECK.replace("bridge-in-may", "taxes-rose")
SECOND_SOURCE = "  - id: {id}\n    seed: {seed}\n    title: Other\n    outlet: Other\nchecks:\n"
OTHER_SEED = {**SEEDS, "other.txt": b"date 2025-02-01\nSomething else entirely.\n"}

ID_ROWS = [
    row("duplicate-check-id", BASE + SAME_ID_CHECK, "duplicate-id", 17, 9,
        message="first at line 8"),
    row(
        "duplicate-check-id-locates-the-first-checks-quote",
        with_quote("Taxes rose by 5% last year") + SAME_ID_CHECK,
        "quote-not-found",
        10,
        12,
    ),
    row("duplicate-source-id", edit("checks:\n", SECOND_SOURCE.format(id="city-news", seed="other.txt")),
        "duplicate-id", 7, 9, seeds=OTHER_SEED, message="first at line 2"),
    row("duplicate-seed", edit("checks:\n", SECOND_SOURCE.format(id="city-news-2", seed="city.txt")),
        "duplicate-seed", 8, 11),
    row("slug-with-space", set_check("id", "taxes rose"), "bad-slug", 8, 9, fix="'taxes-rose'"),
    row("slug-with-uppercase", set_check("id", "Taxes-Rose"), "bad-slug", 8, 9, fix="'taxes-rose'"),
    row("slug-with-underscore", set_check("id", "taxes_rose"), "bad-slug", 8, 9, fix="'taxes-rose'"),
    row("slug-with-trailing-hyphen", set_check("id", "taxes-rose-"), "bad-slug", 8, 9),
    row("slug-with-double-hyphen", set_check("id", "taxes--rose"), "bad-slug", 8, 9),
    row("source-id-not-a-slug", set_source("id", "City News"), "bad-slug", 2, 9, fix="'city-news'"),
    row("previous-rating-not-a-slug", correction("previous_rating: Was False"), "bad-slug", 20, 26),
]

REFERENCE_ROWS = [
    row("unknown-rating", set_check("rating", "acurate"), "unknown-rating", 14, 13,
        fix="did you mean 'accurate'?"),
    row("unknown-previous-rating", correction("previous_rating: flase"), "unknown-rating", 20, 26,
        fix="did you mean 'false'?"),
    row("default-rating-with-custom-scale", edit("rating: good", "rating: accurate", WITH_RATINGS),
        "unknown-rating", 14, 13),
    row("unknown-source", set_check("source", "city-newz"), "unknown-source", 9, 13,
        fix="did you mean 'city-news'?"),
    row("custom-ratings-duplicate-key", edit("key: bad", "key: good", WITH_RATINGS), "duplicate-id", 22, 10,
        message="first at line 18"),
    row("custom-rating-bad-kind", edit("kind: verdict", "kind: verdit", WITH_RATINGS), "bad-value", 25, 11,
        fix="verdict, note"),
    row("custom-rating-value-zero", edit("value: 2", "value: 0", WITH_RATINGS), "bad-value", 21, 12),
    row("custom-rating-label-too-long", edit("label: Bad", "label: " + "B" * 41, WITH_RATINGS), "too-long",
        23, 12),
]

SEED_PATH_ROWS = [
    row("missing-seed", set_source("seed", "cty.txt"), "missing-seed", 3, 11, fix="did you mean 'city.txt'?"),
    row("missing-seed-in-subfolder", set_source("seed", "2025/city.txt"), "missing-seed", 3, 11),
    row("seed-escapes-dotdot", set_source("seed", "../x.txt"), "seed-escapes", 3, 11),
    row("seed-escapes-absolute", set_source("seed", "/etc/passwd"), "seed-escapes", 3, 11),
    row("seed-escapes-backslash", set_source("seed", "'sub\\city.txt'"), "seed-escapes", 3, 11,
        fix="forward slashes"),
    row("seed-escapes-inner-dotdot", set_source("seed", "a/../../city.txt"), "seed-escapes", 3, 11),
    row(
        "seed-name-with-nul",
        set_source("seed", '"city\\0.txt"'),
        "invisible-character",  # at the \0 itself, before any file is looked for
        3,
        16,
    ),
    row(
        "seed-name-too-long",
        set_source("seed", "a" * 300 + ".txt"),
        "missing-seed",
        3,
        11,
    ),
]

URL_ROWS = [
    row("url-javascript", set_source("url", "javascript:alert(1)"), "bad-url", 6, 10,
        message="'javascript:' scheme"),
    row("url-ftp", set_source("url", "ftp://example.com/bridge"), "bad-url", 6, 10, message="'ftp:' scheme"),
    row("url-schemeless", set_source("url", "www.example.com/bridge"), "bad-url", 6, 10,
        message="is not a full address"),
    row("url-with-space", set_source("url", "https://example.com/a b"), "bad-url", 6, 10),
    row("archive-url-data", set_source("url", "https://example.com/\n    archive_url: data:text/html,hi"),
        "bad-url", 7, 18, message="'data:' scheme"),
    row("archive-url-javascript", set_source("url", "https://example.com/\n    archive_url: javascript:x()"),
        "bad-url", 7, 18),
    row("cited-source-url-javascript", cited_source("url: javascript:void(0)"), "bad-url", 19, 14),
    row("cited-source-url-ftp", cited_source("url: ftp://city.example/budget.pdf"), "bad-url", 19, 14),
    row("cited-source-url-data", cited_source("url: data:text/plain,hi"), "bad-url", 19, 14),
    row("cited-source-url-schemeless", cited_source("url: city.example/budget"), "bad-url", 19, 14),
]

DATE_ROWS = [
    row("date-not-in-calendar", set_check("claim_date", "2025-02-30"), "bad-date", 12, 17,
        message="not a real calendar date"),
    row("date-without-zero-padding", set_check("claim_date", "2025-2-4"), "bad-date", 12, 17,
        fix="YYYY-MM-DD"),
    row("date-as-a-word", set_check("claim_date", "yesterday"), "bad-date", 12, 17),
    row("date-with-time", set_check("claim_date", "2025-02-04T10:00:00"), "bad-date", 12, 17),
    row("updated-before-published", check_lines("updated: 2025-02-05"), "bad-date", 17, 14, message="before"),
    row("source-published-not-in-calendar", set_source("url", "https://x.example\n    published: 2025-13-01"),
        "bad-date", 7, 16),
    row("correction-date-not-in-calendar", edit("date: 2025-02-07", "date: 2025-02-29", correction()),
        "bad-date", 18, 15),
    row("cited-source-date-not-in-calendar", cited_source("date: 2024-04-31"), "bad-date", 19, 15),
    row("seed-date-marker-not-in-calendar", BASE, "bad-date", 1, 6,
        seeds={"city.txt": CITY_SEED.replace(b"2025-02-04", b"2025-02-30")}, file="city.txt"),
]

LENGTH_ROWS = [
    row("claim-76-characters", set_check("claim", "x" * 76), "claim-too-long", 13, 12,
        message="76 characters"),
    row("claim-76-accented-characters", set_check("claim", "é" * 76), "claim-too-long", 13, 12),
    row("summary-too-long", set_check("summary", "s" * 401), "too-long", 15, 14),
]

SEED_ENCODING_ROWS = [
    row(
        "seed-latin1-byte",
        BASE,
        "seed-encoding",
        3,
        5,
        seeds={"city.txt": CITY_SEED.replace(b"Critics", b"Crit\xe9cs")},
        file="city.txt",
        message="byte offset 78",
    ),
    row(
        "seed-invalid-byte-after-multibyte-character",
        BASE,
        "seed-encoding",
        2,
        2,  # columns count characters, not bytes: "é" (2 bytes) is one column
        seeds={"city.txt": b"date 2025-02-04\n\xc3\xa9\xff and more\n"},
        file="city.txt",
        message="byte offset 18",
    ),
    row(
        "seed-truncated-utf8-at-end",
        BASE,
        "seed-encoding",
        5,
        1,
        seeds={"city.txt": CITY_SEED + b"\xe2\x80"},
        file="city.txt",
        message=f"byte offset {len(CITY_SEED)}",
    ),
    row("seed-with-bom", BASE, "seed-encoding", 1, 1, seeds={"city.txt": b"\xef\xbb\xbf" + CITY_SEED},
        file="city.txt", fix="without BOM", message="byte offset 0"),
    row("seed-with-nul", BASE, "seed-encoding", 4, 8, file="city.txt",
        seeds={"city.txt": CITY_SEED.replace(b"rose", b"r\x00se")}),
    row("seed-without-text", BASE, "empty-seed", 1, 1, seeds={"city.txt": b"date 2025-02-04\n  \n"},
        file="city.txt"),
]


def _has_closest_passage(details: tuple[str, ...]) -> bool:
    return any("closest passage" in d and "% similar" in d for d in details)


def _names_nothing_similar(details: tuple[str, ...]) -> bool:
    return any("resembles" in d for d in details)


def _has_prefix_or_suffix_hint(details: tuple[str, ...]) -> bool:
    return any("prefix:" in d or "suffix:" in d for d in details)


QUOTE_ROWS = [
    row("quote-not-found-close-passage", with_quote("Taxes rose by 5% last year"), "quote-not-found", 10, 12,
        details=_has_closest_passage),
    row("quote-not-found-nothing-similar", with_quote("Zebras xylophone quietly"), "quote-not-found", 10, 12,
        details=_names_nothing_similar),
    row("quote-only-in-the-date-marker", with_quote("date 2025-02-04"), "quote-not-found", 10, 12),
    row("quote-ambiguous", with_quote(TWICE), "quote-ambiguous", 10, 12, message="2 times",
        details=_has_prefix_or_suffix_hint),
    row("prefix-excludes-every-match", with_quote(TWICE, "prefix: Nobody said"), "prefix-mismatch", 10, 12),
    row("suffix-excludes-every-match", with_quote(TWICE, "suffix: Nobody"), "suffix-mismatch", 10, 12),
    row("occurrence-out-of-range", with_quote(TWICE, "occurrence: 3"), "occurrence-out-of-range", 10, 12,
        fix="from 1 to 2"),
    row("occurrence-out-of-range-after-prefix", with_quote(TWICE, "prefix: doubt it.", "occurrence: 2"),
        "occurrence-out-of-range", 10, 12, fix="from 1 to 1"),
    row("occurrence-zero", with_quote(TWICE, "occurrence: 0"), "bad-value", 11, 17),
]

TABLE = [
    *YAML_SYNTAX_ROWS,
    *DUPLICATE_KEY_ROWS,
    *UNKNOWN_KEY_ROWS,
    *MISSING_FIELD_ROWS,
    *WRONG_TYPE_ROWS,
    *EMPTY_VALUE_ROWS,
    *ID_ROWS,
    *REFERENCE_ROWS,
    *SEED_PATH_ROWS,
    *URL_ROWS,
    *DATE_ROWS,
    *LENGTH_ROWS,
    *SEED_ENCODING_ROWS,
    *QUOTE_ROWS,
]


def _assert_well_formed(problem: Problem) -> None:
    assert problem.kind and problem.file
    assert problem.line >= 1 and problem.column >= 1, problem
    assert problem.message.strip(), problem
    assert problem.fix.strip(), problem
    assert all(isinstance(d, str) for d in problem.details), problem


@pytest.mark.parametrize("case", TABLE)
def test_malformed_input_is_reported_at_its_place(tmp_path: Path, case: Case) -> None:
    report = check_project(tmp_path, case.yaml, case.seeds)

    assert report.ok is False
    assert report.project is None
    for problem in report.problems:
        _assert_well_formed(problem)
    matching = [
        p for p in report.problems if p.kind == case.kind and Path(p.file).name == Path(case.file).name
    ]
    assert matching, f"no {case.kind} problem in {case.file}; got {located(report)}"
    at = [p for p in matching if (p.line, p.column) == (case.line, case.column)]
    assert at, f"{case.kind} expected at {case.line}:{case.column}; got {located(report)}"
    problem = at[0]
    assert problem.file.endswith(case.file)
    if case.fix is not None:
        assert case.fix in problem.fix, problem
    if case.message is not None:
        assert case.message in problem.message, problem
    if case.details is not None:
        assert case.details(problem.details), problem.details


def test_the_table_is_big_enough() -> None:
    assert len(TABLE) >= 35


# ------------------------------------------------------------------------------------------------
# Boundaries that are fine, and messages that should say exactly one thing
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(set_check("claim", "x" * 75), id="claim-75"),
        pytest.param(set_check("claim", "é" * 75), id="claim-75-accents"),
        pytest.param(with_quote(TWICE, "occurrence: 2"), id="occurrence-2-of-2"),
        pytest.param(with_quote(TWICE, "prefix: doubt it."), id="prefix-picks-one"),
        pytest.param(with_quote(TWICE, "suffix: The mayor"), id="suffix-picks-one"),
        pytest.param(with_quote("Taxes rose by 4%\n      last year"), id="quote-over-two-lines"),
        pytest.param(check_lines("updated: 2025-02-06"), id="updated-on-publication-day"),
        pytest.param(set_source("seed", "./city.txt"), id="seed-with-dot-slash"),
        pytest.param(check_lines("tags: []"), id="empty-tags-list"),
        pytest.param(
            check_lines(
                "sources:", "  - &city {title: Budget, publisher: City}", "  - <<: [{title: Minutes}, *city]"
            ),
            id="merge-of-mappings-sharing-a-key",  # the first mapping's title wins, as YAML specifies
        ),
    ],
)
def test_boundary_inputs_are_valid(tmp_path: Path, text: str) -> None:
    report = check_project(tmp_path, text)
    assert report.ok, located(report)


@pytest.mark.parametrize(
    "text, kind",
    [
        pytest.param(set_check("id", "taxes_rose"), "bad-slug", id="bad-slug"),
        pytest.param(set_check("rating", "acurate"), "unknown-rating", id="unknown-rating"),
        pytest.param(set_check("claim_date", "2025-2-4"), "bad-date", id="bad-date"),
        pytest.param(set_source("url", "ftp://example.com"), "bad-url", id="bad-url"),
        pytest.param(
            set_check("claimant", "''"),
            "empty-value",
            id="empty-string",
        ),
        pytest.param(
            set_check("claimant", "!person The mayor"),
            "yaml-syntax",
            id="unknown-tag",
        ),
        pytest.param(set_check("claimant", "!!int abc"), "yaml-syntax", id="int-tag-on-text"),
        pytest.param(set_check("claimant", "!!bool maybe"), "yaml-syntax", id="bool-tag-on-text"),
        pytest.param(
            check_lines("sources:", "  - &me {title: A, <<: *me}"), "yaml-syntax", id="merge-of-itself"
        ),
        pytest.param(
            check_lines("sources:", "  - &odd {[x]: 1, title: A}", "  - <<: *odd"),
            "wrong-type",
            id="merged-list-key",
        ),
    ],
)
def test_one_mistake_one_message(tmp_path: Path, text: str, kind: str) -> None:
    report = check_project(tmp_path, text)
    assert [p.kind for p in report.problems] == [kind], located(report)


def test_tab_error_fix_mentions_tabs(tmp_path: Path) -> None:
    report = check_project(tmp_path, edit("    claimant:", "\tclaimant:"))
    assert "tab" in report.problems[0].fix


def test_binary_value_is_not_called_text(tmp_path: Path) -> None:
    report = check_project(tmp_path, set_check("claimant", "!!binary aGVsbG8="))
    (problem,) = report.problems
    assert problem.kind == "wrong-type"
    assert "not text" not in problem.message


# ------------------------------------------------------------------------------------------------
# Input built to exhaust the checker: bounded work, a problem, no crash
# ------------------------------------------------------------------------------------------------


def _laughs(first: str, level: Callable[[int], str]) -> str:
    """Ten levels of anchors, each holding ten aliases of the one before: 10**9 values if expanded."""
    return f"l0: &l0 {first}\n" + "".join(f"l{i}: &l{i} {level(i)}\n" for i in range(1, 10))


def _tens(i: int) -> str:
    return ", ".join([f"*l{i - 1}"] * 10)


@pytest.mark.parametrize(
    "text, message",
    [
        pytest.param(
            BASE + _laughs("[lol, lol]", lambda i: f"[{_tens(i)}]"), "aliases expand", id="billion-laughs"
        ),
        pytest.param(
            BASE + _laughs("{a: 1}", lambda i: f"{{<<: [{_tens(i)}]}}"), "aliases expand", id="billion-merges"
        ),
        # Each anchor nests the one before 90 levels deeper: 810 levels once expanded.
        pytest.param(
            BASE + _laughs("[1]", lambda i: "[" * 90 + f"*l{i - 1}" + "]" * 90),
            "nested more than",
            id="aliases-nesting-deeper",
        ),
    ],
)
def test_alias_expansion_is_bounded(tmp_path: Path, text: str, message: str) -> None:
    report = check_project(tmp_path, text)
    assert any(p.kind == "yaml-syntax" and message in p.message for p in report.problems), located(report)


def test_deep_nesting_cannot_crash_the_interpreter() -> None:
    """libyaml's composer recurses in C: deep nesting overflowed the stack, a segfault with no message.

    Run in a child process, in a thread with a small stack (as on macOS) where the crash came soonest.
    """
    code = textwrap.dedent(
        """\
        import threading
        from factsite.input.yaml_reader import read_yaml
        text = "x: " + "[" * 5000 + "]" * 5000 + "\\n"
        threading.stack_size(512 * 1024)
        worker = threading.Thread(target=read_yaml, args=(text, "factchecks.yaml"))
        worker.start()
        worker.join()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_seed_that_is_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "loop.txt").symlink_to("loop.txt")
    report = check_project(tmp_path, set_source("seed", "loop.txt"))
    assert [(p.kind, p.line, p.column) for p in report.problems] == [("missing-seed", 3, 11)]


def test_checks_sharing_an_id_are_each_anchored_and_counted(tmp_path: Path) -> None:
    report = check_project(tmp_path, BASE + SAME_ID_CHECK)
    assert [p.kind for p in report.problems] == ["duplicate-id"]
    assert (report.summary.quotes, report.summary.anchored) == (2, 2)


# ------------------------------------------------------------------------------------------------
# Several mistakes at once
# ------------------------------------------------------------------------------------------------

MANY_MISTAKES = textwrap.dedent(
    """\
    sources:
      - id: city-news
        seed: city.txt
        title: Bridge opening delayed
        outlet: City News
    checks:
      - id: one
        source: city-news
        quote: Taxes rose by 4% last year
        claimant: The mayor
        claim_date: 2025-02-04
        claim: Taxes rose.
        rating: acurate
        summary: Yes.
        published: 2025-02-06
      - id: two
        source: city-news
        quote: Critics doubt it.
        claimant: The mayor
        claim_date: 2025-02-31
        claim: Critics doubt it.
        rating: context
        summary: Yes.
        published: 2025-02-06
      - id: three
        source: city-news
        quote: Critics do not doubt it.
        claimant: The mayor
        claim_date: 2025-02-04
        claim: Critics do not doubt it.
        rating: misleading
        summary: They do.
        published: 2025-02-06
      - id: Four_th
        source: city-news
        quote: Officials repeated the promise.
        claimant: The mayor
        claim_date: 2025-02-04
        claim: Officials repeated the promise.
        rating: accurate
        summary: They did.
        published: 2025-02-06
      - id: five
        source: city-news
        quote: The mayor said so on Monday.
        claimant: The mayor
        claim_date: 2025-02-04
        claim: The mayor said so.
        rating: accurate
        summary: He did.
        published: 2025-02-06
    """
)


def test_every_independent_mistake_is_reported_in_one_run(tmp_path: Path) -> None:
    report = check_project(tmp_path, MANY_MISTAKES)

    assert [(p.kind, p.line, p.column) for p in report.problems] == [
        ("unknown-rating", 13, 13),
        ("bad-date", 20, 17),
        ("quote-not-found", 27, 12),
        ("bad-slug", 34, 9),
    ]
    # Only check 'five' is anchored; check 'three', whose only mistake is its quote, was searched.
    assert report.summary.quotes == 5
    assert report.summary.anchored == 1
    assert report.summary.not_found == 1


def test_mistakes_in_yaml_and_seed_are_reported_together(tmp_path: Path) -> None:
    text = set_source("seed", "bad.txt") + SECOND_CHECK.replace("rating: context", "rating: nope")
    report = check_project(tmp_path, text, {"bad.txt": b"caf\xe9\n"})
    assert sorted((p.kind, Path(p.file).name, p.line, p.column) for p in report.problems) == [
        ("seed-encoding", "bad.txt", 1, 4),
        ("unknown-rating", "factchecks.yaml", 23, 13),
    ]


# ------------------------------------------------------------------------------------------------
# The shipped sample
# ------------------------------------------------------------------------------------------------


def test_the_sample_project_is_valid_and_fully_anchored() -> None:
    report = read_project(SAMPLE_DESK / "factchecks.yaml", SAMPLE_DESK / "seeds")
    assert report.ok, located(report)
    assert report.problems == ()
    assert report.summary.quotes == 8
    assert report.summary.anchored == 8
    assert report.project is not None


# ------------------------------------------------------------------------------------------------
# The schema and the loader agree about structure
# ------------------------------------------------------------------------------------------------


def _schema() -> dict[str, Any]:
    text = resources.files("factsite.input").joinpath("factchecks.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _dates_as_text(value: Any) -> Any:
    """What the loader sees: YAML dates and timestamps as the ISO text they were written as."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    return value


FULL = textwrap.dedent(
    """\
    sources:
      - id: city-news
        seed: city.txt
        title: Bridge opening delayed
        outlet: City News
        published: 2025-02-04
        url: https://example.com/bridge
        archive_url: http://archive.example.org/bridge
    checks:
      - id: bridge-in-may
        source: city-news
        quote: The bridge will open in May.
        prefix: doubt it.
        suffix: Officials
        occurrence: 1
        claimant: The mayor
        claim_date: 2025-02-03
        claim: The bridge will open in May.
        rating: misleading
        summary: The opening date has moved twice.
        analysis: |-
          The council minutes show two earlier dates.

          Both passed.
        context:
          - The council set the date.
        sources:
          - title: Council minutes
            publisher: City Council
            url: https://city.example/minutes
            date: 2025-01-15
          - title: Bare title only
        tags: [Bridges, Infrastructure]
        published: 2025-02-06
        updated: 2025-03-01
        corrections:
          - date: 2025-03-01
            text: We first gave the wrong month.
            previous_rating: mixed
    """
)

VALID_DOCUMENTS = [
    pytest.param(BASE, id="minimal"),
    pytest.param(drop("    url: https://example.com/bridge"), id="minimal-without-optional-url"),
    pytest.param(FULL, id="all-optional-fields"),
    pytest.param(WITH_RATINGS, id="custom-ratings"),
    pytest.param(
        drop("    value: 2", edit("kind: verdict", "kind: note", WITH_RATINGS)), id="custom-ratings-note-kind"
    ),
    pytest.param(BASE[: BASE.index("checks:")] + "checks: []\n", id="no-checks-yet"),
    # A new desk (`factsite init`) starts with no sources and no checks.
    pytest.param("sources: []\nchecks: []\n", id="nothing-yet"),
    pytest.param(set_check("claim", "x" * 75), id="claim-exactly-75"),
    pytest.param(set_check("claim_date", "'2025-02-04'"), id="quoted-date"),
    pytest.param(
        with_quote(TWICE, "occurrence: 2.0"),
        id="occurrence-written-as-float",
    ),
]

INVALID_DOCUMENTS = [
    pytest.param(edit("    quote:", "    qoute:"), id="unknown-key-in-check"),
    pytest.param(BASE + "check: []\n", id="unknown-top-level-key"),
    pytest.param(cited_source("publsher: City"), id="unknown-key-in-cited-source"),
    pytest.param(drop("    claimant: The mayor"), id="missing-claimant"),
    pytest.param(drop("    outlet: City News"), id="missing-source-outlet"),
    pytest.param(set_check("claimant", "!!int 42"), id="tagged-number-for-text"),
    pytest.param(set_check("claimant", "[The mayor]"), id="list-for-text"),
    pytest.param(check_lines("tags: Bridges"), id="text-for-list"),
    pytest.param("- sources\n- checks\n", id="top-level-list"),
    pytest.param(edit("claimant: The mayor", "claimant:"), id="null-value"),
    pytest.param(set_check("id", "Taxes_Rose"), id="bad-slug"),
    pytest.param(set_source("id", "city news"), id="bad-source-slug"),
    pytest.param(set_source("url", "javascript:alert(1)"), id="javascript-url"),
    pytest.param(set_source("url", "www.example.com"), id="schemeless-url"),
    pytest.param(cited_source("url: data:text/plain,hi"), id="data-url-in-cited-source"),
    pytest.param(set_check("claim", "x" * 76), id="claim-too-long"),
    pytest.param(set_check("claim_date", "2025-2-4"), id="bad-date-format"),
    pytest.param(set_check("claim_date", "yesterday"), id="date-as-a-word"),
    pytest.param(set_check("claim_date", "2025-02-04T10:00:00"), id="date-with-time"),
    pytest.param(set_check("claimant", "''"), id="empty-string"),
    pytest.param(set_check("claimant", "'   '"), id="blank-string"),
    pytest.param(check_lines("occurrence: 0"), id="occurrence-zero"),
    pytest.param(check_lines("occurrence: true"), id="occurrence-boolean"),
    pytest.param(edit("kind: verdict", "kind: verdit", WITH_RATINGS), id="bad-rating-kind"),
    pytest.param(edit("label: Bad", "label: " + "B" * 41, WITH_RATINGS), id="rating-label-too-long"),
    pytest.param("ratings: []\n" + BASE, id="empty-ratings-list"),
    pytest.param(check_lines("context: []"), id="empty-context-list"),
    pytest.param(correction("previous_rating: Was False"), id="previous-rating-not-a-slug"),
]


def _agreement(tmp_path: Path, text: str) -> tuple[bool, bool, Report]:
    data = _dates_as_text(yaml.safe_load(text))
    schema_says = jsonschema.Draft7Validator(_schema()).is_valid(data)
    report = check_project(tmp_path, text)
    return schema_says, report.ok, report


@pytest.mark.parametrize("text", VALID_DOCUMENTS)
def test_schema_and_loader_accept_the_same_valid_documents(tmp_path: Path, text: str) -> None:
    schema_says, loader_says, report = _agreement(tmp_path, text)
    assert schema_says is True
    assert loader_says == schema_says, located(report)


@pytest.mark.parametrize("text", INVALID_DOCUMENTS)
def test_schema_and_loader_reject_the_same_structural_mistakes(tmp_path: Path, text: str) -> None:
    schema_says, loader_says, report = _agreement(tmp_path, text)
    assert schema_says is False
    assert loader_says == schema_says
    assert report.problems


def test_the_agreement_lists_are_big_enough() -> None:
    assert len(VALID_DOCUMENTS) >= 3
    assert len(INVALID_DOCUMENTS) >= 12


@pytest.mark.parametrize("section", ["checks", "sources"])
def test_an_id_that_names_a_listing_page_is_reserved(tmp_path: Path, section: str) -> None:
    sample = (SAMPLE_DESK / "factchecks.yaml").read_text(encoding="utf-8")
    old = "id: us-cannot-deport-citizens" if section == "checks" else "id: ap-el-salvador-prison-offer"
    text = sample.replace(old, "id: index", 1)
    if section == "sources":
        text = text.replace("source: ap-el-salvador-prison-offer", "source: index")
    (tmp_path / "factchecks.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(SAMPLE_DESK / "seeds", tmp_path / "seeds")
    report = read_project(tmp_path / "factchecks.yaml")
    [problem] = report.problems
    assert problem.kind == "reserved-id" and "is reserved" in problem.message
