"""Anchoring on boundaries: a quote never starts or ends inside a word or a user-perceived character.

The boundaries are Unicode's (UAX #29): extended grapheme clusters, and default word boundaries
wherever the quote's first or last character is a letter or digit, judged on the seed as matching
sees it (without the characters it ignores). The oracle here computes them independently of
factsite's own code: with the ``regex`` module's ``\\X`` and ``\\b`` over the whole text.

Then the error messages about quotes that are not found: cut words and characters, the
closest-passage location and carets, the date marker line, and invisible characters.
"""

from __future__ import annotations

import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from factsite.input.invisible import IGNORED_IN_MATCHING, ZERO_WIDTH_JOINER
from factsite.input.problems import Problem
from factsite.input.seeds import parse_seed
from factsite.model import Span
from factsite.quotes.anchoring import (
    Ambiguous,
    Anchored,
    NotFound,
    SeedSearch,
    align,
    anchor_quote,
    find_quote,
    grapheme_boundary,
    word_boundary,
)
from factsite.quotes.normalize import normalize, normalize_with_map
from factsite.quotes.project import Report, read_project

# ------------------------------------------------------------------------------------------------
# The oracle: Unicode's boundaries of the text as matching sees it
# ------------------------------------------------------------------------------------------------

_CLUSTER = regex.compile(r"\X")
_WORD_EDGE = regex.compile(r"\b", regex.WORD)
# Unicode's rule GB11: a joiner between two pictographs makes one emoji, and matching keeps it.
_EMOJI_JOINER = regex.compile(r"(?<=\p{ExtPict}\p{Grapheme_Cluster_Break=Extend}*)\u200d(?=\p{ExtPict})")
_NO_SPACES = regex.compile(r"[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Bopomofo}\p{lb=SA}]")


@dataclass(frozen=True)
class Boundaries:
    graphemes: frozenset[int]
    words: frozenset[int]


def boundaries(text: str) -> Boundaries:
    """Every offset of ``text`` that is a grapheme (and a word) boundary once ignored characters go."""
    joiners = {m.start() for m in _EMOJI_JOINER.finditer(text)}
    visible: list[str] = []
    position_in_visible = []
    for i, ch in enumerate(text):
        position_in_visible.append(len(visible))
        if ch not in IGNORED_IN_MATCHING and (ch != ZERO_WIDTH_JOINER or i in joiners):
            visible.append(ch)
    position_in_visible.append(len(visible))
    seen = "".join(visible)
    graphemes = {0} | {m.end() for m in _CLUSTER.finditer(seen)}
    words = {0, len(seen)} | {m.start() for m in _WORD_EDGE.finditer(seen)}
    offsets = range(len(text) + 1)
    return Boundaries(
        frozenset(p for p in offsets if position_in_visible[p] in graphemes),
        frozenset(p for p in offsets if position_in_visible[p] in words),
    )


def _ignored(ch: str) -> bool:
    return ch in IGNORED_IN_MATCHING or ch == ZERO_WIDTH_JOINER


