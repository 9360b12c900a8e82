"""Values that YAML would silently change: a field that is text keeps the characters written.

YAML 1.1 (PyYAML) reads `no`, `ON` and `false` as booleans, `2025`, `0x1F` and `1:30` as numbers
and `1.50` as 1.5. Where the schema types a field as text, factsite loads what the contributor
wrote; numbers stay numbers where the schema wants one, dates stay the dates written, and an
empty value (`~`, `null`, nothing) is still reported as empty.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitebuild import REPO

from factsite.input.loading import Loaded, load_text
from factsite.input.schema import schema
from factsite.input.text_values import keep_written_text, text_fields
from factsite.input.yaml_reader import read_yaml
from factsite.quotes.project import Report, read_project

# ------------------------------------------------------------------------------------------------
# Plain spellings that YAML 1.1 reads as booleans and numbers
# ------------------------------------------------------------------------------------------------


def _any_case(word: str) -> st.SearchStrategy[str]:
    return st.lists(st.booleans(), min_size=len(word), max_size=len(word)).map(
        lambda upper: "".join(c.upper() if u else c for c, u in zip(word, upper, strict=True))
    )


def _signed(body: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(operator.add, st.sampled_from(["", "-", "+"]), body)


def _regex(pattern: str) -> st.SearchStrategy[str]:
    return st.from_regex(pattern, fullmatch=True)


# `y` and `n` are booleans in the YAML 1.1 spec though not in PyYAML; odd cases (`yEs`) are text to
# both: they must come through unchanged all the same.
BOOLEANS = st.sampled_from(["yes", "no", "on", "off", "true", "false", "y", "n"]).flatmap(_any_case)
INTEGERS = _signed(
    st.one_of(
        _regex(r"(?:0|[1-9][0-9_]{0,6})"),  # decimal, with underscores
        _regex(r"0[0-7_]{1,6}"),  # octal
        _regex(r"0x[0-9a-fA-F_]{1,6}"),  # hexadecimal (`0x_` is no number: text to YAML too)
        _regex(r"0b[01_]{1,8}"),  # binary
        _regex(r"[1-9][0-9_]{0,3}(?::[0-5]?[0-9]){1,3}"),  # sexagesimal: 1:30 is 90
    )
)
FLOATS = st.one_of(
    _signed(_regex(r"[0-9][0-9_]{0,4}\.[0-9_]{0,4}(?:[eE][-+][0-9]{1,3})?")),
    _regex(r"\.[0-9][0-9_]{0,4}(?:[eE][-+][0-9]{1,3})?"),
    _signed(_regex(r"[0-9][0-9_]{0,3}(?::[0-5]?[0-9]){1,2}\.[0-9_]{0,3}")),
    _signed(st.sampled_from([".inf", ".Inf", ".INF"])),
    st.sampled_from([".nan", ".NaN", ".NAN"]),
    # 1e3 is text to PyYAML (its floats need a dot) and a number to YAML 1.2: text either way here.
    st.sampled_from(["1.50", "1e3", "1_000.5", "6.02e+23", "1.", "-0.0"]),
)
SPELLINGS = st.one_of(BOOLEANS, INTEGERS, FLOATS)

_RESOLVED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}


def _yaml_reads(text: str) -> Any:
    """What PyYAML makes of ``text`` written plain: a boolean, a number or text."""
    try:
        return yaml.safe_load(f"x: {text}\n")["x"]
    except (yaml.YAMLError, ValueError):  # `0x_`: claimed by the int pattern, yet no number
        return text


@settings(max_examples=300)
@given(st.one_of(INTEGERS, FLOATS))
def test_the_spellings_are_ones_yaml_changes(text: str) -> None:
    """The strategies produce what they promise: spellings PyYAML does not read as the text written."""
    tag = yaml.SafeLoader.resolve(yaml.SafeLoader, yaml.ScalarNode, text, (True, False))
    assert tag in _RESOLVED or text == "1e3"


def test_most_boolean_spellings_are_booleans_to_yaml() -> None:
    for word in ["yes", "No", "ON", "off", "True", "FALSE"]:
        assert isinstance(_yaml_reads(word), bool), word


# ------------------------------------------------------------------------------------------------
# A valid project with the spelling in every text field: the model holds it exactly
# ------------------------------------------------------------------------------------------------

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _project(spelling: str) -> tuple[str, str]:
    """A valid project's ``factchecks.yaml`` and seed with ``spelling`` written plain in each text
    field; in the id, source and rating fields too when it is a valid id."""
    s = spelling
    key = s if _SLUG.fullmatch(s) else "good"
    source_id = s if _SLUG.fullmatch(s) else "city-news"
    check_id = s if _SLUG.fullmatch(s) else "the-check"
    seed_text = f"date 2025-02-04\n{s} opens. Alpha {s} beta {s} gamma.\n"
    yaml_text = textwrap.dedent(
        f"""\
        ratings:
          - key: {key}
            label: {s}
            definition: {s}
            kind: note
        sources:
          - id: {source_id}
            seed: city.txt
            title: {s}
            outlet: {s}
        checks:
          - id: {check_id}
            source: {source_id}
            quote: beta
            prefix: {s}
            suffix: {s}
            claimant: {s}
            claim_date: 2025-02-04
            claim: {s}
            rating: {key}
            summary: {s}
            analysis: {s}
            context:
              - {s}
            sources:
              - title: {s}
                publisher: {s}
            tags:
              - {s}
            published: 2025-02-06
            corrections:
              - date: 2025-02-07
                text: {s}
                previous_rating: {key}
          - id: second
            source: {source_id}
            quote: {s}
            occurrence: 1
            claimant: second
            claim_date: 2025-02-04
            claim: second
            rating: {key}
            summary: second
            published: 2025-02-06
        """
    )
    return yaml_text, seed_text


def _read(yaml_text: str, seed_text: str = "date 2025-02-04\nText.\n") -> Report:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "seeds").mkdir()
        (root / "seeds" / "city.txt").write_text(seed_text, encoding="utf-8")
        (root / "factchecks.yaml").write_text(yaml_text, encoding="utf-8")
        return read_project(root / "factchecks.yaml")


def _located(report: Report) -> list[str]:
    return [f"{p.line}:{p.column} {p.kind}: {p.message}" for p in report.problems]


@settings(max_examples=150, deadline=None)
@given(SPELLINGS)
def test_every_text_field_of_a_valid_project_holds_the_text_written(spelling: str) -> None:
    report = _read(*_project(spelling))
    assert report.ok, _located(report)
    project = report.project
    assert project is not None
    [rating] = project.ratings
    [source] = project.sources
    check, second = project.checks
    s = spelling
    assert (rating.label, rating.definition) == (s, s)
    assert (source.title, source.outlet) == (s, s)
    assert (check.prefix, check.suffix, check.claimant, check.claim, check.summary) == (s, s, s, s, s)
    assert (check.analysis, check.context, check.tags) == (s, (s,), (s,))
    assert [(c.title, c.publisher) for c in check.sources] == [(s, s)]
    assert [c.text for c in check.corrections] == [s]
    assert (second.quote, second.occurrence) == (s, 1)
    # The first of its three places, as `occurrence: 1` says.
    assert project.anchors[second.id].span.start == len("date 2025-02-04\n")
    if _SLUG.fullmatch(s):
        assert (rating.key, source.id, check.id, check.source, check.rating) == (s, s, s, s, s)
        assert check.corrections[0].previous_rating == s
    assert check.claim_date == dt.date(2025, 2, 4)  # dates stay dates


# ------------------------------------------------------------------------------------------------
# Every field the schema types as text, one at a time: the data holds the text written
# ------------------------------------------------------------------------------------------------

# Every field of the format, with a valid value: a marker in each text field to write one into.
FULL = {
    "ratings": [{"key": "good", "label": "Good", "definition": "Right.", "value": 1, "kind": "verdict"}],
    "sources": [
        {
            "id": "city-news",
            "seed": "city.txt",
            "title": "Title",
            "outlet": "Outlet",
            "published": "2025-02-04",
            "url": "https://example.com/a",
            "archive_url": "https://example.org/a",
            "language": "fr",
        }
    ],
    "checks": [
        {
            "id": "the-check",
            "source": "city-news",
            "quote": "Text",
            "prefix": "Before",
            "suffix": "After",
            "occurrence": 1,
            "claimant": "Someone",
            "claim_date": "2025-02-04",
            "claim": "A claim",
            "rating": "good",
            "summary": "Summary.",
            "analysis": "Analysis.",
            "context": ["A note."],
            "sources": [
                {"title": "T", "publisher": "P", "url": "https://example.com/b", "date": "2025-02-01"}
            ],
            "tags": ["Tag"],
            "published": "2025-02-06",
            "updated": "2025-02-08",
            "corrections": [{"date": "2025-02-07", "text": "Fixed.", "previous_rating": "good"}],
            "retracted": {"date": "2025-02-09", "reason": "Withdrawn."},
        }
    ],
}
MARKER = "XX-MARKER-XX"


def _text_paths() -> list[tuple[Any, ...]]:
    """The path in ``FULL`` of each text field of the schema (of the first item, for a list)."""
    paths = []
    for where, names in text_fields().items():
        base: tuple[Any, ...] = ()
        for part in where:
            base += (part, 0) if isinstance(_at(FULL, (*base, part)), list) else (part,)
        for name in names:
            paths.append((*base, name))
    return paths


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _with_marker(path: tuple[Any, ...]) -> str:
    data = yaml.safe_load(yaml.safe_dump(FULL))  # a deep copy
    parent = _at(data, path[:-1])
    value = parent[path[-1]]
    parent[path[-1]] = [MARKER] if isinstance(value, list) else MARKER
    return yaml.safe_dump(data, sort_keys=False, default_flow_style=False)


def test_the_full_document_has_every_text_field_and_is_valid(tmp_path: Path) -> None:
    for path in _text_paths():
        _at(FULL, path)  # a text field the schema gained needs a value here
    loaded = _load(yaml.safe_dump(FULL), tmp_path)
    assert [p for p in loaded.problems if p.severity == "error"] == []


def _load(text: str, seeds: Path) -> Loaded:
    (seeds / "city.txt").write_text("date 2025-02-04\nText.\n", encoding="utf-8")
    return load_text(text, "factchecks.yaml", seeds)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spelling=SPELLINGS, path=st.sampled_from(_text_paths()))
def test_each_text_field_holds_the_characters_written(tmp_path: Path, spelling: str, path: Any) -> None:
    text = _with_marker(path).replace(MARKER, spelling)
    loaded = _load(text, tmp_path)
    value = _at(loaded.document.data, path)
    assert (value[0] if isinstance(value, list) else value) == spelling
    assert not [p for p in loaded.problems if p.kind == "wrong-type"], loaded.problems


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spelling=INTEGERS, field=st.sampled_from([("checks", 0, "occurrence"), ("ratings", 0, "value")]))
def test_number_fields_keep_the_number_yaml_reads(tmp_path: Path, spelling: str, field: Any) -> None:
    text = _with_marker(field[:-1] + ("label" if field[0] == "ratings" else "claimant",))
    assert text.count(f"{field[-1]}: 1\n") == 1
    text = text.replace(f"{field[-1]}: 1\n", f"{field[-1]}: {spelling}\n")
    loaded = _load(text.replace(MARKER, "x"), tmp_path)
    expected = _yaml_reads(spelling)
    assert _at(loaded.document.data, field) == expected
    assert type(_at(loaded.document.data, field)) is type(expected)


def test_a_boolean_in_a_number_field_stays_a_boolean(tmp_path: Path) -> None:
    text = _with_marker(("checks", 0, "claimant")).replace(MARKER, "x")
    text = text.replace("occurrence: 1", "occurrence: yes")
    loaded = _load(text, tmp_path)
    [problem] = [p for p in loaded.problems if p.kind == "wrong-type"]
    assert "the boolean true" in problem.message and "occurrence" in problem.message


# ------------------------------------------------------------------------------------------------
# The examples of the issue, and what stays as it was
# ------------------------------------------------------------------------------------------------

BASE = textwrap.dedent(
    """\
    sources:
      - id: city-news
        seed: city.txt
        title: Bridge opening delayed
        outlet: City News
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
SEED = "date 2025-02-04\nTaxes rose by 4% last year, the budget shows.\n"


