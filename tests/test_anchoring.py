"""Anchoring: quotes land on exactly the seed characters they came from, or nowhere."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from factsite.input.seeds import parse_seed
from factsite.model import Span
from factsite.quotes.anchoring import (
    Ambiguous,
    Anchored,
    NotFound,
    SeedSearch,
    anchor_quote,
    cut_in,
    find_quote,
)
from factsite.quotes.normalize import normalize, normalize_with_map


def search_in(text: str) -> SeedSearch:
    return SeedSearch(parse_seed("t.txt", text.encode("utf-8")))


# Text that looks like news copy: words, typographic punctuation, odd spaces and line breaks.
_alphabet = st.sampled_from(
    list("abcdefghij ABC.,;:!?'\"-")
    + list("\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0\n")
    + ["  ", "\r\n", "é", "e\u0301"]
)
texts = st.lists(_alphabet, min_size=1, max_size=120).map("".join).filter(str.strip)


def _fold_variant(quote: str, choices: list[int]) -> str:
    """The quote as a contributor might type it: straight quotes, hyphens, other spacing."""
    swaps = {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u00a0": " ",
    }
    out = []
    for i, ch in enumerate(quote):
        pick = choices[i % len(choices)] if choices else 0
        if ch in swaps and pick % 2:
            out.append(swaps[ch])
        elif ch.isspace() and pick % 3 == 1:
            out.append("\n")
        elif ch.isspace() and pick % 3 == 2:
            out.append("   ")
        else:
            out.append(ch)
    return "".join(out)


def _whole_words(text: str, start: int, end: int) -> bool:
    """A quote never cuts a word, nor splits a letter from its combining accent (the boundary rules
    themselves are tested against Unicode's segmentation in test_anchoring_boundaries.py)."""
    return cut_in(text, Span(start, end)) is None


def _overlapping_count(text: str, needle: str) -> int:
    return sum(1 for i in range(len(text)) if text.startswith(needle, i))


@settings(max_examples=400)
@given(texts, st.data())
@example("the cat. the cat.", None)
def test_any_substring_anchors_to_exactly_its_span(text: str, data: st.DataObject | None) -> None:
    if data is None:  # the explicit example: second "the cat"
        start, end = 9, 16
    else:
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    assume(_whole_words(text, start, end))
    search = search_in(text)
    exact = search.exact(quote)
    assert Span(start, end) in exact
    result = anchor_quote(search, quote, occurrence=exact.index(Span(start, end)) + 1)
    assert result == Anchored(Span(start, end), normalized=False)


@settings(max_examples=400)
@given(texts, st.data())
def test_retyped_quote_anchors_to_the_original_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    original = text[start:end]
    # A quote is a run of words: it starts and ends on visible characters, and on whole words
    # and characters (not between a letter and its combining accent).
    assume(not original[0].isspace() and not original[-1].isspace())
    assume(_whole_words(text, start, end))
    normalized_text = normalize(text)
    needle = normalize(original)
    assume(needle and _overlapping_count(normalized_text, needle) == 1)
    typed = _fold_variant(original, data.draw(st.lists(st.integers(0, 5), max_size=8)))
    result = anchor_quote(search_in(text), typed)
    assert isinstance(result, Anchored)
    assert result.span == Span(start, end)


@settings(max_examples=400)
@given(texts, texts)
def test_a_quote_absent_from_the_text_is_never_anchored(text: str, quote: str) -> None:
    assume(normalize(quote) and normalize(quote) not in normalize(text))
    assume(quote not in text)
    result = anchor_quote(search_in(text), quote)
    assert isinstance(result, NotFound)


@settings(max_examples=300)
@given(texts, texts)
def test_whatever_anchors_is_the_quote_up_to_normalization(text: str, quote: str) -> None:
    search = search_in(text)
    for span in find_quote(search, quote)[0]:
        assert normalize(text[span.start : span.end]) == normalize(quote)


def test_exact_match_is_preferred_and_reported_as_exact() -> None:
    result = anchor_quote(search_in("He said \u201cno\u201d twice."), "\u201cno\u201d")
    assert result == Anchored(Span(8, 12), normalized=False)


def test_straight_quotes_dashes_and_line_breaks_anchor_after_normalization() -> None:
    text = "Rubio said it was \u201cthe most\u00a0unprecedented\u201d deal \u2014 anywhere\u2026 ever."
    result = anchor_quote(search_in(text), '"the most\nunprecedented" deal - anywhere... ever')
    assert isinstance(result, Anchored) and result.normalized
    assert text[result.span.start : result.span.end] == (
        "\u201cthe most\u00a0unprecedented\u201d deal \u2014 anywhere\u2026 ever"
    )


def test_decomposed_accents_match_composed_quotes() -> None:
    text = "El Salvador's Cafe\u0301 policy"
    result = anchor_quote(search_in(text), "Café policy")
    assert isinstance(result, Anchored)
    assert text[result.span.start : result.span.end] == "Cafe\u0301 policy"


def test_superscripts_are_not_folded_like_nfkc() -> None:
    assert isinstance(anchor_quote(search_in("an area of 10\u00b2 km"), "102 km"), NotFound)


def test_half_an_ellipsis_does_not_match() -> None:
    # "…" normalizes to "...": a quote ending in ".." must not anchor on part of it.
    assert isinstance(anchor_quote(search_in("wait\u2026 what"), "wait.."), NotFound)


def test_the_date_marker_is_not_quotable() -> None:
    search = search_in(" date 2025-02-04 Body text here.")
    assert isinstance(anchor_quote(search, "2025-02-04"), NotFound)
    assert anchor_quote(search, "Body") == Anchored(Span(17, 21), normalized=False)


TEXT = "The cat sat. A dog barked at the cat sat nearby. The cat sat again."


def test_several_matches_without_a_choice_are_ambiguous_with_unique_hints() -> None:
    search = search_in(TEXT)
    result = anchor_quote(search, "cat sat")
    assert isinstance(result, Ambiguous)
    assert [h.span.start for h in result.hints] == [4, 33, 53]
    # Every hint, pasted into the check, picks out exactly its own match.
    for hint in result.hints:
        picked = anchor_quote(
            search, "cat sat", prefix=hint.prefix, suffix=hint.suffix, occurrence=hint.occurrence
        )
        assert picked == Anchored(hint.span, normalized=False)


@pytest.mark.parametrize(
    ("options", "start"),
    [
        ({"prefix": "at the"}, 33),
        ({"suffix": "nearby"}, 33),
        ({"prefix": "The", "suffix": "again"}, 53),
        ({"occurrence": 2}, 33),
        ({"prefix": "The", "occurrence": 2}, 53),
    ],
)
def test_prefix_suffix_and_occurrence_choose_one_match(options: dict[str, object], start: int) -> None:
    result = anchor_quote(search_in(TEXT), "cat sat", **options)  # type: ignore[arg-type]
    assert result == Anchored(Span(start, start + 7), normalized=False)


def test_a_prefix_shared_by_several_matches_leaves_them_ambiguous() -> None:
    # "The" stands before the first and third match; the second has "the", and case matters.
    result = anchor_quote(search_in(TEXT), "cat sat", prefix="The")
    assert isinstance(result, Ambiguous)
    assert [h.span.start for h in result.hints] == [4, 53]


def test_prefix_that_matches_nothing_is_an_error_listing_the_matches() -> None:
    result = anchor_quote(search_in(TEXT), "cat sat", prefix="a big")
    assert isinstance(result, NotFound) and result.reason == "prefix"
    assert len(result.excluded) == 3


def test_occurrence_beyond_the_matches_is_an_error() -> None:
    result = anchor_quote(search_in(TEXT), "cat sat", occurrence=4)
    assert isinstance(result, NotFound) and result.reason == "occurrence"


def test_not_found_suggests_the_closest_passage_but_never_anchors_it() -> None:
    search = search_in(TEXT)
    result = anchor_quote(search, "A dog barkd at the cat")
    assert isinstance(result, NotFound) and result.reason == "not-found"
    assert result.closest is not None
    assert "A dog barked at the cat" in result.closest.text
    assert result.closest.similarity >= 90


def test_offset_map_points_each_normalized_character_at_its_source() -> None:
    text = "a \u201cb\u201d\u2014c  \n d\u2026"
    normalized, offsets = normalize_with_map(text)
    assert normalized == 'a "b"-c d...'
    for i, ch in enumerate(normalized):
        start, end = offsets.to_original(i, i + 1)
        assert normalize(text[start:end]) in (ch, "...", "")  # whitespace runs normalize to ""
        assert re.fullmatch(r"\s+", text[start:end]) if ch == " " else True
