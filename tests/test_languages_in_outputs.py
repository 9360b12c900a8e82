"""The site's language in every machine output, and a source's own language where it declares one.

A Spanish desk (``theme.language: es``, the other-desk fixture) checks a French report whose source
says ``language: fr``: the ClaimReview is in Spanish and reviews a claim made in French, the feed is
``xml:lang="es"``, every page says ``og:locale`` ``es_ES``, ``claims.json`` carries both languages
(and still matches its schema), and the French text is marked up ``lang="fr"`` wherever the site
shows it: the source page's passages and the claim page's quote, never the verdicts around it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import feedparser
import jsonschema
import pytest
from sitebuild import OTHER_DESK, Element, copy_project, json_ld, mkdocs_build, parse, run_cli

from factsite.model import Seed, Source, Span, canonical_language
from factsite.publish.share_meta import ShareMeta, og_locale
from factsite.publish.structured_data import claim_review_problems
from factsite.quotes.project import read_project
from factsite.render.passages import Highlight, foreign_language, paragraphs, render_paragraph

SITE_URL = "https://desk.example/verificado/"
FRENCH_SOURCE = "rapport-ecoles-prefecture"
FRENCH_CHECK = "escuelas-inversion-record"
SPANISH_SOURCE = "boletin-presupuesto-villaejemplo"
SPANISH_CHECK = "mayor-presupuesto-historia"
FRENCH_SEED = textwrap.dedent(
    """\
    date 2024-05-02
    La préfecture a publié jeudi son rapport annuel sur les établissements scolaires du département.

    « Jamais l'État n'a autant investi dans les écoles rurales », a déclaré le préfet devant la presse.

    Le rapport recense 214 écoles, dont 37 ont bénéficié de travaux cette année.
    """
)
FRENCH_QUOTE = "Jamais l'État n'a autant investi dans les écoles rurales"
# Entries of the other desk's lists, indented as its own are.
FRENCH_ENTRIES = f"""\
  - id: {FRENCH_SOURCE}
    seed: rapport-ecoles.txt
    title: Rapport annuel sur les écoles du département
    outlet: Préfecture du département
    language: fr
"""
FRENCH_CHECK_ENTRY = f"""\
  - id: {FRENCH_CHECK}
    source: {FRENCH_SOURCE}
    quote: {FRENCH_QUOTE}
    claimant: El prefecto
    claim_date: 2024-05-02
    claim: El Estado nunca invirtió tanto en las escuelas rurales.
    rating: mostly-accurate
    summary: La inversión de 2024 es la mayor en euros corrientes, no en euros constantes.
    published: 2024-05-06