def _wants_word_edge(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LN" and not _NO_SPACES.match(ch)


def quote_edges(text: str, edges: Boundaries) -> tuple[list[int], list[int]]:
    """Where a quote of ``text`` may start and end: on visible characters, whole words and clusters."""
    starts = [
        p
        for p in sorted(edges.graphemes)
        if p < len(text)
        and not _ignored(text[p])
        and not text[p].isspace()
        and (p in edges.words or not _wants_word_edge(text[p]))
    ]
    ends = []
    for p in sorted(edges.graphemes):
        if p == 0 or _ignored(text[p - 1]) or text[p - 1].isspace():
            continue
        base = p - 1
        while base > 0 and (_ignored(text[base]) or unicodedata.category(text[base])[0] == "M"):
            base -= 1
        if p in edges.words or not _wants_word_edge(text[base]):
            ends.append(p)
    return starts, ends


def keeps_whole_words(text: str, span: Span, edges: Boundaries) -> bool:
    """The rule, spelt out: whole clusters always, whole words where the quote's edge is a letter or digit."""
    if span.start not in edges.graphemes or span.end not in edges.graphemes:
        return False
    inside = [ch for ch in text[span.start : span.end] if not _ignored(ch)]
    if not inside:
        return True
    last = next((ch for ch in reversed(inside) if unicodedata.category(ch)[0] != "M"), inside[-1])
    if _wants_word_edge(inside[0]) and span.start not in edges.words:
        return False
    return not (_wants_word_edge(last) and span.end not in edges.words)


# ------------------------------------------------------------------------------------------------
# Texts from many scripts
# ------------------------------------------------------------------------------------------------

LATIN = ["The", "US", "government", "cannot", "can", "not", "deport", "can't", "don\u2019t", "U.S."]
LATIN += ["3.5", "1,000", "4%", "caf\u00e9", "cafe\u0301", "na\u00efve", "x_y", "a:b", "ab", "a", "b"]
# A family and its members, flags and half of one, a thumb with and without its skin tone (and the
# tone alone), keycaps, emoji with variation selector 16.
EMOJI = ["\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f468", "\U0001f469", "\U0001f467"]
EMOJI += ["\U0001f1fa\U0001f1f8", "\U0001f1ea\U0001f1f8", "\U0001f1fa"]
EMOJI += ["\U0001f44d", "\U0001f44d\U0001f3fd", "\U0001f3fd"]
EMOJI += ["1\ufe0f\u20e3", "#\ufe0f\u20e3", "\u2764\ufe0f", "\U0001f3f3\ufe0f\u200d\U0001f308"]
HANGUL = ["\uac01", "\uac00", "\u1100\u1161\u11a8", "\u1100\u1161", "\u11a8", "\ud55c\uad6d\uc5b4"]
HANGUL += ["\uc815\ubd80\ub294"]
DEVANAGARI = ["\u0915\u093e", "\u0915", "\u093e", "\u0915\u094d\u0937", "\u0915\u094d\u200d\u0937"]
DEVANAGARI += ["\u0928\u092e\u0938\u094d\u0924\u0947", "\u0939\u093f\u0928\u094d\u0926\u0940"]
CJK = ["\u65e5\u672c\u8a9e", "\u6771\u4eac", "\u30ab\u30bf\u30ab\u30ca", "\u30b3\u30fc\u30d2\u30fc"]
CJK += ["\u3072\u3089\u304c\u306a", "\u4e2d\u6587", "\u3002"]
THAI = ["\u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22", "\u0e44\u0e17\u0e22", "\u0e01\u0e34\u0e19"]
ARABIC = ["\u0645\u0631\u062d\u0628\u0627", "\u0628\u0627\u0644\u0639\u0627\u0644\u0645", "\u0644\u0627"]
ARABIC += ["\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0661\u0662"]
COMBINING = ["e\u0301", "a\u0308", "n\u0303o", "\u0301", "o\u0308\u0301"]
INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\u202e", "\u200e", "\x1c", "\x85", "\x07"]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\r\n", ", ", ". ", "\u201c", "\u201d", "\u2019", "'", '"', "\u2014"]
SEPARATORS += ["\u2026", "-", "(", ")", "\u00a0"]

pieces = st.one_of(
    *(st.sampled_from(kind) for kind in (LATIN, EMOJI, HANGUL, DEVANAGARI, CJK, THAI, ARABIC, COMBINING)),
    st.sampled_from(INVISIBLE),
    st.sampled_from(SEPARATORS),
    st.sampled_from(SEPARATORS),
)
seed_texts = st.lists(pieces, min_size=1, max_size=40).map("".join).filter(lambda t: normalize(t) != "")


def search_in(text: str) -> SeedSearch:
    return SeedSearch(parse_seed("t.txt", text.encode("utf-8")))


def _spans_of(result: Anchored | Ambiguous | NotFound) -> list[Span]:
    if isinstance(result, Anchored):
        return [result.span]
    if isinstance(result, Ambiguous):
        return [hint.span for hint in result.hints]
    return []