def _set(field: str, value: str, section: str = "checks") -> str:
    """BASE with the value of ``field`` in its source or its check replaced by ``value``."""
    head, checks = BASE.split("checks:\n")
    part = head if section == "sources" else checks
    new, count = re.subn(rf"^([ -]+){field}: .*$", rf"\g<1>{field}: {value}", part, count=1, flags=re.M)
    assert count == 1, field
    return f"{new}checks:\n{checks}" if section == "sources" else f"{head}checks:\n{new}"


@pytest.mark.parametrize(
    "field, written, attribute",
    [
        ("rating", "false", "rating"),
        ("claimant", "2025", "claimant"),
        ("claimant", "NO", "claimant"),
        ("claim", "1:30", "claim"),  # 90 to YAML 1.1
        ("summary", "0x1F", "summary"),
        ("summary", "1.50", "summary"),
        ("summary", "1_000", "summary"),
        ("summary", ".NaN", "summary"),
        ("summary", "-.inf", "summary"),
        ("summary", "0x_", "summary"),  # claimed by YAML's int pattern, yet no number: read as text
        ("summary", "=", "summary"),  # YAML 1.1's "value" key: read as text too
        ("id", "2025", "id"),
        ("id", "0x1f", "id"),
        ("id", "017", "id"),
    ],
)
def test_the_issues_examples(field: str, written: str, attribute: str) -> None:
    report = _read(_set(field, written), SEED)
    assert report.ok, _located(report)
    assert report.project is not None
    [check] = report.project.checks
    assert getattr(check, attribute) == written


