"""`grade` and `review` reports as a spreadsheet, a gradebook import and a script see them.

Hostile names must not become formulas, no cell may turn into a date, both commands write
the same gradebook columns, undefined figures are said to be undefined, and both commands
agree on which files count (the latest submission per student, this lesson only).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from literacy_app.cli import main
from tests.conftest import KEY_ITEMS, submission_dict, write_json

MakeLesson = Callable[..., Path]

PROBLEM_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")
ALL_MARKS = [(quote, category) for quote, category, *_ in KEY_ITEMS]
SOME_MARKS = [("reckless", "loaded_language"), ("Critics claim", "doubt")]
BOM = "\ufeff"

HOSTILE = [
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "+1",
    "-1",
    "\tTab",
    "\rReturn",
    '=HYPERLINK("http://evil.example","x")',
]
# Cells a spreadsheet turns into a date or a fraction: 1/3, 3-4, 2026-11-25 ...
DATE_LIKE = re.compile(r"^\d{1,4}[/-]\d{1,2}([/-]\d{1,4})?$")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    header, *rows = list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))
    return header, [dict(zip(header, row, strict=True)) for row in rows]


def _grade(capsys: pytest.CaptureFixture[str], lesson: Path, *args: str) -> tuple[int, str, str]:
    return _run(capsys, "grade", "--lesson", str(lesson), *args)


def _review(capsys: pytest.CaptureFixture[str], lesson: Path, *args: str) -> tuple[int, str, str]:
    return _run(capsys, "review", "--lesson", str(lesson), *args)


@pytest.fixture
def hostile_class(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    folder.mkdir()
    for number, name in enumerate(HOSTILE):
        write_json(folder / f"h{number}.json", submission_dict(SOME_MARKS, name=name))
    write_json(folder / "long.json", submission_dict(SOME_MARKS, name="N" * 10_000))
    # A lone surrogate cannot be written as UTF-8; JSON escapes it, and Python reads it back.
    data = submission_dict(SOME_MARKS, name="Lone \ud800 surrogate")
    (folder / "surrogate.json").write_text(json.dumps(data), encoding="ascii")
    return folder


# --- formula safety -------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["grade", "review"])
def test_hostile_names_never_reach_a_spreadsheet_as_formulas(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, hostile_class: Path, command: str
) -> None:
    code, out, err = _run(
        capsys, command, "--lesson", str(make_lesson()), "--format", "csv", str(hostile_class)
    )
    assert code == 0, err
    assert "Traceback" not in err
    _header, rows = _csv(out)
    names = [row["Student"] for row in rows]
    ids = [row["ID"] for row in rows]
    for hostile in HOSTILE:
        assert "'" + hostile in names
        assert "'" + hostile.lower() in ids
    for cell in (c for row in rows for c in row.values()):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert "N" * 10_000 in names  # long, but whole and harmless
    assert "Lone \ufffd surrogate" in names
    out.encode("utf-8")  # writable as UTF-8: no surrogate left


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_a_lone_surrogate_does_not_stop_the_other_reports(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, hostile_class: Path, fmt: str
) -> None:
    lesson = make_lesson()
    for command in ("grade", "review"):
        code, out, err = _run(
            capsys, command, "--lesson", str(lesson), "--format", fmt, str(hostile_class)
        )
        assert code == 0, err
        assert "\ufffd" in out
        out.encode("utf-8")


def test_file_names_and_quotes_are_escaped_too(
    capsys: pytest.CaptureFixture[str],
    make_lesson: MakeLesson,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lesson = make_lesson()
    folder = tmp_path / "=evil"
    folder.mkdir()
    write_json(folder / "ada.json", submission_dict(SOME_MARKS, name="Ada"))
    monkeypatch.chdir(tmp_path)  # a relative path, as a teacher types it, starts with "="
    code, out, _ = _grade(capsys, lesson, "--format", "csv", "=evil/ada.json")
    assert code == 0
    [row] = _csv(out)[1]
    assert row["File"] == "'=evil/ada.json"
    # a hot spot's quote comes from the article, which an instructor imported
    code, out, _ = _review(
        capsys, lesson, "--format", "csv", "--view", "hotspots", "--min-share", "1", "=evil"
    )
    assert code == 0
    quotes = [row["Quote"] for row in _csv(out)[1]]
    assert quotes == ["Critics claim"]


# --- Excel and LMS ----------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["grade", "review"])
def test_excel_option_writes_a_byte_order_mark_and_plain_csv_has_none(
    capsys: pytest.CaptureFixture[str],
    make_lesson: MakeLesson,
    hostile_class: Path,
    tmp_path: Path,
    command: str,
) -> None:
    lesson = str(make_lesson())
    _, plain, _ = _run(capsys, command, "--lesson", lesson, "--format", "csv", str(hostile_class))
    assert plain.startswith("Student,")
    code, excel, _ = _run(
        capsys, command, "--lesson", lesson, "--format", "csv", "--excel", str(hostile_class)
    )
    assert code == 0
    assert excel == BOM + plain
    target = tmp_path / "for-excel.csv"
    code, out, _ = _run(
        capsys,
        command,
        "--lesson",
        lesson,
        "--format",
        "csv",
        "--bom",
        "-o",
        str(target),
        str(hostile_class),
    )
    assert (code, out) == (0, "")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfStudent,")
    assert b"\r\n" in raw
    assert b"\r\r\n" not in raw


@pytest.mark.parametrize("command", ["grade", "review"])
def test_excel_option_is_only_for_csv(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, hostile_class: Path, command: str
) -> None:
    code, out, err = _run(
        capsys, command, "--lesson", str(make_lesson()), "--excel", str(hostile_class)
    )
    assert code == 2
    assert out == ""
    assert "--excel is for --format csv" in err


# --- the same columns and units -------------------------------------------------------------


@pytest.fixture
def mixed_class(tmp_path: Path) -> Path:
    """Four students: all right, some right, a wrong label, nothing marked."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    write_json(folder / "ada.json", submission_dict(ALL_MARKS, name="Ada"))
    write_json(folder / "bo.json", submission_dict(SOME_MARKS, name="Bo"))
    write_json(folder / "cy.json", submission_dict([("reckless", "name_calling")], name="Cy"))
    write_json(folder / "di.json", submission_dict([], name="Di"))
    return folder


