"""The ``factsite`` command line, end to end, as a contributor runs it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from sitebuild import SAMPLE_DESK, run_cli

SEED = "000_344faf7fb9d5f692.txt"



@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the sample fixture's data and seeds, safe to edit."""
    shutil.copy(SAMPLE_DESK / "factchecks.yaml", tmp_path / "factchecks.yaml")
    shutil.copytree(SAMPLE_DESK / "seeds", tmp_path / "seeds")
    return tmp_path


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_sample_repository_passes() -> None:
    result = run_cli("check", cwd=SAMPLE_DESK)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "8 quotes: 8 anchored (0 after normalization), 0 ambiguous, 0 not found"
    )


def test_the_console_script_is_installed() -> None:
    exe = shutil.which("factsite")
    assert exe, "the `factsite` console script is not on PATH"
    result = subprocess.run(
        [exe, "check"], cwd=SAMPLE_DESK, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0
    assert "8 quotes: 8 anchored" in result.stdout


def test_one_changed_character_fails_with_the_closest_passage(sample: Path) -> None:
    replace_in(
        sample / "factchecks.yaml",
        "quote: The US government cannot deport American citizens",
        "quote: The US government cannot deport Amercan citizens",
    )
    result = run_cli("check", cwd=sample)
    assert result.returncode == 1
    out = result.stdout
    lines = (sample / "factchecks.yaml").read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "Amercan" in text)
    assert re.search(
        rf"^factchecks\.yaml:{line}:\d+: error: quote of check 'us-cannot-deport-citizens' is not in {SEED}$",
        out,
        re.MULTILINE,
    )
    assert re.search(rf"closest passage \(9\d% similar\) at seeds/{SEED}:5:\d+:", out)
    quote_row = next(r for r in out.splitlines() if r.strip().startswith("quote:") and "deport Amer can" in r)
    seed_row = out.splitlines()[out.splitlines().index(quote_row) + 1]
    marks_row = out.splitlines()[out.splitlines().index(quote_row) + 2]
    assert "American" in seed_row
    # The marker stands under the missing letter.
    assert marks_row.strip() == "^"
    assert seed_row[marks_row.index("^")] == "i"
    assert "fix:" in out
    assert out.strip().splitlines()[-1] == (
        "8 quotes: 7 anchored (0 after normalization), 0 ambiguous, 1 not found"
    )


def test_an_ambiguous_quote_fails_with_a_prefix_that_fixes_it(sample: Path) -> None:
    factchecks = sample / "factchecks.yaml"
    replace_in(
        factchecks,
        "quote: The US government cannot deport American citizens",
        "quote: the United States",
    )
    result = run_cli("check", cwd=sample)
    assert result.returncode == 1
    assert "quote of check 'us-cannot-deport-citizens' occurs 4 times" in result.stdout
    assert "1 ambiguous" in result.stdout
    hints = re.findall(rf"seeds/{SEED}:(\d+):(\d+)  (prefix: .+)$", result.stdout, re.MULTILINE)
    assert len(hints) == 4
    # Paste the hint for the match on line 3 into the check, as the message says to.
    line3 = next(hint for line, _, hint in hints if line == "3")
    replace_in(factchecks, "quote: the United States", f"quote: the United States\n    {line3}")
    fixed = run_cli("check", cwd=sample)
    assert fixed.returncode == 0, fixed.stdout
    # And the quote is where the hint said: line 3 of the seed.
    located = run_cli("locate", SEED, "the United States", cwd=sample)
    assert located.returncode == 0
    assert f"seeds/{SEED}:3:" in located.stdout


def test_json_format_reports_the_same_findings(sample: Path) -> None:
    replace_in(sample / "factchecks.yaml", "rating: opinion", "rating: opinon")
    result = run_cli("check", "--format", "json", cwd=sample)
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    assert payload["summary"]["quotes"] == 8
    [problem] = payload["problems"]
    assert problem["kind"] == "unknown-rating"
    assert problem["file"] == "factchecks.yaml"
    assert problem["fix"] == "did you mean 'opinion'?"
    assert isinstance(problem["line"], int) and isinstance(problem["column"], int)


def test_github_format_annotates_the_line(sample: Path) -> None:
    replace_in(sample / "factchecks.yaml", "rating: opinion", "rating: opinon")
    result = run_cli("check", "--format", "github", cwd=sample)
    assert result.returncode == 1
    assert re.search(
        r"^::error file=factchecks\.yaml,line=\d+,col=\d+,title=unknown-rating::", result.stdout, re.MULTILINE
    )


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_cli("check", "missing.yaml", cwd=tmp_path).returncode == 2
    assert run_cli("check", "--format", "xml", cwd=SAMPLE_DESK).returncode == 2
    assert run_cli("locate", "nope.txt", "x", cwd=SAMPLE_DESK).returncode == 2


def test_a_file_given_by_path_is_checked_with_its_own_seeds(
    sample: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("cwd")
    result = run_cli("check", str(sample / "factchecks.yaml"), cwd=elsewhere)
    assert result.returncode == 0, result.stdout


def test_locate_prints_every_place_and_what_picks_it_out() -> None:
    result = run_cli("locate", SEED, "the United States", cwd=SAMPLE_DESK)
    assert result.returncode == 0
    places = re.findall(rf"^seeds/{SEED}:(\d+):(\d+)$", result.stdout, re.MULTILINE)
    assert len(places) == 4
    hints = re.findall(r"^  (prefix|suffix): \"(.+)\"$", result.stdout, re.MULTILINE)
    assert len(hints) == 4
    seed = (SAMPLE_DESK / "seeds" / SEED).read_text(encoding="utf-8").splitlines()
    for (line, col), (kind, text) in zip(places, hints, strict=True):
        at = int(col) - 1
        assert seed[int(line) - 1][at:].startswith("the United States")
        if kind == "prefix":
            assert seed[int(line) - 1][:at].rstrip().endswith(text.replace('\\"', '"'))


def test_locate_a_unique_passage_typed_with_curly_quotes() -> None:
    result = run_cli("locate", f"seeds/{SEED}", "he\u2019s also offered", cwd=SAMPLE_DESK)
    assert result.returncode == 0
    assert "1 match after normalization" in result.stdout
    assert "seed text: \"he's also offered\"" in result.stdout


def test_locate_something_absent_shows_the_closest_passage() -> None:
    result = run_cli("locate", SEED, "outsource part of its prisons system", cwd=SAMPLE_DESK)
    assert result.returncode == 1
    assert "not found" in result.stdout
    assert "closest passage" in result.stdout


def test_the_sample_file_names_its_schema_on_the_first_line() -> None:
    first = (SAMPLE_DESK / "factchecks.yaml").read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match
    # The YAML language server reads a relative path from the file's own folder.
    schema = json.loads((SAMPLE_DESK / match.group(1)).read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("http://json-schema.org/draft-07")
    assert yaml.safe_load((SAMPLE_DESK / "factchecks.yaml").read_text(encoding="utf-8"))["checks"]