def test_tags_no_and_on_stay_as_written() -> None:
    report = _read(BASE + "    tags: [NO, ON, Off, yes]\n", SEED)
    assert report.project is not None, _located(report)
    assert report.project.checks[0].tags == ("NO", "ON", "Off", "yes")


def test_a_source_title_of_a_number_keeps_its_zeros() -> None:
    report = _read(_set("title", "1.50", "sources"), SEED)
    assert report.project is not None, _located(report)
    assert report.project.sources[0].title == "1.50"


def test_an_id_that_is_not_a_slug_is_reported_as_written() -> None:
    report = _read(_set("id", "0x1F"), SEED)
    [problem] = report.problems
    assert (problem.kind, problem.line, problem.column) == ("bad-slug", 7, 9)
    assert "'0x1F'" in problem.message and "'0x1f'" in problem.fix


def test_a_date_written_as_a_number_is_a_bad_date_not_a_type_error() -> None:
    report = _read(_set("claim_date", "20250204"), SEED)
    [problem] = report.problems
    assert (problem.kind, problem.line, problem.column) == ("bad-date", 11, 17)
    assert "'20250204'" in problem.message


@pytest.mark.parametrize("empty", ["", " ~", " null", " Null", " NULL"])
@pytest.mark.parametrize("field, line", [("claimant", 10), ("outlet", 5)])
def test_an_empty_required_text_field_is_reported_empty(field: str, line: int, empty: str) -> None:
    """Null means no value, in YAML and in every editor: not the text "null" (nor a name)."""
    text = re.sub(rf"^(\s+){field}: .*$", rf"\g<1>{field}:{empty}", BASE, count=1, flags=re.M)
    report = _read(text, SEED)
    [problem] = report.problems
    column = len(f"    {field}:") + (2 if empty else 1)  # at the value, or right after the key
    assert (problem.kind, problem.line, problem.column) == ("wrong-type", line, column)
    assert "must be text, not empty" in problem.message
    assert "give it a value" in problem.fix


