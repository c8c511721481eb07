"""Reading an instructor's unsaved draft back (from an instructor-mode recovery file) as a lesson,
without touching the lesson folder: only Save writes there."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.lesson import Lesson
from literacy_app.formats.lesson_package import load_lesson


def lesson_from_draft(lesson_folder: Path, files: dict[str, str]) -> Lesson:
    """The lesson as the draft had it: the folder's own files with the draft's lesson.md and
    key in their place, read and checked like any lesson package (FormatError otherwise).

    The draft is laid out in a scratch copy of the folder because a lesson is defined by its
    files; reading that copy is the same code path as opening the lesson, so a restored draft
    can hold nothing that opening the saved lesson would not accept."""
    with tempfile.TemporaryDirectory(prefix="literacy-draft-") as scratch:
        copy = Path(scratch) / lesson_folder.name
        try:
            shutil.copytree(lesson_folder, copy)
        except OSError as err:
            raise FormatError.single(lesson_folder, f"cannot read: {err.strerror or err}") from None
        for name, text in files.items():
            target = (copy / name).resolve()
            if not target.is_relative_to(copy.resolve()):
                raise FormatError.single(lesson_folder / name, "outside the lesson folder")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        try:
            lesson = load_lesson(copy)
        except FormatError as err:
            raise FormatError([_moved(p, copy, lesson_folder) for p in err.problems]) from None
    return replace(
        lesson,
        folder=lesson_folder,
        warnings=tuple(_moved(p, copy, lesson_folder) for p in lesson.warnings),
    )


def _moved(problem: Problem, scratch: Path, folder: Path) -> Problem:
    """A problem found in the scratch copy, told about the real lesson's file."""
    if problem.file.startswith(str(scratch)):
        return replace(problem, file=str(folder) + problem.file[len(str(scratch)) :])
    return problem
