"""`review`'s reports (and the class review window's export): table, JSON, CSV.

The gradebook CSV is the one `grade` writes (reports/gradebook.py), for a learning-management
system's import; the items and hot-spot views are CSV tables of their own. Every proportion in
a CSV is a percentage 0-100; in JSON, score is 0-100 and shares, precision, recall, F1 and
alpha are 0-1 (as in `grade --format json`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from literacy_app.batch import Batch, Context, ReadFile
from literacy_app.core.classstats import (
    Agreement,
    ClassReview,
    GradebookRow,
    ItemStat,
    Segment,
    StudentSummary,
    plain_words,
    summarise,
)
from literacy_app.core.lesson import Lesson
from literacy_app.i18n import N_, _, decimal
from literacy_app.reports.cells import Cell, Figure, csv_text, percent
from literacy_app.reports.grade import left_out_json
from literacy_app.reports.gradebook import GRADEBOOK_HEADER, gradebook_cells
from literacy_app.reports.table import figure, grid

ITEMS_HEADER = [
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
HOT_SPOTS_HEADER = ["Start", "End", "Students", "Share %", "Quote"]
# The terminal tables' headings, for people (the CSV headers above are data, and stay English).
GRADEBOOK_TABLE_HEADER = [
    N_("student"),
    N_("id"),
    N_("score"),
    N_("found"),
    N_("mislabeled"),
    N_("imprecise"),
    N_("missed"),
    N_("not in key"),
    N_("precision"),
    N_("recall"),
    N_("f1"),
    N_("bonus"),
    N_("attempts"),
    N_("file"),
]
ITEMS_TABLE_HEADER = [
    N_("item"),
    N_("category"),
    N_("required"),
    N_("found"),
    N_("credited"),
    N_("missed"),
    N_("often given instead"),
    N_("quote"),
]


def render_summary(context: Context, read: ReadFile) -> StudentSummary:
    """A file's part of the class review, made where it was graded (`batch.report_files`)."""
    assert context.lesson.key is not None
    result = context.grade(read.submission)
    text_length = len(context.lesson.article.text)
    return summarise(context.lesson.key, str(read.file), read.submission, result, text_length)


def _share(count: int, total: int) -> str:
    """For a table, where "2/3" is read by a person, never by a spreadsheet."""
    return f"{count}/{total} ({100 * count / total:.0f}%)" if total else "0/0"


