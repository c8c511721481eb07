"""`literacy-app review`: a whole class at once, for the instructor after collecting the work.

Grades every submission in the folders given, then shows the gradebook, how the class did on
each key item (and the wrong category most often given: what to re-teach), the passages many
students marked that the key lacks, and how far students agree with each other and with the key.
A file that cannot be used (unreadable, not a submission, or written for another lesson) is
reported on stderr as FILE:LINE:COL and left out; the others are still reviewed, and the exit
status is 1.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from literacy_app.core.errors import Problem
from literacy_app.resources import find_lesson

if TYPE_CHECKING:
    from literacy_app.batch import Graded, Unreadable
    from literacy_app.core.classstats import Agreement, ClassReview, GradebookRow, ItemStat, Segment
    from literacy_app.core.lesson import Lesson

VIEWS = ("gradebook", "items", "hotspots", "all")

# The gradebook CSV is what learning-management systems import. Its first two columns are
# named as in Canvas's gradebook export ("Student", "ID"); Moodle's "Import grades from CSV"
# lets the instructor map any column. The file is UTF-8 *without* a byte-order mark: Moodle's
# importer defaults to UTF-8 and Canvas reads UTF-8, but a BOM is glued to the first header by
# many importers ("\ufeffStudent"), which then fails to match the column. Rows end in CRLF as
# RFC 4180 asks (every importer also accepts it), numbers use a decimal point whatever the
# locale, and the score is 0-100 with one decimal, like the percentages LMS gradebooks show.
GRADEBOOK_HEADER = [
    "Student",
    "ID",
    "Score",
    "Found",
    "Mislabeled",
    "Imprecise",
    "Missed",
    "Not in key",
    "Precision",
    "Attempts",
]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "review",
        help="review a class: gradebook, items to re-teach, hot spots, agreement",
        description="Grade every submission in the folders (native or W3C Web Annotation; "
        "folders are searched for *.json) and review the class: a gradebook, how the class did "
        "on each key item, passages many students marked that the key lacks, and Krippendorff's "
        "alpha among students and with the key. Unusable files (unreadable, not a submission, "
        "or for another lesson) are reported on stderr and left out; the exit status is then 1.",
    )
    p.add_argument("--lesson", required=True, help="lesson folder or bundled lesson id")
    p.add_argument("folders", nargs="+", metavar="SUBMISSIONS_FOLDER")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument(
        "--view",
        choices=VIEWS,
        help="what to show (default: all; for csv: gradebook, ready for an LMS import)",
    )
    p.add_argument(
        "--min-share",
        type=float,
        default=0.3,
        metavar="SHARE",
        help="a hot spot is marked by at least this share of students (default 0.3)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument(
        "--window", action="store_true", help="open the class review window instead of printing"
    )
    p.add_argument(
        "--screenshot",
        metavar="FILE.png",
        help="with --window: render the window to FILE.png, then exit",
    )
    p.set_defaults(func=cmd_review)


def cmd_review(args: argparse.Namespace) -> int:
    from literacy_app.batch import grade_files
    from literacy_app.cli import UsageError
    from literacy_app.core.classstats import class_review
    from literacy_app.formats.lesson_package import load_lesson

    view = args.view or ("gradebook" if args.format == "csv" else "all")
    if args.format == "csv" and view == "all":
        raise UsageError("a CSV file holds one table: choose --view gradebook, items or hotspots")
    if not 0.0 < args.min_share <= 1.0:
        raise UsageError("--min-share must be above 0 and at most 1")
    lesson = load_lesson(find_lesson(args.lesson))
    results = grade_files(lesson, [Path(p) for p in args.folders])
    graded, rejected = _split(lesson, results)
    for problem in (p for g in graded for p in g.warnings):
        print(problem, file=sys.stderr)
    for bad in rejected:
        for problem in bad.problems:
            print(problem, file=sys.stderr)
    if not results:
        print("no submission files found", file=sys.stderr)
    if args.window:
        return _open_window(lesson, [*graded, *rejected], args.screenshot)

    assert lesson.key is not None  # grade_files refuses a lesson without one
    review = class_review(
        lesson.key,
        len(lesson.article.text),
        [(str(g.file), g.submission, g.result) for g in graded],
        min_share=args.min_share,
    )
    if args.format == "json":
        text = to_json(lesson, review, rejected, view)
    elif args.format == "csv":
        text = to_csv(lesson, review, view)
    else:
        text = to_table(lesson, review, rejected, view, args.min_share)
    _write(text, args.output, binary_stdout=args.format == "csv")
    return 1 if rejected or not results else 0


def _split(
    lesson: Lesson, results: Sequence[Graded | Unreadable]
) -> tuple[list[Graded], list[Unreadable]]:
    """Graded files of this lesson, and the rest (unreadable, or written for another lesson).

    Grading against the wrong lesson is only a warning for `grade` (the article may be the
    same); in a class review such a file would distort every class figure, so it is left out.
    """
    from literacy_app.batch import Unreadable

    graded: list[Graded] = []
    rejected: list[Unreadable] = []
    for result in results:
        if isinstance(result, Unreadable):
            rejected.append(result)
            continue
        other = result.submission.lesson
        if not other or other == lesson.id:
            graded.append(result)
            continue
        message = f"written for lesson {other!r}, not {lesson.id!r}: left out of the review"
        located = [w for w in result.warnings if w.message.startswith("written for lesson")]
        problem = (
            replace(located[0], message=message, severity="error")
            if located
            else Problem(str(result.file), message)
        )
        rejected.append(Unreadable(result.file, (problem,)))
    return graded, rejected


def _write(text: str, destination: str | None, binary_stdout: bool = False) -> None:
    from literacy_app.cli import UsageError
    from literacy_app.formats.atomic import atomic_write

    if destination is None or destination == "-":
        if binary_stdout and hasattr(sys.stdout, "buffer"):
            # CSV rows end in CRLF already; a text-mode stdout on Windows would double the CR.
            sys.stdout.flush()
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
        return
    try:
        atomic_write(Path(destination), text)
    except OSError as err:
        raise UsageError(f"{destination}: cannot write: {err.strerror or err}") from None


# --- shared formatting ------------------------------------------------------------------------


def _percent(value: float) -> str:
    return f"{100 * value:.1f}"


def _share(count: int, total: int) -> str:
    return f"{count}/{total} ({100 * count / total:.0f}%)" if total else "0/0"


def _alpha(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _excerpt(text: str, limit: int = 48) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _safe_cell(text: str) -> str:
    """Student names and ids are typed by students: a leading =, +, -, @ (or tab/CR) would make
    a spreadsheet run it as a formula, so such cells get a leading apostrophe (OWASP advice)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# --- JSON -------------------------------------------------------------------------------------


