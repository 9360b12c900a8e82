"""Pull requests that cannot harm: invisible characters, forged log lines, addresses without a
host, verdicts hidden in claims, topics spelt two ways, seeds that are not files.

Every row builds a small project of its own (no sample content), changes one thing and asserts
what ``factsite check`` reports: kind, file, line, column and severity, never a traceback. A
project that ``check`` passes builds (the build finds nothing ``check`` missed).
"""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitebuild import copy_project, mkdocs_build, parse, run_cli

from factsite.input.claim_wording import claim_states_verdict
from factsite.input.invisible import BIDI_CONTROLS, CONTROLS, FIELD_CONTROLS_ALLOWED, escape_for_log
from factsite.input.problems import Problem, dumps_json, format_problem, github_annotation
from factsite.quotes.project import Report, read_project
from factsite.render.site import SiteInfo, build_site

SEED = "date 2025-02-04\nThe bridge will open in May, the mayor said.\n\nTaxes rose by 4% last year.\n"

# Line:column of each value, for reading the table:
#  1 sources:                  8 checks:
#  2   - id         2:9        9   - id          9:9      14     claim       14:12
#  3     seed       3:11      10     source     10:13     15     rating      15:13
#  4     title      4:12      11     quote      11:12     16     summary     16:14
#  5     outlet     5:13      12     claimant   12:15     17     published   17:16
#  6     url        6:10      13     claim_date 13:17     18     tags        18:11
#  7     archive_url 7:18
BASE = textwrap.dedent(
    """\
    sources:
      - id: city-news
        seed: city.txt
        title: Bridge opening delayed
        outlet: City News
        url: https://example.com/bridge
        archive_url: https://archive.example.org/bridge
    checks:
      - id: taxes-rose
        source: city-news
        quote: Taxes rose by 4% last year
        claimant: The mayor
        claim_date: 2025-02-04
        claim: Taxes rose by four percent last year
        rating: accurate
        summary: The city budget shows a 4% increase.
        published: 2025-02-06
        tags: [Budget]
    """
)


def project(tmp_path: Path, yaml_text: str, seed: str | bytes = SEED) -> Path:
    (tmp_path / "seeds").mkdir(exist_ok=True)
    data = seed if isinstance(seed, bytes) else seed.encode("utf-8")
    (tmp_path / "seeds" / "city.txt").write_bytes(data)
    path = tmp_path / "factchecks.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    return path


def set_value(line: int, value: str, text: str = BASE) -> str:
    """``text`` with the value on ``line`` (1-based) replaced: ``key: value``."""
    lines = text.splitlines(keepends=True)
    key = lines[line - 1].split(":", 1)[0]
    lines[line - 1] = f"{key}: {value}\n"
    return "".join(lines)


@dataclass(frozen=True)
class Row:
    name: str
    yaml: str
    kind: str | None  # None: no problem at all
    line: int = 0
    column: int = 0
    severity: str = "error"
    file: str = "factchecks.yaml"
    message: str = ""  # a part of the message that must be there
    seed: str | bytes = SEED


