"""The ``factsite`` plugin's options, validated by MkDocs' own config classes.

``data`` and ``seeds`` are relative to the folder of ``mkdocs.yml``, as every path in it is.
"""

from __future__ import annotations

import re

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from factsite.input.invisible import code_point, refused_in_field
from factsite.input.markdown import markdown_problem
from factsite.input.schema import web_address_problem

MAX_DESK_TEXT = 20_000  # characters of one desk fact, as for a Markdown field of a check
_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]+")


class _Text(c.Type[str]):
    """A string that says something: an empty or blank value is an error, not a silent default."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not text.strip():
            raise ValidationError("must not be empty; remove the option to use the default")
        refused = refused_in_field(text)
        if refused:
            raise ValidationError(
                f"holds an invisible control character ({code_point(text[refused[0]])}) at character "
                f"{refused[0] + 1}; delete it"
            )
        return text


class _Markdown(_Text):
    """Markdown the desk writes about itself: bounded and nested no deeper than a check's fields."""

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if len(text) > MAX_DESK_TEXT:
            length = f"{len(text):,}"
            raise ValidationError(f"is {length} characters long; at most {MAX_DESK_TEXT:,} are published")
        problem = markdown_problem(text)
        if problem:
            message, fix = problem
            raise ValidationError(f"{message}; {fix}")
        return text


class _Contact(_Text):
    """How readers reach the desk: an email address or the http(s) address of a contact page."""

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).strip()
        if _EMAIL.fullmatch(text):
            return text
        problem = web_address_problem(text)
        if problem:
            raise ValidationError(
                "must be an email address (desk@example.org) or the https:// address of a contact page: "
                + problem
            )
        return text


class _Strings(c.Type[dict]):  # type: ignore[type-arg]
    """The desk's words for factsite's messages: message (its English text) -> text, or for a
    message with plural forms the list of its forms, in the order of the language's plural rule."""

    def __init__(self) -> None:
        super().__init__(dict, default={})

    def run_validation(self, value: object) -> dict[str, str | tuple[str, ...]]:
        mapping = super().run_validation(value)
        strings: dict[str, str | tuple[str, ...]] = {}
        for key, text in mapping.items():
            if not isinstance(key, str) or not key:
                raise ValidationError(f"{key!r}: each key is a message, its English text in quotes")
            if isinstance(text, str) and text.strip():
                strings[key] = text
            elif isinstance(text, list) and text and all(isinstance(f, str) and f.strip() for f in text):
                strings[key] = tuple(text)
            else:
                raise ValidationError(
                    f"{key!r}: give a text, or for a message with plural forms a list of texts (one per form)"
                )
            for form in (text if isinstance(text, list) else [text]):
                refused = refused_in_field(form)
                if refused:
                    raise ValidationError(
                        f"{key!r} holds an invisible control character ({code_point(form[refused[0]])}); "
                        "delete it"
                    )
        return strings


class _Count(c.Type[int]):
    """A whole number of at least one."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool):  # YAML's yes/no: a bool is an int to Python
            raise ValidationError(f"must be a whole number, not {value!r}")
        number = super().run_validation(value)
        if number < 1:
            raise ValidationError(f"must be at least 1, not {number}")
        return number


class FactsiteConfig(base.Config):  # type: ignore[no-untyped-call]
    # Who publishes the checks: the author of every ClaimReview (default: the site name).
    publisher = c.Optional(_Text())
    # What the desk publishes about itself (the IFCN code of principles asks for them): shown on the
    # about page and in the publisher's JSON-LD.
    contact = c.Optional(_Contact())
    funding = c.Optional(_Markdown())
    ownership = c.Optional(_Markdown())
    editorial_team = c.Optional(_Markdown())
    # The fact checks, and the folder of the documents they quote.
    # `data_`: MkDocs reads it as the option `data` (a Config is a UserDict, whose own `data` it would hide).
    data_ = c.File(exists=False, default="factchecks.yaml")
    seeds = c.Dir(exists=False, default="seeds")
    # The desk's own words for any of factsite's messages, in the site's language (`theme.language`):
    # they replace the shipped catalog's, or stand in for a language factsite has no catalog for.
    strings = _Strings()
    # How many entries the feed holds: the newest checks, corrections and retractions. claims.json
    # and claims.csv keep everything.
    feed_size = _Count(default=50)
    # How many items each page of a listing shows (all fact checks, a claimant's, a verdict's, a
    # topic's, sources, claimants, topics, corrections): no page grows with the number of checks.
    page_size = _Count(default=50)
    # The site's search (Pagefind, run after every build, behind Material's search box). `false`
    # builds without it: no index, no search box (unless Material's own `search` plugin is listed).
    search = c.Type(bool, default=True)


# What the deprecated ``extra.factsite`` mapping may hold; a ``hooks:`` site reads all its options there.
OPTION_NAMES = (
    "publisher", "data", "seeds", "contact", "funding", "ownership", "editorial_team", "strings", "feed_size",
    "page_size", "search",
)
