"""Reading an instructor's unsaved draft as a lesson, without touching the lesson folder (only
Save writes there): to restore it from an instructor-mode recovery file, and to check it as it
is on screen ("Check lesson" before the draft is saved)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from literacy_app.authoring.validate import lesson_problems
from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.lesson import Lesson
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.i18n import _


@contextmanager
def _laid_out(lesson_folder: Path, files: dict[str, str]) -> Iterator[Path]:
    """A scratch copy of the folder with the draft's files (lesson.md, the key) in their place.

    A lesson is defined by its files, so a draft is read as one: the same code path as opening
    (and checking) the saved lesson, so a draft can hold nothing the saved lesson would not,
    and every problem has a file and a line to point to."""
    with tempfile.TemporaryDirectory(prefix="literacy-draft-") as scratch:
        copy = Path(scratch) / lesson_folder.name
        try:
            shutil.copytree(lesson_folder, copy)
        except OSError as err:
            raise FormatError.single(
                lesson_folder, _("cannot read: {reason}").format(reason=err.strerror or err)
            ) from None
        for name, text in files.items():
            target = (copy / name).resolve()
            if not target.is_relative_to(copy.resolve()):
                raise FormatError.single(lesson_folder / name, _("outside the lesson folder"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        yield copy


def lesson_from_draft(lesson_folder: Path, files: dict[str, str]) -> Lesson:
    """The lesson as the draft had it: the folder's own files with the draft's lesson.md and
    key in their place, read and checked like any lesson package (FormatError otherwise)."""
    with _laid_out(lesson_folder, files) as copy:
        try:
            lesson = load_lesson(copy)
        except FormatError as err:
            raise FormatError([_moved(p, copy, lesson_folder) for p in err.problems]) from None
    return replace(
        lesson,
        folder=lesson_folder,
        warnings=tuple(_moved(p, copy, lesson_folder) for p in lesson.warnings),
    )


def draft_problems(lesson_folder: Path, files: dict[str, str]) -> list[Problem]:
    """What `literacy-app check` would say about the lesson once the draft's `files` are saved
    (`lesson_problems`), told about the lesson's own files and lines."""
    try:
        with _laid_out(lesson_folder, files) as copy:
            return [_moved(p, copy, lesson_folder) for p in lesson_problems(copy)]
    except FormatError as err:
        return err.problems


def _moved(problem: Problem, scratch: Path, folder: Path) -> Problem:
    """A problem found in the scratch copy, told about the real lesson's file."""
    if problem.file.startswith(str(scratch)):
        return replace(problem, file=str(folder) + problem.file[len(str(scratch)) :])
    return problem
