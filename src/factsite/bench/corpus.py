"""A synthetic fact-check desk for benchmarks: news-length sources and checks quoting them.

Deterministic for a given seed number. Articles have paragraphs, curly quotes, apostrophes and
dashes as real copy does; some quotes are typed with straight quotes (anchored only after
normalization) and some quote a phrase that recurs in the article (anchored with a prefix or
suffix found by the same disambiguation ``factsite locate`` uses).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from factsite.input.seeds import parse_seed
from factsite.quotes.anchoring import Anchored, SeedSearch, anchor_quote, disambiguate, find_quote

_NOUNS = [
    "budget", "ministry", "council", "prison", "program", "court", "tariff", "agreement", "report",
    "election", "border", "reform", "contract", "hospital", "school", "survey", "agency", "policy", "deal",
    "inquiry", "verdict", "treaty", "fund", "pension",
]
_ADJECTIVES = [
    "new", "federal", "regional", "annual", "controversial", "temporary", "public", "national", "local",
    "independent", "official", "previous", "historic", "emergency", "detailed", "modest",
]
_VERBS = [
    "approved", "rejected", "delayed", "expanded", "reviewed", "announced", "criticised", "defended", "cut",
    "doubled",
]
_PLACES = [
    "the capital", "the northern province", "the coastal city", "parliament", "the border region",
    "the city council", "the supreme court", "the finance ministry",
]
_PEOPLE = [
    "Maria Lopez", "the interior minister", "a government spokesperson", "Senator James Hart", "the mayor",
    "Ana Ruiz", "the opposition leader", "a senior official", "President Elena Vega", "the finance minister",
]
_TAGS = [
    "Budget", "Prisons", "Immigration", "Health", "Education", "Elections", "Trade", "Justice",
    "Environment", "Housing", "Security", "Economy", "Transport", "Energy", "Labour",
]
_RATINGS = (
    "accurate", "mostly-accurate", "mixed", "misleading", "false", "needs-context", "opinion", "context",
)
# Recurs in every article, so a quote of it needs a prefix or suffix.
_REFRAIN = "according to the ministry"

MKDOCS_YML = """\
site_name: {name}
site_description: A synthetic fact-check desk for benchmarks.
site_url: http://127.0.0.1:8000/
theme:
  name: material
  language: en
  font: false
  features: [navigation.instant, navigation.tabs, navigation.top, content.action.edit]
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {{icon: material/weather-night, name: Switch to dark mode}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {{icon: material/weather-sunny, name: Switch to light mode}}
{extra}plugins:
{plugins}markdown_extensions: [admonition, attr_list, {{toc: {{permalink: true}}}}]
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
nav:
  - Home: index.md
  - Fact checks: claims/index.md
  - Sources: sources/index.md
  - Topics: topics/index.md
  - Ratings: ratings.md
  - Methodology: methodology.md
  - Corrections:
      - Policy: corrections-policy.md
      - Log: corrections.md
  - About: about.md
"""
DOCS = {
    "methodology.md": (
        "---\ntitle: Methodology\ndescription: How we check.\n---\n\nHow checks are chosen and researched.\n"
    ),
    "corrections-policy.md": (
        "---\ntitle: Corrections policy\ndescription: How we correct.\n---\n\nHow to report an error.\n"
    ),
    "about.md": "---\ntitle: About\ndescription: About this desk.\n---\n\nA synthetic desk.\n",
}


@dataclass(frozen=True)
class CorpusStats:
    sources: int
    checks: int
    normalized: int  # quotes typed with straight quotes where the seed has curly ones
    disambiguated: int  # quotes that need a prefix or suffix


class _Writer:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, items: list[str] | tuple[str, ...]) -> str:
        return items[self.rng.randrange(len(items))]

    def sentence(self, number: int) -> str:
        r = self.rng.random()
        noun = self.pick(_NOUNS)
        adj = self.pick(_ADJECTIVES)
        verb = self.pick(_VERBS)
        place = self.pick(_PLACES)
        who = self.pick(_PEOPLE)
        if r < 0.25:
            return f"\u201cWe have {verb} the {adj} {noun} for {place},\u201d {who} said on day {number}."
        if r < 0.4:
            return f"The {noun} \u2014 {adj} and costly \u2014 was {verb} in {place} last week, {_REFRAIN}."
        if r < 0.55:
            return (
                f"{who.capitalize()}\u2019s office said the {adj} {noun} had been {verb} {number} times "
                f"since {2000 + number % 25}."
            )
        if r < 0.7:
            return (
                f"Critics in {place} said the {noun} was {verb} without a vote, "
                f"and {_REFRAIN} the figures were {number}% higher."
            )
        return (
            f"In {place}, the {adj} {noun} was {verb} after {number} months of talks "
            f"with the {self.pick(_NOUNS)} committee."
        )

    def article(self, index: int, date: dt.date) -> str:
        paragraphs = []
        number = index * 7919 % 1000
        for _ in range(self.rng.randint(8, 12)):
            sentences = []
            for _ in range(self.rng.randint(3, 5)):
                number += 1
                sentences.append(self.sentence(number))
            paragraphs.append(" ".join(sentences))
        return f"date {date.isoformat()}\n" + "\n\n".join(paragraphs) + "\n"


def _straighten(text: str) -> str:
    return text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'").replace("\u2014", "-")


def _check(
    writer: _Writer, search: SeedSearch, source_id: str, number: int, day: dt.date
) -> tuple[dict[str, Any], str]:
    """One check quoting the seed; returns it and how its quote anchors ("exact", ...)."""
    rng, text = writer.rng, search.seed.body
    kind = rng.choices(("exact", "normalized", "disambiguated"), weights=(6, 2, 2))[0]
    check: dict[str, Any] = {}
    if kind == "disambiguated":
        spans, _ = find_quote(search, _REFRAIN)
        if len(spans) > 1:
            target = rng.randrange(len(spans))
            hint = disambiguate(search, spans)[target]
            check["quote"] = _REFRAIN
            for key in ("prefix", "suffix", "occurrence"):
                if getattr(hint, key) is not None:
                    check[key] = getattr(hint, key)
        else:
            kind = "exact"
    if "quote" not in check:
        while True:
            words = text.split()
            start = rng.randrange(len(words) - 12)
            quote = " ".join(words[start : start + rng.randint(5, 12)])
            if kind == "normalized":
                if _straighten(quote) == quote:
                    continue
                quote = _straighten(quote)
            result = anchor_quote(search, quote)
            if isinstance(result, Anchored) and result.normalized == (kind == "normalized"):
                check["quote"] = quote
                break
    rating = writer.pick(_RATINGS)
    claimant = writer.pick(_PEOPLE)
    entry = {
        "id": f"{source_id}-check-{number}",
        "source": source_id,
        **check,
        "claimant": claimant,
        "claim_date": day.isoformat(),
        "claim": (
            f"The {writer.pick(_ADJECTIVES)} {writer.pick(_NOUNS)} was {writer.pick(_VERBS)} (claim {number})"
        ),
        "rating": rating,
        "summary": (
            f"Records from {writer.pick(_PLACES)} show a different picture; "
            f"the {writer.pick(_NOUNS)} figures were revised twice."
        ),
        "analysis": (
            f"The {writer.pick(_NOUNS)} was debated in {writer.pick(_PLACES)}. "
            f"Official [records](https://example.org/records/{number}) give the *full* history.\n\n"
            "A second paragraph weighs the evidence on both sides."
        ),
        "context": [
            f"The {writer.pick(_NOUNS)} dates back to {2000 + number % 25}.",
            "An earlier **report** reached a similar conclusion.",
        ],
        "sources": [
            {
                "title": f"Annual {writer.pick(_NOUNS)} report {n}",
                "publisher": "Statistics Office",
                "url": f"https://example.org/reports/{number}-{n}",
            }
            for n in range(rng.randint(1, 3))
        ],
        "tags": sorted(set(rng.sample(_TAGS, rng.randint(1, 3)))),
        "published": (day + dt.timedelta(days=2)).isoformat(),
    }
    return entry, kind


def generate_corpus(
    dest: Path, *, sources: int, checks_per_source: int = 10, seed: int = 0, analysis: str | None = None
) -> CorpusStats:
    """Write a complete site project (mkdocs.yml, docs, seeds, factchecks.yaml) to ``dest``.

    ``analysis``, when given, is every check's analysis instead of a generated one.
    """
    rng = random.Random(seed)
    writer = _Writer(rng)
    (dest / "seeds").mkdir(parents=True, exist_ok=True)
    (dest / "docs").mkdir(exist_ok=True)
    source_entries, check_entries = [], []
    normalized = disambiguated = 0
    start = dt.date(2024, 1, 1)
    for index in range(sources):
        day = start + dt.timedelta(days=index % 700)
        source_id = f"source-{index:05d}"
        name = f"{source_id}.txt"
        text = writer.article(index, day)
        (dest / "seeds" / name).write_text(text, encoding="utf-8")
        source_entries.append(
            {
                "id": source_id,
                "seed": name,
                "title": f"The {writer.pick(_NOUNS)} report, part {index}",
                "outlet": "The Daily Synthetic",
            }
        )
        search = SeedSearch(parse_seed(name, text.encode("utf-8")))
        for number in range(checks_per_source):
            entry, kind = _check(writer, search, source_id, number, day)
            if analysis is not None:
                entry["analysis"] = analysis
            normalized += kind == "normalized"
            disambiguated += kind == "disambiguated"
            check_entries.append(entry)
    document = {"sources": source_entries, "checks": check_entries}
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    body = yaml.dump(document, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
    (dest / "factchecks.yaml").write_text(body, encoding="utf-8")
    plugins = "  - factsite: {publisher: The Synthetic Desk}\n"
    mkdocs_yml = MKDOCS_YML.format(name="Synthetic desk", extra="", plugins=plugins)
    (dest / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    for page, content in DOCS.items():
        (dest / "docs" / page).write_text(content, encoding="utf-8")
    return CorpusStats(sources, len(check_entries), normalized, disambiguated)
