"""One student's session on one lesson: the marks, who they are, whether the work is saved,
and the last check. The GUI shows a Workspace; it never keeps a second copy of this state."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from literacy_app import __version__
from literacy_app.core.lesson import Lesson
from literacy_app.core.marks import Mark, context_of, next_mark_id
from literacy_app.core.markset import MarkSet
from literacy_app.core.submission import Student, Submission
from literacy_app.core.text import snap_to_words, trim_span

if TYPE_CHECKING:  # edits arrive from the GUI; scoring is imported at the first check
    from literacy_app.core.edits import Edit
    from literacy_app.core.scoring import GradeResult, PreparedKey


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class Workspace:
    lesson: Lesson
    marks: MarkSet = field(default_factory=MarkSet)
    student: Student = field(default_factory=Student)
    path: Path | None = None  # where the submission is saved, once it has been
    attempts: int = 0
    created: str = field(default_factory=now)
    result: GradeResult | None = None  # the last check, while reviewing
    _prepared: PreparedKey | None = field(default=None, init=False, repr=False)

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
        )

    @property
    def text(self) -> str:
        return self.lesson.article.text

    @property
    def reviewing(self) -> bool:
        return self.result is not None

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

    def apply(self, edit: Edit) -> None:
        edit.apply(self.marks)

    def revert(self, edit: Edit) -> None:
        edit.revert(self.marks)

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
        )

    def check(self) -> GradeResult:
        """Grade the current marks against the key and count the attempt."""
        if self.lesson.key is None:
            raise ValueError("this lesson has no answer key")
        from literacy_app.core.scoring import PreparedKey, grade

        if self._prepared is None:
            self._prepared = PreparedKey(self.lesson.key, self.lesson.taxonomy, self.text)
        self.attempts += 1
        self.result = grade(self._prepared, list(self.marks))
        return self.result

    def back_to_marking(self) -> None:
        self.result = None
