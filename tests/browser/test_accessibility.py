"""Accessibility in a real browser: axe-core on the main pages in both palettes, verdicts never by
colour alone, and highlights and cards reachable by keyboard with a visible focus ring.

axe-core comes with axe-playwright-python (its bundled axe.min.js, injected into the page; nothing
is downloaded). Every rule axe runs by default counts, at any impact. A violation is fixed in the
site's CSS, templates or overrides; only a violation that comes from Material itself and cannot
be fixed in our overrides may be excluded, by rule and node, in AXE_EXCLUSIONS with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from browsing import SOURCE_PAGE, Reader, need, tab_until

pytestmark = pytest.mark.browser
expect = need("playwright.sync_api").expect
Axe = need("axe_playwright_python.sync_playwright").Axe

ACTIVE = re.compile(r"(^|\s)is-active(\s|$)")

AXE_PAGES = {
    "home": "",
    "source": SOURCE_PAGE,
    "claim": "claims/jailing-us-citizens-and-residents-abroad/",
    "index": "claims/",
    "ratings": "ratings/",
    "claimant": "claimants/marco-rubio/",
    "verdict": "verdicts/context/",
}
BADGE_PAGES = [*AXE_PAGES.values(), "claims/us-cannot-deport-citizens/"]

# (rule id, CSS selector of the node) pairs that come from Material and cannot be fixed in our
# overrides, each with its reason. Empty: every violation found so far has been fixed.
AXE_EXCLUSIONS: dict[tuple[str, str], str] = {}


def axe_violations(page: Any) -> list[str]:
    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            if (violation["id"], target) in AXE_EXCLUSIONS:
                continue
            html = " ".join(node["html"].split())[:160]
            summary = " ".join(str(node.get("failureSummary") or "").split())
            found.append(f"{violation['id']} ({violation['impact']}) at {target}: {html}\n    {summary}")
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe_finds_no_violation(make_reader: Callable[..., Reader], name: str, scheme: str) -> None:
    """Without this, readers using a screen reader, keyboard, zoom or low vision meet unnamed
    controls, unreadable contrast or links told apart by colour alone on the site's main pages."""
    reader = make_reader(color_scheme=scheme)
    reader.open(AXE_PAGES[name])
    assert reader.scheme() == {"light": "default", "dark": "slate"}[scheme]
    violations = axe_violations(reader.page)
    assert not violations, f"{name} page, {scheme} palette:\n" + "\n".join(violations)
    assert not reader.traffic.problems()


def test_axe_sees_violations(reader: Reader) -> None:
    """The axe check above can fail: a page given an unlabelled button and grey-on-grey text has
    violations (otherwise a broken axe injection would pass every page)."""
    reader.open("")
    reader.page.evaluate(
        """() => { const b = document.createElement('button');
                   b.innerHTML = '<svg width="10" height="10"></svg>';
                   document.querySelector('.md-content article').append(b);
                   const p = document.createElement('p');
                   p.textContent = 'faint'; p.style.color = '#ddd';
                   document.querySelector('.md-content article').append(p); }"""
    )
    ids = {v.split(" ")[0] for v in axe_violations(reader.page)}
    assert {"button-name", "color-contrast"} <= ids


@pytest.mark.parametrize("rel", BADGE_PAGES)
def test_every_verdict_badge_names_its_verdict_in_text(reader: Reader, rel: str) -> None:
    """Without this, a reader who cannot tell the badge colours apart (or uses a screen reader)
    cannot know a verdict, because it would be shown by colour alone."""
    reader.open(rel)
    badges = reader.page.locator(".fs-badge")
    assert badges.count() > 0, f"no verdict badge on {rel or 'home'}"
    for badge in badges.all():
        if not badge.is_visible():
            continue
        label = badge.locator(".fs-badge__label")
        expect(label).to_be_visible()
        text = badge.inner_text().strip()
        assert text, f"a badge without text on {rel or 'home'}: {badge.evaluate('(e) => e.outerHTML')}"
        # The label is real, visible text, not an icon's title or an aria-label only.
        box = label.bounding_box()
        assert box and box["width"] > 10 and box["height"] > 5


def assert_visible_focus_ring(locator: Any) -> None:
    style = locator.evaluate(
        "(e) => { const s = getComputedStyle(e);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }"
    )
    outline_style, width, color = style
    assert outline_style != "none" and width > 0, f"no visible focus ring: {style}"
    assert not color.endswith(", 0)") and color != "transparent", f"an invisible outline colour: {color}"


def test_marks_and_cards_are_reached_by_keyboard_with_a_visible_focus_ring(reader: Reader) -> None:
    """Without this, a keyboard user cannot reach the highlighted passages or the cards' links, or
    cannot see where the focus is while tabbing through the document."""
    page = reader.page
    reader.open(SOURCE_PAGE)
    page.locator("h1").click()  # start from the document, as a reader who clicked into it
    mark = tab_until(page, "mark.fs-mark")
    expect(mark).to_be_focused()
    assert_visible_focus_ring(mark)
    check_id = mark.get_attribute("data-check")
    expect(page.locator(f"#card-{check_id}")).to_have_class(ACTIVE)  # focus lights its card up

    link = tab_until(page, ".fs-card a")
    expect(link).to_be_focused()
    assert_visible_focus_ring(link)
    card = link.locator("xpath=ancestor::article[contains(@class, 'fs-card')]")
    expect(card).to_have_class(ACTIVE)  # the card being read is the one lit up
    assert not reader.traffic.problems()


def test_focus_ring_check_can_fail(reader: Reader) -> None:
    """The focus-ring assertion sees a missing ring (so the test above proves something)."""
    page = reader.page
    reader.open(SOURCE_PAGE)
    page.add_style_tag(content=".md-typeset mark.fs-mark:focus-visible { outline: none !important; }")
    page.locator("h1").click()
    mark = tab_until(page, "mark.fs-mark")
    with pytest.raises(AssertionError, match="no visible focus ring"):
        assert_visible_focus_ring(mark)
