"""What a reader downloads and waits for on a built site, measured in Chromium.

    mkdocs build -d /tmp/site
    python -m factsite.bench.reader /tmp/site        # median of 3 fresh readers per figure

It serves SITE_DIR as GitHub Pages would (text gzip-compressed; see ``factsite.bench.lighthouse``)
and, for each kind of page (home, a source, a claim, the list of every check, a topic), opens it in
a fresh browser (empty cache) and counts the bytes that crossed the network until the page has
loaded, and whether any of it was search data. Then, on the home page, a reader presses "/" and
types the first words of a quote (``--words``, 4): the bytes the first query fetched, the time
from the first key to the first result, and whether that result is the quote's claim page. It
also prints the largest HTML page of the site (raw and gzip) and the feed's size. Figures, not
assertions.

Playwright is a test dependency (``pip install -e ".[test]"``), and Chromium is Debian's
(``/usr/bin/chromium``, or ``$FACTSITE_CHROMIUM``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

from factsite.bench.lighthouse import serve

CHROMIUM = os.environ.get("FACTSITE_CHROMIUM", "/usr/bin/chromium")
SEARCH_DATA = ("/pagefind/", "/search/")


def largest_pages(site_dir: Path, count: int = 3) -> list[tuple[int, int, str]]:
    """The ``count`` largest HTML pages: (bytes, gzip bytes, path)."""
    sizes = sorted(((p.stat().st_size, p) for p in site_dir.rglob("*.html")), reverse=True)[:count]
    return [
        (size, len(gzip.compress(path.read_bytes())), path.relative_to(site_dir).as_posix())
        for size, path in sizes
    ]


def page_kinds(site_dir: Path) -> dict[str, str]:
    def first(folder: str) -> str | None:
        pages = (site_dir / folder).glob("*/index.html")
        found = sorted(p.parent.name for p in pages if p.parent.name != "page")
        return f"{folder}/{found[0]}/" if found else None

    kinds = {
        "home": "",
        "source": first("sources"),
        "claim": first("claims"),
        "all checks": "claims/",
        "topic": first("topics"),
    }
    return {kind: path for kind, path in kinds.items() if path is not None}


def a_quote(site_dir: Path, words: int) -> tuple[str, str]:
    """The first ``words`` words of a check's quote and its claim page, from claims.json."""
    data = json.loads((site_dir / "claims.json").read_text(encoding="utf-8"))
    checks = data["checks"]
    check = checks[len(checks) // 2]
    return " ".join(check["quote"].split()[:words]), check["url"]


class _Traffic:
    def __init__(self) -> None:
        self.requests: list[Any] = []

    def bytes(self, where: tuple[str, ...] = ()) -> int:
        total = 0
        for request in self.requests:
            if where and not any(part in request.url for part in where):
                continue
            try:
                sizes = request.sizes()
            except Exception:  # a request that never finished
                continue
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        return total


def _reader(browser: Any) -> tuple[Any, Any, _Traffic]:
    context = browser.new_context(viewport={"width": 412, "height": 823}, service_workers="block")
    page = context.new_page()
    traffic = _Traffic()
    page.on("requestfinished", lambda request: traffic.requests.append(request))
    return context, page, traffic


def measure(site_dir: Path, runs: int, words: int = 4) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    quote, claim_url = a_quote(site_dir, words)
    claim_path = claim_url.split("://", 1)[-1].split("/", 1)[-1]
    opened: dict[str, list[int]] = {}
    search_data_on_open: dict[str, int] = {}
    query_bytes: list[int] = []
    query_seconds: list[float] = []
    first_is_claim: list[bool] = []
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for _ in range(runs):
                for kind, path in page_kinds(site_dir).items():
                    context, page, traffic = _reader(browser)
                    page.goto(base + path, wait_until="load")
                    page.wait_for_timeout(300)  # anything a script fetches right after load
                    opened.setdefault(kind, []).append(traffic.bytes())
                    searched = traffic.bytes(SEARCH_DATA)
                    search_data_on_open[kind] = max(search_data_on_open.get(kind, 0), searched)
                    context.close()
                context, page, traffic = _reader(browser)
                page.goto(base, wait_until="load")
                page.wait_for_timeout(300)
                before = traffic.bytes()
                start = time.perf_counter()
                page.keyboard.press("/")
                page.keyboard.type(quote)
                page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
                query_seconds.append(time.perf_counter() - start)
                page.wait_for_timeout(300)
                query_bytes.append(traffic.bytes() - before)
                href = page.locator(".md-search-result__item a").first.get_attribute("href") or ""
                first_is_claim.append(href.rstrip("/").endswith(claim_path.rstrip("/")))
                context.close()
        finally:
            browser.close()
    feed = site_dir / "feed.xml"
    return {
        "opened_bytes": {kind: int(statistics.median(values)) for kind, values in opened.items()},
        "search_data_on_open": search_data_on_open,
        "first_query_bytes": int(statistics.median(query_bytes)),
        "first_query_seconds": round(statistics.median(query_seconds), 2),
        "first_result_is_the_claim": all(first_is_claim),
        "largest_pages": largest_pages(site_dir),
        "feed_bytes": feed.stat().st_size if feed.is_file() else None,
        "feed_entries": feed.read_text(encoding="utf-8").count("<entry>") if feed.is_file() else None,
        "query": quote,
    }


def main(argv: list[str] | None = None) -> None:
    summary = (__doc__ or "").split("\n")[0]
    parser = argparse.ArgumentParser(prog="python -m factsite.bench.reader", description=summary)
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("--runs", type=int, default=3, help="fresh readers per figure (median)")
    parser.add_argument("--words", type=int, default=4, help="words of a quote the reader types")
    args = parser.parse_args(argv)
    figures = measure(args.site, args.runs, args.words)
    print(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
