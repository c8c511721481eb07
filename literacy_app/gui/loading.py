"""Turning a path the user chose into a workspace: a lesson, or a submission and its lesson."""

from __future__ import annotations

from pathlib import Path

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import LESSON_FILE, load_lesson
from literacy_app.resources import find_lesson, lessons_dir


def load_target(path: Path, lesson: Path | None = None) -> tuple[Workspace, list[Problem]]:
    """A workspace for a lesson folder (or its lesson.md), or for a submission file.

    A submission brings its lesson: the `lesson` it names, looked up next to the file, then
    among the bundled lessons, unless `lesson` is given."""
    if path.is_dir() or path.name == LESSON_FILE:  # the usual start: no submission formats
        loaded = load_lesson(path)
        return Workspace(loaded), list(loaded.warnings)
    from literacy_app.formats.io import kind_of, read_submission

    kind = kind_of(path)
    if kind not in ("submission", "w3c"):
        raise FormatError.single(
            path,
            "expected a lesson folder, its lesson.md, or a submission "
            'file ("format": "literacy-submission" or W3C annotations)',
        )
    lesson_path = lesson or _lesson_for(path)
    loaded_lesson = load_lesson(lesson_path)
    submission = read_submission(path, loaded_lesson)
    workspace = Workspace.from_submission(loaded_lesson, submission.value, path)
    return workspace, list(loaded_lesson.warnings) + list(submission.warnings)


def _lesson_for(path: Path) -> Path:
    from literacy_app.formats.io import lesson_id_of

    lesson_id = lesson_id_of(path)
    if lesson_id is None:
        raise FormatError.single(
            path, "the submission does not name its lesson: open the lesson first, or pass --lesson"
        )
    for candidate in (
        path.parent / lesson_id,
        path.parent.parent / lesson_id,
        lessons_dir() / lesson_id,
    ):
        if (candidate / LESSON_FILE).exists():
            return candidate
    found = find_lesson(lesson_id)
    if (found / LESSON_FILE).exists():
        return found
    raise FormatError.single(
        path, f"cannot find lesson {lesson_id!r} for this submission: open it with --lesson LESSON"
    )
