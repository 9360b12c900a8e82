"""Search in a real browser: Pagefind behind Material's search box.

Opening a page fetches no search data (Material's bundle would fetch its whole index on every page
load); the first query fetches Pagefind's script, WebAssembly and the chunks it needs. The words of
a quote find its claim page first, in every language the site is built in (Spanish, Arabic,
Chinese). The box is where Material readers expect it, on a desktop and a phone, with Material's
keys ("/", "s", "f", Escape, the arrows, Enter), and the open dialog with results passes axe in
both palettes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from browsing import PHONE, Reader, ServedSite, need, new_reader, serve_built_site
from sitebuild import OTHER_DESK, SAMPLE_DESK, copy_project
from test_accessibility import axe_violations

from factsite.messages import message_ids, plural_ids

pytestmark = pytest.mark.browser
expect = need("playwright.sync_api").expect

CLAIM = "jailing-us-citizens-and-residents-abroad"
QUOTE_WORDS = "dangerous criminals currently in custody"
RESULT_LINKS = ".md-search-result__item > .md-search-result__link"


def search_requests(reader: Reader) -> list[str]:
    """What the page asked for of the search index: Pagefind's files, or Material's index."""
    base = reader.site.base_url
    return [u for u in reader.traffic.requested if u.startswith((base + "pagefind/", base + "search/"))]


def type_query(reader: Reader, words: str) -> list[str]:
    """Type ``words`` into the open search box; the result links once the list has settled."""
    page = reader.page
    page.keyboard.type(words, delay=10)
    first = page.locator(RESULT_LINKS).first
    expect(first).to_be_visible()
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && /\\d|matching/.test(m.textContent); }"
    )
    page.wait_for_timeout(300)  # the debounce: no query still on its way
    return list(page.locator(RESULT_LINKS).evaluate_all("(a) => a.map((e) => e.href)"))


def test_opening_pages_fetches_no_search_data(reader: Reader) -> None:
    """Without this, every reader would download the search index, searching or not."""
    page = reader.page
    reader.open("")
    reader.open(f"claims/{CLAIM}/")
    page.get_by_role("link", name="See the passage in the full text").click()  # instant navigation
    reader.wait_for_page("sources/ap-el-salvador-prison-offer/")
    page.wait_for_timeout(300)
    assert not search_requests(reader), search_requests(reader)
    assert not reader.traffic.problems(), reader.traffic.problems()


def test_a_quotes_words_find_its_claim_page_first_and_fetch_only_pagefind(reader: Reader) -> None:
    reader.open("")
    reader.page.keyboard.press("/")
    results = type_query(reader, QUOTE_WORDS)
    assert results[0] == reader.site.url(f"claims/{CLAIM}/"), results
    requested = search_requests(reader)
    assert requested and all("/pagefind/" in u for u in requested), requested
    assert not reader.traffic.problems(), reader.traffic.problems()


def test_results_are_materials_markup_with_only_marks_from_the_excerpt(reader: Reader) -> None:
    page = reader.page
    reader.open("")
    page.locator("input.md-search__input").click()
    type_query(reader, "deport citizens")
    first = page.locator(".md-search-result__item").first
    expect(first.locator("article.md-search-result__article h1")).not_to_have_text("")
    expect(first.locator("p mark").first).to_be_visible()
    tags = page.locator(".md-search-result__list").evaluate(
        "(l) => [...new Set([...l.querySelectorAll('*')].map((e) => e.tagName))].sort()"
    )
    assert tags == ["A", "ARTICLE", "DIV", "H1", "LI", "MARK", "P"], tags
    meta = page.locator(".md-search-result__meta").inner_text()
    assert re.fullmatch(r"\d+ matching documents|1 matching document", meta.strip()), meta


def test_materials_keys_open_move_through_and_close_search(reader: Reader) -> None:
    page = reader.page
    reader.open("")
    field = page.locator("input.md-search__input")
    toggle = page.locator("#__search")
    for key in ("/", "s", "f"):
        page.locator("h1").first.click()
        page.keyboard.press(key)
        expect(field).to_be_focused()
        expect(toggle).to_be_checked()
        assert field.input_value() == ""
        page.keyboard.press("Escape")
        expect(toggle).not_to_be_checked()
        expect(field).not_to_be_focused()
    page.keyboard.press("/")
    results = type_query(reader, QUOTE_WORDS)
    page.keyboard.press("ArrowDown")
    expect(page.locator(RESULT_LINKS).first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(field).to_be_focused()
    page.keyboard.press("Enter")  # opens the first result, through Material's instant navigation
    reader.wait_for_page(f"claims/{CLAIM}/")
    assert page.url.split("#")[0] == results[0]
    expect(toggle).not_to_be_checked()
    # After instant navigation the box still searches.
    page.keyboard.press("/")
    assert type_query(reader, QUOTE_WORDS)[0] == results[0]
    assert not reader.traffic.problems(), reader.traffic.problems()


def test_typing_into_a_field_does_not_open_search(reader: Reader) -> None:
    page = reader.page
    reader.open("claims/")
    select = page.locator("select").first
    select.focus()
    page.keyboard.press("s")
    expect(page.locator("#__search")).not_to_be_checked()


def test_a_shared_search_link_opens_its_results(reader: Reader) -> None:
    reader.open("?q=" + QUOTE_WORDS.replace(" ", "+"))
    page = reader.page
    expect(page.locator("#__search")).to_be_checked()
    expect(page.locator(RESULT_LINKS).first).to_have_attribute("href", re.compile(f"claims/{CLAIM}/$"))


def test_on_a_phone_the_header_button_opens_search(make_reader: Callable[..., Reader]) -> None:
    reader = make_reader(viewport=PHONE, is_mobile=True, has_touch=True)
    page = reader.page
    reader.open(f"claims/{CLAIM}/")
    button = page.locator("label.md-header__button[for=__search]")
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box and box["y"] < 60, "the search button is in the header"
    button.tap()
    field = page.locator("input.md-search__input")
    expect(field).to_be_focused()
    expect(field).to_be_visible()
    results = type_query(reader, QUOTE_WORDS)
    assert results[0] == reader.site.url(f"claims/{CLAIM}/")
    page.locator(RESULT_LINKS).nth(1).tap()
    reader.wait_for_page(results[1].removeprefix(reader.site.base_url).split("#")[0])
    expect(page.locator("#__search")).not_to_be_checked()
    assert not reader.traffic.problems(), reader.traffic.problems()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_with_results_open(make_reader: Callable[..., Reader], scheme: str) -> None:
    reader = make_reader(color_scheme=scheme)
    reader.open("")
    reader.page.keyboard.press("/")
    type_query(reader, "deport citizens")
    violations = axe_violations(reader.page)
    assert not violations, f"search open, {scheme} palette:\n" + "\n".join(violations)


# ------------------------------------------------------------------------------------------------
# Every language the site is built in
# ------------------------------------------------------------------------------------------------

# A Chinese desk: factsite ships no Chinese catalog, so the desk gives every message in `strings`
# (English words here); Pagefind's extended binary segments the Chinese text into words.
CHINESE_SEED = (
    "date 2024-05-01\n"
    "国务院新闻办公室周三表示，今年前四个月全国城镇新增就业\n"
    "人数达到四百五十万人，比去年同期增加十二万人。\n\n"
    "发言人说：“就业形势总体稳定。”\n"
)


def _desk(dest: Path, language: str) -> Path:
    if language == "es":
        return copy_project(dest, OTHER_DESK)
    project = copy_project(dest, OTHER_DESK if language == "zh" else SAMPLE_DESK)
    config = project / "mkdocs.yml"
    text = re.sub(r"(?m)^(  )language: \w+$", rf"\1language: {language}", config.read_text(encoding="utf-8"))
    if language == "zh":
        plurals = plural_ids()
        strings = {key: [key, plurals[key]] if key in plurals else key for key in message_ids()}
        text = text.replace("  - factsite:\n", f"  - factsite:\n      strings: {json.dumps(strings)}\n", 1)
        for old in (project / "seeds").iterdir():
            old.unlink()
        (project / "seeds" / "zh.txt").write_text(CHINESE_SEED, encoding="utf-8")
        data = {
            "sources": [{"id": "source-zh", "seed": "zh.txt", "title": "新闻发布会", "outlet": "新华社"}],
            "checks": [
                {
                    "id": "check-zh", "source": "source-zh", "quote": "全国城镇新增就业人数达到四百五十万人",
                    "claimant": "国务院新闻办公室", "claim_date": "2024-05-01", "claim": "新增就业人数创新高",
                    "rating": "accurate", "summary": "数据属实。", "published": "2024-05-02",
                },
                {
                    "id": "check-zh-2", "source": "source-zh", "quote": "就业形势总体稳定",
                    "claimant": "发言人", "claim_date": "2024-05-01", "claim": "形势稳定",
                    "rating": "opinion", "summary": "这是观点。", "published": "2024-05-02",
                },
            ],
        }
        (project / "factchecks.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    config.write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site_in(
    chromium_path: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], ServedSite]]:
    """Build (once per module) and serve a desk in a language."""
    built: dict[str, ServedSite] = {}
    with ExitStack() as stack:

        def get(language: str) -> ServedSite:
            if language not in built:
                project = _desk(tmp_path_factory.mktemp(f"search-{language}"), language)
                built[language] = stack.enter_context(contextmanager(serve_built_site)(project, language))
            return built[language]

        yield get


@pytest.mark.parametrize(
    ("language", "words", "claim"),
    [
        ("es", None, None),
        ("ar", QUOTE_WORDS, CLAIM),
        ("zh", "新增就业人数", "check-zh"),
    ],
)
def test_a_quote_finds_its_claim_page_in_every_language(
    browser: Any, site_in: Callable[[str], ServedSite], language: str, words: str | None, claim: str | None
) -> None:
    served = site_in(language)
    if words is None:  # the Spanish desk's first check: words of its quote
        check = yaml.safe_load((OTHER_DESK / "factchecks.yaml").read_text(encoding="utf-8"))["checks"][0]
        words, claim = " ".join(str(check["quote"]).split()[:6]), check["id"]
    reader = new_reader(browser, served)
    try:
        reader.open("")
        assert reader.page.evaluate("document.documentElement.lang") == language
        reader.page.keyboard.press("/")
        results = type_query(reader, words)
        assert results[0] == served.url(f"claims/{claim}/"), results
        assert not search_requests(reader) or all("/pagefind/" in u for u in search_requests(reader))
        assert not reader.traffic.problems(), reader.traffic.problems()
    finally:
        reader.context.close()
