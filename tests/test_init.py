"""``factsite init``: a new desk's repository that checks and builds at once, holds nothing of the
sample, never overwrites a file, escapes what the desk types, and marks what only the desk can write
(``factsite check`` warns about every marker, ``--strict`` fails)."""

from __future__ import annotations

import fnmatch
import html
import json
import os
import re
import subprocess
import tomllib
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from sitebuild import REPO, SAMPLE_DESK, mkdocs_build, parse, run_cli

from factsite.cli import main
from factsite.input.desk_files import MARKER
from factsite.input.schema import SCHEMA_FILE
from factsite.input.site_config import load_config_text
from factsite.starter.desk import (
    FILES,
    MATERIAL_LANGUAGES,
    TEMPLATES,
    markdown_text,
    site_name_problem,
    skeleton_name,
    yaml_scalar,
)
from factsite.starter.requirement import FACTSITE_REPOSITORY, default_requirement

OPTIONS = (
    "--site-name", "Harbour Town Checks",
    "--publisher", "The Harbour Town Courier",
    "--site-url", "https://checks.example.org/desk",
    "--language", "en",
)  # fmt: skip
# Words of the sample story (and its site) that a new desk must never show.
SAMPLE_WORDS = (
    "El Salvador",
    "Salvador",
    "Bukele",
    "deportee",
    "Rubio",
    "Venezuelan",
    "Associated Press",
    "factsite sample desk",
    "us-cannot-deport-citizens",
    "000_344faf7fb9d5f692",
)


TEXT_SUFFIXES = {".html", ".xml", ".json", ".csv", ".md", ".yml", ".yaml", ".txt"}


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: its bytes and modification time."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def init(folder: Path, *args: str) -> Any:
    return run_cli("init", str(folder), *args, "--no-prompt", cwd=folder.parent)


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("new") / "desk"  # made by init
    result = init(folder, *OPTIONS)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


@pytest.fixture(scope="module")
def desk_build(desk: Path) -> tuple[Path, str]:
    """The new desk built strictly (outside its folder, which stays as init wrote it), and the log."""
    site = desk.parent / "public"
    result = mkdocs_build(desk, site)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "WARNING" not in result.stderr, result.stderr[-4000:]
    return site, result.stderr


# -- a complete, working desk -----------------------------------------------------------------------


def test_init_writes_every_file_of_a_desk(desk: Path) -> None:
    assert sorted(snapshot(desk)) == sorted(FILES)
    installed = resources.files("factsite.input").joinpath(SCHEMA_FILE).read_bytes()
    assert (desk / SCHEMA_FILE).read_bytes() == installed
    assert (desk / "factchecks.yaml").read_text(encoding="utf-8").splitlines()[0] == (
        f"# yaml-language-server: $schema={SCHEMA_FILE}"
    )
    assert load_yaml(desk / "factchecks.yaml") == {"sources": [], "checks": []}


