"""The tests' shared helpers: the fixture projects, the site engine, real builds, one HTML reader, serving.

Every test builds and reads the desks in ``tests/fixtures/`` (``SAMPLE_DESK``: the sample desk, a
copy of the one at the repository's root; ``OTHER_DESK``: a small desk in Spanish), never the desk
at the repository's root (``mkdocs.yml``, ``factchecks.yaml``, ``seeds/``, ``docs/``): a desk that
forks this repository and replaces that content keeps a green suite (``.ci/run`` proves it).
``REPO`` is for the tests of the repository itself (its ``.github/``, ``src/``, ``pyproject.toml``).

Importable by name from any test module (``from sitebuild import ...``): ``tests/conftest.py``
imports it, which puts ``tests/`` on ``sys.path`` (pytest's default ``prepend`` import mode), for
the modules in ``tests/browser/`` too. ``tests/conftest.py`` turns these helpers into fixtures (the
sample site built once per session, a served project); this module holds no pytest state.

The engine that builds and serves sites is chosen in one place, :func:`engine_command`, from
``$FACTSITE_ENGINE``: ``mkdocs`` (the default) or ``properdocs`` (ProperDocs, the maintained fork
of MkDocs 1.6, ``pip install -e ".[properdocs]"``).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SAMPLE_DESK = FIXTURES / "sample"  # one AP report, eight checks; what ``sample_site`` is built from
OTHER_DESK = FIXTURES / "other-desk"  # one source, two checks, in Spanish
PROJECT_FILES = ("mkdocs.yml", "factchecks.yaml")
PROJECT_DIRS = ("seeds", "docs", "hooks")

# The repository settings the shared sample build is made with ("edit this page" links included).
SAMPLE_REPO_URL = "https://github.com/example/factsite"
SAMPLE_EDIT_URI = "edit/main/docs/"
SAMPLE_BUILD_ENV = {"FACTSITE_REPO_URL": SAMPLE_REPO_URL, "FACTSITE_EDIT_URI": SAMPLE_EDIT_URI}


def copy_project(dest: Path, fixture: Path = SAMPLE_DESK) -> Path:
    """A copy of a fixture project (config, data, seeds, pages and, if it has one, the hook) in
    ``dest``: by default the sample desk."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy(fixture / name, dest / name)
    for name in PROJECT_DIRS:
        if (fixture / name).is_dir():
            shutil.copytree(fixture / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def sample_data() -> dict[str, Any]:
    """The sample desk's ``factchecks.yaml``, freshly loaded (a caller may change its copy)."""
    data = yaml.safe_load((SAMPLE_DESK / "factchecks.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


# ------------------------------------------------------------------------------------------------
# The engine
# ------------------------------------------------------------------------------------------------

ENGINE_ENV = "FACTSITE_ENGINE"
ENGINES = ("mkdocs", "properdocs")  # the Python module each is run as (``python -m NAME``)


def engine_name() -> str:
    """The engine the tests build and serve with: ``$FACTSITE_ENGINE``, ``mkdocs`` by default."""
    name = os.environ.get(ENGINE_ENV, "").strip().lower() or "mkdocs"
    if name not in ENGINES:
        raise ValueError(f"${ENGINE_ENV} is {name!r}; use one of {', '.join(ENGINES)}")
    return name


def engine_command() -> list[str]:
    """The command that runs the engine: ``[python, "-m", "mkdocs"]`` or ``[python, "-m", "properdocs"]``."""
    return [sys.executable, "-m", engine_name()]


def engine_generator() -> str:
    """How the engine names itself in a built page's ``<meta name="generator">`` (before the theme)."""
    name = engine_name()
    if name == "properdocs":
        return f"mkdocs-ProperDocs {metadata.version('properdocs')}"
    return f"mkdocs-{metadata.version('mkdocs')}"


def engine_env(**env: str) -> dict[str, str]:
    """The environment the engine runs in: ours, without Material's MkDocs 2.0 notice, plus ``env``."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}


def _run(command: list[str], project: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=project, capture_output=True, text=True, timeout=300, check=False, env=engine_env(**env)
    )


def run_engine(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``<engine> ARGS`` in ``project``, its output captured."""
    return _run([*engine_command(), *args], project, env)


def mkdocs_build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``build --strict`` with the selected engine (never -q or -v: both weaken strict mode)."""
    return run_engine(project, "build", "--strict", "-d", str(site), **env)


# What ``python -m properdocs`` does first: from then on every ``mkdocs.*`` import is ProperDocs'
# module, so a plugin written against ``mkdocs.plugins`` is a ProperDocs plugin. (Not possible in
# the tests' own process, which has imported MkDocs itself.)
_ENGINE_PREAMBLE = {"mkdocs": "", "properdocs": "import properdocs.replacement\n"}


def run_engine_python(project: Path, code: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Python ``code`` (with ``args`` in ``sys.argv[1:]``) in a process of its own in ``project``,
    where ``import mkdocs...`` gives the engine's modules, as a plugin sees them under it."""
    return _run([sys.executable, "-c", _ENGINE_PREAMBLE[engine_name()] + code, *args], project, env)


# ------------------------------------------------------------------------------------------------
# Reading built HTML
# ------------------------------------------------------------------------------------------------

# Elements that never hold anything (``path`` and ``use``: SVG shapes the theme's icons write unclosed).
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    | {"path", "use"}
)
RAW_TEXT_ELEMENTS = frozenset({"script", "style", "title", "textarea"})


@dataclass
class Element:
    """A start tag, its attributes and the text inside it."""

    tag: str
    attr_list: list[tuple[str, str | None]]  # as written: in order, duplicates kept, entities decoded
    line: int = 0
    text: str = ""  # all text inside the element, its children's included
    body: str = ""  # the raw text of a <script>, <style>, <title> or <textarea>
    # The elements open around it, outermost first.
    parents: tuple[Element, ...] = field(default=(), repr=False, compare=False)
    # By name; of a duplicated attribute the first, as a browser reads it.
    attrs: dict[str, str | None] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.attrs = {}
        for name, value in self.attr_list:
            self.attrs.setdefault(name, value)

    def get(self, name: str) -> str | None:
        return self.attrs.get(name)

    @property
    def shape(self) -> tuple[str, tuple[str, ...]]:
        """The tag and the names of its attributes: what kind of markup this is, whatever it says."""
        return self.tag, tuple(sorted({k for k, _ in self.attr_list}))

    def __str__(self) -> str:
        return f"line {self.line}: <{self.tag} {' '.join(f'{k}={v!r}' for k, v in self.attr_list)}>"


@dataclass
class TextNode:
    text: str
    parents: tuple[Element, ...]  # the elements it is inside, outermost first


class ParsedPage(HTMLParser):
    """Every start tag with its attributes, line and text; every text node of the document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.texts: list[str] = []  # the text nodes, without the insides of <script> and <style>
        self.text_nodes: list[TextNode] = []  # the same, each with the elements open around it
        self._open: list[Element] = []
        self._raw_text: Element | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, list(attrs), self.getpos()[0], parents=tuple(self._open))
        self.elements.append(element)
        if tag in RAW_TEXT_ELEMENTS:
            self._raw_text = element
        if tag not in VOID_ELEMENTS:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <x/>: nothing inside
        self.elements.append(Element(tag, list(attrs), self.getpos()[0], parents=tuple(self._open)))

    def handle_endtag(self, tag: str) -> None:
        if self._raw_text is not None and self._raw_text.tag == tag:
            self._raw_text = None
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data
        if self._raw_text is not None:
            self._raw_text.body += data
            if self._raw_text.tag in ("script", "style"):
                return
        self.texts.append(data)
        self.text_nodes.append(TextNode(data, tuple(self._open)))

    @property
    def text(self) -> str:
        """The document's text, as a reader could find it (no script or style code)."""
        return "".join(self.texts)

    @property
    def ids(self) -> set[str]:
        return {e.attrs["id"] or "" for e in self.elements if "id" in e.attrs}

    def find(self, tag: str, **attrs: str) -> list[Element]:
        """The ``tag`` elements whose attributes each hold the word given for them (so
        ``find("li", **{"class": "fs-item"})`` finds a class among others)."""
        return [
            e
            for e in self.elements
            if e.tag == tag and all(word in (e.attrs.get(k) or "").split() for k, word in attrs.items())
        ]


def parse_html(source: str) -> ParsedPage:
    page = ParsedPage()
    page.feed(source)
    page.close()
    return page


def parse(path: Path) -> ParsedPage:
    return parse_html(path.read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------------------
# Serving with the engine (``serve``), as a contributor previews the site
# ------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    """Until ``condition()`` is true (an OSError, e.g. a refused connection, counts as not yet)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


@dataclass
class LiveServer:
    """A running ``serve`` of a project: what it serves, where, and what it printed."""

    project: Path
    base: str  # http://127.0.0.1:PORT/
    log_path: Path  # the server's stdout and stderr
    process: subprocess.Popen[bytes]

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")


@contextmanager
def engine_serve(
    project: Path,
    *options: str,
    log_path: Path,
    ready: Callable[[str], bool] | None = None,
    timeout: float = 60,
) -> Iterator[LiveServer]:
    """``<engine> serve`` of ``project`` on a free port of 127.0.0.1 (site_url set to it), until the
    block ends: then stopped as with Ctrl-C. Entered once ``ready(base)`` holds (by default, once
    the home page answers)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    is_ready = ready or (lambda url: bool(http_get(url)))
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [*engine_command(), "serve", "-a", f"127.0.0.1:{port}", *options],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=engine_env(FACTSITE_SITE_URL=base),
        )

        def started() -> bool:
            if process.poll() is not None:
                raise AssertionError(f"the server exited with status {process.returncode}")
            return is_ready(base)

        try:
            try:
                wait_for(started, "the first build", timeout)
            except AssertionError as error:
                printed = log_path.read_text(encoding="utf-8")[-4000:]
                raise AssertionError(f"{error}; it printed:\n{printed}") from None
            yield LiveServer(project, base, log_path, process)
        finally:
            process.send_signal(signal.SIGINT)  # as Ctrl-C: the engine removes its temporary site
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The ``factsite`` command line, as a contributor runs it in ``cwd``."""
    command = [sys.executable, "-m", "factsite", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60, check=False)


def json_ld(page: Path, kind: str | None = None) -> list[dict[str, Any]]:
    """The JSON-LD blocks of a built page (of one ``@type`` when ``kind`` is given)."""
    blocks = [json.loads(s.body) for s in parse(page).find("script", type="application/ld+json")]
    return [block for block in blocks if kind is None or block.get("@type") == kind]


# ------------------------------------------------------------------------------------------------
# The search index (Pagefind's, in site/pagefind/)
# ------------------------------------------------------------------------------------------------


def _pagefind_file(data: bytes) -> bytes:
    """A Pagefind index file's contents: gzip around a ``pagefind_dcd`` signature and the data."""
    raw = gzip.decompress(data)
    assert raw.startswith(b"pagefind_dcd"), raw[:20]
    return raw[len(b"pagefind_dcd") :]


def indexed_pages(fetch: Callable[[str], bytes | None]) -> dict[str, list[dict[str, Any]]]:
    """What Pagefind indexed, per language: each page's ``url``, ``content`` (the text it searches)
    and ``meta`` (``title``), read from its fragments. ``fetch(rel)`` reads a file under
    ``pagefind/`` (from disk, or over HTTP from a server), None when there is none."""
    entry_data = fetch("pagefind-entry.json")
    assert entry_data is not None, "no pagefind/pagefind-entry.json: the site has no search index"
    entry = json.loads(entry_data)
    found: dict[str, list[dict[str, Any]]] = {}
    for language, index in entry["languages"].items():
        meta_data = fetch(f"pagefind.{index['hash']}.pf_meta")
        assert meta_data is not None, f"no metadata for {language}"
        # The metadata names each page's fragment (and each index chunk) as LANGUAGE_HASH.
        prefix = index["hash"].rsplit("_", 1)[0].encode()
        pattern = re.escape(prefix) + rb"_[0-9a-f]{7,}"
        names = sorted(set(re.findall(pattern, _pagefind_file(meta_data))))
        pages = []
        for name in names:
            data = fetch(f"fragment/{name.decode()}.pf_fragment")
            if data is not None:
                pages.append(json.loads(_pagefind_file(data)))
        assert len(pages) == index["page_count"], (language, len(pages), index["page_count"])
        found[language] = pages
    return found


def site_index(site: Path) -> dict[str, list[dict[str, Any]]]:
    """What Pagefind indexed of a built site folder, per language (see :func:`indexed_pages`)."""

    def read(rel: str) -> bytes | None:
        path = site / "pagefind" / rel
        return path.read_bytes() if path.is_file() else None

    return indexed_pages(read)


def served_index(base: str) -> dict[str, list[dict[str, Any]]]:
    """What Pagefind indexed of the site a server serves at ``base`` (see :func:`indexed_pages`)."""

    def read(rel: str) -> bytes | None:
        try:
            with urllib.request.urlopen(f"{base}pagefind/{rel}", timeout=5) as response:
                return bytes(response.read())
        except urllib.error.HTTPError as err:
            if err.code == 404:
                return None
            raise

    return indexed_pages(read)
