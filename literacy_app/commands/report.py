"""`literacy-app report`: printable feedback and handouts (issue #17).

    literacy-app report --lesson LESSON SUBMISSION... --to html|pdf -o DIR
    literacy-app report --lesson LESSON --handout --to html|pdf -o DIR

One feedback report per submission file, named after it (`ana.json` gives `ana.html`), and the
handout as `<lesson id>-handout.html`. A file that cannot be used (unreadable, not a
submission, written for another lesson) is reported on stderr as FILE:LINE:COL and gets no
report; the others are still written, and the exit status is then 1. The pages themselves are
made by literacy_app.reports (Qt-free); only PDF needs Qt, drawn offscreen.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from literacy_app.commands.common import UsageError
from literacy_app.i18n import _
from literacy_app.resources import find_lesson

if TYPE_CHECKING:
    from literacy_app.batch import Graded
    from literacy_app.core.errors import Problem
    from literacy_app.core.lesson import Lesson

FORMATS = ("html", "pdf")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "report",
        help=_("printable feedback reports for students, or a handout (HTML or PDF)"),
        description=_(
            "Write one feedback report per submission (the score, the article with "
            "the student's marks and the key's outcomes, and each key item with its "
            "rationale), or with --handout the lesson's printable handout (the article with "
            "paragraph and line numbers, the instructions and the categories; never the key). "
            "Unusable submission files are reported on stderr and get no report; the exit "
            "status is then 1."
        ),
    )
    p.add_argument("--lesson", required=True, help=_("lesson folder or bundled lesson id"))
    p.add_argument(
        "submissions",
        nargs="*",
        metavar="SUBMISSION",
        help=_("submission files, or folders searched for *.json"),
    )
    p.add_argument("--handout", action="store_true", help=_("write the lesson's handout"))
    p.add_argument("--to", choices=FORMATS, default="html", help=_("html (default) or pdf"))
    p.add_argument("-o", "--output", required=True, metavar="DIR", help=_("folder to write into"))
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from literacy_app.core.errors import FormatError
    from literacy_app.formats.lesson_package import load_lesson

    if not args.submissions and not args.handout:
        raise UsageError(_("name the submissions to report on, or pass --handout"))
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            _("{folder}: not a folder (-o names the folder the reports go into)").format(
                folder=folder
            )
        )
    lesson = load_lesson(find_lesson(args.lesson))
    write = _writer(args.to)
    failed = False
    if args.handout:
        from literacy_app.reports.handout import handout_html

        try:
            html = handout_html(lesson)
        except FormatError as err:
            _tell(err.problems)
            failed = True
        else:
            title = _("{title}: handout").format(title=lesson.title)
            write(html, folder / f"{lesson.id}-handout.{args.to}", title)
    if args.submissions:
        paths = [Path(p) for p in args.submissions]
        failed = _feedback(lesson, paths, folder, write, args.to) or failed
    return 1 if failed else 0


Writer = Callable[[str, Path, str], None]


def _writer(kind: str) -> Writer:
    """How a page is written: as it is, or as PDF through Qt (offscreen: no window opens)."""

    def html_file(html: str, path: Path, _title: str) -> None:
        from literacy_app.formats.atomic import atomic_write

        _saved(path, lambda: atomic_write(path, html))

    if kind == "html":
        return html_file
    from literacy_app.commands.common import require_display

    require_display(True)  # offscreen unless a platform was chosen: PDF needs no display
    from literacy_app.gui.app import application
    from literacy_app.gui.report_pdf import write_pdf

    application()

    def pdf_file(html: str, path: Path, title: str) -> None:
        _saved(path, lambda: write_pdf(html, path, title))

    return pdf_file


def _saved(path: Path, save: Callable[[], None]) -> None:
    try:
        save()
    except OSError as err:
        raise UsageError(
            _("{file}: cannot write: {reason}").format(file=path, reason=err.strerror or err)
        ) from None
    print(path)


def _feedback(
    lesson: Lesson, paths: Sequence[Path], folder: Path, write: Writer, kind: str
) -> bool:
    """A report per usable file; True when some file could not be used."""
    from literacy_app.batch import Unreadable, grade_files
    from literacy_app.reports.feedback import feedback_html

    failed = False
    names: set[str] = set()
    for graded in grade_files(lesson, paths):
        if isinstance(graded, Unreadable):
            _tell(graded.problems)
            failed = True
            continue
        refused = _other_lesson(lesson, graded)
        if refused is not None:
            _tell([refused])
            failed = True
            continue
        _tell(graded.warnings)
        submission = graded.submission
        html = feedback_html(lesson, submission, graded.result)  # charged for hints by grading
        name = _free_name(graded.file, names, lesson.id)
        student = submission.student.display()
        title = _("{title}: feedback for {student}").format(title=lesson.title, student=student)
        write(html, folder / f"{name}.{kind}", title)
    return failed


def _other_lesson(lesson: Lesson, graded: Graded) -> Problem | None:
    """A file written for another lesson gets no report: its score against this key means
    nothing. The problem points at its `lesson` field, as `grade` and `review` do."""
    from literacy_app.core.errors import Problem
    from literacy_app.formats.io import other_lesson_warning

    written_for = graded.submission.lesson
    if not written_for or written_for == lesson.id:
        return None
    # batch.other_lesson_message's sentence with this command's ending, whole for translators
    message = _("written for lesson {written_for}, not {lesson}: no report").format(
        written_for=repr(written_for), lesson=repr(lesson.id)
    )
    # The reader's warning names the place of the `lesson` field (formats/io.py).
    located = other_lesson_warning(graded.warnings)
    if located is not None:
        return replace(located, message=message, severity="error")
    return Problem(str(graded.file), message)


def _free_name(file: Path, taken: set[str], fallback: str) -> str:
    """The report's name: the submission's file name without `.json` (two files of the same
    name from different folders get -2, -3...; a name that is only dots gets the lesson's)."""
    stem = file.name[: -len(".json")] if file.name.lower().endswith(".json") else file.name
    stem = stem.strip(". ") or fallback
    name, number = stem, 1
    while name.casefold() in taken:
        number += 1
        name = f"{stem}-{number}"
    taken.add(name.casefold())
    return name


def _tell(problems: Sequence[Problem]) -> None:
    from literacy_app.reports.cells import scrub

    for problem in problems:
        print(scrub(str(problem)), file=sys.stderr)