def _row_dict(row: GradebookRow) -> dict[str, Any]:
    return {
        "student": {"name": row.student, "id": row.student_id},
        "file": row.file,
        "score": round(row.score, 2),
        "counts": {
            "found": row.found,
            "mislabeled": row.mislabeled,
            "imprecise": row.imprecise,
            "missed": row.missed,
            "not_in_key": row.not_in_key,
            "extra": row.extra,
        },
        "penalty": round(row.penalty, 6),
        "precision": round(row.precision, 6),
        "recall": round(row.recall, 6),
        "f1": round(row.f1, 6),
        "bonus_earned": round(row.bonus, 6),
        "bonus_possible": row.bonus_possible,
        "attempts": row.attempts,
    }


def _item_dict(stat: ItemStat) -> dict[str, Any]:
    return {
        "id": stat.item_id,
        "quote": stat.quote,
        "category": stat.category,
        "required": stat.required,
        "students": stat.students,
        "found": stat.found,
        "mislabeled": stat.mislabeled,
        "imprecise": stat.imprecise,
        "missed": stat.missed,
        "share_found": round(stat.share_found, 6),
        "share_credited": round(stat.share_credited, 6),
        "share_missed": round(stat.share_missed, 6),
        "most_common_wrong_category": (
            {"category": stat.wrong_category, "count": stat.wrong_count}
            if stat.wrong_category
            else None
        ),
    }


