from __future__ import annotations

import hashlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from literacy_app.core.errors import FormatError
from literacy_app.core.text import Utf16Index, decode, normalize, sha256, snap_to_words, trim_span


def test_normalize_line_endings_bom_and_nfc() -> None:
    assert normalize("\ufeffa\r\nb\rc") == "a\nb\nc"
    assert normalize("cafe\u0301") == "café"
    assert len(normalize("cafe\u0301")) == 4


def test_decode_rejects_other_encodings_with_a_place() -> None:
    with pytest.raises(FormatError) as caught:
        decode("line one\nna\xefve".encode("latin-1"), "article.txt")
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (2, 3)
    assert "not UTF-8" in problem.message


def test_sha256_is_of_normalized_utf8() -> None:
    assert sha256("é") == hashlib.sha256("é".encode()).hexdigest()


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("a “reform” was", (1, 11), "reform"),
        ("rammed through , then", (0, 16), "rammed through"),
        ("...", (0, 3), "..."),  # never emptied
        ("(so-called)", (0, 11), "so-called"),
    ],
)
def test_trim_span(text: str, span: tuple[int, int], expected: str) -> None:
    start, end = trim_span(text, *span)
    assert text[start:end] == expected


def test_snap_to_words_grows_partial_words() -> None:
    text = "the reckless plan"
    assert snap_to_words(text, 6, 10) == (4, 12)
    assert snap_to_words(text, 4, 12) == (4, 12)


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("in Russia’s plan", (3, 9), "Russia’s"),  # stops before the apostrophe
        ("in Russia’s plan", (10, 11), "Russia’s"),  # only the "s"
        ("in Russia’s plan", (9, 10), "Russia’s"),  # only the apostrophe
        ("I don’t know", (2, 4), "don’t"),
        ("I don't know", (4, 5), "don't"),
        ("so it’s fine", (3, 5), "it’s"),
        ("a ‘reform’ was", (3, 8), "reform"),  # a closing quote mark is not pulled in
        ("the students’ work", (4, 11), "students"),
    ],
)
def test_snap_to_words_keeps_word_internal_apostrophes(
    text: str, span: tuple[int, int], expected: str
) -> None:
    start, end = snap_to_words(text, *span)
    assert text[start:end] == expected


# A word, as a reader sees it: letters and digits joined by apostrophes inside the word.
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
SNAP_TEXT = st.text(alphabet=st.sampled_from("ab1é ’'.-\n"), max_size=30)


@st.composite
def text_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(SNAP_TEXT)
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, start, end


@given(text_and_span())
def test_snap_never_shrinks_and_is_idempotent(case: tuple[str, int, int]) -> None:
    text, start, end = case
    new_start, new_end = snap_to_words(text, start, end)
    assert new_start <= start <= end <= new_end
    assert snap_to_words(text, new_start, new_end) == (new_start, new_end)


@given(text_and_span())
def test_snap_never_crosses_whitespace(case: tuple[str, int, int]) -> None:
    text, start, end = case
    new_start, new_end = snap_to_words(text, start, end)
    grown = text[new_start:start] + text[end:new_end]
    assert not any(ch.isspace() for ch in grown)


@given(text_and_span())
def test_snap_never_leaves_an_edge_inside_a_word(case: tuple[str, int, int]) -> None:
    """Apostrophes inside a word (’ and ') stay with it; an edge is never strictly inside."""
    text, start, end = case
    new_start, new_end = snap_to_words(text, start, end)
    for word in WORD.finditer(text):
        assert not word.start() < new_start < word.end()
        assert not word.start() < new_end < word.end()


def test_utf16_round_trip_with_emoji() -> None:
    text = "a🚌b👍🏽c"
    index = Utf16Index(text)
    assert index.length == len(text.encode("utf-16-le")) // 2
    for offset in range(len(text) + 1):
        utf16 = index.to_utf16(offset)
        assert utf16 == len(text[:offset].encode("utf-16-le")) // 2
        assert index.from_utf16(utf16) == offset
    # the middle of a surrogate pair snaps to the character's start
    assert index.from_utf16(2) == 1


@given(st.text(alphabet=st.sampled_from("ab 🚌é\U0001f600,"), max_size=40))
def test_utf16_index_matches_encoding(text: str) -> None:
    index = Utf16Index(text)
    for offset in range(len(text) + 1):
        assert index.from_utf16(index.to_utf16(offset)) == offset