# ------------------------------------------------------------------------------------------------
# Properties
# ------------------------------------------------------------------------------------------------


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(seed_texts)
def test_boundaries_are_unicodes_boundaries_of_the_text_as_matched(text: str) -> None:
    edges = boundaries(text)
    for offset in range(len(text) + 1):
        assert grapheme_boundary(text, offset) == (offset in edges.graphemes), offset
        assert word_boundary(text, offset) == (offset in edges.words), offset


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(seed_texts, st.data())
def test_no_anchored_span_starts_or_ends_inside_a_word_or_a_character(text: str, data: st.DataObject) -> None:
    # Quotes drawn from anywhere in the text (most cut something), and typed straight.
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    edges = boundaries(text)
    search = search_in(text)
    for quote in (text[start:end], text[start:end].replace("\u201c", '"').replace("\u2019", "'")):
        for span in _spans_of(anchor_quote(search, quote)):
            assert keeps_whole_words(text, span, edges), (quote, span, text[span.start : span.end])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(seed_texts, st.data())
@example("The US government cannot deport. The US government can.", None)
def test_a_quote_cut_on_boundaries_anchors_to_its_span(text: str, data: st.DataObject | None) -> None:
    edges = boundaries(text)
    if data is None:
        start = text.index(". ") + 2  # "The US government can", the second one
        end = start + len("The US government can")
    else:
        # A quote as a contributor copies it: visible characters at both ends, on whole words.
        starts, ends = quote_edges(text, edges)
        assume(starts and ends and ends[-1] > starts[0])
        start = data.draw(st.sampled_from([p for p in starts if p < ends[-1]]))
        end = data.draw(st.sampled_from([p for p in ends if p > start]))
    span = Span(start, end)
    quote = text[start:end]
    assume(keeps_whole_words(text, span, edges))
    search = search_in(text)
    exact_places = [
        Span(p, p + len(quote))
        for p in range(len(text))
        if text.startswith(quote, p) and keeps_whole_words(text, Span(p, p + len(quote)), edges)
    ]
    result = anchor_quote(search, quote)
    if len(exact_places) == 1:
        assert result == Anchored(span, normalized=False)
    else:
        assert isinstance(result, Ambiguous) and [h.span for h in result.hints] == exact_places
        picked = anchor_quote(search, quote, occurrence=exact_places.index(span) + 1)
        assert picked == Anchored(span, normalized=False)


