"""What a lesson window records for self-study: each attempt (score after hints, time, hints),
the answers seen, where the work is saved; and what happens when it cannot record."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from literacy_app.core.edits import AddMark
from literacy_app.core.workspace import Workspace
from literacy_app.gui import dialogs, study
from literacy_app.gui.actions import ActionId
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.settings import data_dir
from tests.conftest import ARTICLE, span_of
from tests.gui.conftest import Dialogs
from tests.gui.helpers import shown_window


def _mark(window: MainWindow, quote: str, category: str) -> None:
    start, end = span_of(ARTICLE, quote)
    window.push(AddMark(window.workspace.new_mark(start, end, category)))


def _progress() -> dict:
    return json.loads((data_dir() / "progress.json").read_text(encoding="utf-8"))


def test_each_attempt_is_recorded_with_its_score_after_hints(
    qtbot: QtBot, tiny_workspace: Workspace
) -> None:
    lesson = replace(tiny_workspace.lesson, hint_penalty=5.0)
    window = shown_window(qtbot, Workspace(lesson))
    _mark(window, "reckless", "loaded_language")
    window.workspace.hint_revealed()
    window.check()
    assert "less 5 for 1" in window.results_panel.score_label.text()
    window.back_to_marking()
    window.check()  # the same marks: not an attempt, nothing recorded
    window.back_to_marking()
    _mark(window, "Experts say", "vague_attribution")
    window.check()
    record = _progress()["lessons"][lesson.id]
    assert [a["number"] for a in record["attempts"]] == [1, 2]
    first, second = record["attempts"]
    assert first["raw_score"] > 0
    assert first["score"] == round(max(0.0, first["raw_score"] - 5.0), 1)
    assert first["hints"] == 1
    assert second["score"] > first["score"]
    assert study.current().status_of(lesson.id).attempts == 2


def test_answers_seen_and_saved_work_are_recorded(
    qtbot: QtBot, tiny_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "ask_show_answers", lambda *args: "show")
    window = shown_window(qtbot, tiny_workspace)
    _mark(window, "reckless", "loaded_language")
    window.check()
    assert window.show_answers()
    window.workspace.student = replace(window.workspace.student, name="Ada")
    assert window.save_to(tmp_path / "work.json")
    record = _progress()["lessons"][tiny_workspace.lesson.id]
    assert record["answers_revealed_at"] == 1
    assert record["work"] == str(tmp_path / "work.json")
    assert study.current().work_of(tiny_workspace.lesson.id) == tmp_path / "work.json"


def test_a_progress_file_from_a_newer_app_is_left_alone_and_the_student_told(
    qtbot: QtBot, tiny_workspace: Workspace
) -> None:
    path = data_dir() / "progress.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    newer = '{"format": "literacy-progress", "version": 99, "lessons": {}, "drills": {}}\n'
    path.write_text(newer, encoding="utf-8")
    window = shown_window(qtbot, tiny_workspace)
    _mark(window, "reckless", "loaded_language")
    window.check()
    assert window.workspace.attempts == 1  # the check itself is untouched
    assert "not recorded" in window.statusBar().currentMessage()
    assert path.read_text(encoding="utf-8") == newer


def test_screenshots_and_class_reviews_record_nothing(
    qtbot: QtBot, tiny_workspace: Workspace
) -> None:
    window = shown_window(qtbot, tiny_workspace)
    window.records_progress = False
    _mark(window, "reckless", "loaded_language")
    window.check()
    assert not (data_dir() / "progress.json").exists()


def test_a_corrupt_progress_file_is_set_aside_and_the_learner_told(
    qtbot: QtBot, tiny_workspace: Workspace, scripted_dialogs: Dialogs
) -> None:
    path = data_dir() / "progress.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"format": "literacy-progress", "version": 1, "lessons": [', "utf-8")
    window = shown_window(qtbot, tiny_workspace)
    _mark(window, "reckless", "loaded_language")
    window.check()
    assert window.workspace.attempts == 1
    told = [args for kind, args in scripted_dialogs.shown if kind == "problems"]
    [(_title, problems, warning)] = [t for t in told if "progress" in t[0]]
    assert warning
    assert "set aside" in " ".join(problems)
    assert list(path.parent.glob("progress.corrupt-*.json"))  # kept, never deleted
    assert _progress()["lessons"][tiny_workspace.lesson.id]["attempts"]  # a fresh start
    window.back_to_marking()
    _mark(window, "Experts say", "vague_attribution")
    window.check()
    told = [args for kind, args in scripted_dialogs.shown if kind == "problems"]
    assert len([t for t in told if "progress" in t[0]]) == 1  # told once


def test_reopening_work_shows_its_hints_used_without_a_free_new_one(
    qtbot: QtBot, tiny_workspace: Workspace, tmp_path: Path
) -> None:
    window = shown_window(qtbot, tiny_workspace)
    for _ in range(3):
        window.show_hint()
    pointed = list(window._hints_pointed)
    assert len(pointed) == 1  # level 3 pointed at one passage
    window.workspace.student = replace(window.workspace.student, name="Ada")
    assert window.save_to(tmp_path / "work.json")
    assert window.open_path(tmp_path / "work.json")
    assert window.workspace.hints_used == 3
    assert window.lesson_view.hints_shown == 3
    text = window.lesson_view.displayed_text()
    assert text.count("You used this hint earlier") == 3
    assert window._hints_pointed == []  # nothing worked out again on reopening
    assert not window.registry[ActionId.SHOW_HINT].isEnabled()


def test_outlines_come_and_go_on_an_article_with_no_marks(
    qtbot: QtBot, tiny_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No marks, so no highlights to set: the review's outlines are still drawn and cleared."""
    monkeypatch.setattr(dialogs, "ask_show_answers", lambda *args: "show")
    window = shown_window(qtbot, tiny_workspace)
    assert not window.article.extraSelections()
    window.check()  # nothing marked: every item missed
    assert window.show_answers()
    assert window.article._outlines  # every missed item outlined, with no mark on the text
    before = window.article.viewport().grab().toImage()
    window.back_to_marking()
    assert not window.article._outlines
    after = window.article.viewport().grab().toImage()
    assert before != after  # the outlines were painted, then taken away
