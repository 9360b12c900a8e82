"""``factsite diff``: what changed against a base (a git revision or another file), and the editorial
rules of ``--check``, each broken and kept, on a temporary git repository.

The desk is written here (no file of the repository's sample is read): one speech and three checks.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from sitebuild import copy_project, run_cli

SEED = """date 2025-03-01
The mayor spoke on Monday. She said the city has 40 parks and 12 pools. Nobody disputed it.

Later, the mayor said crime fell by half since 2020. Police data show a smaller fall.
"""
SOURCE = {"id": "mayor-speech", "seed": "speech.txt", "title": "The mayor's speech", "outlet": "City Herald"}


def check(check_id: str, quote: str, claim: str, rating: str, **more: Any) -> dict[str, Any]:
    return {
        "id": check_id,
        "source": "mayor-speech",
        "quote": quote,
        "claimant": "The mayor",
        "claim_date": "2025-03-01",
        "claim": claim,
        "rating": rating,
        "summary": f"What we found about: {claim}.",
        "published": "2025-03-02",
        **more,
    }


BASE_CHECKS = [
    check("parks-count", "the city has 40 parks", "The city has 40 parks", "accurate"),
    check("crime-halved", "crime fell by half since 2020", "Crime fell by half since 2020", "misleading"),
    check("nobody-disputed", "Nobody disputed it", "Nobody disputed the figures", "needs-context"),
]


def yaml_text(checks: list[dict[str, Any]]) -> str:
    """factchecks.yaml in block style, one key per line (so problems have distinct lines); every
    value written as JSON, which YAML reads as it is."""
    lines = ["sources:"]
    for number, (key, value) in enumerate(SOURCE.items()):
        lines.append(f"  {'- ' if number == 0 else '  '}{key}: {json.dumps(value)}")
    lines.append("checks:")
    for item in checks:
        for number, (key, value) in enumerate(item.items()):
            lines.append(f"  {'- ' if number == 0 else '  '}{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=Desk", "-c", "user.email=desk@example.org", "-c", "commit.gpgsign=false",
         *args],
        cwd=repo, capture_output=True, text=True, check=True, timeout=60,
    )
    return result.stdout.strip()


def write(repo: Path, checks: list[dict[str, Any]]) -> None:
    (repo / "factchecks.yaml").write_text(yaml_text(checks), encoding="utf-8")


def commit(repo: Path, message: str = "change") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A desk repository whose first commit publishes BASE_CHECKS; origin/main points at it."""
    repo = tmp_path / "desk"
    (repo / "seeds").mkdir(parents=True)
    (repo / "seeds" / "speech.txt").write_text(SEED, encoding="utf-8")
    write(repo, BASE_CHECKS)
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "publish")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    return repo


def changed(**edits: Callable[[dict[str, Any]], dict[str, Any]]) -> list[dict[str, Any]]:
    """BASE_CHECKS with the check of each id replaced by what its function makes of a copy."""
    return [edits[c["id"].replace("-", "_")](dict(c)) if c["id"].replace("-", "_") in edits else dict(c)
            for c in BASE_CHECKS]


