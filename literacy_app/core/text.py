"""Article text: normalization, identity, span trimming and UTF-16 conversion.

Offsets everywhere are code points into the *normalized* text, so normalization happens exactly
once, here, and every later step (keys, submissions, scoring, the GUI) can rely on it.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from literacy_app.core.errors import FormatError
from literacy_app.i18n import _

BOM = "\ufeff"

# Characters trimmed from both ends of a span before it is stored or compared: a selection made by
# dragging or by Ctrl+Shift+Right easily swallows a trailing space, comma or closing quote.
EDGE_CHARACTERS = frozenset(" \t\n\r\u00a0\u2009\u200a\u202f\u3000.,;:!?…—–-\"'“”‘’«»„‚‹›`()[]{}*_")


def normalize(text: str) -> str:
    """CRLF/CR to LF, BOM dropped, NFC: the one canonical form offsets refer to."""
    if text.startswith(BOM):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decode(data: bytes, file: str | Path) -> str:
    """Decode article bytes as UTF-8, or explain why they are not."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        column = err.start - (before.rfind(b"\n") + 1) + 1
        raise FormatError.single(
            file,
            _(
                "not UTF-8 text (byte 0x{byte:02x} at offset {offset}); save the file as UTF-8"
            ).format(byte=data[err.start], offset=err.start),
            line,
            column,
        ) from None


def sha256(data: str | bytes) -> str:
    """Hex SHA-256 of `data` (text as UTF-8). hashlib is imported at the first digest: it
    loads OpenSSL, ~3 ms that opening a lesson does not need."""
    import hashlib

    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past whitespace and edge punctuation; an all-punctuation span keeps
    its original extent so that it is never emptied."""
    new_start, new_end = start, end
    while new_start < new_end and text[new_start] in EDGE_CHARACTERS:
        new_start += 1
    while new_end > new_start and text[new_end - 1] in EDGE_CHARACTERS:
        new_end -= 1
    if new_start == new_end:
        return start, end
    return new_start, new_end


#: Apostrophes that join the letters around them into one word ("Russia’s", "don't"). Between
#: two letters or digits they belong to the word; at its edge they are a quote mark, not part of it.
WORD_APOSTROPHES = frozenset("'\u2019")


def _in_word(text: str, index: int) -> bool:
    """Whether the character at `index` is part of a word: a letter or digit, or an apostrophe
    with a letter or digit on both sides."""
    char = text[index]
    if char.isalnum():
        return True
    return (
        char in WORD_APOSTROPHES
        and 0 < index < len(text) - 1
        and text[index - 1].isalnum()
        and text[index + 1].isalnum()
    )


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a span to whole words (a selection that starts or ends mid-word).

    A word is letters and digits joined by word-internal apostrophes, so a drag that stops at
    "Russia" in "Russia’s" takes the "’s" too, while a closing quote mark after a word is left
    for `trim_span`. The span only ever grows, never across anything but word characters, and
    snapping a snapped span changes nothing."""
    while 0 < start < len(text) and _in_word(text, start - 1) and _in_word(text, start):
        start -= 1
    while 0 < end < len(text) and _in_word(text, end - 1) and _in_word(text, end):
        end += 1
    return start, end


@dataclass(frozen=True)
class Attribution:
    """Where an article comes from; shown with the article and kept in every export."""

    author: str = ""
    outlet: str = ""
    date: str = ""
    url: str = ""
    original: str = ""
    licence: str = ""

    def summary(self) -> str:
        parts = [p for p in (self.author, self.outlet, self.date) if p]
        line = ", ".join(parts)
        if self.original:
            line += f" (originally in {self.original})"
        return line


@dataclass(frozen=True)
class Article:
    """Normalized article text plus what it is and where it came from."""

    text: str
    title: str = ""
    attribution: Attribution = field(default_factory=Attribution)

    @cached_property
    def sha256(self) -> str:
        return sha256(self.text)

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]


class Utf16Index:
    """Converts between code-point offsets (ours) and UTF-16 offsets (Qt's) for one text.

    Only characters outside the Basic Multilingual Plane differ (one code point, two units), so
    the index stores just their positions and converts with a binary search.
    """

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # UTF-16 position of each astral character (the index of its high surrogate).
        self._astral_utf16 = [cp + n for n, cp in enumerate(self._astral)]
        self.length = len(text) + len(self._astral)

    def to_utf16(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._astral, offset)

    def from_utf16(self, position: int) -> int:
        """Code-point offset for a UTF-16 position; a position between the two halves of a
        surrogate pair snaps to the start of that character."""
        before = bisect.bisect_left(self._astral_utf16, position)
        if before and self._astral_utf16[before - 1] + 1 == position:
            return self._astral[before - 1]
        return position - before
