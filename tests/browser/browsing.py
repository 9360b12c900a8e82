"""Serving a built site under /factsite/ and reading it in Chromium: helpers for the browser tests.

A site is served by a local threaded HTTP server on 127.0.0.1 under ``/factsite/``, as GitHub serves
a project site: anything outside ``/factsite/`` is a 404, a directory URL serves its ``index.html``
and a missing page gets the site's ``404.html`` with status 404. It is built with ``site_url`` on
that exact address, so Material's instant navigation (which only follows URLs in the sitemap),
search and the 404 page's absolute asset URLs work as they would when published.

Every page a test opens through a :class:`Reader` has ``**/*`` routed: a request to any host other
than 127.0.0.1 is aborted and recorded, and so are failed requests, HTTP errors, console errors,
uncaught exceptions and dialogs.
"""

from __future__ import annotations

import importlib
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn
from urllib.parse import urlsplit

import pytest

# The helpers shared with the other tests (tests/conftest.py puts tests/ on sys.path).
from sitebuild import REPO, engine_name, mkdocs_build

TESTS = REPO / "tests"
BASE_PATH = "/factsite/"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
SCREENSHOTS = TESTS / "screenshots"
SOURCE_ID = "ap-el-salvador-prison-offer"
SOURCE_PAGE = f"sources/{SOURCE_ID}/"

REQUIRE_ENV = "FACTSITE_REQUIRE_BROWSER"  # set (CI does): a missing browser fails instead of skipping


def unavailable(reason: str) -> NoReturn:
    """Skip the browser tests with ``reason``, or fail them when $FACTSITE_REQUIRE_BROWSER is set."""
    if os.environ.get(REQUIRE_ENV, "").strip() not in ("", "0"):
        pytest.fail(f"{reason} (and {REQUIRE_ENV} is set)", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def need(module: str) -> ModuleType:
    """At the top of a test module, as ``pytest.importorskip``: the Python package the module drives
    the browser with (``expect = need("playwright.sync_api").expect``), or the module is skipped
    (failed when $FACTSITE_REQUIRE_BROWSER is set)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        unavailable(f"{module} is not installed; pip install -e '.[test]'")


# ------------------------------------------------------------------------------------------------
# Serving
# ------------------------------------------------------------------------------------------------


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves ``site_dir`` at ``/factsite/`` only, like GitHub project pages."""

    site_dir: Path  # set on a subclass, one per server

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=str(self.site_dir), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: the tests record failed requests themselves

    def send_head(self) -> Any:
        path = urlsplit(self.path).path
        if path == BASE_PATH.rstrip("/"):
            self.send_response(301)
            self.send_header("Location", BASE_PATH)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not path.startswith(BASE_PATH):
            self.send_error(404, "Outside the site")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        inner = urlsplit(path).path
        inner = "/" + inner[len(BASE_PATH) :] if inner.startswith(BASE_PATH) else "/"
        return super().translate_path(inner)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page inside the site gets the site's own 404.html, as on GitHub Pages."""
        not_found = self.site_dir / "404.html"
        if code == 404 and urlsplit(self.path).path.startswith(BASE_PATH) and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404, message)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@dataclass
class ServedSite:
    """A built site and the address it is served at."""

    root: Path  # the built files
    base_url: str  # http://127.0.0.1:PORT/factsite/

    def url(self, rel: str = "") -> str:
        return self.base_url + rel.lstrip("/")

    @property
    def origin(self) -> str:
        split = urlsplit(self.base_url)
        return f"{split.scheme}://{split.netloc}"

    def pages(self) -> list[str]:
        """Every generated page as a directory URL relative to the base ('' is home); 404.html aside."""
        found = []
        for path in sorted(self.root.rglob("index.html")):
            rel = path.parent.relative_to(self.root).as_posix()
            found.append("" if rel == "." else rel + "/")
        return found


