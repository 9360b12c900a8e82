"""Where each claimant's and each topic's page lives: one slug per name, unique and stable from
build to build.

A claimant is the exact name the checks give in ``claimant``; a topic, the exact text of a tag.
Names whose slugs collide ("Marco Rubio", "marco rubio", "Marco Rubió") each keep a page of their
own: the name checked first keeps the plain slug, the others get ``-2``, ``-3``... in the order
they were first checked (then by name), so adding a claimant or topic never moves an existing page.
A name with no Latin letter or digit (Arabic, Chinese...) gets ``claimant-`` (``topic-``) and a
short hash of it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable

from factsite.input.schema import slugify
from factsite.model import Check
from factsite.urls import RESERVED_IDS

_SLUG_CHARACTER = re.compile(r"[a-z0-9]")


def base_slug(name: str, kind: str = "claimant") -> str:
    """The slug a name suggests, before collisions are settled; never a reserved id."""
    ascii_text = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    if _SLUG_CHARACTER.search(ascii_text.lower()):
        return slugify(name)
    digest = hashlib.sha256(unicodedata.normalize("NFC", name).encode("utf-8")).hexdigest()[:10]
    return f"{kind}-{digest}"


def claimant_slugs(checks: Iterable[Check]) -> dict[str, str]:
    """Every claimant of ``checks`` (retracted ones too, so a retraction never moves a page) -> slug."""
    return _stable_slugs(((check.claimant, check.published) for check in checks), "claimant")


def topic_slugs(checks: Iterable[Check]) -> dict[str, str]:
    """Every topic (tag) of ``checks``, retracted ones' too -> slug."""
    return _stable_slugs(((tag, check.published) for check in checks for tag in check.tags), "topic")


def _stable_slugs(named: Iterable[tuple[str, dt.date]], kind: str) -> dict[str, str]:
    first_checked: dict[str, dt.date] = {}
    for name, published in named:
        known = first_checked.get(name)
        if known is None or published < known:
            first_checked[name] = published
    groups: dict[str, list[str]] = {}
    for name in first_checked:
        groups.setdefault(base_slug(name, kind), []).append(name)
    taken = set(groups) | RESERVED_IDS
    slugs: dict[str, str] = {}
    for base in sorted(groups):
        names = sorted(groups[base], key=lambda n: (first_checked[n], n))
        slugs[names[0]] = base
        number = 1
        for name in names[1:]:
            number += 1
            while f"{base}-{number}" in taken:
                number += 1
            slugs[name] = f"{base}-{number}"
            taken.add(slugs[name])
    return slugs
