"""Right-to-left layouts in a real browser: the sample desk built in Arabic (``theme.language: ar``)
reads from the right, and each language factsite ships is photographed.

Material sets ``dir="rtl"`` (on ``<body>``) for Arabic, Hebrew, Persian or ``theme.direction: rtl``;
factsite's stylesheet uses logical sides only, so the layout mirrors: the source page's cards sit
in the margin on the left of their paragraphs (under them on a phone), the claim page puts its
verdict on the left of the quote, the distribution's bars grow from the right, the filters start at
the right and every coloured accent moves to the start side. Nothing here reads the translated
words (the catalogs may still be incomplete): only where things are drawn. The same measurements on
the English site (``site``) must find the opposite, so they are known to tell the two apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
from browsing import (
    DESKTOP,
    PHONE,
    RECT_JS,
    SCREENSHOTS,
    SOURCE_PAGE,
    Reader,
    ServedSite,
    need,
    new_reader,
    rows_with_cards,
    serve_built_site,
)
from sitebuild import copy_project
from test_accessibility import axe_violations
from test_screenshots import png_size

pytestmark = pytest.mark.browser
expect = need("playwright.sync_api").expect

LANGUAGES = ("en", "es", "fr", "de", "pt", "ar")  # the languages factsite ships a catalog for
CLAIM_PAGE = "claims/jailing-us-citizens-and-residents-abroad/"
PAGES = {"home": "", "source": SOURCE_PAGE, "claim": CLAIM_PAGE, "index": "claims/", "ratings": "ratings/"}
ACTIVE = re.compile(r"(^|\s)is-active(\s|$)")
SLACK = 1.5  # px: sub-pixel rounding between boxes that touch


def desk_in(dest: Path, language: str, direction: str | None = None) -> Path:
    """A copy of the sample desk with ``theme.language`` (and ``theme.direction``) set. The file
    holds ``!ENV`` tags, so it is edited as text, not re-dumped."""
    project = copy_project(dest)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = re.compile(r"^(  )language: \w+$", re.MULTILINE)
    assert len(line.findall(text)) == 1, "the sample's mkdocs.yml has one theme.language line"
    setting = rf"\1language: {language}"
    if direction:
        setting += rf"\n\1direction: {direction}"
    config.write_text(line.sub(setting, text), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site_in(
    chromium_path: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[..., ServedSite]]:
    """Build (once per module) and serve the sample desk in a language, optionally with a direction."""
    built: dict[tuple[str, str | None], ServedSite] = {}
    with ExitStack() as stack:

        def get(language: str, direction: str | None = None) -> ServedSite:
            key = (language, direction)
            if key not in built:
                name = f"{language}-{direction or 'default'}"
                project = desk_in(tmp_path_factory.mktemp(f"rtl-{name}"), language, direction)
                built[key] = stack.enter_context(contextmanager(serve_built_site)(project, name))
            return built[key]

        yield get


@pytest.fixture
def open_reader(browser: Any) -> Iterator[Callable[..., Reader]]:
    """Readers on any served site; none may leave 127.0.0.1, and all are closed after the test."""
    made: list[Reader] = []

    def make(served: ServedSite, **options: Any) -> Reader:
        made.append(new_reader(browser, served, **options))
        return made[-1]

    try:
        yield make
        for r in made:
            assert not r.traffic.offsite, f"requests to other hosts: {r.traffic.offsite}"
            assert not r.traffic.problems(), r.traffic.problems()
    finally:
        for r in made:
            r.context.close()


@pytest.fixture
def arabic(site_in: Callable[..., ServedSite], open_reader: Callable[..., Reader]) -> Reader:
    """A desktop-sized, light-scheme reader on the sample desk built in Arabic."""
    return open_reader(site_in("ar"))


def phone(open_reader: Callable[..., Reader], served: ServedSite) -> Reader:
    return open_reader(served, viewport=PHONE, is_mobile=True, has_touch=True)


# ------------------------------------------------------------------------------------------------
# Measuring
# ------------------------------------------------------------------------------------------------


def page_direction(page: Any) -> dict[str, str]:
    return dict(
        page.evaluate(
            """() => ({ lang: document.documentElement.lang,
                        attribute: document.body.dir || document.documentElement.dir,
                        content: getComputedStyle(document.querySelector('.md-content')).direction })"""
        )
    )


def box(page: Any, selector: str) -> dict[str, float]:
    return dict(page.locator(selector).first.evaluate(RECT_JS))


# Which side of an element carries its thick accent rule (the card's tone, the quote's rule).
BORDERS_JS = """
(el) => { const s = getComputedStyle(el);
          return { left: parseFloat(s.borderLeftWidth), right: parseFloat(s.borderRightWidth) }; }