def serve_built_site(project: Path, name: str, **env: str) -> Iterator[ServedSite]:
    """Bind a free port, build ``project`` with site_url on that port, and serve it until closed."""
    site_dir = project / "public"
    handler = type(f"{name.title()}Handler", (SubPathHandler,), {"site_dir": site_dir})
    # Port 0 picks a free port; the bound socket holds it while the site is built for it.
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    base_url = f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
    result = mkdocs_build(project, site_dir, FACTSITE_SITE_URL=base_url, **env)
    if result.returncode != 0:
        server.server_close()
        pytest.fail(
            f"{engine_name()} build of the {name} site failed:\n{result.stdout}\n{result.stderr}",
            pytrace=False,
        )
    thread = threading.Thread(target=server.serve_forever, name=f"serve-{name}", daemon=True)
    thread.start()
    try:
        yield ServedSite(site_dir, base_url)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# ------------------------------------------------------------------------------------------------
# Watching what a page does
# ------------------------------------------------------------------------------------------------


@dataclass
class Traffic:
    """What a page did that a reader would notice, or that must never happen."""

    requested: list[str] = field(default_factory=list)  # every URL the page asked for
    offsite: list[str] = field(default_factory=list)  # requests to a host other than 127.0.0.1
    failed: list[str] = field(default_factory=list)  # requests that failed (network error, abort)
    bad_status: list[str] = field(default_factory=list)  # responses with status >= 400
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)  # uncaught exceptions
    dialogs: list[str] = field(default_factory=list)  # alert/confirm/prompt/beforeunload

    def problems(self) -> list[str]:
        return [
            *(f"request to another host: {u}" for u in self.offsite),
            *(f"request failed: {u}" for u in self.failed),
            *(f"HTTP error: {u}" for u in self.bad_status),
            *(f"console error: {m}" for m in self.console_errors),
            *(f"JavaScript error: {m}" for m in self.page_errors),
            *(f"dialog opened: {m}" for m in self.dialogs),
        ]

    def clear(self) -> None:
        for name in (
            "requested",
            "offsite",
            "failed",
            "bad_status",
            "console_errors",
            "page_errors",
            "dialogs",
        ):
            getattr(self, name).clear()


def is_local(url: str) -> bool:
    split = urlsplit(url)
    if split.scheme in ("data", "blob", "about"):
        return True
    return split.scheme in ("http", "https", "ws", "wss") and split.hostname == "127.0.0.1"


def watch(context: Any, page: Any) -> Traffic:
    """Route every request of ``context`` (any other host is aborted and recorded); record trouble."""
    traffic = Traffic()

    def route(route: Any) -> None:
        traffic.requested.append(route.request.url)
        if is_local(route.request.url):
            route.continue_()
        else:
            traffic.offsite.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", route)

    def on_failed(request: Any) -> None:
        # ERR_ABORTED: the browser cancelled it because the page went away (e.g. the favicon of a
        # page left at once); a missing file is a 404 response, recorded below.
        if request.url not in traffic.offsite and request.failure != "net::ERR_ABORTED":
            traffic.failed.append(f"{request.url} ({request.failure})")

    def on_response(response: Any) -> None:
        if response.status >= 400:
            traffic.bad_status.append(f"{response.status} {response.url}")

    def on_console(message: Any) -> None:
        if message.type == "error":
            traffic.console_errors.append(f"{message.text} at {message.location.get('url')}")

    def on_dialog(dialog: Any) -> None:
        traffic.dialogs.append(f"{dialog.type}: {dialog.message!r} on {page.url}")
        dialog.dismiss()

    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: traffic.page_errors.append(f"{error} on {page.url}"))
    page.on("dialog", on_dialog)
    return traffic


