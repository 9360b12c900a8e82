"""Hostile contributor input: valid ``factchecks.yaml`` content that tries to run script on the built site.

Everything a contributor writes is untrusted: the plain fields, the Markdown fields, the seed text,
the URLs, the tags, even the name of a seed file. This module builds a real site with
``mkdocs build --strict`` from a project whose every text field carries an XSS payload, builds the
clean sample next to it for comparison, parses every generated HTML file, and asserts that each
payload arrived as inert text (or as an inert attribute value) and never as markup.

Payloads are valid input: the build must succeed. A failure here means a contributor could put
script, tracking requests or a broken page in front of readers through a pull request.

"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from sitebuild import (
    REPO,
    SAMPLE_DESK,
    SAMPLE_EDIT_URI,
    SAMPLE_REPO_URL,
    Element,
    ParsedPage,
    copy_project,
    mkdocs_build,
    parse_html,
    run_cli,
    sample_data,
    site_index,
)

from factsite.model import DEFAULT_RATINGS
from factsite.quotes.project import read_project
from factsite.render.slugs import base_slug

SITE_URL = "https://factsite.example/"
SITE_HOST = "factsite.example"
# The repository settings of the shared sample build (the clean site compared against), and a site URL.
REPO_URL = SAMPLE_REPO_URL
EDIT_URI = SAMPLE_EDIT_URI
BUILD_ENV = {
    "FACTSITE_REPO_URL": REPO_URL,
    "FACTSITE_EDIT_URI": EDIT_URI,
    "FACTSITE_SITE_URL": SITE_URL,
    "NO_MKDOCS_2_WARNING": "1",
}

# ------------------------------------------------------------------------------------------------
# Payloads
# ------------------------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = '"><svg onload=alert(1)>'
IFRAME = "'><iframe src=javascript:alert(1)>"
CLOSE_SCRIPT = "</script><script>alert(1)</script>"
CLOSE_TITLE = "</title><script>alert(1)</script>"
JINJA = "7*7={{ 7*7 }}"  # evaluated, it would read 7*7=49
JINJA_EVALUATED = "7*7=49"
JINJA_RAW = "{% raw %}RAW{% endraw %}"
# In Markdown a second '*' would make emphasis, so Markdown fields carry the bare expression.
MD_JINJA = "{{ 7*7 }}"
MD_JINJA_EVALUATED = "Jinja 49 and"
ENTITIES = "&lt;script&gt;alert(1)&lt;/script&gt;"  # must stay these characters, never a tag
ENTITIES_SOURCE = "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;"  # how that looks in HTML
MD_JS_LINK = "[x](javascript:alert(1))"
TITLE_BREAKOUT = SVG.replace('"', "&quot;") + " " + IFRAME  # a Markdown link title trying to end title=""

URL_QUOTE = 'https://example.org/"onmouseover="alert(1)'
URL_ANGLE = "https://example.org/?q=<script>alert(1)</script>&x='><svg/onload=alert(1)>"
URL_APOS = "https://example.org/'><iframe/src=javascript:alert(1)>"
URL_JS_QUERY = "https://example.org/javascript:alert(1)?next=javascript:alert(1)"


def markdown_payload(label: str) -> str:
    """A Markdown field that tries every way out of the safe renderer."""
    return f"""\
{label} {SCRIPT} and {IMG} inline.

{SVG} {IFRAME} {CLOSE_SCRIPT} {CLOSE_TITLE}

Jinja {MD_JINJA} and {JINJA_RAW} stay literal. Pre-escaped {ENTITIES} stays text.

## Heading {SCRIPT}

