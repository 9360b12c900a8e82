"""From ``factchecks.yaml`` and ``seeds/`` to validated model objects, collecting every problem."""

from __future__ import annotations

import datetime as dt
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factsite import urls
from factsite.input.claim_wording import claim_states_verdict
from factsite.input.desk_files import desk_warnings
from factsite.input.field_characters import invisible_character_problems
from factsite.input.invisible import code_point, shown_in_seed
from factsite.input.markdown import markdown_problem
from factsite.input.problems import Problem
from factsite.input.schema import describe, schema_problems, topic_key, web_address_problem
from factsite.input.seeds import SeedError, decode_utf8, read_seed
from factsite.input.text_values import keep_written_text
from factsite.input.yaml_reader import Document, KeyPath, Mark, read_yaml
from factsite.model import (
    DEFAULT_RATINGS,
    LANGUAGE_TAG,
    Check,
    CitedSource,
    Correction,
    Rating,
    Retraction,
    Seed,
    Source,
    canonical_language,
)
from factsite.urls import RESERVED_IDS

_MAX_CHARACTER_WARNINGS = 10  # per seed; then one line for the rest
# One check's Markdown in all: the search index's parser slows with a page's size and depth, so a
# pull request of many notes at their own limit could still stall a build.
MAX_MARKDOWN_PER_CHECK = 40_000


@dataclass
class Loaded:
    """What could be loaded, and every problem met on the way."""

    ratings: tuple[Rating, ...] = ()
    sources: tuple[Source, ...] = ()
    checks: tuple[Check, ...] = ()
    seeds: dict[str, Seed] = field(default_factory=dict)  # by source id
    document: Document = field(default_factory=lambda: Document(None))
    document_name: str = "factchecks.yaml"
    quote_count: int = 0  # checks that have a quote, loadable or not
    problems: list[Problem] = field(default_factory=list)
    # Where the quote of each of ``checks`` is, in the same order: ids are not unique in a broken file.
    check_marks: tuple[Mark, ...] = ()


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when inside it, for clickable locations."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