def test_the_settings_hold_the_options_and_the_sample_s_site_structure(desk: Path) -> None:
    config = load_config_text((desk / "mkdocs.yml").read_text(encoding="utf-8"))
    sample = load_config_text((SAMPLE_DESK / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Harbour Town Checks"
    assert MARKER in config["site_description"]
    assert config["theme"] == {**sample["theme"], "language": "en"}
    for key in ("markdown_extensions", "validation", "nav"):
        assert config[key] == sample[key], key
    # factsite alone: it provides search (Pagefind) and the topic pages.
    (factsite,) = config["plugins"]
    assert factsite["factsite"]["publisher"] == "The Harbour Town Courier"
    for option in ("ownership", "funding", "editorial_team"):
        assert factsite["factsite"][option].startswith(MARKER)
    text = (desk / "mkdocs.yml").read_text(encoding="utf-8")
    # The address given is the local default; the deploy workflow's FACTSITE_SITE_URL wins.
    assert 'site_url: !ENV [FACTSITE_SITE_URL, "https://checks.example.org/desk/"]' in text
    assert "repo_url: !ENV [FACTSITE_REPO_URL, null]" in text
    assert re.search(r"^ +# contact: .*" + MARKER, text, re.MULTILINE)


def test_right_after_init_check_passes_and_lists_what_is_to_be_filled_in(desk: Path) -> None:
    result = run_cli("check", cwd=desk)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("0 quotes")
    report = json.loads(run_cli("check", "--format", "json", cwd=desk).stdout)
    assert report["ok"] is True and report["problems"] == []
    warnings = report["warnings"]
    assert {w["kind"] for w in warnings} == {"to-be-filled-in"}
    files = {w["file"] for w in warnings}
    assert files == {"mkdocs.yml", "docs/about.md", "docs/methodology.md", "docs/corrections-policy.md"}
    for warning in warnings:  # each one is located at its marker
        line = (desk / warning["file"]).read_text(encoding="utf-8").splitlines()[warning["line"] - 1]
        assert line[warning["column"] - 1 :].startswith(MARKER), warning
        assert f"{warning['file']}:{warning['line']}:{warning['column']}: warning: {MARKER}" in result.stdout
    strict = run_cli("check", "--strict", cwd=desk)
    assert strict.returncode == 1, strict.stdout


def test_right_after_init_the_site_builds_strictly_and_logs_the_markers(desk_build: tuple[Path, str]) -> None:
    site, log = desk_build
    assert (site / "index.html").is_file() and (site / "about" / "index.html").is_file()
    assert f"docs/about.md:10:3: warning: {MARKER}" in log  # logged at INFO, as `factsite check` says it


def test_the_built_site_shows_the_desk_s_options_and_nothing_of_the_sample(
    desk: Path, desk_build: tuple[Path, str]
) -> None:
    site, _ = desk_build
    about = parse(site / "about" / "index.html")
    assert "Harbour Town Checks is a fact-checking site published by The Harbour Town Courier." in about.text
    assert about.find("section", **{"class": "fs-organisation"}), "the desk's facts stand at the marker"
    assert "<!-- factsite: organisation -->" not in (site / "about" / "index.html").read_text("utf-8")
    for root in (site, desk):
        for path in root.rglob("*"):
            if path.is_file() and path.suffix in TEXT_SUFFIXES:
                text = path.read_text(encoding="utf-8")
                for word in SAMPLE_WORDS:
                    assert word not in text, f"{path.relative_to(root)} mentions {word!r}"


def test_init_again_changes_nothing_and_lists_every_file(desk: Path) -> None:
    before = snapshot(desk)
    result = init(desk, *OPTIONS)
    assert result.returncode == 2
    assert "nothing was written" in result.stdout
    listed = [line.strip() for line in result.stdout.splitlines() if line.startswith("  ")]
    assert sorted(listed) == sorted(FILES)
    assert snapshot(desk) == before


# -- never overwrite --------------------------------------------------------------------------------


def test_one_existing_file_stops_init_before_it_writes_anything(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text("Our own page.\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not ours\n", encoding="utf-8")
    before = snapshot(tmp_path)
    result = init(tmp_path, *OPTIONS)
    assert result.returncode == 2
    assert [line.strip() for line in result.stdout.splitlines() if line.startswith("  ")] == ["docs/about.md"]
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["about.md", "docs", "notes.txt"]


def test_a_file_where_a_folder_goes_stops_init(tmp_path: Path) -> None:
    (tmp_path / ".github").write_text("", encoding="utf-8")
    result = init(tmp_path)
    assert result.returncode == 2
    assert ".github (a file where a folder is needed)" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [".github"]


def test_an_empty_existing_folder_is_fine(tmp_path: Path) -> None:
    result = init(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(snapshot(tmp_path)) == sorted(FILES)


# -- options and prompts ----------------------------------------------------------------------------


def _settings(folder: Path) -> tuple[str, str, str, str]:
    text = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    config = load_config_text(text)
    url = re.search(r"site_url: !ENV \[FACTSITE_SITE_URL, (.*)\]", text)
    assert url
    publisher = config["plugins"][0]["factsite"]["publisher"]
    return config["site_name"], publisher, yaml.safe_load(url[1]), config["theme"]["language"]


def test_in_a_terminal_init_asks_for_each_option_not_given(tmp_path: Path) -> None:
    answers = "Verificado Norte\n\nhttps://example.org/vn\nportuguese\npt-BR\n"
    result = CliRunner().invoke(main, ["init", str(tmp_path / "vn"), "--prompt"], input=answers)
    assert result.exit_code == 0, result.output
    assert "Site name [Fact checks]:" in result.output
    assert "Publisher (the desk or its organisation) [Verificado Norte]:" in result.output  # the name
    assert "Error: must be a language code" in result.output  # asked again
    name = "Verificado Norte"
    assert _settings(tmp_path / "vn") == (name, name, "https://example.org/vn/", "pt-BR")


def test_options_given_are_not_asked_for(tmp_path: Path) -> None:
    args = ["init", str(tmp_path / "d"), "--prompt", "--site-name", "Given", "--language", "fr"]
    result = CliRunner().invoke(main, args, input="P\n\n")
    assert result.exit_code == 0, result.output
    assert "Site name" not in result.output and "Language" not in result.output
    assert _settings(tmp_path / "d") == ("Given", "P", "http://127.0.0.1:8000/", "fr")


def test_without_a_terminal_init_takes_the_defaults(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "d")])  # CliRunner's stdin is no terminal
    assert result.exit_code == 0, result.output
    assert "[" not in result.output.splitlines()[0]
    assert _settings(tmp_path / "d") == ("Fact checks", "Fact checks", "http://127.0.0.1:8000/", "en")


def test_the_requirement_pins_this_version_in_one_place(desk: Path, tmp_path: Path) -> None:
    version = metadata.version("factsite")
    lines = (desk / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line and not line.startswith("#")] == [default_requirement().line]
    # This checkout has no published origin: the fallback, this repository at this version's tag.
    assert default_requirement().line.endswith(f"@v{version}")
    for path in (desk / ".github" / "workflows").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        assert "pip install -r requirements.txt" in text and "factsite @" not in text, path.name
    result = init(tmp_path / "d", "--factsite-requirement", "factsite @ file:///opt/factsite")
    assert result.returncode == 0, result.stdout + result.stderr
    written = (tmp_path / "d" / "requirements.txt").read_text(encoding="utf-8")
    assert "factsite @ file:///opt/factsite\n" in written


@pytest.mark.parametrize(
    "option, value, message",
    [
        ("--site-name", 'The "Desk"', 'must not contain <, > or "'),
        ("--site-name", "<script>alert(1)</script>", "unescaped"),
        ("--site-name", "Two\nlines", "must be one line"),
        ("--site-name", "   ", "must not be empty"),
        ("--site-name", "Evil\u202eeslaf", "U+202E"),
        ("--publisher", "Line\u2028separator", "must be one line"),
        ("--site-url", "javascript:alert(1)", "only http:// and https://"),
        ("--site-url", "https://user@example.org/", "user name"),
        ("--site-url", "https://example.org/?q=1", "without ?query"),
        ("--site-url", "example.org", "https://"),
        ("--language", "english", "language code"),
        ("--language", "en-GB", "did you mean en?"),
        ("--language", "pt-br", "did you mean pt-BR?"),
        ("--language", "en\n", "language code"),
        ("--factsite-requirement", "--index-url=https://evil.example/", "not a pip option"),
    ],
)
def test_unusable_options_are_refused_with_what_is_wrong(
    tmp_path: Path, option: str, value: str, message: str
) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "d"), option, value])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "d").exists()


