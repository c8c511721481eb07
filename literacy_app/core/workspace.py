"""One student's session on one lesson: the marks, who they are, whether the work is saved,
and the last check. The GUI shows a Workspace; it never keeps a second copy of this state.

Three rules keep the review honest:

* a review describes the marks that were checked, and nothing else: any edit applied while
  reviewing (an undo or a redo included) closes the review first, and the listeners given to
  `on_review_closed` hear of it. Recomputing the review instead would let a student probe the
  key by undoing and redoing without ever making an attempt;
* an attempt is a check of changed work: checking the same marks (spans and categories; a
  note changes no grade) as the last attempt again counts nothing;
* the answers (missed passages, their explanations, the debrief) are shown when the lesson's
  `reveal` setting says so, or when the student asks; either way it is recorded.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from literacy_app import __version__
from literacy_app.core.lesson import Lesson
from literacy_app.core.marks import Mark, context_of, next_mark_id
from literacy_app.core.markset import MarkSet
from literacy_app.core.submission import AnswersShown, Student, Submission
from literacy_app.core.text import sha256, snap_to_words, trim_span

if TYPE_CHECKING:  # edits arrive from the GUI; scoring is imported at the first check
    from literacy_app.core.edits import Edit
    from literacy_app.core.scoring import GradeResult, PreparedKey


def now() -> str:
    """This second in UTC, as ISO 8601 ("2026-12-04T14:30:03+00:00", what datetime's
    isoformat() writes). Every new workspace stamps its creation, so this is on the start-up
    path: `time` is built in, `datetime` is not (~1.5 ms to import)."""
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())


def marks_fingerprint(marks: Iterable[Mark]) -> str:
    """SHA-256 of what a check grades: each mark's span and category, in any order. Ids and
    notes are left out: renumbered marks, or a note written after a check, change no grade."""
    graded = sorted((m.start, m.end, m.category) for m in marks)
    return sha256(json.dumps(graded))


@dataclass
class Workspace:
    lesson: Lesson
    marks: MarkSet = field(default_factory=MarkSet)
    student: Student = field(default_factory=Student)
    path: Path | None = None  # where the submission is saved, once it has been
    attempts: int = 0
    created: str = field(default_factory=now)
    result: GradeResult | None = None  # the last check, while reviewing
    checked: str = ""  # marks_fingerprint of the marks graded at the last attempt
    answers_shown: AnswersShown | None = None  # when the answer key was revealed, if it was
    hints_used: int = 0  # hint levels revealed on this work (the lesson's hint_penalty each)
    last_check_counted: bool = field(default=False, init=False)  # the last check was an attempt
    # Time on task, for the learner's progress: seconds spent on the lesson since the last
    # attempt (or since it was opened), counted only while the window is in use (`pause`).
    last_attempt_seconds: int = field(default=0, init=False)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False, compare=False)
    _spent: float = field(default=0.0, init=False, repr=False)
    _running_since: float | None = field(default=None, init=False, repr=False)
    _prepared: PreparedKey | None = field(default=None, init=False, repr=False)
    _review_listeners: list[Callable[[], None]] = field(
        default_factory=list, init=False, repr=False
    )

    @classmethod
    def from_submission(
        cls, lesson: Lesson, submission: Submission, path: Path | None
    ) -> Workspace:
        return cls(
            lesson=lesson,
            marks=MarkSet(submission.marks),
            student=submission.student,
            path=path,
            attempts=submission.attempts,
            created=submission.created or now(),
            checked=submission.checked_sha256,
            answers_shown=submission.answers_shown,
            hints_used=submission.hints_used,
        )

    def __post_init__(self) -> None:
        self._running_since = self.clock()

    # --- time on task ------------------------------------------------------------------------
    def pause(self) -> None:
        """The student left the window (another application, a locked screen): time stops."""
        if self._running_since is not None:
            self._spent += max(0.0, self.clock() - self._running_since)
            self._running_since = None

    def resume(self) -> None:
        if self._running_since is None:
            self._running_since = self.clock()

    def seconds_since_attempt(self) -> int:
        running = self._running_since
        extra = max(0.0, self.clock() - running) if running is not None else 0.0
        return int(self._spent + extra)

    def _restart_clock(self) -> None:
        self._spent = 0.0
        if self._running_since is not None:
            self._running_since = self.clock()

    # --- hints and answers ---------------------------------------------------------------------
    def hint_revealed(self) -> None:
        """One more hint level seen: recorded in the work, charged by the lesson's penalty."""
        self.hints_used += 1

    @property
    def hint_deduction(self) -> float:
        """Score points the hints used so far cost (0 when the lesson makes hints free)."""
        return self.lesson.hint_penalty * self.hints_used

    def score_after_hints(self, score: float) -> float:
        return max(0.0, score - self.hint_deduction)

    @property
    def may_show_answers(self) -> bool:
        """Show answers is offered after the lesson's `answers_after` attempts (at least one:
        the answers are a debrief of the student's own try, never a replacement for it)."""
        return self.attempts >= max(1, self.lesson.answers_after)

    @property
    def text(self) -> str:
        return self.lesson.article.text

    @property
    def reviewing(self) -> bool:
        return self.result is not None

    @property
    def answers_revealed(self) -> bool:
        """Whether missed passages, their explanations and the debrief may be shown."""
        return self.answers_shown is not None

    @property
    def unchanged_since_last_attempt(self) -> bool:
        """True when checking now would grade the same marks as the last attempt did."""
        return bool(self.checked) and self.checked == marks_fingerprint(self.marks)

    def span_for_selection(
        self, start: int, end: int, snap: bool = False
    ) -> tuple[int, int] | None:
        """The span a selection becomes: optionally grown to whole words, then trimmed of edge
        spaces and punctuation. None when nothing markable is selected."""
        start, end = sorted((max(0, start), min(len(self.text), end)))
        if snap:
            start, end = snap_to_words(self.text, start, end)
        start, end = trim_span(self.text, start, end)
        if end <= start or not self.text[start:end].strip():
            return None
        return start, end

    def new_mark(self, start: int, end: int, category: str, note: str = "") -> Mark:
        return Mark(
            next_mark_id(self.marks.ids),
            start,
            end,
            category,
            note,
            **context_of(self.text, start, end),
        )

    def on_review_closed(self, listener: Callable[[], None]) -> None:
        """Call `listener` whenever an edit closes the review (after the edit is applied)."""
        self._review_listeners.append(listener)

    def apply(self, edit: Edit) -> None:
        closing = self.reviewing
        self.result = None  # before the marks change: listeners of the marks see no review
        edit.apply(self.marks)
        if closing:
            self._review_closed()

    def revert(self, edit: Edit) -> None:
        closing = self.reviewing
        self.result = None
        edit.revert(self.marks)
        if closing:
            self._review_closed()

    def _review_closed(self) -> None:
        for listener in list(self._review_listeners):
            listener()

    def to_submission(self) -> Submission:
        return Submission(
            marks=tuple(self.marks),
            lesson=self.lesson.id,
            article_sha256=self.lesson.article.sha256,
            student=self.student,
            created=self.created,
            modified=now(),
            app_version=__version__,
            attempts=self.attempts,
            checked_sha256=self.checked,
            answers_shown=self.answers_shown,
            hints_used=self.hints_used,
        )

    def check(self) -> GradeResult:
        """Grade the current marks against the key. It counts as an attempt only when the
        marks differ from those of the last attempt (`last_check_counted` says which); the
        attempt whose results the lesson's `reveal` setting names reveals the answers."""
        if self.lesson.key is None:
            raise ValueError("this lesson has no answer key")
        from literacy_app.core.scoring import charged, grade

        prepared = self.prepared_key()
        fingerprint = marks_fingerprint(self.marks)
        self.last_check_counted = fingerprint != self.checked
        if self.last_check_counted:
            self.attempts += 1
            self.checked = fingerprint
            self.last_attempt_seconds = self.seconds_since_attempt()
            self._restart_clock()
        needed = self.lesson.reveal.attempts_needed
        if self.answers_shown is None and needed is not None and self.attempts >= needed:
            self.answers_shown = AnswersShown(self.attempts, requested=False)
        graded = grade(prepared, list(self.marks))
        self.result = charged(graded, self.hints_used, self.lesson.hint_penalty)
        return self.result

    def prepared_key(self) -> PreparedKey:
        """The lesson's key prepared for grading, once per workspace (checks and hints)."""
        if self.lesson.key is None:
            raise ValueError("this lesson has no answer key")
        if self._prepared is None:
            from literacy_app.core.scoring import PreparedKey

            self._prepared = PreparedKey(self.lesson.key, self.lesson.taxonomy, self.text)
        return self._prepared

    def show_answers(self) -> bool:
        """The student asked to see the answer key now. False when it was already shown, or
        when the lesson asks for more attempts first (`may_show_answers`)."""
        if self.answers_shown is not None or not self.may_show_answers:
            return False
        self.answers_shown = AnswersShown(self.attempts, requested=True)
        return True

    def back_to_marking(self) -> None:
        self.result = None
