"""What a page puts in its ``<head>`` for sharing and search engines: OpenGraph and Twitter card
tags, and JSON-LD. Built here, escaped for attributes and scripts, so templates print it as is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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

    def html(self) -> Markup:
        def meta(attr: str, name: str, content: str) -> str:
            return f'<meta {attr}="{name}" content="{escape(content)}">'

        tags = [
            meta("property", "og:type", self.kind),
            meta("property", "og:site_name", self.site_name),
            meta("property", "og:title", self.title),
            meta("property", "og:description", self.description),
            meta("property", "og:url", self.url),
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
