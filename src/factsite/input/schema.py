"""Checking the shape of ``factchecks.yaml`` against its JSON Schema, with messages people can act on.

The schema file is the single definition of the format: editors use it for completion, and the
loader uses the very same file here, so the two cannot disagree about what is allowed.
"""

from __future__ import annotations

import difflib
import html
import json
import re
import unicodedata
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import fastjsonschema

if TYPE_CHECKING:
    from jsonschema import Draft7Validator
    from jsonschema.exceptions import ValidationError

from factsite.input.problems import Problem
from factsite.input.yaml_reader import Document, KeyPath
from factsite.urls import RESERVED_IDS

SCHEMA_FILE = "factchecks.schema.json"


@cache
def schema() -> dict[str, Any]:
    text = resources.files("factsite.input").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator() -> Draft7Validator:
    # Imported on first need: only files with mistakes get here, and the import is slow.
    from jsonschema import Draft7Validator

    return Draft7Validator(schema())


@cache
def _fast_validator() -> Callable[[Any], Any]:
    # Compiled to Python code: about 15x faster than jsonschema on 10,000 checks, but it stops
    # at the first error. Valid files (the usual case) take this path only.
    return fastjsonschema.compile(schema())


def _pattern(name: str) -> str:
    return str(schema()["definitions"][name]["pattern"])


_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of `key: value` lines",
    "integer": "a whole number",
    "boolean": "true or false",
}


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, bytes):  # `!!binary`
        return "binary data"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


# Dot-separated labels of letters, digits and inner hyphens (any script: IDN hosts), or [IPv6].
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\.?|\[[0-9a-fA-F:.]+\]")


_ORDINARY_URL = re.compile(r"https?://(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:[/?#][^\s]*)?\Z")


def web_address_problem(url: str) -> str | None:
    """Why ``url`` is not a usable http(s) address of a page, or None when it is.

    Shared by the schema's messages and the loader, which also catches what the schema's pattern
    lets through (Python's ``$`` matches before a final line break).
    """
    if _ORDINARY_URL.match(url):  # nearly every address: checked without taking it apart
        return None
    if any(ch.isspace() for ch in url):
        return "contains a space or line break"
    scheme, sep, _ = url.partition("://")
    if not sep:
        scheme = url.split(":", 1)[0] if ":" in url else ""
        if scheme and scheme.lower() not in ("http", "https"):
            return f"uses the '{scheme}:' scheme; only http:// and https:// links are allowed"
        return "is not a full address: write it starting with https://"
    if scheme.lower() not in ("http", "https"):
        return f"uses the '{scheme}:' scheme; only http:// and https:// links are allowed"
    parts = urlsplit(url)
    if "@" in parts.netloc:
        return "has a user name or password before the host, which can disguise where it leads"
    if not parts.hostname:
        return "has no host name"
    host = parts.netloc if parts.netloc.endswith("]") else parts.netloc.rsplit(":", 1)[0]
    if not _HOST.fullmatch(host):
        return f"has an invalid host name '{host}'"
    try:
        parts.port  # noqa: B018  # raises on a port that is not a number from 0 to 65535
    except ValueError:
        return "has an invalid port"
    return None


def slugify(text: str) -> str:
    """A URL-safe id suggested for ``text``: accents dropped (café -> cafe), never a reserved id."""
    ascii_text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-") or "my-id"
    return f"{slug}-1" if slug in RESERVED_IDS else slug


def topic_key(tag: str) -> str:
    """What makes two tags one topic: the element id the theme makes for it (Material's tags plugin
    slugifies lowercase, keeping letters, digits, hyphens and underscores), so two spellings can
    never give two elements one id."""
    text = html.escape(unicodedata.normalize("NFC", tag).strip()).lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def describe(path: KeyPath, data: Any) -> str:
    """A reader's name for the thing at ``path``: "check 'x'", "source #2", "the file"."""
    if len(path) >= 2 and path[0] in ("checks", "sources", "ratings") and isinstance(path[1], int):
        noun = {"checks": "check", "sources": "source", "ratings": "rating"}[path[0]]
        try:
            item = data[path[0]][path[1]]
            name = item.get("key" if noun == "rating" else "id")
        except (KeyError, IndexError, TypeError, AttributeError):
            name = None
        label = f"{noun} '{name}'" if isinstance(name, str) else f"{noun} #{path[1] + 1}"
        rest = [str(p) for p in path[2:] if not isinstance(p, int)]
        return f"{label}, field `{'.'.join(rest)}`" if rest else label
    if not path:
        return "the file"
    return "`" + ".".join(str(p) for p in path if not isinstance(p, int)) + "`"


def _field(path: KeyPath) -> str:
    names = [str(p) for p in path if not isinstance(p, int)]
    return names[-1] if names else "value"


