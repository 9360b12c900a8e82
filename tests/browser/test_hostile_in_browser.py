"""Hostile contributor input, run in a real browser: no payload ever executes.

tests/test_hostile_input.py proves, by parsing the built HTML, that script payloads in every field
of factchecks.yaml (tags, event handlers, javascript: links, attribute and </script> break-outs,
Markdown link tricks, {{ }} templates, a hostile seed file name) arrive as inert text. This module
builds the same hostile project (imported from there, so both always test the same payloads), serves
it like the sample, opens every generated page in Chromium and does what a reader does: hovers and
clicks every highlight and every element without a link, presses Enter on highlights, picks every
filter value, searches for the payloads. It proves that nothing ran (no dialog; no call to alert,
confirm, prompt or print, which an init script records), that the live DOM (after Material's and
our scripts rendered search results and filters) holds no payload as markup, and that no request
went anywhere but to the site's own files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from browsing import (
    BASE_PATH,
    Reader,
    ServedSite,
    need,
    new_reader,
    serve_built_site,
    wait_until_search_results_settle,
)

pytestmark = pytest.mark.browser
expect = need("playwright.sync_api").expect

# Every way a payload could run calls one of these; the init script records the call instead.
RECORD_CALLS = """
(() => {
  const calls = [];
  Object.defineProperty(window, "__xss", { value: calls, writable: false });
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = function (...args) { calls.push(name + "(" + args.map(String).join(", ") + ")"); };
  }
})();
"""

# After scripts ran: elements and attributes that only a payload could have put in the page.
LIVE_DOM_JS = """
(origin) => {
  const bad = [];
  for (const e of document.querySelectorAll("*")) {
    for (const a of e.attributes) {
      const value = a.value.replace(/[\\s\\x00-\\x1f]/g, "").toLowerCase();
      if (a.name.startsWith("on")) bad.push("event handler " + a.name + " on <" + e.localName + ">");
      if (["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"].includes(a.name) &&
          /^(javascript|data|vbscript):/.test(value) && !(e.localName === "a" && value.startsWith("data:")))
        bad.push(a.name + "=" + a.value.slice(0, 60) + " on <" + e.localName + ">");
    }
    if (["iframe", "frame", "object", "embed", "base", "img", "image"].includes(e.localName) &&
        !e.closest(".md-header, .md-footer"))
      bad.push("<" + e.localName + "> " + e.outerHTML.slice(0, 100));
    if (e.localName === "script") {
      const src = e.getAttribute("src");
      if (src && !new URL(src, location.href).href.startsWith(origin)) bad.push("remote script " + src);
      if (!src && /alert|onerror|onload|evil\\.example/.test(e.textContent) &&
          e.type !== "application/ld+json")
        bad.push("inline script with a payload: " + e.textContent.slice(0, 100));
    }
  }
  return bad;
}
"""

# Marks each element a reader might touch without following a link; returns how many.
TOUCHABLE_JS = """
(everything) => {
  const selector = (everything ? [
    "mark", ".fs-badge", ".fs-card", ".fs-card__summary", "h1", "h2", "h3", "h4", "p", "li", "dt", "dd",
    "td", "th", "blockquote", "figcaption", "code", "pre", "cite", "time", "span.fs-dist__bar",
    ".md-typeset strong", ".md-typeset em", ".md-tag", ".fs-item__meta",
  ] : ["mark", ".fs-badge", ".fs-card__summary"]).join(", ");
  const content = document.querySelector(".md-content");
  const found = [...content.querySelectorAll(selector)].filter((e) =>
    e.checkVisibility() && !e.closest("a, button, select, label, input, summary") &&
    (e.localName === "mark" || !e.querySelector("a, button, select, input")));
  found.forEach((e, i) => e.setAttribute("data-fs-touch", String(i)));
  return found.length;
}
"""

PAYLOAD_TRACES = re.compile(r"alert|evil\.example|javascript:|7\*7|\{\{")

# Scroll the i-th touchable into view and find a point on it that hits it (not a link over it).
POINT_JS = """
(i) => {
  const e = document.querySelector('[data-fs-touch="' + i + '"]');
  if (!e) return null;
  e.scrollIntoView({ block: "center", inline: "nearest" });
  for (const r of [...e.getClientRects()]) {
    for (const [fx, fy] of [[0.5, 0.5], [0.1, 0.5], [0.9, 0.5]]) {
      const x = r.left + r.width * fx, y = r.top + r.height * fy;
      const hit = document.elementFromPoint(x, y);
      if (hit && (hit === e || e.contains(hit)) && !hit.closest("a, button, select, label, input"))
        return { x, y };
    }
  }
  return null;
}
"""


@pytest.fixture(scope="session")
def hostile_site(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The hostile project of tests/test_hostile_input.py, built once and served at /factsite/."""
    import test_hostile_input as hostile

    project = hostile.hostile_project(tmp_path_factory.mktemp("browser-hostile"))
    # The repository settings too: the "edit this page" links carry the hostile seed file name.
    env = {k: v for k, v in hostile.BUILD_ENV.items() if k in ("FACTSITE_REPO_URL", "FACTSITE_EDIT_URI")}
    yield from serve_built_site(project, "hostile", **env)


