"""The plain data every other module works on: seeds, ratings, sources, checks and their anchors."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

# Seeds may end their lines with LF, CRLF or (old Mac files) a lone CR.
LINE_BREAK = re.compile(r"\r\n?|\n")


class LineIndex:
    """Maps character offsets of a text to 1-based line and column numbers."""

    def __init__(self, text: str):
        self._starts = [0]
        self._starts.extend(m.end() for m in LINE_BREAK.finditer(text))

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """The character offset of 1-based ``line`` and ``column`` (the inverse of ``line_col``)."""
        return self._starts[min(line, len(self._starts)) - 1] + column - 1


# A language tag as factsite takes it (BCP 47, loosely): a two- or three-letter language, then
# subtags of letters and digits (script, region, variants), each after a hyphen: fr, pt-BR, zh-Hant.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def canonical_language(tag: str) -> str:
    """A language tag in BCP 47's usual case (``pt-br`` -> ``pt-BR``, ``ZH-HANT`` -> ``zh-Hant``);
    anything that is not a tag is returned as it is."""
    tag = tag.strip().replace("_", "-")
    if not LANGUAGE_TAG.fullmatch(tag):
        return tag
    subtags = tag.split("-")
    out = [subtags[0].lower()]
    for index, sub in enumerate(subtags[1:], 1):
        if len(subtags[index - 1]) == 1:  # after a singleton (extension, x- private use): as is
            out.extend(s.lower() for s in subtags[index:])
            break
        if len(sub) == 2 and sub.isalpha():
            out.append(sub.upper())  # region
        elif len(sub) == 4 and sub.isalpha():
            out.append(sub.title())  # script
        else:
            out.append(sub.lower())
    return "-".join(out)


def same_language(a: str | None, b: str | None) -> bool:
    """Whether two language tags name the same language (case does not matter in BCP 47)."""
    return (a or "").lower() == (b or "").lower()


@dataclass(frozen=True)
class Seed:
    """A source document's text exactly as stored; offsets everywhere index into ``text``."""

    name: str
    text: str
    body_start: int = 0
    date: dt.date | None = None
    path: Path | None = field(default=None, compare=False)

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    def line_col(self, offset: int) -> tuple[int, int]:
        return self.lines.line_col(offset)


RatingKind = Literal["verdict", "note"]


@dataclass(frozen=True)
class Rating:
    key: str
    label: str
    definition: str
    value: int | None = None
    kind: RatingKind = "verdict"

    @property
    def is_verdict(self) -> bool:
        return self.kind == "verdict"


# Best to worst, then the verdicts that are not on the numeric scale, then the note.
DEFAULT_RATINGS: tuple[Rating, ...] = (
    Rating("accurate", "Accurate", "The statement is correct and nothing significant is missing.", 5),
    Rating(
        "mostly-accurate",
        "Mostly accurate",
        "The statement is correct but needs clarification or additional information.",
        4,
    ),
    Rating(
        "mixed",
        "Mixed",
        "The statement is partly correct and partly wrong in ways that matter.",
        3,
    ),
    Rating(
        "misleading",
        "Misleading",
        "The statement contains some truth but leaves a false impression.",
        2,
    ),
    Rating("false", "False", "The statement is not correct.", 1),
    Rating(
        "needs-context",
        "Needs context",
        "The statement is not wrong as such, but without context readers are likely to misunderstand it.",
    ),
    Rating(
        "unsupported",
        "Unsupported",
        "The available evidence can neither confirm nor refute the statement.",
    ),
    Rating(
        "opinion",
        "Opinion",
        "The statement is a judgement or prediction, not a checkable fact; we add context instead.",
    ),
    Rating(
        "context",
        "Context note",
        "Not a verdict: background readers need in order to weigh the passage.",
        kind="note",
    ),
)


@dataclass(frozen=True)
class Source:
    """One source document; its verbatim text is the seed file ``seed`` under ``seeds/``."""

    id: str
    seed: str
    title: str
    outlet: str
    published: dt.date
    url: str | None = None
    archive_url: str | None = None
    # The document's language (a BCP 47 tag, e.g. "fr", "pt-BR") when it differs from the site's;
    # None: the site's own language. Its passages are marked up in it (``lang``).
    language: str | None = None


@dataclass(frozen=True)
class CitedSource:
    title: str
    publisher: str | None = None
    url: str | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class Correction:
    date: dt.date
    text: str
    previous_rating: str | None = None


@dataclass(frozen=True)
class Retraction:
    """A published check withdrawn: it keeps its permalink, which shows this instead of a verdict."""

    date: dt.date
    reason: str  # Markdown


@dataclass(frozen=True)
class Check:
    id: str
    source: str
    quote: str
    claimant: str
    claim_date: dt.date
    claim: str
    rating: str
    summary: str
    published: dt.date
    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None
    analysis: str | None = None
    context: tuple[str, ...] = ()
    sources: tuple[CitedSource, ...] = ()
    tags: tuple[str, ...] = ()
    updated: dt.date | None = None
    corrections: tuple[Correction, ...] = ()
    retracted: Retraction | None = None

    @property
    def last_modified(self) -> dt.date:
        dates = [self.published, *(c.date for c in self.corrections)]
        if self.updated:
            dates.append(self.updated)
        if self.retracted:
            dates.append(self.retracted.date)
        return max(dates)


@dataclass(frozen=True)
class Span:
    """Half-open character range ``[start, end)`` in a seed's original text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"empty or negative span {self.start}..{self.end}")


@dataclass(frozen=True)
class Anchor:
    """Where a check's quote is in its seed: proven, never guessed."""

    check_id: str
    source_id: str
    span: Span
    normalized: bool = False


@dataclass(frozen=True)
class Project:
    """Everything the site is built from, validated and anchored."""

    ratings: tuple[Rating, ...]
    sources: tuple[Source, ...]
    checks: tuple[Check, ...]
    seeds: dict[str, Seed] = field(hash=False)  # by source id
    anchors: dict[str, Anchor] = field(hash=False)  # by check id

    @property
    def last_modified(self) -> dt.date:
        """The newest date in the data: what a reproducible build uses as its build date."""
        dates = [s.published for s in self.sources] + [c.last_modified for c in self.checks]
        return max(dates, default=dt.date(1970, 1, 1))

    def rating(self, key: str) -> Rating:
        return next(r for r in self.ratings if r.key == key)

    def source(self, source_id: str) -> Source:
        return self._sources_by_id[source_id]

    @cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}
