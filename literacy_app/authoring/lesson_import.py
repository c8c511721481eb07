"""Adding a shared lesson to the learner's own lessons folder, as `<lessons folder>/<lesson id>`.

A package comes from someone else, so it is checked before it lands: a `.zip` is unpacked by
`packaging.import_package` (which treats every zip as hostile and loads the lesson before
keeping it); a folder is loaded, then only the files a package holds are copied (the same
whitelist as an export: no stray submissions or backups, no links leading out of the folder)
and the copy is loaded again. Both are built in a hidden folder beside the lessons and renamed
into place, so the library never lists half a lesson. A lesson already there under the same id
is never replaced unless asked (`replace=True`): the learner's copy may hold their own edits.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from literacy_app.core.errors import FormatError, Problem
from literacy_app.formats.atomic import create_sibling_folder
from literacy_app.formats.lesson_package import LESSON_FILE, load_lesson, read_metadata
from literacy_app.i18n import _

from . import packaging

__all__ = ["LessonExistsError", "import_package"]


class LessonExistsError(FormatError):
    """The lessons folder already holds a lesson with the imported one's id (at `existing`)."""

    def __init__(self, source: Path, lesson_id: str, existing: Path) -> None:
        super().__init__(
            [
                Problem(
                    str(source),
                    _(
                        "a lesson with the id {id} is already in your lessons ({existing}); "
                        "it was not replaced"
                    ).format(id=repr(lesson_id), existing=existing),
                )
            ]
        )
        self.lesson_id = lesson_id
        self.existing = existing


def import_package(source: Path, into: Path, replace: bool = False) -> Path:
    """Check `source` (a lesson folder, its lesson.md, or a `.zip` package) and copy it into
    `into/<lesson id>`; returns that folder. Raises FormatError for a package that does not
    load (with the file and place, inside the zip for a zip), LessonExistsError when a lesson in
    `into` already has its id and `replace` is False, OSError when the disk refuses."""
    if source.name == LESSON_FILE:
        source = source.parent
    into.mkdir(parents=True, exist_ok=True)
    staging = create_sibling_folder(into / "import", ".importing")  # hidden: never listed
    try:
        if source.suffix.casefold() == ".zip" and not source.is_dir():
            unpacked = packaging.import_package(source, staging)
        else:
            unpacked = _copy_folder(source, staging / "lesson")
        lesson_id = str(read_metadata(unpacked)["id"])  # it loaded: the id is there and valid
        destination = into / lesson_id
        existing = _holding(into, lesson_id)
        if existing is not None and not replace:
            raise LessonExistsError(source, lesson_id, existing)
        if destination.exists() and destination != existing:  # a stray file with its name
            raise FileExistsError(
                _("{path}: already exists and is not a lesson").format(path=destination)
            )
        if existing is None:
            unpacked.rename(destination)
        else:
            _swap(existing, unpacked, destination, staging / "replaced")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return destination


def _holding(into: Path, lesson_id: str) -> Path | None:
    """The folder in `into` whose lesson has `lesson_id`: normally `into/<id>`, but a lesson
    copied in by hand may sit under any name (metadata only: no article is read)."""
    named = into / lesson_id
    if (named / LESSON_FILE).is_file():
        return named
    for child in sorted(into.iterdir()):
        if child.name.startswith(".") or not (child / LESSON_FILE).is_file():
            continue
        if read_metadata(child).get("id") == lesson_id:
            return child
    return None


def _swap(existing: Path, new: Path, destination: Path, aside: Path) -> None:
    """Put `new` at `destination` in place of `existing`; if that fails, put `existing` back."""
    existing.rename(aside)
    try:
        new.rename(destination)
    except BaseException:
        aside.rename(existing)
        raise


def _copy_folder(source: Path, target: Path) -> Path:
    """A checked copy of the lesson folder `source` at `target` (which must not exist)."""
    if not source.is_dir():
        raise FormatError.single(source, _("not a lesson folder or a .zip lesson package"))
    load_lesson(source)  # every problem, in the learner's own files, before anything is copied
    files = packaging.package_files(source, handout=False)
    target.mkdir()
    for name, path in files:
        copy = target / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
    load_lesson(target)  # what was copied loads too (nothing it needs was left behind)
    return target
