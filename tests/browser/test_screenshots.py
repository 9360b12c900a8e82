"""Full-page screenshots of the home, source and claim pages on a desktop and on a phone.

Written to tests/screenshots/ (git-ignored) on every run of the suite, for a person to look at in
review or as a CI artifact: layout regressions that no assertion anticipates show up there.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from browsing import DESKTOP, PHONE, SCREENSHOTS, SOURCE_PAGE, Reader

pytestmark = pytest.mark.browser

PAGES = {"home": "", "source": SOURCE_PAGE, "claim": "claims/jailing-us-citizens-and-residents-abroad/"}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.parametrize("width", list(WIDTHS))
def test_full_page_screenshots(make_reader: Callable[..., Reader], width: str) -> None:
    """Without these, a reviewer has no picture of what readers get on a desktop and on a phone."""
    viewport = WIDTHS[width]
    phone = width == "phone"
    reader = make_reader(viewport=viewport, is_mobile=phone, has_touch=phone, device_scale_factor=1)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, rel in PAGES.items():
        reader.open(rel)
        path = SCREENSHOTS / f"{name}-{width}-{viewport['width']}x{viewport['height']}.png"
        path.unlink(missing_ok=True)
        reader.page.screenshot(path=str(path), full_page=True, animations="disabled")
        shot_width, shot_height = png_size(path)
        assert shot_width == viewport["width"], f"{path.name}: {shot_width} px wide"
        page_height = reader.page.evaluate("() => document.documentElement.scrollHeight")
        assert shot_height >= min(page_height, 16384) - 1, f"{path.name} is not the full page"
    assert not reader.traffic.problems()