def test_grade_and_review_write_the_same_gradebook(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, mixed_class: Path
) -> None:
    lesson = make_lesson()
    _, graded, _ = _grade(capsys, lesson, "--format", "csv", str(mixed_class))
    _, reviewed, _ = _review(capsys, lesson, "--format", "csv", str(mixed_class))
    grade_header, grade_rows = _csv(graded)
    review_header, review_rows = _csv(reviewed)
    assert grade_header == review_header
    by_name = {row["Student"]: row for row in grade_rows}
    assert {row["Student"]: row for row in review_rows} == by_name
    assert by_name["Bo"]["Score"] == "16.7"  # 0-100, one decimal
    assert by_name["Bo"]["Precision"] == "50.0"  # also 0-100
    assert (by_name["Ada"]["Bonus earned"], by_name["Ada"]["Bonus possible"]) == ("1", "1")


@pytest.mark.parametrize(
    "args",
    [
        ("grade", "--format", "csv"),
        ("grade", "--format", "csv", "--metric", "semeval"),
        ("review", "--format", "csv"),
        ("review", "--format", "csv", "--view", "items"),
        ("review", "--format", "csv", "--view", "hotspots", "--min-share", "0.25"),
    ],
)
def test_no_cell_reads_as_a_date(
    capsys: pytest.CaptureFixture[str],
    make_lesson: MakeLesson,
    mixed_class: Path,
    args: tuple[str, ...],
) -> None:
    command, *rest = args
    code, out, _ = _run(capsys, command, "--lesson", str(make_lesson()), *rest, str(mixed_class))
    assert code == 0
    _header, rows = _csv(out)
    assert rows
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if DATE_LIKE.match(cell)]


