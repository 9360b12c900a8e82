"""Reader journeys through the built sample site, in Chromium, with a mouse and a keyboard.

Each test walks a path a reader takes (home -> source -> card -> claim, claim -> passage, search,
filtering the index across instant navigation, the dark palette, a phone) and asserts what the
reader must see. The site is served under /factsite/ as on GitHub Pages; see browsing.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from browsing import (
    DESKTOP,
    PHONE,
    SOURCE_PAGE,
    Reader,
    ServedSite,
    contrast,
    in_viewport,
    need,
    rows_with_cards,
    tab_until,
    wait_until_search_results_settle,
)

pytestmark = pytest.mark.browser
expect = need("playwright.sync_api").expect

ACTIVE = re.compile(r"(^|\s)is-active(\s|$)")
QUOTE_ONLY_CHECK = "jailing-us-citizens-and-residents-abroad"
# Words of that check's quote found in no page title, claim or section heading.
QUOTE_WORDS = "dangerous currently custody"


def checks_by_id(sample: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in sample["checks"]}


def normalized(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


# ------------------------------------------------------------------------------------------------
# Home -> source page -> highlighted passage -> card -> claim page
# ------------------------------------------------------------------------------------------------


def test_from_home_a_reader_clicks_to_the_source_and_every_passage_leads_to_its_card(
    reader: Reader, sample: dict[str, Any]
) -> None:
    """Without this, a reader who clicks a highlighted passage is not shown its verdict card (it
    stays off screen or is not lit up), and cannot get from the card to the full fact check."""
    page = reader.page
    source = sample["sources"][0]
    reader.open("")
    sources_heading = page.get_by_role("heading", name="Sources checked")
    expect(sources_heading).to_be_visible()
    page.locator(".fs-home__sources").get_by_role("link", name=normalized(source["title"])).click()
    reader.wait_for_page(f"sources/{source['id']}/")
    expect(page.locator("h1")).to_have_text(normalized(source["title"]))

    marks = page.locator("mark.fs-mark[id]")
    own = [c for c in sample["checks"] if c["source"] == source["id"]]
    expect(marks).to_have_count(len(own))
    ids = [m.get_attribute("id") for m in marks.all()]
    assert sorted(ids) == sorted(f"q-{c['id']}" for c in own)
    for mark in marks.all():
        expect(mark).to_be_visible()

    # Each passage, clicked with the mouse, brings its card into view and lights it up. For at
    # least one of them the card starts off screen, so the scrolling itself is proven.
    started_off_screen = []
    for mark in marks.all():
        check_id = (mark.get_attribute("id") or "")[2:]
        card = page.locator(f"#card-{check_id}")
        put_at_bottom_of_viewport(page, mark)
        if not in_viewport(card):
            started_off_screen.append(check_id)
        mark.click()
        expect(card).to_be_in_viewport()
        expect(card).to_have_class(ACTIVE)
        expect(mark).to_have_class(ACTIVE)
        assert page.locator(".fs-card.is-active").count() == 1, "another card stayed lit up"
    assert started_off_screen, "no card started off screen: the test proved no scrolling"

    # The card's "Read the full check" link opens the claim page.
    check = checks_by_id(sample)[started_off_screen[-1]]
    page.locator(f"#card-{check['id']}").get_by_role("link", name=re.compile("^Read the full check")).click()
    reader.wait_for_page(f"claims/{check['id']}/")
    expect(page.locator("h1")).to_have_text(normalized(check["claim"]))
    assert not reader.traffic.problems()


def put_at_bottom_of_viewport(page: Any, locator: Any) -> None:
    """Scroll so the element's last line sits at the bottom of the window (its card, below or
    beside the paragraph, then starts further down)."""
    locator.evaluate("(el) => window.scrollBy(0, el.getBoundingClientRect().bottom - window.innerHeight + 4)")


def test_enter_on_a_passage_focused_with_the_keyboard_reveals_its_card(reader: Reader) -> None:
    """Without this, a keyboard user can reach a highlighted passage but pressing Enter does not
    bring its verdict into view: the verdict is only available to mouse users."""
    page = reader.page
    reader.open(SOURCE_PAGE)
    # The passage whose card is furthest below it: the one a reader most needs to be shown.
    far = page.evaluate(
        """() => [...document.querySelectorAll('mark.fs-mark[id]')].map((m) => {
             const card = document.getElementById('card-' + m.dataset.check);
             return [m.id, card.getBoundingClientRect().bottom - m.getBoundingClientRect().bottom];
           }).sort((a, b) => b[1] - a[1])[0][0]"""
    )
    mark = tab_until(page, f"mark.fs-mark#{far}")
    check_id = far[2:]
    card = page.locator(f"#card-{check_id}")
    put_at_bottom_of_viewport(page, mark)
    assert not in_viewport(card), "the card is already on screen: Enter would prove nothing"
    expect(mark).to_be_focused()
    page.keyboard.press("Enter")
    expect(card).to_be_in_viewport()
    expect(card).to_have_class(ACTIVE)
    expect(mark).to_be_focused()  # Enter did not move focus or follow a link
    reader.wait_for_page(SOURCE_PAGE)
    assert not reader.traffic.problems()


# ------------------------------------------------------------------------------------------------
# Claim page -> the passage in the full text
# ------------------------------------------------------------------------------------------------


def test_a_claim_page_shows_the_quote_in_its_paragraph_and_links_to_the_passage(
    reader: Reader, sample: dict[str, Any]
) -> None:
    """Without this, a reader sees the quote stripped of its context, or the "See the passage"
    link drops them at the top of a long document without showing which words were checked."""
    page = reader.page
    check = checks_by_id(sample)[QUOTE_ONLY_CHECK]
    reader.open(f"claims/{check['id']}/")
    mark = page.locator("blockquote p mark.fs-mark")
    expect(mark).to_have_count(1)
    expect(mark).to_be_visible()
    assert normalized(mark.inner_text()) == normalized(check["quote"])
    paragraph = normalized(page.locator("blockquote p", has=page.locator("mark.fs-mark")).inner_text())
    before, _, after = paragraph.partition(normalized(check["quote"]))
    assert len(before.strip()) > 20 and after.strip(), f"the quote is not inside its paragraph: {paragraph!r}"

    page.get_by_role("link", name="See the passage in the full text").click()
    reader.wait_for_page(SOURCE_PAGE)
    # Chromium sends a mouseover to whatever the still pointer is over on the new page; move it off
    # the content, so what is active is what the link's address chose, not where the mouse lay.
    page.mouse.move(0, 0)
    assert page.url.endswith(f"#q-{check['id']}")
    passage = page.locator(f"#q-{check['id']}")
    expect(passage).to_be_in_viewport()
    expect(passage).to_have_class(ACTIVE)
    expect(page.locator(f"#card-{check['id']}")).to_have_class(ACTIVE)
    assert not reader.traffic.problems()


def test_opening_a_passage_link_directly_marks_the_passage(reader: Reader, sample: dict[str, Any]) -> None:
    """Without this, a passage link shared by a reader (sources/...#q-ID) opens the document with
    nothing to say which passage was meant."""
    page = reader.page
    check_id = sample["checks"][-1]["id"]
    reader.open(f"{SOURCE_PAGE}#q-{check_id}")
    passage = page.locator(f"#q-{check_id}")
    expect(passage).to_be_in_viewport()
    expect(passage).to_have_class(ACTIVE)
    expect(page.locator(f"#card-{check_id}")).to_have_class(ACTIVE)
    assert not reader.traffic.problems()


def test_a_mangled_passage_link_opens_the_source_without_a_script_error(reader: Reader) -> None:
    """Without this, a passage link cut short when shared (a broken %-escape in the fragment) makes
    the source page throw a script error as it opens."""
    page = reader.page
    reader.open(f"{SOURCE_PAGE}#q-%E0%A4%A")
    first = page.locator("mark.fs-mark[id]").first
    first.click()
    expect(page.locator(f"#card-{first.get_attribute('data-check')}")).to_have_class(ACTIVE)
    assert not reader.traffic.problems(), reader.traffic.problems()


# ------------------------------------------------------------------------------------------------
# Search
# ------------------------------------------------------------------------------------------------


def search(reader: Reader, words: str, how: str) -> list[str]:
    """Type ``words`` into Material's search with real key presses; the result links, in order."""
    page = reader.page
    search_field = page.locator("input.md-search__input")
    if how == "slash":
        page.keyboard.press("/")
    else:
        search_field.click()
    expect(search_field).to_be_focused()
    page.keyboard.type(words, delay=15)
    expect(page.locator(".md-search-result__item .md-search-result__link").first).to_be_visible()
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching")
    wait_until_search_results_settle(page)
    return list(
        page.locator(".md-search-result__item > .md-search-result__link").evaluate_all(
            "(a) => a.map((e) => e.href)"
        )
    )


@pytest.mark.parametrize("how", ["slash", "click"])
def test_searching_words_of_a_quote_lists_its_claim_page_first(
    reader: Reader, sample: dict[str, Any], how: str
) -> None:
    """Without this, a reader who remembers a few words of what was said, typed into search, is
    sent to the long source document (or nowhere) instead of the fact check of those words."""
    check = checks_by_id(sample)[QUOTE_ONLY_CHECK]
    assert all(w in normalized(check["quote"]) for w in QUOTE_WORDS.split())
    assert not set(QUOTE_WORDS.split()) & set(re.findall(r"\w+", check["claim"].lower())), (
        "the claim would match"
    )
    reader.open("")
    results = search(reader, QUOTE_WORDS, how)
    claim_page = reader.site.url(f"claims/{check['id']}/")
    assert results and results[0].split("?")[0].split("#")[0] == claim_page, f"results in order: {results}"
    assert any(r.split("?")[0] == reader.site.url(SOURCE_PAGE) for r in results), (
        "the source page is not found"
    )
    assert not reader.traffic.problems()


def test_searching_quote_words_that_are_also_in_titles_lists_the_claim_page_first(
    reader: Reader, sample: dict[str, Any]
) -> None:
    """The issue's own example: a reader typing these words of a quote should get its fact check first."""
    check = checks_by_id(sample)[QUOTE_ONLY_CHECK]
    words = "dangerous criminals currently in custody"
    assert words in normalized(check["quote"])
    reader.open("")
    results = search(reader, words, "slash")
    assert results[0].split("?")[0] == reader.site.url(f"claims/{check['id']}/"), (
        f"results in order: {results}"
    )


# ------------------------------------------------------------------------------------------------
# The index's filters, across Material's instant navigation
# ------------------------------------------------------------------------------------------------


def assert_filtered(reader: Reader, sample: dict[str, Any], verdict: str) -> None:
    page = reader.page
    expected = sorted(
        reader.site.url(f"claims/{c['id']}/") for c in sample["checks"] if c["rating"] == verdict
    )
    assert expected, f"the sample has no check rated {verdict}"
    expect(page.locator("select[name=verdict]")).to_have_value(verdict)
    # The matches, from the facet index, in place of the page's own list.
    shown = page.locator("[data-fs-results] > li.fs-item:visible a.fs-item__claim")
    expect(shown).to_have_count(len(expected))
    assert sorted(a.evaluate("(a) => a.href") for a in shown.all()) == expected
    expect(page.locator("[data-fs-listing]")).to_be_hidden()
    expect(page.locator("[data-fs-status]")).to_have_text(
        f"Showing {len(expected)} of {len(sample['checks'])} fact checks."
    )


def click_tab(reader: Reader, name: str) -> None:
    reader.page.locator(".md-tabs").get_by_role("link", name=name, exact=True).click()


def test_the_verdict_filter_works_after_instant_navigation_away_and_back(
    reader: Reader, sample: dict[str, Any]
) -> None:
    """Without this, the verdict filter shows the wrong checks, or stops responding once the reader
    has visited another page and come back through the tabs or the Back button."""
    page = reader.page
    verdicts = sorted(
        {c["rating"] for c in sample["checks"]},
        key=lambda v: [c["rating"] for c in sample["checks"]].index(v),
    )
    assert len(verdicts) >= 3, "the sample needs three verdicts for this journey"
    first, second, third = verdicts[:3]

    reader.open("claims/")
    expect(page.locator("form[data-fs-filters]")).to_be_visible()
    expect(page.locator("[data-fs-listing] li.fs-item:visible")).to_have_count(len(sample["checks"]))
    page.select_option("select[name=verdict]", first)
    assert_filtered(reader, sample, first)
    assert page.url.endswith(f"?verdict={first}")

    page.evaluate("window.__marker = 1")  # survives only if no page is fully loaded again
    click_tab(reader, "Ratings")
    reader.wait_for_page("ratings/")
    expect(page.locator("h1")).to_have_text("Ratings")
    click_tab(reader, "Fact checks")
    reader.wait_for_page("claims/")
    expect(page.locator("h1")).to_have_text("All fact checks")
    assert page.evaluate("window.__marker") == 1, "the tabs reloaded the page: no instant navigation"
    expect(page.locator("select[name=verdict]")).to_have_value("")
    page.select_option("select[name=verdict]", second)
    assert_filtered(reader, sample, second)

    page.go_back()  # to Ratings
    reader.wait_for_page("ratings/")
    expect(page.locator("h1")).to_have_text("Ratings")
    page.go_back()  # to the index as the reader left it, filtered by the first verdict
    reader.wait_for_page("claims/")
    expect(page.locator("h1")).to_have_text("All fact checks")
    assert page.evaluate("window.__marker") == 1, "Back reloaded the page: no instant navigation"
    assert_filtered(reader, sample, first)
    page.select_option("select[name=verdict]", third)
    assert_filtered(reader, sample, third)
    page.get_by_role("button", name="Clear filters").click()
    expect(page.locator("[data-fs-listing] li.fs-item:visible")).to_have_count(len(sample["checks"]))
    expect(page.locator("[data-fs-results]")).to_be_hidden()
    expect(page.locator("[data-fs-status]")).to_have_text("")
    assert not reader.traffic.problems()


# ------------------------------------------------------------------------------------------------
# Light and dark palettes
# ------------------------------------------------------------------------------------------------


# Text on the source page that must stay readable in both palettes: badges, cards, the document.
SOURCE_PAGE_TEXT = (
    ".fs-badge",
    ".fs-card__claim a",
    ".fs-card__summary",
    ".fs-card__more a",
    ".fs-row__text",
)


def assert_readable(page: Any, selector: str, minimum: float = 4.5) -> int:
    items = page.locator(selector).all()
    assert items, f"nothing matches {selector} on {page.url}"
    low = [c for c in (contrast(i) for i in items) if c["ratio"] < minimum]
    assert not low, f"{selector}: contrast below {minimum} on {page.url}: {low}"
    return len(items)


def test_the_palette_toggle_switches_to_dark_and_badges_and_cards_stay_readable(
    reader: Reader, sample: dict[str, Any]
) -> None:
    """Without this, a reader who switches to dark mode (or back) gets verdict badges or cards
    whose text is too faint to read against their background."""
    page = reader.page
    reader.open("ratings/")
    assert reader.scheme() == "default"
    ratings = page.locator("dl.fs-scale .fs-badge")
    assert ratings.count() >= len({c["rating"] for c in sample["checks"]})
    assert_readable(page, ".fs-badge")

    page.get_by_title("Switch to dark mode").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert_readable(page, ".fs-badge")

    click_tab(reader, "Sources")  # the palette is kept across pages
    reader.wait_for_page("sources/")
    expect(page.locator("h1")).to_have_text("Sources")
    page.get_by_role("link", name=normalized(sample["sources"][0]["title"])).first.click()
    reader.wait_for_page(SOURCE_PAGE)
    expect(page.locator("mark.fs-mark").first).to_be_visible()
    assert reader.scheme() == "slate"
    for selector in SOURCE_PAGE_TEXT:
        assert_readable(page, selector)

    page.get_by_title("Switch to light mode").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    for selector in SOURCE_PAGE_TEXT:
        assert_readable(page, selector)
    assert not reader.traffic.problems()


# ------------------------------------------------------------------------------------------------
# Phone and desktop layouts
# ------------------------------------------------------------------------------------------------

LAYOUT_PAGES = ["", SOURCE_PAGE, f"claims/{QUOTE_ONLY_CHECK}/", "claims/", "ratings/"]


def test_on_a_phone_nothing_scrolls_sideways_and_cards_stack_under_their_paragraphs(
    make_reader: Callable[..., Reader],
) -> None:
    """Without this, a reader on a phone (375 px) must scroll sideways to read a line, or finds the
    verdict cards squeezed beside the text instead of under the paragraph they check."""
    reader = make_reader(viewport=PHONE, is_mobile=True, has_touch=True)
    page = reader.page
    for rel in LAYOUT_PAGES:
        reader.open(rel)
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"{rel or 'home'} scrolls sideways: {widths[0]} > {widths[1]} px"
        wide = page.evaluate(
            """() => [...document.querySelectorAll('.md-content *')]
                 .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1
                                && e.checkVisibility())
                 .slice(0, 5).map((e) => e.outerHTML.slice(0, 120))"""
        )
        assert not wide, f"{rel or 'home'}: elements wider than the phone: {wide}"

    reader.open(SOURCE_PAGE)
    rows = rows_with_cards(page)
    assert rows
    for row in rows:
        text = row["text"]
        below = text["bottom"]
        for card in row["cards"]:
            assert card["top"] >= below - 1, f"{card['id']} is not under its paragraph: {card} vs {text}"
            assert abs(card["left"] - text["left"]) <= 24, f"{card['id']} is not aligned with its paragraph"
            assert card["right"] <= PHONE["width"]
            below = card["bottom"]
    assert not reader.traffic.problems()


def _box(page: Any, selector: str) -> dict[str, float]:
    return dict(page.locator(selector).bounding_box())


def test_a_claim_page_shows_the_verdict_first_on_a_phone_and_beside_the_quote_on_a_desktop(
    make_reader: Callable[..., Reader], sample: dict[str, Any]
) -> None:
    """Without this, a reader on a phone scrolls through a long quoted paragraph before learning
    the verdict, or a reader on a wide screen cannot see the quote and the verdict together."""
    claim = f"claims/{checks_by_id(sample)[QUOTE_ONLY_CHECK]['id']}/"
    phone = make_reader(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.open(claim)
    verdict, quote = _box(phone.page, ".fs-claim__verdict"), _box(phone.page, ".fs-claim__quote")
    assert verdict["y"] + verdict["height"] <= quote["y"] + 1, "the verdict is not above the quote"
    expect(phone.page.locator(".fs-claim__verdict .fs-badge").first).to_be_in_viewport()

    desktop = make_reader()
    desktop.open(claim)
    verdict, quote = _box(desktop.page, ".fs-claim__verdict"), _box(desktop.page, ".fs-claim__quote")
    assert quote["x"] + quote["width"] <= verdict["x"], "the quote is not on the left of the verdict"
    assert abs(quote["y"] - verdict["y"]) < 40, "the quote and the verdict do not start side by side"
    assert not phone.traffic.problems() and not desktop.traffic.problems()


def test_on_a_desktop_cards_sit_beside_their_paragraphs(reader: Reader) -> None:
    """Without this, a reader on a wide screen has to scroll past every card to keep reading, or
    the card of a paragraph does not line up with it."""
    page = reader.page
    assert page.viewport_size == DESKTOP
    reader.open(SOURCE_PAGE)
    rows = rows_with_cards(page)
    assert rows
    for row in rows:
        text = row["text"]
        first = row["cards"][0]
        for card in row["cards"]:
            assert card["left"] >= text["right"], f"{card['id']} overlaps its paragraph: {card} vs {text}"
        assert first["top"] < text["bottom"] and first["bottom"] > text["top"], (
            f"{first['id']} does not sit beside its paragraph: {first} vs {text}"
        )
        assert abs(first["top"] - text["top"]) < 40, f"{first['id']} starts far from its paragraph"
    width = page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert width
    assert not reader.traffic.problems()


# ------------------------------------------------------------------------------------------------
# Every page: no script error, no failed request, nothing from another host
# ------------------------------------------------------------------------------------------------


def test_every_page_loads_without_javascript_errors_or_failed_requests(
    reader: Reader, site: ServedSite, sample: dict[str, Any]
) -> None:
    """Without this, a page could throw an error (breaking highlights, filters or search) or miss a
    stylesheet, script or the search index, and readers would get a broken page."""
    pages = site.pages()
    expected = {
        "",
        "claims/",
        "sources/",
        SOURCE_PAGE,
        "ratings/",
        "corrections/",
        "methodology/",
        "corrections-policy/",
        "about/",
        "topics/",
        *(f"claims/{c['id']}/" for c in sample["checks"]),
    }
    assert expected <= set(pages), f"pages missing from the build: {expected - set(pages)}"
    for rel in pages:
        response = reader.open(rel)
        assert response is not None and response.status == 200, f"{rel}: {response and response.status}"
        expect(reader.page.locator("h1").first).to_be_visible()
        if rel == pages[0]:
            # Search fetches Pagefind's files at the first query; search once so they are checked too.
            reader.page.keyboard.press("/")
            reader.page.keyboard.type("deport", delay=10)
            expect(reader.page.locator(".md-search-result__item").first).to_be_visible()
    assert any(u.endswith("/pagefind/pagefind.js") for u in reader.traffic.requested)
    assert not any("/search/search_index.json" in u for u in reader.traffic.requested)
    assert not reader.traffic.problems(), "\n".join(reader.traffic.problems())


def test_no_request_ever_leaves_127_0_0_1(reader: Reader, site: ServedSite) -> None:
    """Without this, a page could load a font, an avatar, an API call or a tracker from another
    host, telling a third party who reads which fact check (the site promises it never does).
    (Every test's reader fails on such a request too; this one tours what a reader does.)"""
    page = reader.page
    reader.open("")
    # The guard itself works: a request to another host is caught and recorded.
    page.evaluate("() => fetch('https://example.com/probe').catch(() => null)")
    page.wait_for_timeout(100)
    assert reader.traffic.offsite == ["https://example.com/probe"]
    reader.traffic.clear()

    reader.open("")
    page.keyboard.press("/")
    page.keyboard.type("prison", delay=10)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("Escape")
    page.get_by_title("Switch to dark mode").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    for tab, rel in (
        ("Fact checks", "claims/"),
        ("Sources", "sources/"),
        ("Topics", "topics/"),
        ("Ratings", "ratings/"),
        ("Methodology", "methodology/"),
        ("About", "about/"),
        ("Home", ""),
    ):
        click_tab(reader, tab)
        reader.wait_for_page(rel)
    reader.open(SOURCE_PAGE)
    page.locator("mark.fs-mark[id]").first.click()
    page.locator(".fs-card a").first.click()
    page.wait_for_url("**/claims/**")
    resources = page.evaluate("() => performance.getEntriesByType('resource').map((e) => e.name)")
    assert resources and all(r.startswith(site.origin + "/") for r in resources), resources
    assert all(r.startswith(site.origin + "/") for r in reader.traffic.requested), reader.traffic.requested
    assert reader.traffic.offsite == []
    assert not reader.traffic.problems()


def test_the_site_lives_under_its_sub_path_and_its_404_page_works_there(
    reader: Reader, site: ServedSite
) -> None:
    """Without this, on GitHub project pages (served under /REPO/) a mistyped address shows an
    unstyled 404 page whose links lead out of the site, or assets are requested from the root."""
    page = reader.page
    outside = page.goto(site.origin + "/index.html")
    assert outside is not None and outside.status == 404
    missing = page.goto(site.url("no-such-page/"))
    assert missing is not None and missing.status == 404
    page.wait_for_function("() => typeof window.document$ !== 'undefined'")  # Material's script ran
    expect(page.locator(".md-content h1")).to_have_text("404 - Not found")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    home = page.locator(".md-header__button.md-logo")
    assert home.evaluate("(a) => a.href") == site.url("")
    intended = (f"{site.origin}/index.html", site.url("no-such-page/"))
    assert sorted(reader.traffic.bad_status) == sorted(f"404 {u}" for u in intended)
    assert all(any(u in e for u in intended) for e in reader.traffic.console_errors), (
        reader.traffic.console_errors
    )
    reader.traffic.bad_status.clear()
    reader.traffic.console_errors.clear()
    assert not reader.traffic.problems()
