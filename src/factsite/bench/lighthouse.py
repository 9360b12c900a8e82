"""Lighthouse scores of a built site, served gzip-compressed as GitHub Pages serves it.

    mkdocs build -d /tmp/site                         # any built site
    python -m factsite.bench.lighthouse /tmp/site     # median of 3 runs per page
    python -m factsite.bench.lighthouse /tmp/site --runs 5 --reports /tmp/lh   # keep the JSON reports

It serves SITE_DIR on 127.0.0.1 (a free port) at the path of the site's own address (read from its
``sitemap.xml``; ``/`` without one), with what GitHub Pages does that matters to a page load: text
responses gzip-compressed, ``Cache-Control: max-age=600``, a directory's ``index.html``, and the
site's ``404.html`` for a missing page. Then it runs Lighthouse in its default mode (a phone on a
throttled, simulated slow 4G connection) over five kinds of page: the home page, a source page, a
claim page, the list of every check, and a plain Material page written in ``docs/`` (methodology) as
the baseline: what Material alone scores on the same server. It prints, per page, the median of
``--runs`` runs of the four category scores (performance, accessibility, best practices, SEO) and of
the metrics performance is made of, then every audit that kept a category below 100, so a low score
says why. Figures, not assertions: nothing here fails because a score is low.

Lighthouse is a Node program, not a Python dependency: ``npm install --prefix DIR lighthouse`` (the
default DIR is ``~/.cache/factsite/lighthouse``; ``--lighthouse`` or ``$FACTSITE_LIGHTHOUSE`` names
another executable). It drives Chromium from ``$CHROME_PATH``, else ``/usr/bin/chromium``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {  # audit id -> column: what the performance score is made of
    "first-contentful-paint": "FCP s",
    "largest-contentful-paint": "LCP s",
    "total-blocking-time": "TBT ms",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI s",
}
CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "factsite" / "lighthouse"
INSTALL = f"npm install --prefix {CACHE_DIR} lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
# What GitHub Pages compresses: text, whatever the kind.
COMPRESSED = re.compile(r"^(text/|application/(json|javascript|xml|atom\+xml|manifest\+json)|image/svg)")


class GzipHandler(SimpleHTTPRequestHandler):
    """A built site at ``base`` (e.g. ``/`` or ``/factsite/``), text gzip-compressed like GitHub Pages."""

    site_dir: Path
    base: str

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=str(self.site_dir), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def _respond(self, *, body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        inner = path[len(self.base):] if path.startswith(self.base) else None
        if path + "/" == self.base or (inner and not path.endswith("/") and (self.site_dir / inner).is_dir()):
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status, file = 200, self._file(path)
        if file is None:
            status, file = 404, self.site_dir / "404.html"
        data = file.read_bytes() if file.is_file() else b"Not found"
        kind = self.guess_type(str(file)) if file.is_file() else "text/plain"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if COMPRESSED.match(kind) and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = gzip.compress(data, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _file(self, path: str) -> Path | None:
        if not path.startswith(self.base):
            return None
        inner = path[len(self.base):]
        if ".." in inner.split("/"):
            return None
        file = self.site_dir / inner
        if file.is_dir():
            file = file / "index.html"
        return file if file.is_file() else None


def site_base(site_dir: Path) -> str:
    """The path the site is published under, from its sitemap (``/factsite/`` for a project site)."""
    sitemap = site_dir / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8") if sitemap.is_file() else ""
    found: list[str] = re.findall(r"<loc>(.*?)</loc>", text)
    if not found:
        return "/"
    # The home page's: the shortest address, a prefix of every other.
    path = min((urlsplit(loc).path for loc in found), key=len)
    return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` until the block ends; yields its base URL."""
    base = site_base(site_dir)
    handler = type("SiteHandler", (GzipHandler,), {"site_dir": site_dir, "base": base})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="lighthouse-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def default_pages(site_dir: Path) -> dict[str, str]:
    """One page of each kind, as paths relative to the site: what a reader opens first."""
    def first(folder: str) -> str | None:
        found = sorted(p.parent.name for p in (site_dir / folder).glob("*/index.html"))
        return f"{folder}/{found[0]}/" if found else None

    candidates = {
        "home": "",
        "source": first("sources"),
        "claim": first("claims"),
        "all checks": "claims/" if (site_dir / "claims" / "index.html").is_file() else None,
        "Material page": "methodology/" if (site_dir / "methodology" / "index.html").is_file() else None,
    }
    return {label: path for label, path in candidates.items() if path is not None}


def find_lighthouse(given: str | None) -> str:
    installed = str(CACHE_DIR / "node_modules" / ".bin" / "lighthouse")
    for candidate in (given, os.environ.get("FACTSITE_LIGHTHOUSE"), installed):
        if candidate and Path(candidate).is_file():
            return candidate
    on_path = shutil.which("lighthouse")
    if on_path:
        return on_path
    raise SystemExit(
        "Lighthouse is not installed. It is a Node program (not a Python dependency); install it with\n"
        f"    {INSTALL}\n"
        "or name its executable with --lighthouse PATH or $FACTSITE_LIGHTHOUSE."
    )


