"""Scripts written without spaces, and Arabic: quotes anchor, and highlight exactly their characters.

In Chinese, Japanese, Thai and their neighbours a line break between two characters is no space (a
seed wrapped at a fixed width breaks lines inside words), so normalization drops spacing there, on
both sides: a quote typed without the break, or with a space for it, anchors to the seed's own
characters, the break included. Beside a Latin word, and in Korean (which puts spaces between
words), a line break stays a space. Arabic puts spaces between words: its line breaks are spaces,
its diacritics (harakat) and tatweel are characters of the quote, and a quote never starts inside a
word such as "والحكومة" (UAX #29 keeps the conjunction and the article in the word).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitebuild import OTHER_DESK, copy_project, mkdocs_build, parse, run_cli

from factsite.input.seeds import parse_seed
from factsite.model import Span
from factsite.quotes.anchoring import Ambiguous, Anchored, NotFound, SeedSearch, anchor_quote
from factsite.quotes.normalize import (
    _MAYBE_WITHOUT_SPACES,
    WRITTEN_WITHOUT_SPACES,
    normalize,
    normalize_with_map,
)


def search_in(text: str) -> SeedSearch:
    return SeedSearch(parse_seed("t.txt", text.encode("utf-8")))


def spans_of(result: Anchored | Ambiguous | NotFound) -> list[Span]:
    if isinstance(result, Anchored):
        return [result.span]
    if isinstance(result, Ambiguous):
        return [hint.span for hint in result.hints]
    return []


def exact_elsewhere(text: str, quote: str, expected: Span, result: Anchored | Ambiguous | NotFound) -> bool:
    """Whether ``quote``, typed otherwise than at ``expected``, is exactly somewhere else: exact
    matches come first, so then only those are found."""
    return (
        text[expected.start : expected.end] != quote
        and isinstance(result, Anchored | Ambiguous)
        and not result.normalized
        and all(text[s.start : s.end] == quote for s in spans_of(result))
    )


# ------------------------------------------------------------------------------------------------
# The rule
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("日本\n語", "日本語"),
        ("日本\r\n語", "日本語"),
        ("日本\n  語", "日本語"),
        ("日本 \t\r\n\u3000語", "日本語"),
        ("日本 語", "日本語"),  # a space typed between them: the same words
        ("ひらがな\nカタカナ", "ひらがなカタカナ"),
        ("ｶﾀｶﾅ\nｶﾀｶﾅ", "ｶﾀｶﾅｶﾀｶﾅ"),  # halfwidth katakana
        ("予算を、\n承認した。\n\n次に", "予算を、承認した。次に"),
        ("发言人说：\n“就业", '发言人说："就业'),
        ("2025年\n3月", "2025年3月"),  # digits and punctuation are set solid beside them
        ("総額は\n100億円", "総額は100億円"),
        ("ภาษา\nไทย", "ภาษาไทย"),
        ("ພາສາ\nລາວ", "ພາສາລາວ"),
        ("ភាសា\nខ្មែរ", "ភាសាខ្មែរ"),
        ("မြန်မာ\nစာ", "မြန်မာစာ"),
        ("日本\u200b\n語", "日本語"),  # with an ignored character in the break
        # A line break stays a space beside a Latin word, in Korean, and between punctuation alone.
        ("使用Python\n语言", "使用Python 语言"),
        ("语言\nPython", "语言 Python"),
        ("日本。\nThe", "日本。 The"),
        ("한국어\n정부", "한국어 정부"),
        ("said,\n“yes", 'said, "yes'),
        ("3\n4", "3 4"),
        ("a\u2000b", "a b"),
    ],
)
def test_spacing_between_characters_set_solid_normalizes_to_nothing(text: str, normalized: str) -> None:
    assert normalize(text) == normalized
    assert normalize_with_map(text)[0] == normalized


def test_the_quick_look_for_lone_spaces_covers_every_character_written_without_spaces() -> None:
    every = "".join(map(chr, range(0x110000)))
    quick = re.compile(f"[{_MAYBE_WITHOUT_SPACES}]")
    missed = [f"U+{ord(m.group()):04X}" for m in WRITTEN_WITHOUT_SPACES.finditer(every)]
    missed = [name for name in missed if not quick.match(chr(int(name[2:], 16)))]
    assert not missed


# ------------------------------------------------------------------------------------------------
# Properties: CJK and Thai seeds wrapped at random points
# ------------------------------------------------------------------------------------------------

HAN = list("国务院新闻办公室周三表示今年前四个月全国城镇新增就业人数达到万比去同期增加")
HAN += list("东京都予算案発表総額過去最大")
KANA = list("のはをにがでとしたるいうかきくけこさすせそアイウエオカキクケコサシスセソンーッャュョ")
CJK_PUNCTUATION = list("。、「」（）！？：，・〜")
# (Not digits nor fullwidth letters, which make words: a break between two stays a space, as in
# any script, and a quote keeps them whole.)
CJK_CHARACTERS = HAN + KANA + CJK_PUNCTUATION
# Thai and Lao grapheme clusters: a consonant with its vowel and tone marks, or a vowel sign alone.
THAI_CLUSTERS = ["ภ", "า", "ษ", "ไ", "ท", "ย", "กิ", "น", "ข้", "ว", "ที่", "สุ", "ด", "เ", "ร็"]
THAI_CLUSTERS += ["ພາ", "ສາ", "ລາ", "ວ"]
BREAKS = ["\n", "\r\n", "\n  ", "\n\t", " \n", "\n\u3000"]


def wrapped(pieces: list[str], breaks: list[str | None]) -> tuple[str, list[int], list[int]]:
    """The pieces with a break after some of them, and where each piece starts and ends in the result."""
    out, starts, at = [], [], 0
    for piece, after in zip(pieces, breaks, strict=True):
        starts.append(at)
        out.append(piece)
        at += len(piece)
        if after:
            out.append(after)
            at += len(after)
    ends = [s + len(p) for s, p in zip(starts, pieces, strict=True)]
    return "".join(out), starts, ends


def _wrapped_texts(alphabet: list[str]) -> st.SearchStrategy[tuple[list[str], list[str | None]]]:
    return st.lists(st.sampled_from(alphabet), min_size=2, max_size=60).flatmap(
        lambda pieces: st.tuples(
            st.just(pieces),
            st.lists(
                st.one_of(st.none(), st.none(), st.sampled_from(BREAKS)),
                min_size=len(pieces),
                max_size=len(pieces),
            ),
        )
    )


def _assert_quote_anchors_across_breaks(
    pieces: list[str], breaks: list[str | None], data: st.DataObject
) -> None:
    breaks = [*breaks[:-1], None]  # nothing after the last piece
    text, starts, ends = wrapped(pieces, breaks)
    first = data.draw(st.integers(0, len(pieces) - 1))
    last = data.draw(st.integers(first, len(pieces) - 1))
    expected = Span(starts[first], ends[last])
    typed_solid = "".join(pieces[first : last + 1])
    between = zip(pieces[first:last], breaks[first:last], strict=True)
    typed_spaced = "".join(p + (" " if b else "") for p, b in between) + pieces[last]
    search = search_in(text)
    for quote in (typed_solid, typed_spaced, text[expected.start : expected.end]):
        result = anchor_quote(search, quote)
        spans = spans_of(result)
        assert expected in spans or exact_elsewhere(text, quote, expected, result), (text, quote, result)
        # Every span found is the quote's own characters, the breaks between them included.
        for span in spans:
            assert normalize(text[span.start : span.end]) == normalize(quote)
            assert not text[span.start].isspace() and not text[span.end - 1].isspace()


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_wrapped_texts(CJK_CHARACTERS), st.data())
def test_a_chinese_or_japanese_quote_typed_without_the_line_breaks_anchors_to_its_characters(
    wrapping: tuple[list[str], list[str | None]], data: st.DataObject
) -> None:
    _assert_quote_anchors_across_breaks(*wrapping, data)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(_wrapped_texts(THAI_CLUSTERS), st.data())
def test_a_thai_or_lao_quote_typed_without_the_line_breaks_anchors_to_its_characters(
    wrapping: tuple[list[str], list[str | None]], data: st.DataObject
) -> None:
    _assert_quote_anchors_across_breaks(*wrapping, data)


@settings(max_examples=200)
@given(_wrapped_texts(CJK_CHARACTERS + THAI_CLUSTERS + ["Tokyo", "GDP", "é", "한국", " "]))
def test_the_offset_map_points_every_kept_character_at_itself(
    wrapping: tuple[list[str], list[str | None]],
) -> None:
    text = wrapped(*wrapping)[0]
    normalized, offsets = normalize_with_map(text)
    for i, ch in enumerate(normalized):
        start, end = offsets.to_original(i, i + 1)
        if ch != " ":
            assert text[start:end] == ch, (text, i)
        else:  # a space stands for spacing that is not between characters set solid
            assert text[start:end].isspace()


@settings(max_examples=200)
@given(
    st.sampled_from(["東京", "予算", "カタカナ", "ひらがな", "ภาษา", "。"]),
    st.sampled_from(["Tokyo", "GDP", "café", "Ελλάδα", "한국어", "العربية"]),
    st.sampled_from([" ", *BREAKS]),
)
def test_a_line_break_beside_a_word_of_a_spaced_script_stays_a_space(cjk: str, word: str, brk: str) -> None:
    assert normalize(cjk + brk + word) == f"{cjk} {word}"
    assert normalize(word + brk + cjk) == f"{word} {cjk}"
    # So the quote keeps the space, and anchors with it.
    text = f"前文{cjk}{brk}{word}後文 x"
    assert anchor_quote(search_in(text), f"{cjk} {word}") == Anchored(
        Span(2, 2 + len(cjk) + len(brk) + len(word)), normalized=brk != " "
    )


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\t", "\u2028"])
@pytest.mark.parametrize("cjk", ["日本語", "ภาษา", "。"])
def test_a_quote_starting_with_a_mark_on_no_letter_normalizes_as_its_text_does(brk: str, cjk: str) -> None:
    """A combining mark after a line break or a tab sits on no letter; the spacing after it is set
    solid or not by the mark itself, whether the quote starts at the mark or the text before it is
    seen too (found by hypothesis: "The\r\n\u0301 日本語" quoted from the mark did not anchor)."""
    text = f"The{brk}\u0301 {cjk} end"
    start = text.index("\u0301")
    quote = text[start : start + 2 + len(cjk)]
    assert normalize(quote) in normalize(text)
    result = anchor_quote(search_in(text), quote.replace(" ", "\n"))
    assert result == Anchored(Span(start, start + len(quote)), normalized=True)


def test_a_japanese_seed_mixing_kana_and_kanji_anchors_across_a_wrapped_line() -> None:
    text = "東京都は二十日、来年度の予算案を発表した。一般会計の総額は\n  八兆四千億円で、過去最大となる。"
    for quote in ("総額は八兆四千億円で", "総額は 八兆四千億円で", "総額は\n八兆四千億円で"):
        result = anchor_quote(search_in(text), quote)
        assert isinstance(result, Anchored) and result.normalized, quote
        assert text[result.span.start : result.span.end] == "総額は\n  八兆四千億円で"
    # Whole characters are enough in Japanese: a quote may start inside what UAX #29 calls a word.
    at = text.index("千億円")
    assert anchor_quote(search_in(text), "千億円") == Anchored(Span(at, at + 3), normalized=False)


def test_hints_for_a_repeated_chinese_quote_are_a_few_characters() -> None:
    text = "东京都说，新的预算\n已经批准。大阪府说，新的预算\n已经否决。"
    result = anchor_quote(search_in(text), "新的预算已经")
    assert isinstance(result, Ambiguous)
    for hint in result.hints:
        assert all(len(part or "") <= 4 for part in (hint.prefix, hint.suffix)), hint
        options = {"prefix": hint.prefix, "suffix": hint.suffix, "occurrence": hint.occurrence}
        picked = anchor_quote(search_in(text), "新的预算已经", **options)  # type: ignore[arg-type]
        assert picked == Anchored(hint.span, normalized=True)


# ------------------------------------------------------------------------------------------------
# Arabic
# ------------------------------------------------------------------------------------------------

# Words with harakat, tatweel, shadda, hamza, Arabic-Indic digits and a zero-width non-joiner.
ARABIC_WORDS = ["قال", "وزيرُ", "الماليةِ", "إنَّ", "الحكومةَ", "ستخفّض", "الضرائبَ", "بنسبة", "٣٪", "في"]
ARABIC_WORDS += ["العام", "المقبل،", "والحكـــومة"]
ARABIC_WORDS += ["لن", "تتراجع.", "٢٠٢٤", "مي\u200cخواهم", "الجديدة"]


ARABIC_GAPS = [" ", " ", "\n", "\r\n", "\n  ", " \u200f", "\u200f "]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(ARABIC_WORDS), min_size=2, max_size=30),
    st.lists(st.sampled_from(ARABIC_GAPS), min_size=30, max_size=30),
    st.data(),
)
def test_an_arabic_quote_anchors_to_exactly_its_words_across_line_breaks_and_marks(
    words: list[str], gaps: list[str], data: st.DataObject
) -> None:
    text, starts, ends = wrapped(words, [*gaps[: len(words) - 1], None])
    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first, len(words) - 1))
    expected = Span(starts[first], ends[last])
    search = search_in(text)
    for quote in (" ".join(words[first : last + 1]), text[expected.start : expected.end]):
        result = anchor_quote(search, quote)
        assert expected in spans_of(result) or exact_elsewhere(text, quote, expected, result), (quote, result)
        for span in spans_of(result):
            assert normalize(text[span.start : span.end]) == normalize(quote)


def test_arabic_keeps_its_line_breaks_as_spaces_and_its_marks_as_characters() -> None:
    text = "قال وزير المالية إنَّ الحكومةَ ستخفض\nالضرائب بنسبة ٣٪، والحكـــومة \u200fالجديدة لن تتراجع."
    text += " مي\u200cخواهم"
    search = search_in(text)

    def anchored(quote: str) -> str | None:
        result = anchor_quote(search, quote)
        return text[result.span.start : result.span.end] if isinstance(result, Anchored) else None

    assert anchored("الحكومةَ ستخفض الضرائب") == "الحكومةَ ستخفض\nالضرائب"
    assert anchored("الحكومةَ ستخفضالضرائب") is None  # Arabic puts a space between words
    # Shadda and fatha typed in either order are the same text (NFC puts them in one order).
    assert anchored("إن\u064e\u0651 الحكومةَ") == "إنَّ الحكومةَ"
    assert anchored("بنسبة ٣٪") == "بنسبة ٣٪"
    assert anchored("الجديدة لن") == "الجديدة لن"
    assert anchored("والحكـــومة الجديدة") == "والحكـــومة \u200fالجديدة"
    assert anchored("ميخواهم") == "مي\u200cخواهم"  # the non-joiner only shapes letters
    # What the rules keep: harakat, tatweel and the digits are characters of the quote.
    assert anchored("الحكومة ستخفض") is None
    assert anchored("والحكومة الجديدة") is None
    assert anchored("بنسبة 3٪") is None
    # A quote never starts inside a word: "و" (and) and "ال" (the) are part of "والحكـــومة".
    cut = anchor_quote(search, "الحكـــومة الجديدة")
    assert isinstance(cut, NotFound) and cut.cuts
    assert search.describe_cut(cut.cuts[0])[0] == "'الحكـــومة' would cut 'والحكـــومة'"
    assert anchor_quote(search, "خواهم").cuts  # type: ignore[union-attr]


# ------------------------------------------------------------------------------------------------
# A real build
# ------------------------------------------------------------------------------------------------

SEEDS = {
    "zh.txt": (
        "date 2024-05-01\n"
        "国务院新闻办公室周三表示，今年前四个月全国城镇新增就业\n"
        "人数达到四百五十万人，比去年同期增加十二万人。\n\n"
        "发言人说：“就业形势总体稳定。”\n"
    ),
    "ja.txt": (
        "date 2024-05-01\n"
        "東京都は二十日、来年度の予算案を発表した。一般会計の総額は\r\n"
        "  八兆四千億円で、過去最大となる。\r\n"
    ),
    "ar.txt": (
        "date 2024-05-01\n"
        "قال وزير المالية إنَّ الحكومةَ ستخفض\n"
        "الضرائب بنسبة ٣٪ في العام المقبل، والحكـــومة لن تتراجع.\n"
    ),
}
CHECKS = {
    "zh": ("全国城镇新增就业人数达到四百五十万人", "全国城镇新增就业\n人数达到四百五十万人"),
    "ja": ("総額は八兆四千億円で、過去最大となる", "総額は\r\n  八兆四千億円で、過去最大となる"),
    "ar": ("الحكومةَ ستخفض الضرائب بنسبة ٣٪", "الحكومةَ ستخفض\nالضرائب بنسبة ٣٪"),
}


def test_a_site_with_chinese_japanese_and_arabic_seeds_checks_builds_and_highlights_the_quotes(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "desk", OTHER_DESK)
    for old in (project / "seeds").iterdir():
        old.unlink()
    for name, text in SEEDS.items():
        (project / "seeds" / name).write_bytes(text.encode("utf-8"))
    data = {
        "sources": [
            {"id": f"source-{lang}", "seed": f"{lang}.txt", "title": f"Source {lang}", "outlet": "Outlet"}
            for lang in CHECKS
        ],
        "checks": [
            {
                "id": f"check-{lang}",
                "source": f"source-{lang}",
                "quote": quote,
                "claimant": "Someone",
                "claim_date": "2024-05-01",
                "claim": f"A claim in {lang}",
                "rating": "accurate",
                "summary": "It is so.",
                "published": "2024-05-02",
            }
            for lang, (quote, _) in CHECKS.items()
        ],
    }
    (project / "factchecks.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    checked = run_cli("check", "--strict", cwd=project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "3 quotes: 3 anchored (3 after normalization)" in checked.stdout + checked.stderr

    site = tmp_path / "public"
    built = mkdocs_build(project, site)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    for lang, (_, seed_passage) in CHECKS.items():
        pages = [p for p in site.rglob("*.html") if f"source-{lang}" in p.as_posix()]
        marked = {
            "".join(m.text for m in parse(p).find("mark") if m.attrs.get("data-check") == f"check-{lang}")
            for p in pages
        } - {""}
        assert marked, f"no highlight of check-{lang}"
        # The highlight holds the seed's own characters: the quote, with the seed's line break.
        for text in marked:
            assert re.sub(r"\s+", "", text) == re.sub(r"\s+", "", seed_passage), (lang, text)
