"""The lesson settings self-study reads: what a hint costs and how many attempts come before
Show answers. Hostile values are refused with the file and place, never turned into a score."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from literacy_app.authoring.writing import save_lesson
from literacy_app.core.errors import FormatError
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.resources import lessons_dir


def _lesson_with(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "lesson"
    shutil.copytree(lessons_dir() / "getting-started", folder)
    md = folder / "lesson.md"
    text = md.read_text(encoding="utf-8")
    md.write_text(text.replace("\nminutes:", f"\n{extra}\nminutes:", 1), encoding="utf-8")
    return folder


def test_defaults_are_free_hints_and_answers_after_one_attempt() -> None:
    lesson = load_lesson(lessons_dir() / "getting-started")
    assert lesson.hint_penalty == 0.0
    assert lesson.answers_after == 1


def test_settings_are_read(tmp_path: Path) -> None:
    lesson = load_lesson(_lesson_with(tmp_path, "hint_penalty: 2.5\nanswers_after: 3"))
    assert lesson.hint_penalty == 2.5
    assert lesson.answers_after == 3


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("hint_penalty: .nan", "hint_penalty"),
        ("hint_penalty: .inf", "hint_penalty"),
        ("hint_penalty: -1", "hint_penalty"),
        ("hint_penalty: 51", "hint_penalty"),
        ("hint_penalty: lots", "hint_penalty"),
        ("answers_after: 0", "answers_after"),
        ("answers_after: 1.5", "answers_after"),
        ("answers_after: true", "answers_after"),
        ("answers_after: 21", "answers_after"),
    ],
)
def test_hostile_settings_are_refused_with_their_place(
    tmp_path: Path, extra: str, expected: str
) -> None:
    with pytest.raises(FormatError) as caught:
        load_lesson(_lesson_with(tmp_path, extra))
    problem = caught.value.problems[0]
    assert expected in str(problem)
    assert problem.file.endswith("lesson.md")
    assert problem.line is not None


def test_saving_keeps_the_settings(tmp_path: Path) -> None:
    folder = _lesson_with(tmp_path, "hint_penalty: 5\nanswers_after: 2")
    lesson = load_lesson(folder)
    save_lesson(replace(lesson, title="Renamed"), lesson.key)
    again = load_lesson(folder)
    assert (again.title, again.hint_penalty, again.answers_after) == ("Renamed", 5.0, 2)
    assert "hint_penalty: 5\n" in (folder / "lesson.md").read_text(encoding="utf-8")
    save_lesson(replace(again, hint_penalty=0.0, answers_after=1), again.key)
    reread = load_lesson(folder)
    assert (reread.hint_penalty, reread.answers_after) == (0.0, 1)