def _spot_dict(text: str, spot: Segment, students: int) -> dict[str, Any]:
    return {
        "start": spot.start,
        "end": spot.end,
        "quote": text[spot.start : spot.end],
        "students": spot.count,
        "share": round(spot.count / students, 6) if students else 0.0,
    }


def _agreement_dict(agreement: Agreement, rows: Sequence[str]) -> dict[str, Any]:
    from literacy_app.core.classstats import plain_words

    return {
        "measure": "Krippendorff's alpha (nominal)",
        "units": agreement.units,
        "unit_count": agreement.unit_count,
        "among_students": _alpha(agreement.among_students),
        "among_students_explained": plain_words(agreement.among_students),
        "with_key": _alpha(agreement.with_key),
        "with_key_explained": plain_words(agreement.with_key),
        "with_key_by_file": [
            {"file": file, "alpha": _alpha(value)}
            for file, value in zip(rows, agreement.with_key_by_student, strict=True)
        ],
    }


def to_json(lesson: Lesson, review: ClassReview, rejected: Sequence[Unreadable], view: str) -> str:
    assert lesson.key is not None
    students = len(review.gradebook)
    document: dict[str, Any] = {
        "lesson": lesson.id,
        "title": lesson.title,
        "key": {"items": len(lesson.key.items), "revision": lesson.key.revision},
        "students": students,
    }
    if view in ("gradebook", "all"):
        document["gradebook"] = [_row_dict(r) for r in review.gradebook]
    if view in ("items", "all"):
        document["items"] = [_item_dict(s) for s in review.items]
    if view in ("hotspots", "all"):
        text = lesson.article.text
        document["hotspots"] = [_spot_dict(text, s, students) for s in review.hot_spots]
        document["coverage"] = [[s.start, s.end, s.count] for s in review.coverage]
    if view == "all":
        document["agreement"] = _agreement_dict(review.agreement, review.files)
    document["errors"] = [
        {"file": str(r.file), "problems": [str(p) for p in r.problems]} for r in rejected
    ]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# --- CSV --------------------------------------------------------------------------------------