def _problem(doc: Document, filename: str, err: ValidationError) -> list[Problem]:
    path: KeyPath = tuple(err.absolute_path)
    where = describe(path, doc.data)
    mark = doc.mark(path)

    def make(kind: str, message: str, fix: str, at: KeyPath | None = None) -> Problem:
        m = mark if at is None else doc.key_mark(at)
        return Problem(kind, filename, m.line, m.column, message, fix)

    # jsonschema types these as possibly unset; for an error from our schema they are set.
    validator: Any = err.validator
    value: Any = err.instance
    rule: Any = err.validator_value
    rule_schema: Any = err.schema
    if validator == "required":
        missing = re.match(r"'([^']+)' is a required property", err.message)
        name = missing.group(1) if missing else "?"
        message = f"{where} is missing the required field `{name}`"
        return [make("missing-field", message, f"add `{name}:` to it")]
    if validator == "additionalProperties":
        allowed = sorted(rule_schema.get("properties", {}))
        problems = []
        for key in sorted(set(value) - set(allowed)):
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            fix = (
                f"did you mean `{close[0]}`?"
                if close
                else f"remove it; allowed keys are {', '.join(allowed)}"
            )
            problems.append(make("unknown-key", f"unknown key `{key}` in {where}", fix, at=(*path, key)))
        return problems
    if validator == "type":
        expected = _TYPE_NAMES.get(str(rule), str(rule))
        if not path:
            message = "the file must be a mapping with `sources:` and `checks:`"
            return [make("wrong-type", message, "start from the sample factchecks.yaml")]
        if value is None:
            fix = "give it a value or remove the key"
        elif rule == "string":
            fix = "put the value in quotes"
        elif rule == "array":
            fix = "write it as a list, one `- item` per line"
        else:
            fix = f"write {expected}"
        return [make("wrong-type", f"{where} must be {expected}, not {_kind_of(value)}", fix)]
    if validator == "pattern":
        pattern = rule
        if pattern == _pattern("slug"):
            message = f"{where} {value!r} is not a URL-safe slug"
            fix = f"use lowercase letters, digits and single hyphens, e.g. '{slugify(value)}'"
            return [make("bad-slug", message, fix)]
        if pattern == _pattern("date"):
            message = f"{where} {value!r} is not a date written YYYY-MM-DD"
            return [make("bad-date", message, "write the date as YYYY-MM-DD, e.g. 2025-02-04")]
        if pattern == _pattern("url"):
            why = web_address_problem(value) or "is not a full http(s) address"
            fix = "link to the page's full http:// or https:// address, or remove the url"
            return [make("bad-url", f"{where} {value!r} {why}", fix)]
        if pattern == _pattern("language"):
            message = f"{where} {value!r} is not a language tag"
            fix = "write a BCP 47 language tag: a two- or three-letter code, e.g. fr, pt-BR or zh-Hant"
            return [make("bad-language", message, fix)]
        if pattern == _pattern("text"):
            if not value:  # minLength reports it as empty already
                return []
            return [make("empty-value", f"{where} is blank", "write the text or remove the key")]
    if validator == "maxLength":
        limit = rule
        if _field(path) == "claim":
            message = f"{where} is {len(value)} characters; a claim is at most {limit}"
            fix = "restate the claim more briefly; details belong in `summary`"
            return [make("claim-too-long", message, fix)]
        item = f" (item {path[-1] + 1})" if isinstance(path[-1], int) else ""
        message = f"{where}{item} is {len(value):,} characters; at most {limit:,} allowed"
        return [make("too-long", message, "shorten it")]
    if validator == "maxItems":
        message = f"{where} has {len(value)} entries; at most {rule} allowed"
        return [make("too-many", message, "merge or remove some")]
    if validator in ("minLength", "minItems"):
        return [make("empty-value", f"{where} is empty", "fill it in or remove the key")]
    if validator == "minimum":
        message = f"{where} must be at least {rule}, not {value}"
        return [make("bad-value", message, f"use a number from {rule} up")]
    if validator == "enum":
        options = ", ".join(map(str, rule))
        message = f"{where} must be one of {options}, not {value!r}"
        return [make("bad-value", message, f"use one of {options}")]
    fix = "see the schema in src/factsite/input/factchecks.schema.json"
    return [make("invalid", f"{where}: {err.message}", fix)]


def schema_problems(doc: Document, filename: str) -> list[tuple[KeyPath, Problem]]:
    """Every way the document breaks the schema, each with the path of the offending value."""
    try:
        _fast_validator()(doc.data)
        return []
    except fastjsonschema.JsonSchemaValueException:
        pass  # jsonschema finds every error, with the details the messages need
    return [
        (tuple(err.absolute_path), problem)
        for err in _validator().iter_errors(doc.data)
        for problem in _problem(doc, filename, err)
    ]