def run_lighthouse(lighthouse: str, url: str, chrome: str) -> dict[str, Any]:
    """One Lighthouse run (its defaults: mobile, simulated throttling); the JSON report."""
    with tempfile.TemporaryDirectory(prefix="factsite-lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        result = subprocess.run(
            [
                lighthouse, url, "--quiet", "--output=json", f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
            ],
            capture_output=True, text=True, check=False, env={**os.environ, "CHROME_PATH": chrome},
            timeout=300,
        )
        if result.returncode != 0 or not report.is_file():
            raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
        data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    error = data.get("runtimeError")
    if error:
        raise SystemExit(f"lighthouse could not load {url}: {error.get('code')}: {error.get('message')}")
    return data


def scores(report: dict[str, Any]) -> dict[str, float]:
    """The four category scores (0-100) and the metrics, from one report."""
    found: dict[str, float] = {
        name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES
    }
    for audit, column in METRICS.items():
        value = float(report["audits"][audit].get("numericValue") or 0)
        found[column] = value if column in ("CLS", "TBT ms") else value / 1000
    return found


def shortfalls(report: dict[str, Any]) -> list[str]:
    """The audits that cost a category points: id, score and what Lighthouse says was found."""
    lines = []
    audits = report["audits"]
    for name in CATEGORIES:
        category = report["categories"][name]
        if (category["score"] or 0) >= 1:
            continue
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            score = audit.get("score")
            if ref.get("weight", 0) == 0 or score is None or score >= 1:
                continue
            shown = audit.get("displayValue") or audit.get("explanation") or ""
            lines.append(f"{name}: {ref['id']} {score:.2f} {shown}".rstrip())
    # Opportunities (no weight of their own, but what a slow page would save).
    for audit_id, audit in audits.items():
        details = audit.get("details") or {}
        savings = audit.get("metricSavings") or {}
        saving = savings.get("LCP") or savings.get("FCP")
        if details.get("type") == "opportunity" and saving:
            shown = audit.get("displayValue") or ""
            lines.append(f"performance opportunity: {audit_id}: {shown} (saves ~{saving:.0f} ms)")
    return lines


def measure(site_dir: Path, pages: dict[str, str], runs: int, lighthouse: str, chrome: str,
            reports: Path | None) -> list[dict[str, Any]]:
    rows = []
    with serve(site_dir) as base_url:
        print(f"serving {site_dir} at {base_url} (gzip); {runs} run(s) per page", file=sys.stderr)
        for label, path in pages.items():
            url = base_url + path
            results, notes = [], []
            for run in range(runs):
                report = run_lighthouse(lighthouse, url, chrome)
                results.append(scores(report))
                notes.append(shortfalls(report))
                if reports:
                    reports.mkdir(parents=True, exist_ok=True)
                    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
                    (reports / f"{slug}-{run + 1}.json").write_text(json.dumps(report), encoding="utf-8")
            row: dict[str, Any] = {"page": label, "path": path}
            for key in results[0]:
                row[key] = statistics.median(r[key] for r in results)
            row["performance runs"] = [r["performance"] for r in results]
            # What cost points in the run that scored the median: one run's findings, not every run's.
            median_run = sorted(range(runs), key=lambda i: results[i]["performance"])[runs // 2]
            row["notes"] = notes[median_run]
            rows.append(row)
            print(f"  {label}: performance {row['performance runs']}", file=sys.stderr)
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    columns = ["page", "path", *CATEGORIES, *METRICS.values(), "performance runs"]
    def cell(row: dict[str, Any], key: str) -> str:
        value = row[key]
        if key in CATEGORIES:
            return f"{value:g}"
        if key == "CLS":
            return f"{value:.3f}"
        if key == "TBT ms":
            return f"{value:.0f}"
        if isinstance(value, float):
            return f"{value:.2f}"
        if isinstance(value, list):
            return " ".join(str(v) for v in value)
        return str(value) or "/"
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(row, key) for key in columns) + " |" for row in rows]
    for row in rows:
        if row["notes"]:
            lines.append(f"\n{row['page']} ({row['path'] or 'home'}):")
            lines += [f"  - {note}" for note in row["notes"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m factsite.bench.lighthouse",
        description="Lighthouse (mobile) scores of a built site served gzip-compressed like GitHub Pages.",
    )
    parser.add_argument("site_dir", type=Path, help="a built site (mkdocs build -d SITE_DIR)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is reported")
    parser.add_argument(
        "--page", action="append", default=[], metavar="LABEL=PATH",
        help="measure this page (relative to the site, e.g. claims/x/) instead of the defaults; repeatable",
    )
    parser.add_argument("--lighthouse", help=f"the lighthouse executable (default: in {CACHE_DIR})")
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH") or CHROMIUM, help="the Chromium")
    parser.add_argument("--reports", type=Path, help="keep every run's JSON report in this folder")
    parser.add_argument("--out", type=Path, help="write the figures as JSON")
    args = parser.parse_args(argv)
    site_dir = args.site_dir.resolve()
    if not (site_dir / "index.html").is_file():
        raise SystemExit(f"{site_dir} is not a built site (no index.html); run mkdocs build -d {site_dir}")
    lighthouse = find_lighthouse(args.lighthouse)
    if not Path(args.chrome).is_file():
        raise SystemExit(f"no Chromium at {args.chrome}; set $CHROME_PATH or --chrome")
    if args.page:
        pages = dict(p.split("=", 1) if "=" in p else (p, p) for p in args.page)
    else:
        pages = default_pages(site_dir)
    rows = measure(site_dir, pages, max(1, args.runs), lighthouse, args.chrome, args.reports)
    print(table(rows))
    if args.out:
        args.out.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