HOSTILE_NAME = "Fact: check #1 {{ site_name }} & 'co' *bold* [x](y) `code` {: .evil} - 1. \\ ~~no~~"
HOSTILE_PUBLISHER = (
    '1. <script>alert("p")</script> "Press" & Co: #2 {% raw %} <!-- factsite: organisation -->'
)


def test_hostile_values_are_escaped_and_the_site_still_builds(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    result = init(folder, "--site-name", HOSTILE_NAME, "--publisher", HOSTILE_PUBLISHER)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _settings(folder)[:2] == (HOSTILE_NAME, HOSTILE_PUBLISHER)
    assert run_cli("check", cwd=folder).returncode == 0
    site = tmp_path / "public"
    build = mkdocs_build(folder, site)
    assert build.returncode == 0, build.stderr[-4000:]
    page = parse(site / "about" / "index.html")
    text = " ".join(page.text.split())
    assert f"{HOSTILE_NAME} is a fact-checking site published by {HOSTILE_PUBLISHER}." in text
    assert not [s for s in page.find("script") if "alert" in s.body]
    assert not page.find("code") and not page.find("strong", **{"class": "evil"})
    # The publisher's copy of the organisation marker is text: the desk's facts appear once.
    assert len(page.find("section", **{"class": "fs-organisation"})) == 1
    readme = markdown.markdown((folder / "README.md").read_text(encoding="utf-8"))
    assert f"<h1>{html.escape(HOSTILE_NAME, quote=False)}</h1>" in readme


# -- escaping, one value at a time -------------------------------------------------------------------

ONE_LINE = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
).map(str.strip).filter(bool)


