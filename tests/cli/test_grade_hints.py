"""A lesson that charges for hints is graded the same way everywhere: the score a student was
shown, the gradebook of `grade` and `review`, and their JSON say what the hints cost."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from literacy_app.cli import main
from tests.conftest import LESSON_MD, submission_dict, write_json

MARKS = [("reckless", "loaded_language"), ("Experts say", "vague_attribution")]


@pytest.fixture
def charged(make_lesson: Callable[..., Path]) -> Path:
    return make_lesson(lesson_md=LESSON_MD.replace("minutes: 5", "minutes: 5\nhint_penalty: 5"))


def _class(tmp_path: Path) -> Path:
    folder = tmp_path / "class"
    folder.mkdir()
    for name, hints in (("Ada", 0), ("Bo", 2)):
        data = submission_dict(MARKS, name=name)
        if hints:
            data["hints_used"] = hints
        write_json(folder / f"{name}.json", data)
    return folder


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_grade_charges_the_hints_the_student_used(
    capsys: pytest.CaptureFixture[str], charged: Path, tmp_path: Path
) -> None:
    folder = _class(tmp_path)
    out = _run(capsys, "grade", "--lesson", str(charged), str(folder), "--format", "json")
    entries = {e["student"]["name"]: e for e in json.loads(out)["submissions"]}
    ada, bo = entries["Ada"], entries["Bo"]
    assert "hints_used" not in ada  # no hints: nothing to say
    assert bo["hints_used"] == 2
    assert bo["hint_deduction"] == 10
    assert bo["score_before_hints"] == ada["score"]
    assert bo["score"] == pytest.approx(max(0.0, ada["score"] - 10), abs=0.01)

    out = _run(capsys, "grade", "--lesson", str(charged), str(folder), "--format", "csv")
    rows = {row["Student"]: row for row in csv.DictReader(io.StringIO(out))}
    assert rows["Bo"]["Hints used"] == "2"
    assert float(rows["Bo"]["Score"]) == pytest.approx(float(rows["Ada"]["Score"]) - 10, abs=0.1)


def test_review_gives_the_same_scores(
    capsys: pytest.CaptureFixture[str], charged: Path, tmp_path: Path
) -> None:
    folder = _class(tmp_path)
    out = _run(capsys, "review", "--lesson", str(charged), str(folder), "--format", "json")
    rows = {r["student"]["name"]: r for r in json.loads(out)["gradebook"]}
    assert rows["Bo"]["hints_used"] == 2
    assert rows["Bo"]["score"] == pytest.approx(max(0.0, rows["Ada"]["score"] - 10), abs=0.01)


def test_free_hints_cost_nothing(
    capsys: pytest.CaptureFixture[str], make_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    folder = _class(tmp_path)
    out = _run(capsys, "grade", "--lesson", str(make_lesson()), str(folder), "--format", "json")
    scores = {e["student"]["name"]: e["score"] for e in json.loads(out)["submissions"]}
    assert scores["Ada"] == scores["Bo"]