_STRAIGHTEN = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2019": "'", "\u2014": "-", "\u00a0": " "})
_RETYPED = frozenset("\u201c\u201d\u2019\u2014\u00a0\u2026 \r")
# Pieces each followed by typographic punctuation or spacing, which a contributor types otherwise.
typeset_texts = (
    st.lists(
        st.tuples(
            pieces,
            st.sampled_from([" ", " \u201c", "\u201d ", "\u2019", " \u2014 ", "\u2026 ", "\u00a0", "\r\n"]),
        ),
        min_size=2,
        max_size=20,
    )
    .map(lambda pairs: "".join(piece + after for piece, after in pairs).strip())
    .filter(lambda t: normalize(t) != "")
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(typeset_texts, st.data())
@example("He said \u201cno\u201d \u2014 twice.", None)
def test_a_retyped_quote_cut_on_boundaries_anchors_to_its_span(text: str, data: st.DataObject | None) -> None:
    edges = boundaries(text)
    if data is None:
        start, end = text.index("\u201c"), text.index(".")  # \u201cno\u201d \u2014 twice
    else:
        starts, ends = quote_edges(text, edges)
        assume(starts and ends and ends[-1] > starts[0])
        start = data.draw(st.sampled_from([p for p in starts if p < ends[-1]]))
        retyped_ends = [p for p in ends if p > start and not _RETYPED.isdisjoint(text[start:p])]
        assume(retyped_ends)
        end = data.draw(st.sampled_from(retyped_ends))
    span = Span(start, end)
    quote = text[start:end]
    # Typed as a contributor might: straight quotes and hyphens, other spacing.
    typed = quote.translate(_STRAIGHTEN).replace("\u2026", "...").replace("\r\n", "\n").replace(" ", "\n")
    assume(typed != quote and typed not in text)
    assume(keeps_whole_words(text, span, edges))
    spans, normalized = find_quote(search_in(text), typed)
    assert normalized and span in spans
    result = anchor_quote(search_in(text), typed)
    if len(spans) == 1:
        assert result == Anchored(span, normalized=True)
    else:
        assert isinstance(result, Ambiguous) and span in [h.span for h in result.hints]


# Distinct words, so that the passage a mistyped quote came from is the one most like it.
_words = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz\u00e9\u00fc", min_size=3, max_size=9),
    min_size=12,
    max_size=60,
    unique=True,
)
_breaks = st.lists(
    st.sampled_from([" ", " ", " ", "\n", "\r\n", "  ", ", ", ". ", " \u201c", "\u201d "]),
    min_size=60,
    max_size=60,
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    _words,
    _breaks,
    st.sampled_from(["", "date 2025-02-04\n", " \t date 2025-02-04 \t\n", "date 2025-02-04\r\n"]),
    st.data(),
)
def test_the_closest_passage_is_located_where_it_starts(
    words: list[str], breaks: list[str], marker: str, data: st.DataObject
) -> None:
    body = "".join(word + breaks[i] for i, word in enumerate(words)).rstrip()
    seed = parse_seed("t.txt", (marker + body).encode("utf-8"))
    text = seed.text
    # A quote of four or more whole words with one letter mistyped inside its second word.
    first = data.draw(st.integers(0, len(words) - 5))
    count = data.draw(st.integers(4, min(10, len(words) - first)))
    starts = [len(marker)]
    for i, word in enumerate(words[:-1]):
        starts.append(starts[-1] + len(word) + len(breaks[i]))
    start, end = starts[first], starts[first + count - 1] + len(words[first + count - 1])
    original = text[start:end]
    second = starts[first + 1] - start
    typo = original[: second + 1] + "Q" + original[second + 2 :]
    closest = SeedSearch(seed).closest(typo)
    assert closest is not None
    assert closest.text == text[closest.span.start : closest.span.end]
    # The passage it came from, neither more (text unlike the quote before it) nor less.
    assert closest.span == Span(start, end), (closest, original)
    assert closest.similarity == round(fuzz.ratio(normalize(typo), normalize(original)))


# ------------------------------------------------------------------------------------------------
# Cases, each checked through `factsite check` on a small project
# ------------------------------------------------------------------------------------------------

# Line:column of each value: the quote's value is at 10:12.
YAML = textwrap.dedent(
    """\
    sources:
      - id: city-news
        seed: city.txt
        title: Bridge opening delayed
        outlet: City News
        url: https://example.com/bridge
    checks:
      - id: the-check
        source: city-news
        quote: {quote}
        claimant: The mayor
        claim_date: 2025-02-04
        claim: Something was said.
        rating: accurate
        summary: The record shows it.
        published: 2025-02-06
    """
)
MARKER = "date 2025-02-04\n"


def yaml_quote(quote: str) -> str:
    """``quote`` as a double-quoted YAML scalar on one line (escapes for what YAML cannot hold raw)."""
    out = []
    for ch in quote:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch.isprintable() and ch not in IGNORED_IN_MATCHING and ch != ZERO_WIDTH_JOINER:
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def check_project(tmp_path: Path, seed: str, quote: str) -> Report:
    (tmp_path / "seeds").mkdir(exist_ok=True)
    (tmp_path / "seeds" / "city.txt").write_bytes(seed.encode("utf-8"))
    path = tmp_path / "factchecks.yaml"
    path.write_text(YAML.format(quote=yaml_quote(quote)), encoding="utf-8")
    try:
        return read_project(path, tmp_path / "seeds")
    except Exception as exc:  # noqa: BLE001 - no input may raise
        pytest.fail(f"read_project raised {type(exc).__name__}: {exc}")


