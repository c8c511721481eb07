"""Ways a student might game the classroom score, run against every bundled lesson.

Each strategy sees only what a student sees (the article and the palette), except the two
"key-informed" ones, which are given the key's passages but not its categories: they measure
whether hedging on categories pays. The app's own suggestion rules are listed apart: they are
no guess, but a machine reader a student could run. `python -m tests.lessons.gaming` prints
the table that docs/scoring.md shows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path

from literacy_app.core.lesson import Lesson
from literacy_app.core.marks import Mark
from literacy_app.core.scoring import PreparedKey, grade
from literacy_app.core.suggest import suggest
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.resources import bundled_lessons

Span = tuple[int, int]
Strategy = Callable[[Lesson], list[tuple[int, int, str]]]

_WORD = re.compile(r"[\w’'-]+")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_CLAUSE = re.compile(r"[^.!?,;:—–\n()“”\"]+")
_PARAGRAPH = re.compile(r"[^\n]+")


def _spans(pattern: re.Pattern[str], text: str) -> list[Span]:
    return [(m.start(), m.end()) for m in pattern.finditer(text) if m.group().strip()]


def _words(lesson: Lesson) -> list[Span]:
    return _spans(_WORD, lesson.article.text)


def _palette(lesson: Lesson) -> list[str]:
    return list(lesson.palette.ids)


def _first_of_each_group(lesson: Lesson) -> list[str]:
    """One framing and one claim category: what a guesser who read the palette would pick."""
    chosen: dict[str, str] = {}
    for category in lesson.palette:
        chosen.setdefault(category.group.value, category.id)
    return list(chosen.values())


def _every(spans: list[Span], categories: list[str]) -> list[tuple[int, int, str]]:
    return [(s, e, c) for s, e in spans for c in categories]


def every_word_every_category(lesson: Lesson) -> list[tuple[int, int, str]]:
    return _every(_words(lesson), _palette(lesson))


def every_word_one_category(lesson: Lesson) -> list[tuple[int, int, str]]:
    return _every(_words(lesson), _palette(lesson)[:1])


def word_pairs_two_categories(lesson: Lesson) -> list[tuple[int, int, str]]:
    """Overlapping two-word windows, one framing and one claim category."""
    words = _words(lesson)
    pairs = [(a[0], b[1]) for a, b in pairwise(words)]
    return _every(pairs, _first_of_each_group(lesson))


def three_word_phrases_three_categories(lesson: Lesson) -> list[tuple[int, int, str]]:
    words = _words(lesson)
    phrases = [(words[i][0], words[min(i + 2, len(words) - 1)][1]) for i in range(0, len(words), 3)]
    return _every(phrases, _palette(lesson)[:3])


def every_clause_two_categories(lesson: Lesson) -> list[tuple[int, int, str]]:
    return _every(_spans(_CLAUSE, lesson.article.text), _first_of_each_group(lesson))


def every_sentence_every_category(lesson: Lesson) -> list[tuple[int, int, str]]:
    return _every(_spans(_SENTENCE, lesson.article.text), _palette(lesson))


def every_sentence_best_single_category(lesson: Lesson) -> list[tuple[int, int, str]]:
    """Every sentence with the one category that scores best on this lesson (an oracle guess)."""
    sentences = _spans(_SENTENCE, lesson.article.text)
    return max(
        (_every(sentences, [category]) for category in _palette(lesson)),
        key=lambda marks: score(lesson, marks),
    )


def every_sentence_three_times(lesson: Lesson) -> list[tuple[int, int, str]]:
    """Duplicates: the same marks again and again."""
    return _every(_spans(_SENTENCE, lesson.article.text), _palette(lesson)[:1]) * 3


def every_paragraph_every_category(lesson: Lesson) -> list[tuple[int, int, str]]:
    return _every(_spans(_PARAGRAPH, lesson.article.text), _palette(lesson))


def whole_article_every_category(lesson: Lesson) -> list[tuple[int, int, str]]:
    return _every([(0, len(lesson.article.text))], _palette(lesson))


def every_third_sentence_best_category(lesson: Lesson) -> list[tuple[int, int, str]]:
    """A thinner blanket, so fewer marks land outside the key (each with the oracle category)."""
    sentences = _spans(_SENTENCE, lesson.article.text)[::3]
    return max(
        (_every(sentences, [category]) for category in _palette(lesson)),
        key=lambda marks: score(lesson, marks),
    )


def rule_based_suggestions(lesson: Lesson) -> list[tuple[int, int, str]]:
    """What the app's own suggestion rules find (a machine that knows the usual wording)."""
    palette = set(_palette(lesson))
    return [
        (s.start, s.end, s.category) for s in suggest(lesson.article.text) if s.category in palette
    ]


