"""The same words get the same category in every bundled key.

Why: a student who marks "The results speak for themselves" as a missing-evidence claim in one
lesson and is told it is a cliché in the next learns that the categories are arbitrary. So a
quote keyed in two lessons (an item's words, or the words of its `core`, compared without regard
to case, quotation-mark style or whitespace) must have the same category, and the same accepted
categories among those both lessons' palettes offer (a category missing from one palette cannot
be chosen there, so it cannot be inconsistent). Within one lesson a phrase may be keyed twice on
purpose, e.g. a slogan and then its repetition, so only pairs from different lessons are compared.

If the context truly differs, add the quote to EXCEPTIONS with a comment saying why, and say so
in both rationales.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import NamedTuple

from literacy_app.core.lesson import Lesson
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.resources import bundled_lessons

#: Normalised quote -> why its lessons may key it differently. Empty: no exception is needed.
EXCEPTIONS: dict[str, str] = {}

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


class Keyed(NamedTuple):
    """One place a quote is keyed: which lesson and item, and what the key accepts there."""

    lesson: str
    item: str
    category: str
    accepted: frozenset[str]
    palette: frozenset[str]


def normalise(quote: str) -> str:
    """Compare quotes as a reader would: case, quote style and line breaks do not matter."""
    return re.sub(r"\s+", " ", quote.translate(_QUOTES)).strip().casefold()


def keyed_quotes(lessons: Iterable[Lesson]) -> dict[str, list[Keyed]]:
    """Every item quote and core quote of every key, grouped by normalised quote."""
    found: dict[str, list[Keyed]] = defaultdict(list)
    for lesson in lessons:
        assert lesson.key is not None
        palette = frozenset(lesson.palette.ids)
        for item in lesson.key.items:
            entry = Keyed(lesson.id, item.id, item.category, item.accepted_categories, palette)
            quotes = {normalise(item.mark.quote)}
            if item.core is not None and item.core.quote:
                quotes.add(normalise(item.core.quote))
            for quote in quotes:
                found[quote].append(entry)
    return found


def conflicts(found: dict[str, list[Keyed]]) -> list[str]:
    """One line per pair of lessons that key the same quote differently."""
    problems = []
    for quote, entries in sorted(found.items()):
        if quote in EXCEPTIONS:
            continue
        for a, b in combinations(entries, 2):
            if a.lesson == b.lesson:
                continue
            shared = a.palette & b.palette
            if a.category != b.category:
                problems.append(
                    f"{quote!r}: {a.lesson} {a.item} is {a.category}, "
                    f"{b.lesson} {b.item} is {b.category}"
                )
            elif a.accepted & shared != b.accepted & shared:
                problems.append(
                    f"{quote!r}: {a.lesson} {a.item} accepts {sorted(a.accepted & shared)}, "
                    f"{b.lesson} {b.item} accepts {sorted(b.accepted & shared)}"
                )
    return problems


def test_a_quote_keyed_in_two_lessons_has_one_category() -> None:
    found = keyed_quotes(load_lesson(folder) for folder in bundled_lessons())
    assert conflicts(found) == []


def test_the_bundled_keys_do_share_quotes() -> None:
    """Guards the test above against passing vacuously (e.g. if normalising broke)."""
    found = keyed_quotes(load_lesson(folder) for folder in bundled_lessons())
    shared = {q for q, entries in found.items() if len({e.lesson for e in entries}) > 1}
    assert {"the results speak for themselves", "experts warn"} <= shared


def test_a_conflict_is_reported_and_palettes_limit_what_is_compared() -> None:
    both = frozenset({"missing_evidence", "exaggeration"})
    found = {
        normalise("The results\nspeak for THEMSELVES"): [
            Keyed("a", "k1", "missing_evidence", both, both | {"thought_terminating_cliche"}),
            Keyed("b", "k9", "missing_evidence", both | {"thought_terminating_cliche"}, both),
        ],
        normalise("so-called “reform”"): [
            Keyed("a", "k2", "scare_quotes", frozenset({"scare_quotes"}), both),
            Keyed("c", "k3", "loaded_language", frozenset({"loaded_language"}), both),
        ],
        normalise("They switched it"): [
            Keyed("a", "k4", "slogans", frozenset({"slogans"}), both),
            Keyed("a", "k5", "repetition", frozenset({"repetition"}), both),
        ],
    }
    # the cliché reading is offered in only one palette, so it is not a conflict; the same
    # lesson keying a phrase twice (a slogan, then its repetition) is not one either
    assert conflicts(found) == [
        "'so-called \"reform\"': a k2 is scare_quotes, c k3 is loaded_language"
    ]