class _Builder:
    def __init__(self, doc: Document, filename: str, seeds_dir: Path, docs_dir: Path | None = None):
        self.doc = doc
        self.filename = filename
        self.seeds_dir = seeds_dir
        self.docs_dir = docs_dir
        self.problems: list[Problem] = []
        # Per verdict key: its label, and the scale's other verdict labels (set with the ratings).
        self.verdict_labels: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.topics: dict[str, tuple[str, Mark]] = {}  # topic key -> first spelling, where

    def problem(self, kind: str, path: KeyPath, message: str, fix: str, *, key: bool = False) -> None:
        mark = self.doc.key_mark(path) if key else self.doc.mark(path)
        self.problems.append(Problem(kind, self.filename, mark.line, mark.column, message, fix))

    def date(self, item: dict[str, Any], name: str, path: KeyPath) -> dt.date | None:
        value = item.get(name)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.problem(
                "bad-date",
                (*path, name),
                f"{describe((*path, name), self.doc.data)} {value!r} is not a real calendar date",
                "use an existing date, written YYYY-MM-DD",
            )
            return None

    def unique(self, items: list[tuple[int, dict[str, Any]]], section: str, key: str) -> None:
        seen: dict[str, int] = {}
        for index, item in items:
            value = item[key]
            if section != "ratings" and value in RESERVED_IDS:
                self.problem(
                    "reserved-id",
                    (section, index, key),
                    f"{section[:-1]} id '{value}' is reserved:"
                    f" its page would replace the list of all {section}",
                    f"give this {section[:-1]} another id",
                )
            elif (
                self.docs_dir is not None
                and section != "ratings"
                and (self.docs_dir / _page_of(section, value)).exists()
            ):
                page = display_path(self.docs_dir / _page_of(section, value))
                self.problem(
                    "page-clash",
                    (section, index, key),
                    f"{section[:-1]} id '{value}' would make the page {_page_of(section, value)},"
                    f" but {page} is already there",
                    f"give this {section[:-1]} another id, or rename {page}",
                )
            elif value in seen:
                first = self.doc.mark((section, seen[value], key))
                self.problem(
                    "duplicate-id",
                    (section, index, key),
                    f"{section[:-1]} {key} '{value}' is used twice (first at line {first.line})",
                    f"give this {section[:-1]} a different {key}",
                )
            else:
                seen[value] = index

    def markdown_fields(self, item: dict[str, Any], path: KeyPath) -> bool:
        """Report Markdown nested deeper than the renderer keeps: refused, never silently cut."""
        fields: list[tuple[KeyPath, str]] = []
        if isinstance(item.get("analysis"), str):
            fields.append(((*path, "analysis"), item["analysis"]))
        fields += [((*path, "context", i), note) for i, note in enumerate(item.get("context", ()))]
        fields += [
            ((*path, "corrections", i, "text"), corr["text"])
            for i, corr in enumerate(item.get("corrections", ()))
        ]
        if isinstance(item.get("retracted"), dict):
            fields.append(((*path, "retracted", "reason"), item["retracted"]["reason"]))
        total = sum(len(text) for _, text in fields)
        if total > MAX_MARKDOWN_PER_CHECK:
            self.problem(
                "too-long",
                path,
                f"{describe(path, self.doc.data)} has {total:,} characters of Markdown"
                " (analysis, context, corrections, retraction); "
                f"at most {MAX_MARKDOWN_PER_CHECK:,} in one check",
                "shorten the analysis or the notes, or split the check",
            )
            return False
        ok = True
        for field_path, text in fields:
            found = markdown_problem(text)
            if found:
                message, fix = found
                where = describe(field_path, self.doc.data)
                self.problem("markdown-too-deep", field_path, f"{where}: {message}", fix)
                ok = False
        return ok

    def claim_without_verdict(self, item: dict[str, Any], path: KeyPath) -> bool:
        """Report a claim that states a verdict: ClaimReview's claimReviewed must be the claim only."""
        labels = self.verdict_labels.get(item["rating"])
        if labels is None:  # a context note, which states no verdict
            return True
        stated = claim_states_verdict(item["claim"], *labels)
        if stated is None:
            return True
        self.problem(
            "claim-states-verdict",
            (*path, "claim"),
            f"{describe((*path, 'claim'), self.doc.data)} states the verdict '{stated}':"
            " the claim is what was said, the verdict goes in `rating`",
            "restate only what was claimed,"
            " e.g. 'Vaccines cause autism' rather than 'Vaccines cause autism — false'",
        )
        return False

    def tags(self, tags: list[str], path: KeyPath) -> tuple[str, ...]:
        """The check's tags, each spelt as the first check that used its topic spelt it.

        Topics differing only in case (or in punctuation the topic's address drops) are one topic
        with one element id on the Topics page; a differently spelt one is warned about and takes the
        first spelling.
        """
        kept: dict[str, str] = {}
        for index, tag in enumerate(tags):
            tag = tag.strip()
            key = topic_key(tag)
            first = self.topics.setdefault(key, (tag, self.doc.mark((*path, index))))
            if first[0] != tag:
                self.problems.append(
                    Problem(
                        "tag-spelling",
                        self.filename,
                        *self.doc.mark((*path, index)),
                        f"tag '{tag}' is the topic '{first[0]}'"
                        f" (first written so at line {first[1].line}), spelt differently",
                        f"write it as '{first[0]}'; it is shown as '{first[0]}'",
                        severity="warning",
                    )
                )
            kept.setdefault(key, first[0])
        return tuple(kept.values())

    def web_addresses(self, item: dict[str, Any], path: KeyPath, keys: tuple[str, ...]) -> bool:
        """Report the addresses among ``keys`` of ``item`` that the schema's pattern let through."""
        ok = True
        for key in keys:
            url = item.get(key)
            why = web_address_problem(url) if isinstance(url, str) else None
            if why:
                where = describe((*path, key), self.doc.data)
                self.problem(
                    "bad-url",
                    (*path, key),
                    f"{where} {url!r} {why}",
                    "link to the page's full http:// or https:// address, or remove the url",
                )
                ok = False
        return ok

    def known(self, value: str, known: list[str], path: KeyPath, kind: str, what: str) -> bool:
        if value in known:
            return True
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
        fix = (
            f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(known) or '(none defined)'}"
        )
        self.problem(
            kind, path, f"{describe(path, self.doc.data)} names {what} '{value}', which does not exist", fix
        )
        return False

    def retraction(self, item: dict[str, Any], path: KeyPath, published: dt.date | None) -> Retraction | None:
        """The check's retraction, when it has a valid one (never before the check was published)."""
        if "retracted" not in item:
            return None
        r_path = (*path, "retracted")
        day = self.date(item["retracted"], "date", r_path)
        if day is None:
            return None
        if published and day < published:
            self.problem(
                "bad-date",
                (*r_path, "date"),
                f"{describe(path, self.doc.data)} was retracted ({day})"
                f" before it was published ({published})",
                "fix one of the two dates",
            )
            return None
        return Retraction(day, item["retracted"]["reason"].strip())

    # -- sections ---------------------------------------------------------------------------

    def ratings(self, items: list[tuple[int, dict[str, Any]]]) -> tuple[Rating, ...]:
        self.unique(items, "ratings", "key")
        return tuple(
            Rating(
                key=item["key"],
                label=item["label"].strip(),
                definition=item["definition"].strip(),
                value=_whole_number(item.get("value")),
                kind=item.get("kind", "verdict"),
            )
            for _, item in items
        )

    def seed(self, name: str, path: KeyPath) -> Seed | None:
        where = describe(path, self.doc.data)
        if "\\" in name or Path(name).is_absolute() or name.startswith("/"):
            self.problem(
                "seed-escapes",
                path,
                f"{where} {name!r} is not a path inside seeds/",
                "write the file name relative to seeds/, with forward slashes",
            )
            return None
        root = self.seeds_dir.resolve()
        reason: str | None = None  # why no file can have this name
        kind_of_file = "file"
        try:
            target = (self.seeds_dir / name).resolve()
            outside = target != root and root not in target.parents
            exists = not outside and target.is_file()
            if not outside and not exists and target.exists():
                # Never opened: reading a FIFO would wait for a writer forever.
                kind_of_file = "folder" if target.is_dir() else "special file (a FIFO, socket or device)"
        except ValueError:  # the operating system refuses NUL characters in file names
            reason = "it contains a NUL character"
        except RuntimeError:  # resolve() before Python 3.13, on a symlink loop
            reason = "it is a symlink loop"
        except OSError as err:  # e.g. a name longer than the file system allows
            reason = err.strerror or "the operating system refuses it"
        if reason is not None:
            self.problem(
                "missing-seed",
                path,
                f"{where} {name!r} cannot name a file: {reason}",
                "write the name of a document in seeds/",
            )
            return None
        if outside:
            self.problem(
                "seed-escapes",
                path,
                f"{where} {name!r} points outside seeds/",
                "put the document in seeds/ and name it relative to that folder",
            )
            return None
        if kind_of_file != "file":
            self.problem(
                "seed-not-a-file",
                path,
                f"{where} names {display_path(self.seeds_dir / name)},"
                f" which is a {kind_of_file}, not a text file",
                "name the plain text file of the document, inside seeds/",
            )
            return None
        if not exists:
            names = (
                sorted(p.name for p in self.seeds_dir.glob("*") if p.is_file())
                if self.seeds_dir.is_dir()
                else []
            )
            close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
            fix = (
                f"did you mean '{close[0]}'?"
                if close
                else f"add the document as {display_path(self.seeds_dir / name)}"
            )
            self.problem(
                "missing-seed",
                path,
                f"{where} names {display_path(self.seeds_dir / name)}, which does not exist",
                fix,
            )
            return None
        try:
            seed = read_seed(self.seeds_dir, name)
            self.shown_characters(seed)
            return seed
        except SeedError as err:
            self.problems.append(
                Problem(
                    err.kind,
                    display_path(self.seeds_dir / name),
                    err.line,
                    err.column,
                    f"seed {err.message}",
                    err.fix,
                )
            )
        except OSError as err:
            self.problem(
                "missing-seed",
                path,
                f"{where}: cannot read {name!r}: {err.strerror}",
                "check the file's permissions",
            )
        return None

    def shown_characters(self, seed: Seed) -> None:
        """Warn about a seed's control and bidirectional characters: kept, as the source's own
        text, but shown on the page as code points, which its readers may not expect."""
        offsets = shown_in_seed(seed.text)
        file = display_path(seed.path) if seed.path else seed.name

        def warn(offset: int, message: str, fix: str) -> None:
            line, column = seed.line_col(offset)
            self.problems.append(
                Problem("seed-invisible-character", file, line, column, message, fix, severity="warning")
            )

        for offset in offsets[:_MAX_CHARACTER_WARNINGS]:
            warn(
                offset,
                f"seed holds the invisible character {code_point(seed.text[offset])}; "
                "the source page shows it as its code point instead of applying it",
                "keep it if the source really has it; otherwise delete it from the seed",
            )
        if len(offsets) > _MAX_CHARACTER_WARNINGS:
            warn(
                offsets[_MAX_CHARACTER_WARNINGS],
                f"seed holds {len(offsets) - _MAX_CHARACTER_WARNINGS} more invisible characters from here on",
                "check how the document was copied: such characters are rare in real text",
            )

    def sources(self, items: list[tuple[int, dict[str, Any]]]) -> tuple[tuple[Source, ...], dict[str, Seed]]:
        self.unique(items, "sources", "id")
        sources: list[Source] = []
        seeds: dict[str, Seed] = {}
        seen_seeds: dict[str, str] = {}
        for index, item in items:
            path = ("sources", index)
            if item["seed"] in seen_seeds:
                self.problem(
                    "duplicate-seed",
                    (*path, "seed"),
                    f"seed {item['seed']!r} is already the text of source '{seen_seeds[item['seed']]}'",
                    "one source per seed: merge the two sources",
                )
                continue
            seen_seeds[item["seed"]] = item["id"]
            addresses_ok = self.web_addresses(item, path, ("url", "archive_url"))
            language = item.get("language")
            # Checked again whole: the schema's pattern lets "fr" and a final line break through.
            if language is not None and not LANGUAGE_TAG.fullmatch(language):
                self.problem(
                    "bad-language",
                    (*path, "language"),
                    f"{describe((*path, 'language'), self.doc.data)} {language!r} is not a language tag",
                    "write a BCP 47 language tag: a two- or three-letter code, e.g. fr, pt-BR or zh-Hant",
                )
                continue
            seed = self.seed(item["seed"], (*path, "seed"))
            published = self.date(item, "published", path)
            if published is None and "published" not in item:
                if seed is not None and seed.date is None:
                    self.problem(
                        "missing-field",
                        path,
                        f"{describe(path, self.doc.data)} has no `published` date"
                        " and its seed has no `date YYYY-MM-DD` marker",
                        "add `published: YYYY-MM-DD`",
                    )
                published = seed.date if seed else None
            if seed is None or published is None or not addresses_ok:
                continue
            source = Source(
                id=item["id"],
                seed=item["seed"],
                title=item["title"].strip(),
                outlet=item["outlet"].strip(),
                published=published,
                url=item.get("url"),
                archive_url=item.get("archive_url"),
                language=canonical_language(language) if language else None,
            )
            sources.append(source)
            seeds[source.id] = seed
        return tuple(sources), seeds

    def checks(
        self,
        items: list[tuple[int, dict[str, Any]]],
        rating_keys: list[str],
        source_ids: list[str],
        loaded_sources: set[str],
    ) -> tuple[tuple[Check, ...], tuple[Mark, ...]]:
        """The loadable checks, and where the quote of each is."""
        self.unique(items, "checks", "id")
        checks, quote_marks = [], []
        for index, item in items:
            path = ("checks", index)
            ok = (
                self.known(item["source"], source_ids, (*path, "source"), "unknown-source", "source")
                and item["source"] in loaded_sources
            )
            ok = self.known(item["rating"], rating_keys, (*path, "rating"), "unknown-rating", "rating") and ok
            ok = ok and self.claim_without_verdict(item, path)
            ok = self.markdown_fields(item, path) and ok
            corrections = []
            for c_index, corr in enumerate(item.get("corrections", [])):
                c_path = (*path, "corrections", c_index)
                if "previous_rating" in corr:
                    previous = corr["previous_rating"]
                    previous_path = (*c_path, "previous_rating")
                    ok = self.known(previous, rating_keys, previous_path, "unknown-rating", "rating") and ok
                c_date = self.date(corr, "date", c_path)
                if c_date:
                    corrections.append(Correction(c_date, corr["text"].strip(), corr.get("previous_rating")))
                else:
                    ok = False
            cited = []
            for s_index, src in enumerate(item.get("sources", [])):
                s_path = (*path, "sources", s_index)
                s_date = self.date(src, "date", s_path)
                if "date" in src and s_date is None:
                    ok = False
                ok = self.web_addresses(src, s_path, ("url",)) and ok
                cited.append(CitedSource(src["title"].strip(), src.get("publisher"), src.get("url"), s_date))
            dates = {name: self.date(item, name, path) for name in ("claim_date", "published", "updated")}
            if (
                any(dates[name] is None for name in ("claim_date", "published"))
                or ("updated" in item and dates["updated"] is None)
            ):
                ok = False
            elif dates["updated"] and dates["published"] and dates["updated"] < dates["published"]:
                self.problem(
                    "bad-date",
                    (*path, "updated"),
                    f"{describe(path, self.doc.data)} was updated ({dates['updated']})"
                    f" before it was published ({dates['published']})",
                    "fix one of the two dates",
                )
                ok = False
            retracted = self.retraction(item, path, dates["published"])
            if "retracted" in item and retracted is None:
                ok = False
            if not ok:
                continue
            checks.append(
                Check(
                    id=item["id"],
                    source=item["source"],
                    quote=item["quote"],
                    prefix=item.get("prefix"),
                    suffix=item.get("suffix"),
                    occurrence=_whole_number(item.get("occurrence")),
                    claimant=item["claimant"].strip(),
                    claim_date=dates["claim_date"],  # type: ignore[arg-type]
                    claim=item["claim"].strip(),
                    rating=item["rating"],
                    summary=item["summary"].strip(),
                    analysis=item.get("analysis"),
                    context=tuple(item.get("context", ())),
                    sources=tuple(cited),
                    tags=self.tags(item.get("tags", ()), (*path, "tags")),
                    published=dates["published"],  # type: ignore[arg-type]
                    updated=dates["updated"],
                    corrections=tuple(corrections),
                    retracted=retracted,
                )
            )
            quote_marks.append(self.doc.mark((*path, "quote")))
        return tuple(checks), tuple(quote_marks)