@dataclass
class Reader:
    """A page in a fresh browser context (its own storage), with what it did recorded."""

    page: Any
    context: Any
    traffic: Traffic
    site: ServedSite

    def open(self, rel: str = "") -> Any:
        """Go to a page of the site and wait until Material's scripts and ours have run."""
        response = self.page.goto(self.site.url(rel), wait_until="load")
        wait_for_material(self.page)
        return response

    def wait_for_page(self, rel: str) -> None:
        """Wait until the address is that page (a full load or Material's instant navigation)."""
        expected = self.site.url(rel)
        self.page.wait_for_url(lambda url: url.split("#")[0].split("?")[0] == expected)
        # Material swaps the page's content (and its canonical link) in after the address changes.
        self.page.wait_for_function(
            "(url) => document.querySelector('link[rel=canonical]')?.href === url", arg=expected
        )

    def scheme(self) -> str:
        return str(self.page.evaluate("document.body.dataset.mdColorScheme"))


def wait_for_material(page: Any) -> None:
    """Material's bundle has set up document$, to which factsite.js subscribes."""
    page.wait_for_function(
        "() => typeof window.document$ !== 'undefined' && document.body.dataset.mdColorScheme"
    )


def new_reader(browser: Any, site: ServedSite, **context_options: Any) -> Reader:
    options = {"viewport": DESKTOP, "color_scheme": "light", **context_options}
    context = browser.new_context(service_workers="block", **options)
    context.set_default_timeout(5_000)  # everything here is local: fail fast, not after 30 s
    page = context.new_page()
    return Reader(page, context, watch(context, page), site)


# ------------------------------------------------------------------------------------------------
# Reading the page
# ------------------------------------------------------------------------------------------------

# The contrast ratio (WCAG 2) of an element's text against what is behind it: its own background
# composited over its ancestors' backgrounds, down to the page's.
CONTRAST_JS = """
(el) => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) throw new Error("unparsed colour " + c);
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, below) => {
    const a = top[3] + below[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    return [0, 1, 2].map((i) => (top[i] * top[3] + below[i] * below[3] * (1 - top[3])) / a).concat([a]);
  };
  let bg = [0, 0, 0, 0];
  for (let node = el; node && bg[3] < 1; node = node.parentElement) {
    bg = over(bg, parse(getComputedStyle(node).backgroundColor));
  }
  if (bg[3] < 1) bg = over(bg, [255, 255, 255, 1]);
  const fg = over(parse(getComputedStyle(el).color), bg);
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
  return { ratio: (hi + 0.05) / (lo + 0.05), fg: getComputedStyle(el).color, bg: "rgba(" + bg.join(",") + ")",
           text: el.innerText.trim() };
}
"""

# Where an element is on the page, in CSS pixels relative to the viewport.
RECT_JS = """
(el) => { const r = el.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                   width: r.width, height: r.height }; }
"""

def rows_with_cards(page: Any) -> list[dict[str, Any]]:
    """Each source-page row with passages: where its text is, and where each of its cards is."""
    return list(
        page.evaluate(
            f"""() => [...document.querySelectorAll('.fs-row--checked')].map((row) => ({{
                  text: ({RECT_JS})(row.querySelector('.fs-row__text')),
                  cards: [...row.querySelectorAll('.fs-card')]
                    .map((c) => ({{ id: c.id, ...({RECT_JS})(c) }})),
                }}))"""
        )
    )


IN_VIEWPORT_JS = """
(el) => { const r = el.getBoundingClientRect();
          return r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth; }
"""


def contrast(locator: Any) -> dict[str, Any]:
    return dict(locator.evaluate(CONTRAST_JS))


def in_viewport(locator: Any) -> bool:
    return bool(locator.evaluate(IN_VIEWPORT_JS))


def tab_until(page: Any, selector: str, *, limit: int = 150) -> Any:
    """Press Tab, as a keyboard user does, until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return page.locator(":focus")
    raise AssertionError(f"{limit} presses of Tab never reached {selector} on {page.url}")


def wait_until_search_results_settle(page: Any, quiet: float = 0.4, timeout: float = 5) -> None:
    """Until Material's result list has not changed for ``quiet`` seconds."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        now = page.locator(".md-search-result").inner_html()
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.05)
    raise AssertionError("the search results kept changing")
