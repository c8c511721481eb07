"""Grading a careful reader trusts and a guesser cannot beat, on every bundled lesson.

* thirteen gaming strategies (tests/lessons/gaming.py) each score at most 20;
* the key itself scores 100;
* two blind careful readings per lesson (tests/lessons/readings/, written without the key)
  score at least 70, and more than any guess or the app's own suggestion rules;
* the window (Workspace.check), `literacy-app grade` and `literacy-app review` report the same
  per-item outcomes for the same files.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from literacy_app.cli import main
from literacy_app.core.lesson import Lesson
from literacy_app.core.marks import Mark
from literacy_app.core.scoring import PreparedKey, grade
from literacy_app.core.submission import Submission
from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.formats.native import ArticleRef, read_submission
from literacy_app.resources import bundled_lessons
from tests.lessons.gaming import MACHINE_READERS, STRATEGIES, score

FOLDERS = bundled_lessons()
IDS = [f.name for f in FOLDERS]
READINGS = Path(__file__).parent / "readings"
GAMING_CEILING = 20.0
CAREFUL_FLOOR = 70.0

_LESSONS: dict[Path, Lesson] = {}


def lesson_at(folder: Path) -> Lesson:
    if folder not in _LESSONS:
        _LESSONS[folder] = load_lesson(folder)
    return _LESSONS[folder]


def readings(lesson: Lesson) -> list[tuple[Path, Submission]]:
    files = sorted((READINGS / lesson.id).glob("*.json"))
    article = ArticleRef.of(lesson.article.text)
    return [(f, read_submission(f, lesson.taxonomy, article).value) for f in files]


@pytest.mark.parametrize("strategy", list(STRATEGIES), ids=list(STRATEGIES))
@pytest.mark.parametrize("folder", FOLDERS, ids=IDS)
def test_no_gaming_strategy_scores_above_the_ceiling(folder: Path, strategy: str) -> None:
    lesson = lesson_at(folder)
    assert score(lesson, STRATEGIES[strategy](lesson)) <= GAMING_CEILING


@pytest.mark.parametrize("folder", FOLDERS, ids=IDS)
def test_the_key_itself_scores_100(folder: Path) -> None:
    lesson = lesson_at(folder)
    assert lesson.key is not None
    marks = [
        Mark(f"m{n}", item.start, item.end, item.category)
        for n, item in enumerate(lesson.key.items)
    ]
    result = grade(PreparedKey(lesson.key, lesson.taxonomy, lesson.article.text), marks)
    assert result.score == 100.0
    assert result.bonus_earned == result.bonus_possible
    assert result.penalty == 0.0


@pytest.mark.parametrize("folder", FOLDERS, ids=IDS)
def test_careful_readers_score_at_least_70(folder: Path) -> None:
    lesson = lesson_at(folder)
    assert lesson.key is not None
    found = readings(lesson)
    assert len(found) >= 2, f"write two blind careful readings of {lesson.id} first"
    prepared = PreparedKey(lesson.key, lesson.taxonomy, lesson.article.text)
    scores = {f.stem: grade(prepared, sub.marks).score for f, sub in found}
    assert min(scores.values()) >= CAREFUL_FLOOR, scores


@pytest.mark.parametrize("folder", FOLDERS, ids=IDS)
def test_a_careful_reader_beats_every_guess_and_the_suggestion_rules(folder: Path) -> None:
    lesson = lesson_at(folder)
    assert lesson.key is not None
    prepared = PreparedKey(lesson.key, lesson.taxonomy, lesson.article.text)
    worst_reader = min(grade(prepared, sub.marks).score for _, sub in readings(lesson))
    others = {**STRATEGIES, **MACHINE_READERS}
    best_other = max(score(lesson, strategy(lesson)) for strategy in others.values())
    assert worst_reader > best_other


def _cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    assert main(list(argv)) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


@pytest.mark.parametrize("folder", FOLDERS, ids=IDS)
def test_window_grade_and_review_agree_item_by_item(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lesson = lesson_at(folder)
    files = readings(lesson)
    in_window = {}
    for file, submission in files:
        workspace = Workspace.from_submission(lesson, submission, file)
        result = workspace.check()
        in_window[file.name] = {i.item_id: i.outcome.value for i in result.items}

    report = _cli_json(
        capsys, "grade", "--lesson", str(folder), "--format", "json", str(READINGS / lesson.id)
    )
    by_cli = {
        Path(entry["file"]).name: {i["id"]: i["outcome"] for i in entry["items"]}
        for entry in report["submissions"]
    }
    assert by_cli == in_window

    review = _cli_json(
        capsys, "review", "--lesson", str(folder), "--format", "json", str(READINGS / lesson.id)
    )
    expected = Counter(
        (item_id, outcome)
        for outcomes in in_window.values()
        for item_id, outcome in outcomes.items()
    )
    for stat in review["items"]:
        for outcome in ("found", "mislabeled", "imprecise", "missed"):
            assert stat[outcome] == expected[stat["id"], outcome], (stat["id"], outcome)
