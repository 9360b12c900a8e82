"""Seed documents: verbatim UTF-8 text, an optional leading date marker, and line/column lookup."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from factsite.model import LineIndex, Seed

# " date 2025-02-04 " at the very start of a seed is metadata, not body text. Seeds may end their
# lines with LF, CRLF or (old Mac files) a lone CR.
DATE_MARKER = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|[ \t]*(?:\r\n?|\n))")


class SeedError(Exception):
    """A seed that cannot be used; ``line``/``column`` locate the bad byte in the seed file."""

    def __init__(self, kind: str, message: str, fix: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.fix = fix
        self.line = line
        self.column = column


def decode_utf8(data: bytes) -> str:
    """``data`` as UTF-8, or a SeedError locating the first invalid byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        good = data[: err.start].decode("utf-8")
        line, column = LineIndex(good).line_col(len(good))
        raise SeedError(
            "seed-encoding",
            f"is not valid UTF-8: byte 0x{data[err.start]:02x} at byte offset {err.start}",
            "re-save the file as UTF-8 (convert from its real encoding, e.g. with iconv)",
            line,
            column,
        ) from None


def parse_seed(name: str, data: bytes, path: Path | None = None) -> Seed:
    """Decode a seed's bytes strictly and split off its date marker."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise SeedError(
            "seed-encoding",
            "starts with a UTF-8 byte order mark (byte offset 0)",
            "save the file as UTF-8 without BOM",
        )
    text = decode_utf8(data)
    if "\x00" in text:
        offset = text.index("\x00")
        line, column = LineIndex(text).line_col(offset)
        raise SeedError(
            "seed-encoding",
            f"contains a NUL character at character offset {offset}; seeds are plain text",
            "store the document as plain UTF-8 text",
            line,
            column,
        )
    marker = DATE_MARKER.match(text)
    date = None
    body_start = 0
    if marker:
        try:
            date = dt.date.fromisoformat(marker.group(1))
        except ValueError:
            raise SeedError(
                "bad-date",
                f"date marker {marker.group(1)!r} is not a real calendar date",
                "write the marker as `date YYYY-MM-DD` with a real date",
                1,
                marker.start(1) + 1,
            ) from None
        body_start = marker.end()
    if not text[body_start:].strip():
        raise SeedError("empty-seed", "has no text", "put the source document's text in the file")
    return Seed(name=name, text=text, body_start=body_start, date=date, path=path)


def read_seed(seeds_dir: Path, name: str) -> Seed:
    path = seeds_dir / name
    return parse_seed(name, path.read_bytes(), path)