@settings(max_examples=300, deadline=None)
@given(ONE_LINE)
def test_a_value_in_markdown_shows_exactly_as_typed(value: str) -> None:
    rendered = markdown.markdown(markdown_text(value), extensions=["admonition", "attr_list", "toc"])
    assert rendered.startswith("<p>") and rendered.endswith("</p>"), rendered
    assert html.unescape(rendered[3:-4]) == value


@settings(max_examples=300, deadline=None)
@given(ONE_LINE)
def test_a_value_in_yaml_reads_back_exactly(value: str) -> None:
    written = yaml_scalar(value)
    assert "\n" not in written
    assert yaml.safe_load(f"key: {written}\n") == {"key": value}


def test_the_site_name_check_refuses_what_the_theme_would_not_escape() -> None:
    assert site_name_problem("Q&A: the 'desk' #1 {{ x }}") is None
    assert all(site_name_problem(f"a{ch}b") for ch in '<>"')


# -- the GitHub files --------------------------------------------------------------------------------


def _workflow(desk: Path, name: str) -> dict[str, Any]:
    workflow = load_yaml(desk / ".github" / "workflows" / name)
    assert isinstance(workflow, dict)
    return workflow


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml"])
def test_the_workflows_use_only_official_actions_and_no_token(desk: Path, name: str) -> None:
    workflow = _workflow(desk, name)
    actions = [step["uses"] for step in _steps(workflow) if "uses" in step]
    assert actions and all(re.fullmatch(r"actions/[a-z-]+@v\d+", action) for action in actions), actions
    text = (desk / ".github" / "workflows" / name).read_text(encoding="utf-8")
    # No secret or token of the repository's (deploy-pages' `id-token: write` is Pages' own sign-in).
    assert not re.search(r"secrets\.|github\.token|GITHUB_TOKEN|(?<![-\w])token:", text)
    runs = "\n".join(step.get("run", "") for step in _steps(workflow))
    assert "pip install -r requirements.txt" in runs and "pytest" not in runs and "chromium" not in runs
    assert re.search(r"mkdocs build --strict(?! -[qv])", runs)


def test_the_pull_request_workflow_shows_the_changes_and_uploads_the_site(desk: Path) -> None:
    workflow = _workflow(desk, "pr.yml")
    on = workflow.get("on", workflow.get(True))
    assert "pull_request" in on and workflow["permissions"] == {"contents": "read"}
    steps = _steps(workflow)
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch is there to compare with
    runs = [s.get("run", "") for s in steps]
    assert "factsite check --format github" in runs
    summary = next(s for s in steps if "GITHUB_STEP_SUMMARY" in s.get("run", ""))
    assert summary["run"].startswith("factsite diff --format markdown") and summary["env"]["BASE"] == (
        "origin/${{ github.base_ref }}"
    )
    rules = next(s for s in steps if "factsite diff --check" in s.get("run", ""))
    assert "${{" not in rules["run"], "the base branch reaches the shell through the environment"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@v4"))
    assert upload["with"]["name"] == "site-pr-${{ github.event.pull_request.number }}"
    assert upload["with"]["path"] == "site"
    order = [i for i, s in enumerate(steps) if s in (summary, rules, upload)]
    build = runs.index("mkdocs build --strict --site-dir site")
    assert order == sorted(order) and steps.index(upload) > build


def test_the_deploy_workflow_is_this_repository_s(desk: Path) -> None:
    ours, theirs = load_yaml(REPO / ".github" / "workflows" / "deploy.yml"), _workflow(desk, "deploy.yml")
    assert theirs["permissions"] == ours["permissions"] and theirs["jobs"]["deploy"] == ours["jobs"]["deploy"]
    assert [s.get("name") or s["uses"] for s in _steps(theirs)] == [
        s.get("name") or s["uses"] for s in _steps(ours)
    ]


