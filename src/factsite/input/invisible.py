"""Characters people cannot see, and what factsite does with each kind.

One place for the rules, so loading, matching, rendering and logging agree:

- **Refused in every field** of ``factchecks.yaml`` (plain and Markdown alike): C0 and C1 control
  characters other than tab and line feed (they reach YAML through escapes such as ``"\\0"``,
  ``"\\x1b"`` or ``"\\a"``), and the bidirectional controls, which reorder what a reader sees
  (``"\\u202eeslaf"`` displays as "false").
- **Shown in seeds**: a seed is the source's verbatim text, so the same characters are kept there,
  but the source page shows each one as its code point instead of letting it act, and
  ``factsite check`` warns about it. Tab, line feed, carriage return, vertical tab and form feed are
  ordinary spacing in a seed.
- **Ignored when matching** a quote after normalization: see ``IGNORED_IN_MATCHING``.
- **Escaped in logs**: every value printed by the command line or the build goes through
  ``escape_for_log``, so a value cannot start a new line or send a terminal escape sequence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Bidirectional formatting: marks, embeddings, overrides, isolates (and the Arabic letter mark).
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# C0 and C1 controls (Unicode category Cc): U+0000-U+001F, U+007F-U+009F.
CONTROLS = frozenset(chr(c) for c in (*range(0x20), *range(0x7F, 0xA0)))
FIELD_CONTROLS_ALLOWED = frozenset("\t\n")
SEED_SPACING = frozenset("\t\n\v\f\r")

# Characters that only affect line breaking, joining or direction, dropped before a normalized
# match: soft hyphen, zero-width space, zero-width non-joiner, word joiner, byte order mark, the
# bidirectional controls, and controls that are not spacing. The zero-width joiner is dropped too,
# except inside an emoji sequence (👨‍👩‍👧 is one picture; 👨👩👧 are three).
ZERO_WIDTH = frozenset("\u00ad\u200b\u200c\u2060\ufeff")
ZERO_WIDTH_JOINER = "\u200d"
IGNORED_IN_MATCHING = ZERO_WIDTH | BIDI_CONTROLS | (CONTROLS - SEED_SPACING)

_C0_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY",
    "ACKNOWLEDGE", "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION",
    "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
    "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
)



def char_class(chars: Iterable[str]) -> str:
    """A regular-expression class of exactly ``chars``, each written as an escape."""
    return "[" + "".join(f"\\U{ord(ch):08x}" for ch in sorted(chars)) + "]"


_REFUSED_IN_FIELD = re.compile(char_class((CONTROLS - FIELD_CONTROLS_ALLOWED) | BIDI_CONTROLS))
# NUL is not text at all: a seed holding one is refused (seeds.parse_seed).
SHOWN_IN_SEED = re.compile(char_class((CONTROLS - SEED_SPACING) | BIDI_CONTROLS))
# Everything that could start a line, move the cursor, colour a terminal or reorder text: C0
# controls, and beyond them DEL, C1 controls and invisible formatting.
_UNPRINTABLE_BEYOND_C0 = (
    "\\u007f-\\u009f\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb"
)
_UNPRINTABLE = re.compile(f"[\\u0000-\\u001f{_UNPRINTABLE_BEYOND_C0}]")
# json.dumps escapes C0 controls itself, and leaves the others raw with ensure_ascii=False.
_RAW_IN_JSON = re.compile(f"[{_UNPRINTABLE_BEYOND_C0}]")
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def code_point(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: how a message names a character no one can see."""
    code = ord(char)
    name = _C0_NAMES[code] if code < 0x20 else "DELETE" if code == 0x7F else unicodedata.name(char, "")
    if not name and 0x80 <= code <= 0x9F:
        name = "C1 CONTROL"
    return f"U+{code:04X} {name}".rstrip()


def refused_in_field(text: str) -> list[int]:
    """Offsets of the characters that no field of ``factchecks.yaml`` may hold."""
    return [m.start() for m in _REFUSED_IN_FIELD.finditer(text)]


def shown_in_seed(text: str) -> list[int]:
    """Offsets of a seed's control and bidirectional characters (shown as code points, warned about)."""
    return [m.start() for m in SHOWN_IN_SEED.finditer(text)]


def escape_for_log(text: str) -> str:
    """``text`` with every control, line separator and invisible formatting character escaped."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: _SHORT_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


def escape_json_text(text: str) -> str:
    """JSON text with what json.dumps keeps raw (beyond C0 controls) written as ``\\uXXXX`` escapes."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# Bidirectional classes of characters written right to left (Hebrew, Arabic letters and digits).
_RIGHT_TO_LEFT = frozenset({"R", "AL", "AN"})
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolate(text: str) -> str:
    """``text`` wrapped in Unicode isolates when it holds right-to-left characters, for plain text
    made of several fields (a page title, a feed title): an Arabic claim then cannot pull the
    verdict after it into its own direction. HTML isolates with ``<bdi>`` and ``dir="auto"``."""
    if text.isascii() or not any(unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT for ch in text):
        return text
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
