"""The GitHub integration: workflows, issue forms, the pull request template and pre-commit hooks.

These files are only ever run by GitHub (or pre-commit), so the tests here are what keeps them
honest locally: every file parses, the workflows run the project's real checks in the right way,
and the issue form keeps the field id that claim pages prefill.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitebuild import REPO

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
PR_WORKFLOW = GITHUB / "workflows" / "pr.yml"
DEPLOY_WORKFLOW = GITHUB / "workflows" / "deploy.yml"
REPORT_FORM = GITHUB / "ISSUE_TEMPLATE" / "report-an-error.yml"
SUGGEST_FORM = GITHUB / "ISSUE_TEMPLATE" / "suggest-a-claim.yml"
ISSUE_CONFIG = GITHUB / "ISSUE_TEMPLATE" / "config.yml"
PR_TEMPLATE = GITHUB / "pull_request_template.md"
HOOKS_MANIFEST = REPO / ".pre-commit-hooks.yaml"
PRE_COMMIT_CONFIG = REPO / ".pre-commit-config.yaml"

YAML_FILES = [*WORKFLOWS, *ISSUE_FORMS, ISSUE_CONFIG, HOOKS_MANIFEST, PRE_COMMIT_CONFIG]

# mkdocs flags that must never be used: -q stops warnings being counted (so --strict passes a
# broken site), -v skips the anchor checks.
FORBIDDEN_MKDOCS_FLAGS = {"-q", "--quiet", "-v", "--verbose"}


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """The `on:` mapping. PyYAML (YAML 1.1) reads the bare key `on` as the boolean True."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict), f"no `on:` triggers: {on!r}"
    return on


