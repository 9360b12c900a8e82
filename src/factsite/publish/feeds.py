"""The Atom feed: one entry per check and one per correction, newest first.

Every date comes from the data, never from the clock, so the same inputs give the same bytes. The
feed's ``xml:lang`` is the site's language: every title, summary and content is the desk's own
words (a source's quote in another language is not in the feed).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class FeedEntry:
    id: str  # absolute, permanent
    title: str
    url: str
    published: dt.date
    updated: dt.date
    summary: str  # plain text
    content_html: str  # already safe HTML
    categories: tuple[str, ...] = ()


# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(
    *,
    title: str,
    site_url: str,
    feed_url: str,
    author: str,
    entries: list[FeedEntry],
    language: str | None = None,  # a BCP 47 tag: the feed's xml:lang
) -> str:
    ET.register_namespace("", ATOM)
    ordered = sorted(sorted(entries, key=lambda e: e.id), key=lambda e: e.updated, reverse=True)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _xml_text(v) for k, v in attrs.items()})
        if text is not None:
            element.text = _xml_text(text)
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: _xml_text(language)} if language else {})
    sub(feed, "id", site_url)
    sub(feed, "title", title)
    newest = max((e.updated for e in ordered), default=dt.date(1970, 1, 1))
    sub(feed, "updated", _timestamp(newest))
    sub(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    sub(feed, "link", rel="alternate", type="text/html", href=site_url)
    sub(sub(feed, "author"), "name", author)
    for entry in ordered:
        node = sub(feed, "entry")
        sub(node, "id", entry.id)
        sub(node, "title", entry.title)
        sub(node, "link", rel="alternate", type="text/html", href=entry.url)
        sub(node, "published", _timestamp(entry.published))
        sub(node, "updated", _timestamp(entry.updated))
        sub(node, "summary", entry.summary, type="text")
        sub(node, "content", entry.content_html, type="html")
        for category in entry.categories:
            sub(node, "category", term=category)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