def _whole_number(value: float | None) -> int | None:
    """The schema's "integer" admits 2.0 too (JSON has one number type); the model wants an int."""
    return None if value is None else int(value)


def _valid_items(data: Any, section: str, broken: set[tuple[str, int]]) -> list[tuple[int, dict[str, Any]]]:
    """The entries of a section that passed the schema, with their indexes."""
    items = data.get(section) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [
        (i, item) for i, item in enumerate(items) if (section, i) not in broken and isinstance(item, dict)
    ]


def _page_of(section: str, item_id: str) -> str:
    return urls.claim_page(item_id) if section == "checks" else urls.source_page(item_id)


def load_text(text: str, filename: str, seeds_dir: Path, docs_dir: Path | None = None) -> Loaded:
    """Load the YAML ``text`` of ``filename``; seeds are read from ``seeds_dir``. With ``docs_dir``
    (the site's hand-written pages), an id whose page is already there is a problem."""
    doc, problems = read_yaml(text, filename)
    keep_written_text(doc)  # `rating: false`, `claimant: 2025`: the text written, where text is wanted
    loaded = Loaded(document=doc, document_name=filename, problems=problems)
    if doc.data is None:
        return loaded
    shape = schema_problems(doc, filename)
    # An unreadable value was reported by read_yaml; the schema would only add "must be text, not empty".
    problems.extend(problem for path, problem in shape if path not in doc.unreadable)
    invisible = invisible_character_problems(doc, text, filename)
    problems.extend(problem for _, problem in invisible)
    if not isinstance(doc.data, dict):
        return loaded
    # Entries with a shape problem are left out of further checks: one mistake, one message.
    broken = {path[:2] for path, _ in [*shape, *invisible]} | {path[:2] for path in doc.unreadable}
    builder = _Builder(doc, filename, seeds_dir, docs_dir)
    if isinstance(doc.data.get("ratings"), list):
        loaded.ratings = builder.ratings(_valid_items(doc.data, "ratings", broken))
    else:
        loaded.ratings = DEFAULT_RATINGS
    verdicts = {r.key: r.label for r in loaded.ratings if r.is_verdict}
    builder.verdict_labels = {
        key: (label, tuple(other for k, other in verdicts.items() if k != key))
        for key, label in verdicts.items()
    }
    # Names of entries that are broken still count as existing, so one typo is not reported
    # again by every check that refers to the entry.
    rating_keys = (
        [r.key for r in loaded.ratings] if "ratings" not in doc.data else _names(doc.data, "ratings", "key")
    )
    loaded.sources, loaded.seeds = builder.sources(_valid_items(doc.data, "sources", broken))
    check_items = _valid_items(doc.data, "checks", broken)
    loaded.quote_count = len(_names(doc.data, "checks", "quote"))
    loaded.checks, loaded.check_marks = builder.checks(
        check_items, rating_keys, _names(doc.data, "sources", "id"), set(loaded.seeds)
    )
    problems.extend(builder.problems)
    return loaded


