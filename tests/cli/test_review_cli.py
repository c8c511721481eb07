"""`literacy-app review`: a whole class at once (table, LMS-ready CSV, JSON), bad files left out."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from literacy_app.cli import main
from tests.conftest import ARTICLE, KEY_ITEMS, key_dict, submission_dict, write_json

MakeLesson = Callable[..., Path]

PROBLEM_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")
# The gradebook columns `grade --format csv` writes too (reports/gradebook.py, docs/formats.md)
LMS_HEADER = (
    "Student,ID,Score,Found,Mislabeled,Imprecise,Missed,Not in key,Precision,Recall,F1,"
    "Bonus earned,Bonus possible,Attempts,Hints used,File"
)

ALL_MARKS = [(quote, category) for quote, category, *_ in KEY_ITEMS]
# Bo: one item found, one mark outside the key; Cy: reckless mislabeled, "Officials say" extra
BO_MARKS = [("reckless", "loaded_language"), ("Critics claim", "doubt")]
CY_MARKS = [("reckless", "name_calling"), ("Officials say", "vague_attribution")]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def subs(tmp_path: Path) -> Path:
    """A class of three good submissions; Cy's file sits in a sub-folder."""
    folder = tmp_path / "class"
    (folder / "late").mkdir(parents=True)
    write_json(folder / "bo.json", submission_dict(BO_MARKS, name="Bo"))
    write_json(folder / "ada.json", submission_dict(ALL_MARKS, name="Ada"))
    write_json(folder / "late" / "cy.json", submission_dict(CY_MARKS, name="Cy"))
    return folder


def _review_json(
    capsys: pytest.CaptureFixture[str], lesson: Path, *args: str
) -> tuple[int, dict[str, Any], str]:
    code, out, err = _run(capsys, "review", "--lesson", str(lesson), "--format", "json", *args)
    return code, json.loads(out), err


