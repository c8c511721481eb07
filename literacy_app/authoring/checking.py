"""What `literacy-app check` says about a path: a lesson folder as instructor mode checks it
(whether it loads, then, as warnings, what is left unfinished: placeholder text, no hints or
debrief, an empty key, items without a rationale...), any other file by its format. Lives above
the formats, since the lesson checks are the authoring ones."""

from __future__ import annotations

from pathlib import Path

from literacy_app.core.errors import Problem
from literacy_app.core.lesson import Lesson
from literacy_app.formats.io import check_file
from literacy_app.formats.lesson_package import LESSON_FILE

from .validate import lesson_problems

__all__ = ["check"]


def check(path: Path, lesson: Lesson | None = None) -> list[Problem]:
    """Every problem (errors and warnings) with one file or lesson folder, each with its file
    and place."""
    if path.is_dir() or path.name == LESSON_FILE:
        return lesson_problems(path)
    return check_file(path, lesson)
