"""Refusing invisible characters in the fields of ``factchecks.yaml``, located at the character.

A bidirectional override makes ``"\\u202eeslaf"`` display as "false"; a control character from a
YAML escape (``"\\0"``, ``"\\x1b"``) reaches the page, the CSV and the logs. Which characters are
refused is ``invisible.refused_in_field``; this module finds where each one was written, which is
the escape sequence itself when the value was written with one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any

from factsite.invisible import BIDI_CONTROLS, code_point, refused_in_field
from factsite.problems import Problem
from factsite.validation import describe
from factsite.yaml_source import Document, Mark, Path

# The YAML double-quoted escapes that can stand for a refused character, and the characters
# themselves written as they are (a bidirectional control may be pasted in).
_SHORT_ESCAPES = {"0": "\x00", "a": "\x07", "b": "\x08", "v": "\x0b", "f": "\x0c", "r": "\x0d", "e": "\x1b", "N": "\x85"}
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


def _strings(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


class _Source:
    """The YAML text, to find where in it the n-th refused character of a value was written."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0, *(m.end() for m in re.finditer(r"\r\n?|\n", text))]
        pasted = sorted({text[i] for i in refused_in_field(text)})
        self.pattern = _ESCAPE
        if pasted:
            self.pattern = re.compile(_ESCAPE.pattern + "|[" + "".join(f"\\u{ord(c):04x}" for c in pasted) + "]")

    def offset(self, mark: Mark) -> int:
        return self.line_starts[min(mark.line, len(self.line_starts)) - 1] + mark.column - 1

    def mark(self, offset: int) -> Mark:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return Mark(line + 1, offset - self.line_starts[line] + 1)

    def where(self, value_mark: Mark, chars: list[str]) -> Mark:
        """Where the last of ``chars`` (the value's refused characters, in order) was written."""
        wanted = list(chars)
        for token in self.pattern.finditer(self.text, self.offset(value_mark)):
            if _written(token.group()) == wanted[0]:
                wanted.pop(0)
                if not wanted:
                    return self.mark(token.start())
        return value_mark  # not found in the text (a value built by a merge): point at the value


def invisible_character_problems(doc: Document, text: str, filename: str) -> list[tuple[Path, Problem]]:
    """Every refused character in a value of ``doc``, each with the path of its value."""
    found: list[tuple[Path, Problem]] = []
    # A file with neither a refused character nor a backslash escape cannot have one in a value
    # (the usual case): no need to walk a hundred thousand values.
    if "\\" not in text and not refused_in_field(text):
        return found
    source: _Source | None = None
    for path, value in _strings(doc.data, ()):
        offsets = refused_in_field(value)
        if not offsets:
            continue
        source = source or _Source(text)
        where = describe(path, doc.data)
        value_mark = doc.mark(path)
        chars = [value[i] for i in offsets]
        for count, offset in enumerate(offsets, 1):
            char = value[offset]
            at = source.where(value_mark, chars[:count])
            if char in BIDI_CONTROLS:
                why = "it reorders the text around it, so readers would see something other than what is stored"
                fix = "delete it (most editors do not show it): retype the text around this column"
            else:
                why = "control characters are not text"
                fix = "delete it; in double quotes, escapes such as \\0, \\a, \\e or \\x1b write control characters"
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