@pytest.fixture
def hostile_reader(browser: Any, hostile_site: ServedSite) -> Iterator[Reader]:
    reader = new_reader(browser, hostile_site)
    reader.context.add_init_script(RECORD_CALLS)
    try:
        yield reader
    finally:
        reader.context.close()


def assert_nothing_ran(reader: Reader, where: str) -> None:
    page = reader.page
    calls = page.evaluate("() => window.__xss")
    assert calls == [], f"{where}: a payload called {calls}"
    assert reader.traffic.dialogs == [], f"{where}: {reader.traffic.dialogs}"
    assert reader.traffic.page_errors == [], f"{where}: {reader.traffic.page_errors}"
    bad = page.evaluate(LIVE_DOM_JS, reader.site.origin)
    assert bad == [], f"{where}: payload markup in the live page: {bad}"


def assert_only_site_files_requested(reader: Reader) -> None:
    """Every request went to 127.0.0.1, for a file the build wrote (an <img src=x> payload that
    became markup would ask for .../x and get a 404)."""
    site = reader.site
    unexpected = []
    for url in reader.traffic.requested:
        split = urlsplit(url)
        if split.scheme in ("data", "blob", "about"):
            continue
        rel = unquote(split.path)
        if not url.startswith(site.origin + BASE_PATH):
            unexpected.append(url)
            continue
        rel = rel[len(BASE_PATH) :]
        target = site.root / rel
        if not (target.is_file() or (target / "index.html").is_file()):
            unexpected.append(url)
    assert unexpected == [], f"requests for unexpected URLs: {unexpected}"
    assert reader.traffic.offsite == [], reader.traffic.offsite
    assert reader.traffic.bad_status == [], reader.traffic.bad_status
    assert reader.traffic.failed == [], reader.traffic.failed


def touch_everything(reader: Reader, rel: str, *, everything: bool = True) -> int:
    """Hover and click every mark and every element without a link (with ``everything=False``,
    only the marks and cards), with the mouse; press Enter on every mark with the keyboard.
    Returns how many elements were touched."""
    page = reader.page
    count = page.evaluate(TOUCHABLE_JS, everything)
    touched = 0
    for i in range(count):
        point = page.evaluate(POINT_JS, i)
        if point is None:
            continue
        page.mouse.click(point["x"], point["y"])  # moves there first: mouseover, then the click
        touched += 1
    for mark in page.locator("mark.fs-mark[tabindex]").all():
        mark.focus()
        page.keyboard.press("Enter")
    expected = reader.site.url(rel)
    assert page.url.split("?")[0].split("#")[0] == expected, f"touching {rel} navigated to {page.url}"
    return touched


def carries_payloads(site: ServedSite, rel: str) -> bool:
    """The page's HTML holds contributor payloads (the sample's own pages hold none)."""
    path = site.root / rel if rel.endswith(".html") else site.root / rel / "index.html"
    return bool(PAYLOAD_TRACES.search(path.read_text(encoding="utf-8")))