def quote_problem(report: Report) -> Problem:
    quote_problems = [p for p in report.problems if p.kind.startswith("quote-")]
    assert len(quote_problems) == 1, report.problems
    problem = quote_problems[0]
    assert (problem.kind, problem.line, problem.column) == ("quote-not-found", 10, 12), problem
    assert problem.file.endswith("factchecks.yaml")
    return problem


@dataclass(frozen=True)
class Cutting:
    case_id: str
    seed: str
    quote: str
    says: str  # in the message
    at: str  # the seed location in the message


CUTTING = [
    Cutting(
        "word-end",
        "The US government cannot deport them.\n",
        "The US government can",
        "is not in city.txt as whole words: 'can' would cut 'cannot'",
        "city.txt:2:19",
    ),
    Cutting(
        "word-start",
        "The US government cannot deport them.\n",
        "not deport them",
        "'not' would cut 'cannot'",
        "city.txt:2:19",
    ),
    Cutting(
        "apostrophe-word",
        "They can\u2019t deport them.\n",
        "They can",
        "'can' would cut 'can\u2019t'",
        "city.txt:2:6",
    ),
    Cutting(
        "decimal-number", "It costs 3.5 million.\n", "It costs 3", "'3' would cut '3.5'", "city.txt:2:10"
    ),
    Cutting(
        "soft-hyphen-hides-the-cut",
        "The US government can\u00adnot deport them.\n",
        "The US government can",
        "'can' would cut 'can\\u00adnot'",
        "city.txt:2:19",
    ),
    Cutting(
        "control-hides-the-cut",
        "The US government can\x1fnot deport them.\n",
        "The US government can",
        "'can' would cut 'can\\u001fnot'",
        "city.txt:2:19",
    ),
    Cutting(
        "flag-inside-flags",
        "Flags \U0001f1fa\U0001f1f8\U0001f1ea\U0001f1f8 here.\n",
        "\U0001f1f8\U0001f1ea",
        "as whole characters: '\U0001f1f8' would split the character '\U0001f1fa\U0001f1f8' "
        "(U+1F1FA U+1F1F8)",
        "city.txt:2:7",
    ),
    Cutting(
        "man-inside-family",
        "A family \U0001f468\u200d\U0001f469\u200d\U0001f467 here.\n",
        "A family \U0001f468",
        "would split the character '\U0001f468\u200d\U0001f469\u200d\U0001f467' "
        "(U+1F468 U+200D U+1F469 U+200D U+1F467)",
        "city.txt:2:10",
    ),
    Cutting(
        "thumb-without-skin-tone",
        "Thumbs \U0001f44d\U0001f3fd up.\n",
        "Thumbs \U0001f44d",
        "'\U0001f44d' would split the character '\U0001f44d\U0001f3fd' (U+1F44D U+1F3FD)",
        "city.txt:2:8",
    ),
    Cutting(
        "keycap-without-its-cap",
        "Press 1\ufe0f\u20e3 now.\n",
        "Press 1",
        "would split the character '1\ufe0f\u20e3' (U+0031 U+FE0F U+20E3)",
        "city.txt:2:7",
    ),
    Cutting(
        "hangul-jamo-syllable",
        "Hangul \u1100\u1161\u11a8 here.\n",
        "Hangul \u1100\u1161",
        "'\u1100\u1161' would split the character '\u1100\u1161\u11a8' (U+1100 U+1161 U+11A8)",
        "city.txt:2:8",
    ),
    Cutting(
        "hangul-word",
        "\ud55c\uad6d \uc815\ubd80\ub294 \ub9d0\ud588\ub2e4.\n",
        "\ud55c\uad6d \uc815\ubd80",
        "'\uc815\ubd80' would cut '\uc815\ubd80\ub294'",
        "city.txt:2:4",
    ),
    Cutting(
        "devanagari-vowel-sign",
        "Hindi \u0915\u093e here.\n",
        "Hindi \u0915",
        "'\u0915' would split the character '\u0915\u093e' (U+0915 U+093E)",
        "city.txt:2:7",
    ),
    Cutting(
        "combining-accent",
        "Un cafe\u0301 noir.\n",
        "Un cafe",
        "'e' would split the character 'e\u0301' (U+0065 U+0301)",
        "city.txt:2:7",
    ),
    Cutting(
        "arabic-word",
        "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645\n",
        "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644",
        "'\u0628\u0627\u0644' would cut '\u0628\u0627\u0644\u0639\u0627\u0644\u0645'",
        "city.txt:2:7",
    ),
    Cutting(
        "zero-width-non-joiner-word",
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u0631\u0641\u062a\n",
        "\u0645\u06cc",
        "'\u0645\u06cc' would cut '\u0645\u06cc\\u200c\u062e\u0648\u0627\u0647\u0645'",
        "city.txt:2:1",
    ),
]


