"""Marks: a span of the article with a category, and the context that lets it be found again."""

from __future__ import annotations

from dataclasses import dataclass, replace

CONTEXT_LENGTH = 32


@dataclass(frozen=True, slots=True)
class Mark:
    """A student's (or an instructor's) claim that [start, end) of the article is `category`.

    `quote`, `prefix` and `suffix` duplicate what the article says at those offsets on purpose:
    if the article is later corrected, they are how the mark is placed again (see anchoring).
    """

    id: str
    start: int
    end: int
    category: str
    note: str = ""
    quote: str = ""
    prefix: str = ""
    suffix: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def moved(self, start: int, end: int, text: str) -> Mark:
        """The same mark at a new place, its context captured from `text`."""
        return replace(self, start=start, end=end, **context_of(text, start, end))

    def with_context(self, text: str) -> Mark:
        return self.moved(self.start, self.end, text)


def context_of(text: str, start: int, end: int) -> dict[str, str]:
    """Quote and up to CONTEXT_LENGTH characters either side, as W3C TextQuoteSelector has."""
    return {
        "quote": text[start:end],
        "prefix": text[max(0, start - CONTEXT_LENGTH) : start],
        "suffix": text[end : end + CONTEXT_LENGTH],
    }


def next_mark_id(existing: set[str], stem: str = "m") -> str:
    """The smallest `m<n>` not in use: short, stable ids that read well in lists and files."""
    n = len(existing) + 1
    while f"{stem}{n}" in existing:
        n += 1
    return f"{stem}{n}"