TABLE = [
    # Bidirectional controls, pasted or escaped, in plain and Markdown fields: at the character.
    Row("summary-rlo-escape", set_value(16, '"\\u202eetaruccani si sihT"'), "invisible-character", 16, 15,
        message="U+202E RIGHT-TO-LEFT OVERRIDE"),
    Row("claim-rlo-pasted", set_value(14, "Taxes rose \u202eeslaf"), "invisible-character", 14, 23,
        message="U+202E"),
    Row("claimant-unclosed-rlo", set_value(12, '"The \\u202Emayor"'), "invisible-character", 12, 20),
    Row("outlet-isolate", set_value(5, '"City \\u2066News"'), "invisible-character", 5, 19, message="U+2066"),
    Row("title-lrm", set_value(4, '"Bridge\\u200e opening"'), "invisible-character", 4, 19, message="U+200E"),
    Row("tag-rlm", set_value(18, '["Bud\\u200fget"]'), "invisible-character", 18, 16),
    Row("analysis-pasted-rlo-in-block",
        BASE + "    analysis: |\n      Fine text.\n      Then \u202ereversed.\n",
        "invisible-character", 21, 12),
    Row("context-arabic-letter-mark", BASE + '    context: ["A note \\u061c here"]\n',
        "invisible-character", 19, 23),
    # Control characters that YAML escapes write.
    Row("outlet-nul", set_value(5, '"Associated\\0Press"'), "invisible-character", 5, 24,
        message="U+0000 NULL"),
    Row("claimant-escape-sequence", set_value(12, '"\\x1b[31mred"'), "invisible-character", 12, 16,
        message="U+001B ESCAPE"),
    Row("summary-bell", set_value(16, '"Ring\\a"'), "invisible-character", 16, 19, message="U+0007 BELL"),
    Row("summary-control-after-escaped-backslash", set_value(16, '"a\\\\e\\x07c"'),
        "invisible-character", 16, 19),
    Row("summary-c1-next-line", set_value(16, '"a\\Nb"'), "invisible-character", 16, 16, message="U+0085"),
    Row("summary-escaped-backslash-is-text", set_value(16, '"C:\\\\x1b is a path"'), None),
    Row("summary-tab-and-newline-allowed", set_value(16, '"Tab\\there.\\nNext line."'), None),
    # Addresses.
    Row("source-url-no-host", set_value(6, "https:///no-host"), "bad-url", 6, 10, message="has no host name"),
    Row("cited-url-no-host", BASE + "    sources:\n      - {title: Budget, url: 'https:///x'}\n",
        "bad-url", 20, 30, message="has no host name"),
    Row("url-scheme-in-capitals", set_value(6, "HTTPS://Example.com/bridge"), None),
    Row("url-trailing-line-break", set_value(6, '"https://example.com/\\n"'), "bad-url", 6, 10,
        message="line break"),
    Row("url-user-before-host", set_value(7, "https://example.com@evil.example/"), "bad-url", 7, 18,
        message="user name"),
    Row("url-javascript", set_value(6, "javascript:alert(1)"), "bad-url", 6, 10,
        message="'javascript:' scheme"),
    # Verdicts in claims: only a claim that states one.
    Row("claim-false-positives",
        set_value(15, "'false'", set_value(14, "Rapid tests give false positives in most cases")), None),
    Row("claim-mixed-signals",
        set_value(15, "mixed", set_value(14, "Mixed signals from the central bank")), None),
    Row("claim-is-false", set_value(15, "'false'", set_value(14, "The claim about taxes is false")),
        "claim-states-verdict", 14, 12, message="'False'"),
    Row("claim-verdict-prefix", set_value(15, "misleading", set_value(14, "'False: taxes rose'")),
        "claim-states-verdict", 14, 12, message="'False'"),
    Row("claim-verdict-suffix", set_value(14, "Taxes rose — Accurate"), "claim-states-verdict", 14, 12),
    # Ids: suggestions that are valid ids.
    Row("id-accented", set_value(9, "café"), "bad-slug", 9, 9, message="'cafe'"),
    Row("id-reserved-suggestion", set_value(9, "Index"), "bad-slug", 9, 9, message="'index-1'"),
    # Topics: one per spelling, the first wins.
    Row("tag-twice-in-two-cases", set_value(18, "[Budget, budget]"), "tag-spelling", 18, 20, "warning",
        message="'Budget'"),
    # Sizes: every Markdown field and each check's Markdown in all are bounded.
    Row("analysis-over-the-limit", BASE + f"    analysis: {'word ' * 4000}x\n", "too-long", 19, 15,
        message="20,001 characters"),
    Row("context-note-over-the-limit", BASE + f"    context: [ok, {'word ' * 4000}x]\n", "too-long", 19, 19,
        message="(item 2)"),
    Row("many-large-notes", BASE + "    context:\n" + f"      - {'word ' * 3999}\n" * 3, "too-long", 9, 5,
        message="at most 40,000 in one check"),
    Row("too-many-notes", BASE + "    context: [" + ", ".join(["note"] * 21) + "]\n", "too-many", 19, 14),
    Row("list-nested-30-levels",
        BASE + "    analysis: |\n" + "".join(f"      {'  ' * i}- item {i}\n" for i in range(30)),
        "markdown-too-deep", 19, 15, message="30 levels"),
    # Seeds.
    Row("seed-with-rlo", BASE, "seed-invisible-character", 2, 12, "warning", "city.txt",
        message="U+202E",
        seed="date 2025-02-04\nThe bridge \u202ewill open in May.\n\nTaxes rose by 4% last year.\n"),
    Row("seed-with-control", BASE, "seed-invisible-character", 4, 6, "warning", "city.txt",
        message="U+0001", seed="date 2025-02-04\nThe bridge.\n\nTaxes\x01 rose by 4% last year.\n"),
    Row("seed-cr-only", BASE, None, seed=SEED.replace("\n", "\r")),
    Row("seed-crlf", BASE, None, seed=SEED.replace("\n", "\r\n")),
]


