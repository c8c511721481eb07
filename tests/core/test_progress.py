"""The learner's progress model: attempts from grades, statuses, the per-category picture and
the miss rates that steer the drills."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from literacy_app.core.grade_result import PRF, GradeResult, ItemResult, Outcome
from literacy_app.core.marks import Mark
from literacy_app.core.progress import (
    UNSEEN_MISS_RATE,
    Attempt,
    DrillTally,
    LessonState,
    Progress,
    Tally,
    attempt_from,
)
from literacy_app.core.scoring import grade_marks
from tests.core.scoring_helpers import TAXONOMY, key_of

CATEGORIES = ["loaded_language", "doubt", "vague_attribution", "unsourced_figure"]
WHEN = "2026-11-25T10:10:00+00:00"
NO_PRF = PRF(1.0, 1.0, 1.0, 0, 0, 0, 0)


def grade(score: float, items: list[tuple[str, Outcome, bool]]) -> GradeResult:
    return GradeResult(
        score=score,
        earned=0.0,
        possible=0.0,
        bonus_earned=0.0,
        bonus_possible=0.0,
        penalty=0.0,
        items=tuple(
            ItemResult(f"k{n}", outcome, 0.0, 1.0, required, category)
            for n, (category, outcome, required) in enumerate(items)
        ),
        marks=(),
        spans=NO_PRF,
        labelled=NO_PRF,
    )


def attempt(score: float = 50.0, revealed: bool = False, **tallies: Tally) -> Attempt:
    return Attempt(1, WHEN, score, score, 60, 0, revealed, tallies)


# --- attempts from a grade --------------------------------------------------------------------


def test_a_real_grade_becomes_an_attempt_with_a_tally_per_category() -> None:
    text = "The reckless plan. Experts say it failed. Critics claim ninety percent agree."
    spans = [(4, 12, "loaded_language"), (19, 30, "vague_attribution"), (42, 56, "doubt")]
    key = key_of(spans)
    marks = [
        Mark("m1", 4, 12, "loaded_language"),  # found
        Mark("m2", 19, 30, "unsourced_figure"),  # right words, wrong name
    ]
    result = grade_marks(key, marks, TAXONOMY, text)
    made = attempt_from(result, 1, 300, 0, 5.0, False, WHEN)
    assert made.categories == {
        "loaded_language": Tally(found=1),
        "vague_attribution": Tally(mislabeled=1),
        "doubt": Tally(missed=1),
    }
    assert made.raw_score == round(result.score, 1)
    assert made.score == made.raw_score  # no hints, no deduction


def test_hints_cost_points_but_never_push_the_score_below_zero() -> None:
    result = grade(62.345, [("doubt", Outcome.FOUND, True)])
    assert attempt_from(result, 1, 0, 2, 5.0, False, WHEN).score == 52.3
    assert attempt_from(result, 1, 0, 2, 5.0, False, WHEN).raw_score == 62.3
    assert attempt_from(result, 1, 0, 3, 40.0, False, WHEN).score == 0.0
    assert attempt_from(result, 1, 0, 3, 0.0, False, WHEN).score == 62.3


@pytest.mark.parametrize(
    ("number", "seconds", "hints", "penalty"),
    [(0, 0, 0, 0.0), (1, -1, 0, 0.0), (1, 0, -1, 0.0), (1, 0, 0, -5.0), (1, 0, 0, math.nan)],
)
def test_nonsense_attempts_are_refused(
    number: int, seconds: int, hints: int, penalty: float
) -> None:
    """A negative penalty would raise a score with every hint; a NaN would poison the file."""
    with pytest.raises(ValueError, match="expected"):
        attempt_from(grade(50.0, []), number, seconds, hints, penalty, False, WHEN)


def test_a_missed_bonus_item_is_no_weak_spot_but_a_marked_one_counts() -> None:
    result = grade(
        100.0,
        [
            ("doubt", Outcome.MISSED, False),
            ("doubt", Outcome.MISLABELED, False),
            ("loaded_language", Outcome.MISSED, False),
        ],
    )
    assert attempt_from(result, 1, 0, 0, 0.0, False, WHEN).categories == {
        "doubt": Tally(mislabeled=1)
    }


items = st.lists(
    st.tuples(st.sampled_from(CATEGORIES), st.sampled_from(list(Outcome)), st.booleans()),
    max_size=40,
)


@given(items, st.floats(0, 100), st.integers(0, 10), st.floats(0, 50))
def test_tallies_account_for_every_counted_item_and_scores_stay_in_range(
    entries: list[tuple[str, Outcome, bool]], score: float, hints: int, penalty: float
) -> None:
    made = attempt_from(grade(score, entries), 1, 0, hints, penalty, False, WHEN)
    counted = [e for e in entries if e[2] or e[1] is not Outcome.MISSED]
    assert made.tally().total == len(counted)
    for outcome in Outcome:
        expected = sum(1 for e in counted if e[1] is outcome)
        assert getattr(made.tally(), outcome.value) == expected
    assert 0.0 <= made.score <= made.raw_score <= 100.0


# --- lesson records ---------------------------------------------------------------------------


def test_status_follows_work_and_attempts() -> None:
    progress = Progress()
    assert progress.record("tiny") is None
    progress = progress.with_work("tiny", "Tiny", "/work/tiny.submission.json")
    assert progress.lessons["tiny"].status is LessonState.IN_PROGRESS
    progress = progress.with_attempt("tiny", "Tiny", attempt())
    assert progress.lessons["tiny"].status is LessonState.ATTEMPTED
    assert Progress().with_answers_revealed("x", "X", 1).lessons["x"].status == "not started"


def test_attempts_are_numbered_by_the_record_not_the_caller() -> None:
    """Two windows that both think they make attempt 1 must not record two attempt 1s."""
    progress = Progress()
    for _ in range(3):
        progress = progress.with_attempt("tiny", "Tiny", attempt())
    assert [a.number for a in progress.lessons["tiny"].attempts] == [1, 2, 3]


def test_best_score_leaves_out_attempts_made_with_the_answers_in_view() -> None:
    progress = Progress().with_attempt("t", "T", attempt(40.0))
    progress = progress.with_answers_revealed("t", "T", 1)
    progress = progress.with_attempt("t", "T", attempt(100.0, revealed=True))
    record = progress.lessons["t"]
    assert record.best_score == 40.0
    assert record.last_score == 100.0
    assert record.answers_revealed_at == 1
    only_after = Progress().with_attempt("u", "U", attempt(70.0, revealed=True))
    assert only_after.lessons["u"].best_score == 70.0
    assert Progress().with_work("v", "V", "w").lessons["v"].best_score is None


def test_the_first_reveal_is_kept() -> None:
    progress = Progress().with_answers_revealed("t", "T", 2).with_answers_revealed("t", "T", 5)
    assert progress.lessons["t"].answers_revealed_at == 2
    assert progress.with_answers_revealed("t", "", 1).lessons["t"].answers_revealed_at == 1


def test_a_new_title_replaces_the_old_but_an_empty_one_does_not() -> None:
    progress = Progress().with_work("t", "Old", "a").with_work("t", "New", "b")
    assert progress.lessons["t"].title == "New"
    assert progress.with_work("t", "", "c").lessons["t"].title == "New"


def test_progress_cannot_be_changed_behind_its_back() -> None:
    lessons = {"t": Progress().with_work("t", "T", "w").lessons["t"]}
    progress = Progress(lessons)
    lessons.clear()
    assert "t" in progress.lessons
    with pytest.raises(TypeError):
        progress.lessons["x"] = lessons  # type: ignore[index]
    made = attempt(doubt=Tally(found=1))
    with pytest.raises(TypeError):
        made.categories["doubt"] = Tally()  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.score = 100.0  # type: ignore[misc]


def test_time_and_hints_of_a_lesson() -> None:
    progress = Progress()
    for hints in (1, 3):
        made = Attempt(1, WHEN, 10.0, 10.0, 90, hints)
        progress = progress.with_attempt("t", "T", made)
    record = progress.lessons["t"]
    assert record.seconds == 180
    assert record.hints == 3  # hints are counted up to each attempt, not per attempt


# --- the picture and the miss rates -----------------------------------------------------------


def test_the_picture_sums_every_attempt_of_every_lesson() -> None:
    progress = Progress()
    progress = progress.with_attempt("a", "A", attempt(doubt=Tally(missed=2)))
    progress = progress.with_attempt("a", "A", attempt(doubt=Tally(found=1, missed=1)))
    progress = progress.with_attempt("b", "B", attempt(doubt=Tally(imprecise=1)))
    assert progress.category_picture() == {"doubt": Tally(found=1, imprecise=1, missed=3)}


def test_miss_rates_are_smoothed_and_count_drills() -> None:
    progress = Progress().with_attempt("a", "A", attempt(doubt=Tally(missed=1)))
    assert progress.miss_rates() == {"doubt": pytest.approx(2 / 3)}
    assert progress.miss_rate("never_seen") == UNSEEN_MISS_RATE == 0.5
    progress = progress.with_drill_answer("doubt", True).with_drill_answer("doubt", True)
    assert progress.miss_rates()["doubt"] == pytest.approx(2 / 5)
    progress = progress.with_drill_answer("not-a-device", False)
    assert progress.drills["not-a-device"] == DrillTally(0, 1)
    assert progress.miss_rates()["not-a-device"] == pytest.approx(2 / 3)
    imprecise = Progress().with_attempt("a", "A", attempt(doubt=Tally(imprecise=2)))
    assert imprecise.miss_rates()["doubt"] == pytest.approx((1 + 1) / (2 + 2))


tallies = st.builds(Tally, *(st.integers(0, 50) for _ in range(4)))
changes = st.one_of(
    st.tuples(
        st.just("attempt"),
        st.sampled_from("abc"),
        st.dictionaries(st.sampled_from(CATEGORIES), tallies, max_size=3),
    ),
    st.tuples(st.just("drill"), st.sampled_from([*CATEGORIES, "not-a-device"]), st.booleans()),
    st.tuples(st.just("reveal"), st.sampled_from("abc"), st.integers(0, 5)),
    st.tuples(st.just("work"), st.sampled_from("abc"), st.text(max_size=5)),
)


@given(st.lists(changes, max_size=30))
def test_updates_never_lose_attempts_and_rates_stay_inside_0_1(
    steps: list[tuple[str, str, object]],
) -> None:
    progress = Progress()
    made: dict[str, int] = {}
    answers = 0
    for kind, target, value in steps:
        before = progress
        if kind == "attempt":
            assert isinstance(value, dict)
            progress = progress.with_attempt(target, target.upper(), attempt(**value))
            made[target] = made.get(target, 0) + 1
        elif kind == "drill":
            progress = progress.with_drill_answer(target, bool(value))
            answers += 1
        elif kind == "reveal":
            assert isinstance(value, int)
            progress = progress.with_answers_revealed(target, "", value)
        else:
            progress = progress.with_work(target, "", str(value))
        for lesson, record in before.lessons.items():  # the old value is untouched...
            assert progress.lessons[lesson].attempts[: len(record.attempts)] == record.attempts
    for lesson, count in made.items():  # ...and nothing is ever dropped
        assert len(progress.lessons[lesson].attempts) == count
    assert sum(t.total for t in progress.drills.values()) == answers
    for rate in progress.miss_rates().values():
        assert 0.0 < rate < 1.0
