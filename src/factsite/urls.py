"""Where each page of the site lives, and relative links between pages.

Every internal link is relative, so the site works unchanged under a sub-path such as
``https://owner.github.io/repo/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urldefrag

HOME = "index.md"
CLAIMS_INDEX = "claims/index.md"
SOURCES_INDEX = "sources/index.md"
CLAIMANTS_INDEX = "claimants/index.md"
TOPICS_INDEX = "topics/index.md"
RATINGS = "ratings.md"
CORRECTIONS_LOG = "corrections.md"
METHODOLOGY = "methodology.md"
CORRECTIONS_POLICY = "corrections-policy.md"
ABOUT = "about.md"
ASSETS = "assets/factsite"
FEED = "feed.xml"
CLAIMS_JSON = "claims.json"
CLAIMS_CSV = "claims.csv"
CLAIMS_SCHEMA = "claims.schema.json"
# What the claims index's filters fetch when a reader first filters: every live check, compactly.
CLAIMS_FACETS = "claims/facets.json"

# Ids that would collide with the listing pages of their folder.
RESERVED_IDS = frozenset({"index"})


def claim_page(check_id: str) -> str:
    return f"claims/{check_id}.md"


def source_page(source_id: str) -> str:
    return f"sources/{source_id}.md"


def claimant_page(slug: str) -> str:
    """A claimant's page; ``slug`` comes from ``factsite.render.slugs.claimant_slugs``."""
    return f"claimants/{slug}.md"


def topic_page(slug: str) -> str:
    """A topic's checks; ``slug`` comes from ``factsite.render.slugs.topic_slugs``."""
    return f"topics/{slug}.md"


def listing_page(first: str, number: int) -> str:
    """Page ``number`` (from 1) of the listing whose first page is ``first``:
    ``claims/index.md`` -> ``claims/page/2.md``, ``verdicts/false.md`` -> ``verdicts/false/page/2.md``.
    """
    if number == 1:
        return first
    stem = first.removesuffix(".md")
    folder = stem.removesuffix("/index") if stem.endswith("/index") else stem
    return f"{folder}/page/{number}.md"


def verdict_page(rating_key: str) -> str:
    """A rating's page: its definition and the checks that carry it."""
    return f"verdicts/{rating_key}.md"


def mark_id(check_id: str) -> str:
    """The id of a quote's highlight on its source page."""
    return f"q-{check_id}"


def card_id(check_id: str) -> str:
    return f"card-{check_id}"


@dataclass(frozen=True)
class Layout:
    """How page sources map to URLs (MkDocs' ``use_directory_urls``)."""

    directory_urls: bool = True

    def url(self, page: str) -> str:
        """Site-relative URL of a page source path: ``claims/x.md`` -> ``claims/x/``."""
        return _page_url(page, self.directory_urls)

    def href(self, from_page: str, to_page: str, fragment: str | None = None) -> str:
        """A relative link from one page to another (or to an asset path)."""
        link = _relative(self.url(from_page), self.url(to_page) if to_page.endswith(".md") else to_page)
        return f"{link}#{fragment}" if fragment else link


@lru_cache(maxsize=65536)
def _page_url(page: str, directory_urls: bool) -> str:
    stem = page.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


@lru_cache(maxsize=65536)
def _relative(here: str, target: str) -> str:
    """``target`` relative to the page at site-relative URL ``here`` (both without "..")."""
    base = here.split("/")[:-1]  # the folder the page's URL resolves links against
    parts = target.split("/")
    common = 0
    while common < min(len(base), len(parts) - 1) and base[common] == parts[common]:
        common += 1
    relative = "../" * (len(base) - common) + "/".join(parts[common:])
    return quote(relative or "./", safe="/.-_~")


# A quote longer than this many words is linked as start,end so the URL stays short.
_FRAGMENT_MAX_WORDS = 10
_FRAGMENT_EDGE_WORDS = 5


def _fragment_part(text: str) -> str:
    # The Text Fragment syntax gives "-", "," and "&" meanings of their own.
    return quote(text, safe="").replace("-", "%2D")


def text_fragment_link(page_url: str, passage: str) -> str:
    """A link that opens ``page_url`` scrolled to ``passage`` and highlights it (Text Fragments)."""
    words = passage.split()
    if len(words) > _FRAGMENT_MAX_WORDS:
        start = " ".join(words[:_FRAGMENT_EDGE_WORDS])
        end = " ".join(words[-_FRAGMENT_EDGE_WORDS:])
        directive = f"{_fragment_part(start)},{_fragment_part(end)}"
    else:
        directive = _fragment_part(" ".join(words))
    return f"{urldefrag(page_url).url}#:~:text={directive}"
