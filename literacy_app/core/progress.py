"""A self-taught learner's record: every check of every lesson, and every drill answer.

Plain, immutable data. Each change returns a new `Progress`, so that `update_progress` (in
formats/progress_file.py) can apply a change to whatever is on disk at the moment of writing:
two windows of the app each add their attempt to the other's, never to a stale copy.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar

from literacy_app.core.grade_result import Outcome

if TYPE_CHECKING:
    from literacy_app.core.grade_result import GradeResult

T = TypeVar("T")

#: The miss rate of a category the learner has never met. Half-way: nothing is known, so the
#: drills neither avoid it nor chase it (see `Progress.miss_rates`).
UNSEEN_MISS_RATE = 0.5
#: A mislabeled item was seen but named wrongly; an imprecise one was seen and named, with the
#: span off: half a miss, since the learner recognised the device.
IMPRECISE_WEIGHT = 0.5


def _frozen(mapping: Mapping[str, T] | None) -> MappingProxyType[str, T]:
    """A read-only copy: a frozen dataclass holding a dict is still mutable through it."""
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True, slots=True)
class Tally:
    """How the key items of one category came out."""

    found: int = 0
    mislabeled: int = 0
    imprecise: int = 0
    missed: int = 0

    @property
    def total(self) -> int:
        return self.found + self.mislabeled + self.imprecise + self.missed

    @property
    def misses(self) -> float:
        """Items the learner did not get, with an imprecise one as half."""
        return self.missed + self.mislabeled + IMPRECISE_WEIGHT * self.imprecise

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.found + other.found,
            self.mislabeled + other.mislabeled,
            self.imprecise + other.imprecise,
            self.missed + other.missed,
        )


@dataclass(frozen=True, slots=True)
class DrillTally:
    right: int = 0
    wrong: int = 0

    @property
    def total(self) -> int:
        return self.right + self.wrong

    def __add__(self, other: DrillTally) -> DrillTally:
        return DrillTally(self.right + other.right, self.wrong + other.wrong)


@dataclass(frozen=True)
class Attempt:
    """One check of changed work on one lesson.

    `hints` counts the hint levels the learner had seen by the time of this check, within the
    lesson (a hint taken before the first check still helps the second, and still costs), so
    the lesson's total is its last attempt's, not a sum. `answers_revealed`: the key had been
    shown before this check, so its score measures copying as much as reading."""

    number: int
    finished: str  # ISO 8601, UTC
    score: float  # after any hint deduction, 0..100
    raw_score: float
    seconds: int  # spent since the previous attempt or the opening of the lesson
    hints: int = 0
    answers_revealed: bool = False
    categories: Mapping[str, Tally] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "categories", _frozen(self.categories))

    def tally(self) -> Tally:
        return sum(self.categories.values(), Tally())


class LessonState(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    ATTEMPTED = "attempted"


@dataclass(frozen=True)
class LessonRecord:
    lesson: str
    title: str
    attempts: tuple[Attempt, ...] = ()
    answers_revealed_at: int | None = None  # the attempt after which the key was shown
    work: str = ""  # the file holding the marks in progress ("": none)

    @property
    def best_score(self) -> float | None:
        """The best score earned without the answers in view; only when every attempt came
        after them (a lesson that shows its key before any check), the best of those."""
        unaided = [a.score for a in self.attempts if not a.answers_revealed]
        scores = unaided or [a.score for a in self.attempts]
        return max(scores) if scores else None

    @property
    def last_score(self) -> float | None:
        return self.attempts[-1].score if self.attempts else None

    @property
    def seconds(self) -> int:
        return sum(a.seconds for a in self.attempts)

    @property
    def hints(self) -> int:
        """Hint levels used on the lesson (each attempt counts those seen so far)."""
        return max((a.hints for a in self.attempts), default=0)

    @property
    def status(self) -> LessonState:
        if self.attempts:
            return LessonState.ATTEMPTED
        return LessonState.IN_PROGRESS if self.work else LessonState.NOT_STARTED


@dataclass(frozen=True)
class Progress:
    lessons: Mapping[str, LessonRecord] = field(default_factory=dict)
    drills: Mapping[str, DrillTally] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lessons", _frozen(self.lessons))
        object.__setattr__(self, "drills", _frozen(self.drills))

    @property
    def empty(self) -> bool:
        return not self.lessons and not self.drills

    def record(self, lesson_id: str) -> LessonRecord | None:
        return self.lessons.get(lesson_id)

    def _with_record(self, lesson_id: str, title: str, **changes: object) -> Progress:
        old = self.lessons.get(lesson_id) or LessonRecord(lesson_id, title)
        record = replace(old, title=title or old.title, **changes)  # type: ignore[arg-type]
        return Progress({**self.lessons, lesson_id: record}, self.drills)

    def with_attempt(self, lesson_id: str, title: str, attempt: Attempt) -> Progress:
        """The attempt added after the lesson's others, numbered after them: two windows that
        both believed they were making attempt 3 record attempts 3 and 4."""
        old = self.lessons.get(lesson_id)
        attempts = old.attempts if old else ()
        numbered = replace(attempt, number=len(attempts) + 1)
        return self._with_record(lesson_id, title, attempts=(*attempts, numbered))

    def with_answers_revealed(self, lesson_id: str, title: str, at_attempt: int) -> Progress:
        """The earliest reveal is kept: once seen, answers cannot be unseen."""
        old = self.lessons.get(lesson_id)
        earlier = old.answers_revealed_at if old else None
        at = at_attempt if earlier is None else min(earlier, at_attempt)
        return self._with_record(lesson_id, title, answers_revealed_at=at)

    def with_work(self, lesson_id: str, title: str, path: str) -> Progress:
        return self._with_record(lesson_id, title, work=path)

    def with_drill_answer(self, category: str, right: bool) -> Progress:
        one = DrillTally(1, 0) if right else DrillTally(0, 1)
        drills = {**self.drills, category: self.drills.get(category, DrillTally()) + one}
        return Progress(self.lessons, drills)

    def category_picture(self) -> dict[str, Tally]:
        """Per category, summed over every attempt of every lesson: a device missed three
        times before it was found counts as three misses and one find, which is the story
        of the learner's reading, not just of their best attempt."""
        picture: dict[str, Tally] = {}
        for record in self.lessons.values():
            for attempt in record.attempts:
                for category, tally in attempt.categories.items():
                    picture[category] = picture.get(category, Tally()) + tally
        return picture

    def miss_rates(self) -> dict[str, float]:
        """Per category met in a lesson or a drill: (misses + 1) / (items + 2), counting a
        wrong drill answer as a miss and a right one as a find.

        The +1/+2 (Laplace's rule of succession) keeps one unlucky item from making a
        category look hopeless (1/1 missed would be 100%) and one lucky one from making it
        look mastered (0%), so the drills keep offering both; every rate lies strictly
        between 0 and 1, and a category never met would be UNSEEN_MISS_RATE, 0.5."""
        picture = self.category_picture()
        rates: dict[str, float] = {}
        for category in sorted(set(picture) | set(self.drills)):
            tally = picture.get(category, Tally())
            drill = self.drills.get(category, DrillTally())
            misses = tally.misses + drill.wrong
            rates[category] = (misses + 1) / (tally.total + drill.total + 2)
        return rates

    def miss_rate(self, category: str) -> float:
        return self.miss_rates().get(category, UNSEEN_MISS_RATE)