"""


# Where the first and the last character of each date of the page are drawn.
DATE_ENDS_JS = """
() => [...document.querySelectorAll('article time')].map((time) => {
  const text = time.firstChild;
  const x = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
                     return r.getBoundingClientRect().left; };
  return { text: text.data, first: x(0), last: x(text.data.length - 1) };
})
"""


def accent_side(locator: Any) -> str:
    widths = locator.evaluate(BORDERS_JS)
    assert widths["left"] != widths["right"], f"no one-sided accent rule: {widths}"
    return "left" if widths["left"] > widths["right"] else "right"


def bars(page: Any) -> list[dict[str, Any]]:
    return list(
        page.evaluate(
            f"""() => [...document.querySelectorAll('.fs-dist__row')].map((row) => ({{
                  bar: ({RECT_JS})(row.querySelector('.fs-dist__bar')),
                  fill: ({RECT_JS})(row.querySelector('.fs-dist__fill')),
                  label: ({RECT_JS})(row.querySelector('.fs-dist__label')),
                  count: ({RECT_JS})(row.querySelector('.fs-dist__count')),
                }}))"""
        )
    )


def cards_side(page: Any) -> str:
    """'right' or 'left': where every card of the source page sits beside its paragraph."""
    rows = rows_with_cards(page)
    assert rows, "the sample's source page has checked paragraphs"
    sides = set()
    for row in rows:
        text = row["text"]
        for card in row["cards"]:
            if card["left"] >= text["right"] - SLACK:
                sides.add("right")
            elif card["right"] <= text["left"] + SLACK:
                sides.add("left")
            else:
                raise AssertionError(f"{card['id']} overlaps its paragraph: {card} vs {text}")
        first = row["cards"][0]
        assert abs(first["top"] - text["top"]) < 40, f"{first['id']} does not sit beside its paragraph"
    assert len(sides) == 1, f"cards on both sides: {rows}"
    return sides.pop()


def assert_no_sideways_scroll(page: Any, rel: str) -> None:
    """Nothing scrolls sideways and nothing in the content is drawn past either edge (in
    right-to-left, overflow on the right is not scrollable, only cut off)."""
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{rel or 'home'} scrolls sideways: {widths[0]} > {widths[1]} px"
    outside = page.evaluate(
        """() => [...document.querySelectorAll('.md-content *')]
             .filter((e) => { const r = e.getBoundingClientRect();
                              return r.width > 1 && e.checkVisibility()
                                && (r.left < -1 || r.right > document.documentElement.clientWidth + 1); })
             .slice(0, 5).map((e) => e.outerHTML.slice(0, 120))"""
    )
    assert not outside, f"{rel or 'home'}: elements past the edge of the phone: {outside}"


# ------------------------------------------------------------------------------------------------
# Arabic
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(PAGES))
def test_an_arabic_site_reads_right_to_left(arabic: Reader, name: str) -> None:
    """Without this, an Arabic desk's pages would be laid out left to right around Arabic text."""
    arabic.open(PAGES[name])
    assert page_direction(arabic.page) == {"lang": "ar", "attribute": "rtl", "content": "rtl"}


def test_in_arabic_cards_sit_on_the_left_of_their_paragraphs_on_a_desktop(arabic: Reader) -> None:
    """Without this, an Arabic reader's eye, which ends a line on the left, would have to cross the
    paragraph to find its verdict; the margin column belongs on the left in right-to-left."""
    page = arabic.page
    assert page.viewport_size == DESKTOP
    arabic.open(SOURCE_PAGE)
    assert cards_side(page) == "left"
    # The accents mirror with them: the column's rule faces the text, each card's tone is on its start.
    assert accent_side(page.locator(".fs-row__cards").first) == "right"
    for card in page.locator(".fs-card").all():
        assert accent_side(card) == "right"
    assert_no_sideways_scroll(page, SOURCE_PAGE)