def test_review_is_a_command_with_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["review", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for option in ("--lesson", "--format", "--view", "-o", "SUBMISSIONS_FOLDER"):
        assert option in out


def test_table_shows_gradebook_items_hot_spots_and_agreement(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    code, out, err = _run(capsys, "review", "--lesson", str(make_lesson()), str(subs))
    assert code == 0
    assert err == ""
    for heading in ("Gradebook", "Key items", "Hot spots the key lacks", "Agreement"):
        assert heading in out
    gradebook = out[out.index("Gradebook") : out.index("Key items")]
    names = [line.split()[0] for line in gradebook.splitlines()[3:6]]
    assert names == ["Ada", "Bo", "Cy"]  # sorted by name, not by file
    ada = gradebook.splitlines()[3].split()
    assert ada[2] == "100.0"
    items = out[out.index("Key items") : out.index("Hot spots")]
    k1 = next(line for line in items.splitlines() if line.startswith("k1 "))
    assert "2/3 (67%)" in k1  # found by Ada and Bo
    assert "name_calling (1)" in k1  # what Cy gave instead
    # "Officials say" (Cy) and "Critics claim" (Bo): 1 of 3 students each, in no key item
    spots = out[out.index("Hot spots") : out.index("Agreement")]
    assert "Officials say" in spots
    assert "Critics claim" in spots
    assert "1/3 (33%)" in spots
    assert "among students:" in out
    assert "students with the key:" in out


def test_csv_is_an_lms_gradebook(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    code, out, _ = _run(
        capsys, "review", "--lesson", str(make_lesson()), "--format", "csv", str(subs)
    )
    assert code == 0
    assert out.startswith("Student,")  # no byte-order mark
    assert out.splitlines()[0] == LMS_HEADER
    assert "\r\n" in out
    header, *rows = list(csv.reader(io.StringIO(out)))
    assert ",".join(header) == LMS_HEADER
    table = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert list(table) == ["Ada", "Bo", "Cy"]
    assert table["Ada"] == {
        "Student": "Ada",
        "ID": "ada",
        "Score": "100.0",
        "Found": "7",
        "Mislabeled": "0",
        "Imprecise": "0",
        "Missed": "0",
        "Not in key": "0",
        "Precision": "100.0",
        "Recall": "100.0",
        "F1": "100.0",
        "Bonus earned": "1",
        "Bonus possible": "1",
        "Attempts": "1",
        "Hints used": "0",
        "File": str(subs / "ada.json"),
    }
    assert table["Bo"]["Score"] == "16.7"  # 1 of 6 required items, one decimal
    assert (table["Bo"]["Found"], table["Bo"]["Not in key"]) == ("1", "1")
    assert table["Bo"]["Precision"] == "50.0"


def test_csv_neutralises_formulas_in_student_names(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, tmp_path: Path
) -> None:
    path = write_json(tmp_path / "x.json", submission_dict(BO_MARKS, name="=HYPERLINK(1)"))
    _, out, _ = _run(capsys, "review", "--lesson", str(make_lesson()), "--format", "csv", str(path))
    [_, row] = list(csv.reader(io.StringIO(out)))
    assert row[0] == "'=HYPERLINK(1)"


def test_csv_of_items_and_of_hot_spots(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    lesson = str(make_lesson())
    _, out, _ = _run(
        capsys, "review", "--lesson", lesson, "--format", "csv", "--view", "items", str(subs)
    )
    header, *rows = list(csv.reader(io.StringIO(out)))
    assert header[:3] == ["Item", "Quote", "Category"]
    assert [row[0] for row in rows] == [f"k{n}" for n in range(1, len(KEY_ITEMS) + 1)]
    _, out, _ = _run(
        capsys, "review", "--lesson", lesson, "--format", "csv", "--view", "hotspots", str(subs)
    )
    header, *rows = list(csv.reader(io.StringIO(out)))
    assert header == ["Start", "End", "Students", "Share %", "Quote"]
    assert [row[4] for row in rows] == ["Officials say", "Critics claim"]  # in text order
    start = ARTICLE.index("Officials say")
    assert rows[0][:4] == [str(start), str(start + len("Officials say")), "1", "33.3"]


def test_csv_needs_a_single_view(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    code, out, err = _run(
        capsys,
        "review",
        "--lesson",
        str(make_lesson()),
        "--format",
        "csv",
        "--view",
        "all",
        str(subs),
    )
    assert code == 2
    assert out == ""
    assert "one table" in err


def test_json_has_everything(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    lesson = make_lesson()
    code, report, err = _review_json(capsys, lesson, str(subs))
    assert code == 0
    assert err == ""
    assert (report["lesson"], report["students"], report["errors"]) == ("tiny", 3, [])
    assert report["key"] == {"items": len(KEY_ITEMS), "revision": 1}

    # the gradebook agrees with `grade`
    _, out, _ = _run(capsys, "grade", "--lesson", str(lesson), "--format", "json", str(subs))
    graded = {s["student"]["name"]: s for s in json.loads(out)["submissions"]}
    assert [r["student"]["name"] for r in report["gradebook"]] == ["Ada", "Bo", "Cy"]
    for row in report["gradebook"]:
        expected = graded[row["student"]["name"]]
        assert row["score"] == expected["score"]
        assert row["counts"] == expected["counts"]
        assert (row["precision"], row["recall"], row["f1"]) == (
            expected["precision"],
            expected["recall"],
            expected["f1"],
        )

    k1 = report["items"][0]
    assert (k1["id"], k1["quote"], k1["students"], k1["found"], k1["mislabeled"]) == (
        "k1",
        "reckless",
        3,
        2,
        1,
    )
    assert k1["share_found"] == round(2 / 3, 6)
    assert k1["most_common_wrong_category"] == {"category": "name_calling", "count": 1}
    # one student of three (at least 30%) marked each, and no key item is there
    spot, other = report["hotspots"]
    assert (spot["quote"], spot["students"], spot["share"]) == ("Officials say", 1, 0.333333)
    assert other["quote"] == "Critics claim"
    start = ARTICLE.index("Officials say")
    assert (spot["start"], spot["end"]) == (start, start + len("Officials say"))
    coverage = report["coverage"]
    assert coverage[0][0] == 0
    assert coverage[-1][1] == len(ARTICLE)

    agreement = report["agreement"]
    assert agreement["measure"] == "Krippendorff's alpha (nominal)"
    assert agreement["units"] == "characters"
    assert -1.0 <= agreement["among_students"] <= 1.0
    assert "0 means no more agreement than chance" in agreement["among_students_explained"]
    by_file = {Path(e["file"]).name: e["alpha"] for e in agreement["with_key_by_file"]}
    assert by_file["ada.json"] == 1.0  # Ada marked exactly the key
    assert by_file["bo.json"] < 1.0


def test_json_view_limits_the_sections(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    _, report, _ = _review_json(capsys, make_lesson(), "--view", "items", str(subs))
    assert "items" in report
    assert not {"gradebook", "hotspots", "agreement"} & set(report)


def test_bad_and_foreign_files_are_reported_and_the_rest_reviewed(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    broken = subs / "broken.json"
    broken.write_text('{"format": "literacy-submission",\n  "marks": [\n', encoding="utf-8")
    foreign = write_json(
        subs / "other.json", submission_dict(BO_MARKS, name="Eve", lesson="another-lesson")
    )
    not_a_submission = write_json(subs / "key.json", key_dict())
    code, report, err = _review_json(capsys, make_lesson(), str(subs))
    assert code == 1
    assert "Traceback" not in err
    problems = {}
    for line in err.strip().splitlines():
        match = PROBLEM_LINE.match(line)
        assert match, line
        problems[match["file"]] = match
    assert set(problems) == {str(broken), str(foreign), str(not_a_submission)}
    assert "another-lesson" in problems[str(foreign)]["message"]
    assert problems[str(foreign)]["line"] == str(
        foreign.read_text(encoding="utf-8").splitlines().index('  "lesson": "another-lesson",') + 1
    )
    assert "literacy-submission" in problems[str(not_a_submission)]["message"]
    assert [r["student"]["name"] for r in report["gradebook"]] == ["Ada", "Bo", "Cy"]
    assert report["students"] == 3
    assert sorted(e["file"] for e in report["errors"]) == sorted(
        [str(broken), str(foreign), str(not_a_submission)]
    )


def test_table_still_prints_when_a_file_is_left_out(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    write_json(subs / "other.json", submission_dict(BO_MARKS, name="Eve", lesson="elsewhere"))
    code, out, err = _run(capsys, "review", "--lesson", str(make_lesson()), str(subs))
    assert code == 1
    assert "elsewhere" in err
    assert "3 submission(s) reviewed, 1 file(s) left out" in out
    assert "Eve" not in out


def test_no_submission_files_is_an_error(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = _run(capsys, "review", "--lesson", str(make_lesson()), str(empty))
    assert code == 1
    assert "no submission files found" in err
    assert "no submissions graded" in out


def test_output_file_is_written_whole(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path, tmp_path: Path
) -> None:
    lesson = str(make_lesson())
    target = tmp_path / "out" / "gradebook.csv"
    code, out, _ = _run(
        capsys, "review", "--lesson", lesson, "--format", "csv", "-o", str(target), str(subs)
    )
    assert code == 0
    assert out == ""
    _, expected, _ = _run(capsys, "review", "--lesson", lesson, "--format", "csv", str(subs))
    assert target.read_bytes() == expected.encode("utf-8")
    assert [p.name for p in target.parent.iterdir()] == ["gradebook.csv"]  # no temporary left