"""


def _desk(dest: Path, language_line: str = "language: fr") -> Path:
    """The other desk (Spanish) with a French report among its sources."""
    project = copy_project(dest, OTHER_DESK)
    (project / "seeds" / "rapport-ecoles.txt").write_text(FRENCH_SEED, encoding="utf-8")
    data = project / "factchecks.yaml"
    text = data.read_text(encoding="utf-8")
    sources = FRENCH_ENTRIES.replace("language: fr", language_line)
    text = text.replace("\nchecks:\n", f"\n{sources}\nchecks:\n")
    data.write_text(text.rstrip("\n") + "\n\n" + FRENCH_CHECK_ENTRY, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _desk(tmp_path_factory.mktemp("languages"))
    out = project / "public"
    result = mkdocs_build(project, out, FACTSITE_SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


def _meta(page: Path, name: str) -> list[str | None]:
    return [m.attrs.get("content") for m in parse(page).find("meta") if m.attrs.get("property") == name]


# -- JSON-LD -------------------------------------------------------------------------------------


def test_the_claim_review_is_in_the_site_language_and_the_claim_in_the_source_language(site: Path) -> None:
    [review] = json_ld(site / "claims" / FRENCH_CHECK / "index.html", "ClaimReview")
    assert review["inLanguage"] == "es"  # the desk's words: claimReviewed, the verdict
    assert review["itemReviewed"]["inLanguage"] == "fr"  # what the prefect said
    assert review["itemReviewed"]["appearance"]["inLanguage"] == "fr"  # the report it is in
    assert claim_review_problems(review, label_on_page=review["reviewRating"]["alternateName"]) == []


def test_a_source_without_a_language_is_in_the_site_language(site: Path) -> None:
    [review] = json_ld(site / "claims" / SPANISH_CHECK / "index.html", "ClaimReview")
    assert review["inLanguage"] == review["itemReviewed"]["inLanguage"] == "es"
    assert review["itemReviewed"]["appearance"]["inLanguage"] == "es"


def test_claim_review_rules_refuse_a_language_that_is_not_a_tag(site: Path) -> None:
    [review] = json_ld(site / "claims" / FRENCH_CHECK / "index.html", "ClaimReview")
    label = review["reviewRating"]["alternateName"]
    assert claim_review_problems({**review, "inLanguage": "Spanish"}, label_on_page=label) == [
        "inLanguage must be a BCP 47 language tag, e.g. es or pt-BR"
    ]
    claim = {**review["itemReviewed"], "inLanguage": "fr_FR"}
    assert claim_review_problems({**review, "itemReviewed": claim}, label_on_page=label) == [
        "itemReviewed.inLanguage must be a BCP 47 language tag, e.g. es or pt-BR"
    ]


# -- The feed ----------------------------------------------------------------------------------


def test_the_feed_is_in_the_site_language(site: Path) -> None:
    raw = (site / "feed.xml").read_text(encoding="utf-8")
    root = ET.fromstring(raw.encode("utf-8"))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == "es"
    entry = next(e for e in feed.entries if e.link == f"{SITE_URL}claims/{FRENCH_CHECK}/")
    # The entry is the desk's words about the French claim, in Spanish like the rest of the feed.
    assert entry.summary_detail.language == "es"
    assert entry.content[0].language == "es"


# -- og:locale -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        f"claims/{FRENCH_CHECK}/index.html",
        f"sources/{FRENCH_SOURCE}/index.html",
        "about/index.html",
    ],
)
def test_every_page_says_its_locale_for_sharing(site: Path, page: str) -> None:
    assert _meta(site / page, "og:locale") == ["es_ES"]


@pytest.mark.parametrize(
    ("language", "locale"),
    [
        ("es", "es_ES"),
        ("fr", "fr_FR"),
        ("pt", "pt_BR"),  # CLDR's likely region for Portuguese
        ("pt-BR", "pt_BR"),
        ("en-GB", "en_GB"),
        ("ar", "ar_EG"),
        ("zh-Hant", "zh_TW"),
        ("sr-Latn", "sr_RS"),
        ("es-419", "es"),  # a wider area than a country: the language alone
        ("tlh", "tlh"),  # unknown to CLDR
        ("en-x-desk", "en_US"),
    ],
)
def test_og_locale_is_language_and_territory(language: str, locale: str) -> None:
    assert og_locale(language) == locale


def test_og_locale_is_escaped() -> None:
    html = str(ShareMeta("t", "d", "https://x.example/", "S", language='x"><script>').html())
    assert "<script>" not in html and 'content="x&#34;&gt;&lt;script&gt;"' in html


# -- claims.json and claims.csv ------------------------------------------------------------------


def test_claims_json_carries_the_languages_and_matches_its_schema(site: Path) -> None:
    payload = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "claims.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(payload)
    assert payload["version"] == 2 and payload["language"] == "es"
    by_id = {c["id"]: c for c in payload["checks"]}
    assert by_id[FRENCH_CHECK]["source"]["language"] == "fr"
    assert by_id[SPANISH_CHECK]["source"]["language"] is None  # the site's
    # The schema holds them to the tag form.
    broken = {**payload, "language": "español"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(broken)


def test_claims_csv_gives_every_source_language(site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((site / "claims.csv").read_text(encoding="utf-8"), newline="")))
    languages = {row["id"]: row["source_language"] for row in rows}
    assert languages[FRENCH_CHECK] == "fr" and languages[SPANISH_CHECK] == "es"
    assert next(iter(csv.reader(io.StringIO((site / "claims.csv").read_text(encoding="utf-8")))))[-1] == (
        "source_language"
    )


# -- lang in the HTML ----------------------------------------------------------------------------


_VOID = ("meta", "link", "br", "img", "input", "hr")


def _nearest_lang(elements: tuple[Element, ...]) -> str | None:
    return next((e.attrs["lang"] for e in reversed(elements) if e.attrs.get("lang") is not None), None)


def _classes(elements: tuple[Element, ...]) -> tuple[str, ...]:
    return tuple(c for e in elements for c in (e.get("class") or "").split())


@dataclass
class _Languages:
    """Every element and text node of a page with the language it is in (the nearest ``lang``)."""

    texts: list[tuple[str, str | None, tuple[str, ...]]]  # text, lang, classes around
    elements: list[tuple[str, dict[str, str | None], str | None]]  # tag, attrs, its lang


def _languages(page: Path) -> _Languages:
    parsed = parse(page)
    texts = [
        (node.text, _nearest_lang(node.parents), _classes(node.parents))
        for node in parsed.text_nodes
        if node.text.strip()
    ]
    elements = [
        (e.tag, e.attrs, _nearest_lang((*e.parents, e))) for e in parsed.elements if e.tag not in _VOID
    ]
    return _Languages(texts, elements)


def test_the_source_page_marks_its_passages_french_and_nothing_else(site: Path) -> None:
    page = _languages(site / "sources" / FRENCH_SOURCE / "index.html")
    passage = [(text, lang) for text, lang, classes in page.texts if "fs-row__text" in classes]
    assert "".join(text for text, _ in passage).count("écoles") == 2
    assert {lang for _, lang in passage} == {"fr"}
    # The verdict in the highlight's title, the cards beside the text, the page itself: Spanish.
    [(mark, mark_lang)] = [(attrs, lang) for tag, attrs, lang in page.elements if tag == "mark"]
    assert mark.get("title") and mark_lang == "es"
    cards = {lang for _, lang, classes in page.texts if "fs-row__cards" in classes}
    assert cards == {"es"}
    assert page.elements[0][1].get("lang") == "es"


def test_the_claim_page_quote_is_french_and_the_verdict_spanish(site: Path) -> None:
    page = _languages(site / "claims" / FRENCH_CHECK / "index.html")
    quoted = [(text, lang) for text, lang, classes in page.texts if "fs-quote" in classes]
    said = "".join(text for text, lang in quoted if lang == "fr")
    assert FRENCH_QUOTE in said and said.startswith("« ") and "a déclaré le préfet" in said
    # The caption (who said it, when) is the desk's sentence, in the page's language.
    assert {lang for text, lang, _ in page.texts if text == "El prefecto"} == {"es"}
    [(mark, mark_lang)] = [(attrs, lang) for tag, attrs, lang in page.elements if tag == "mark"]
    assert mark.get("title") and mark_lang == "es"
    verdict = {lang for _, lang, classes in page.texts if "fs-claim__verdict" in classes}
    assert verdict == {"es"}


def test_a_source_in_the_site_language_has_no_lang_of_its_own(site: Path) -> None:
    for page in (
        site / "sources" / SPANISH_SOURCE / "index.html",
        site / "claims" / SPANISH_CHECK / "index.html",
    ):
        assert not [attrs for _, attrs, _ in _languages(page).elements[1:] if "lang" in attrs], page


def test_render_paragraph_marks_each_piece_of_text_never_the_marks() -> None:
    seed = Seed("s.txt", "Il a dit « oui » <b> hier.")
    [para] = paragraphs(seed)
    hl = Highlight("c", Span(9, 16), "true", "Exacto")
    html = str(render_paragraph(seed.text, para, [hl], lang="fr"))
    assert html.startswith('<span lang="fr">Il a dit </span><mark ')
    assert '<span lang="fr">« oui »</span></mark>' in html and "&lt;b&gt;" in html
    quiet = str(render_paragraph(seed.text, para, [hl], interactive=False, search_context=False, lang="fr"))
    assert '<span lang="fr" data-pagefind-ignore>Il a dit </span>' in quiet
    assert "lang" not in str(render_paragraph(seed.text, para, [hl]))


@pytest.mark.parametrize(
    ("declared", "site_language", "marked"),
    [
        ("fr", "es", "fr"),
        ("pt-BR", "pt", "pt-BR"),
        ("es", "es", None),
        ("ES", "es", None),
        (None, "es", None),
    ],
)
def test_a_source_is_marked_up_only_in_a_language_other_than_the_page(
    declared: str | None, site_language: str, marked: str | None
) -> None:
    source = Source("s", "s.txt", "T", "O", dt.date(2024, 1, 1), language=declared)
    assert foreign_language(source, site_language) == marked


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("fr", "fr"),
        ("PT-br", "pt-BR"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("pt_BR", "pt-BR"),
        ("es-419", "es-419"),
    ],
)
def test_language_tags_are_written_in_their_usual_case(written: str, canonical: str) -> None:
    assert canonical_language(written) == canonical


# -- A bad tag is a located error ----------------------------------------------------------------


@pytest.mark.parametrize("value", ["french", "f", "fr_FR", "fr-", "'fr\\n'", '"fr\\n"', "'12'"])
def test_a_source_language_that_is_not_a_tag_is_a_located_error(tmp_path: Path, value: str) -> None:
    project = _desk(tmp_path / "desk", language_line=f"language: {value}")
    result = run_cli("check", cwd=project)
    assert result.returncode == 1, result.stdout
    lines = (project / "factchecks.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.strip().startswith("language:"))
    column = lines[line - 1].index("language:") + len("language: ") + 1
    expected = f"factchecks.yaml:{line}:{column}: error: source '{FRENCH_SOURCE}', field `language`"
    assert expected in result.stdout, result.stdout
    assert "is not a language tag" in result.stdout
    assert "e.g. fr, pt-BR or zh-Hant" in result.stdout


@pytest.mark.parametrize(("value", "kept"), [("no", "no"), ("PT-br", "pt-BR"), ("fil", "fil")])
def test_a_good_language_tag_is_kept_as_text_in_its_usual_case(tmp_path: Path, value: str, kept: str) -> None:
    project = _desk(tmp_path / "desk", language_line=f"language: {value}")
    report = read_project(project / "factchecks.yaml", project / "seeds")
    assert report.project is not None, report.problems
    assert report.project.source(FRENCH_SOURCE).language == kept
