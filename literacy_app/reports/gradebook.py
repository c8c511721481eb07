"""The gradebook's columns, one list for `grade --format csv`, `review --format csv` and the
class review window's export, so that a spreadsheet of either has the same columns in the same
units (docs/formats.md lists them).

The first two columns are named as in Canvas's gradebook export ("Student", "ID"); Moodle's
"Import grades from CSV" lets the instructor map any column. Score is 0-100 with one decimal,
like the percentages LMS gradebooks show, and so are precision, recall and F1 (empty where
undefined: precision of a blank submission). Bonus credit is two numbers in two columns, never
"1/3", which a spreadsheet turns into the first of March.
"""

from __future__ import annotations

from literacy_app.core.classstats import GradebookRow
from literacy_app.reports.cells import Cell, amount, fixed, percent

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
    "Recall",
    "F1",
    "Bonus earned",
    "Bonus possible",
    "Attempts",
    "Hints used",
    "File",
]


def gradebook_cells(row: GradebookRow) -> list[Cell]:
    return [
        row.student,
        row.student_id,
        fixed(row.score),
        row.found,
        row.mislabeled,
        row.imprecise,
        row.missed,
        row.not_in_key,
        percent(row.precision),
        percent(row.recall),
        percent(row.f1),
        amount(row.bonus),
        amount(row.bonus_possible),
        row.attempts,
        row.hints,
        row.file,
    ]
