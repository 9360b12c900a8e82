"""A whole project read: load it, anchor every quote, and report what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factsite.input.loading import Loaded, display_path, load
from factsite.input.problems import Problem, ProblemsFound
from factsite.input.yaml_reader import Mark, collector_paused
from factsite.model import Anchor, Check, Project
from factsite.quotes.anchoring import (
    Ambiguous,
    Anchored,
    NotFound,
    SeedSearch,
    align,
    anchor_quote,
    find_quote,
    invisible_characters,
)


@dataclass(frozen=True)
class Summary:
    quotes: int
    anchored: int
    normalized: int
    ambiguous: int
    not_found: int

    def line(self) -> str:
        text = (
            f"{self.quotes} quotes: {self.anchored} anchored ({self.normalized} after normalization), "
            f"{self.ambiguous} ambiguous, {self.not_found} not found"
        )
        unchecked = self.quotes - self.anchored - self.ambiguous - self.not_found
        return text + (f", {unchecked} not checked (fix the problems above first)" if unchecked else "")


@dataclass(frozen=True)
class Report:
    problems: tuple[Problem, ...]  # errors: the site is not built while there is one
    summary: Summary
    project: Project | None  # only when there are no problems
    warnings: tuple[Problem, ...] = ()  # reported, but the site is built

    @property
    def ok(self) -> bool:
        return not self.problems


def _seed_location(search: SeedSearch, offset: int) -> str:
    line, column = search.line_col(offset)
    path = search.seed.path
    return f"{display_path(path) if path else search.seed.name}:{line}:{column}"


class _QuoteAnchoring:
    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.searches = {source_id: SeedSearch(seed) for source_id, seed in loaded.seeds.items()}
        self.problems: list[Problem] = []
        self.anchors: dict[str, Anchor] = {}
        # Counted apart from ``anchors``: two checks with one id (a problem already) are two quotes.
        self.anchored = self.normalized = self.ambiguous = self.not_found = 0

    def problem(self, at: Mark, kind: str, message: str, fix: str, details: list[str]) -> None:
        filename = self.loaded.document_name
        self.problems.append(Problem(kind, filename, at.line, at.column, message, fix, tuple(details)))

    def run(self, check: Check, at: Mark) -> None:
        """Anchor the quote of ``check``; its problems are located ``at`` the quote."""
        search = self.searches[check.source]
        result = anchor_quote(
            search, check.quote, prefix=check.prefix, suffix=check.suffix, occurrence=check.occurrence
        )
        if isinstance(result, Anchored):
            self.anchors[check.id] = Anchor(check.id, check.source, result.span, result.normalized)
            self.anchored += 1
            self.normalized += result.normalized
        elif isinstance(result, Ambiguous):
            self.ambiguous += 1
            details = [
                f"{_seed_location(search, hint.span.start)}  {hint.as_yaml()}" for hint in result.hints
            ]
            self.problem(
                at,
                "quote-ambiguous",
                f"quote of check '{check.id}' occurs {len(result.hints)} times in {search.seed.name};"
                " say which one is meant",
                "add the prefix/suffix (or occurrence) shown beside the intended place to the check",
                ["matches, each with what picks it out:", *details],
            )
        else:
            self.not_found += 1
            self.report_not_found(check, at, search, result)

    def report_not_found(self, check: Check, at: Mark, search: SeedSearch, result: NotFound) -> None:
        seed_name = search.seed.name
        if result.reason in ("prefix", "suffix"):
            given = check.prefix if result.reason == "prefix" else check.suffix
            places = [_seed_location(search, span.start) for span in result.excluded]
            side = "before" if result.reason == "prefix" else "after"
            self.problem(
                at,
                f"{result.reason}-mismatch",
                f"quote of check '{check.id}' occurs in {seed_name},"
                f" but never with {result.reason} {given!r}",
                f"correct the {result.reason} to the text right {side} the quote, or remove it",
                ["the quote is at: " + ", ".join(places)],
            )
            return
        if result.reason == "occurrence":
            count = len(result.excluded)
            self.problem(
                at,
                "occurrence-out-of-range",
                f"check '{check.id}' asks for occurrence {check.occurrence},"
                f" but only {count} match{'es' if count != 1 else ''} remain",
                f"use an occurrence from 1 to {count}",
                [],
            )
            return
        message = f"quote of check '{check.id}' is not in {seed_name}"
        fix = (
            f"copy the passage exactly from {seed_name},"
            f" or find it with `factsite locate {seed_name} \"some words\"`"
        )
        details: list[str] = []
        if result.cuts:
            message, fix, details = self.describe_cuts(check, search, result)
        elif result.in_date_marker is not None:
            where = _seed_location(search, result.in_date_marker.start)
            message += "'s text: it is in the date marker line, which is not part of the document's text"
            fix = f"quote the document's text, which starts after the `date YYYY-MM-DD` line of {seed_name}"
            details.append(f"the date marker line is metadata (the document's date): the quote is at {where}")
        elif result.closest:
            closest = result.closest
            details.append(
                f"closest passage ({closest.similarity}% similar)"
                f" at {_seed_location(search, closest.span.start)}:"
            )
            details.extend("  " + line for line in align(check.quote, closest.text))
        else:
            details.append(f"nothing in {seed_name} resembles it")
        details.extend(self.name_invisible_characters(check.quote, search, result))
        for other_id, other in self.searches.items():
            if other_id == check.source:
                continue
            spans, _ = find_quote(other, check.quote)
            if spans:
                details.append(
                    f"the quote is in {_seed_location(other, spans[0].start)},"
                    f" the seed of source '{other_id}'"
                )
                fix = f"wrong source? set `source: {other_id}`"
                break
        self.problem(at, "quote-not-found", message, fix, details)

    @staticmethod
    def describe_cuts(check: Check, search: SeedSearch, result: NotFound) -> tuple[str, str, list[str]]:
        """The quote's text is in the seed only inside words or characters: say which it would cut."""
        seed_name, first = search.seed.name, result.cuts[0]
        whole = "whole words" if first.kind == "word" else "whole characters"
        described = [search.describe_cut(place) for place in result.cuts[:5]]
        cut, cut_at = described[0]
        where = _seed_location(search, cut_at)
        message = f"quote of check '{check.id}' is not in {seed_name} as {whole}: {cut} at {where}"
        fix = (
            "quote whole words: end (or start) the quote with the seed's whole word, or leave the word out"
            if first.kind == "word"
            else "quote whole characters: include the whole emoji, syllable or letter with its marks, "
            "or leave it out"
        )
        details = ["the quote's text occurs only inside words or characters:"]
        details.extend(f"  {_seed_location(search, place_at)}: {place}" for place, place_at in described)
        if len(result.cuts) > 5:
            details.append(f"  ... and {len(result.cuts) - 5} more")
        return message, fix, details

    @staticmethod
    def name_invisible_characters(quote: str, search: SeedSearch, result: NotFound) -> list[str]:
        """Name the characters no one can see in the quote and in the passage shown beside it."""
        lines = [
            f"the quote holds an invisible character: {name} at column {offset + 1} of the quote"
            for offset, name in invisible_characters(quote)
        ]
        if result.closest is not None:
            start = result.closest.span.start
            lines.extend(
                f"the seed's passage holds an invisible character: {name} at "
                + _seed_location(search, start + offset)
                for offset, name in invisible_characters(result.closest.text)
            )
        return lines


