"""Benchmark: factsite's build against plain MkDocs building the very same pages.

    python -m factsite.bench                      # 100, 1,000 and 10,000 checks
    python -m factsite.bench --sizes 100 --runs 1 # a quick smoke run
    python -m factsite.bench --worst-markdown     # the worst Markdown field against an ordinary one

For each size it generates a synthetic desk (10 checks per source), then times, median of
``--runs``: loading + anchoring alone (in process); ``mkdocs build --strict`` of the project with
the factsite plugin; and plain MkDocs + Material building the same pages, written out once as static
Markdown with the same theme, plugins and assets: the floor. The two builds must produce the same
site, file for file, or the benchmark stops (the plugin hands its finished HTML straight to the
theme, skipping the Python-Markdown pass the floor pays for, so it may come in under 1). No desk
would write that generated HTML, so it also times the floor a desk would choose: the same checks and
sources written by hand as Markdown pages (one per check and per source, at the same addresses, with
the same text) on plain Material with search and tags (``factsite.bench.markdown_floor``). It reports
each run's ratio to that floor beside the median, peak memory of all three builds, over two or more
sizes what each added check costs in time and memory (linear or not), the largest claim page, the
site's size, the search index (Pagefind's, built in both builds) and what a first query fetches,
prints a table and writes it as JSON. With ``--serve`` it also times ``mkdocs serve`` rebuilding after one
check is edited. With ``--worst-markdown`` it builds a one-check site whose ``analysis`` is, in
turn, each of several Markdown shapes at the size limit and nested as deep as allowed (the worst a
pull request can bring), next to the same site with an ordinary analysis. Figures, not
assertions: nothing here fails because a number is large.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib import resources
from pathlib import Path
from typing import Any

from factsite.bench.corpus import MKDOCS_YML, generate_corpus
from factsite.bench.markdown_floor import write_markdown_floor
from factsite.input.markdown import MAX_NESTING
from factsite.input.schema import schema
from factsite.quotes.project import load_project, read_project
from factsite.render.site import SiteInfo, build_site
from factsite.urls import ASSETS, Layout

SITE_URL = "http://127.0.0.1:8000/"
# Runs one build in a child process and reports its peak memory (ru_maxrss, KiB on Linux).
_CHILD = """
import logging, resource, sys
logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config(config_file=sys.argv[1], site_dir=sys.argv[2], strict=True))
print("MAXRSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "FACTSITE_SITE_URL": SITE_URL}


def write_floor(project: Path, floor: Path) -> None:
    """The same site as static Markdown: generated pages, files and assets written into docs/."""
    info = SiteInfo(
        name="Synthetic desk",
        url=SITE_URL,
        description="A synthetic fact-check desk for benchmarks.",
        publisher="The Synthetic Desk",
    )
    site = build_site(load_project(project / "factchecks.yaml"), info, Layout())
    shutil.copytree(project / "docs", floor / "docs")
    for page in site.pages:
        target = floor / "docs" / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown(), encoding="utf-8")
    for generated in site.files:
        (floor / "docs" / generated.path).write_text(generated.content, encoding="utf-8")
    assets = floor / "docs" / ASSETS
    assets.mkdir(parents=True)
    for name in ("factsite.js", "search.js"):  # the stylesheet is inlined into the head, left out below
        (assets / name).write_bytes(resources.files("factsite.render").joinpath("assets", name).read_bytes())
    # What the plugin does at build time, said in configuration: the assets, and the pages kept out
    # of the navigation (claim, source, claimant, verdict and topic pages, listings' later pages).
    folders = sorted({page.path.split("/")[0] for page in site.pages if not page.in_nav and "/" in page.path})
    extra = (
        f"extra_javascript: [{ASSETS}/factsite.js, {ASSETS}/search.js]\n"
        "not_in_nav: |\n" + "".join(f"  /{folder}/**\n" for folder in folders)
        + "hooks: [search_hook.py]\n"
    )
    # The search the plugin provides (Material's search box, the content marked, Pagefind's run).
    (floor / "search_hook.py").write_text(_FLOOR_SEARCH_HOOK, encoding="utf-8")
    # The theme partials the plugin adds to Material, as a custom_dir.
    shutil.copytree(Path(str(resources.files("factsite.mkdocs").joinpath("theme"))), floor / "theme")
    config = MKDOCS_YML.format(name="Synthetic desk", extra=extra, plugins="  []\n")  # no plugin: hooks
    config = config.replace("  name: material\n", "  name: material\n  custom_dir: theme\n", 1)
    (floor / "mkdocs.yml").write_text(config, encoding="utf-8")


