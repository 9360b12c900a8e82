"""What a page puts in its ``<head>`` for sharing and search engines: OpenGraph and Twitter card
tags, and JSON-LD. Built here, escaped for attributes and scripts, so templates print it as is."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from babel.core import get_global
from markupsafe import Markup, escape

from factsite.publish.structured_data import script_json


@dataclass(frozen=True)
class ShareMeta:
    title: str  # plain text
    description: str  # plain text
    url: str  # absolute canonical URL
    site_name: str
    kind: str = "website"  # OpenGraph type: "article" for fact checks
    published: str | None = None  # YYYY-MM-DD
    modified: str | None = None
    tags: tuple[str, ...] = ()
    json_ld: tuple[dict[str, Any], ...] = field(default=())
    language: str | None = None  # the page's, a BCP 47 tag: og:locale

    def html(self) -> Markup:
        def meta(attr: str, name: str, content: str) -> str:
            return f'<meta {attr}="{name}" content="{escape(content)}">'

        tags = [
            meta("property", "og:type", self.kind),
            meta("property", "og:site_name", self.site_name),
            meta("property", "og:title", self.title),
            meta("property", "og:description", self.description),
            meta("property", "og:url", self.url),
            *([meta("property", "og:locale", og_locale(self.language))] if self.language else []),
            meta("name", "twitter:card", "summary"),
            meta("name", "twitter:title", self.title),
            meta("name", "twitter:description", self.description),
        ]
        if self.published:
            tags.append(meta("property", "article:published_time", self.published))
        if self.modified:
            tags.append(meta("property", "article:modified_time", self.modified))
        tags.extend(meta("property", "article:tag", tag) for tag in self.tags)
        tags.extend(
            f'<script type="application/ld+json">{script_json(data)}</script>' for data in self.json_ld
        )
        return Markup("\n".join(tags))


@lru_cache(maxsize=64)
def og_locale(language: str) -> str:
    """OpenGraph's ``language_TERRITORY`` for a BCP 47 tag: its own region when it names one
    (``pt-BR`` -> ``pt_BR``), otherwise the region CLDR's likely subtags give the language and its
    script (``es`` -> ``es_ES``, ``zh-Hant`` -> ``zh_TW``). The language alone when no country can
    be told: one CLDR does not know, or a tag naming a wider area (``es-419``, Latin America)."""
    subtags = language.replace("_", "-").split("-")
    lang, script, region = subtags[0].lower(), "", ""
    for sub in subtags[1:]:
        if len(sub) == 1:  # an extension or private use: nothing of the locale after it
            break
        if len(sub) == 4 and sub.isalpha() and not (script or region):
            script = sub.title()
        elif len(sub) == 2 and sub.isalpha() and not region:
            region = sub.upper()
        elif len(sub) == 3 and sub.isdigit() and not region:
            return lang  # a UN M.49 area, not a country
    if not region:
        likely = get_global("likely_subtags")
        for key in (f"{lang}_{script}" if script else None, lang):
            found = likely.get(key) if key else None
            if isinstance(found, str):
                last = found.split("_")[-1]
                region = last if len(last) == 2 and last.isalpha() else ""
                break
    return f"{lang}_{region}" if region else lang