@pytest.mark.parametrize("case", CUTTING, ids=lambda c: c.case_id)
def test_a_quote_found_only_inside_a_word_or_character_names_what_it_would_cut(
    tmp_path: Path, case: Cutting
) -> None:
    problem = quote_problem(check_project(tmp_path, MARKER + case.seed, case.quote))
    assert case.says in problem.message, problem.message
    assert case.at in problem.message, problem.message
    assert "closest passage" not in "\n".join(problem.details)
    assert "whole" in problem.fix


ANCHORING = [
    pytest.param("The US government cannot deport them.\n", "The US government cannot", id="whole-word"),
    pytest.param(
        "The US government can\u00adnot deport them.\n", "The US government cannot", id="soft-hyphen-ignored"
    ),
    pytest.param(
        "The US government can\x1cnot deport them.\n", "The US government cannot", id="separator-control"
    ),
    pytest.param(
        "Flags \U0001f1fa\U0001f1f8\U0001f1ea\U0001f1f8 here.\n", "\U0001f1ea\U0001f1f8", id="second-flag"
    ),
    pytest.param(
        "A family \U0001f468\u200d\U0001f469\u200d\U0001f467 here.\n",
        "family \U0001f468\u200d\U0001f469\u200d\U0001f467",
        id="whole-family",
    ),
    pytest.param("Hangul \u1100\u1161\u11a8 here.\n", "Hangul \uac01", id="jamo-as-syllable"),
    pytest.param("\u6771\u4eac\u90fd\u306e\u77e5\u4e8b\n", "\u4eac\u90fd", id="han-inside-a-run"),
    pytest.param(
        "\u30b3\u30f3\u30d4\u30e5\u30fc\u30bf\u3067\u3059\n", "\u30d4\u30e5\u30fc\u30bf", id="katakana"
    ),
    pytest.param("\u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22\n", "\u0e44\u0e17\u0e22", id="thai"),
    pytest.param(
        "\u0915\u094d\u200d\u0937 \u0915\u093e\n",
        "\u0915\u094d\u0937 \u0915\u093e",
        id="indic-joiner-ignored",
    ),
    pytest.param(
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u0631\u0641\u062a\n",
        "\u0645\u06cc\u062e\u0648\u0627\u0647\u0645",
        id="persian-non-joiner-ignored",
    ),
    pytest.param("Line one\r\nThe mayor \u201csaid\u201d so.\r\n", 'The mayor "said" so', id="crlf-curly"),
    pytest.param("Line one\rThe mayor said so.\r", "The mayor said so.", id="cr-only"),
    pytest.param("Visible\u202e text here.\n", "Visible text here", id="bidi-control-ignored"),
]


@pytest.mark.parametrize(("seed", "quote"), ANCHORING)
def test_quotes_on_whole_words_and_characters_anchor(tmp_path: Path, seed: str, quote: str) -> None:
    report = check_project(tmp_path, MARKER + seed, quote)
    assert not [p for p in report.problems if p.kind.startswith("quote-")], report.problems
    assert report.summary.anchored == 1


