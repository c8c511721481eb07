"""The gradebook shaped for a learning-management system's grade import: Canvas, Moodle or
Google Classroom (`review --format csv --lms NAME`; docs/formats.md, "Gradebook CSV for your
LMS", shows each template).

Each LMS matches a row to a student by its own identifier, and the app knows only what a
submission says: the student's name and id. So each template puts that id where its LMS can
match on it, leaves the columns the app cannot know (Canvas's internal user number, the
section) empty for the LMS to ignore, and writes the score (0-100, one decimal, as in
reports/gradebook.py) under one assignment column named after the lesson. A student without
an id (or, for Google Classroom, without an email address as id) gets an empty cell and a
warning naming the file: a made-up value would put a grade on the wrong student, an empty one
is refused by the import and seen. The rows go through the one CSV writer, reports/cells.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from literacy_app.core.classstats import GradebookRow
from literacy_app.core.errors import Problem
from literacy_app.i18n import _
from literacy_app.reports.cells import Cell, Figure, csv_text, fixed, safe_text

LMS_NAMES = ("canvas", "moodle", "google")
LMS_TITLES = {"canvas": "Canvas", "moodle": "Moodle", "google": "Google Classroom"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")

#: Canvas's own gradebook export puts this row under the header; its import reads the points an
#: assignment new to the course is out of from it.
CANVAS_POINTS_ROW = "Points Possible"


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value.strip()))


def split_name(name: str) -> tuple[str, str]:
    """(first name, last name) from one name: "Last, First" at its comma, else the last word
    is the last name ("Mary Ann Lee": "Mary Ann", "Lee"); one word is a first name only."""
    name = " ".join(name.split())
    if "," in name:
        last, first = (part.strip() for part in name.split(",", 1))
        return first, last
    if " " in name:
        first, last = name.rsplit(" ", 1)
        return first, last
    return name, ""


def lms_header(lms: str, assignment: str) -> list[str]:
    """The header row for `lms`; `assignment` (the lesson's title) names the grade column."""
    column = safe_text(" ".join(assignment.split()) or "Media Literacy Lab")
    if lms == "canvas":
        return ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", column]
    if lms == "moodle":
        return ["Full name", "ID number", "Email address", column]
    if lms == "google":
        return ["Email address", "First name", "Last name", column]
    raise ValueError(f"unknown LMS {lms!r}: choose one of {', '.join(LMS_NAMES)}")


def _who(row: GradebookRow) -> str:
    return row.student.strip() or _("a student with no name")


def _row(lms: str, row: GradebookRow) -> tuple[list[Cell], Problem | None]:
    student_id = row.student_id.strip()
    score = fixed(row.score)
    title = LMS_TITLES[lms]
    problem = None
    if lms == "google":
        first, last = split_name(row.student)
        email = student_id if is_email(student_id) else None
        if email is None:
            if student_id:
                message = _(
                    "{student}: its ID {id} is not an email address; the Email address cell "
                    "is left empty, and {lms} matches students by email: fill it in before "
                    "importing"
                )
            else:
                message = _(
                    "{student}: it has no ID, nor an email address; the Email address cell is "
                    "left empty, and {lms} matches students by email: fill it in before "
                    "importing"
                )
            problem = Problem(
                row.file,
                message.format(student=_who(row), id=repr(student_id), lms=title),
                severity="warning",
            )
        return [email, first, last, score], problem
    if not student_id:
        column = "SIS User ID" if lms == "canvas" else "ID number"
        problem = Problem(
            row.file,
            _(
                "{student}: no student ID in the submission; the {column} cell is left empty, "
                "and {lms} cannot match the row until it is filled in"
            ).format(student=_who(row), column=column, lms=title),
            severity="warning",
        )
    if lms == "canvas":
        return [row.student, None, student_id or None, None, None, score], problem
    email = student_id if is_email(student_id) else None
    return [row.student, student_id or None, email, score], problem


def lms_csv(
    lms: str, assignment: str, rows: Sequence[GradebookRow], bom: bool = False
) -> tuple[str, list[Problem]]:
    """The gradebook as `lms` imports it, and a warning for each row it cannot match."""
    header = lms_header(lms, assignment)
    body: list[list[Cell]] = []
    warnings: list[Problem] = []
    if lms == "canvas":
        body.append([Figure(CANVAS_POINTS_ROW), None, None, None, None, Figure("100")])
    for row in rows:
        cells, problem = _row(lms, row)
        body.append(cells)
        if problem is not None:
            warnings.append(problem)
    return csv_text(header, body, bom), warnings
