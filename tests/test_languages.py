"""Every language: the site speaks ``theme.language``.

The sample desk built in each shipped language keeps none of factsite's English words (the desk's
own words, the sample's English checks, excepted); every catalog holds every message of the code,
translated, with the language's plural forms; dates are Babel's for the language; a desk's
``strings`` replace any message or stand in for a language with no catalog (English and one
warning otherwise); ``factsite strings`` prints a catalog translators can fill in.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.dates import format_date
from babel.messages.pofile import read_po
from sitebuild import (
    REPO,
    SAMPLE_DESK,
    Element,
    copy_project,
    mkdocs_build,
    parse_html,
    run_cli,
    run_engine,
    sample_data,
)

from factsite.messages import (
    ENGLISH,
    SHIPPED,
    _catalog,
    message_ids,
    messages_for,
    missing_warning,
    plural_ids,
    template,
)
from factsite.messages.extract import template_catalog

TRANSLATED = [language for language in SHIPPED if language != "en"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
# Words a language writes as English does: not English left behind. Each with why.
SAME_IN = {
    "fr": {
        "Source": "French for a source document is « source »",
        "Sources": "the plural, likewise",
        "Contact": "French « contact »",
        "Verdict": "French « verdict », the filter's label",
        "Verdicts": "the plural, likewise (a claimant's verdicts)",
        "Opinion": "French « opinion », the rating",
        "source": "in a sentence (« par sujet, auteur ou source »)",
        "sources": "likewise",
        "page": "French « page » (a listing's « page 2 sur 9 »)",
    },
}
# Elements whose text is the desk's (claims, quotes, names, titles, Markdown fields), not ours.
DESK_TEXT_CLASSES = {"md-tag"}


# ------------------------------------------------------------------------------------------------
# Catalogs
# ------------------------------------------------------------------------------------------------


def _key(message: Any) -> str:
    return str(message.id[0] if isinstance(message.id, tuple) else message.id)


def test_the_template_holds_exactly_the_messages_of_the_code() -> None:
    """messages.pot is what ``python -m factsite.messages.extract`` finds in the templates, the
    Python that writes pages and the default rating scale: nothing missing, nothing stale."""
    code = {_key(m): m.id for m in template_catalog() if m.id}
    shipped = {_key(m): m.id for m in template() if m.id}
    assert code == shipped, (
        "run `python -m factsite.messages.extract` and translate the new messages:\n"
        f"missing: {sorted(set(code) - set(shipped))}\nstale: {sorted(set(shipped) - set(code))}"
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_catalog_has_every_message_translated_and_nothing_else(language: str) -> None:
    catalog = _catalog(language)
    assert catalog is not None
    ids = {_key(m): m for m in catalog if m.id}
    assert set(ids) == set(message_ids()), "run `python -m factsite.messages.extract`"
    assert not catalog.obsolete
    plurals = plural_ids()
    for key, message in ids.items():
        assert not message.fuzzy, key
        if key in plurals:
            assert isinstance(message.string, tuple), key
            assert len(message.string) == catalog.num_plurals, key
            forms = message.string
        else:
            forms = (message.string,)
        english = set(PLACEHOLDER.findall(key)) | set(PLACEHOLDER.findall(plurals.get(key, "")))
        for form in forms:
            assert form and form.strip(), f"{language}: {key!r} is not translated"
            # Every placeholder kept (a plural form may say its number in words instead of "num").
            assert set(PLACEHOLDER.findall(form)) <= english, (language, key, form)
            assert english - {"num"} <= set(PLACEHOLDER.findall(form)), (language, key, form)
            assert "%" not in PLACEHOLDER.sub("", form), f"{language}: a lone % in {form!r}"


# Plural form index for 0, 1, 2 and 11, as each language's grammar has it.
PLURAL_INDEX = {
    "en": (1, 0, 1, 1),
    "es": (1, 0, 1, 1),
    "de": (1, 0, 1, 1),
    "pt": (1, 0, 1, 1),
    "fr": (0, 0, 1, 1),  # French counts 0 as singular: « 0 vérification »
    "ar": (0, 1, 2, 4),  # zero, one, two, (few: 3-10), many: 11-99, (other: 100+)
}


@pytest.mark.parametrize("language", SHIPPED)
def test_plural_forms_follow_the_language(language: str) -> None:
    messages = messages_for(language)
    assert tuple(messages.plural_index(n) for n in (0, 1, 2, 11)) == PLURAL_INDEX[language]
    counts = (0, 1, 2, 11)
    words = [
        (messages.ngettext("%(num)d check", "%(num)d checks", n) % {"num": n}).replace(str(n), "#")
        for n in counts
    ]
    forms = PLURAL_INDEX[language]
    for a in range(4):
        for b in range(4):
            # The same form gives the same words; different forms, different words.
            assert (words[a] == words[b]) == (forms[a] == forms[b]), (language, words)
    if language == "ar":
        assert [messages.plural_index(n) for n in (3, 10, 99, 100, 102)] == [3, 3, 4, 5, 5]


@pytest.mark.parametrize("language", SHIPPED)
def test_dates_are_the_languages_own(language: str) -> None:
    day = dt.date(2025, 2, 4)
    expected = "4 February 2025" if language == "en" else format_date(day, format="long", locale=language)
    assert messages_for(language).date(day) == expected
    if language in ("es", "fr", "de"):
        assert expected == {"es": "4 de febrero de 2025", "fr": "4 février 2025", "de": "4. Februar 2025"}[
            language
        ]


def test_the_default_ratings_are_translated_by_key_and_a_desks_own_are_not() -> None:
    from factsite.model import DEFAULT_RATINGS, Rating

    spanish = messages_for("es")
    false = next(r for r in DEFAULT_RATINGS if r.key == "false")
    assert spanish.rating(false).label == "Falso"
    assert spanish.rating(false).definition != false.definition
    own = Rating("false", "False", "Our own words.", 1)
    assert spanish.rating(own) == own


def test_the_script_has_no_words_of_its_own() -> None:
    """The filters' live message comes from the page (data-fs-message), in its language."""
    script = (REPO / "src" / "factsite" / "render" / "assets" / "factsite.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.DOTALL)  # comments are for us
    literals = re.findall(r'"([^"\\]*)"', code)
    words = [t for t in literals if t != "use strict" and re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", t)]
    assert words == [], f"English in factsite.js: {words}"
    assert not set(literals) & set(message_ids())


# ------------------------------------------------------------------------------------------------
# The sample site in every shipped language
# ------------------------------------------------------------------------------------------------


def _with_config(project: Path, change: Any) -> None:
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    config = yaml.load(text, Loader=_PermissiveLoader)
    change(config)
    dumped = yaml.dump(config, Dumper=_EnvDumper, allow_unicode=True, sort_keys=False)
    path.write_text(dumped, encoding="utf-8")


class _Env:
    def __init__(self, value: list[Any]):
        self.value = value


class _PermissiveLoader(yaml.SafeLoader):
    pass


_PermissiveLoader.add_constructor("!ENV", lambda loader, node: _Env(loader.construct_sequence(node)))


class _EnvDumper(yaml.SafeDumper):
    pass


_EnvDumper.add_representer(_Env, lambda dumper, env: dumper.represent_sequence("!ENV", env.value))


def _set_language(language: str, strings: dict[str, Any] | None = None) -> Any:
    def change(config: dict[str, Any]) -> None:
        config["theme"]["language"] = language
        if strings is not None:
            for plugin in config["plugins"]:
                if isinstance(plugin, dict) and "factsite" in plugin:
                    plugin["factsite"]["strings"] = strings

    return change


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Any:
    sites: dict[str, Path] = {}

    def build(language: str) -> Path:
        if language not in sites:
            project = copy_project(tmp_path_factory.mktemp(f"sample-{language}"))
            _with_config(project, _set_language(language))
            result = mkdocs_build(project, project / "public")
            assert result.returncode == 0, result.stderr
            assert "WARNING" not in result.stderr, result.stderr
            sites[language] = project / "public"
        return sites[language]

    return build


# Attributes meant for people, where our English could hide.
PEOPLE_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "data-fs-message")


def _desks(element: Element) -> bool:
    """Whether the element holds what the desk wrote: dir="auto", <bdi>, a chosen data option,
    a topic chip."""
    classes = set((element.get("class") or "").split())
    return (
        element.get("dir") == "auto"
        or element.tag == "bdi"
        or bool(classes & DESK_TEXT_CLASSES)
        or (element.tag == "option" and bool(element.get("value")))
    )


def _is_content(element: Element) -> bool:
    return element.tag == "article" and "md-content__inner" in (element.get("class") or "").split()


def _our_text(html: str, whole: bool = False) -> str:
    """The text and the attributes for people that factsite wrote in a page's content (all of
    ``html`` when ``whole``: a fragment such as the feed's content), what the desk wrote left out."""
    page = parse_html(html)

    def ours(parents: tuple[Element, ...]) -> bool:
        return (whole or any(map(_is_content, parents))) and not any(map(_desks, parents))

    texts = [
        element.attrs[name] or ""
        for element in page.elements
        if ours(element.parents) and not _desks(element)
        for name in PEOPLE_ATTRIBUTES
        if name in element.attrs
    ]
    texts += [node.text for node in page.text_nodes if node.parents and ours(node.parents)]
    return "\n".join(texts)


@cache
def _desk_strings() -> list[str]:
    """Every text the sample desk wrote: removed before looking for our English."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(sample_data())
    config = yaml.load((SAMPLE_DESK / "mkdocs.yml").read_text(encoding="utf-8"), _PermissiveLoader)
    found += [config["site_name"], config["site_description"]]
    return sorted({s.strip() for s in found if len(s.strip()) >= 3}, key=len, reverse=True)


def _without_desk_text(text: str, desk_strings: tuple[str, ...] = ()) -> str:
    text = re.sub("\u2068.*?\u2069", " ", text, flags=re.DOTALL)  # isolated fields
    for desk in sorted(desk_strings, key=len, reverse=True) + _desk_strings():
        text = text.replace(desk, " ")
    return text


@cache
def _english_fragments() -> list[str]:
    """The English words of every message: its text between placeholders, where long enough to
    say something ("In", "on" alone would be found in any English name)."""
    fragments: set[str] = set()
    plurals = plural_ids()
    for key in message_ids():
        for text in (key, plurals.get(key)):
            for piece in PLACEHOLDER.split(text or "")[::2]:
                piece = piece.strip(" .,:;()“”'")
                if len(piece) >= 4 and re.search("[A-Za-z]", piece):
                    fragments.add(piece)
    return sorted(fragments, key=len, reverse=True)


def _english_left(text: str, language: str, desk_strings: tuple[str, ...] = ()) -> list[str]:
    text = _without_desk_text(text, desk_strings)
    same = set(SAME_IN.get(language, {}))
    return [
        fragment
        for fragment in _english_fragments()
        if fragment not in same and re.search(rf"(?<![\w-]){re.escape(fragment)}(?![\w-])", text)
    ]


def _generated_pages(site: Path) -> list[Path]:
    pages = [site / "index.html"]
    pages += [site / name / "index.html" for name in ("claims", "sources", "ratings", "corrections")]
    pages += sorted(site.glob("claims/*/index.html")) + sorted(site.glob("sources/*/index.html"))
    return pages


def _head_text(html: str) -> str:
    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
    description = re.search(r'<meta name="description" content="([^"]*)"', html)
    feed = re.search(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)"', html)
    from html import unescape

    return "\n".join(unescape(m.group(1)) for m in (title, description, feed) if m)


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_of_factsites_own_is_left_in_the_pages(built: Any, language: str) -> None:
    site = built(language)
    left = {}
    for page in _generated_pages(site):
        html = page.read_text(encoding="utf-8")
        english = _english_left(_our_text(html) + "\n" + _head_text(html), language)
        if english:
            left[str(page.relative_to(site))] = english
    assert left == {}


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_of_factsites_own_is_left_in_the_feed(built: Any, language: str) -> None:
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(built(language) / "feed.xml").getroot()
    texts = [feed.findtext(f"{atom}title") or ""]
    for entry in feed.iter(f"{atom}entry"):
        texts += [entry.findtext(f"{atom}title") or "", entry.findtext(f"{atom}summary") or ""]
        texts.append(_our_text(entry.findtext(f"{atom}content") or "", whole=True))
        texts += [c.get("term") or "" for c in entry.iter(f"{atom}category")]
    assert _english_left("\n".join(texts), language) == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_scripts_message_and_the_exports_labels_are_translated(built: Any, language: str) -> None:
    import json

    site = built(language)
    html = (site / "claims" / "index.html").read_text(encoding="utf-8")
    message = re.search(r'data-fs-message="([^"]*)"', html)
    assert message and "{shown}" in message.group(1)
    assert _english_left(message.group(1), language) == []
    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    labels = [r["label"] for r in claims["ratings"]] + [r["definition"] for r in claims["ratings"]]
    assert _english_left("\n".join(labels), language) == []
    spanish_or_not = messages_for(language)
    assert {r["label"] for r in claims["ratings"]} >= {spanish_or_not.gettext("False")}


@pytest.mark.parametrize("language", SHIPPED)
def test_dates_on_the_pages_are_the_languages_and_machines_keep_iso(built: Any, language: str) -> None:
    site = built(language)
    messages = messages_for(language)
    seen = 0
    for page in _generated_pages(site):
        for iso, shown in re.findall(r'<time datetime="([^"]+)">([^<]+)</time>', page.read_text("utf-8")):
            day = dt.date.fromisoformat(iso)
            expected = format_date(day, "d MMMM y", locale="en") if language == "en" else format_date(
                day, format="long", locale=language
            )
            assert shown == expected == messages.date(day)
            seen += 1
    assert seen > 20
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert re.search(r"<updated>\d{4}-\d\d-\d\dT00:00:00Z</updated>", feed)


def test_english_is_as_it_was(sample_site: Path) -> None:
    html = (sample_site / "claims" / "index.html").read_text(encoding="utf-8")
    assert "8 fact checks, newest first." in html
    assert 'data-fs-message="Showing {shown} of 8 fact checks."' in html
    assert ENGLISH.date(dt.date(2026, 11, 10)) == "10 November 2026"


# ------------------------------------------------------------------------------------------------
# A desk's own words, and a language without a catalog
# ------------------------------------------------------------------------------------------------


def test_strings_override_a_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "desk")
    strings = {"Our verdict": "Our finding", "%(num)d check": ["One check", "%(num)d checks in all"]}
    _with_config(project, _set_language("en", strings))
    result = mkdocs_build(project, project / "public")
    assert result.returncode == 0, result.stderr
    claim = next((project / "public" / "claims").glob("*/index.html")).read_text(encoding="utf-8")
    assert '<h2 id="fs-verdict">Our finding</h2>' in claim or "Context" in claim
    ratings = (project / "public" / "ratings" / "index.html").read_text(encoding="utf-8")
    assert "checks in all</a>" in ratings
    assert "Our verdict" not in "".join(
        p.read_text(encoding="utf-8") for p in (project / "public" / "claims").glob("*/index.html")
    )


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("WARNING")]


def test_a_language_without_catalog_or_strings_is_english_with_one_warning(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "desk")
    _with_config(project, _set_language("ja"))
    result = run_engine(project, "build", "-d", str(project / "public"))
    assert result.returncode == 0, result.stderr
    warnings = _warnings(result.stderr)
    assert len(warnings) == 1, result.stderr
    warning = warnings[0]
    assert "theme.language 'ja'" in warning and f"{len(message_ids())} message(s)" in warning
    assert "'Our verdict'" in warning or "'Retracted fact check'" in warning
    assert "strings:" in warning and "factsite strings --language ja" in warning
    home = (project / "public" / "index.html").read_text(encoding="utf-8")
    assert "Latest fact checks" in home and 'lang="ja"' in home
    # Strict builds fail on it: only the desk can write the missing words.
    assert mkdocs_build(project, project / "strict").returncode != 0


def test_complete_strings_make_a_language_without_a_catalog(tmp_path: Path) -> None:
    """A desk writing in a language factsite has no catalog for gives every message in `strings`
    (here the Spanish catalog's words stand in for them): no English, no warning, strict passes."""
    spanish = messages_for("es")
    strings: dict[str, Any] = {
        key: list(spanish.texts[key]) if key in plural_ids() else spanish.texts[key][0]
        for key in message_ids()
    }
    project = copy_project(tmp_path / "desk")
    _with_config(project, _set_language("ja", strings))
    result = mkdocs_build(project, project / "public")
    assert result.returncode == 0, result.stderr
    assert _warnings(result.stderr) == []
    home = (project / "public" / "index.html").read_text(encoding="utf-8")
    assert "Últimas verificaciones" in home
    assert _english_left(_our_text(home), "es") == []


def test_the_missing_warning_names_what_is_missing() -> None:
    partial = messages_for("ja", {"Our verdict": "判定"})
    assert "Our verdict" not in partial.missing
    warning = missing_warning(partial)
    assert warning and f"{len(message_ids()) - 1} message(s)" in warning
    assert missing_warning(messages_for("es")) is None and missing_warning(ENGLISH) is None
    assert messages_for("pt-BR").gettext("False") == "Falso"


# ------------------------------------------------------------------------------------------------
# factsite strings
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", [None, "es", "ar", "ja"])
def test_factsite_strings_prints_a_catalog_with_every_message(tmp_path: Path, language: str | None) -> None:
    result = run_cli("strings", *(["--language", language] if language else []), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    catalog = read_po(io.StringIO(result.stdout))
    assert {_key(m) for m in catalog if m.id} == set(message_ids())
    translated = [m for m in catalog if m.id and (m.string if isinstance(m.string, str) else any(m.string))]
    if language in ("es", "ar"):
        assert len(translated) == len(message_ids())
        assert catalog.num_plurals == (6 if language == "ar" else 2)
    else:
        assert translated == []
    if language == "ja":
        assert catalog.num_plurals == 1


def test_the_english_finder_finds_english(sample_site: Path) -> None:
    """The checks above would pass on a site of any language if they could not see English."""
    html = (sample_site / "claims" / "index.html").read_text(encoding="utf-8")
    found = _english_left(_our_text(html) + "\n" + _head_text(html), "es")
    assert {"All fact checks", "Clear filters", "Filter fact checks", "All verdicts"} <= set(found)
    claim = next((sample_site / "claims").glob("*/index.html")).read_text(encoding="utf-8")
    assert {"What was said", "Claimant"} <= set(_english_left(_our_text(claim), "es"))
    # The desk's own English is not ours.
    assert "Associated Press" not in _without_desk_text(_our_text(claim))


@pytest.mark.parametrize("language", TRANSLATED)
def test_corrections_retractions_and_the_desks_facts_are_translated(tmp_path: Path, language: str) -> None:
    """What the sample lacks: a correction with a changed rating, a retraction, the about page's
    headings; on every page, in its title and description, and in the feed."""
    from test_retraction import LIVE, RETRACTED, write_desk

    from factsite.quotes.project import read_project
    from factsite.render.organisation import DeskFacts
    from factsite.render.site import SiteInfo, build_site

    report = read_project(write_desk(tmp_path, [LIVE, RETRACTED]))
    assert report.project is not None
    desk = DeskFacts(
        contact="desk@example.org", ownership="Owned by us.", funding="Donors.", editorial_team="Ana."
    )
    info = SiteInfo("Test desk", "https://example.org/desk/", desk=desk, language=language)
    site = build_site(report.project, info)
    words: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            words.append(value)
        elif isinstance(value, dict | list):
            for item in value.values() if isinstance(value, dict) else value:
                walk(item)

    walk([LIVE, RETRACTED, "The mayor's Monday speech", "City Herald", "Test desk", "desk@example.org"])
    walk(["Owned by us.", "Donors.", "Ana.", "We relied on a draft police report."])
    texts = [str(site.organisation)] + [part.title for part in site.organisation_parts]
    for page in site.pages:
        texts += [_our_text(str(page.body), whole=True), page.title, page.description]
    feed = next(f.content for f in site.files if f.path == "feed.xml")
    texts.append(_our_text(feed, whole=True))
    left = _english_left("\n".join(texts), language, tuple(w for w in words if len(w) >= 3))
    assert left == []
    log = next(p for p in site.pages if p.path.startswith("corrections"))
    assert messages_for(language).gettext("Retracted") in str(log.body)
