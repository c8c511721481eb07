"""Issue #16's journey, driven as a learner drives it: pick a lesson in the library, mark, take
each hint level, check, try again for a better score, see both attempts in the progress
window, and finish a ten-question drill by keyboard alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from literacy_app.cli import build_parser
from literacy_app.core.submission import Student
from literacy_app.gui import app, study
from literacy_app.gui.actions import ActionId
from literacy_app.gui.drill_window import DrillWindow
from literacy_app.gui.library_window import LibraryWindow
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.palette import shortcut_digits
from literacy_app.gui.progress_view import ProgressWindow
from literacy_app.gui.settings import Settings
from literacy_app.resources import lessons_dir
from tests.gui.helpers import drag_select

LESSON = "school-budget-vote"
KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4]


def _focused(window: QWidget) -> QWidget:
    target = QApplication.focusWidget()
    return target if isinstance(target, QWidget) else window


def _mark_item(qtbot: QtBot, window: MainWindow, index: int) -> None:
    lesson = window.workspace.lesson
    assert lesson.key is not None
    item = lesson.key.items[index]
    drag_select(window.article, item.start, item.end)
    digit = next(d for d, c in shortcut_digits(lesson.palette).items() if c == item.category)
    qtbot.keyClick(window.article, digit)


def _check(qtbot: QtBot, window: MainWindow) -> float:
    qtbot.keyClick(window.article, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.result is not None
    return window.workspace.result.score


@pytest.fixture
def library(qtbot: QtBot) -> LibraryWindow:
    Settings().first_launch_done = True  # a returning learner with no saved work
    opened = app.open_window(build_parser().parse_args(["open"]))
    assert isinstance(opened, LibraryWindow)
    qtbot.addWidget(opened)
    opened.show()
    opened.activateWindow()
    qtbot.waitExposed(opened)
    return opened


def test_a_learner_works_through_a_lesson_and_practises(
    qtbot: QtBot, library: LibraryWindow
) -> None:
    # The library: search, then Enter on the lesson found.
    qtbot.keyClicks(library.search, "school budget")
    qtbot.keyClick(library.search, Qt.Key.Key_Down)  # into the list
    entry = library.current_entry()
    assert entry is not None
    assert entry.id == LESSON
    qtbot.keyClick(library.table, Qt.Key.Key_Return)
    window = app._opened[-1]
    qtbot.addWidget(window)
    qtbot.waitUntil(window.isActiveWindow)
    assert window.workspace.lesson.id == LESSON

    # Each hint level, by keyboard: the author's hint with what the marks leave under it.
    for level in (1, 2, 3):
        qtbot.keyClick(window.article, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
        assert window.lesson_view.hints_shown == level
    text = window.lesson_view.displayed_text()
    assert text.count("FROM YOUR MARKS, WHEN YOU ASKED") == 3
    assert "still to find" in text.lower() or "left" in text.lower()
    assert window.workspace.hints_used == 3

    # Mark, check; then try again and do better.
    _mark_item(qtbot, window, 0)
    first = _check(qtbot, window)
    qtbot.keyClick(window.article, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert not window.workspace.reviewing
    _mark_item(qtbot, window, 1)
    _mark_item(qtbot, window, 2)
    second = _check(qtbot, window)
    assert second > first

    # Both attempts in the progress window.
    window.registry[ActionId.PROGRESS].trigger()
    progress = window._study_windows["progress"]
    assert isinstance(progress, ProgressWindow)
    qtbot.waitExposed(progress)
    progress.lessons.setCurrentIndex(progress.lesson_index(LESSON))
    assert progress.attempts_model.rowCount() == 2
    record = study.current().progress.record(LESSON)
    assert record is not None
    assert [a.number for a in record.attempts] == [1, 2]
    assert record.attempts[1].raw_score > record.attempts[0].raw_score
    assert record.attempts[0].hints == 3

    # A drill of ten questions by keyboard: 1 to answer, Enter to go on.
    window.registry[ActionId.DRILL].trigger()
    drill = window._study_windows["drill"]
    assert isinstance(drill, DrillWindow)
    drill.activateWindow()
    qtbot.waitExposed(drill)
    qtbot.waitUntil(drill.isActiveWindow)
    answered = 0
    for _ in range(40):  # ten questions and the repeats of missed ones
        if drill.pages.currentIndex() != 0:
            break
        qtbot.keyClick(_focused(drill), KEYS[0])
        answered += 1
        qtbot.keyClick(_focused(drill), Qt.Key.Key_Return)
    assert drill.pages.currentIndex() != 0  # the summary
    assert answered >= 10
    drills = study.current().progress.drills
    assert sum(tally.right + tally.wrong for tally in drills.values()) == answered


def test_the_start_screen_reaches_progress_and_drills(qtbot: QtBot, library: LibraryWindow) -> None:
    qtbot.keyClick(
        library.search,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    progress = library.study_windows["progress"]  # type: ignore[attr-defined]
    assert isinstance(progress, ProgressWindow)
    qtbot.addWidget(progress)
    assert progress.showing_empty  # nothing done yet: a sentence, not empty tables
    qtbot.keyClick(
        library.search,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    drill = library.study_windows["drill"]  # type: ignore[attr-defined]
    assert isinstance(drill, DrillWindow)
    qtbot.addWidget(drill)
    assert drill.session.current() is not None


def test_continue_opens_the_saved_work_with_its_marks(
    qtbot: QtBot, library: LibraryWindow, tmp_path: Path
) -> None:
    library.select_folder(lessons_dir() / LESSON)
    qtbot.keyClick(library.table, Qt.Key.Key_Return)
    window = app._opened[-1]
    qtbot.addWidget(window)
    qtbot.waitUntil(window.isActiveWindow)
    _mark_item(qtbot, window, 0)
    window.workspace.student = Student("Ada")
    assert window.save_to(tmp_path / "mine.json")
    assert window.close()

    # The work on screen at quitting reopens at once (tests/gui/test_continue_and_fit.py); here
    # the learner had gone back to the library, so Continue is what brings the work back.
    Settings().last_work = None
    again = app.open_window(build_parser().parse_args(["open"]))
    assert isinstance(again, LibraryWindow)
    qtbot.addWidget(again)
    again.show()
    entry = again.current_entry()
    assert entry is not None
    assert entry.id == LESSON  # the lesson in progress comes first
    assert again.start_button.text() == "Continue"
    qtbot.keyClick(again.table, Qt.Key.Key_Return)
    reopened = app._opened[-1]
    qtbot.addWidget(reopened)
    assert reopened.workspace.path == tmp_path / "mine.json"
    assert len(reopened.workspace.marks) == 1