# --- undefined precision ----------------------------------------------------------------------


def test_a_blank_submission_has_no_precision_in_grade(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, mixed_class: Path
) -> None:
    lesson = make_lesson()
    di = str(mixed_class / "di.json")
    for metric in ("classroom", "semeval"):
        code, out, _ = _grade(capsys, lesson, "--format", "json", "--metric", metric, di)
        assert code == 0
        [entry] = json.loads(out)["submissions"]
        assert entry["precision"] is None, metric
        assert entry["recall"] == 0.0
        assert entry["f1"] == 0.0
        detail = entry["spans"] if metric == "classroom" else entry["unlabelled"]
        assert detail["precision"] is None
    _, out, _ = _grade(capsys, lesson, "--format", "csv", di)
    assert _csv(out)[1][0]["Precision"] == ""
    _, out, _ = _grade(capsys, lesson, "--format", "csv", "--metric", "semeval", di)
    assert _csv(out)[1][0]["P"] == ""
    for metric in ("classroom", "semeval"):
        _, out, _ = _grade(capsys, lesson, "--metric", metric, di)
        assert "n/a" in out.splitlines()[2]
        assert "1.000" not in out


def test_a_blank_submission_has_no_precision_in_review(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, mixed_class: Path
) -> None:
    lesson = make_lesson()
    _, out, _ = _review(capsys, lesson, "--format", "json", str(mixed_class))
    rows = {r["student"]["name"]: r for r in json.loads(out)["gradebook"]}
    assert rows["Di"]["precision"] is None
    assert rows["Bo"]["precision"] == 0.5
    _, out, _ = _review(capsys, lesson, "--format", "csv", str(mixed_class))
    assert {r["Student"]: r["Precision"] for r in _csv(out)[1]}["Di"] == ""
    _, out, _ = _review(capsys, lesson, "--view", "gradebook", str(mixed_class))
    [di] = [line for line in out.splitlines() if line.startswith("Di ")]
    assert "n/a" in di.split()


# --- which files count ----------------------------------------------------------------------


@pytest.fixture
def twice(tmp_path: Path) -> Path:
    """Ada handed in twice: the later one (by the time written in it) sorts first by name."""
    folder = tmp_path / "twice"
    folder.mkdir()
    early = submission_dict([("Officials say", "vague_attribution")], name="Ada")
    late = submission_dict(ALL_MARKS, name="Ada")
    late["modified"] = "2026-11-26T08:00:00+00:00"
    write_json(folder / "ada-1.json", late)
    write_json(folder / "ada-2.json", early)
    write_json(folder / "bo.json", submission_dict(SOME_MARKS, name="Bo"))
    return folder


@pytest.mark.parametrize("command", ["grade", "review"])
def test_the_latest_submission_per_student_counts_and_the_others_are_set_aside(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, twice: Path, command: str
) -> None:
    lesson = make_lesson()
    code, out, err = _run(capsys, command, "--lesson", str(lesson), "--format", "json", str(twice))
    assert code == 0  # nothing is wrong with the files: a note, not an error
    [line] = err.strip().splitlines()
    match = PROBLEM_LINE.match(line)
    assert match
    assert match["file"] == str(twice / "ada-2.json")
    assert "warning: set aside" in match["message"]
    assert str(twice / "ada-1.json") in match["message"]
    report = json.loads(out)
    assert report["set_aside"] == [
        {
            "file": str(twice / "ada-2.json"),
            "student": {"name": "Ada", "id": "ada"},
            "kept": str(twice / "ada-1.json"),
        }
    ]
    assert report["errors"] == []
    if command == "grade":
        kept = {s["student"]["name"]: s["file"] for s in report["submissions"]}
    else:
        kept = {r["student"]["name"]: r["file"] for r in report["gradebook"]}
        assert report["students"] == 2
        assert len(report["agreement"]["with_key_by_file"]) == 2
        # Ada's early "Officials say" counts no more: no hot spot there
        assert "Officials say" not in [spot["quote"] for spot in report["hotspots"]]
    assert kept == {"Ada": str(twice / "ada-1.json"), "Bo": str(twice / "bo.json")}
    code, table, _ = _run(capsys, command, "--lesson", str(lesson), str(twice))
    assert "1 earlier submission(s) set aside" in table