@pytest.mark.parametrize(
    ("seed", "quote"),
    [
        pytest.param(
            "A family \U0001f468\u200d\U0001f469\u200d\U0001f467 here.\n",
            "family \U0001f468 \U0001f469 \U0001f467",
            id="separate-people-for-a-family",
        ),
        pytest.param(
            "A family \U0001f468\u200d\U0001f469\u200d\U0001f467 here.\n",
            "family \U0001f468\U0001f469\U0001f467",
            id="unjoined-people-for-a-family",
        ),
        pytest.param(
            "Three people \U0001f468\U0001f469\U0001f467 here.\n",
            "people \U0001f468\u200d\U0001f469\u200d\U0001f467",
            id="family-for-three-people",
        ),
    ],
)
def test_the_joiner_inside_an_emoji_is_significant(tmp_path: Path, seed: str, quote: str) -> None:
    problem = quote_problem(check_project(tmp_path, MARKER + seed, quote))
    assert "closest passage" in "\n".join(problem.details)


def test_the_closest_passage_is_located_at_its_first_word(tmp_path: Path) -> None:
    # The fuzzy search's window is as long as the quote: here it began on line 3 ("Second line"),
    # while the passage like the quote is on line 5.
    seed = (
        MARKER + "Unicode test: caf\u00e9, na\u00efve, \u65e5\u672c\u8a9e.\nSecond line here.\nx\n"
        "The US government cannot deport them.\n"
    )
    quote = "Nobody knows whether the US government cannot deport them at all in any way whatsoever"
    problem = quote_problem(check_project(tmp_path, seed, quote))
    assert any("city.txt:5:1:" in d and "closest passage" in d for d in problem.details), problem.details
    seed_row = next(d for d in problem.details if d.strip().startswith("seed:"))
    assert "Second" not in seed_row


def test_the_closest_passage_location_skips_a_trimmed_date_marker(tmp_path: Path) -> None:
    seed = " \t date 2025-02-04 \t\nFirst line.\nThe mayor said so on Monday.\n"
    problem = quote_problem(check_project(tmp_path, seed, "The mayor sayd so on Monday"))
    assert problem.details[0].startswith("closest passage") and "city.txt:3:1:" in problem.details[0]


def _caret_rows(problem: Problem) -> list[str]:
    return [d for d in problem.details if d.strip() and set(d.strip()) <= {"^", " "}]


def test_an_extra_space_inside_a_word_gets_a_caret(tmp_path: Path) -> None:
    problem = quote_problem(
        check_project(tmp_path, MARKER + "The government said so.\n", "The gov ernment said so")
    )
    rows = [d for d in problem.details if d.startswith(("  quote:", "  seed:"))]
    carets = _caret_rows(problem)
    assert len(carets) == 1 and rows[0].index("gov ernment") + 3 == carets[0].index("^"), problem.details


def test_the_seeds_quotation_marks_are_not_marked(tmp_path: Path) -> None:
    seed = MARKER + "He said: \u201cThe US government cannot deport them.\u201d Then he left.\n"
    problem = quote_problem(check_project(tmp_path, seed, "The US governmnet cannot deport them"))
    rows = [d for d in problem.details if d.startswith("  seed:")]
    assert rows and "\u201c" not in rows[0] and "\u201d" not in rows[0], problem.details
    carets = _caret_rows(problem)
    assert len(carets) == 1 and carets[0].count("^") <= 2, problem.details
    assert "city.txt:2:11" in problem.details[0]


def test_align_does_not_mark_seed_only_punctuation_at_the_ends() -> None:
    rows = align("The US government", "\u201cThe US government,\u201d")
    assert len(rows) == 2  # no caret row


def test_a_quote_from_the_date_marker_line_says_so(tmp_path: Path) -> None:
    problem = quote_problem(check_project(tmp_path, MARKER + "The mayor said so.\n", "date 2025-02-04"))
    assert "date marker line" in problem.message and "not part of the document's text" in problem.message
    assert any("city.txt:1:1" in d for d in problem.details), problem.details
    assert not any("resembles" in d for d in problem.details)


