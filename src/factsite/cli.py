"""The ``factsite`` command line: validate checks and locate quotes without building the site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from factsite.input.desk_files import unfinished_settings
from factsite.input.invisible import escape_for_log
from factsite.input.loading import display_path
from factsite.input.problems import Problem, dumps_json, format_problem, github_annotation, problems_as_json
from factsite.input.seeds import SeedError, read_seed
from factsite.input.site_config import SiteConfigError, find_site_config, read_site_config
from factsite.messages import catalog_text
from factsite.quotes.anchoring import SeedSearch, align, disambiguate, find_quote
from factsite.quotes.project import read_project
from factsite.review.base import BaseError
from factsite.review.run import FORMATS, Format, run_diff
from factsite.starter.command import init


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factsite")
def main() -> None:
    """Validate fact checks against their sources, and find quotes in seeds."""


main.add_command(init)


@main.command()
@click.argument(
    "factchecks",
    required=False,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--seeds",
    "seeds_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of seed documents (default: seeds/ beside FACTCHECKS, or as ./mkdocs.yml says).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="json: machine-readable findings; github: workflow annotations on the PR diff.",
)
@click.option(
    "--docs",
    "docs_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the site's hand-written pages, where no generated page may already be and no "
    "text may still be marked TO BE FILLED IN (default: docs/ beside FACTCHECKS, when there is one, "
    "or as ./mkdocs.yml says).",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(
    factchecks: Path | None, seeds_dir: Path | None, output_format: str, docs_dir: Path | None, strict: bool
) -> None:
    """Validate FACTCHECKS and anchor every quote in its seed.

    Without FACTCHECKS, the files are where ./mkdocs.yml says (the factsite plugin's `data` and
    `seeds`, and `docs_dir`), as the build reads them; without mkdocs.yml, ./factchecks.yaml.

    Exits 0 when every check is valid and every quote anchored (warnings are printed but do not
    count, unless --strict), 1 when there are problems.
    """
    settings_warnings: list[Problem] = []
    factchecks, seeds_dir, site_docs, config = _desk_files(
        factchecks, seeds_dir, "check FILE", "'[FACTCHECKS]'"
    )
    if config is not None:
        docs_dir = docs_dir or site_docs
        settings_warnings = unfinished_settings(config)
    if docs_dir is None and config is None and (factchecks.parent / "docs").is_dir():
        docs_dir = factchecks.parent / "docs"
    report = read_project(factchecks, seeds_dir, docs_dir)
    warnings = tuple(sorted([*report.warnings, *settings_warnings], key=Problem.sort_key))
    ok = report.ok and not (strict and warnings)
    if output_format == "json":
        click.echo(
            dumps_json(
                {
                    "ok": ok,
                    "summary": {
                        "quotes": report.summary.quotes,
                        "anchored": report.summary.anchored,
                        "normalized": report.summary.normalized,
                        "ambiguous": report.summary.ambiguous,
                        "not_found": report.summary.not_found,
                        "line": report.summary.line(),
                    },
                    "problems": problems_as_json(report.problems),
                    "warnings": problems_as_json(warnings),
                }
            )
        )
    else:
        render = github_annotation if output_format == "github" else format_problem
        for problem in sorted([*report.problems, *warnings], key=Problem.sort_key):
            click.echo(render(problem))
        counts = [(len(report.problems), "problem"), (len(warnings), "warning")]
        found = [f"{n} {noun}{'s' if n != 1 else ''}" for n, noun in counts if n]
        if found:
            click.echo(f"\n{' and '.join(found)} found.")
        click.echo(report.summary.line())
    sys.exit(0 if ok else 1)


@main.command()
@click.argument("base", required=False)
@click.option(
    "--data",
    "factchecks",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The current fact checks (default: where ./mkdocs.yml puts them, else ./factchecks.yaml).",
)
@click.option(
    "--seeds",
    "seeds_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of seed documents (default: seeds/ beside --data).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="markdown: for a pull request's step summary; json: for tools; github: the text listing,"
    " then each problem of --check as an annotation on the pull request's diff.",
)
@click.option(
    "--check",
    "enforce",
    is_flag=True,
    help="Apply the editorial rules to published checks; exit 1 when one is broken.",
)
def diff(
    base: str | None, factchecks: Path | None, seeds_dir: Path | None, output_format: Format, enforce: bool
) -> None:
    """List the checks added, changed and removed since BASE.

    BASE is a git revision (a branch, tag or commit; default: the merge base of HEAD and
    origin/main) or a path to another factchecks.yaml (its seeds beside it). Each check is shown
    with its claim, its verdict before → after, the fields that changed and its quote in its
    sentence.

    With --check, a published check (one the base has) must keep to the corrections policy: a
    changed verdict gains a correction whose previous_rating is the old verdict; a check is never
    removed or renamed, but retracted (`retracted: {date, reason}`); a changed quote, claim or
    summary comes with a later `updated` date. Each broken rule is printed with its place in the
    --data file and its fix (in the format chosen: text, a Markdown section, JSON `problems` or
    GitHub annotations).

    Exits 0 when all is well, 1 when a rule is broken (with --check) or a side does not load,
    2 on usage errors (no such BASE, no origin/main to default to).
    """
    factchecks, seeds_dir, _, _ = _desk_files(factchecks, seeds_dir, "diff --data FILE", "'--data'")
    try:
        outcome = run_diff(base, factchecks, seeds_dir, output_format, enforce)
    except BaseError as error:
        raise click.UsageError(str(error)) from None
    click.echo(outcome.output)
    sys.exit(outcome.exit_code)


def _desk_files(
    factchecks: Path | None, seeds_dir: Path | None, name_it: str, param_hint: str
) -> tuple[Path, Path | None, Path | None, Path | None]:
    """The data, seeds and docs folder a command works on, and the site config they came from.

    Without a data file named, they are where ./mkdocs.yml puts them (the factsite plugin's `data`
    and `seeds`, and `docs_dir`), as the build reads them; without mkdocs.yml, ./factchecks.yaml.
    """
    config = find_site_config(Path()) if factchecks is None else None
    if config is not None:
        try:
            site = read_site_config(config)
        except SiteConfigError as err:
            raise click.UsageError(escape_for_log(f"{err} (or name the file: factsite {name_it})")) from None
        return site.data, seeds_dir or site.seeds, site.docs if site.docs.is_dir() else None, config
    if factchecks is None:
        factchecks = Path("factchecks.yaml")
        if not factchecks.is_file():
            missing = "no factchecks.yaml (and no mkdocs.yml) in this folder"
            raise click.BadParameter(missing, param_hint=param_hint)
    return factchecks, seeds_dir, None, None


def _resolve_seed(seed: str) -> Path:
    path = Path(seed)
    if path.is_file():
        return path
    beside = Path("seeds") / seed
    if beside.is_file():
        return beside
    raise click.BadParameter(f"no file '{escape_for_log(seed)}' (looked in . and seeds/)", param_hint="SEED")


def _say(line: str) -> None:
    """Print a line holding contributors' text: escaped, so it cannot forge another line."""
    click.echo(escape_for_log(line))