def to_csv(lesson: Lesson, review: ClassReview, view: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    students = len(review.gradebook)
    if view == "gradebook":
        writer.writerow(GRADEBOOK_HEADER)
        for row in review.gradebook:
            writer.writerow(
                [
                    _safe_cell(row.student),
                    _safe_cell(row.student_id),
                    f"{row.score:.1f}",
                    row.found,
                    row.mislabeled,
                    row.imprecise,
                    row.missed,
                    row.not_in_key,
                    _percent(row.precision),
                    row.attempts,
                ]
            )
    elif view == "items":
        writer.writerow(
            [
                "Item",
                "Quote",
                "Category",
                "Required",
                "Students",
                "Found",
                "Mislabeled",
                "Imprecise",
                "Missed",
                "Found %",
                "Credited %",
                "Missed %",
                "Most common wrong category",
                "Wrong count",
            ]
        )
        for s in review.items:
            writer.writerow(
                [
                    s.item_id,
                    s.quote,
                    s.category,
                    "yes" if s.required else "bonus",
                    s.students,
                    s.found,
                    s.mislabeled,
                    s.imprecise,
                    s.missed,
                    _percent(s.share_found),
                    _percent(s.share_credited),
                    _percent(s.share_missed),
                    s.wrong_category or "",
                    s.wrong_count,
                ]
            )
    else:
        writer.writerow(["Start", "End", "Students", "Share %", "Quote"])
        text = lesson.article.text
        for spot in review.hot_spots:
            share = spot.count / students if students else 0.0
            writer.writerow(
                [spot.start, spot.end, spot.count, _percent(share), text[spot.start : spot.end]]
            )
    return buffer.getvalue()


# --- table ------------------------------------------------------------------------------------


def _grid(header: list[str], rows: list[list[str]], left: set[int]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i in left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def _gradebook_lines(review: ClassReview) -> list[str]:
    lines = ["Gradebook"]
    if not review.gradebook:
        return [*lines, "  no submissions graded"]
    header = [
        "student",
        "id",
        "score",
        "found",
        "mislabeled",
        "imprecise",
        "missed",
        "not in key",
        "precision",
        "recall",
        "f1",
        "bonus",
        "attempts",
        "file",
    ]
    rows = [
        [
            r.student or "(no name)",
            r.student_id,
            f"{r.score:.1f}",
            str(r.found),
            str(r.mislabeled),
            str(r.imprecise),
            str(r.missed),
            str(r.not_in_key),
            f"{r.precision:.3f}",
            f"{r.recall:.3f}",
            f"{r.f1:.3f}",
            f"{r.bonus:g}/{r.bonus_possible:g}",
            str(r.attempts),
            r.file,
        ]
        for r in review.gradebook
    ]
    scores = sorted(r.score for r in review.gradebook)
    middle = len(scores) // 2
    median = scores[middle] if len(scores) % 2 else (scores[middle - 1] + scores[middle]) / 2
    return [
        *lines,
        *_grid(header, rows, {0, 1, 13}),
        f"{len(rows)} student(s); median score {median:.1f}",
    ]


def _item_lines(review: ClassReview) -> list[str]:
    lines = ["Key items (what to re-teach: low found share, common wrong category)"]
    if not review.items:
        return [*lines, "  the key has no items"]
    header = [
        "item",
        "category",
        "required",
        "found",
        "credited",
        "missed",
        "often given instead",
        "quote",
    ]
    rows = [
        [
            s.item_id,
            s.category,
            "yes" if s.required else "bonus",
            _share(s.found, s.students),
            _share(s.credited, s.students),
            _share(s.missed, s.students),
            f"{s.wrong_category} ({s.wrong_count})" if s.wrong_category else "-",
            _excerpt(s.quote, 40),
        ]
        for s in review.items
    ]
    return [*lines, *_grid(header, rows, {0, 1, 2, 6, 7})]


def _hot_spot_lines(lesson: Lesson, review: ClassReview, min_share: float) -> list[str]:
    students = len(review.gradebook)
    lines = [
        f"Hot spots the key lacks (marked by at least {100 * min_share:.0f}% of students, "
        "no key item there: candidates for a new item)"
    ]
    if not review.hot_spots:
        return [*lines, "  none"]
    text = lesson.article.text
    rows = [
        [_share(s.count, students), f"{s.start}-{s.end}", _excerpt(text[s.start : s.end], 60)]
        for s in review.hot_spots
    ]
    return [*lines, *_grid(["students", "span", "quote"], rows, {2})]


def _agreement_lines(agreement: Agreement) -> list[str]:
    from literacy_app.core.classstats import plain_words

    lines = ["Agreement (Krippendorff's alpha, nominal, over characters)"]

    def figure(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    lines.append(f"  among students: {figure(agreement.among_students)}")
    lines.append(f"    {plain_words(agreement.among_students)}")
    lines.append(f"  students with the key: {figure(agreement.with_key)}")
    known = [v for v in agreement.with_key_by_student if v is not None]
    if known:
        lines.append(f"    per student: lowest {min(known):.3f}, highest {max(known):.3f}")
    return lines


def to_table(
    lesson: Lesson,
    review: ClassReview,
    rejected: Sequence[Unreadable],
    view: str,
    min_share: float = 0.3,
) -> str:
    title = f"Class review: {lesson.title} ({lesson.id})"
    summary = f"{len(review.gradebook)} submission(s) reviewed"
    if rejected:
        summary += f", {len(rejected)} file(s) left out (see the messages above)"
    sections: list[list[str]] = [[title, summary]]
    if view in ("gradebook", "all"):
        sections.append(_gradebook_lines(review))
    if view in ("items", "all"):
        sections.append(_item_lines(review))
    if view in ("hotspots", "all"):
        sections.append(_hot_spot_lines(lesson, review, min_share))
    if view == "all":
        sections.append(_agreement_lines(review.agreement))
    return "\n\n".join("\n".join(section) for section in sections) + "\n"


def _open_window(lesson: Lesson, results: list[Graded | Unreadable], screenshot: str | None) -> int:
    from literacy_app.cli import require_display

    require_display(bool(screenshot))
    # Qt is imported only when a window opens: the printed reports stay Qt-free.
    from literacy_app.gui.app import application, install_crash_handler
    from literacy_app.gui.class_review_window import ClassReviewWindow

    app = application()
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