_OUTCOME_FIELD = {
    Outcome.FOUND: "found",
    Outcome.MISLABELED: "mislabeled",
    Outcome.IMPRECISE: "imprecise",
    Outcome.MISSED: "missed",
}


def tallies(items: Iterable[tuple[str, Outcome, bool]]) -> dict[str, Tally]:
    """Per category from (category, outcome, required) of each key item.

    Every required item counts. An optional (bonus) item counts only when the learner marked
    it: the lesson did not ask for it, so leaving it alone says nothing about a weak spot,
    but marking it says how the learner names that device."""
    counts: dict[str, dict[str, int]] = {}
    for category, outcome, required in items:
        if not required and outcome is Outcome.MISSED:
            continue
        row = counts.setdefault(category, dict.fromkeys(_OUTCOME_FIELD.values(), 0))
        row[_OUTCOME_FIELD[outcome]] += 1
    return {category: Tally(**row) for category, row in counts.items()}


def attempt_from(
    result: GradeResult,
    number: int,
    seconds: int,
    hints: int,
    hint_penalty: float,
    answers_revealed: bool,
    finished: str,
) -> Attempt:
    """The attempt a check makes: the score less `hint_penalty` points per hint level (never
    below 0), to one decimal as the learner sees it."""
    if not math.isfinite(result.score) or not math.isfinite(hint_penalty):
        raise ValueError(f"expected finite numbers, got {result.score} and {hint_penalty}")
    if number < 1 or seconds < 0 or hints < 0 or hint_penalty < 0:
        raise ValueError(
            f"expected number >= 1 and non-negative seconds, hints and penalty, got "
            f"{number}, {seconds}, {hints}, {hint_penalty}"
        )
    raw = min(100.0, max(0.0, result.score))
    score = max(0.0, raw - hint_penalty * hints)
    return Attempt(
        number=number,
        finished=finished,
        score=round(score, 1),
        raw_score=round(raw, 1),
        seconds=seconds,
        hints=hints,
        answers_revealed=answers_revealed,
        categories=tallies((i.category, i.outcome, i.required) for i in result.items),
    )