def test_the_issue_forms_keep_the_prefilled_field_and_mention_no_sample(desk: Path) -> None:
    forms = desk / ".github" / "ISSUE_TEMPLATE"
    report = load_yaml(forms / "report-an-error.yml")
    assert [field["id"] for field in report["body"] if "id" in field][0] == "check_id"
    assert load_yaml(forms / "suggest-a-claim.yml")["labels"] == ["claim-suggestion"]
    assert load_yaml(forms / "config.yml") == {"blank_issues_enabled": True}
    hook = load_yaml(desk / ".pre-commit-config.yaml")["repos"][0]["hooks"][0]
    assert hook["entry"] == "factsite check" and hook["language"] == "system"


# -- the to-be-filled-in marker, and where `factsite check` looks ---------------------------------------


def _empty_project(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "factchecks.yaml").write_text("sources: []\nchecks: []\n", encoding="utf-8")
    return folder


def test_a_page_still_to_be_filled_in_is_a_warning_at_its_marker(tmp_path: Path) -> None:
    project = _empty_project(tmp_path)
    (project / "docs" / "team").mkdir(parents=True)
    (project / "docs" / "team" / "people.md").write_text(
        f"# People\n\nOur team:\n    **{MARKER}:** the names.\n", encoding="utf-8"
    )
    (project / "docs" / ".drafts").mkdir()
    (project / "docs" / ".drafts" / "x.md").write_text(MARKER, encoding="utf-8")  # not published
    result = run_cli("check", cwd=project)
    assert result.returncode == 0
    assert f"docs/team/people.md:4:7: warning: {MARKER}: the names." in result.stdout
    assert ".drafts" not in result.stdout
    assert "1 warning found." in result.stdout
    assert run_cli("check", "--strict", cwd=project).returncode == 1
    annotations = run_cli("check", "--format", "github", cwd=project).stdout
    assert "::warning file=docs/team/people.md,line=4,col=7,title=to-be-filled-in::" in annotations
    (project / "docs" / "team" / "people.md").write_text("# People\n\nAna, Bo.\n", encoding="utf-8")
    assert run_cli("check", "--strict", cwd=project).returncode == 0