def anchor_loaded(loaded: Loaded) -> Report:
    """Anchor every loadable check of ``loaded`` and gather all problems."""
    anchoring = _QuoteAnchoring(loaded)
    for check, quote_mark in zip(loaded.checks, loaded.check_marks, strict=True):
        anchoring.run(check, quote_mark)
    found = sorted([*loaded.problems, *anchoring.problems], key=Problem.sort_key)
    problems = tuple(p for p in found if p.severity == "error")
    warnings = tuple(p for p in found if p.severity == "warning")
    summary = Summary(
        quotes=loaded.quote_count,
        anchored=anchoring.anchored,
        normalized=anchoring.normalized,
        ambiguous=anchoring.ambiguous,
        not_found=anchoring.not_found,
    )
    project = None
    if not problems:
        project = Project(
            loaded.ratings, loaded.sources, loaded.checks, dict(loaded.seeds), anchoring.anchors
        )
    return Report(problems, summary, project, warnings)


def read_project(path: Path, seeds_dir: Path | None = None, docs_dir: Path | None = None) -> Report:
    # Loading and anchoring make no reference cycles; without the pause the garbage collector
    # re-walks the hundreds of thousands of live values of a large file on every pass.
    with collector_paused():
        return anchor_loaded(load(path, seeds_dir, docs_dir))


def load_project(path: Path, seeds_dir: Path | None = None) -> Project:
    """The validated, anchored project, or ProblemsFound listing everything that is wrong."""
    report = read_project(path, seeds_dir)
    if report.project is None:
        raise ProblemsFound(report.problems)
    return report.project