def run(tmp_path: Path, row: Row) -> Report:
    return read_project(project(tmp_path, row.yaml, row.seed))


@pytest.mark.parametrize("row", TABLE, ids=[r.name for r in TABLE])
def test_each_case_is_reported_at_its_place(tmp_path: Path, row: Row) -> None:
    report = run(tmp_path, row)
    found = [*report.problems, *report.warnings]
    if row.kind is None:
        assert not found, [format_problem(p) for p in found]
        assert report.project is not None
        return
    assert [
        (p.kind, Path(p.file).name, p.line, p.column, p.severity) for p in found
    ] == [(row.kind, row.file, row.line, row.column, row.severity)], [format_problem(p) for p in found]
    assert row.message in f"{found[0].message} {found[0].fix}"
    assert found[0].fix
    if row.severity == "warning":
        assert report.ok and report.project is not None


def test_a_cr_only_seed_has_its_date_lines_and_paragraphs(tmp_path: Path) -> None:
    report = read_project(project(tmp_path, BASE, SEED.replace("\n", "\r")))
    assert report.project is not None
    seed = report.project.seeds["city-news"]
    assert str(seed.date) == "2025-02-04"
    anchor = report.project.anchors["taxes-rose"]
    assert seed.line_col(anchor.span.start) == (4, 1)
    from factsite.render.passages import paragraphs

    assert len(paragraphs(seed)) == 2


def test_tags_spelt_two_ways_are_one_topic_spelt_the_first_way(tmp_path: Path) -> None:
    first_check = BASE.split("checks:\n", 1)[1]
    second = first_check.replace("taxes-rose", "taxes-again").replace("[Budget]", "[BUDGET, budget]")
    report = read_project(project(tmp_path, BASE + second))
    assert report.project is not None
    assert [c.tags for c in report.project.checks] == [("Budget",), ("Budget",)]
    assert [(w.kind, w.line, w.column) for w in report.warnings] == [
        ("tag-spelling", 28, 12),
        ("tag-spelling", 28, 20),
    ]
    assert "'Budget'" in report.warnings[0].fix


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_seed_that_is_not_a_file_says_so(tmp_path: Path, kind: str) -> None:
    path = project(tmp_path, set_value(3, "odd"))
    if kind == "folder":
        (tmp_path / "seeds" / "odd").mkdir()
    else:
        os.mkfifo(tmp_path / "seeds" / "odd")  # never opened: reading it would wait forever
    [problem] = read_project(path).problems
    assert (problem.kind, problem.line, problem.column) == ("seed-not-a-file", 3, 11)
    assert ("folder" if kind == "folder" else "FIFO") in problem.message


# ------------------------------------------------------------------------------------------------
# Logs that cannot be forged
# ------------------------------------------------------------------------------------------------

SPOOF = "::error file=README.md,line=1::forged"
HOSTILE_KEYS = BASE + f'    "x\\n{SPOOF}": 1\n' + '    "\\u202eyek": 2\n'