[js](javascript:alert(1)) [mixed](JaVaScRiPt:alert(1)) [spaced](  javascript:alert(1))
[tab](java&#x09;script:alert(1)) [colon](javascript&colon;alert(1)) [letter](&#106;avascript:alert(1))
[escaped](javascript\\:alert(1)) [angle](<javascript:alert(1)>) [vb](vbscript:msgbox(1))
[data](data:text/html,<script>alert(1)</script>) [file](file:///etc/passwd)
[proto](//evil.example/x) [backslash](/\\evil.example/x) [ok](https://evil.example/ok)
[mail](mailto:x@evil.example) [relative](../../about/)

<javascript:alert(1)> <https://evil.example/auto> <data:text/html,alert(1)>

![x](https://evil.example/track.png) ![y](javascript:alert(1))

[ref link][evil] and [ref data][evil-data] and [ref proto][evil-proto]

[evil]: javascript:alert(1)
[evil-data]: data:text/html,<script>alert(1)</script>
[evil-proto]: //evil.example/ref

<div onmouseover="alert(1)">raw html block</div>

<iframe src="https://evil.example/frame"></iframe>

<style>body{{background:url(https://evil.example/css.png)}}</style>

<!-- <script>alert(1)</script> -->

| cell {IMG} | {MD_JS_LINK} |
| --- | --- |
| {SVG} | {SCRIPT} |

`{SCRIPT}` in code, and a fence:

```html
{SCRIPT}
```

[titled](https://example.org/ "{TITLE_BREAKOUT}")
"""


# The seed: its text is as untrusted as the YAML. Quotes below are cut from it verbatim.
SEED_QUOTE = """Officials said <script>alert("seed")</script> & "more" 'quotes'"""
HOSTILE_SEED = (
    "date 2025-03-01\n"
    f"{SEED_QUOTE} in the hostile report.\n"
    "\n"
    f"Second paragraph: {IMG} and {SVG} and {JINJA} and {ENTITIES} and {MD_JS_LINK}."
    f" Later: {CLOSE_TITLE} and {IMG} again.\n"
)
# A seed file name is contributor input too; it ends up in the "Edit this page" link.
HOSTILE_SEED_NAME = 'seed"><svg onload=alert(1)>.txt'

HOSTILE_RATING = {
    "key": "hostile-rating",
    "label": f"{SVG} {JINJA}",
    "definition": f"RATING-DEFINITION {SCRIPT} {IMG} {ENTITIES}",
}

HOSTILE_SOURCE = {
    "id": "hostile-source",
    "seed": "hostile.txt",
    "title": f"SOURCE-TITLE {CLOSE_TITLE} {SVG} {JINJA} {ENTITIES}",
    "outlet": f"OUTLET {IMG} {IFRAME} {CLOSE_SCRIPT}",
    "url": URL_QUOTE,
    "archive_url": URL_ANGLE,
}
FILE_NAME_SOURCE = {
    "id": "hostile-file-name",
    "seed": HOSTILE_SEED_NAME,
    "title": "A source whose seed file has a hostile name",
    "outlet": "Plain Outlet",
    "published": dt.date(2025, 3, 1),
}

HOSTILE_TAGS = [SCRIPT, SVG, IMG, MD_JS_LINK, ENTITIES, JINJA, CLOSE_TITLE, IFRAME]

HOSTILE_CHECK = {
    "id": "hostile-check",
    "source": "hostile-source",
    "quote": SEED_QUOTE,
    "claimant": f"CLAIMANT {SCRIPT} {SVG} {IFRAME} {JINJA} {ENTITIES}",
    "claim_date": dt.date(2025, 3, 1),
    "claim": f"{SVG}{IMG} {JINJA}",
    "rating": "false",
    "summary": f"SUMMARY {CLOSE_TITLE} {CLOSE_SCRIPT} {IMG} {SVG} {IFRAME} {JINJA} {ENTITIES}",
    "analysis": markdown_payload("ANALYSIS"),
    "context": [markdown_payload("CONTEXT"), f"CONTEXT-SHORT {MD_JS_LINK} {IMG}"],
    "sources": [
        {
            "title": f"CITED-TITLE {SCRIPT} {SVG}",
            "publisher": f"CITED-PUBLISHER {IFRAME} {ENTITIES}",
            "url": URL_APOS,
        },
        {"title": f"CITED-SECOND {IMG} {JINJA}", "url": URL_QUOTE, "date": dt.date(2025, 2, 1)},
        {"title": "CITED-THIRD", "publisher": f"{CLOSE_TITLE}", "url": URL_JS_QUERY},
    ],
    "tags": HOSTILE_TAGS,
    "published": dt.date(2025, 3, 2),
    "updated": dt.date(2025, 3, 3),
    "corrections": [
        {"date": dt.date(2025, 3, 3), "text": markdown_payload("CORRECTION"), "previous_rating": "accurate"},
    ],
}
CLOSE_TAGS_CHECK = {
    "id": "hostile-close-tags",
    "source": "hostile-source",
    "quote": IMG,  # occurs twice in the seed: prefix and suffix pick the second one
    "prefix": f"Later: {CLOSE_TITLE} and",
    "suffix": "again.",
    "claimant": f"SECOND-CLAIMANT {CLOSE_SCRIPT}",
    "claim_date": dt.date(2025, 3, 1),
    "claim": f"{CLOSE_TITLE} {MD_JS_LINK}",
    "rating": "hostile-rating",
    # Line breaks and YAML document markers try to end the page's front matter early.
    "summary": f"SECOND-SUMMARY {SVG}\n---\n{MD_JS_LINK}\n...\n<script>alert(1)</script>",
    "tags": [IMG, "Prisons"],
    "published": dt.date(2025, 3, 2),
}
ENTITIES_CHECK = {
    "id": "hostile-entities",
    "source": "hostile-source",
    "quote": f"{JINJA} and {ENTITIES}",
    "claimant": f"THIRD-CLAIMANT {ENTITIES}",
    "claim_date": dt.date(2025, 3, 1),
    "claim": f"{IFRAME} {ENTITIES}",
    "rating": "context",
    "summary": f"THIRD-SUMMARY {ENTITIES} {JINJA_RAW}",
    "published": dt.date(2025, 3, 1),
}
FILE_NAME_CHECK = {
    "id": "seed-file-name",
    "source": "hostile-file-name",
    "quote": "plain words",
    "claimant": "Plain Claimant",
    "claim_date": dt.date(2025, 3, 1),
    "claim": "A plain claim about a source with a hostile file name.",
    "rating": "context",
    "summary": "Nothing hostile here: only the seed's file name is.",
    "published": dt.date(2025, 3, 1),
}
HOSTILE_CHECKS = [HOSTILE_CHECK, CLOSE_TAGS_CHECK, ENTITIES_CHECK, FILE_NAME_CHECK]


def hostile_factchecks() -> dict[str, Any]:
    """The sample (so the hand-written pages' links resolve) plus the hostile sources and checks."""
    data = sample_data()
    ratings = data.get("ratings") or [
        {
            k: v
            for k, v in (
                ("key", r.key),
                ("label", r.label),
                ("definition", r.definition),
                ("value", r.value),
                ("kind", r.kind),
            )
            if v is not None
        }
        for r in DEFAULT_RATINGS
    ]
    data = {"ratings": [*ratings, HOSTILE_RATING], **{k: v for k, v in data.items() if k != "ratings"}}
    data["sources"] = [*data["sources"], HOSTILE_SOURCE, FILE_NAME_SOURCE]
    data["checks"] = [*data["checks"], *HOSTILE_CHECKS]
    return data


# ------------------------------------------------------------------------------------------------
# Building
# ------------------------------------------------------------------------------------------------


def _build(project: Path) -> Path:
    site = project / "built-site"
    result = mkdocs_build(project, site, **BUILD_ENV)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed in {project}:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return site


def hostile_project(dest: Path) -> Path:
    """The site project with the hostile seeds and ``factchecks.yaml`` (also served to the browser tests)."""
    project = copy_project(dest)
    (project / "seeds" / "hostile.txt").write_text(HOSTILE_SEED, encoding="utf-8")
    (project / "seeds" / HOSTILE_SEED_NAME).write_text("Some plain words in a seed.\n", encoding="utf-8")
    text = yaml.safe_dump(hostile_factchecks(), allow_unicode=True, sort_keys=False, width=100)
    (project / "factchecks.yaml").write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(hostile_project(tmp_path_factory.mktemp("hostile")))


@pytest.fixture(scope="module")
def clean_site(sample_site: Path) -> Path:
    """The clean sample, built once for the session by conftest.py with the same repository settings
    (without this module's site URL: the two differ only in absolute URLs, never in markup)."""
    return sample_site


# ------------------------------------------------------------------------------------------------
# Reading the built HTML
# ------------------------------------------------------------------------------------------------


@dataclass
class Page:
    path: str
    source: str
    parsed: ParsedPage = field(repr=False)


@functools.cache
def _read(path: Path) -> Page:
    source = path.read_text(encoding="utf-8")
    return Page(path.name, source, parse_html(source))


def html_files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}


def page(site: Path, rel: str) -> Page:
    path = site / rel
    assert path.is_file(), f"{rel} was not built"
    return _read(path)


# Every page the hostile build must produce, known before building so each gets its own tests.
SHARED_PAGES = [
    "index.html",
    "claims/index.html",
    "sources/index.html",
    "ratings/index.html",
    "corrections/index.html",
    "topics/index.html",
    "404.html",
]
HOSTILE_CLAIM_PAGES = [f"claims/{c['id']}/index.html" for c in HOSTILE_CHECKS]
HOSTILE_SOURCE_PAGE = f"sources/{HOSTILE_SOURCE['id']}/index.html"
FILE_NAME_SOURCE_PAGE = f"sources/{FILE_NAME_SOURCE['id']}/index.html"
# Each claimant's page and each rating's: the hostile names and the hostile rating have theirs.
HOSTILE_CLAIMANT_PAGES = [f"claimants/{base_slug(c['claimant'])}/index.html" for c in HOSTILE_CHECKS]
HOSTILE_VERDICT_PAGE = f"verdicts/{HOSTILE_RATING['key']}/index.html"
# Each hostile tag's topic page.
HOSTILE_TOPIC_PAGES = sorted({f"topics/{base_slug(tag, 'topic')}/index.html" for tag in HOSTILE_TAGS})
HOSTILE_PAGES = [
    *HOSTILE_CLAIM_PAGES, HOSTILE_SOURCE_PAGE, FILE_NAME_SOURCE_PAGE,
    *HOSTILE_CLAIMANT_PAGES, HOSTILE_VERDICT_PAGE, *HOSTILE_TOPIC_PAGES,
]


def _other_pages() -> list[str]:
    data = sample_data()
    docs = [
        p.relative_to(SAMPLE_DESK / "docs").with_suffix("").as_posix()
        for p in sorted((SAMPLE_DESK / "docs").rglob("*.md"))
    ]
    other = [f"{d}/index.html" for d in docs if d not in ("tags", "index")]
    other += [f"claims/{c['id']}/index.html" for c in data["checks"]]
    other += [f"sources/{s['id']}/index.html" for s in data["sources"]]
    other += ["claimants/index.html"]
    other += [f"claimants/{base_slug(c['claimant'])}/index.html" for c in data["checks"]]
    other += [f"verdicts/{r.key}/index.html" for r in DEFAULT_RATINGS]
    other += [f"topics/{base_slug(tag, 'topic')}/index.html" for c in data["checks"] for tag in c["tags"]]
    return sorted(set(other) - set(SHARED_PAGES))


ALL_PAGES = [*HOSTILE_PAGES, *SHARED_PAGES, *_other_pages()]

def pages_param(*, vulnerable: dict[str, str] | None = None) -> list[Any]:
    """ALL_PAGES as parameters; pages listed in ``vulnerable`` are strict xfails with that reason."""
    vulnerable = vulnerable or {}
    return [
        pytest.param(p, marks=pytest.mark.xfail(reason=vulnerable[p], strict=True)) if p in vulnerable else p
        for p in ALL_PAGES
    ]



# ------------------------------------------------------------------------------------------------
# URL helpers
# ------------------------------------------------------------------------------------------------

URL_ATTRS = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "cite",
        "srcset",
        "poster",
        "data",
        "background",
        "xlink:href",
        "longdesc",
        "manifest",
        "ping",
        "icon",
        "codebase",
        "archive",
    }
)
REQUEST_ATTRS = frozenset({"src", "srcset", "poster", "data", "background", "style"})
DANGEROUS_SCHEMES = frozenset({"javascript", "data", "vbscript", "file"})
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def cleaned(url: str) -> str:
    """The URL as a browser reads it: whitespace and control characters dropped, \\ as /."""
    return _CONTROL.sub("", url).replace("\\", "/")


def scheme_of(url: str) -> str | None:
    match = _SCHEME.match(cleaned(url))
    return match.group(1).lower() if match else None


def host_of(url: str) -> str | None:
    """The host a URL points to, or None for a reference relative to the site."""
    url = cleaned(url)
    if url.startswith("//"):
        return urlsplit("http:" + url).hostname or "?"
    if scheme_of(url) is None:
        return None
    return urlsplit(url).hostname or "?"


def urls_in(name: str, value: str) -> list[str]:
    if name in ("srcset", "ping", "archive"):
        return [part.strip().split(" ")[0] for part in re.split(r"[,\s]\s*(?=\S)", value) if part.strip()]
    return [value]


# ------------------------------------------------------------------------------------------------
# The hostile project really is valid, and its pages really were built
# ------------------------------------------------------------------------------------------------


def test_hostile_project_passes_factsite_check(tmp_path: Path) -> None:
    """The payloads are valid input: a failure here would make every other test prove nothing."""
    (tmp_path / "seeds").mkdir()
    shutil.copytree(SAMPLE_DESK / "seeds", tmp_path / "seeds", dirs_exist_ok=True)
    (tmp_path / "seeds" / "hostile.txt").write_text(HOSTILE_SEED, encoding="utf-8")
    (tmp_path / "seeds" / HOSTILE_SEED_NAME).write_text("Some plain words in a seed.\n", encoding="utf-8")
    path = tmp_path / "factchecks.yaml"
    path.write_text(
        yaml.safe_dump(hostile_factchecks(), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    report = read_project(path)
    assert report.ok, [p.kind + ": " + p.message for p in report.problems]


def test_every_built_page_is_checked(hostile_site: Path) -> None:
    """Each HTML file gets its own tests below; a page added later must be added to ALL_PAGES."""
    assert set(html_files(hostile_site)) == set(ALL_PAGES)


# ------------------------------------------------------------------------------------------------
# Per page: no markup, script or request from contributor input
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rel", pages_param())
def test_no_event_handler_attributes(hostile_site: Path, rel: str) -> None:
    """An on* attribute anywhere (onerror, onload, onmouseover...) is script a contributor wrote."""
    found = [
        str(e)
        for e in page(hostile_site, rel).parsed.elements
        if any(k.startswith("on") for k, _ in e.attr_list)
    ]
    assert not found


@pytest.mark.parametrize("rel", pages_param())
def test_no_embedding_or_navigation_elements(hostile_site: Path, rel: str) -> None:
    """iframe/object/embed/base/meta refresh (or a remote img) load or redirect to what the payload names."""
    parsed = page(hostile_site, rel).parsed
    bad = [
        str(e)
        for e in parsed.elements
        if e.tag in ("iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal")
    ]
    bad += [
        str(e)
        for e in parsed.elements
        if e.tag in ("img", "image", "video", "audio", "source", "track", "input")
        and any(
            host_of(v or "") not in (None, SITE_HOST)
            for k, v in e.attr_list
            if k in ("src", "srcset", "href")
        )
    ]
    bad += [str(e) for e in parsed.find("meta") if (e.get("http-equiv") or "").lower() == "refresh"]
    bad += [str(e) for e in parsed.find("form") if e.get("action") is not None]
    assert not bad


# Shapes a template emits only for data the clean sample lacks (its source has no url).
TEMPLATE_SHAPES = {("blockquote", ("cite", "data-pagefind-weight"))}
# Shapes markdown-it may legitimately add to a page that the clean sample happens not to use.
MARKDOWN_SHAPES = {
    *(
        (tag, ())
        for tag in (
            "p",
            "em",
            "strong",
            "code",
            "pre",
            "ul",
            "ol",
            "li",
            "blockquote",
            "hr",
            "br",
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "s",
            "del",
        )
    ),
    ("code", ("class",)),
    ("ol", ("start",)),
    ("a", ("href",)),
    ("a", ("href", "rel")),
    ("a", ("href", "title")),
    ("a", ("href", "rel", "title")),
}


@pytest.fixture(scope="module")
def clean_shapes(clean_site: Path) -> set[tuple[str, tuple[str, ...]]]:
    return {e.shape for p in html_files(clean_site).values() for e in _read(p).parsed.elements}


@pytest.mark.parametrize("rel", pages_param())
def test_only_element_shapes_of_the_clean_site(
    hostile_site: Path, rel: str, clean_shapes: set[tuple[str, tuple[str, ...]]]
) -> None:
    """Every (tag, attribute names) on a hostile page must occur in the clean sample or be plain Markdown."""
    allowed = clean_shapes | MARKDOWN_SHAPES | TEMPLATE_SHAPES
    foreign = [str(e) for e in page(hostile_site, rel).parsed.elements if e.shape not in allowed]
    assert not foreign


JSON_SCRIPT_TYPES = ("application/ld+json", "application/json")


@pytest.mark.parametrize("rel", pages_param())
def test_scripts_are_the_sites_own(hostile_site: Path, rel: str) -> None:
    """A <script> loads a local asset or is the site's own code; JSON data blocks cannot end early.

    Executable inline script may not contain any payload marker. A JSON block (JSON-LD) may carry
    contributor text, but must parse as JSON and hold no '<' at all, so no '</script>' or '<!--'.
    """
    for script in page(hostile_site, rel).parsed.find("script"):
        src = script.get("src")
        if src is not None:
            assert host_of(src) is None and scheme_of(src) is None, str(script)
            assert not script.body.strip(), str(script)
        if (script.get("type") or "").strip().lower() in JSON_SCRIPT_TYPES:
            json.loads(script.body)
            assert "<" not in script.body, f"{script}: {script.body[:300]!r}"
            continue
        for marker in ("alert", "onerror", "onload", "evil.example", "7*7", "</", "<!--"):
            assert marker not in script.body, f"{script}: {script.body[:300]!r}"


@pytest.mark.parametrize("rel", pages_param())
def test_url_attributes_have_safe_schemes(hostile_site: Path, rel: str) -> None:
    """href/src/cite/action... must never be javascript:, data:, vbscript:, file: or protocol-relative."""
    bad = []
    for e in page(hostile_site, rel).parsed.elements:
        for name, value in e.attr_list:
            if name not in URL_ATTRS or value is None:
                continue
            for url in urls_in(name, value):
                if scheme_of(url) in DANGEROUS_SCHEMES or cleaned(url).startswith("//"):
                    bad.append(f"{e} ({name}={url!r})")
    assert not bad


@pytest.mark.parametrize("rel", pages_param())
def test_no_requests_to_other_hosts(hostile_site: Path, rel: str) -> None:
    """Nothing on the page fetches from another host: no remote src/srcset/style/link (a tracking pixel)."""
    bad = []
    for e in page(hostile_site, rel).parsed.elements:
        for name, value in e.attr_list:
            if value is None:
                continue
            if name == "style" and re.search(
                r"url\s*\(|expression\s*\(|@import|evil\.example", value, re.IGNORECASE
            ):
                bad.append(str(e))
            if (name in REQUEST_ATTRS - {"style"} or (e.tag == "link" and name == "href")) and value:
                hosts = {host_of(u) for u in urls_in(name, value)} - {None, SITE_HOST}
                if hosts:
                    bad.append(f"{e} -> {hosts}")
            if "evil.example" in value and not (e.tag == "a" and name == "href"):
                bad.append(f"{e} ({name})")
    assert not bad


@pytest.mark.parametrize("rel", pages_param())
def test_links_to_contributor_hosts_are_plain_noopener_links(hostile_site: Path, rel: str) -> None:
    """A link to another site (e.g. https://evil.example) is allowed only as http(s) with rel=noopener."""
    bad = []
    for a in page(hostile_site, rel).parsed.find("a"):
        href = a.get("href") or ""
        host = host_of(href)
        if host is None or host == SITE_HOST or href.startswith(REPO_URL):
            continue
        if scheme_of(href) == "mailto":
            continue
        if scheme_of(href) not in ("http", "https") or "noopener" not in (a.get("rel") or "").split():
            bad.append(str(a))
    assert not bad


INERT_ATTRS = frozenset({"title", "content", "aria-label", "alt", "value", "label", "placeholder"})


@pytest.mark.parametrize("rel", pages_param())
def test_payload_markers_only_in_text_or_inert_attributes(hostile_site: Path, rel: str) -> None:
    """alert(1) may be read (text, title, data-*, an http(s) href) but never be a tag or attribute name."""
    bad = []
    for e in page(hostile_site, rel).parsed.elements:
        if not re.fullmatch(r"[a-z][a-z0-9-]*", e.tag) or "alert" in e.tag:
            bad.append(f"tag name: {e}")
        for name, value in e.attr_list:
            if "alert" in name or "(" in name or "<" in name or '"' in name or "'" in name or "/" in name:
                bad.append(f"attribute name {name!r}: {e}")
            if value is None or "alert(" not in value:
                continue
            inert = name in INERT_ATTRS or name.startswith("data-")
            if name in ("href", "cite"):
                inert = scheme_of(value) in ("http", "https", None) and not cleaned(value).startswith("//")
            if not inert:
                bad.append(f"{name}={value!r}: {e}")
    assert not bad


@pytest.mark.parametrize("rel", pages_param())
def test_jinja_syntax_is_never_evaluated(hostile_site: Path, rel: str) -> None:
    """{{ 7*7 }} in a field is shown as written; '7*7=49' would mean a template ran contributor text."""
    p = page(hostile_site, rel)
    for evaluated in (JINJA_EVALUATED, MD_JINJA_EVALUATED):
        assert evaluated not in p.parsed.text
        assert all(evaluated not in (v or "") for e in p.parsed.elements for _, v in e.attr_list)


@pytest.mark.parametrize("rel", pages_param())
def test_head_title_and_description_are_plain_text(hostile_site: Path, rel: str) -> None:
    """Material prints title/description raw: a '<' there is a tag in <head>, e.g. </title><script>."""
    p = page(hostile_site, rel)
    head = p.source.split("</head>", 1)[0]
    titles = re.findall(r"<title>(.*?)</title>", head, re.DOTALL | re.IGNORECASE)
    assert len(titles) == 1, titles
    assert "<" not in titles[0]
    assert len(p.parsed.find("title")) == 1
    descriptions = [e for e in p.parsed.find("meta") if e.get("name") == "description"]
    assert len(descriptions) <= 1
    for meta in re.findall(r"<meta\b[^>]*>", head, re.IGNORECASE):
        assert re.fullmatch(r"""<meta(\s+[a-z:-]+(="[^"<>]*")?)*\s*/?>""", meta, re.IGNORECASE), meta
    head_elements = parse_html(head)
    assert {e.tag for e in head_elements.elements} <= {
        "html",
        "head",
        "meta",
        "title",
        "link",
        "script",
        "style",
    }, [str(e) for e in head_elements.elements]


HEAD_TEXTS = [
    (HOSTILE_CLAIM_PAGES[0], HOSTILE_CHECK["claim"], HOSTILE_CHECK["summary"]),
    (HOSTILE_CLAIM_PAGES[1], CLOSE_TAGS_CHECK["claim"], CLOSE_TAGS_CHECK["summary"]),
    (HOSTILE_CLAIM_PAGES[2], ENTITIES_CHECK["claim"], ENTITIES_CHECK["summary"]),
    (HOSTILE_SOURCE_PAGE, HOSTILE_SOURCE["title"], HOSTILE_SOURCE["outlet"]),
]


@pytest.mark.parametrize(("rel", "title", "description"), HEAD_TEXTS, ids=[r for r, _, _ in HEAD_TEXTS])
def test_hostile_title_and_description_are_shown_exactly_once_escaped(
    hostile_site: Path, rel: str, title: str, description: str
) -> None:
    """<title> and the meta description read exactly as written: not raw markup, not double-escaped."""
    p = page(hostile_site, rel)
    assert p.parsed.find("title")[0].body.startswith(title)
    meta = next(e for e in p.parsed.find("meta") if e.get("name") == "description")
    assert description in (meta.get("content") or "")


# ------------------------------------------------------------------------------------------------
# Each field's payload reaches the page as literal text (so the checks above are not vacuous)
# ------------------------------------------------------------------------------------------------

CLAIM_PAGE = HOSTILE_CLAIM_PAGES[0]
CLOSE_TAGS_PAGE = HOSTILE_CLAIM_PAGES[1]
ENTITIES_PAGE = HOSTILE_CLAIM_PAGES[2]

SHOWN_AS_TEXT = [
    ("claim", CLAIM_PAGE, HOSTILE_CHECK["claim"]),
    ("claim on the index", "claims/index.html", HOSTILE_CHECK["claim"]),
    ("claim on the home page", "index.html", HOSTILE_CHECK["claim"]),
    ("claim on its source page", HOSTILE_SOURCE_PAGE, HOSTILE_CHECK["claim"]),
    ("claim with a Markdown link", CLOSE_TAGS_PAGE, CLOSE_TAGS_CHECK["claim"]),
    ("claim in the corrections log", "corrections/index.html", HOSTILE_CHECK["claim"]),
    ("claimant", CLAIM_PAGE, HOSTILE_CHECK["claimant"]),
    ("claimant on the index", "claims/index.html", HOSTILE_CHECK["claimant"]),
    ("summary", CLAIM_PAGE, HOSTILE_CHECK["summary"]),
    ("summary on its source page", HOSTILE_SOURCE_PAGE, HOSTILE_CHECK["summary"]),
    ("source title", CLAIM_PAGE, HOSTILE_SOURCE["title"]),
    ("source title on its page", HOSTILE_SOURCE_PAGE, HOSTILE_SOURCE["title"]),
    ("source title on the sources index", "sources/index.html", HOSTILE_SOURCE["title"]),
    ("source outlet", CLAIM_PAGE, HOSTILE_SOURCE["outlet"]),
    ("source outlet on its page", HOSTILE_SOURCE_PAGE, HOSTILE_SOURCE["outlet"]),
    ("cited source title", CLAIM_PAGE, HOSTILE_CHECK["sources"][0]["title"]),
    ("cited source publisher", CLAIM_PAGE, HOSTILE_CHECK["sources"][0]["publisher"]),
    ("analysis", CLAIM_PAGE, f"ANALYSIS {SCRIPT} and {IMG} inline."),
    ("context note", CLAIM_PAGE, f"CONTEXT {SCRIPT} and {IMG} inline."),
    ("short context note", CLAIM_PAGE, f"CONTEXT-SHORT {MD_JS_LINK} {IMG}"),
    ("correction", CLAIM_PAGE, f"CORRECTION {SCRIPT} and {IMG} inline."),
    ("correction in the log", "corrections/index.html", f"CORRECTION {SCRIPT} and {IMG} inline."),
    ("Markdown raw HTML block", CLAIM_PAGE, '<div onmouseover="alert(1)">raw html block</div>'),
    ("Markdown iframe", CLAIM_PAGE, '<iframe src="https://evil.example/frame"></iframe>'),
    ("Markdown closing tags", CLAIM_PAGE, f"{SVG} {IFRAME} {CLOSE_SCRIPT} {CLOSE_TITLE}"),
    ("Markdown Jinja", CLAIM_PAGE, f"Jinja {MD_JINJA} and {JINJA_RAW} stay literal."),
    ("Markdown fenced code", CLAIM_PAGE, f"{SCRIPT}\n"),
    ("seed quote", CLAIM_PAGE, SEED_QUOTE),
    ("seed text", HOSTILE_SOURCE_PAGE, f"Second paragraph: {IMG} and {SVG} and {JINJA}"),
    ("quote picked by prefix/suffix", CLOSE_TAGS_PAGE, IMG),
    ("custom rating label", CLOSE_TAGS_PAGE, HOSTILE_RATING["label"]),
    ("custom rating label on the ratings page", "ratings/index.html", HOSTILE_RATING["label"]),
    ("custom rating definition", "ratings/index.html", HOSTILE_RATING["definition"]),
    ("tag", "topics/index.html", SCRIPT),
    ("tag with a Markdown link", "topics/index.html", MD_JS_LINK),
    ("tag on its claim page", CLAIM_PAGE, CLOSE_TITLE),
    ("third summary with Jinja raw", ENTITIES_PAGE, JINJA_RAW),
]


@pytest.mark.parametrize(
    ("rel", "expected"), [pytest.param(rel, text, id=name) for name, rel, text in SHOWN_AS_TEXT]
)
def test_field_payload_is_shown_as_literal_text(hostile_site: Path, rel: str, expected: str) -> None:
    """The payload must be visible to readers exactly as written: escaped, not dropped or executed."""
    assert expected in page(hostile_site, rel).parsed.text


PRE_ESCAPED_PLAIN_FIELDS = [
    ("claim", ENTITIES_PAGE, ENTITIES_CHECK["claim"]),
    ("claimant", ENTITIES_PAGE, ENTITIES_CHECK["claimant"]),
    ("summary", ENTITIES_PAGE, f"THIRD-SUMMARY {ENTITIES}"),
    ("source title", HOSTILE_SOURCE_PAGE, HOSTILE_SOURCE["title"]),
    ("cited publisher", CLAIM_PAGE, HOSTILE_CHECK["sources"][0]["publisher"]),
    ("seed text", HOSTILE_SOURCE_PAGE, f"{JINJA} and {ENTITIES} and {MD_JS_LINK}"),
    ("quote", ENTITIES_PAGE, ENTITIES_CHECK["quote"]),
    ("rating definition", "ratings/index.html", HOSTILE_RATING["definition"]),
    ("tag", "topics/index.html", ENTITIES),
]


@pytest.mark.parametrize(
    ("rel", "expected"), [pytest.param(rel, text, id=name) for name, rel, text in PRE_ESCAPED_PLAIN_FIELDS]
)
def test_pre_escaped_entities_stay_literal(hostile_site: Path, rel: str, expected: str) -> None:
    """'&lt;script&gt;' in a plain field is shown as those characters, not unescaped into <script>."""
    p = page(hostile_site, rel)
    assert ENTITIES_SOURCE in p.source  # the '&' itself was escaped...
    assert expected in p.parsed.text  # ...so readers see exactly what the contributor typed


def test_markdown_entities_are_decoded_to_text_not_tags(hostile_site: Path) -> None:
    """In Markdown fields CommonMark decodes &lt; to '<' as *text*: the result is still no element."""
    p = page(hostile_site, CLAIM_PAGE)
    assert f"Pre-escaped {SCRIPT} stays text." in p.parsed.text
    assert "Pre-escaped &lt;script&gt;alert(1)&lt;/script&gt; stays text." in p.source


# ------------------------------------------------------------------------------------------------
# Markdown links and URLs
# ------------------------------------------------------------------------------------------------


def _analysis_links(hostile_site: Path) -> list[Element]:
    source = page(hostile_site, CLAIM_PAGE).source
    start = source.index('id="fs-analysis"')
    section = source[start : source.index("</section>", start)]
    return parse_html(section).find("a")


def test_unsafe_markdown_links_are_not_links(hostile_site: Path) -> None:
    """javascript:, data:, vbscript:, file: and //host destinations (in every disguise) are dropped."""
    hrefs = [a.get("href") or "" for a in _analysis_links(hostile_site)]
    assert hrefs, "the analysis rendered no links at all"
    for href in hrefs:
        assert scheme_of(href) in ("http", "https", "mailto", None), href
        assert not cleaned(href).startswith("//"), href


def test_safe_markdown_links_survive_with_noopener(hostile_site: Path) -> None:
    """The sanitizer keeps what it should: an https link (with rel noopener), mailto, and a relative link."""
    links = {a.get("href"): a for a in _analysis_links(hostile_site)}
    assert "https://evil.example/ok" in links
    assert "noopener" in (links["https://evil.example/ok"].get("rel") or "").split()
    assert "https://evil.example/auto" in links
    assert "mailto:x@evil.example" in links
    assert "../../about/" in links


def test_markdown_images_are_not_images(hostile_site: Path) -> None:
    """![x](https://evil.example/track.png) must not become an <img> (a tracking request on every view)."""
    p = page(hostile_site, CLAIM_PAGE)
    assert not p.parsed.find("img")
    assert "![y](javascript:alert(1))" in p.parsed.text  # a rejected image stays readable text


@pytest.mark.parametrize(
    ("url", "where"),
    [
        (URL_QUOTE, HOSTILE_SOURCE_PAGE),
        (URL_ANGLE, HOSTILE_SOURCE_PAGE),
        (URL_QUOTE, CLAIM_PAGE),
        (URL_APOS, CLAIM_PAGE),
        (URL_JS_QUERY, CLAIM_PAGE),
    ],
)
def test_hostile_http_urls_stay_inside_their_href(hostile_site: Path, url: str, where: str) -> None:
    """Quotes and angle brackets in an http(s) URL must not end the href attribute or open a tag."""
    anchors = [a for a in page(hostile_site, where).parsed.find("a") if a.get("href") == url]
    assert anchors, f"no link with href {url!r}"
    for a in anchors:
        assert {k for k, _ in a.attr_list} == {"href", "rel"}, str(a)
        assert "noopener" in (a.get("rel") or "").split()


def test_seed_file_name_cannot_break_out_of_the_edit_link(hostile_site: Path) -> None:
    """The 'Edit this page' link of a source page is built from the seed's file name, which is input too."""
    p = page(hostile_site, FILE_NAME_SOURCE_PAGE)
    edits = [a for a in p.parsed.find("a") if (a.get("href") or "").startswith(f"{REPO_URL}/edit/")]
    assert edits, "no edit link: is FACTSITE_EDIT_URI set?"
    for a in edits:
        assert (a.get("href") or "").endswith(".txt"), f"the href ends inside the file name: {a}"
        assert a.get("rel") == "edit", f"the link's own attributes were pushed out of the tag: {a}"
    assert not [e for e in p.parsed.elements if any(k.startswith("on") for k, _ in e.attr_list)]


# ------------------------------------------------------------------------------------------------
# Search index and tags
# ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def search_docs(hostile_site: Path) -> list[dict[str, Any]]:
    """What Pagefind indexed: each page's ``url``, ``content`` and ``meta``, as plain text."""
    return [page for pages in site_index(hostile_site).values() for page in pages]


def test_search_results_are_drawn_as_text() -> None:
    """Pagefind keeps a page's text as text (a title holds ``<script>`` as written) and its excerpts
    as HTML escaped but for ``<mark>``: search.js sets every piece as text, never as markup."""
    script = (REPO / "src" / "factsite" / "render" / "assets" / "search.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
        assert sink not in script, sink
    assert "textContent = (data.meta && data.meta.title)" in script
    assert 'parseFromString(String(excerpt || ""), "text/html")' in script


def test_search_index_holds_the_hostile_pages(search_docs: list[dict[str, Any]]) -> None:
    """The hostile pages are indexed with their payloads as text, so the browser tests' searches
    for them (tests/browser/test_hostile_in_browser.py) draw them as results."""
    hostile = [d for d in search_docs if "hostile" in d["url"]]
    assert "/claims/hostile-check/" in {d["url"] for d in hostile}
    blob = json.dumps(hostile)
    assert "<script>alert(1)</script>" in blob
    assert "<img src=x onerror=alert(1)>" in blob


def test_the_facet_index_holds_the_payloads_as_data(hostile_site: Path) -> None:
    """claims/facets.json (what the filters fetch) holds names and claims as JSON strings, exactly as
    written; the script only ever puts them into the page as text."""
    facets = json.loads((hostile_site / "claims" / "facets.json").read_text(encoding="utf-8"))
    assert set(HOSTILE_TAGS) <= set(facets["topics"])
    assert HOSTILE_CHECK["claimant"] in [name for name, _ in facets["claimants"]]
    assert HOSTILE_CHECK["claim"] in [row[1] for row in facets["checks"]]
    for _, slug in facets["claimants"]:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
    for row in facets["checks"]:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row[0]), row[0]


def test_topics_page_lists_every_hostile_tag_as_text_linking_to_its_page(hostile_site: Path) -> None:
    """Each hostile tag is listed on the Topics page exactly as written, and its own page, titled
    with it, lists its checks."""
    p = page(hostile_site, "topics/index.html")
    links = {a.text: a.get("href") or "" for a in p.parsed.find("a") if a.get("dir") == "auto"}
    for tag in HOSTILE_TAGS:
        assert tag in links, tag
        href = links[tag]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*/", href), href
        topic = page(hostile_site, f"topics/{href}index.html")
        (title,) = topic.parsed.find("h1")
        assert title.text == tag
        assert topic.parsed.find("a", **{"class": "fs-item__claim"})


def test_feed_html_is_inert(hostile_site: Path) -> None:
    """Feed readers render an Atom entry's type="html" parts as HTML: the payloads must arrive as text."""
    feed_path = hostile_site / "feed.xml"
    if not feed_path.exists():
        pytest.skip("this build has no feed.xml")
    root = ElementTree.fromstring(feed_path.read_bytes())  # a hostile claim must not break the XML
    html_parts = [e.text or "" for e in root.iter() if e.get("type") in ("html", "xhtml")]
    assert any("alert(1)" in part for part in html_parts), "no hostile entry in the feed"
    for part in html_parts:
        parsed = parse_html(part)
        for e in parsed.elements:
            assert e.tag not in ("script", "iframe", "object", "embed", "img", "svg", "style", "base"), str(e)
            assert not any(k.startswith("on") for k, _ in e.attr_list), str(e)
            for name, value in e.attr_list:
                if name in URL_ATTRS and value is not None:
                    assert scheme_of(value) not in DANGEROUS_SCHEMES and not cleaned(value).startswith(
                        "//"
                    ), str(e)


def test_json_export_survives_hostile_text(hostile_site: Path) -> None:
    """claims.json stays valid JSON and carries the payloads as plain strings."""
    export = hostile_site / "claims.json"
    if not export.exists():
        pytest.skip("this build has no claims.json")

    def strings(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    assert HOSTILE_CHECK["claimant"] in set(strings(json.loads(export.read_text(encoding="utf-8"))))


# ------------------------------------------------------------------------------------------------
# An id that names a listing page
# ------------------------------------------------------------------------------------------------

def _title(path: Path) -> str:
    return _read(path).parsed.find("title")[0].body


@pytest.mark.parametrize(
    ("section", "listing"), [("checks", "claims/index.html"), ("sources", "sources/index.html")]
)
def test_an_id_named_index_cannot_replace_a_listing_page(
    tmp_path: Path, clean_site: Path, section: str, listing: str
) -> None:
    """A check or source called 'index' must be refused, or built without hiding the listing page."""
    copy_project(tmp_path)
    data = sample_data()
    if section == "checks":
        data["checks"].append({**data["checks"][0], "id": "index"})
    else:
        old = data["sources"][0]["id"]
        data["sources"][0]["id"] = "index"
        for check in data["checks"]:
            if check["source"] == old:
                check["source"] = "index"
    path = tmp_path / "factchecks.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if not read_project(path).ok:
        return  # refused before building: the listing is safe
    site = _build(tmp_path)  # accepted input must build...
    assert _title(site / listing) == _title(clean_site / listing)  # ...with the listing where it was


# ------------------------------------------------------------------------------------------------
# The loader refuses non-http(s) URLs
# ------------------------------------------------------------------------------------------------

BAD_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "\\\\evil.example\\x",
    "https:javascript:alert(1)",
    "https:// javascript:alert(1)",
]
URL_FIELDS = ["source url", "source archive_url", "cited source url"]


def _project_with_url(tmp_path: Path, where: str, url: str) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "s.txt").write_text("The bridge will open in May.\n", encoding="utf-8")
    source: dict[str, Any] = {
        "id": "news",
        "seed": "s.txt",
        "title": "T",
        "outlet": "O",
        "published": "2025-02-04",
    }
    check: dict[str, Any] = {
        "id": "bridge",
        "source": "news",
        "quote": "The bridge will open in May.",
        "claimant": "C",
        "claim_date": "2025-02-04",
        "claim": "The bridge opens in May.",
        "rating": "accurate",
        "summary": "S",
        "published": "2025-02-05",
    }
    if where == "source url":
        source["url"] = url
    elif where == "source archive_url":
        source["archive_url"] = url
    else:
        check["sources"] = [{"title": "Cited", "url": url}]
    path = tmp_path / "factchecks.yaml"
    path.write_text(
        yaml.safe_dump({"sources": [source], "checks": [check]}, sort_keys=False), encoding="utf-8"
    )
    return path


def test_the_url_project_is_valid_with_an_https_url(tmp_path: Path) -> None:
    """The base project of the bad-URL tests is valid, so each of them fails for its URL alone."""
    assert read_project(_project_with_url(tmp_path, "cited source url", "https://example.org/a")).ok


@pytest.mark.parametrize("where", URL_FIELDS)
@pytest.mark.parametrize("url", BAD_URLS)
def test_non_http_urls_are_rejected_as_bad_url(tmp_path: Path, where: str, url: str) -> None:
    """Scripted or protocol-relative URLs never reach a template: `factsite check` reports bad-url."""
    report = read_project(_project_with_url(tmp_path, where, url))
    assert not report.ok
    assert report.project is None
    assert [p.kind for p in report.problems] == ["bad-url"], [
        f"{p.kind}: {p.message}" for p in report.problems
    ]


def test_factsite_check_exits_1_on_a_javascript_url(tmp_path: Path) -> None:
    """The command contributors run fails (exit 1) and names the problem kind."""
    _project_with_url(tmp_path, "source url", "javascript:alert(1)")
    result = run_cli("check", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert [p["kind"] for p in json.loads(result.stdout)["problems"]] == ["bad-url"]