def test_check_reads_where_the_files_are_from_mkdocs_yml(tmp_path: Path) -> None:
    project = tmp_path
    (project / "data" / "documents").mkdir(parents=True)
    (project / "data" / "checks.yaml").write_text(
        "sources:\n  - {id: a, seed: missing.txt, title: A, outlet: B, published: 2025-01-01}\nchecks: []\n",
        encoding="utf-8",
    )
    (project / "pages").mkdir()
    (project / "pages" / "about.md").write_text(f"{MARKER}\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: X\nsite_url: !ENV [SOME_URL, 'http://127.0.0.1:8000/']\ndocs_dir: pages\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - search\n  - factsite:\n      data: data/checks.yaml\n      seeds: data/documents\n",
        encoding="utf-8",
    )
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert "data/checks.yaml:2:19: error:" in result.stdout and "data/documents/missing.txt" in result.stdout
    assert f"pages/about.md:1:1: warning: {MARKER}" in result.stdout
    # A site that runs factsite as a hook keeps its options in extra.factsite.
    hooked = "site_name: X\nhooks: [hooks/factchecks.py]\nextra:\n  factsite: {data: elsewhere.yaml}\n"
    (project / "mkdocs.yml").write_text(hooked, encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert "elsewhere.yaml:1:1: error: elsewhere.yaml does not exist" in result.stdout
    # A FILE given is checked as it is, whatever mkdocs.yml says.
    _empty_project(project / "other")
    assert run_cli("check", "other/factchecks.yaml", cwd=project).returncode == 0


@pytest.mark.parametrize(
    "config, message",
    [
        ("site_name: [unclosed\n", "mkdocs.yml cannot be read at line 2"),
        ("plugins:\n  - factsite: just text\n", "must be a mapping"),
        ("plugins:\n  - factsite:\n      data: !relative x.yaml\n", "with the tag !relative"),
        ("plugins:\n  - factsite:\n      seeds: 3\n", "must be a path"),
    ],
)
def test_an_unreadable_mkdocs_yml_is_a_usage_error(tmp_path: Path, config: str, message: str) -> None:
    _empty_project(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr and "factsite check FILE" in result.stderr


def test_without_mkdocs_yml_or_factchecks_yaml_check_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2 and "no factchecks.yaml" in result.stderr


def test_a_stale_copy_of_the_schema_is_a_warning_until_updated(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    assert init(folder).returncode == 0
    schema = json.loads((folder / SCHEMA_FILE).read_text(encoding="utf-8"))
    schema["properties"]["checks"]["description"] = "An older description."
    (folder / SCHEMA_FILE).write_text(json.dumps(schema), encoding="utf-8")
    result = run_cli("check", cwd=folder)
    assert result.returncode == 0
    assert f"factchecks.yaml:1:33: warning: {SCHEMA_FILE} is not the data format" in result.stdout
    assert "factsite init --update-schema ." in result.stdout
    updated = run_cli("init", "--update-schema", ".", cwd=folder)
    assert updated.returncode == 0 and "Wrote" in updated.stdout
    assert "stale-schema" not in run_cli("check", "--format", "json", cwd=folder).stdout
    assert "already" in run_cli("init", "--update-schema", ".", cwd=folder).stdout


# -- the package holds what init writes ---------------------------------------------------------------


def test_the_skeleton_holds_exactly_the_files_init_writes() -> None:
    skeleton = Path(str(resources.files("factsite.starter").joinpath("skeleton")))
    stored = sorted(p.relative_to(skeleton).as_posix() for p in skeleton.rglob("*") if p.is_file())
    assert stored == sorted(skeleton_name(t) for t in FILES if t != SCHEMA_FILE)
    assert set(TEMPLATES) <= set(FILES)
    globs = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["factsite.starter"]
    for name in stored:  # setuptools' `**` spans folders; fnmatch's `*` does too
        assert any(fnmatch.fnmatch(f"skeleton/{name}", pattern) for pattern in globs), name


def test_the_languages_offered_are_the_theme_s() -> None:
    import material

    languages = Path(os.path.dirname(material.__file__)) / "templates" / "partials" / "languages"
    assert {p.stem for p in languages.glob("*.html")} >= MATERIAL_LANGUAGES


def test_the_readme_installs_what_init_pins() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Start your own desk")
    assert start < readme.index("## Quick start")
    section = readme[start : readme.index("## Quick start")]
    assert "pip install ." in section and "factsite init" in section
    assert f"factsite @ git+{FACTSITE_REPOSITORY}@v" in section


@pytest.mark.parametrize(
    ("direct_url", "expected", "guessed"),
    [
        (None, "factsite=={version}", False),
        (
            {"url": "https://github.com/desk/factsite", "vcs_info": {"vcs": "git", "commit_id": "abc123"}},
            "factsite @ git+https://github.com/desk/factsite@abc123",
            False,
        ),
        ({"url": "file:///nowhere/factsite", "dir_info": {}}, "factsite @ git+{repository}@v{version}", True),
    ],
)
def test_a_desk_installs_the_factsite_that_made_it(
    monkeypatch: pytest.MonkeyPatch, direct_url: object, expected: str, guessed: bool
) -> None:
    from factsite.starter import requirement

    class Installed:
        version = metadata.version("factsite")

        def read_text(self, name: str) -> str | None:
            return None if direct_url is None else json.dumps(direct_url)

    monkeypatch.setattr(requirement.metadata, "distribution", lambda name: Installed())
    version = metadata.version("factsite")
    found = requirement.default_requirement()
    assert found.line == expected.format(version=version, repository=FACTSITE_REPOSITORY)
    assert found.guessed is guessed


def test_a_published_checkout_pins_its_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factsite.starter import requirement

    checkout = tmp_path / "factsite"
    checkout.mkdir()
    origin = "https://example.org/desk/factsite.git"
    who = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    commit_empty = [*who, "commit", "-q", "--allow-empty", "-m", "x"]
    for command in (["init", "-q"], ["remote", "add", "origin", origin], commit_empty):
        subprocess.run(["git", *command], cwd=checkout, check=True)
    head = ["git", "rev-parse", "HEAD"]
    commit = subprocess.run(head, cwd=checkout, capture_output=True, text=True, check=True).stdout.strip()

    class Installed:
        version = metadata.version("factsite")

        def read_text(self, name: str) -> str:
            return json.dumps({"url": checkout.as_uri(), "dir_info": {"editable": True}})

    monkeypatch.setattr(requirement.metadata, "distribution", lambda name: Installed())
    found = requirement.default_requirement()
    assert found == requirement.Requirement(f"factsite @ git+{origin}@{commit}", guessed=False)
