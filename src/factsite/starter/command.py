"""``factsite init DIR``: a new desk's repository, ready to check, build and publish."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from factsite.input.desk_files import MARKER
from factsite.input.invisible import escape_for_log
from factsite.input.schema import SCHEMA_FILE
from factsite.messages import SHIPPED, base_language
from factsite.starter.desk import (
    DEFAULT_LANGUAGE,
    DEFAULT_SITE_NAME,
    DEFAULT_SITE_URL,
    DeskOptions,
    conflicts,
    desk_files,
    language_problem,
    publisher_problem,
    requirement_problem,
    site_name_problem,
    site_url_problem,
    update_schema,
    write_files,
)
from factsite.starter.requirement import FACTSITE_REPOSITORY, default_requirement

Check = Callable[[str], "str | None"]


def _checked(check: Check) -> Callable[[str], str]:
    """A value for click (an option or an answer to a prompt): returned when ``check`` finds
    nothing wrong, else refused with what is wrong (click asks again, or exits with status 2)."""

    def convert(value: str) -> str:
        problem = check(value)
        if problem:
            raise click.BadParameter(escape_for_log(problem))
        return value

    return convert


def _option_check(check: Check) -> Callable[[click.Context, click.Parameter, str | None], str | None]:
    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        return None if value is None else _checked(check)(value)

    return callback


def _say(line: str) -> None:
    click.echo(escape_for_log(line))


@click.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--site-name", callback=_option_check(site_name_problem), help="The site's name (site_name).")
@click.option(
    "--publisher",
    callback=_option_check(publisher_problem),
    help="Who publishes the checks: the desk or its organisation (default: the site name).",
)
@click.option(
    "--site-url",
    callback=_option_check(site_url_problem),
    help=f"The published site's address, e.g. https://owner.github.io/repo/ (default: {DEFAULT_SITE_URL}; "
    "the deploy workflow sets the real one).",
)
@click.option(
    "--language",
    callback=_option_check(language_problem),
    help=f"The site's language for the theme, e.g. en, fr, pt-BR (default: {DEFAULT_LANGUAGE}).",
)
@click.option(
    "--factsite-requirement",
    "requirement",
    callback=_option_check(requirement_problem),
    help="What requirements.txt installs (default: where this factsite was installed from, "
    f"else {FACTSITE_REPOSITORY} at this version's tag).",
)
@click.option(
    "--prompt/--no-prompt",
    default=None,
    help="Ask for each option not given (default: when run in a terminal), or take its default.",
)
@click.option(
    "--update-schema",
    is_flag=True,
    help=f"Only write the installed factsite's {SCHEMA_FILE} into FOLDER (after upgrading factsite).",
)
def init(
    folder: Path,
    site_name: str | None,
    publisher: str | None,
    site_url: str | None,
    language: str | None,
    requirement: str | None,
    prompt: bool | None,
    update_schema: bool,
) -> None:
    """Start a fact-check desk's repository in FOLDER.

    FOLDER (made if missing) gets the site's settings, an empty data set, the pages only the desk
    can finish, the pull request and deploy workflows and the issue forms: ready to check, build
    and publish.

    Nothing is ever overwritten: when any of the files is already there, nothing is written and
    the command exits with status 2, listing them. Parts only the desk can write are marked
    TO BE FILLED IN; `factsite check` lists each one until it is replaced.
    """
    if update_schema:
        _update_schema(folder)
        return
    found = conflicts(folder)
    if found:
        _say(f"factsite init: {folder} already holds what it would write; nothing was written:")
        for entry in found:
            _say(f"  {entry}")
        _say("Move them away, or start the desk in a new or empty folder.")
        sys.exit(2)
    if prompt is None:
        prompt = sys.stdin is not None and sys.stdin.isatty()

    def ask(value: str | None, label: str, default: str, check: Check) -> str:
        if value is not None:
            return value
        if not prompt:
            return default
        return str(click.prompt(label, default=default, value_proc=_checked(check)))

    installed = default_requirement()
    site_name = ask(site_name, "Site name", DEFAULT_SITE_NAME, site_name_problem)
    who = "Publisher (the desk or its organisation)"
    options = DeskOptions(
        site_name=site_name,
        publisher=ask(publisher, who, site_name.strip(), publisher_problem),
        site_url=ask(site_url, "Site address", DEFAULT_SITE_URL, site_url_problem),
        language=ask(language, "Language", DEFAULT_LANGUAGE, language_problem),
        requirement=requirement if requirement is not None else installed.line,
    )
    files = desk_files(options)
    try:
        write_files(folder, files)
    except OSError as err:
        raise click.ClickException(
            escape_for_log(f"cannot write into {folder}: {err.strerror or err}; nothing was written")
        ) from None
    _say(f"Started a desk in {folder}: {len(files)} files.")
    if base_language(options.language) not in SHIPPED:
        _say(f"factsite has no catalog for {options.language} yet: the site is built in English, and")
        _say("`mkdocs build --strict` fails, until mkdocs.yml's factsite `strings:` gives every message")
        _say(f"in {options.language} (`factsite strings --language {options.language}` lists them).")
    if requirement is None and installed.guessed:
        _say(f"requirements.txt installs {installed.line}: this factsite does not say where it came")
        _say("from; if that is not where your desk gets it, edit that line (or pass --factsite-requirement).")
    _say("")
    _say("Next, in that folder:")
    _say("  python3 -m venv .venv && . .venv/bin/activate")
    _say("  pip install -r requirements.txt && mkdocs serve      # preview at http://127.0.0.1:8000/")
    _say("  factsite check && mkdocs build --strict              # what every pull request runs")
    _say("")
    _say(f"`factsite check` lists each place marked {MARKER} (the desk's own description, facts and")
    _say("policies); `factsite check --strict` fails until all are written. README.md says the rest.")


def _update_schema(folder: Path) -> None:
    if not folder.is_dir():
        raise click.BadParameter(escape_for_log(f"{folder} is not a folder"), param_hint="FOLDER")
    path, changed = update_schema(folder)
    if changed:
        _say(f"Wrote {path}: the data format of the installed factsite.")
    else:
        _say(f"{path} is already the data format of the installed factsite.")
