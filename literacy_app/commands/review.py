"""`literacy-app review`: a whole class at once, for the instructor after collecting the work.

Grades every submission in the folders given, then shows the gradebook, how the class did on
each key item (and the wrong category most often given: what to re-teach), the passages many
students marked that the key lacks, and how far students agree with each other and with the key.
A file that cannot be used (unreadable, not a submission, or written for another lesson) is
reported on stderr as FILE:LINE:COL and left out; the others are still reviewed, and the exit
status is 1. A student who handed in twice counts once, with the latest submission; the earlier
ones are set aside with a warning. The reports themselves are written by literacy_app.reports.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from literacy_app.commands.common import add_class_options
from literacy_app.i18n import _
from literacy_app.resources import find_lesson

if TYPE_CHECKING:
    from literacy_app.batch import Batch
    from literacy_app.core.classstats import ClassReview
    from literacy_app.core.lesson import Lesson

VIEWS = ("gradebook", "items", "hotspots", "all")
LMS_NAMES = ("canvas", "moodle", "google")  # reports/lms.py, imported only when used


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "review",
        help=_("review a class: gradebook, items to re-teach, hot spots, agreement"),
        description=_(
            "Grade every submission in the folders (native or W3C Web Annotation; "
            "folders are searched for *.json) and review the class: a gradebook, how the class "
            "did on each key item, passages many students marked that the key lacks, and "
            "Krippendorff's alpha among students and with the key. Unusable files (unreadable, "
            "not a submission, or for another lesson) are reported on stderr and left out; the "
            "exit status is then 1. A student who handed in more than once counts once, with "
            "the latest submission."
        ),
    )
    p.add_argument("--lesson", required=True, help=_("lesson folder or bundled lesson id"))
    p.add_argument("folders", nargs="+", metavar="SUBMISSIONS_FOLDER")
    p.add_argument(
        "--format",
        choices=("table", "json", "csv", "html", "pdf"),
        default="table",
        help=_(
            "table (default), json, csv, or the printable class report: html (one "
            "self-contained page) or pdf (needs -o FILE.pdf)"
        ),
    )
    p.add_argument(
        "--view",
        choices=VIEWS,
        help=_(
            "what to show (default: all; for csv: gradebook, ready for an LMS import; "
            "html and pdf always hold the whole report)"
        ),
    )
    p.add_argument(
        "--lms",
        choices=LMS_NAMES,
        help=_(
            "with --format csv: the gradebook in the columns this LMS's grade import takes "
            "(docs/formats.md); students it cannot match are warned about on stderr"
        ),
    )
    p.add_argument(
        "--min-share",
        type=float,
        default=0.3,
        metavar="SHARE",
        help=_("a hot spot is marked by at least this share of students (default 0.3)"),
    )
    p.add_argument("-o", "--output", metavar="FILE", help=_("write here instead of stdout"))
    add_class_options(p)
    p.add_argument(
        "--window",
        action="store_true",
        help=_("open the class review window instead of printing"),
    )
    p.add_argument(
        "--screenshot",
        metavar="FILE.png",
        help=_("with --window: render the window to FILE.png, then exit"),
    )
    p.set_defaults(func=cmd_review)


def cmd_review(args: argparse.Namespace) -> int:
    from literacy_app.batch import Reported, Unreadable, report_files, sort_out
    from literacy_app.commands.common import UsageError
    from literacy_app.core.classstats import StudentSummary, review_of
    from literacy_app.formats.lesson_package import load_lesson
    from literacy_app.reports import review as reports
    from literacy_app.reports.cells import scrub
    from literacy_app.reports.emit import emit
    from literacy_app.reports.progress import Bar

    view = args.view or ("gradebook" if args.format == "csv" else "all")
    if args.format == "csv" and view == "all":
        raise UsageError(
            _("a CSV file holds one table: choose --view gradebook, items or hotspots")
        )
    if args.excel and args.format != "csv":
        raise UsageError(_("--excel is for --format csv"))
    if args.lms and (args.format != "csv" or view != "gradebook"):
        raise UsageError(_("--lms is for the gradebook as CSV: --format csv --view gradebook"))
    if args.format in ("html", "pdf") and args.view:
        raise UsageError(
            _("--format {format} holds the whole class report: drop --view").format(
                format=args.format
            )
        )
    if args.format == "pdf" and args.output in (None, "-"):
        raise UsageError(_("--format pdf writes a file: give it with -o FILE.pdf"))
    if not 0.0 < args.min_share <= 1.0:
        raise UsageError(_("--min-share must be above 0 and at most 1"))
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(_("--jobs must be at least 1"))
    lesson = load_lesson(find_lesson(args.lesson))
    paths = [Path(p) for p in args.folders]
    bar = Bar(_("reviewing")) if args.progress else None
    if args.window:
        # The window keeps every student's work (to open it, and to regrade after a
        # promotion); it reads the class itself, with a progress dialog.
        return _open_window(lesson, paths, args.screenshot)

    # The printed review needs only each student's summary: made where the file was graded.
    reported: list[Reported | Unreadable] = list(
        report_files(
            lesson,
            paths,
            reports.render_summary,
            workers=args.jobs,
            progress=bar,
            breakdown=False,  # the review shows no per-category figures
        )
    )
    if bar is not None:
        bar.clear()
    batch = sort_out(lesson, reported)
    for problem in batch.messages:
        print(scrub(str(problem)), file=sys.stderr)
    if not reported:
        print(_("no submission files found"), file=sys.stderr)

    assert lesson.key is not None  # report_files refuses a lesson without one
    summaries: list[StudentSummary] = [r.piece for r in batch.graded]
    review = review_of(lesson.key, len(lesson.article.text), summaries, min_share=args.min_share)
    if args.format in ("html", "pdf"):
        return _class_report(args, lesson, review, batch, reported)
    if args.format == "json":
        text = reports.to_json(lesson, review, batch, view)
    elif args.format == "csv" and args.lms:
        from literacy_app.reports.lms import lms_csv

        text, unmatched = lms_csv(args.lms, lesson.title, review.gradebook, bom=args.excel)
        for problem in unmatched:
            print(scrub(str(problem)), file=sys.stderr)
    elif args.format == "csv":
        text = reports.to_csv(lesson, review, view, bom=args.excel)
    else:
        text = reports.to_table(lesson, review, batch, view, args.min_share)
    try:
        emit(text, args.output, binary=args.format == "csv")
    except OSError as err:
        raise UsageError(
            _("{file}: cannot write: {reason}").format(file=args.output, reason=err.strerror or err)
        ) from None
    return 1 if batch.rejected or not reported else 0


def _class_report(
    args: argparse.Namespace,
    lesson: Lesson,
    review: ClassReview,
    batch: Batch[Any],
    reported: Sequence[object],
) -> int:
    """The printable class report: HTML to a file or stdout, or PDF through Qt's own layout
    (gui/report_pdf.py), which needs no display: it is drawn offscreen when there is none."""
    from literacy_app.commands.common import UsageError
    from literacy_app.reports.class_report import class_report_html
    from literacy_app.reports.emit import emit

    page = class_report_html(lesson, review, batch, min_share=args.min_share)
    try:
        if args.format == "html":
            emit(page, args.output)
        else:
            title = _("Class report: {title}").format(title=lesson.title)
            _write_pdf(page, Path(args.output), title)
    except OSError as err:
        raise UsageError(
            _("{file}: cannot write: {reason}").format(file=args.output, reason=err.strerror or err)
        ) from None
    return 1 if batch.rejected or not reported else 0


def _write_pdf(page: str, path: Path, title: str) -> None:
    from literacy_app.commands.common import require_display

    require_display(True)  # a PDF needs no display: offscreen when there is none
    from literacy_app.gui.app import application
    from literacy_app.gui.report_pdf import write_pdf

    _app = application()  # fonts and layout need one; the window's, if one is open
    write_pdf(page, path, title)


def _open_window(lesson: Lesson, paths: Sequence[Path], screenshot: str | None) -> int:
    from literacy_app.batch import sort_out
    from literacy_app.commands.common import require_display
    from literacy_app.reports.cells import scrub

    require_display(bool(screenshot))
    # Qt is imported only when a window opens: the printed reports stay Qt-free.
    from literacy_app.gui.app import application, install_crash_handler
    from literacy_app.gui.class_review_window import ClassReviewWindow, load_class

    app = application()
    results = load_class(lesson, paths)
    if results is None:
        return 1
    for problem in sort_out(lesson, results).messages:
        print(scrub(str(problem)), file=sys.stderr)
    if not results:
        print(_("no submission files found"), file=sys.stderr)
    window = ClassReviewWindow(lesson, results)
    if screenshot:
        window.show()
        if window.items.rowCount():
            window.items_table.selectRow(0)
        app.processEvents()
        return 0 if window.grab().save(screenshot) else 1
    install_crash_handler()
    window.show()
    return app.exec()