def test_the_file_time_decides_between_submissions_written_at_the_same_time(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, tmp_path: Path
) -> None:
    folder = tmp_path / "same-time"
    folder.mkdir()
    older = write_json(folder / "b.json", submission_dict(SOME_MARKS, name="Ada"))
    newer = write_json(folder / "a.json", submission_dict(ALL_MARKS, name="Ada"))
    os.utime(older, (1_700_000_000, 1_700_000_000))
    os.utime(newer, (1_800_000_000, 1_800_000_000))
    _, out, _ = _grade(capsys, make_lesson(), "--format", "json", str(folder))
    report = json.loads(out)
    assert [s["file"] for s in report["submissions"]] == [str(newer)]
    assert [s["file"] for s in report["set_aside"]] == [str(older)]


def test_different_students_of_the_same_name_both_count(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, tmp_path: Path
) -> None:
    folder = tmp_path / "namesakes"
    folder.mkdir()
    first = submission_dict(SOME_MARKS, name="Sam")
    second = submission_dict(ALL_MARKS, name="Sam")
    first["student"]["id"], second["student"]["id"] = "s-101", "s-102"
    write_json(folder / "a.json", first)
    write_json(folder / "b.json", second)
    for anonymous in ("c.json", "d.json"):
        data = submission_dict(SOME_MARKS)
        data["student"] = {"name": "", "id": ""}
        write_json(folder / anonymous, data)
    code, out, err = _grade(capsys, make_lesson(), "--format", "json", str(folder))
    assert (code, err) == (0, "")
    assert len(json.loads(out)["submissions"]) == 4


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_a_submission_for_another_lesson_is_left_out_by_both_commands_alike(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, tmp_path: Path, fmt: str
) -> None:
    lesson = make_lesson()
    folder = tmp_path / "mixed-lessons"
    folder.mkdir()
    write_json(folder / "ada.json", submission_dict(ALL_MARKS, name="Ada"))
    foreign = write_json(
        folder / "eve.json", submission_dict(ALL_MARKS, name="Eve", lesson="another-lesson")
    )
    outcomes = {}
    for command in ("grade", "review"):
        code, out, err = _run(
            capsys, command, "--lesson", str(lesson), "--format", fmt, str(folder)
        )
        [line] = err.strip().splitlines()
        match = PROBLEM_LINE.match(line)
        assert match
        assert match["file"] == str(foreign)
        assert "Eve" not in out
        outcomes[command] = (code, match["line"], match["message"])
        if fmt == "json":
            assert [e["file"] for e in json.loads(out)["errors"]] == [str(foreign)]
    assert outcomes["grade"] == outcomes["review"]
    code, line, message = outcomes["grade"]
    assert code == 1
    assert message.startswith("written for lesson 'another-lesson', not 'tiny': left out")
    assert line == str(
        foreign.read_text(encoding="utf-8").splitlines().index('  "lesson": "another-lesson",') + 1
    )


def test_reports_json_stays_parseable_with_every_kind_of_file_left_out(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, twice: Path
) -> None:
    (twice / "broken.json").write_text("{ not json", encoding="utf-8")
    write_json(twice / "eve.json", submission_dict(SOME_MARKS, name="Eve", lesson="other"))
    code, out, _ = _grade(capsys, make_lesson(), "--format", "json", str(twice))
    assert code == 1
    report: dict[str, Any] = json.loads(out)
    assert sorted(Path(e["file"]).name for e in report["errors"]) == ["broken.json", "eve.json"]
    assert [Path(s["file"]).name for s in report["set_aside"]] == ["ada-2.json"]