@pytest.mark.parametrize("output_format", ["text", "github", "json"])
def test_no_value_can_start_a_line_of_its_own(tmp_path: Path, output_format: str) -> None:
    project(tmp_path, HOSTILE_KEYS)
    result = run_cli("check", "--format", output_format, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "unknown key" in result.stdout
    for line in result.stdout.splitlines():
        assert not line.lstrip().startswith("::error file=README"), line
        assert "\u202e" not in line and "\x1b" not in line
    assert "\\n::error file=README.md" in result.stdout
    if output_format == "github":
        annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
        assert len(annotations) == 2  # one line per problem


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_escaped_values_hold_no_line_break_control_or_bidi_character(value: str) -> None:
    problem = Problem(
        "unknown-key", f"f{value}.yaml", 1, 1, f"unknown key `{value}`", f"fix {value}", (value,)
    )
    for text in (format_problem(problem), github_annotation(problem), dumps_json([value])):
        for line in text.split("\n"):
            assert not any(ch in CONTROLS or ch in BIDI_CONTROLS or ch in "\u2028\u2029" for ch in line)
    assert len(format_problem(problem).split("\n")) == 3  # message, the one detail, fix: nothing more
    assert "\n" not in github_annotation(problem)
    assert escape_for_log(value).count("\n") == 0


# ------------------------------------------------------------------------------------------------
# One truth: what check passes, the build builds
# ------------------------------------------------------------------------------------------------

LABELS = (
    "Accurate", "Mostly accurate", "Mixed", "Misleading", "False", "Needs context", "Unsupported", "Opinion"
)
words = st.sampled_from(["taxes", "rose", "false", "positives", "mixed", "signals", "is", "was", "the",
                         "claim", "accurate", "misleading", "—", ":", "-", "(", ")", "mostly", "not"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    claim=st.lists(words, min_size=1, max_size=8)
    .map(" ".join)
    .filter(lambda c: any(ch.isalpha() for ch in c)),
    rating=st.sampled_from(["accurate", "mostly-accurate", "mixed", "misleading", "false", "needs-context"]),
    url=st.sampled_from(["https://example.com/x", "HTTP://Example.com", "https:///x", "https://a@b.c/",
                         "https://[::1]/", "https://-x.com/", "https://bücher.de/", "https://x.com:70000/"]),
)
def test_what_check_passes_builds(tmp_path: Path, claim: str, rating: str, url: str) -> None:
    text = set_value(6, f"'{url}'", set_value(15, rating, set_value(14, repr(claim).replace('"', "'"))))
    report = read_project(project(tmp_path, text))
    if report.project is None:
        assert report.problems
        return
    site = build_site(report.project, SiteInfo("Desk", "https://desk.example/"))
    assert site.page("claims/taxes-rose.md") is not None


def test_the_verdict_rule_spares_ordinary_words() -> None:
    others = tuple(label for label in LABELS if label != "False")
    for honest in ("Rapid tests give false positives in most cases", "A false-flag operation was staged",
                   "Prices rose by a false margin", "The data is half-false"):
        assert claim_states_verdict(honest, "False", others) is None, honest
    for stating in ("False", "The claim is false.", "It's false", "False: taxes rose", "Taxes rose (false)",
                    "Taxes rose — False", "False claim that taxes rose", "This was completely false"):
        assert claim_states_verdict(stating, "False", others) == "False", stating


def test_field_rules_cover_every_control_but_tab_and_newline() -> None:
    from factsite.input.invisible import refused_in_field

    for char in CONTROLS | BIDI_CONTROLS:
        assert (refused_in_field(f"a{char}b") == []) == (char in FIELD_CONTROLS_ALLOWED), repr(char)


# ------------------------------------------------------------------------------------------------
# Real builds
# ------------------------------------------------------------------------------------------------


def test_a_forged_annotation_in_a_key_stays_escaped_in_the_build_log(tmp_path: Path) -> None:
    site = copy_project(tmp_path / "project")
    data = site / "factchecks.yaml"
    data.write_text(data.read_text(encoding="utf-8") + f'    "x\\n{SPOOF}": 1\n', encoding="utf-8")
    result = mkdocs_build(site, tmp_path / "public")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "unknown key `x\\n::error file=README.md" in result.stderr
    assert not any(line.startswith("::") for line in (result.stdout + result.stderr).splitlines())
    assert not (tmp_path / "public").exists()


def test_topics_spelt_in_other_cases_give_one_topic_with_one_id(tmp_path: Path) -> None:
    site = copy_project(tmp_path / "project")
    data = site / "factchecks.yaml"
    text = data.read_text(encoding="utf-8")
    # The last check's tags, spelt as two other checks would spell them.
    text = text[: text.rindex("      - Deportation")] + text[text.rindex("      - Deportation"):].replace(
        "      - Deportation", "      - deportation", 1
    ).replace("      - Immigration", "      - IMMIGRATION", 1)
    data.write_text(text, encoding="utf-8")
    warnings = read_project(data).warnings
    assert {w.kind for w in warnings} == {"tag-spelling"} and len(warnings) == 2
    result = mkdocs_build(site, tmp_path / "public")
    assert result.returncode == 0, result.stderr
    assert "tag-spelling" not in result.stderr and "deportation' is the topic 'Deportation'" in result.stderr
    topics = parse(tmp_path / "public" / "topics" / "index.html")
    names = [a.text for a in topics.find("a") if a.parents[-1].tag == "li" and a.get("dir") == "auto"]
    assert names.count("Deportation") == 1 and names.count("Immigration") == 1
    assert not {"deportation", "IMMIGRATION"} & set(names) and len(names) == len(set(names))
    folders = [p.name for p in (tmp_path / "public" / "topics").iterdir() if p.is_dir()]
    assert folders.count("deportation") == 1 and folders.count("immigration") == 1