def _names(data: dict[str, Any], section: str, key: str) -> list[str]:
    """The text values of ``key`` in every entry of ``section``, valid entries or not."""
    items = data.get(section)
    if not isinstance(items, list):
        return []
    return [i[key] for i in items if isinstance(i, dict) and isinstance(i.get(key), str)]


def load(path: Path, seeds_dir: Path | None = None, docs_dir: Path | None = None) -> Loaded:
    """Load ``factchecks.yaml`` at ``path``; seeds default to the ``seeds/`` folder beside it. With
    ``docs_dir``, its pages still to be filled in are warnings (``desk_files``)."""
    loaded = _load_file(path, seeds_dir, docs_dir)
    loaded.problems.extend(desk_warnings(path, docs_dir))
    return loaded


def _load_file(path: Path, seeds_dir: Path | None, docs_dir: Path | None) -> Loaded:
    seeds_dir = seeds_dir if seeds_dir is not None else path.parent / "seeds"
    filename = display_path(path)
    try:
        text = decode_utf8(path.read_bytes().removeprefix(b"\xef\xbb\xbf"))
    except OSError as err:
        if isinstance(err, FileNotFoundError):
            message, fix = f"{path.name} does not exist", "create it, or point the `data` option of the "
            fix += "factsite plugin in mkdocs.yml (or `factsite check FILE`) at the file of fact checks"
        else:
            message, fix = f"{path.name} cannot be read ({err.strerror})", "make it a readable file"
        problem = Problem("data-unreadable", filename, 1, 1, message, fix)
        return Loaded(document_name=filename, problems=[problem])
    except SeedError as err:
        message = f"{path.name} {err.message}"
        problem = Problem("yaml-encoding", filename, err.line, err.column, message, err.fix)
        return Loaded(document_name=filename, problems=[problem])
    return load_text(text, filename, seeds_dir, docs_dir)
