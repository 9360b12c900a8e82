"""Maintainers' tool: the message template from the code, and every catalog brought in step with it.

``python -m factsite.messages.extract`` reads every message factsite writes (``_()`` and
``ngettext()`` in the page templates, ``gettext``/``ngettext``/``_`` in the Python modules that
write reader-visible words, and the default rating scale), writes ``locale/messages.pot`` and
updates each ``LANG.po`` to it: a new message is added untranslated, a message no longer used is
dropped. Run it after changing a message; the tests fail until the template and catalogs match
the code and every catalog is complete.

It reads the files as text and imports nothing of the pages (``factsite.render``): the catalogs
sit below everything that writes words.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_python
from babel.messages.pofile import read_po, write_po

from factsite.messages import SHIPPED, TEMPLATE
from factsite.model import DEFAULT_RATINGS

PACKAGE = Path(__file__).resolve().parents[1]  # src/factsite
LOCALE = Path(__file__).resolve().parent / "locale"
TEMPLATES = PACKAGE / "render" / "templates"
# The Python modules that write words readers see (page titles, descriptions, feed, headings).
PYTHON_SOURCES = ("render/site.py", "render/organisation.py")
KEYWORDS = ("_", "gettext", "ngettext")
WIDTH = 100

Found = tuple[str | tuple[str, str], str, list[str]]  # id, where, comments


def _from_templates() -> Iterator[Found]:
    from jinja2.ext import babel_extract

    for path in sorted(TEMPLATES.glob("*.html")):
        with path.open("rb") as handle:
            found = babel_extract(handle, KEYWORDS, [], {"extensions": "jinja2.ext.i18n"})
            for _, function, message, comments in found:
                yield _message(function, message), f"render/templates/{path.name}", list(comments)


def _from_python() -> Iterator[Found]:
    for name in PYTHON_SOURCES:
        with (PACKAGE / name).open("rb") as handle:
            found: Any = extract_python(handle, dict.fromkeys(KEYWORDS), [], {})
            for _, function, message, comments in found:
                if function == "ngettext" and isinstance(message, tuple):
                    message = message[:2]  # the count is no message
                if message is None or (isinstance(message, tuple) and None in message):
                    continue  # a call on a variable (the gettext function itself), no message
                yield _message(function, message), name, list(comments)


def _message(function: str, message: object) -> str | tuple[str, str]:
    if function == "ngettext":
        assert isinstance(message, tuple | list), message
        return (str(message[0]), str(message[1]))
    text = message[0] if isinstance(message, tuple | list) else message
    return str(text)


def _from_ratings() -> Iterator[Found]:
    for rating in DEFAULT_RATINGS:
        yield rating.label, "model.py", [f"The name of the default rating '{rating.key}'."]
        yield rating.definition, "model.py", [f"What the default rating '{rating.key}' means."]


def template_catalog() -> Catalog:
    """Every message in the code, with the files it is used in."""
    catalog = Catalog(project="factsite", fuzzy=False, header_comment="# factsite's messages.")
    for message, where, comments in [*_from_templates(), *_from_python(), *_from_ratings()]:
        key = message[0] if isinstance(message, tuple) else message
        existing = catalog.get(key)
        if existing is not None:
            locations: list[Any] = existing.locations
            if (where, None) not in locations:
                locations.append((where, None))
            existing.auto_comments.extend(c for c in comments if c not in existing.auto_comments)
            continue
        catalog.add(message, locations=[(where, None)], auto_comments=comments)  # type: ignore[list-item]
    return catalog


def _po_text(catalog: Catalog) -> str:
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, include_lineno=False, sort_output=False)
    text = out.getvalue().decode("utf-8")
    # No creation date in the files: the same messages give the same bytes.
    return "\n".join(line for line in text.split("\n") if not line.startswith('"POT-Creation-Date'))


def main() -> int:
    template = template_catalog()
    (LOCALE / TEMPLATE).write_text(_po_text(template), encoding="utf-8")
    for language in SHIPPED:
        path = LOCALE / f"{language}.po"
        if language == "en" or not path.is_file():
            continue
        catalog = read_po(io.StringIO(path.read_text(encoding="utf-8")), locale=language)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path.write_text(_po_text(catalog), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
