"""The fixture projects the suite stands on (``tests/fixtures/``), not the desk at the repository's root.

The root's ``mkdocs.yml``, ``factchecks.yaml``, ``seeds/`` and ``docs/`` are the sample desk that
``mkdocs serve`` shows; a desk that forks this repository replaces them with its own, and the suite
must stay green (``.ci/run`` runs it with the root replaced by ``tests/fixtures/other-desk``). So no
test reads them: the sample the tests build is ``tests/fixtures/sample``, a copy. Here:

- no test module names a file of the root's desk (``REPO / "factchecks.yaml"`` and the like);
- the other desk is a valid desk of its own that shares nothing with the sample, so the run with the
  root replaced proves something;
- while the root still holds the sample, its copy in ``tests/fixtures/sample`` says the same thing
  (otherwise the tests would test another sample than the one users serve). Once the root holds
  another desk, that comparison has nothing to compare and is skipped with the reason.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitebuild import OTHER_DESK, REPO, SAMPLE_DESK, copy_project, mkdocs_build, run_cli

# What a fixture copies from the root's sample (``hooks/`` too: the fixture keeps the hook site's file).
DESK_FILES = ("mkdocs.yml", "factchecks.yaml")
DESK_DIRS = ("seeds", "docs", "hooks")
MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")


def _load(path: Path) -> Any:
    return yaml.safe_load(re.sub(r"!ENV \[[^\]]*\]", "null", path.read_text(encoding="utf-8")))


def _ids(desk: Path) -> dict[str, set[str]]:
    data = _load(desk / "factchecks.yaml")
    return {section: {entry["id"] for entry in data[section]} for section in ("sources", "checks")}


def _seeds(desk: Path) -> dict[str, bytes]:
    folder = desk / "seeds"
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _desk_files(desk: Path) -> dict[str, Path]:
    files = {name: desk / name for name in DESK_FILES if (desk / name).is_file()}
    for folder in DESK_DIRS:
        for path in sorted((desk / folder).rglob("*")) if (desk / folder).is_dir() else []:
            if path.is_file() and "__pycache__" not in path.parts:
                files[path.relative_to(desk).as_posix()] = path
    return files


def _content(path: Path) -> bytes:
    """The file's bytes; of a YAML file whose first line names its schema by a relative path, that
    line with the path resolved (the fixture sits three folders deeper than the root)."""
    data = path.read_bytes()
    first, newline, rest = data.partition(b"\n")
    match = MODELINE.fullmatch(first.decode("utf-8", "replace"))
    if match and "://" not in match.group(1):
        resolved = (path.parent / match.group(1)).resolve().relative_to(REPO).as_posix()
        return f"# yaml-language-server: $schema={resolved}".encode() + newline + rest
    return data


# --- no test reads the root's desk -------------------------------------------------------------

# ``REPO / "factchecks.yaml"`` and the like, or the command line run on the root's desk.
ROOT_DESK_READ = re.compile(
    r"""REPO\s*/\s*["'](?:mkdocs\.yml|factchecks\.yaml|seeds|docs)["'/]|run_cli\(.*\bcwd=REPO\b"""
)


@pytest.mark.parametrize(
    ("line", "reads"),
    [
        ('text = (REPO / "factchecks.yaml").read_text()', True),
        ("shutil.copytree(REPO / 'seeds', tmp_path / 'seeds')", True),
        ('for p in (REPO / "docs").rglob("*.md")', True),
        ('config = (REPO / "mkdocs.yml").read_text()', True),
        ('result = run_cli("check", cwd=REPO)', True),
        ('text = (SAMPLE_DESK / "factchecks.yaml").read_text()', False),
        ('GITHUB = REPO / ".github"', False),
        ('PACKAGE = REPO / "src" / "factsite"', False),
        ('result = run_cli("check", cwd=SAMPLE_DESK)', False),
    ],
)
def test_the_root_desk_detector_itself(line: str, reads: bool) -> None:
    assert bool(ROOT_DESK_READ.search(line)) == reads


def test_no_test_reads_the_desk_at_the_root() -> None:
    """Build and read a fixture (``copy_project``, ``SAMPLE_DESK``, ``OTHER_DESK``) instead: a desk
    that replaced the root's content would see this test fail rather than one far away."""
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in sorted((REPO / "tests").rglob("*.py"))
        if "fixtures" not in path.relative_to(REPO / "tests").parts and path.name != "test_fixtures.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ROOT_DESK_READ.search(line)
    ]
    assert not found, "tests read the desk at the repository's root:\n" + "\n".join(found)


# --- the other desk ----------------------------------------------------------------------------


def test_the_other_desk_shares_nothing_with_the_sample() -> None:
    other, sample = _ids(OTHER_DESK), _ids(SAMPLE_DESK)
    assert len(other["sources"]) == 1 and len(other["checks"]) == 2
    assert not other["sources"] & sample["sources"] and not other["checks"] & sample["checks"]
    assert not set(_seeds(OTHER_DESK)) & set(_seeds(SAMPLE_DESK))
    for key in ("site_name", "site_description"):
        assert _load(OTHER_DESK / "mkdocs.yml")[key] != _load(SAMPLE_DESK / "mkdocs.yml")[key], key
    assert not (OTHER_DESK / "hooks").exists(), "the other desk runs factsite as a plugin only"


def test_the_other_desk_checks_and_builds_strictly(tmp_path: Path) -> None:
    """What ``.ci/run`` puts at the root is a working desk: `factsite check` passes, the site builds
    with ``--strict``, and no page of it tells the sample's story."""
    checked = run_cli("check", cwd=OTHER_DESK)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip().splitlines()[-1] == (
        "2 quotes: 2 anchored (0 after normalization), 0 ambiguous, 0 not found"
    )
    project = copy_project(tmp_path / "other", OTHER_DESK)
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr, built.stderr
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert {"mayor-presupuesto-historia", "sin-subida-de-impuestos"} <= {
        p.parent.name for p in (tmp_path / "site" / "claims").glob("*/index.html")
    }
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for words in ("El Salvador", "Rubio", "Bukele", "factsite sample desk"):
            assert words not in text, f"{page.relative_to(tmp_path)} mentions {words!r}"


# --- the sample fixture and the root's sample ----------------------------------------------------


def test_the_sample_fixture_says_what_the_roots_sample_says_while_the_root_holds_it() -> None:
    """Skipped once the root holds another desk: its seeds or its source and check ids are not the
    sample's (a desk that forked this repository and replaced the sample)."""
    if _seeds(REPO) != _seeds(SAMPLE_DESK) or not (REPO / "factchecks.yaml").is_file():
        pytest.skip("the root's seeds/ are not the sample's: the root holds another desk")
    if _ids(REPO) != _ids(SAMPLE_DESK):
        pytest.skip("the root's source and check ids are not the sample's: the root holds another desk")
    root, fixture = _desk_files(REPO), _desk_files(SAMPLE_DESK)
    differ = sorted(
        name
        for name in root.keys() | fixture.keys()
        if name not in root or name not in fixture or _content(root[name]) != _content(fixture[name])
    )
    assert not differ, (
        "the root's sample and its copy in tests/fixtures/sample differ in "
        + ", ".join(differ)
        + ": make the same change in both (the fixture's factchecks.yaml names its schema as "
        "../../../src/...), so the tests build the sample that `mkdocs serve` shows"
    )