def steps(workflow: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def run_scripts(workflow: dict[str, Any]) -> list[str]:
    return [step["run"] for _, step in steps(workflow) if "run" in step]


def commands(script: str) -> list[list[str]]:
    """The simple commands of a shell script, as argument lists (enough for the checks here)."""
    script = script.replace("\\\n", " ")
    result = []
    for line in script.splitlines():
        for part in re.split(r"&&|\|\||;|\|", line):
            try:
                words = shlex.split(part, comments=True)
            except ValueError:  # an unbalanced quote split across `;` etc.: use a rough split
                words = part.split()
            if words:
                result.append(words)
    return result


def all_commands(workflow: dict[str, Any]) -> list[list[str]]:
    return [words for script in run_scripts(workflow) for words in commands(script)]


def mkdocs_args(words: list[str]) -> list[str] | None:
    """The arguments after `mkdocs` (or `python -m mkdocs`) in one command, or None."""
    for i, word in enumerate(words):
        is_mkdocs = word == "mkdocs" or word.endswith("/mkdocs")
        # `mkdocs ...`, `python -m mkdocs ...`, `VAR=value mkdocs ...`, `env ... mkdocs ...`
        if is_mkdocs and (i == 0 or words[i - 1] == "-m" or "=" in words[0] or words[0] in {"exec", "env"}):
            return words[i + 1 :]
    return None


def bad_mkdocs_flags(words: list[str]) -> list[str]:
    args = mkdocs_args(words)
    if args is None:
        return []
    bundled = re.compile(r"-[A-Za-z]*[qv][A-Za-z]*")  # short flags run together, e.g. -sq
    return [arg for arg in args if arg in FORBIDDEN_MKDOCS_FLAGS or bundled.fullmatch(arg)]


def downloads_browser(script: str) -> bool:
    return bool(re.search(r"playwright\s+install|install-deps|puppeteer\s+browsers\s+install", script))


def uses(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(action name without the @ref, step) for every `uses:` step."""
    return [(step["uses"].split("@")[0], step) for _, step in steps(workflow) if "uses" in step]


def finds(words: list[str], *prefix: str) -> bool:
    return words[: len(prefix)] == list(prefix)


# --- every file parses -------------------------------------------------------------------------


def test_all_expected_files_exist() -> None:
    for path in [PR_WORKFLOW, DEPLOY_WORKFLOW, REPORT_FORM, SUGGEST_FORM, ISSUE_CONFIG, PR_TEMPLATE]:
        assert path.is_file(), f"{rel(path)} is missing"
    assert HOOKS_MANIFEST.is_file() and PRE_COMMIT_CONFIG.is_file()


@pytest.mark.parametrize("path", YAML_FILES, ids=rel)
def test_yaml_file_parses(path: Path) -> None:
    data = load(path)
    assert data, f"{rel(path)} is empty"
    # Tabs are not allowed for YAML indentation; GitHub reports them only after a push.
    assert "\t" not in path.read_text(encoding="utf-8"), f"{rel(path)} contains a tab"


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_workflow_shape(path: Path) -> None:
    workflow = load(path)
    assert workflow.get("name"), f"{rel(path)}: give the workflow a name"
    assert triggers(workflow)
    assert "permissions" in workflow, f"{rel(path)}: set least-privilege `permissions:` explicitly"
    for job_id, job in workflow["jobs"].items():
        assert "runs-on" in job, f"{rel(path)}: job {job_id} has no runs-on"
        assert job.get("steps"), f"{rel(path)}: job {job_id} has no steps"
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), f"{rel(path)}: a step needs exactly one of uses/run"
        for need in [job["needs"]] if isinstance(job.get("needs"), str) else job.get("needs", []):
            assert need in workflow["jobs"], f"{rel(path)}: job {job_id} needs unknown job {need}"


# --- no workflow weakens mkdocs or downloads a browser -----------------------------------------


@pytest.mark.parametrize(
    "script, bad",
    [
        ("mkdocs build --strict", False),
        ("mkdocs build --strict --site-dir _site", False),
        ("mkdocs build -q --strict", True),
        ("mkdocs build --strict --quiet", True),
        ("python -m mkdocs build --strict -v", True),
        ("cd docs && mkdocs build --verbose", True),
        ("mkdocs build -sq", True),
        ("FOO=1 mkdocs build --strict -v", True),
        ("pytest -q", False),  # not mkdocs: its flags are its own business
    ],
)
def test_the_mkdocs_flag_detector_itself(script: str, bad: bool) -> None:
    assert bool([f for words in commands(script) for f in bad_mkdocs_flags(words)]) == bad


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_no_workflow_runs_mkdocs_quiet_or_verbose(path: Path) -> None:
    for words in all_commands(load(path)):
        assert not bad_mkdocs_flags(words), f"{rel(path)}: `{shlex.join(words)}` hides mkdocs warnings"


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_no_workflow_downloads_a_browser(path: Path) -> None:
    workflow = load(path)
    for script in run_scripts(workflow):
        assert not downloads_browser(script), f"{rel(path)}: a step downloads a browser: {script!r}"
    for action, _ in uses(workflow):
        assert not re.search(r"chrom|playwright|puppeteer|browser", action, re.IGNORECASE), (
            f"{rel(path)}: {action} downloads a browser; use Debian's chromium package"
        )
    assert downloads_browser("npx playwright install --with-deps chromium")  # the detector works


# --- only GitHub's own actions; no expression pasted into a script ------------------------------

# GitHub's own actions (the `actions` organisation), by major version: no third-party code runs.
OFFICIAL_ACTION = re.compile(r"actions/[a-z0-9-]+@v\d+")
EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.DOTALL)


def expressions_in_scripts(workflow: dict[str, Any]) -> list[str]:
    """Every ``${{ ... }}`` inside a ``run:`` script. GitHub pastes its value into the script before
    the shell reads it, so a branch name or a pull request title holding `"; curl ... | sh; "` would
    run as code. Values reach a script through ``env:`` (``"$NAME"``), never this way."""
    return [m.group(0) for script in run_scripts(workflow) for m in EXPRESSION.finditer(script)]


@pytest.mark.parametrize(
    "script, pasted",
    [
        ('factsite diff --check "origin/${{ github.base_ref }}"', True),
        ('echo "${{ github.event.pull_request.title }}"', True),
        ("git log ${{github.head_ref}}", True),
        ('echo "${{\n  github.event.pull_request.body }}"', True),
        ('factsite diff --check "origin/$BASE_REF"', False),
        ('echo "$PR_TITLE" >> "$GITHUB_STEP_SUMMARY"', False),
    ],
)
def test_the_expression_detector_itself(script: str, pasted: bool) -> None:
    assert bool(expressions_in_scripts({"jobs": {"j": {"steps": [{"run": script}]}}})) == pasted


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_workflows_use_only_official_actions(path: Path) -> None:
    for _, step in uses(load(path)):
        assert OFFICIAL_ACTION.fullmatch(step["uses"]), (
            f"{rel(path)}: {step['uses']} is not one of GitHub's own actions (actions/NAME@vN)"
        )


@pytest.mark.parametrize("path", WORKFLOWS, ids=rel)
def test_no_workflow_pastes_an_expression_into_a_script(path: Path) -> None:
    pasted = expressions_in_scripts(load(path))
    assert not pasted, f"{rel(path)}: pass {pasted} to the script through `env:` and quote it there"


# --- the pull request workflow -----------------------------------------------------------------


def test_pr_workflow_triggers_and_permissions() -> None:
    workflow = load(PR_WORKFLOW)
    on = triggers(workflow)
    assert "pull_request" in on
    assert "main" in on["push"]["branches"]
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] is True
    assert "github.ref" in workflow["concurrency"]["group"]


def test_pr_workflow_runs_in_debian_with_debians_chromium() -> None:
    workflow = load(PR_WORKFLOW)
    (job,) = workflow["jobs"].values()
    container = job["container"]
    image = container if isinstance(container, str) else container["image"]
    assert image == "python:3.11-bookworm"
    installs = [w for w in all_commands(workflow) if finds(w, "apt-get", "install")]
    assert any("chromium" in w for w in installs), "install chromium with apt-get in the container"
    assert not any(w[0] == "sudo" for w in all_commands(workflow)), "no sudo in the container"


def test_pr_workflow_checks_tests_and_builds_in_order() -> None:
    workflow = load(PR_WORKFLOW)
    cmds = all_commands(workflow)

    def index(predicate: Any, what: str) -> int:
        found = [i for i, w in enumerate(cmds) if predicate(w)]
        assert found, f"{rel(PR_WORKFLOW)} never runs {what}"
        return found[0]

    install = index(
        lambda w: finds(w, "pip", "install") and any(".[test]" in a for a in w), 'pip install ".[test]"'
    )
    check = index(lambda w: finds(w, "factsite", "check"), "factsite check")
    tests = index(lambda w: w[0] == "pytest" or finds(w, "python", "-m", "pytest"), "pytest")
    build = index(
        lambda w: (mkdocs_args(w) or [])[:1] == ["build"] and "--strict" in w, "mkdocs build --strict"
    )
    assert install < check < tests < build
    assert "--format" in cmds[check] and cmds[check][cmds[check].index("--format") + 1] == "github", (
        "use `factsite check --format github` so problems show on the pull request's diff"
    )


def test_pr_workflow_build_has_a_site_url() -> None:
    workflow = load(PR_WORKFLOW)
    for job_id, step in steps(workflow):
        if "run" in step and "mkdocs build" in step["run"]:
            env = {
                **workflow.get("env", {}),
                **workflow["jobs"][job_id].get("env", {}),
                **step.get("env", {}),
            }
            url = env.get("FACTSITE_SITE_URL", "")
            assert re.fullmatch(r"https://[^\s]+/", url), (
                f"FACTSITE_SITE_URL must be absolute with a trailing /: {url!r}"
            )
            return
    pytest.fail("no mkdocs build step")


def test_pr_workflow_publishes_nothing() -> None:
    workflow = load(PR_WORKFLOW)
    for action, _ in uses(workflow):
        assert action in ("actions/checkout", "actions/upload-artifact"), (
            f"{rel(PR_WORKFLOW)} uses {action}: it should only check out and upload the built site"
        )
    for job in workflow["jobs"].values():
        assert effective_permissions(workflow, job) == {"contents": "read"}, "no write permission"


def pull_request_only(step: dict[str, Any]) -> bool:
    condition = str(step.get("if", "")).strip()
    condition = re.sub(r"^\$\{\{(.*)\}\}$", r"\1", condition, flags=re.DOTALL).strip()
    return re.fullmatch(r"github\.event_name\s*==\s*'pull_request'", condition) is not None


def pr_steps() -> list[dict[str, Any]]:
    (job,) = load(PR_WORKFLOW)["jobs"].values()
    steps_: list[dict[str, Any]] = job["steps"]
    return steps_


def step_running(predicate: Any, what: str) -> tuple[int, dict[str, Any], list[str]]:
    """The first step of the pull request workflow with a command ``predicate`` holds: its index,
    the step and that command's words."""
    for index, step in enumerate(pr_steps()):
        for words in commands(step.get("run", "")):
            if predicate(words):
                return index, step, words
    pytest.fail(f"{rel(PR_WORKFLOW)} never runs {what}")


def diffs(words: list[str], *flags: str) -> bool:
    return finds(words, "factsite", "diff") and all(flag in words for flag in flags)


def base_ref_variable(step: dict[str, Any]) -> str:
    """The name under which the step's ``env:`` hands the script the pull request's base branch."""
    base_ref = re.compile(r"\$\{\{\s*github\.base_ref\s*\}\}")
    names = [k for k, v in step.get("env", {}).items() if base_ref.fullmatch(str(v))]
    assert names, f"{step.get('name')}: pass the base branch as env (NAME: ${{{{ github.base_ref }}}})"
    return names[0]


def compares_with_the_base(step: dict[str, Any], words: list[str]) -> None:
    """``factsite diff ... "origin/$BASE"``: the base branch as fetched, its name quoted."""
    name = base_ref_variable(step)
    assert words[-1] in (f"origin/${name}", f"origin/${{{name}}}"), words
    assert re.search(rf'"origin/\$(?:{name}|\{{{name}\}})"', step["run"]), "quote the base ref"


def test_pr_workflow_checks_out_the_whole_history() -> None:
    """`factsite diff` reads the base branch's files from git: a shallow clone has no origin/BASE."""
    checkout = dict(uses(load(PR_WORKFLOW)))["actions/checkout"]
    assert checkout["uses"] == "actions/checkout@v4"
    assert checkout.get("with", {}).get("fetch-depth") == 0


def test_pr_workflow_applies_the_editorial_rules_against_the_base() -> None:
    check, _, _ = step_running(lambda w: finds(w, "factsite", "check"), "factsite check")
    index, step, words = step_running(lambda w: diffs(w, "--check"), "factsite diff --check")
    tests, _, _ = step_running(lambda w: w[0] == "pytest" or finds(w, "python", "-m", "pytest"), "pytest")
    assert check < index < tests, "the editorial rules after `factsite check`, before the slow tests"
    assert pull_request_only(step), "only a pull request has a base branch"
    compares_with_the_base(step, words)
    assert words[words.index("--format") + 1] == "github", "annotate the broken rules on the diff"


def test_pr_workflow_writes_the_markdown_diff_to_the_step_summary() -> None:
    index, step, words = step_running(
        lambda w: diffs(w, "--format", "markdown"), "factsite diff --format markdown"
    )
    rules, _, _ = step_running(lambda w: diffs(w, "--check"), "factsite diff --check")
    assert index < rules, "write the summary first, so the reviewer has it even when a rule is broken"
    assert pull_request_only(step)
    assert "--check" not in words, "the summary lists the changes; the rules are the next step's"
    summary = r'factsite diff [^\n]*>>\s*"\$(?:GITHUB_STEP_SUMMARY|\{GITHUB_STEP_SUMMARY\})"'
    assert re.search(summary, step["run"]), 'append to "$GITHUB_STEP_SUMMARY"'
    compares_with_the_base(step, words[: words.index(">>")])


def test_pr_workflow_uploads_the_built_site_named_after_the_pull_request() -> None:
    build, _, words = step_running(
        lambda w: (mkdocs_args(w) or [])[:1] == ["build"] and "--strict" in w, "mkdocs build --strict"
    )
    uploads = [
        (i, s) for i, s in enumerate(pr_steps()) if s.get("uses", "").startswith("actions/upload-artifact@")
    ]
    assert len(uploads) == 1, "upload the built site once, with actions/upload-artifact"
    index, upload = uploads[0]
    assert upload["uses"] == "actions/upload-artifact@v4"
    assert build < index and pull_request_only(upload)
    options = upload["with"]
    assert re.fullmatch(r"site-pr-\$\{\{ github\.event\.pull_request\.number \}\}", options["name"])
    site_dir = next(words[i + 1] for i, w in enumerate(words) if w in ("--site-dir", "-d"))
    assert options["path"] == site_dir, "upload the folder the strict build wrote"
    assert options.get("if-no-files-found") == "error"


# --- the deploy workflow -----------------------------------------------------------------------


def effective_permissions(workflow: dict[str, Any], job: dict[str, Any]) -> dict[str, str]:
    return job.get("permissions", workflow.get("permissions", {}))


def test_deploy_workflow_triggers_and_concurrency() -> None:
    workflow = load(DEPLOY_WORKFLOW)
    on = triggers(workflow)
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_deploy_workflow_uses_the_official_pages_actions() -> None:
    workflow = load(DEPLOY_WORKFLOW)
    actions = dict(uses(workflow))
    for action in [
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]:
        assert action in actions, f"{rel(DEPLOY_WORKFLOW)} does not use {action}"
    assert actions["actions/setup-python"]["with"]["python-version"] == "3.11"
    assert actions["actions/configure-pages"]["id"] == "pages"
    assert actions["actions/deploy-pages"]["id"] == "deployment"


def test_deploy_job_has_pages_permissions_and_environment() -> None:
    workflow = load(DEPLOY_WORKFLOW)
    deploy = workflow["jobs"]["deploy"]
    permissions = effective_permissions(workflow, deploy)
    assert permissions.get("pages") == "write"
    assert permissions.get("id-token") == "write"
    assert effective_permissions(workflow, workflow["jobs"]["build"]).get("contents") == "read"
    assert deploy["needs"] in ("build", ["build"])
    assert deploy["environment"] == {
        "name": "github-pages",
        "url": "${{ steps.deployment.outputs.page_url }}",
    }
    assert [a for a, _ in uses({"jobs": {"deploy": deploy}})] == ["actions/deploy-pages"]


def test_deploy_build_step_environment() -> None:
    workflow = load(DEPLOY_WORKFLOW)
    build_job = workflow["jobs"]["build"]
    (build,) = [s for s in build_job["steps"] if "run" in s and "mkdocs" in s["run"]]
    env = {**workflow.get("env", {}), **build_job.get("env", {}), **build.get("env", {})}
    assert env["FACTSITE_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert env["FACTSITE_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert env["FACTSITE_EDIT_URI"] == "edit/${{ github.event.repository.default_branch }}/docs/"
    # Reproducible: SOURCE_DATE_EPOCH is the last commit's time, set before the build runs.
    sets_epoch = re.compile(r"SOURCE_DATE_EPOCH=\"?\$\(git log -1 --format=%ct\)\"?")
    epoch_steps = [s for s in build_job["steps"] if "run" in s and sets_epoch.search(s["run"])]
    assert epoch_steps, "set SOURCE_DATE_EPOCH from `git log -1 --format=%ct`"
    order = build_job["steps"].index
    assert order(epoch_steps[0]) <= order(build)
    if epoch_steps[0] is build:
        script = build["run"]
        assert script.index("SOURCE_DATE_EPOCH") < script.index("mkdocs build")
        assert "export SOURCE_DATE_EPOCH" in script or re.search(r"SOURCE_DATE_EPOCH=\S+ mkdocs", script)
    else:
        assert "GITHUB_ENV" in epoch_steps[0]["run"]


def test_deploy_checks_then_builds_strictly_into_the_uploaded_folder() -> None:
    workflow = load(DEPLOY_WORKFLOW)
    build_job = workflow["jobs"]["build"]
    cmds = [w for s in build_job["steps"] if "run" in s for w in commands(s["run"])]
    check = next(i for i, w in enumerate(cmds) if finds(w, "factsite", "check"))
    build = next(i for i, w in enumerate(cmds) if (mkdocs_args(w) or [])[:1] == ["build"])
    assert check < build
    args = cmds[build]
    assert "--strict" in args
    site_dir = args[args.index("--site-dir") + 1]
    upload = next(s for a, s in uses(workflow) if a == "actions/upload-pages-artifact")
    assert upload["with"]["path"] == site_dir
    assert build_job["steps"].index(upload) == len(build_job["steps"]) - 1, "upload after the build"


# --- issue forms -------------------------------------------------------------------------------

FIELD_TYPES = {"input", "textarea", "dropdown", "checkboxes"}
TOP_LEVEL_KEYS = {"name", "description", "title", "labels", "assignees", "projects", "type", "body"}


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=rel)
def test_issue_form_is_valid(path: Path) -> None:
    """The rules GitHub enforces when it loads an issue form (it shows no form otherwise)."""
    form = load(path)
    assert set(form) <= TOP_LEVEL_KEYS, f"unknown top-level keys: {set(form) - TOP_LEVEL_KEYS}"
    for key in ("name", "description"):
        assert isinstance(form.get(key), str) and form[key].strip(), f"{key} must be a non-empty string"
    assert isinstance(form.get("labels", []), list)
    body = form["body"]
    fields = [item for item in body if item["type"] != "markdown"]
    assert fields, "the body needs at least one field that is not markdown"
    ids = [item["id"] for item in body if "id" in item]
    assert len(ids) == len(set(ids)), "ids must be unique"
    labels = [item["attributes"]["label"] for item in fields]
    assert len(labels) == len(set(labels)), "labels must be unique"
    for item in body:
        assert item["type"] in FIELD_TYPES | {"markdown"}, item["type"]
        attributes = item["attributes"]
        if item["type"] == "markdown":
            assert isinstance(attributes["value"], str) and attributes["value"].strip()
            assert "validations" not in item
            continue
        assert re.fullmatch(r"[A-Za-z0-9_-]+", item["id"]), f"bad id {item['id']!r}"
        assert isinstance(attributes["label"], str) and attributes["label"].strip()
        assert isinstance(item.get("validations", {}).get("required", False), bool)
        if item["type"] == "dropdown":
            options = attributes["options"]
            assert options and all(isinstance(o, str) and o.strip() for o in options)
            assert len(options) == len(set(options)) and "None" not in options
        if item["type"] == "checkboxes":
            assert all(isinstance(o["label"], str) and o["label"].strip() for o in attributes["options"])


def fields_by_id(path: Path) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in load(path)["body"] if "id" in item}


def test_report_form_has_the_prefilled_check_id_field() -> None:
    # Claim pages link to issues/new?template=report-an-error.yml&check_id=<id>: the id must match.
    form = load(REPORT_FORM)
    fields = fields_by_id(REPORT_FORM)
    check_id = fields["check_id"]
    assert check_id["type"] == "input"
    assert check_id["attributes"]["label"] == "Fact check id"
    assert "us-cannot-deport-citizens" in check_id["attributes"]["description"]
    assert check_id["validations"]["required"] is True
    assert fields["problem"]["type"] == "textarea" and fields["problem"]["validations"]["required"] is True
    assert fields["evidence"]["type"] == "textarea"
    assert form["name"] == "Report an error in a fact check"
    assert form["title"].startswith("[Error]")
    assert form["labels"] == ["correction-request"]


def test_report_form_title_prefix_matches_the_prefilled_title() -> None:
    # Claim pages prefill title=[Error] <claim>; the form's own prefix should be the same.
    assert load(REPORT_FORM)["title"] == "[Error] "


def test_suggest_form_fields() -> None:
    form = load(SUGGEST_FORM)
    fields = fields_by_id(SUGGEST_FORM)
    assert form["name"] == "Suggest a claim to check"
    for required in ("claim", "where", "why"):
        assert fields[required]["validations"]["required"] is True, required
    assert fields["source_file"]["validations"]["required"] is False


def test_issue_config() -> None:
    config = load(ISSUE_CONFIG)
    assert config["blank_issues_enabled"] is True
    for link in config.get("contact_links", []):  # only real pages, with all three keys
        assert set(link) == {"name", "url", "about"} and link["url"].startswith("https://")


# --- pull request template ---------------------------------------------------------------------


def test_pr_template_is_the_contributor_checklist() -> None:
    text = PR_TEMPLATE.read_text(encoding="utf-8")
    assert "`factsite check`" in text
    assert "`mkdocs serve`" in text
    items = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(items) >= 9, items
    for needle in [
        "verbatim",
        "75 characters",
        "without the verdict",
        "ratings page",
        "primary",
        "raw HTML",
        "permalink",
        "`previous_rating`",
        "`updated`",
    ]:
        assert any(needle in item for item in items), f"no checklist item mentions {needle!r}"


# --- pre-commit --------------------------------------------------------------------------------


def project_scripts() -> dict[str, str]:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]


def check_hook_common(hook: dict[str, Any]) -> None:
    assert hook["id"] == "factsite-check"
    assert hook["name"] == "factsite check"
    assert hook["entry"] == "factsite check"
    assert shlex.split(hook["entry"])[0] in project_scripts()
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ["factchecks.yaml", "seeds/000_344faf7fb9d5f692.txt", "seeds/new.txt"]:
        assert files.search(path), path
    for path in ["src/factsite/cli.py", "docs/about.md", "myfactchecks.yaml", "oldseeds/a.txt"]:
        assert not files.search(path), path


def test_pre_commit_hooks_manifest() -> None:
    manifest = load(HOOKS_MANIFEST)
    assert isinstance(manifest, list) and len(manifest) == 1
    (hook,) = manifest
    check_hook_common(hook)
    assert hook["language"] == "python"


def test_pre_commit_config_uses_the_local_hook() -> None:
    config = load(PRE_COMMIT_CONFIG)
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    check_hook_common(hook)
    assert hook["language"] == "system"
    manifest_hook = load(HOOKS_MANIFEST)[0]
    assert {k: hook[k] for k in ("id", "entry", "files")} == {
        k: manifest_hook[k] for k in ("id", "entry", "files")
    }