def test_an_empty_optional_text_field_is_reported_empty() -> None:
    report = _read(BASE + "    prefix: null\n", SEED)
    [problem] = report.problems
    assert (problem.kind, problem.line, problem.column) == ("wrong-type", 16, 13)
    assert "not empty" in problem.message


@pytest.mark.parametrize(
    "value, kind",
    [
        ("'2025'", None),  # quoted: text already
        ("!!str 2025", None),  # asked for as text
        ("! 2025", None),  # YAML's non-specific tag: resolved as if plain, so the text written
        ("!!int 2025", "wrong-type"),  # asked for as a number: the contributor's explicit choice
        ("!!bool yes", "wrong-type"),
        ("!!float 1.5", "wrong-type"),
    ],
)
def test_quoted_and_tagged_values(value: str, kind: str | None) -> None:
    report = _read(_set("claimant", value), SEED)
    assert [p.kind for p in report.problems] == ([kind] if kind else []), _located(report)
    if kind is None:
        assert report.project is not None
        assert report.project.checks[0].claimant == "2025"
    else:
        assert (report.problems[0].line, report.problems[0].column) == (10, 15)


@pytest.mark.parametrize("key", ["on", "n", "yes", "No", "1", "0x1F", "~", "null"])
def test_a_key_is_the_text_written_and_an_unknown_one_says_so(key: str) -> None:
    report = _read(BASE + f"    {key}: 1\n", SEED)
    [problem] = report.problems
    assert (problem.kind, problem.line, problem.column) == ("unknown-key", 16, 5)
    assert f"unknown key `{key}`" in problem.message


