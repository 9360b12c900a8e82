"""The files of a new desk, made from ``skeleton/`` and the options the desk gives.

The options reach the files only escaped for where they land: YAML scalars written by PyYAML (and
read back to prove it), Markdown with every character that could start markup escaped. Options
that the theme would put into pages unescaped are refused instead. Nothing is ever overwritten:
``conflicts`` lists what is already there, and ``write_files`` writes all files or none.
"""

from __future__ import annotations

import contextlib
import html
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from factsite.input.desk_files import MARKER
from factsite.input.invisible import code_point, refused_in_field
from factsite.input.schema import SCHEMA_FILE, web_address_problem
from factsite.input.site_config import load_config_text
from factsite.starter.requirement import FACTSITE_REPOSITORY

DEFAULT_SITE_NAME = "Fact checks"
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
DEFAULT_LANGUAGE = "en"
MAX_NAME = 120

# Every file a new desk gets, as written in the desk. In ``skeleton/`` each is stored without the
# leading dots of its path (``.github/...`` as ``github/...``): a `.gitignore` inside this package
# would apply to the package's own folder.
FILES = (
    "README.md",
    "requirements.txt",
    "mkdocs.yml",
    "factchecks.yaml",
    SCHEMA_FILE,
    "seeds/README.md",
    "docs/about.md",
    "docs/methodology.md",
    "docs/corrections-policy.md",
    ".github/workflows/pr.yml",
    ".github/workflows/deploy.yml",
    ".github/ISSUE_TEMPLATE/config.yml",
    ".github/ISSUE_TEMPLATE/report-an-error.yml",
    ".github/ISSUE_TEMPLATE/suggest-a-claim.yml",
    ".github/pull_request_template.md",
    ".pre-commit-config.yaml",
    ".gitignore",
)
# The files that hold `{{name}}` slots, and how a value is escaped in each.
TEMPLATES = {
    "README.md": "markdown",
    "requirements.txt": "text",
    "mkdocs.yml": "yaml",
    "docs/about.md": "markdown",
    "docs/methodology.md": "markdown",
    "docs/corrections-policy.md": "markdown",
}
_SLOT = re.compile(r"\{\{([a-z_]+)\}\}")

# The languages Material for MkDocs has a translation for (`theme.language`; another one stops the
# build). tests/test_init.py keeps this list within the installed theme's.
_LANGUAGE_LIST = (
    "af ar az be bg bn ca cs cy da de el en eo es et eu fa fi fr gl he hi hr hu hy id is it ja ka kn "
    "ko ku-IQ lb lt lv mk mn ms my nb nl nn pl pt pt-BR ro ru sa sh si sk sl sq sr sv ta te th tl tr "
    "uk ur uz vi zh zh-Hant zh-TW"
)
MATERIAL_LANGUAGES = frozenset(_LANGUAGE_LIST.split())
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")
# Line breaks of any kind, as Python and YAML read them.
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


@dataclass(frozen=True)
class DeskOptions:
    site_name: str
    publisher: str
    site_url: str
    language: str
    requirement: str


# -- checking the options: each returns what is wrong, or None --------------------------------------


def _one_line_problem(value: str, limit: int) -> str | None:
    if not value.strip():
        return "must not be empty"
    if _LINE_BREAKS.search(value):
        return "must be one line"
    refused = refused_in_field(value)
    if refused:
        return f"holds the invisible control character {code_point(value[refused[0]])}"
    if len(value) > limit:
        return f"is {len(value)} characters long; at most {limit}"
    return None


def site_name_problem(value: str) -> str | None:
    problem = _one_line_problem(value, MAX_NAME)
    if problem is None and any(ch in value for ch in '<>"'):
        # Material writes site_name into the header, the title and an attribute unescaped.
        problem = "must not contain <, > or \" (the theme writes the site name into its pages unescaped)"
    return problem


def publisher_problem(value: str) -> str | None:
    return _one_line_problem(value, MAX_NAME)


def site_url_problem(value: str) -> str | None:
    problem = _one_line_problem(value, 2000) or web_address_problem(value.strip())
    if problem is None:
        parts = urlsplit(value.strip())
        if parts.query or parts.fragment or value.strip().endswith(("?", "#")):
            problem = "must be the address of the site's home, without ?query or #fragment"
    return problem


def language_problem(value: str) -> str | None:
    if not _LANGUAGE.fullmatch(value):
        return "must be a language code such as en, fr or pt-BR"
    if value in MATERIAL_LANGUAGES:
        return None
    close = [code for code in sorted(MATERIAL_LANGUAGES) if code.lower() == value.lower()]
    close = close or [code for code in (value.split("-")[0].lower(),) if code in MATERIAL_LANGUAGES]
    hint = f"; did you mean {close[0]}?" if close else ""
    return f"'{value}' has no translation in Material for MkDocs, the theme{hint}"


def requirement_problem(value: str) -> str | None:
    problem = _one_line_problem(value, 2000)
    if problem is None and value.strip().startswith("-"):
        problem = "must be a requirement (a name, or `name @ URL`), not a pip option"
    return problem


def site_url_as_written(value: str) -> str:
    """The home page's address, ending in `/` as MkDocs wants it."""
    url = value.strip()
    return url if urlsplit(url).path.endswith("/") else url + "/"


