"""The ``factsite`` plugin's options, validated by MkDocs' own config classes.

``data`` and ``seeds`` are relative to the folder of ``mkdocs.yml``, as every path in it is.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError


class _Text(c.Type[str]):
    """A string that says something: an empty or blank value is an error, not a silent default."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not text.strip():
            raise ValidationError("must not be empty; remove the option to use the default")
        return text


class FactsiteConfig(base.Config):  # type: ignore[no-untyped-call]
    # Who publishes the checks: the author of every ClaimReview (default: the site name).
    publisher = c.Optional(_Text())
    # The fact checks, and the folder of the documents they quote.
    # `data_`: MkDocs reads it as the option `data` (a Config is a UserDict, whose own `data` it would hide).
    data_ = c.File(exists=False, default="factchecks.yaml")
    seeds = c.Dir(exists=False, default="seeds")


# What the deprecated ``extra.factsite`` mapping may hold; a ``hooks:`` site reads all its options there.
OPTION_NAMES = ("publisher", "data", "seeds")