def test_a_file_of_text_records_nothing() -> None:
    doc, _ = read_yaml(BASE, "f.yaml")
    assert doc.written == {} and doc.written_shared == set()


# ------------------------------------------------------------------------------------------------
# Aliases and merges: a value brought in behaves as if written there
# ------------------------------------------------------------------------------------------------

SECOND = textwrap.indent(
    textwrap.dedent(
        """\
        - id: second
          source: city-news
          quote: the budget shows
          claim_date: 2025-02-04
          claim: The budget shows it.
          rating: accurate
          summary: It does.
          published: 2025-02-06
        """
    ),
    "  ",
)


def test_an_alias_of_a_named_scalar_is_the_text_written() -> None:
    text = _set("claimant", "&who 2025") + SECOND + "    claimant: *who\n"
    report = _read(text, SEED)
    assert report.project is not None, _located(report)
    assert [c.claimant for c in report.project.checks] == ["2025", "2025"]


def test_an_alias_in_a_flow_list_is_the_text_written() -> None:
    report = _read(BASE + "    tags: [&t ON, Off]\n    context: [*t]\n", SEED)
    assert report.project is not None, _located(report)
    assert (report.project.checks[0].tags, report.project.checks[0].context) == (("ON", "Off"), ("ON",))


def test_an_alias_of_a_named_key_is_the_text_written() -> None:
    own = {"type": "object", "properties": {"b": {"type": "string"}, "c": {"type": "boolean"}}}
    doc, problems = read_yaml("a: {&k on: 1}\nb: *k\nc: *k\n", "f.yaml")
    assert problems == []
    keep_written_text(doc, own)
    assert doc.data == {"a": {"on": 1}, "b": "on", "c": True}


def test_a_merged_mapping_brings_its_text_and_its_numbers() -> None:
    text = textwrap.dedent(
        """\
        sources:
          - &src
            id: city-news
            seed: city.txt
            title: 1.50
            outlet: 2025
        checks:
          - &first
            id: taxes-rose
            source: city-news
            quote: Taxes rose by 4% last year
            claimant: 2025
            claim_date: 2025-02-04
            claim: NO
            rating: false
            summary: 0x1F
            published: 2025-02-06
            tags: [ON, 1.0]
            sources:
              - {title: 1.50, publisher: no}
          - <<: *first
            id: second
            quote: the budget shows
            occurrence: 0b1
            summary: off
        """
    )
    report = _read(text, SEED)
    assert report.project is not None, _located(report)
    first, second = report.project.checks
    for check in (first, second):
        assert (check.claimant, check.claim, check.rating) == ("2025", "NO", "false")
        assert check.tags == ("ON", "1.0")
        assert [(c.title, c.publisher) for c in check.sources] == [("1.50", "no")]
    assert (first.summary, second.summary, second.occurrence) == ("0x1F", "off", 1)
    assert (report.project.sources[0].title, report.project.sources[0].outlet) == ("1.50", "2025")