def timed_build(project: Path, site: Path, cpu: list[float] | None = None) -> tuple[float, int]:
    """Wall-clock seconds and peak memory (bytes) of one ``mkdocs build --strict``; its CPU seconds
    (the processes it starts included) appended to ``cpu``, when given."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(project / "mkdocs.yml"), str(site)],
        cwd=project, capture_output=True, text=True, env=_env(), check=False,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if result.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{result.stderr[-3000:]}")
    maxrss = int(result.stdout.rsplit("MAXRSS", 1)[1].split()[0])
    return elapsed, maxrss * 1024


def site_figures(site: Path, checks: int) -> dict[str, Any]:
    claim_pages = list((site / "claims").glob("*/index.html"))
    return {
        "largest_claim_page_bytes": max(p.stat().st_size for p in claim_pages),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        **search_figures(site),
    }


def search_figures(site: Path) -> dict[str, int]:
    """The size of the search index (site/pagefind/) and what a reader's first query fetches.

    A first query fetches pagefind.js (served gzip-compressed, as GitHub Pages does; search.js
    runs Pagefind without its web worker), the entry file, the language's metadata and WebAssembly,
    the index chunk of each word (here: the largest, one word) and the fragment of each result
    drawn (here: the ten largest). Pagefind's index files are gzip-compressed already. An upper
    bound for a one-word query; a browser measures the real figure (README, Benchmark).
    """
    bundle = site / "pagefind"
    files = [p for p in bundle.rglob("*") if p.is_file()]
    entry = json.loads((bundle / "pagefind-entry.json").read_bytes())
    [language] = list(entry["languages"].values())[:1]
    fixed = [
        len(gzip.compress((bundle / "pagefind.js").read_bytes(), mtime=0)),
        len(gzip.compress((bundle / "pagefind-entry.json").read_bytes(), mtime=0)),
        (bundle / f"pagefind.{language['hash']}.pf_meta").stat().st_size,
        (bundle / f"wasm.{language['wasm']}.pagefind").stat().st_size,
    ]
    chunks = sorted((p.stat().st_size for p in (bundle / "index").iterdir()), reverse=True)
    fragments = sorted((p.stat().st_size for p in (bundle / "fragment").iterdir()), reverse=True)
    return {
        "search_index_bytes": sum(p.stat().st_size for p in files),
        "search_first_query_bytes": sum(fixed) + chunks[0] + sum(fragments[:10]),
    }


# The floor's hook: what the factsite plugin does for search, with the same functions.
_FLOOR_SEARCH_HOOK = """
from factsite.mkdocs.search import build_index, excluded_from_search, mark_searchable, provide_search_box


def on_config(config):
    provide_search_box(config)
    return config


def on_post_page(output, page, config):
    return output if excluded_from_search(page.meta) else mark_searchable(output)


def on_post_build(config):
    build_index(config.site_dir)