def test_hostile_site_really_carries_the_payloads(hostile_site: ServedSite) -> None:
    """The hostile build holds the payloads as text (so the test below exercises them)."""
    claim = (hostile_site.root / "claims" / "hostile-check" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in claim
    assert (hostile_site.root / "sources" / "hostile-source" / "index.html").is_file()


def test_the_recorder_catches_a_payload_that_runs(hostile_reader: Reader) -> None:
    """The proof can fail: a script that calls alert() is recorded, so a payload that ran would be."""
    reader = hostile_reader
    reader.open("")
    reader.page.evaluate(
        "() => { const b = document.createElement('img'); b.setAttribute('onerror', 'alert(1)');"
        " b.src = 'x'; document.body.append(b); }"
    )
    reader.page.wait_for_function("() => window.__xss.length > 0")
    with pytest.raises(AssertionError, match="alert"):
        assert_nothing_ran(reader, "probe")


def test_no_payload_runs_on_any_page_whatever_the_reader_touches(
    hostile_reader: Reader, hostile_site: ServedSite
) -> None:
    """Without this, a contributor's pull request could run script in every reader's browser:
    steal what they type into search, redirect them, or show fake verdicts."""
    reader = hostile_reader
    pages = [*hostile_site.pages(), "404.html"]  # the 404 page too, opened as the file it is
    assert {"claims/hostile-check/", "sources/hostile-source/", "sources/hostile-file-name/"} <= set(pages)
    touched = 0
    for rel in pages:
        response = reader.open(rel)
        assert response is not None and response.status == 200, rel
        assert_nothing_ran(reader, rel)
        touched += touch_everything(reader, rel, everything=carries_payloads(hostile_site, rel))
        assert_nothing_ran(reader, f"{rel} after touching")
    assert touched > 100, f"only {touched} elements touched: the pages did not render?"
    assert sum(carries_payloads(hostile_site, rel) for rel in pages) >= 8, "the payloads are missing"
    assert_only_site_files_requested(reader)
    assert not reader.traffic.problems(), reader.traffic.problems()


def test_no_payload_runs_through_the_filters_or_search(hostile_reader: Reader) -> None:
    """Without this, a hostile tag, claimant or source title could run script when a reader picks
    it in the index's filters, or when Material renders it as a search result."""
    reader = hostile_reader
    page = reader.page
    reader.open("claims/")
    expect(page.locator("form[data-fs-filters]")).to_be_visible()
    picked = 0
    for select in page.locator("select[data-fs-filter]").all():
        values = select.evaluate("(s) => [...s.options].map((o) => o.value)")
        for value in values:
            select.select_option(value=value)
            picked += 1
        select.select_option(value="")
    # Topics, claimants and sources: typed, with suggestions from the facet index.
    for field in page.locator("input[data-fs-filter]").all():
        field.focus()
        options = page.locator(f"datalist#{field.get_attribute('list')} > option")
        expect(options.first).to_be_attached()
        for value in options.evaluate_all("(os) => os.map((o) => o.value)"):
            field.fill(value)
            field.dispatch_event("change")
            expect(page.locator("[data-fs-results] > li.fs-item").first).to_be_visible()
            picked += 1
        field.fill("")
        field.dispatch_event("change")
    assert picked > 15
    assert_nothing_ran(reader, "claims/ filters")

    # A shared link to the index filtered by a hostile tag and verdict.
    reader.open("claims/?tag=%3Cscript%3Ealert(1)%3C%2Fscript%3E&verdict=hostile-rating")
    assert page.locator("input[name=tag]").input_value() == "<script>alert(1)</script>"
    expect(page.locator("[data-fs-status]")).to_contain_text("Showing")
    assert_nothing_ran(reader, "claims/?tag=<script>")
    reader.open("sources/hostile-source/#q-hostile-check")
    expect(page.locator("#card-hostile-check")).to_have_class(re.compile(r"\bis-active\b"))
    reader.open("sources/hostile-source/#%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert_nothing_ran(reader, "a hostile fragment")

    reader.open("")
    search_field = page.locator("input.md-search__input")
    for words in ("onerror", "CLAIMANT script", "iframe javascript"):
        search_field.click()
        search_field.fill("")
        page.keyboard.type(words, delay=5)
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        wait_until_search_results_settle(page)  # results for a partial query are replaced as typing ends
        for item in page.locator(".md-search-result__item").all()[:4]:
            item.hover()
        assert_nothing_ran(reader, f"search for {words!r}")
        page.keyboard.press("Escape")
    # A payload as the query itself: typed, and in a shared link (Material fills ?q= into search).
    search_field.click()
    search_field.fill("")
    page.keyboard.type("<img src=x onerror=alert(1)> onerror", delay=5)
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching")
    assert_nothing_ran(reader, "a payload typed into search")
    reader.open("?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%20onerror")
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching")
    assert_nothing_ran(reader, "a payload in ?q=")
    assert_only_site_files_requested(reader)
    assert not reader.traffic.problems(), reader.traffic.problems()
