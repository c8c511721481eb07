"""A student's work on one lesson: who, which article, which marks."""

from __future__ import annotations

from dataclasses import dataclass

from literacy_app.core.marks import Mark


@dataclass(frozen=True)
class Student:
    name: str = ""
    id: str = ""

    def display(self) -> str:
        if self.name and self.id:
            return f"{self.name} ({self.id})"
        return self.name or self.id or "(anonymous)"


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