def test_a_quote_running_from_the_date_marker_into_the_text_says_so(tmp_path: Path) -> None:
    problem = quote_problem(check_project(tmp_path, MARKER + "The mayor said so.\n", "2025-02-04 The mayor"))
    assert "date marker line" in problem.message
    assert any("city.txt:1:6" in d for d in problem.details), problem.details


@pytest.mark.parametrize(
    ("seed", "quote", "named"),  # named: the character, then where it is
    [
        pytest.param(
            "The mayor said so.\n",
            "The mayr\u200b said so",
            "U+200B ZERO WIDTH SPACE at column 9 of the quote",
            id="zero-width-space-in-quote",
        ),
        pytest.param(
            "The mayor said so.\n",
            "The \u00admayr said so",
            "U+00AD SOFT HYPHEN at column 5 of the quote",
            id="soft-hyphen-in-quote",
        ),
        pytest.param(
            "The mayor\u202e said so.\n",
            "The mayr said so",
            "U+202E RIGHT-TO-LEFT OVERRIDE at city.txt:2:10",
            id="bidi-control-in-passage",
        ),
        pytest.param(
            "The mayor\x07 said so.\n",
            "The mayr said so",
            "U+0007 BELL at city.txt:2:10",
            id="control-in-passage",
        ),
        pytest.param(
            "The may\u200cor said so.\n",
            "The mayr said so",
            "U+200C ZERO WIDTH NON-JOINER at city.txt:2:8",
            id="non-joiner-in-passage",
        ),
    ],
)
def test_invisible_characters_are_named_when_a_quote_is_not_found(
    tmp_path: Path, seed: str, quote: str, named: str
) -> None:
    problem = quote_problem(check_project(tmp_path, MARKER + seed, quote))
    character, where = named.split(" at ")
    assert any(f"{character} at " in d and d.endswith(where) for d in problem.details), problem.details


# ------------------------------------------------------------------------------------------------
# Normalization: what is ignored, what is folded, what stays
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("a\u00adb\u200bc\u200cd\u2060e\ufeff", "abcde"),
        ("a\u202eb\u2066c\u200ed\u061ce", "abcde"),
        ("a\x01b\x1cc\x1fd\x85e\x9f", "abcde"),
        ("a\tb\x0bc\x0cd\re\nf\u2028g\u3000h", "a b c d e f g h"),
        ("a \u200b b", "a b"),
        ("\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f468\u200d\U0001f469\u200d\U0001f467"),
        ("\U0001f44d\U0001f3fd\u200d\U0001f469", "\U0001f44d\U0001f3fd\u200d\U0001f469"),
        ("\u2764\ufe0f\u200d\U0001f525", "\u2764\ufe0f\u200d\U0001f525"),
        ("\u0915\u094d\u200d\u0937", "\u0915\u094d\u0937"),
        ("\u0644\u200d\u0627", "\u0644\u0627"),
        ("a\u200d\U0001f469", "a\U0001f469"),
        ("\u201cx\u201d \u2018y\u2019 \u2014 z\u2026", "\"x\" 'y' - z..."),
        ("10\u00b2", "10\u00b2"),
        ("e\u0301", "\u00e9"),
    ],
)
def test_normalization_ignores_folds_and_keeps(text: str, normalized: str) -> None:
    assert normalize(text) == normalized
    mapped, offsets = normalize_with_map(text)
    assert mapped.strip() == normalized
    for i in range(len(mapped)):
        start, end = offsets.to_original(i, i + 1)
        assert 0 <= start < end <= len(text)


@settings(max_examples=200)
@given(seed_texts)
def test_the_offset_map_finds_the_body_in_the_normalized_text(text: str) -> None:
    mapped, offsets = normalize_with_map(text)
    for offset in range(len(text) + 1):
        at = offsets.from_original(offset)
        assert 0 <= at <= len(mapped)
        if at < len(mapped):
            assert offsets.to_original(at, at + 1)[1] > offset  # what follows comes from at or after it
