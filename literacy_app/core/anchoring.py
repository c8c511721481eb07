"""Placing marks again after the article text changed.

Following Hypothesis' anchoring: trust the recorded position if the quote is still there, then
the exact quote whose context agrees best, then a fuzzy match of context+quote. Whatever cannot
be placed is returned as an orphan, to be shown to the user, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from literacy_app.core.marks import Mark
from literacy_app.core.text import EDGE_CHARACTERS, snap_to_words

FUZZY_CONTEXT_MIN = 75.0  # rapidfuzz score (0-100) for context + quote
FUZZY_QUOTE_MIN = 80.0  # and for the quote alone inside the region found

# Work caps, so that a hostile or mismatched file is answered in seconds (100,000 marks
# against the wrong article took 54 s). A corrected article needs none of them: its marks
# are found where they were or by their exact quote; fuzzy placement is for the few words
# that changed.
MAX_EXACT_CANDIDATES = 1_000  # occurrences of one quote compared by context
FUZZY_WINDOW = 2_000  # characters either side of the old place searched first
MAX_WINDOW_SEARCHES = 2_000  # fuzzy searches near the old place, per file
MAX_TEXT_SEARCHES = 200  # fuzzy searches of the whole article, per file


class AnchorStatus(StrEnum):
    EXACT = "exact"  # found where it was
    MOVED = "moved"  # the same words, elsewhere
    FUZZY = "fuzzy"  # similar words: check it
    ORPHAN = "orphan"  # not found


@dataclass(frozen=True, slots=True)
class Anchored:
    mark: Mark
    status: AnchorStatus
    original: Mark


@dataclass(frozen=True)
class AnchorReport:
    placed: tuple[Anchored, ...]
    orphans: tuple[Mark, ...]

    @property
    def marks(self) -> tuple[Mark, ...]:
        return tuple(a.mark for a in self.placed)

    @property
    def changed(self) -> tuple[Anchored, ...]:
        return tuple(a for a in self.placed if a.status is not AnchorStatus.EXACT)


@dataclass
class AnchorBudget:
    """The fuzzy searches one file may still spend (see the caps above); shared by all the
    marks of a file, fresh for each file."""

    window_searches: int = MAX_WINDOW_SEARCHES
    text_searches: int = MAX_TEXT_SEARCHES


def _context_agreement(text: str, start: int, end: int, mark: Mark) -> int:
    """How many characters of recorded prefix and suffix agree at this place."""
    before = text[max(0, start - len(mark.prefix)) : start]
    after = text[end : end + len(mark.suffix)]
    return _shared_start(before[::-1], mark.prefix[::-1]) + _shared_start(after, mark.suffix)


def _shared_start(a: str, b: str) -> int:
    """Characters two strings share at their start (context agreement, not path logic)."""
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _exact(text: str, mark: Mark) -> int | None:
    """Start of the quote occurrence with the best context (nearest the old place on ties)."""
    best: tuple[int, int] | None = None
    best_start = None
    position = text.find(mark.quote)
    examined = 0
    while position != -1 and examined < MAX_EXACT_CANDIDATES:
        examined += 1
        rank = (
            -_context_agreement(text, position, position + len(mark.quote), mark),
            abs(position - mark.start),
        )
        if best is None or rank < best:
            best, best_start = rank, position
        position = text.find(mark.quote, position + 1)
    return best_start


def _fuzzy(text: str, mark: Mark, budget: AnchorBudget) -> tuple[int, int] | None:
    """Near the old place first, then (budget allowing) anywhere in the article."""
    near_low = max(0, mark.start - FUZZY_WINDOW)
    near_high = min(len(text), mark.end + FUZZY_WINDOW)
    if budget.window_searches > 0:
        budget.window_searches -= 1
        found = _fuzzy_in(text, mark, near_low, near_high)
        if found is not None or (near_low == 0 and near_high == len(text)):
            return found
    if budget.text_searches > 0:
        budget.text_searches -= 1
        return _fuzzy_in(text, mark, 0, len(text))
    return None


def _fuzzy_in(text: str, mark: Mark, low: int, high: int) -> tuple[int, int] | None:
    # Imported on first use: fuzzy placement is rare (an article corrected after marking) and
    # rapidfuzz adds ~15 ms to every start-up otherwise.
    from rapidfuzz import fuzz

    needle = mark.prefix + mark.quote + mark.suffix
    region = fuzz.partial_ratio_alignment(needle, text[low:high], score_cutoff=FUZZY_CONTEXT_MIN)
    if region is None:
        return None
    region_start, region_end = low + region.dest_start, low + region.dest_end
    low = max(0, region_start - len(mark.quote))
    high = min(len(text), region_end + len(mark.quote))
    window = text[low:high]
    inner = fuzz.partial_ratio_alignment(mark.quote, window, score_cutoff=FUZZY_QUOTE_MIN)
    if inner is None or inner.dest_end <= inner.dest_start:
        return None
    return _refine(text, low + inner.dest_start, low + inner.dest_end, mark.quote)


def _refine(text: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """Fit a fuzzy alignment to the words: the aligner compares windows as long as the old quote,
    so a corrected word may be cut short or a neighbour's punctuation swallowed."""
    start, end = snap_to_words(text, start, end)
    while end > start and text[end - 1] in EDGE_CHARACTERS and text[end - 1] != quote[-1]:
        end -= 1
    while start < end and text[start] in EDGE_CHARACTERS and text[start] != quote[0]:
        start += 1
    if not quote[-1].isalnum() and end < len(text) and text[end] == quote[-1]:
        end += 1  # the old quote ended with punctuation (a closing quote mark): keep it
    if not quote[0].isalnum() and start > 0 and text[start - 1] == quote[0]:
        start -= 1
    return start, end


def anchor_mark(text: str, mark: Mark, budget: AnchorBudget | None = None) -> Anchored:
    """`mark` placed in `text`. Pass one `budget` for all the marks of a file: it caps the
    fuzzy work that file can cause."""
    if not mark.quote:
        # Nothing to search by: only the position can be trusted, and only if it is in range.
        if 0 <= mark.start < mark.end <= len(text):
            return Anchored(mark.with_context(text), AnchorStatus.EXACT, mark)
        return Anchored(mark, AnchorStatus.ORPHAN, mark)
    if text[mark.start : mark.end] == mark.quote:
        return Anchored(mark, AnchorStatus.EXACT, mark)
    start = _exact(text, mark)
    if start is not None:
        moved = mark.moved(start, start + len(mark.quote), text)
        return Anchored(moved, AnchorStatus.MOVED, mark)
    found = _fuzzy(text, mark, budget if budget is not None else AnchorBudget())
    if found is not None:
        return Anchored(mark.moved(*found, text), AnchorStatus.FUZZY, mark)
    return Anchored(mark, AnchorStatus.ORPHAN, mark)


def reanchor(text: str, marks: Sequence[Mark]) -> AnchorReport:
    budget = AnchorBudget()
    results = [anchor_mark(text, mark, budget) for mark in marks]
    return AnchorReport(
        placed=tuple(r for r in results if r.status is not AnchorStatus.ORPHAN),
        orphans=tuple(r.mark for r in results if r.status is AnchorStatus.ORPHAN),
    )
