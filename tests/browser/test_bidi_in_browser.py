"""Bidirectional text in a real browser: nothing a source or a contributor wrote can reorder what
readers see.

A right-to-left override (U+202E) stored in a seed would make "etaruccani si sihT" display as
"This is inaccurate" beside an "Accurate" badge. Seeds keep their characters verbatim, so the page
shows the override as its code point instead of applying it: this module measures, in Chromium,
where each character is drawn. Fields of factchecks.yaml cannot hold the override at all (refused
by ``factsite check``, see tests/test_hostile_fields.py); right-to-left names in them are isolated,
so an Arabic claimant cannot pull the date after it into its own direction.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from browsing import ServedSite, need, new_reader, serve_built_site
from sitebuild import copy_project

pytestmark = pytest.mark.browser
need("playwright.sync_api")

SPOOFED = "\u202eetaruccani si sihT\u202c"
ARABIC_NAME = "محمد الأحمد"
SEED = (
    "date 2025-03-01\n"
    f"The ministry's statement, as published: «{SPOOFED}». The ministry did not comment further.\n"
    "\n"
    "The spokesperson said 25 people attended the meeting on Monday.\n"
)


def bidi_project(dest: Path) -> Path:
    project = copy_project(dest)
    (project / "seeds" / "spoof.txt").write_text(SEED, encoding="utf-8")
    data = yaml.safe_load((project / "factchecks.yaml").read_text(encoding="utf-8"))
    data["sources"].append(
        {"id": "spoofed-statement", "seed": "spoof.txt", "title": "Ministry statement", "outlet": "Ministry"}
    )
    common = {"source": "spoofed-statement", "claim_date": "2025-03-01", "published": "2025-03-02"}
    data["checks"] += [
        {
            "id": "ministry-no-comment",
            **common,
            "quote": "The ministry did not comment further.",
            "claimant": "Ministry",
            "claim": "The ministry did not comment further",
            "rating": "accurate",
            "summary": "The statement says so.",
        },
        {
            "id": "meeting-attendance",
            **common,
            "quote": "said 25 people attended the meeting",
            "claimant": ARABIC_NAME,
            "claim": "25 people attended the meeting",
            "rating": "unsupported",
            "summary": "No attendance list was published.",
        },
    ]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    (project / "factchecks.yaml").write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def bidi_site(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    yield from serve_built_site(bidi_project(tmp_path_factory.mktemp("bidi")), "bidi")


@pytest.fixture
def page(browser: Any, bidi_site: ServedSite) -> Iterator[Any]:
    reader = new_reader(browser, bidi_site)
    try:
        yield reader
    finally:
        assert not reader.traffic.offsite
        reader.context.close()


# Where the first and the last character of the text node holding ``needle`` are drawn.
CHARACTER_X = """
(needle) => {
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(needle);
    if (at < 0) continue;
    const x = (i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                       return r.getBoundingClientRect().left; };
    return {first: x(at), last: x(at + needle.length - 1)};
  }
  return null;
}
"""


def test_a_right_to_left_override_in_a_seed_is_shown_not_applied(page: Any) -> None:
    page.open("sources/spoofed-statement/")
    drawn = page.page.evaluate(CHARACTER_X, "etaruccani si sihT")
    assert drawn is not None, "the seed's text is on the page"
    # Stored order is display order: "e" is drawn left of "T". Applied, the override would draw
    # "This is inaccurate", with the "T" on the left.
    assert drawn["first"] < drawn["last"]
    shown = page.page.locator(".fs-row__text .fs-invisible")
    assert shown.all_inner_texts() == ["U+202E", "U+202C"]
    assert "This is inaccurate" not in page.page.locator(".md-content__inner").inner_text()


def test_the_claim_page_quote_shows_the_override_too(page: Any) -> None:
    page.open("claims/ministry-no-comment/")
    drawn = page.page.evaluate(CHARACTER_X, "etaruccani si sihT")
    assert drawn is not None and drawn["first"] < drawn["last"]
    assert "This is inaccurate" not in page.page.locator(".md-content__inner").inner_text()


def test_a_right_to_left_claimant_cannot_reorder_the_sentence_around_it(page: Any) -> None:
    page.open("claims/meeting-attendance/")
    caption = page.page.locator("figcaption")
    name = caption.locator("bdi").first
    assert name.inner_text() == ARABIC_NAME
    date = caption.locator("time").first
    # Isolated, the name is one right-to-left block and the date follows it, to its right; not
    # isolated, the date's digits would join the Arabic run and be drawn before the name.
    assert date.bounding_box()["x"] > name.bounding_box()["x"] + name.bounding_box()["width"]
    facts = page.page.locator(".fs-claim__facts dd").first
    assert facts.get_attribute("dir") == "auto" and facts.inner_text() == ARABIC_NAME