"""


def differences(site: Path, floor: Path) -> list[str]:
    """Files that differ between the factsite build and the floor's: none, or the ratio is void.

    The sitemap lists the same pages in another order (MkDocs walks docs/ for the floor; the
    plugin appends its pages), and its dates are the build's (the plugin's come from the data), so
    only its addresses are compared, as a set. Pagefind's index of the same content is the same.
    The head metadata the plugin writes into every page (feed link, share metadata, JSON-LD, the
    inlined stylesheet) is left out of the floor and of the comparison: making it is part of what
    factsite's time pays for.
    """
    ours, theirs = (
        sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
        for root in (site, floor)
    )
    if ours != theirs:
        return sorted(set(ours) ^ set(theirs))
    unordered = {"sitemap.xml", "sitemap.xml.gz"}
    changed = [
        name
        for name in ours
        if name not in unordered and _without_head(site / name) != (floor / name).read_bytes()
    ]
    pages = [
        set(re.findall(r"<loc>(.*?)</loc>", (root / "sitemap.xml").read_text(encoding="utf-8")))
        for root in (site, floor)
    ]
    if pages[0] != pages[1]:
        changed.append("sitemap.xml")
    return changed


# What the plugin adds before a page's </head>: it starts with the feed link.
_FACTSITE_HEAD = re.compile(
    rb'<link rel="alternate" type="application/atom\+xml"[^\n]*\n.*?(?=</head>)', re.DOTALL
)


def _without_head(path: Path) -> bytes:
    data = path.read_bytes()
    return _FACTSITE_HEAD.sub(b"", data, count=1) if path.suffix == ".html" else data


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_rebuild_seconds(project: Path, dirty: bool = False, edits: int = 3) -> float:
    """Median time from saving an edited check to ``mkdocs serve [--dirty]`` serving the new page."""
    port = _free_port()
    env = {**_env(), "FACTSITE_SITE_URL": f"http://127.0.0.1:{port}/"}
    data = project / "factchecks.yaml"
    original = data.read_text(encoding="utf-8")
    # The first `claim:` line of the file belongs to the first check.
    url = f"http://127.0.0.1:{port}/claims/{load_project(data).checks[0].id}/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            return ""

    with tempfile.TemporaryFile() as log:
        dirty_flag = ["--dirty"] if dirty else []
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *dirty_flag],
            cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env,
        )

        def wait_for(text: str, what: str, seconds: float) -> None:
            deadline = time.monotonic() + seconds
            while text not in page():
                if time.monotonic() > deadline or process.poll() is not None:
                    log.seek(0)
                    output = log.read().decode("utf-8", "replace")
                    raise SystemExit(f"mkdocs serve: {what}:\n{output[-3000:]}")
                time.sleep(0.05)

        try:
            wait_for("<h1", "the first build did not finish", 900)
            times = []
            for edit in range(edits):
                marker = f"edited for the benchmark {edit}"
                lines = original.splitlines(keepends=True)
                at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("claim:"))
                indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
                lines[at] = f"{indent}claim: {marker}\n"
                start = time.perf_counter()
                data.write_text("".join(lines), encoding="utf-8")
                wait_for(marker, "the edit never showed", 300)
                times.append(time.perf_counter() - start)
            return statistics.median(times)
        finally:
            data.write_text(original, encoding="utf-8")
            # Ctrl-C, as a person stops it: MkDocs then removes its temporary site folder.
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def bench_size(checks: int, runs: int, workdir: Path, serve: bool) -> dict[str, Any]:
    project, floor = workdir / f"desk-{checks}", workdir / f"floor-{checks}"
    markdown_floor = workdir / f"markdown-floor-{checks}"
    stats = generate_corpus(project, sources=max(1, checks // 10))
    write_floor(project, floor)
    write_markdown_floor(project, markdown_floor)
    load_times = []
    for _ in range(runs):
        start = time.perf_counter()
        report = read_project(project / "factchecks.yaml")
        load_times.append(time.perf_counter() - start)
        assert report.ok, report.problems[:3]
    hooked, plain, by_hand, memory, plain_memory, by_hand_memory = [], [], [], [], [], []
    hooked_cpu: list[float] = []
    by_hand_cpu: list[float] = []
    for _run in range(runs):  # alternate, so drift in the machine's speed hits all three alike
        seconds, rss = timed_build(project, workdir / f"site-{checks}", hooked_cpu)
        hooked.append(seconds)
        memory.append(rss)
        seconds, rss = timed_build(floor, workdir / f"floor-site-{checks}")
        plain.append(seconds)
        plain_memory.append(rss)
        seconds, rss = timed_build(markdown_floor, workdir / f"markdown-floor-site-{checks}", by_hand_cpu)
        by_hand.append(seconds)
        by_hand_memory.append(rss)
    changed = differences(workdir / f"site-{checks}", workdir / f"floor-site-{checks}")
    if changed:
        raise SystemExit(f"the floor is not the same site: {len(changed)} file(s) differ, e.g. {changed[:5]}")
    build, floor_build, by_hand_build = (statistics.median(times) for times in (hooked, plain, by_hand))
    row: dict[str, Any] = {
        "checks": stats.checks,
        "sources": stats.sources,
        "anchored_after_normalization": stats.normalized,
        "needing_prefix_or_suffix": stats.disambiguated,
        "load_and_anchor_seconds": round(statistics.median(load_times), 3),
        "build_seconds": round(build, 2),
        "plain_mkdocs_seconds": round(floor_build, 2),
        "ratio_to_plain_mkdocs": round(build / floor_build, 3),
        "markdown_floor_seconds": round(by_hand_build, 2),
        "ratio_to_markdown_floor": round(build / by_hand_build, 3),
        # Each run's ratio (the builds of one run follow each other): how far the median can be trusted.
        "ratio_to_markdown_floor_range": _spread(h / m for h, m in zip(hooked, by_hand, strict=True)),
        # CPU seconds (Pagefind's too), steadier than the clock on a machine other work shares; a
        # program using several cores at once (Pagefind) counts each core's time.
        "cpu_seconds": round(statistics.median(hooked_cpu), 2),
        "markdown_floor_cpu_seconds": round(statistics.median(by_hand_cpu), 2),
        "cpu_ratio_to_markdown_floor": round(
            statistics.median(hooked_cpu) / statistics.median(by_hand_cpu), 3
        ),
        "build_ms_per_check": round(1000 * build / stats.checks, 2),
        "markdown_floor_ms_per_check": round(1000 * by_hand_build / stats.checks, 2),
        "peak_memory_mib": round(max(memory) / 2**20),
        "plain_mkdocs_peak_memory_mib": round(max(plain_memory) / 2**20),
        "markdown_floor_peak_memory_mib": round(max(by_hand_memory) / 2**20),
        "runs_seconds": {
            "factsite": [round(t, 2) for t in hooked],
            "plain_mkdocs": [round(t, 2) for t in plain],
            "markdown_floor": [round(t, 2) for t in by_hand],
        },
        **site_figures(workdir / f"site-{checks}", stats.checks),
    }
    if serve:
        row["serve_rebuild_seconds"] = round(serve_rebuild_seconds(project), 2)
        row["serve_dirty_rebuild_seconds"] = round(serve_rebuild_seconds(project, dirty=True), 2)
    return row


def _spread(values: Any) -> list[float]:
    ordered = sorted(values)
    return [round(ordered[0], 3), round(ordered[-1], 3)]


def linearity(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """How the builds grow with the number of checks, from the smallest size to the largest.

    ``marginal_ms_per_check``: what each check beyond the smallest size costs (the fixed cost of a
    build left out); ``growth``: milliseconds per check at the largest size over the smallest (1 is
    linear, more is worse than linear); memory likewise, per 1,000 checks.
    """
    if len(rows) < 2:
        return None
    small, large = min(rows, key=lambda r: r["checks"]), max(rows, key=lambda r: r["checks"])
    added = large["checks"] - small["checks"]

    def growth(seconds: str, memory: str) -> dict[str, float]:
        per_check = [1000 * row[seconds] / row["checks"] for row in (small, large)]
        return {
            "marginal_ms_per_check": round(1000 * (large[seconds] - small[seconds]) / added, 2),
            "growth": round(per_check[1] / per_check[0], 2),
            "marginal_mib_per_1000_checks": round(1000 * (large[memory] - small[memory]) / added, 1),
        }

    factsite = growth("build_seconds", "peak_memory_mib")
    by_hand = growth("markdown_floor_seconds", "markdown_floor_peak_memory_mib")
    return {
        "from_checks": small["checks"],
        "to_checks": large["checks"],
        "factsite": factsite,
        "markdown_floor": by_hand,
        "marginal_ratio_to_markdown_floor": round(
            factsite["marginal_ms_per_check"] / by_hand["marginal_ms_per_check"], 3
        ),
    }


def sample_serve_rebuild(workdir: Path) -> dict[str, float] | None:
    """The same live-editing figures for the sample site in the working directory, if it is one."""
    root = Path.cwd()
    if not all((root / name).exists() for name in ("mkdocs.yml", "factchecks.yaml", "seeds", "docs")):
        print("not in a factsite checkout: skipping the sample site's serve figure", file=sys.stderr)
        return None
    project = workdir / "sample"
    project.mkdir()
    for name in ("mkdocs.yml", "factchecks.yaml"):
        shutil.copy(root / name, project / name)
    for name in ("seeds", "docs", "hooks", "overrides"):
        if (root / name).is_dir():  # a hook and theme overrides, when the desk has them
            shutil.copytree(root / name, project / name)
    return {
        "serve_rebuild_seconds": round(serve_rebuild_seconds(project), 2),
        "serve_dirty_rebuild_seconds": round(serve_rebuild_seconds(project, dirty=True), 2),
    }


def _nested_emphasis(depth: int) -> str:
    marks = [("**", "*", "~~")[level % 3] for level in range(depth)]
    opening = " ".join(f"{mark}a" for mark in marks)
    closing = " ".join(f"a{mark}" for mark in reversed(marks))
    return opening + " " + closing + " "


def _repeated(unit: str, length: int, head: str = "") -> str:
    """``head``, then ``unit`` as often as it fits, then letters: exactly ``length`` characters."""
    text = head + unit * ((length - len(head)) // len(unit))
    return text + "a" * (length - len(text))


def markdown_shapes(limit: int, depth: int = MAX_NESTING) -> dict[str, str]:
    """Markdown texts of exactly ``limit`` characters, nested ``depth`` deep where they nest.

    Each repeats small units: as many elements, as deep, as the limit allows.
    """
    emphasis = _nested_emphasis(depth)
    return {
        "nested emphasis": _repeated(emphasis, limit),
        "nested lists": _repeated("".join("  " * level + "- a\n" for level in range(depth)), limit),
        "nested quotes": _repeated("> " * depth + "a\n\n", limit),
        "quotes in lists": _repeated("- > " * (depth // 2) + "a\n\n", limit),
        "links": _repeated("[a](https://example.org/a) ", limit),
        "table rows": _repeated("| a | b | c | d |\n", limit, head="| a | b | c | d |\n|---|---|---|---|\n"),
        "code blocks": _repeated("```\na\n\nb\n```\n", limit),
        # Material's search looks up the first <code> of a section at every </code>: put it late.
        "text, then code spans": _repeated("`a` ", limit, head=_repeated(emphasis, limit // 2) + "\n\n"),
    }


def markdown_max_length() -> int:
    """The size limit of a Markdown field, from the schema."""
    return int(schema()["definitions"]["markdown"]["maxLength"])


def bench_worst_markdown(runs: int, workdir: Path) -> dict[str, Any]:
    """Build times of a one-check site whose analysis is each shape at the limit, and an ordinary one."""
    limit = markdown_max_length()
    fields: dict[str, str | None] = {"ordinary": None, **markdown_shapes(limit)}
    projects = {}
    for number, (name, analysis) in enumerate(fields.items()):
        project = workdir / f"markdown-{number}"
        generate_corpus(project, sources=1, checks_per_source=1, analysis=analysis)
        projects[name] = project
    characters = {}
    for name, project in projects.items():
        report = read_project(project / "factchecks.yaml")
        if report.project is None:
            raise SystemExit(f"the {name} field does not pass factsite check: {report.problems[:3]}")
        characters[name] = len(report.project.checks[0].analysis or "")
    timed_build(projects["ordinary"], workdir / "markdown-warm-up")  # the first build pays for cold caches
    built: dict[str, list[float]] = {name: [] for name in fields}
    memory: dict[str, list[int]] = {name: [] for name in fields}
    for _ in range(runs):  # each run builds every field, so drift in the machine's speed hits all alike
        for name, project in projects.items():
            seconds, rss = timed_build(project, project / "site")
            built[name].append(seconds)
            memory[name].append(rss)
    ordinary = statistics.median(built["ordinary"])
    rows = []
    for name, project in projects.items():
        build = statistics.median(built[name])
        [page] = (project / "site" / "claims").glob("*/index.html")
        rows.append({
            "field": name,
            "characters": characters[name],
            "build_seconds": round(build, 2),
            "ratio_to_ordinary": round(build / ordinary, 2),
            "peak_memory_mib": round(max(memory[name]) / 2**20),
            "claim_page_bytes": page.stat().st_size,
        })
    return {"limit_characters": limit, "max_nesting": MAX_NESTING, "rows": rows}


COLUMNS = (
    ("checks", "checks"),
    ("load_and_anchor_seconds", "load+anchor s"),
    ("build_seconds", "build s"),
    ("plain_mkdocs_seconds", "plain MkDocs s"),
    ("ratio_to_plain_mkdocs", "ratio"),
    ("markdown_floor_seconds", "Markdown floor s"),
    ("ratio_to_markdown_floor", "ratio to Markdown"),
    ("ratio_to_markdown_floor_range", "its runs"),
    ("cpu_ratio_to_markdown_floor", "CPU ratio"),
    ("build_ms_per_check", "ms/check"),
    ("markdown_floor_ms_per_check", "Markdown ms/check"),
    ("peak_memory_mib", "peak MiB"),
    ("plain_mkdocs_peak_memory_mib", "plain MkDocs MiB"),
    ("markdown_floor_peak_memory_mib", "Markdown floor MiB"),
    ("largest_claim_page_bytes", "claim page B"),
    ("search_index_bytes", "search index B"),
    ("search_first_query_bytes", "first query B"),
    ("serve_rebuild_seconds", "serve rebuild s"),
    ("serve_dirty_rebuild_seconds", "serve --dirty s"),
)


MARKDOWN_COLUMNS = (
    ("field", "analysis"),
    ("characters", "characters"),
    ("build_seconds", "build s"),
    ("ratio_to_ordinary", "ratio"),
    ("peak_memory_mib", "peak MiB"),
    ("claim_page_bytes", "claim page B"),
)


def table(rows: list[dict[str, Any]], columns: tuple[tuple[str, str], ...] = COLUMNS) -> str:
    columns = tuple((key, title) for key, title in columns if any(key in r for r in rows))
    cells = [[title for _, title in columns]] + [[_cell(r.get(key, "")) for key, _ in columns] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    lines = [" | ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(value: Any) -> str:
    return "–".join(str(v) for v in value) if isinstance(value, list) else str(value)


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m factsite.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", help="numbers of checks (default: 100,1000,10000, or none with --worst-markdown)"
    )
    parser.add_argument("--runs", type=int, default=3, help="builds per size; the median is reported")
    parser.add_argument("--out", type=Path, default=Path("bench-results/bench.json"), help="JSON output")
    parser.add_argument(
        "--serve", action="store_true", help="also time mkdocs serve rebuilding after an edit"
    )
    parser.add_argument(
        "--worst-markdown",
        action="store_true",
        help="time the worst Markdown fields at the size limit against an ordinary one",
    )
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args(argv)
    sizes_given = args.sizes if args.sizes is not None else "" if args.worst_markdown else "100,1000,10000"
    sizes = [int(s) for s in sizes_given.split(",") if s]
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="factsite-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for size in sizes:
            print(f"benchmarking {size} checks...", file=sys.stderr, flush=True)
            rows.append(bench_size(size, args.runs, workdir, args.serve and size <= 1000))
        result: dict[str, Any] = {"machine": machine(), "runs": args.runs, "rows": rows}
        growth = linearity(rows)
        if growth is not None:
            result["linearity"] = growth
        sample = sample_serve_rebuild(workdir) if args.serve else None
        if sample is not None:
            result["sample"] = sample
        if args.worst_markdown:
            print("benchmarking the worst Markdown fields...", file=sys.stderr, flush=True)
            result["worst_markdown"] = bench_worst_markdown(args.runs, workdir)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    if rows:
        print(table(rows))
    if "linearity" in result:
        growth = result["linearity"]
        ours, theirs = growth["factsite"], growth["markdown_floor"]
        print(
            f"from {growth['from_checks']:,} to {growth['to_checks']:,} checks, each added check costs"
            f" factsite {ours['marginal_ms_per_check']} ms and the Markdown floor"
            f" {theirs['marginal_ms_per_check']} ms ({growth['marginal_ratio_to_markdown_floor']}x);"
            f" ms/check grows {ours['growth']}x (floor {theirs['growth']}x), peak memory"
            f" {ours['marginal_mib_per_1000_checks']} MiB per 1,000 checks"
            f" (floor {theirs['marginal_mib_per_1000_checks']})"
        )
    if "sample" in result:
        print(
            "sample site, from saving an edit to the new page:"
            f" mkdocs serve {result['sample']['serve_rebuild_seconds']} s,"
            f" mkdocs serve --dirty {result['sample']['serve_dirty_rebuild_seconds']} s"
        )
    if "worst_markdown" in result:
        worst = result["worst_markdown"]
        print(
            f"one check whose analysis is {worst['limit_characters']:,} characters (the limit),"
            " nested at most"
            f" {worst['max_nesting']} deep, against an ordinary analysis:"
        )
        print(table(worst["rows"], MARKDOWN_COLUMNS))
        slowest = max(worst["rows"][1:], key=lambda row: row["build_seconds"])
        print(
            f"worst: {slowest['field']}, {slowest['build_seconds']} s,"
            f" {slowest['ratio_to_ordinary']}x the ordinary analysis"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
