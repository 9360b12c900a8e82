"""factsite's styles in Chromium: inline in every page's head, they survive Material's instant
navigation, style the 404 page, and the index's filters keep their room from the first paint.

The stylesheet is not a file the browser fetches (it would hold up the first paint; see
``tests/test_page_weight.py``), so these check what a reader sees: a claim page reached by a click
from the home page, without a reload, is laid out as the same page opened directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from browsing import Reader, need

pytestmark = pytest.mark.browser
expect = need("playwright.sync_api").expect

# What factsite's stylesheet does to a claim page, read from the computed styles; unstyled, the
# grid is a block, the badge has no background, the kicker is not in capitals and Material's tabs
# keep their 0.7 opacity.
CLAIM_PAGE_STYLES = """
() => {
  const style = (selector) => getComputedStyle(document.querySelector(selector));
  return {
    grid: style(".fs-claim__grid").display,
    badge: style(".fs-badge").backgroundColor,
    kicker: style(".fs-kicker").textTransform,
    styles: [...document.head.querySelectorAll("style")].filter((s) => s.textContent.includes(".fs-")).length,
    tabs: style(".md-tabs__link").opacity,
  };
}
"""


FACTSITE_STYLES_IN_HEAD = (
    "() => [...document.head.querySelectorAll('style')].filter((s) => s.textContent.includes('.fs-')).length"
)


def factsite_stylesheet_requests(reader: Reader) -> list[str]:
    return [u for u in reader.traffic.requested if "/assets/factsite/" in u and ".css" in u]


def test_a_claim_page_reached_by_instant_navigation_is_styled(reader: Reader) -> None:
    """Without this, a reader who clicks from the home page to a fact check (Material swaps the page
    in without reloading, keeping or replacing what is in <head>) could get it unstyled, or styled
    only when opened directly."""
    page = reader.page
    reader.open("")
    page.evaluate("window.__marker = 1")  # survives only if no page is fully loaded again
    link = page.locator("a.fs-item__claim").first
    # Material makes the page's links absolute (it resolves them for instant navigation).
    href = (link.get_attribute("href") or "").removeprefix(reader.site.url(""))
    assert href.startswith("claims/"), href
    link.click()
    reader.wait_for_page(href)
    expect(page.locator(".fs-claim__grid")).to_be_visible()
    assert page.evaluate("window.__marker") == 1, "the click reloaded the page: no instant navigation"
    navigated = page.evaluate(CLAIM_PAGE_STYLES)

    reader.open(href)
    opened = page.evaluate(CLAIM_PAGE_STYLES)
    assert navigated == opened, f"instant navigation: {navigated}; opened directly: {opened}"
    assert opened["grid"] == "grid" and opened["kicker"] == "uppercase", opened
    assert opened["styles"] == 1 and opened["tabs"] == "0.8", opened
    assert opened["badge"] not in ("rgba(0, 0, 0, 0)", "transparent"), opened
    assert factsite_stylesheet_requests(reader) == []
    assert not reader.traffic.problems(), "\n".join(reader.traffic.problems())


def test_the_404_page_is_styled(reader: Reader) -> None:
    """Without this, the page a reader gets for a mistyped address (rendered by the theme apart from
    the others) would lack factsite's styles: its links and the site's colours unlike every page."""
    page = reader.page
    response = page.goto(reader.site.url("no-such-page/at/any/depth/"))
    assert response is not None and response.status == 404
    assert page.evaluate(FACTSITE_STYLES_IN_HEAD) == 1
    # A rule of factsite's applies to Material's chrome there: the tabs brought up to 4.5:1 contrast
    # (Material's own opacity is 0.7).
    assert page.evaluate("getComputedStyle(document.querySelector('.md-tabs__link')).opacity") == "0.8"
    assert factsite_stylesheet_requests(reader) == []


def test_the_filters_take_their_room_before_factsite_js_has_run(make_reader: Callable[..., Reader]) -> None:
    """Without this, the index's filters would take their room only once factsite.js has set them
    up, pushing the list down under the reader's eyes (a layout shift, which cost the page 5 to 10
    points of Lighthouse performance on a phone); without JavaScript they take none: they would do
    nothing."""
    list_top = "() => document.querySelector('ol.fs-list').getBoundingClientRect().top"
    reader = make_reader()
    reader.open("claims/")
    expect(reader.page.locator("form[data-fs-filters]")).to_be_visible()
    set_up = reader.page.evaluate(list_top)

    before = make_reader()
    page: Any = before.page
    page.route("**/assets/factsite/factsite.js", lambda route: route.abort())
    page.goto(before.site.url("claims/"), wait_until="load")
    expect(page.locator("form[data-fs-filters]")).to_be_hidden()  # unseen: nothing works yet
    assert page.evaluate("document.querySelector('form[data-fs-filters]').offsetHeight") > 0
    assert page.evaluate(list_top) == set_up, "the list moves when factsite.js sets the filters up"

    without_js = make_reader(java_script_enabled=False)
    without_js.page.goto(without_js.site.url("claims/"), wait_until="load")
    expect(without_js.page.locator("form[data-fs-filters]")).to_be_hidden()
    assert without_js.page.evaluate("document.querySelector('form[data-fs-filters]').offsetHeight") == 0
    expect(without_js.page.locator("ol.fs-list").first).to_be_visible()