def _alpha(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _excerpt(text: str, limit: int = 48) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


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
        "precision": None if row.precision is None else round(row.precision, 6),
        "recall": round(row.recall, 6),
        "f1": round(row.f1, 6),
        "bonus_earned": round(row.bonus, 6),
        "bonus_possible": row.bonus_possible,
        "attempts": row.attempts,
        "hints_used": row.hints,
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


def to_json(lesson: Lesson, review: ClassReview, batch: Batch[Any], view: str) -> str:
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
    document.update(left_out_json(batch))
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# --- CSV --------------------------------------------------------------------------------------


def to_csv(lesson: Lesson, review: ClassReview, view: str, bom: bool = False) -> str:
    """One view as a CSV table: gradebook (as `grade` writes it), items or hot spots."""
    students = len(review.gradebook)
    rows: list[list[Cell]]
    if view == "gradebook":
        return csv_text(GRADEBOOK_HEADER, (gradebook_cells(r) for r in review.gradebook), bom)
    if view == "items":
        rows = [
            [
                s.item_id,
                s.quote,
                s.category,
                Figure("yes" if s.required else "bonus"),
                s.students,
                s.found,
                s.mislabeled,
                s.imprecise,
                s.missed,
                percent(s.share_found),
                percent(s.share_credited),
                percent(s.share_missed),
                s.wrong_category,
                s.wrong_count,
            ]
            for s in review.items
        ]
        return csv_text(ITEMS_HEADER, rows, bom)
    text = lesson.article.text
    rows = [
        [
            spot.start,
            spot.end,
            spot.count,
            percent(spot.count / students if students else 0.0),
            text[spot.start : spot.end],
        ]
        for spot in review.hot_spots
    ]
    return csv_text(HOT_SPOTS_HEADER, rows, bom)


# --- table ------------------------------------------------------------------------------------


def _gradebook_lines(review: ClassReview) -> list[str]:
    lines = [_("Gradebook")]
    if not review.gradebook:
        return [*lines, "  " + _("no submissions graded")]
    header = [_(h) for h in GRADEBOOK_TABLE_HEADER]
    rows = [
        [
            r.student or _("(no name)"),
            r.student_id,
            decimal(f"{r.score:.1f}"),
            str(r.found),
            str(r.mislabeled),
            str(r.imprecise),
            str(r.missed),
            str(r.not_in_key),
            figure(r.precision),
            decimal(f"{r.recall:.3f}"),
            decimal(f"{r.f1:.3f}"),
            _("{earned} of {possible}").format(
                earned=decimal(f"{r.bonus:g}"), possible=decimal(f"{r.bonus_possible:g}")
            ),
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
        *grid(header, rows, {0, 1, 13}),
        _("{count} student(s); median score {median}").format(
            count=len(rows), median=decimal(f"{median:.1f}")
        ),
    ]


def _item_lines(review: ClassReview) -> list[str]:
    lines = [_("Key items (what to re-teach: low found share, common wrong category)")]
    if not review.items:
        return [*lines, "  " + _("the key has no items")]
    header = [_(h) for h in ITEMS_TABLE_HEADER]
    rows = [
        [
            s.item_id,
            s.category,
            _("yes") if s.required else _("bonus"),
            _share(s.found, s.students),
            _share(s.credited, s.students),
            _share(s.missed, s.students),
            f"{s.wrong_category} ({s.wrong_count})" if s.wrong_category else "-",
            _excerpt(s.quote, 40),
        ]
        for s in review.items
    ]
    return [*lines, *grid(header, rows, {0, 1, 2, 6, 7})]


def _hot_spot_lines(lesson: Lesson, review: ClassReview, min_share: float) -> list[str]:
    students = len(review.gradebook)
    lines = [
        _(
            "Hot spots the key lacks (marked by at least {share}% of students, "
            "no key item there: candidates for a new item)"
        ).format(share=f"{100 * min_share:.0f}")
    ]
    if not review.hot_spots:
        return [*lines, "  " + _("none")]
    text = lesson.article.text
    rows = [
        [_share(s.count, students), f"{s.start}-{s.end}", _excerpt(text[s.start : s.end], 60)]
        for s in review.hot_spots
    ]
    return [*lines, *grid([_("students"), _("span"), _("quote")], rows, {2})]


def _agreement_lines(agreement: Agreement) -> list[str]:
    lines = [_("Agreement (Krippendorff's alpha, nominal, over characters)")]
    among = _("among students: {alpha}").format(alpha=figure(agreement.among_students))
    lines.append(f"  {among}")
    lines.append(f"    {plain_words(agreement.among_students)}")
    with_key = _("students with the key: {alpha}").format(alpha=figure(agreement.with_key))
    lines.append(f"  {with_key}")
    known = [v for v in agreement.with_key_by_student if v is not None]
    if known:
        each = _("per student: lowest {lowest}, highest {highest}").format(
            lowest=decimal(f"{min(known):.3f}"), highest=decimal(f"{max(known):.3f}")
        )
        lines.append(f"    {each}")
    return lines


def _summary(reviewed: int, rejected: int, set_aside: int) -> str:
    """The line under the title: each case a whole sentence, for the translator."""
    if rejected and set_aside:
        line = _(
            "{reviewed} submission(s) reviewed, {rejected} file(s) left out, {set_aside} "
            "earlier submission(s) set aside (each student counts once, with their latest) "
            "(see the messages above)"
        )
    elif rejected:
        line = _(
            "{reviewed} submission(s) reviewed, {rejected} file(s) left out (see the messages "
            "above)"
        )
    elif set_aside:
        line = _(
            "{reviewed} submission(s) reviewed, {set_aside} earlier submission(s) set aside "
            "(each student counts once, with their latest) (see the messages above)"
        )
    else:
        line = _("{reviewed} submission(s) reviewed")
    return line.format(reviewed=reviewed, rejected=rejected, set_aside=set_aside)


def to_table(
    lesson: Lesson,
    review: ClassReview,
    batch: Batch[Any],
    view: str,
    min_share: float = 0.3,
) -> str:
    title = _("Class review: {title} ({id})").format(title=lesson.title, id=lesson.id)
    summary = _summary(len(review.gradebook), len(batch.rejected), len(batch.set_aside))
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