def test_in_arabic_a_passage_still_lights_up_its_card(arabic: Reader) -> None:
    """Without this, the mirrored layout could leave the highlights unclickable or unhighlighted."""
    page = arabic.page
    arabic.open(SOURCE_PAGE)
    mark = page.locator("mark.fs-mark").first
    expect(mark).to_be_visible()
    background = mark.evaluate("(e) => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the passage is not highlighted"
    mark.click()
    expect(page.locator(f"#card-{mark.get_attribute('data-check')}")).to_have_class(ACTIVE)


def test_in_arabic_on_a_phone_cards_stack_under_their_paragraphs_and_nothing_scrolls_sideways(
    site_in: Callable[..., ServedSite], open_reader: Callable[..., Reader]
) -> None:
    """Without this, an Arabic reader on a phone (375 px) scrolls sideways, or finds the cards
    squeezed beside the text, or hanging off the left edge where right-to-left overflow goes."""
    reader = phone(open_reader, site_in("ar"))
    page = reader.page
    for rel in PAGES.values():
        reader.open(rel)
        assert page_direction(page)["content"] == "rtl"
        assert_no_sideways_scroll(page, rel)
    reader.open(SOURCE_PAGE)
    rows = rows_with_cards(page)
    assert rows
    for row in rows:
        text, below = row["text"], row["text"]["bottom"]
        for card in row["cards"]:
            assert card["top"] >= below - 1, f"{card['id']} is not under its paragraph: {card} vs {text}"
            assert abs(card["right"] - text["right"]) <= 24, f"{card['id']} is not aligned with its paragraph"
            assert card["left"] >= 0
            below = card["bottom"]


def test_in_arabic_a_claim_page_puts_the_verdict_on_the_left_of_the_quote(
    arabic: Reader, site_in: Callable[..., ServedSite], open_reader: Callable[..., Reader]
) -> None:
    """Without this, the claim page's two columns would read in the wrong order in right-to-left:
    the quote comes first on the reading side, the verdict beside it."""
    page = arabic.page
    arabic.open(CLAIM_PAGE)
    verdict, quote = box(page, ".fs-claim__verdict"), box(page, ".fs-claim__quote")
    assert verdict["right"] <= quote["left"] + SLACK, (
        f"the verdict is not left of the quote: {verdict} vs {quote}"
    )
    assert abs(quote["top"] - verdict["top"]) < 40, "the quote and the verdict do not start side by side"
    assert accent_side(page.locator(".fs-quote blockquote")) == "right"
    # The facts list mirrors too: each label on the right, its value to its left.
    term, value = box(page, ".fs-claim__facts dt"), box(page, ".fs-claim__facts dd")
    assert value["right"] <= term["left"] + SLACK

    small = phone(open_reader, site_in("ar"))
    small.open(CLAIM_PAGE)
    verdict, quote = box(small.page, ".fs-claim__verdict"), box(small.page, ".fs-claim__quote")
    assert verdict["bottom"] <= quote["top"] + 1, "on a phone the verdict is not above the quote"


def test_in_arabic_the_distribution_bars_grow_from_the_right(arabic: Reader) -> None:
    """Without this, the home page's chart would read backwards: bars hanging from the far side of
    the row, away from their verdict."""
    arabic.open("")
    rows = bars(arabic.page)
    assert rows
    assert any(r["fill"]["width"] < r["bar"]["width"] - 5 for r in rows), (
        "every bar is full: nothing measured"
    )
    for row in rows:
        bar, fill = row["bar"], row["fill"]
        assert abs(fill["right"] - bar["right"]) <= SLACK, f"a bar does not start at the right: {row}"
        # Verdict on the right, then the bar, then the count on the left.
        assert row["label"]["left"] >= bar["right"] - SLACK and row["count"]["right"] <= bar["left"] + SLACK


def test_in_arabic_the_filters_start_at_the_right(arabic: Reader) -> None:
    """Without this, the index's filters would line up from the left, away from where an Arabic
    reader starts, and in the wrong order."""
    page = arabic.page
    arabic.open("claims/")
    form = page.locator("form[data-fs-filters]")
    expect(form).to_be_visible()
    fields = [f.evaluate(RECT_JS) for f in form.locator(".fs-filters__field").all()]
    assert len(fields) >= 2
    assert abs(fields[0]["right"] - box(page, "form[data-fs-filters]")["right"]) <= SLACK
    assert fields[1]["right"] <= fields[0]["left"] + SLACK, (
        f"the second filter is not left of the first: {fields}"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["home", "source", "claim", "index"])
def test_axe_finds_no_violation_in_arabic(
    site_in: Callable[..., ServedSite], open_reader: Callable[..., Reader], name: str, scheme: str
) -> None:
    """Without this, the Arabic site could break what the English one gets right for readers of
    assistive technology (the same rules and exclusions as test_accessibility.py)."""
    reader = open_reader(site_in("ar"), color_scheme=scheme)
    reader.open(PAGES[name])
    assert reader.scheme() == {"light": "default", "dark": "slate"}[scheme]
    violations = axe_violations(reader.page)
    assert not violations, f"Arabic {name} page, {scheme} palette:\n" + "\n".join(violations)


# ------------------------------------------------------------------------------------------------
# theme.direction on its own, and left-to-right unchanged
# ------------------------------------------------------------------------------------------------


def test_theme_direction_rtl_mirrors_an_english_site_too(
    site_in: Callable[..., ServedSite], open_reader: Callable[..., Reader]
) -> None:
    """Without this, a desk writing in a right-to-left language with no catalog yet (set through
    ``theme.direction: rtl``) would get a left-to-right layout."""
    reader = open_reader(site_in("en", "rtl"))
    reader.open(SOURCE_PAGE)
    assert page_direction(reader.page) == {"lang": "en", "attribute": "rtl", "content": "rtl"}
    assert cards_side(reader.page) == "left"
    # Its dates are written left to right: isolated, each still reads "3 February 2025", not
    # "February 2025 3" as the right-to-left sentence around it would reorder it.
    reader.open(CLAIM_PAGE)
    dates = reader.page.evaluate(DATE_ENDS_JS)
    assert dates and all(d["first"] < d["last"] for d in dates), dates


def test_in_english_everything_stays_on_its_left_to_right_side(make_reader: Callable[..., Reader]) -> None:
    """The measurements above tell the two directions apart: on the English site cards sit on the
    right, accents on the left, bars grow from the left, the quote is left of the verdict."""
    reader = make_reader()
    page = reader.page
    reader.open(SOURCE_PAGE)
    assert page_direction(page) == {"lang": "en", "attribute": "ltr", "content": "ltr"}
    assert cards_side(page) == "right"
    assert accent_side(page.locator(".fs-row__cards").first) == "left"
    assert accent_side(page.locator(".fs-card").first) == "left"

    reader.open(CLAIM_PAGE)
    verdict, quote = box(page, ".fs-claim__verdict"), box(page, ".fs-claim__quote")
    assert quote["right"] <= verdict["left"] + SLACK
    assert accent_side(page.locator(".fs-quote blockquote")) == "left"

    reader.open("")
    for row in bars(page):
        assert abs(row["fill"]["left"] - row["bar"]["left"]) <= SLACK, (
            f"a bar does not start at the left: {row}"
        )

    reader.open("claims/")
    fields = [f.evaluate(RECT_JS) for f in page.locator(".fs-filters__field").all()]
    assert fields[1]["left"] >= fields[0]["right"] - SLACK
    assert not reader.traffic.problems()


# ------------------------------------------------------------------------------------------------
# A picture per language
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_screenshots_in_every_shipped_language(
    site_in: Callable[..., ServedSite], open_reader: Callable[..., Reader], language: str
) -> None:
    """Without these, a reviewer has no picture of the source and claim pages in each language
    (written to tests/screenshots/, as test_screenshots.py does; Arabic on a phone too)."""
    served = site_in(language)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    sizes = {"desktop": DESKTOP, **({"phone": PHONE} if language == "ar" else {})}
    for width, viewport in sizes.items():
        small = width == "phone"
        reader = open_reader(
            served, viewport=viewport, is_mobile=small, has_touch=small, device_scale_factor=1
        )
        for name in ("source", "claim"):
            reader.open(PAGES[name])
            expected = "rtl" if language == "ar" else "ltr"
            assert page_direction(reader.page) == {
                "lang": language,
                "attribute": expected,
                "content": expected,
            }
            path = SCREENSHOTS / f"{language}-{name}-{width}-{viewport['width']}x{viewport['height']}.png"
            path.unlink(missing_ok=True)
            reader.page.screenshot(path=str(path), full_page=True, animations="disabled")
            assert png_size(path)[0] == viewport["width"], f"{path.name} is not {viewport['width']} px wide"
