"""Turning a path the user chose into a workspace: a lesson folder, a shared lesson package
(.zip), or a submission and its lesson."""

from __future__ import annotations

import re
from pathlib import Path

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.text import sha256
from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import LESSON_FILE, load_lesson, read_metadata
from literacy_app.i18n import N_, _
from literacy_app.resources import find_lesson, lessons_dir

LESSON_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")  # as schemas/lesson.json's id
#: Marked for the catalogue, translated where raised (`_(NOT_OPENABLE)`).
NOT_OPENABLE = N_(
    "expected a lesson folder, its lesson.md, a lesson package (.zip) or a submission file "
    '("format": "literacy-submission" or W3C annotations); to make a lesson from an article, '
    "use Teacher > New lesson from an article"
)


def load_target(path: Path, lesson: Path | None = None) -> tuple[Workspace, list[Problem]]:
    """A workspace for a lesson folder (or its lesson.md), or for a submission file.

    A submission brings its lesson: the `lesson` it names, looked up next to the file, then
    among the bundled lessons, unless `lesson` is given."""
    if path.suffix.lower() == ".zip" and path.is_file():  # a package the teacher shared
        path = unpacked_package(path)
    if path.is_dir() or path.name == LESSON_FILE:  # the usual start: no submission formats
        loaded = load_lesson(path)
        return Workspace(loaded), list(loaded.warnings)
    from literacy_app.formats.document import JsonDocument
    from literacy_app.formats.io import kind_of_data, read_submission

    try:
        document = JsonDocument.read(path)
    except FormatError:
        # A .json file cut short or saved in another encoding is reported as such, with its
        # place, as `literacy-app check` does. Anything else (an article, a picture) was
        # simply not something the app opens.
        if path.suffix.lower() == ".json" or not path.exists() or not path.is_file():
            raise  # its own message: cut short, not UTF-8, a FIFO or a device
        raise FormatError.single(path, _(NOT_OPENABLE)) from None
    if kind_of_data(document.data) not in ("submission", "w3c"):
        raise FormatError.single(path, _(NOT_OPENABLE))
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
            path,
            _("the submission does not name its lesson: open the lesson first, or pass --lesson"),
        )
    # An id, never a path: a submission from a stranger naming "/home/ada/private" or
    # "../../x" must not make the app load whatever folder that is.
    if not LESSON_ID.fullmatch(lesson_id):
        raise FormatError.single(
            path,
            _(
                "the submission names its lesson {lesson}, which is not a lesson id "
                "(letters, digits, - and _): open the lesson first, or pass --lesson"
            ).format(lesson=repr(lesson_id[:80])),
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
    for unpacked in _unpacked_lessons():  # a lesson the student opened from a shared .zip
        if read_metadata(unpacked).get("id") == lesson_id:
            return unpacked
    raise FormatError.single(
        path,
        _("cannot find lesson {lesson} for this submission: open it with --lesson LESSON").format(
            lesson=repr(lesson_id)
        ),
    )


def unpacked_package(zip_path: Path) -> Path:
    """The lesson folder for a shared .zip, unpacked into the user's data folder the first time
    it is opened (checked as `literacy-app unpack` checks it) and reused afterwards.

    The folder is named by the package's SHA-256, so opening the same file again finds the
    same lesson (and its recovery file), while a changed package never overwrites the old one.
    """
    from literacy_app.authoring.packaging import import_package
    from literacy_app.formats.document import read_bytes

    digest = sha256(read_bytes(zip_path))[:16]
    home = _packages_folder() / digest
    unpacked = _unpacked_lessons(home)
    if unpacked:
        return unpacked[0]
    try:
        return import_package(zip_path, home)
    except OSError as err:
        raise FormatError.single(
            zip_path, _("cannot unpack: {reason}").format(reason=err.strerror or err)
        ) from None


def _packages_folder() -> Path:
    from literacy_app.gui.settings import data_dir

    return data_dir() / "lessons"


def _unpacked_lessons(under: Path | None = None) -> list[Path]:
    """Lesson folders unpacked from shared packages, newest first. A hidden folder is an
    unpacking that was cut short (a crash, a kill): never a lesson."""
    root = under or _packages_folder()
    pattern = f"*/{LESSON_FILE}" if under else f"*/*/{LESSON_FILE}"
    found = [
        lesson_md.parent
        for lesson_md in (root.glob(pattern) if root.is_dir() else [])
        if not lesson_md.parent.name.startswith(".")
    ]
    return sorted(found, key=lambda folder: folder.stat().st_mtime, reverse=True)