# -- escaping -----------------------------------------------------------------------------------


def yaml_scalar(value: str) -> str:
    """``value`` as one double-quoted YAML scalar, which reads back as exactly ``value``."""
    text = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=sys.maxsize).rstrip("\n")
    if "\n" in text or yaml.safe_load(text) != value:
        raise ValueError(f"cannot write {value!r} as one line of YAML")
    return text


# Characters that start inline markup in Python-Markdown (and CommonMark), escaped with a backslash;
# <, > and & become character references.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#])")
_LIST_START = re.compile(r"^(\d+)([.)])|^([-+])")


def markdown_text(value: str) -> str:
    """``value`` as Markdown text that shows exactly ``value``, even at the start of a line."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(value, quote=False))
    return _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def _fill(template: str, values: Mapping[str, str], name: str) -> str:
    def slot(found: re.Match[str]) -> str:
        if found[1] not in values:
            raise KeyError(f"skeleton/{name} has the unknown slot {found[0]}")
        return values[found[1]]

    # One pass: a value holding `{{...}}` is written as it is, never filled in again.
    return _SLOT.sub(slot, template)


# -- the files ----------------------------------------------------------------------------------


def skeleton_name(target: str) -> str:
    """Where ``skeleton/`` keeps the file written as ``target``."""
    return "/".join(part.removeprefix(".") for part in target.split("/"))


def installed_schema() -> bytes:
    return resources.files("factsite.input").joinpath(SCHEMA_FILE).read_bytes()


def desk_files(options: DeskOptions) -> dict[str, bytes]:
    """Every file of the new desk (path relative to its folder -> contents)."""
    if not re.fullmatch(r"[A-Z][A-Z ]*[A-Z]", MARKER):  # written as it is into YAML and Markdown
        raise ValueError(f"the marker {MARKER!r} needs escaping")
    site_url = site_url_as_written(options.site_url)
    raw = {"marker": MARKER, "factsite_repository": FACTSITE_REPOSITORY}
    values = {
        "yaml": {
            **raw,
            "site_name": yaml_scalar(options.site_name.strip()),
            "publisher": yaml_scalar(options.publisher.strip()),
            "site_url": yaml_scalar(site_url),
            "language": yaml_scalar(options.language),
        },
        "markdown": {
            **raw,
            "site_name": markdown_text(options.site_name.strip()),
            "publisher": markdown_text(options.publisher.strip()),
        },
        "text": {**raw, "factsite_requirement": options.requirement.strip()},
    }
    skeleton = resources.files("factsite.starter").joinpath("skeleton")
    files: dict[str, bytes] = {}
    for target in FILES:
        if target == SCHEMA_FILE:
            files[target] = installed_schema()
            continue
        content = skeleton.joinpath(skeleton_name(target)).read_bytes()
        if target in TEMPLATES:
            text = _fill(content.decode("utf-8"), values[TEMPLATES[target]], target)
            content = text.encode("utf-8")
        files[target] = content
    _check_settings(files["mkdocs.yml"], options)
    return files


def _check_settings(written: bytes, options: DeskOptions) -> None:
    """Read the written mkdocs.yml back: the options must come out exactly as given."""
    config = load_config_text(written.decode("utf-8"))
    factsite = next(p["factsite"] for p in config["plugins"] if isinstance(p, dict) and "factsite" in p)
    read = (config["site_name"], factsite["publisher"], config["theme"]["language"])
    given = (options.site_name.strip(), options.publisher.strip(), options.language)
    if read != given:
        raise ValueError(f"mkdocs.yml would read {read!r}, not {given!r}")


def conflicts(folder: Path, targets: tuple[str, ...] = FILES) -> list[str]:
    """The targets (or folders on their way) already in ``folder``; nothing may be overwritten."""
    if folder.exists() and not folder.is_dir():
        return [f"{folder} (a file, not a folder)"]
    found: list[str] = []
    for target in targets:
        parts = target.split("/")
        for depth in range(1, len(parts)):
            parent = "/".join(parts[:depth])
            path = folder / parent
            if (path.exists() or path.is_symlink()) and not path.is_dir():
                entry = f"{parent} (a file where a folder is needed)"
                if entry not in found:
                    found.append(entry)
        path = folder / target
        if path.exists() or path.is_symlink():
            found.append(target)
    return found


def write_files(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` into ``folder``: all of them, or (on an error) none, the error raised."""
    made_dirs: list[Path] = []
    written: list[Path] = []
    try:
        for target, content in files.items():
            path = folder / target
            missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
            for directory in reversed(missing):
                directory.mkdir()
                made_dirs.append(directory)
            with path.open("xb") as file:  # never replaces a file, even one made meanwhile
                written.append(path)
                file.write(content)
    except BaseException:
        for path in reversed(written):
            path.unlink(missing_ok=True)
        for directory in reversed(made_dirs):
            with contextlib.suppress(OSError):
                directory.rmdir()
        raise


def update_schema(folder: Path) -> tuple[Path, bool]:
    """Write the installed schema as ``folder``/factchecks.schema.json; whether it changed."""
    path = folder / SCHEMA_FILE
    content = installed_schema()
    try:
        same = path.read_bytes() == content
    except FileNotFoundError:
        same = False
    if not same:
        path.write_bytes(content)
    return path, not same
