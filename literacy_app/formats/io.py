"""One entry point per kind of file, whatever its format: the CLI and the GUI both come here."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.key import AnswerKey
from literacy_app.core.lesson import Lesson
from literacy_app.core.submission import Submission
from literacy_app.formats import native, w3c
from literacy_app.formats.document import JsonDocument
from literacy_app.formats.json_source import format_path
from literacy_app.formats.lesson_package import LESSON_FILE, load_lesson
from literacy_app.formats.native import ArticleRef, Loaded
from literacy_app.i18n import _

#: A lesson id, as schemas/lesson.json has it (gui/loading.py's LESSON_ID is the same rule).
LESSON_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")


def article_ref(lesson: Lesson) -> ArticleRef:
    return ArticleRef(lesson.article.text, lesson.article.sha256)


def read_submission(path: Path, lesson: Lesson) -> Loaded[Submission]:
    """A submission in the native format or W3C Web Annotation, placed on the lesson's article."""
    doc = JsonDocument.read(path)
    if w3c.looks_like_w3c(doc.data):
        loaded = w3c.parse_w3c_submission(doc, lesson.taxonomy, article_ref(lesson))
    else:
        _expect_format(doc, native.SUBMISSION_FORMAT)
        loaded = native.parse_submission(doc, lesson.taxonomy, article_ref(lesson))
    submission = loaded.value
    if submission.lesson and submission.lesson != lesson.id:
        loaded.warnings.append(
            doc.problem(
                OTHER_LESSON_FIELD,
                _("written for lesson {written_for}, graded against {lesson}").format(
                    written_for=repr(submission.lesson), lesson=repr(lesson.id)
                ),
                "warning",
            )
        )
    return loaded


#: Where a submission says which lesson it was written for: a warning there is the one
#: `other_lesson_warning` finds, by its place rather than by its (translated) words.
OTHER_LESSON_FIELD: tuple[str | int, ...] = ("lesson",)


def other_lesson_warning(warnings: Iterable[Problem]) -> Problem | None:
    """The reader's warning that a file was written for another lesson, which names the place
    of its `lesson` field (line and column), or None."""
    where = format_path(OTHER_LESSON_FIELD)
    return next((w for w in warnings if w.json_path == where and w.severity == "warning"), None)


def read_key(path: Path, lesson: Lesson) -> Loaded[AnswerKey]:
    doc = JsonDocument.read(path)
    if w3c.looks_like_w3c(doc.data):
        return w3c.parse_w3c_key(doc, lesson.taxonomy, article_ref(lesson))
    _expect_format(doc, native.KEY_FORMAT)
    return native.parse_key(doc, lesson.taxonomy, article_ref(lesson))


def _expect_format(doc: JsonDocument, expected: str) -> None:
    data = doc.data
    found = data.get("format") if isinstance(data, dict) else None
    if found != expected:
        if isinstance(found, str):
            message = _(
                "expected a {expected} file (or W3C Web Annotation), found a {found} file"
            ).format(expected=repr(expected), found=repr(found))
        else:
            message = _(
                "expected a {expected} file (or W3C Web Annotation), found something else"
            ).format(expected=repr(expected))
        raise FormatError([doc.problem(("format",), message)])


def lesson_id_of(path: Path) -> str | None:
    """The lesson a submission or key file names: `lesson` in the native formats, the
    collection's lesson field in W3C Web Annotation (as `export --to w3c` writes it). None
    when the file names none or cannot be read (its reader then says why).

    Only ever a lesson id: callers look the lesson up by it, so a stranger's file naming
    "/home/ada/private" or "../x" would otherwise choose which folder the app loads. Such a
    file is a FormatError that names it."""
    try:
        data = JsonDocument.read(path).data
    except FormatError:
        return None
    if not isinstance(data, dict):
        return None
    lesson = data.get(w3c.NS + "lesson") or data.get("lesson")
    if not isinstance(lesson, str) or not lesson:
        return None
    if not LESSON_ID.fullmatch(lesson):
        raise FormatError.single(
            path,
            _(
                "the file names its lesson {lesson}, which is not a lesson id (letters, "
                "digits, - and _): open the lesson first, or pass --lesson"
            ).format(lesson=repr(lesson[:80])),
        )
    return lesson


def kind_of(path: Path) -> str:
    """lesson, key, submission, taxonomy, w3c, or unknown: decided by content, not by name."""
    if path.is_dir() or path.name == LESSON_FILE:
        return "lesson"
    try:
        doc = JsonDocument.read(path)
    except FormatError:
        return "unknown"
    return kind_of_data(doc.data)


def kind_of_data(data: Any) -> str:
    """The kind of an already parsed JSON document, for callers that must report a file that
    is not readable JSON rather than call it "unknown"."""
    if w3c.looks_like_w3c(data):
        return "w3c"
    if isinstance(data, dict):
        return {
            native.KEY_FORMAT: "key",
            native.SUBMISSION_FORMAT: "submission",
            native.TAXONOMY_FORMAT: "taxonomy",
        }.get(str(data.get("format")), "unknown")
    return "unknown"


def check_file(path: Path, lesson: Lesson | None = None) -> list[Problem]:
    """Every problem (errors and warnings) with one key, submission, taxonomy or W3C file.
    Lesson folders are checked above the formats, as instructor mode checks them
    (`literacy_app.authoring.checking.check`, what `literacy-app check` calls)."""
    try:
        doc = JsonDocument.read(path)
        kind = kind_of_data(doc.data)
        if lesson is None and kind in ("key", "submission", "w3c"):
            lesson = _lesson_beside(path)
        taxonomy = lesson.taxonomy if lesson else native.default_taxonomy()
        ref = article_ref(lesson) if lesson else None
        if kind == "taxonomy":
            native.parse_taxonomy(doc)
            return doc.warnings
        if kind == "key":
            return native.parse_key(doc, taxonomy, ref).warnings
        if kind == "submission":
            return (
                read_submission(path, lesson).warnings
                if lesson
                else native.parse_submission(doc, taxonomy, None).warnings
            )
        if kind == "w3c":
            if lesson is None:
                return [
                    Problem(
                        str(path),
                        _("W3C annotations are checked against a lesson: pass --lesson LESSON"),
                    )
                ]
            if w3c.looks_like_w3c_key(doc.data):
                return w3c.parse_w3c_key(doc, lesson.taxonomy, article_ref(lesson)).warnings
            return read_submission(path, lesson).warnings
        return [
            doc.problem(
                ("format",),
                _(
                    'expected a lesson folder or a JSON file with "format": '
                    '"literacy-key", "literacy-submission" or "literacy-taxonomy", '
                    "or W3C Web Annotation"
                ),
            )
        ]
    except FormatError as err:
        return err.problems


def _lesson_beside(path: Path) -> Lesson | None:
    """A key inside a lesson folder is checked against that lesson's article."""
    folder = path.resolve().parent
    if (folder / LESSON_FILE).exists():
        try:
            return load_lesson(folder, with_key=False)
        except FormatError:
            return None
    return None
