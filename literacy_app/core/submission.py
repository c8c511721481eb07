"""A student's work on one lesson: who, which article, which marks."""

from __future__ import annotations

from dataclasses import dataclass

from literacy_app.core.marks import Mark
from literacy_app.i18n import _


@dataclass(frozen=True)
class Student:
    name: str = ""
    id: str = ""

    def display(self) -> str:
        if self.name and self.id:
            return _("{name} ({id})").format(name=self.name, id=self.id)
        return self.name or self.id or _("(anonymous)")


@dataclass(frozen=True)
class AnswersShown:
    """The student saw the answer key (missed passages, explanations, debrief) when `attempts`
    attempts had been checked: at their own request, or by the lesson's `reveal` setting. A
    teacher reading the submission then knows which attempts were made knowing the key."""

    attempts: int
    requested: bool


@dataclass(frozen=True)
class Submission:
    marks: tuple[Mark, ...]
    lesson: str = ""
    article_sha256: str = ""
    student: Student = Student()
    created: str = ""
    modified: str = ""
    app_version: str = ""
    attempts: int = 0
    # SHA-256 of the marks graded at the last attempt (`workspace.marks_fingerprint`): checking
    # the same marks again, even after reopening the file, is not a new attempt.
    checked_sha256: str = ""
    answers_shown: AnswersShown | None = None
    # Hint levels the student revealed on this work: what the lesson's `hint_penalty` charges,
    # and what a teacher reading the file should know.
    hints_used: int = 0
