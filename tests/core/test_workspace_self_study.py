"""What a self-study attempt records beyond the marks: time on task (only while the window is
in use), hints used and what they cost, and when Show answers may be asked for."""

from __future__ import annotations

from dataclasses import replace

import pytest

from literacy_app.core.edits import AddMark
from literacy_app.core.lesson import Lesson
from literacy_app.core.workspace import Workspace
from literacy_app.formats import native
from literacy_app.formats.document import JsonDocument
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.resources import default_lesson


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def lesson() -> Lesson:
    return load_lesson(default_lesson())


def _mark(workspace: Workspace, lesson: Lesson, index: int = 0) -> None:
    assert lesson.key is not None
    item = lesson.key.items[index]
    workspace.apply(AddMark(workspace.new_mark(item.start, item.end, item.category)))


def test_time_counts_only_while_the_window_is_in_use(lesson: Lesson) -> None:
    clock = Clock()
    workspace = Workspace(lesson, clock=clock)
    clock.now += 120
    workspace.pause()  # the student went to another application
    clock.now += 3600
    assert workspace.seconds_since_attempt() == 120
    workspace.pause()  # twice: no harm
    workspace.resume()
    clock.now += 30
    workspace.resume()  # twice: counted once
    clock.now += 30
    _mark(workspace, lesson)
    workspace.check()
    assert workspace.last_attempt_seconds == 180
    clock.now += 45
    assert workspace.seconds_since_attempt() == 45  # the next attempt's clock started


def test_a_clock_going_backwards_never_gives_negative_time(lesson: Lesson) -> None:
    clock = Clock()
    workspace = Workspace(lesson, clock=clock)
    clock.now -= 500
    assert workspace.seconds_since_attempt() == 0
    workspace.pause()
    assert workspace.seconds_since_attempt() == 0


def test_a_check_of_unchanged_marks_keeps_the_clock_running(lesson: Lesson) -> None:
    clock = Clock()
    workspace = Workspace(lesson, clock=clock)
    _mark(workspace, lesson)
    clock.now += 60
    workspace.check()
    workspace.back_to_marking()
    clock.now += 60
    workspace.check()  # same marks: not an attempt
    assert workspace.attempts == 1
    assert workspace.seconds_since_attempt() == 60


def test_hints_cost_what_the_lesson_says_and_never_below_zero(lesson: Lesson) -> None:
    workspace = Workspace(replace(lesson, hint_penalty=7.5))
    assert workspace.score_after_hints(80.0) == 80.0
    workspace.hint_revealed()
    workspace.hint_revealed()
    assert workspace.hints_used == 2
    assert workspace.score_after_hints(80.0) == 65.0
    assert workspace.score_after_hints(10.0) == 0.0
    free = Workspace(lesson)
    free.hint_revealed()
    assert free.score_after_hints(80.0) == 80.0


def test_hints_used_survive_saving_and_reopening(lesson: Lesson) -> None:
    workspace = Workspace(lesson)
    workspace.hint_revealed()
    workspace.hint_revealed()
    data = native.submission_to_dict(workspace.to_submission())
    assert data["hints_used"] == 2
    reread = native.parse_submission(
        JsonDocument.parse(native.dumps(data), "work.json"), lesson.taxonomy
    ).value
    assert Workspace.from_submission(lesson, reread, None).hints_used == 2
    assert "hints_used" not in native.submission_to_dict(Workspace(lesson).to_submission())


def test_answers_wait_for_the_attempts_the_lesson_asks_for(lesson: Lesson) -> None:
    strict = replace(lesson, answers_after=2)
    workspace = Workspace(strict)
    assert not workspace.may_show_answers
    assert not workspace.show_answers()  # before any attempt: refused
    _mark(workspace, strict)
    workspace.check()
    assert not workspace.show_answers()  # one attempt of the two
    workspace.back_to_marking()
    _mark(workspace, strict, 1)
    workspace.check()
    assert workspace.may_show_answers
    assert workspace.answers_shown is not None or workspace.show_answers()


def test_answers_are_never_offered_before_a_first_attempt(lesson: Lesson) -> None:
    workspace = Workspace(replace(lesson, answers_after=1))
    assert not workspace.show_answers()
    assert workspace.answers_shown is None
