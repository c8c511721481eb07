"""The article as the rules see it: a folded shadow for matching, and its sentences.

Patterns run on a lower-cased copy of the article with curly apostrophes folded to `'`. Every
replacement is one character, so an offset into the copy is an offset into the article; vetoes
that ask about "the sentence around a match" share one list of sentence ends per text.
"""

from __future__ import annotations

import bisect
import re

# Folded before matching; every replacement is one character, so offsets stay valid. U+0130 is
# the only character whose lower case is longer than itself.
_FOLD = (("\u2019", "'"), ("\u02bc", "'"), ("\u0130", "I"))
TOKEN = re.compile(r"[^\W_]+")
NEXT_TOKEN = re.compile(r"(?:\s+|[-'])([^\W_]+)")


def fold(text: str) -> str:
    """The text as patterns see it: lower case, curly apostrophes straight, same length."""
    for old, new in _FOLD:
        if old in text:
            text = text.replace(old, new)
    return text.lower()


# One leading character class lets the regex engine skip ahead quickly between candidates.
_SENTENCE_END = re.compile(r"[.!?…\n](?:(?<=\n)|[.!?…]*[\"'”’)\]]*(?=\s|$))")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sen",
        "rep",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "vs",
        "etc",
        "eg",
        "ie",
        "no",
        "fig",
        "approx",
        "est",
        "dept",
        "univ",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "al",
        "prop",
    ]
)


def is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Text:
    """The article plus what the rules need from it, each computed once and only if needed."""

    def __init__(self, text: str) -> None:
        self.text = text
        shadow = fold(text)
        if len(shadow) != len(text):  # defensive: never let a folding shift an offset
            shadow = "".join(folded if len(folded := fold(c)) == 1 else c for c in text)
        self.shadow = shadow
        self._sentence_ends: list[int] | None = None
        self._sentence_vetoes: dict[tuple[int, int], bool] = {}

    def on_word_boundaries(self, start: int, end: int) -> bool:
        text = self.shadow
        if start > 0 and is_word(text[start]) and is_word(text[start - 1]):
            return False
        return not (end < len(text) and is_word(text[end - 1]) and is_word(text[end]))

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence (or line) around [start, end), as offsets."""
        if self._sentence_ends is None:
            self._sentence_ends = self._find_sentence_ends()
        ends = self._sentence_ends
        before = bisect.bisect_right(ends, start) - 1
        after = bisect.bisect_left(ends, end)
        first = ends[before] if before >= 0 else 0
        last = ends[after] if after < len(ends) else len(self.text)
        return first, last

    def sentence_has(self, pattern: re.Pattern[str], start: int, end: int) -> bool:
        """Whether the sentence around the span matches; remembered per sentence and pattern,
        as several figures in one sentence ask the same question."""
        first, last = self.sentence(start, end)
        key = (id(pattern), first)
        found = self._sentence_vetoes.get(key)
        if found is None:
            found = self._sentence_vetoes[key] = pattern.search(self.text, first, last) is not None
        return found

    def _find_sentence_ends(self) -> list[int]:
        """Offsets just after each sentence: '.', '!' or '?' before a space, or a line break.
        A full stop after a known abbreviation or a single letter (an initial) does not count."""
        text = self.text
        ends = []
        for match in _SENTENCE_END.finditer(text):
            stop = match.start()
            if text[stop] == ".":
                word_start = stop
                while word_start > 0 and text[word_start - 1].isalpha():
                    word_start -= 1
                word = text[word_start:stop].lower()
                if len(word) == 1 or word in _ABBREVIATIONS:
                    continue
            ends.append(match.end())
        return ends
