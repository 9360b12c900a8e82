"""Refusing invisible characters in the fields of ``factchecks.yaml``, located at the character.

A bidirectional override makes ``"\\u202eeslaf"`` display as "false"; a control character from a
YAML escape (``"\\0"``, ``"\\x1b"``) reaches the page, the CSV and the logs. Which characters are
refused is ``invisible.refused_in_field``; this module finds where each one was written, which is
the escape sequence itself when the value was written with one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from factsite.input.invisible import BIDI_CONTROLS, char_class, code_point, refused_in_field
from factsite.input.problems import Problem
from factsite.input.schema import describe
from factsite.input.yaml_reader import Document, KeyPath, Mark
from factsite.model import LineIndex

# The YAML double-quoted escapes that can stand for a refused character, and the characters
# themselves written as they are (a bidirectional control may be pasted in).
_SHORT_ESCAPES = {
    "0": "\x00", "a": "\x07", "b": "\x08", "v": "\x0b", "f": "\x0c", "r": "\x0d", "e": "\x1b", "N": "\x85",
}
_ESCAPE = re.compile(r"\\(?:\\|[0abvfreN]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})")


def _written(token: str) -> str | None:
    """The character a token of YAML source stands for: itself, or what its escape means."""
    if not token.startswith("\\") or len(token) == 1:
        return token
    if token == "\\\\":
        return None
    if len(token) == 2:
        return _SHORT_ESCAPES[token[1]]
    code = int(token[2:], 16)  # noqa: FURB166  # "\\x1b", "\\u202e": not a 0x prefix
    return chr(code) if code <= 0x10FFFF else None


def _strings(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


class _Source:
    """The YAML text, to find where in it each refused character of a value was written."""

    def __init__(self, text: str, pasted: set[str]):
        self.text = text
        self.lines = LineIndex(text)
        self.pattern = re.compile(f"{_ESCAPE.pattern}|{char_class(pasted)}") if pasted else _ESCAPE

    def where(self, value_mark: Mark, chars: list[str]) -> Iterator[Mark]:
        """Where each of ``chars`` (the value's refused characters, in order) was written: one pass
        over the value's source, however many there are."""
        tokens = self.pattern.finditer(self.text, self.lines.offset(*value_mark))
        for char in chars:
            token = next((t for t in tokens if _written(t.group()) == char), None)
            # Not in the text (a value built by a merge): point at the value.
            yield value_mark if token is None else Mark(*self.lines.line_col(token.start()))


def invisible_character_problems(doc: Document, text: str, filename: str) -> list[tuple[KeyPath, Problem]]:
    """Every refused character in a value of ``doc``, each with the path of its value."""
    found: list[tuple[KeyPath, Problem]] = []
    # A file with neither a refused character nor a backslash escape cannot have one in a value
    # (the usual case): no need to walk a hundred thousand values.
    pasted = {text[i] for i in refused_in_field(text)}
    if "\\" not in text and not pasted:
        return found
    source: _Source | None = None
    for path, value in _strings(doc.data, ()):
        offsets = refused_in_field(value)
        if not offsets:
            continue
        source = source or _Source(text, pasted)
        where = describe(path, doc.data)
        chars = [value[i] for i in offsets]
        for char, at in zip(chars, source.where(doc.mark(path), chars), strict=True):
            if char in BIDI_CONTROLS:
                why = (
                    "it reorders the text around it,"
                    " so readers would see something other than what is stored"
                )
                fix = "delete it (most editors do not show it): retype the text around this column"
            else:
                why = "control characters are not text"
                fix = (
                    "delete it; in double quotes,"
                    " escapes such as \\0, \\a, \\e or \\x1b write control characters"
                )
            found.append((
                path,
                Problem(
                    "invisible-character",
                    filename,
                    at.line,
                    at.column,
                    f"{where} holds the invisible character {code_point(char)}: {why}",
                    fix,
                ),
            ))
    return found