def key_passages_every_category(lesson: Lesson) -> list[tuple[int, int, str]]:
    """Knows where every item is but hedges on what it is: every palette category on each."""
    assert lesson.key is not None
    return _every([(i.start, i.end) for i in lesson.key.items], _palette(lesson))


def key_passages_two_categories(lesson: Lesson) -> list[tuple[int, int, str]]:
    """Knows where, hedges with one framing and one claim category on each passage."""
    assert lesson.key is not None
    return _every([(i.start, i.end) for i in lesson.key.items], _first_of_each_group(lesson))


STRATEGIES: dict[str, Strategy] = {
    "every word × every category": every_word_every_category,
    "every word × one category": every_word_one_category,
    "overlapping word pairs × 2 categories": word_pairs_two_categories,
    "3-word phrases × 3 categories": three_word_phrases_three_categories,
    "every clause × 2 categories": every_clause_two_categories,
    "every sentence × every category": every_sentence_every_category,
    "every sentence × best single category": every_sentence_best_single_category,
    "every third sentence × best single category": every_third_sentence_best_category,
    "every sentence marked 3 times": every_sentence_three_times,
    "every paragraph × every category": every_paragraph_every_category,
    "whole article × every category": whole_article_every_category,
    "key passages × every category": key_passages_every_category,
    "key passages × 2 categories": key_passages_two_categories,
}


# Not a guess: the app's own rule-based suggester, written against these very lessons, run on
# the article as a student could run `literacy-app suggest`. It must not beat a careful reader.
MACHINE_READERS: dict[str, Strategy] = {
    "the app's suggestion rules": rule_based_suggestions,
}


def marks_of(spans: list[tuple[int, int, str]]) -> list[Mark]:
    return [Mark(f"g{i}", s, e, c) for i, (s, e, c) in enumerate(spans)]


_PREPARED: dict[str, PreparedKey] = {}


def score(lesson: Lesson, spans: list[tuple[int, int, str]]) -> float:
    assert lesson.key is not None
    prepared = _PREPARED.get(lesson.id)
    if prepared is None:
        prepared = _PREPARED[lesson.id] = PreparedKey(
            lesson.key, lesson.taxonomy, lesson.article.text
        )
    return grade(prepared, marks_of(spans)).score


def lessons() -> Iterator[Lesson]:
    for folder in bundled_lessons():
        yield load_lesson(folder)


def table(folders: list[Path] | None = None) -> str:
    """Markdown: one row per strategy, one column per lesson, the worst case last."""
    loaded = [load_lesson(f) for f in folders] if folders else list(lessons())
    header = "| strategy | " + " | ".join(lesson.id for lesson in loaded) + " |"
    rule = "|---|" + "---:|" * len(loaded)
    rows = [header, rule]
    for name, strategy in {**STRATEGIES, **MACHINE_READERS}.items():
        scores = [score(lesson, strategy(lesson)) for lesson in loaded]
        rows.append(f"| {name} | " + " | ".join(f"{s:.1f}" for s in scores) + " |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