@main.command()
@click.argument("seed")
@click.argument("text")
def locate(seed: str, text: str) -> None:
    """Print every line:col where TEXT occurs in SEED, and what picks each one out.

    SEED is a path, or a file name in ./seeds. Exits 0 when TEXT is found, 1 when not.
    """
    path = _resolve_seed(seed)
    try:
        parsed = read_seed(path.parent, path.name)
    except SeedError as err:
        _say(f"{display_path(path)}:{err.line}:{err.column}: error: seed {err.message}")
        _say(f"  fix: {err.fix}")
        sys.exit(1)
    search = SeedSearch(parsed)
    name = display_path(path)
    spans, normalized = find_quote(search, text)
    how = " after normalization" if normalized else ""
    if not spans:
        closest = search.closest(text)
        _say(f"not found in {name}")
        if closest:
            line, col = search.line_col(closest.span.start)
            _say(f"closest passage ({closest.similarity}% similar) at {name}:{line}:{col}:")
            for row in align(text, closest.text):
                _say("  " + row)
        sys.exit(1)
    _say(f"{len(spans)} match{'es' if len(spans) != 1 else ''}{how} in {name}:")
    hints = disambiguate(search, spans) if len(spans) > 1 else ()
    for index, span in enumerate(spans):
        line, col = search.line_col(span.start)
        _say(f"{name}:{line}:{col}")
        if normalized:
            _say(f"  seed text: {parsed.text[span.start:span.end]!r}")
        if hints:
            _say(f"  {hints[index].as_yaml()}")
    if len(spans) == 1:
        _say("unique: a check quoting it needs no prefix or suffix")


@main.command()
@click.option(
    "--language",
    metavar="LANG",
    help="A language code (es, pt-BR): its catalog, with the translations factsite ships for it "
    "filled in. Without it, the template (.pot) with every message.",
)
def strings(language: str | None) -> None:
    """Print factsite's message catalog for translators (gettext .po/.pot).

    Every text factsite writes on the site, once: its English text is the msgid. Translate each
    msgstr (plural messages: one msgstr[N] per form of the language's Plural-Forms), then either
    contribute the file to factsite as src/factsite/messages/locale/LANG.po or put the texts under
    the plugin's `strings:` option in mkdocs.yml (msgid: text; a list for plural forms).
    """
    if language is not None and not language.replace("-", "").replace("_", "").isalnum():
        raise click.BadParameter("must be a language code such as es, fr or pt-BR", param_hint="--language")
    click.echo(catalog_text(language), nl=False)