def diff(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("diff", *args, cwd=repo)


def rule_check(repo: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    """``factsite diff --check --format json``: the exit code and the problems."""
    result = diff(repo, "--check", "--format", "json", *args)
    assert result.returncode in (0, 1), result.stderr
    payload = json.loads(result.stdout)
    assert payload["ok"] == (result.returncode == 0)
    return result.returncode, payload["problems"]


def line_of(repo: Path, needle: str) -> int:
    lines = (repo / "factchecks.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


# -- the listing -------------------------------------------------------------------------------------


def test_an_unchanged_desk_has_nothing_to_list_and_passes(repo: Path) -> None:
    result = diff(repo, "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 added, 0 changed, 0 removed, 3 unchanged" in result.stdout
    assert "editorial rules: all pass" in result.stdout


def test_the_text_listing_names_each_change_with_its_quote_in_its_sentence(repo: Path) -> None:
    edit = {"claim": "The city has forty parks", "updated": "2025-03-05"}
    checks = changed(parks_count=lambda c: {**c, **edit})
    checks = [c for c in checks if c["id"] != "nobody-disputed"]
    checks.append(check("pools-count", "12 pools", "The city has 12 pools", "accurate"))
    write(repo, checks)  # left in the working tree: that is what is compared
    result = diff(repo, "HEAD")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "1 added, 1 changed, 1 removed, 1 unchanged" in out
    assert re.search(r"^added +pools-count$", out, re.M)
    assert re.search(r"^changed +parks-count$", out, re.M)
    assert re.search(r"^removed +nobody-disputed$", out, re.M)
    assert "fields:  claim, updated" in out
    assert "quote:   She said the city has 40 parks and «12 pools»." in out
    assert "quote:   The mayor spoke on Monday." not in out  # the sentence only
    assert "quote:   «Nobody disputed it»." in out


def test_the_markdown_for_a_verdict_change_names_both_verdicts(repo: Path) -> None:
    write(repo, changed(crime_halved=lambda c: {**c, "rating": "false"}))
    result = diff(repo, "--format", "markdown")
    assert result.returncode == 0, result.stderr
    [row] = [line for line in result.stdout.splitlines() if line.startswith("| crime")]
    assert "~~Misleading~~ → **False**" in row
    assert "rating" in row
    assert "crime fell by half since 2020" in row
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(result.stdout)
    assert "<s>Misleading</s> → <strong>False</strong>" in html


def test_the_json_shape(repo: Path) -> None:
    checks = changed(crime_halved=lambda c: {**c, "rating": "false"})
    checks.append(check("pools-count", "12 pools", "The city has 12 pools", "accurate"))
    write(repo, checks)
    result = diff(repo, "HEAD", "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert list(payload) == [
        "ok", "base", "data", "checked", "summary", "added", "changed", "removed", "problems"
    ]
    assert payload["ok"] is True and payload["checked"] is False and payload["problems"] == []
    assert payload["base"]["name"] == "HEAD" and payload["base"]["path"] == "factchecks.yaml"
    assert payload["base"]["commit"] == git(repo, "rev-parse", "HEAD")
    assert payload["summary"] == {"added": 1, "changed": 1, "removed": 0, "unchanged": 2}
    [change] = payload["changed"]
    assert change == {
        "id": "crime-halved",
        "status": "changed",
        "claim": "Crime fell by half since 2020",
        "verdict": {
            "before": {"rating": "misleading", "label": "Misleading", "retracted": False},
            "after": {"rating": "false", "label": "False", "retracted": False},
            "changed": True,
        },
        "fields": ["rating"],
        "quote": {
            "before": "Later, the mayor said ",
            "text": "crime fell by half since 2020",
            "after": ".",
            "sentence": "Later, the mayor said crime fell by half since 2020.",
        },
    }
    [added] = payload["added"]
    assert added["verdict"]["before"] is None and added["verdict"]["after"]["rating"] == "accurate"


def test_a_path_base_needs_no_git(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "published"
    (elsewhere / "seeds").mkdir(parents=True)
    (elsewhere / "seeds" / "speech.txt").write_text(SEED, encoding="utf-8")
    (elsewhere / "factchecks.yaml").write_text(yaml_text(BASE_CHECKS[:2]), encoding="utf-8")
    plain = tmp_path / "plain"  # no repository at all
    (plain / "seeds").mkdir(parents=True)
    (plain / "seeds" / "speech.txt").write_text(SEED, encoding="utf-8")
    (plain / "factchecks.yaml").write_text(yaml_text(BASE_CHECKS), encoding="utf-8")
    for base in (str(elsewhere / "factchecks.yaml"), str(elsewhere)):
        result = diff(plain, base, "--check")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "1 added, 0 changed, 0 removed, 2 unchanged" in result.stdout


def test_the_default_base_is_the_merge_base_with_origin_main(repo: Path) -> None:
    published = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "contribution")
    write(repo, changed(crime_halved=lambda c: {**c, "rating": "false"}))
    commit(repo)
    # main moves on after the branch was made: the merge base, not main's tip, is compared with.
    git(repo, "checkout", "-q", "main")
    write(repo, [*BASE_CHECKS, check("pools-count", "12 pools", "The city has 12 pools", "accurate")])
    git(repo, "update-ref", "refs/remotes/origin/main", commit(repo))
    git(repo, "checkout", "-q", "contribution")
    result = diff(repo, "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["base"]["commit"] == published
    assert "merge base" in payload["base"]["description"]
    assert payload["summary"] == {"added": 0, "changed": 1, "removed": 0, "unchanged": 2}
    # From a subfolder too: paths are the repository's.
    (repo / "docs").mkdir()
    result = run_cli("diff", "--data", "../factchecks.yaml", cwd=repo / "docs")
    assert result.returncode == 0, result.stderr
    assert "0 added, 1 changed, 0 removed" in result.stdout


def test_without_origin_main_base_must_be_given(repo: Path) -> None:
    git(repo, "update-ref", "-d", "refs/remotes/origin/main")
    result = diff(repo)
    assert result.returncode == 2
    assert "no origin/main" in result.stderr and "pass the base" in result.stderr


@pytest.mark.parametrize(
    ("ref", "words"),
    [
        ("--output=written", "starts with '-'"),  # never handed to git, where it would be an option
        ("-p", "starts with '-'"),
        ("no-such-branch", "neither a file nor a commit"),
        ("HEAD~5", "neither a file nor a commit"),
        ("main bad", "space or control character"),
    ],
)
def test_a_base_that_is_no_commit_is_a_usage_error(repo: Path, ref: str, words: str) -> None:
    result = diff(repo, "--", ref)
    assert result.returncode == 2, result.stdout + result.stderr
    assert words in result.stderr
    assert not (repo / "written").exists()


def test_a_base_without_factchecks_yaml_makes_every_check_new(tmp_path: Path) -> None:
    repo = tmp_path / "new-desk"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text("A new desk\n", encoding="utf-8")
    commit(repo, "start")
    (repo / "seeds").mkdir()
    (repo / "seeds" / "speech.txt").write_text(SEED, encoding="utf-8")
    write(repo, BASE_CHECKS)
    result = diff(repo, "HEAD", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "has no factchecks.yaml: every check is new" in result.stdout
    assert "3 added, 0 changed, 0 removed, 0 unchanged" in result.stdout


def test_a_base_that_does_not_load_is_said_so(repo: Path) -> None:
    broken = changed(parks_count=lambda c: {**c, "quote": "the city has 41 parks"})
    write(repo, broken)
    commit(repo, "broken")
    write(repo, BASE_CHECKS)
    result = diff(repo, "HEAD", "--check")
    assert result.returncode == 1
    assert "the base, HEAD" in result.stdout and "does not load" in result.stdout
    assert "HEAD:factchecks.yaml:" in result.stdout  # the base's problems, named as in the commit
    assert "quote of check 'parks-count' is not in speech.txt" in result.stdout


def test_current_data_that_does_not_load_is_reported_first(repo: Path) -> None:
    write(repo, changed(parks_count=lambda c: {**c, "rating": "excellent"}))
    result = diff(repo, "--format", "github")
    assert result.returncode == 1
    annotation = r"^::error file=factchecks\.yaml,line=\d+,col=\d+,title=unknown-rating::"
    assert re.search(annotation, result.stdout, re.M)
    assert "fix them first" in result.stdout


# -- the editorial rules -------------------------------------------------------------------------------


def test_a_verdict_change_needs_a_correction_with_the_previous_rating(repo: Path) -> None:
    write(repo, changed(crime_halved=lambda c: {**c, "rating": "false"}))
    code, problems = rule_check(repo)
    assert code == 1
    [problem] = problems
    assert problem["kind"] == "verdict-change-without-correction"
    assert problem["file"] == "factchecks.yaml"
    assert (problem["line"], problem["column"]) == (line_of(repo, 'rating: "false"'), 13)
    assert "Misleading" in problem["message"] and "False" in problem["message"]
    assert "previous_rating: misleading" in problem["fix"]


def test_a_correction_naming_another_previous_rating_does_not_count(repo: Path) -> None:
    correction = {"date": "2025-03-09", "text": "We got it wrong.", "previous_rating": "mixed"}
    write(repo, changed(crime_halved=lambda c: {**c, "rating": "false", "corrections": [correction]}))
    code, [problem] = rule_check(repo)
    assert code == 1 and problem["kind"] == "verdict-change-without-correction"
    assert "'mixed'" in problem["details"][0] and "'misleading'" in problem["details"][0]


def test_a_correction_already_published_does_not_cover_a_new_verdict_change(repo: Path) -> None:
    old = {"date": "2025-03-03", "text": "An older change.", "previous_rating": "misleading"}
    write(repo, changed(crime_halved=lambda c: {**c, "rating": "misleading", "corrections": [old]}))
    commit(repo, "an earlier correction")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    write(repo, changed(crime_halved=lambda c: {**c, "rating": "false", "corrections": [old]}))
    code, [problem] = rule_check(repo)
    assert code == 1 and problem["kind"] == "verdict-change-without-correction"


def test_a_verdict_change_with_its_correction_passes(repo: Path) -> None:
    correction = {"date": "2025-03-09", "text": "New police data.", "previous_rating": "misleading"}
    write(repo, changed(crime_halved=lambda c: {**c, "rating": "false", "corrections": [correction]}))
    assert rule_check(repo) == (0, [])


def test_a_removed_check_is_refused_and_retracting_it_passes(repo: Path) -> None:
    write(repo, [c for c in BASE_CHECKS if c["id"] != "crime-halved"])
    code, [problem] = rule_check(repo)
    assert code == 1 and problem["kind"] == "published-check-removed"
    assert problem["line"] == line_of(repo, "checks:")  # where the check was
    assert "retracted: {date: YYYY-MM-DD, reason:" in problem["fix"]
    retraction = {"date": "2025-03-09", "reason": "We relied on a draft police report."}
    write(repo, changed(crime_halved=lambda c: {**c, "retracted": retraction}))
    assert rule_check(repo) == (0, [])
    listing = diff(repo).stdout
    assert "verdict: Misleading → Retracted" in listing and "fields:  retracted" in listing


def test_a_changed_id_is_a_removal_that_names_the_new_id(repo: Path) -> None:
    write(repo, changed(crime_halved=lambda c: {**c, "id": "crime-fell-by-half"}))
    code, [problem] = rule_check(repo)
    assert code == 1 and problem["kind"] == "published-check-removed"
    assert "'crime-halved'" in problem["message"] and "renamed to 'crime-fell-by-half'" in problem["message"]
    assert problem["line"] == line_of(repo, '"crime-fell-by-half"')
    assert "change the id back to 'crime-halved'" in problem["fix"]


def test_taking_a_retraction_back_is_refused(repo: Path) -> None:
    retraction = {"date": "2025-03-09", "reason": "We relied on a draft police report."}
    write(repo, changed(crime_halved=lambda c: {**c, "retracted": retraction}))
    commit(repo, "retract")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    write(repo, BASE_CHECKS)
    code, [problem] = rule_check(repo)
    assert code == 1 and problem["kind"] == "retraction-withdrawn"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("quote", "the city has 40 parks and 12 pools"),
        ("claim", "The city has forty parks"),
        ("summary", "The parks department lists forty parks."),
    ],
)
def test_a_substantive_change_needs_a_later_updated_date(repo: Path, field: str, value: str) -> None:
    write(repo, changed(parks_count=lambda c: {**c, field: value}))
    code, [problem] = rule_check(repo)
    assert code == 1 and problem["kind"] == "change-without-update"
    assert f"`{field}`" in problem["message"] and "later than 2025-03-02" in problem["fix"]
    assert problem["line"] == line_of(repo, json.dumps(value))
    # `updated` on the day it was published is not later: the problem moves to `updated`.
    write(repo, changed(parks_count=lambda c: {**c, field: value, "updated": "2025-03-02"}))
    code, [problem] = rule_check(repo)
    assert code == 1 and problem["line"] == line_of(repo, "updated:")
    write(repo, changed(parks_count=lambda c: {**c, field: value, "updated": "2025-03-06"}))
    assert rule_check(repo) == (0, [])


def test_an_added_check_and_other_fields_need_no_update(repo: Path) -> None:
    checks = changed(parks_count=lambda c: {**c, "tags": ["Parks"], "analysis": "More detail."})
    checks.append(check("pools-count", "12 pools", "The city has 12 pools", "accurate"))
    write(repo, checks)
    assert rule_check(repo) == (0, [])


def test_problems_are_annotations_with_format_github(repo: Path) -> None:
    write(repo, changed(crime_halved=lambda c: {**c, "rating": "false"}))
    result = diff(repo, "--check", "--format", "github")
    assert result.returncode == 1
    line = line_of(repo, '"false"')
    annotations = [x for x in result.stdout.splitlines() if x.startswith("::")]
    assert annotations == [
        next(x for x in annotations if x.startswith(f"::error file=factchecks.yaml,line={line},"))
    ]
    assert "title=verdict-change-without-correction::" in annotations[0]
    assert "changed  crime-halved" in result.stdout  # the listing comes first


def test_problems_are_a_section_of_the_markdown_summary(repo: Path) -> None:
    write(repo, [c for c in BASE_CHECKS if c["id"] != "crime-halved"])
    result = diff(repo, "--check", "--format", "markdown")
    assert result.returncode == 1
    assert "### Editorial rules" in result.stdout
    assert "published check \\'crime\\-halved\\'" in result.stdout


# -- hostile contributions -------------------------------------------------------------------------------


HOSTILE = [
    "<img src=x onerror=alert(1)> and <script>alert(2)</script>",
    "[click me](javascript:alert(3)) ![pixel](https://evil.example/p.png)",
    "a | b | c | d | e | f",
    "# heading *bold* _em_ `code` ~~gone~~ @someone",
]


@pytest.mark.parametrize("claim", HOSTILE)
def test_hostile_claims_cannot_inject_markup_into_the_summary(repo: Path, claim: str) -> None:
    write(repo, changed(parks_count=lambda c: {**c, "claim": claim, "updated": "2025-03-06"}))
    result = diff(repo, "--format", "markdown")
    assert result.returncode == 0, result.stderr
    [row] = [line for line in result.stdout.splitlines() if line.startswith("| parks")]
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(result.stdout)
    for markup in ("<img", "<script", "<a ", "<h1", "<em", "<code", "<del", "<s>"):
        assert markup not in html.replace("<s>Misleading", ""), (markup, html)
    # The claim reaches the reader as the very text written, in one cell of a five-column row.
    cells = re.findall(r"<td>(.*?)</td>", html)
    assert len(cells) % 5 == 0
    assert cells[1] == claim.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&quot;"
    )
    assert row.count(" | ") >= 4


def test_a_claim_cannot_forge_a_line_of_the_log(repo: Path) -> None:
    claim = "Parks\n::error file=x,line=1::forged"
    write(repo, changed(parks_count=lambda c: {**c, "claim": claim, "updated": "2025-03-06"}))
    for output_format in ("text", "github"):
        result = diff(repo, "--check", "--format", output_format)
        assert not any(line.startswith("::error file=x") for line in result.stdout.splitlines())
        assert "Parks\\n::error" in result.stdout


def test_without_data_named_diff_reads_where_mkdocs_yml_puts_it(tmp_path: Path) -> None:
    """As `factsite check` and the build do: a desk that moved its data is compared, not refused."""
    project = copy_project(tmp_path / "desk")
    (project / "content").mkdir()
    (project / "factchecks.yaml").rename(project / "content" / "checks.yaml")
    (project / "seeds").rename(project / "content" / "seeds")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      data: factchecks.yaml\n", "      data: content/checks.yaml\n")
    config = config.replace("      seeds: seeds\n", "      seeds: content/seeds\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run_cli("diff", "--check", "content/checks.yaml", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    # Without mkdocs.yml and without factchecks.yaml there is nothing to compare.
    (project / "mkdocs.yml").unlink()
    result = run_cli("diff", "content/checks.yaml", cwd=project)
    assert result.returncode == 2 and "no factchecks.yaml (and no mkdocs.yml)" in result.stderr