def test_a_merge_of_a_list_of_mappings_and_an_alias_of_a_whole_check() -> None:
    text = BASE.replace(
        "checks:\n  - id: taxes-rose\n",
        "checks:\n  - &c\n    <<: [{claimant: 2025}, {tags: [yes]}]\n    id: taxes-rose\n",
    ).replace("    claimant: The mayor\n", "")
    report = _read(text + "  - *c\n", SEED)
    # The alias repeats the check, id included: reported as a duplicate, and nothing else.
    assert [p.kind for p in report.problems] == ["duplicate-id"], _located(report)
    doc, _ = read_yaml(text + "  - *c\n", "f.yaml")
    keep_written_text(doc)
    assert [(c["claimant"], c["tags"]) for c in doc.data["checks"]] == [("2025", ["yes"])] * 2


def test_a_value_shared_by_an_alias_is_copied_where_it_changes() -> None:
    """One named list, text in one place and numbers in another: each place as if written there."""
    own = {
        "type": "object",
        "properties": {
            "words": {"type": "array", "items": {"type": "string"}},
            "numbers": {"type": "array", "items": {"type": "integer"}},
        },
    }
    doc, problems = read_yaml("words: &x [1, 0x1F, yes]\nnumbers: *x\n", "f.yaml")
    assert problems == []
    keep_written_text(doc, own)
    assert doc.data == {"words": ["1", "0x1F", "yes"], "numbers": [1, 31, True]}


@pytest.mark.parametrize(
    "field, expected",
    [
        ({"type": "string"}, "0x1F"),
        ({"enum": ["0x1F", "note"]}, "0x1F"),  # an enum of texts is text
        ({"const": "0x1F"}, "0x1F"),
        ({"$ref": "#/definitions/word"}, "0x1F"),
        ({"allOf": [{"type": "string"}, {"maxLength": 9}]}, "0x1F"),
        # Where a number is allowed too, the number YAML reads is a meaning the schema accepts.
        ({"type": ["string", "integer"]}, 31),
        ({"enum": ["a", 31]}, 31),
        ({"anyOf": [{"type": "string"}]}, 31),  # not understood: left as YAML reads it
        ({"type": "integer"}, 31),
        ({}, 31),
    ],
)
def test_what_counts_as_text_in_a_schema(field: dict[str, Any], expected: Any) -> None:
    own = {"type": "object", "properties": {"x": field}, "definitions": {"word": {"type": "string"}}}
    doc, _ = read_yaml("x: 0x1F\ny: 0x1F\n", "f.yaml")
    keep_written_text(doc, own)
    assert doc.data == {"x": expected, "y": 31}


def test_the_schema_uses_only_keywords_the_text_pass_understands() -> None:
    """anyOf, oneOf, not and if/then/else make a value's type depend on the value: the text pass
    leaves what is under them as YAML reads it. Adding one to the schema needs a decision."""
    conditional = {"anyOf", "oneOf", "not", "if", "then", "else", "dependencies", "contains"}
    found: set[str] = set()

    def visit(node: Any, names: bool = False) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if not names:
                    found.update({key} & conditional)
                visit(value, names=key in ("properties", "definitions", "patternProperties") and not names)
        elif isinstance(node, list):
            for item in node:
                visit(item)

    visit(schema())
    assert found == set()


# ------------------------------------------------------------------------------------------------
# The README names every text field, as the schema has them
# ------------------------------------------------------------------------------------------------


def _readme_text_fields() -> dict[tuple[str, ...], set[str]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Which fields are text\n", 1)[1].split("\n#", 1)[0]
    items = re.findall(r"^- \*\*(.+?)\*\*: (.*(?:\n  .*)*)", section, flags=re.M)
    return {tuple(label.split(" › ")): set(re.findall(r"`([^`]+)`", names)) for label, names in items}


def test_the_readme_names_every_text_field_of_the_schema() -> None:
    from_schema = {where: set(names) for where, names in text_fields().items()}
    assert _readme_text_fields() == from_schema
    assert ("checks",) in from_schema and "claimant" in from_schema[("checks",)]
    assert "occurrence" not in from_schema[("checks",)]
