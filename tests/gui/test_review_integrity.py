"""A review never describes marks that are gone, and attempts mean something.

The rule: while reviewing, any edit that reaches the marks (undo, redo) closes the review at
once; direct edits (Delete, the palette) stay locked. An attempt is a check of changed work,
and it is part of the work: unsaved until saved, autosaved, and restored after a crash.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QToolButton
from pytestqt.qtbot import QtBot

from literacy_app.core.submission import Student
from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui.actions import ActionId
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.settings import Settings
from tests.gui.conftest import Dialogs
from tests.gui.helpers import check_with_keys, crash, mark_words, shown_window

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: QtBot, tiny_workspace: Workspace) -> MainWindow:
    tiny_workspace.student = Student("Ada", "a1")
    return shown_window(qtbot, tiny_workspace)


def rows(window: MainWindow) -> list[str]:
    """Every cell of the results table, as the student reads it."""
    panel = window.results_panel
    assert panel is not None
    model = panel.model
    return [
        str(model.index(r, c).data() or "")
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]


def assert_marking(window: MainWindow) -> None:
    """Out of review everywhere: workspace, side panel, article, actions."""
    assert not window.workspace.reviewing
    assert window.side.currentWidget() is window.marks_panel
    assert window.registry[ActionId.CHECK].isEnabled()
    assert not window.registry[ActionId.BACK_TO_MARKING].isEnabled()
    panel = window.results_panel
    assert panel is not None
    assert panel.model.rowCount() == 0  # nothing left that describes the old marks
    assert "%" not in panel.score_label.text()


def toolbar_button(window: MainWindow, name: str) -> QToolButton:
    for button in window.toolbar.findChildren(QToolButton):
        action = button.defaultAction()
        if action is not None and action.objectName() in (f"action_{name}", f"toolbar_{name}"):
            return button
    raise AssertionError(f"no {name} button on the toolbar")


def two_marks_checked(qtbot: QtBot, window: MainWindow) -> None:
    mark_words(window, "reckless", "loaded_language")
    mark_words(window, "Experts say", "vague_attribution")
    check_with_keys(qtbot, window)
    assert any("“Experts say” as" in cell for cell in rows(window))


def test_ctrl_z_while_reviewing_closes_the_review(qtbot: QtBot, window: MainWindow) -> None:
    two_marks_checked(qtbot, window)
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)
    assert [m.quote for m in window.workspace.marks] == ["reckless"]
    assert_marking(window)
    assert "review closed" in window.statusBar().currentMessage()
    assert window.workspace.attempts == 1  # closing the review is not an attempt

    check_with_keys(qtbot, window)  # a new attempt: the marks changed
    assert window.workspace.attempts == 2
    assert not any("“Experts say” as" in cell for cell in rows(window))  # not as a mark
    result = window.workspace.result
    assert result is not None
    assert {m.mark_id for m in result.marks} == {m.id for m in window.workspace.marks}


def test_undo_from_the_edit_menu_and_the_toolbar_close_the_review_too(
    qtbot: QtBot, window: MainWindow
) -> None:
    two_marks_checked(qtbot, window)
    undo = window.registry[ActionId.UNDO]
    edit_menu = next(m for m in window.menuBar().actions() if m.text() == "&Edit").menu()
    assert undo in edit_menu.actions()
    assert undo.isEnabled()
    undo.trigger()  # what choosing Edit > Undo does
    assert len(window.workspace.marks) == 1
    assert_marking(window)

    check_with_keys(qtbot, window)
    QTest.mouseClick(toolbar_button(window, "undo"), Qt.MouseButton.LeftButton)
    assert len(window.workspace.marks) == 0
    assert_marking(window)


def test_redo_while_reviewing_closes_the_review(qtbot: QtBot, window: MainWindow) -> None:
    two_marks_checked(qtbot, window)
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)
    check_with_keys(qtbot, window)
    assert window.workspace.attempts == 2
    qtbot.keyClick(
        window.article, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier
    )  # redo: "Experts say" is back, and the review of the marks without it closes
    assert len(window.workspace.marks) == 2
    assert_marking(window)
    check_with_keys(qtbot, window)
    assert any("“Experts say” as" in cell for cell in rows(window))


def test_undoing_a_category_change_or_a_note_while_reviewing_closes_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    made = mark_words(window, "reckless", "name_calling")
    model = window.marks_model
    assert model.setData(model.index(0, model.NOTE), "judges the plan")
    assert model.setData(model.index(0, model.CATEGORY), "loaded_language")
    check_with_keys(qtbot, window)
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)  # back to Name-calling
    assert window.workspace.marks.get(made).category == "name_calling"
    assert_marking(window)
    check_with_keys(qtbot, window)
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)  # the note goes
    assert window.workspace.marks.get(made).note == ""
    assert_marking(window)


def test_delete_while_reviewing_changes_nothing_and_the_review_stays_true(
    qtbot: QtBot, window: MainWindow
) -> None:
    two_marks_checked(qtbot, window)
    before = rows(window)
    window.article.set_current_mark(window.workspace.marks[0].id)
    qtbot.keyClick(window.article, Qt.Key.Key_Delete)
    panel = window.results_panel
    assert panel is not None
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert len(window.workspace.marks) == 2  # marks are locked while reviewing
    assert window.workspace.reviewing
    assert rows(window) == before

    qtbot.keyClick(window.article, Qt.Key.Key_B, CTRL)
    window.marks_table.setFocus()
    window.marks_table.selectRow(0)
    qtbot.keyClick(window.marks_table, Qt.Key.Key_Delete)  # back to marking: Delete deletes
    assert len(window.workspace.marks) == 1


def test_the_marks_list_still_edits_categories_after_a_review(
    qtbot: QtBot, window: MainWindow
) -> None:
    made = mark_words(window, "reckless", "name_calling")
    check_with_keys(qtbot, window)
    qtbot.keyClick(window.article, Qt.Key.Key_B, CTRL)
    table = window.marks_table
    index = window.marks_model.index(0, window.marks_model.CATEGORY)
    center = table.visualRect(index).center()
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)  # the editor opens, as before the first check
    combo.setCurrentIndex(combo.findData("loaded_language"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace.marks.get(made).category == "loaded_language")


def test_opening_other_work_while_reviewing_leaves_the_review(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, scripted_dialogs: Dialogs
) -> None:
    two_marks_checked(qtbot, window)
    target = tmp_path / "ada.submission.json"
    assert window.save_to(target)
    assert window.open_path(window.workspace.lesson.folder)  # the lesson afresh
    assert not window.workspace.reviewing
    assert window.side.currentWidget() is window.marks_panel
    assert window.results_panel is None
    assert len(window.workspace.marks) == 0
    assert window.open_path(target)  # the saved work: marks and attempts, not the review
    assert not window.workspace.reviewing
    assert window.side.currentWidget() is window.marks_panel
    assert window.workspace.attempts == 1
    assert len(window.workspace.marks) == 2


# --- attempts --------------------------------------------------------------------------------


def test_checking_the_same_marks_again_is_not_a_new_attempt(
    qtbot: QtBot, window: MainWindow
) -> None:
    mark_words(window, "reckless", "loaded_language")
    check_with_keys(qtbot, window)
    assert window.workspace.attempts == 1
    qtbot.keyClick(window.article, Qt.Key.Key_B, CTRL)
    check_with_keys(qtbot, window)
    assert window.workspace.attempts == 1
    assert "not a new attempt" in window.statusBar().currentMessage()
    panel = window.results_panel
    assert panel is not None
    assert "attempt 1" in panel.score_label.text()

    qtbot.keyClick(window.article, Qt.Key.Key_B, CTRL)
    made = mark_words(window, "Experts say", "vague_attribution")
    model = window.marks_model
    assert model.setData(model.index(model.row_of(made), model.NOTE), "who?")
    check_with_keys(qtbot, window)
    assert window.workspace.attempts == 2
    qtbot.keyClick(window.article, Qt.Key.Key_B, CTRL)
    assert model.setData(model.index(model.row_of(made), model.NOTE), "which experts?")
    check_with_keys(qtbot, window)  # a note changes no grade: the same work
    assert window.workspace.attempts == 2
    assert "Same marks as attempt 2" in window.statusBar().currentMessage()


def test_a_check_after_saving_is_unsaved_work_and_quitting_asks(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    scripted_dialogs: Dialogs,
    tiny_workspace: Workspace,
) -> None:
    target = tmp_path / "ada.submission.json"
    window.workspace.path = target
    mark_words(window, "reckless", "loaded_language")
    qtbot.keyClick(window.article, Qt.Key.Key_S, CTRL)
    assert not window.isWindowModified()
    check_with_keys(qtbot, window)
    assert window.isWindowModified()
    qtbot.keyClick(window.article, Qt.Key.Key_B, CTRL)
    mark_words(window, "Experts say", "vague_attribution")
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)  # back to the saved marks...
    assert window.isWindowModified()  # ...but not to the saved attempts

    scripted_dialogs.save_answer = QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert scripted_dialogs.shown[-1] == ("ask_save", None)
    scripted_dialogs.save_answer = QMessageBox.StandardButton.Save
    assert window.close()
    assert json.loads(target.read_text(encoding="utf-8"))["attempts"] == 1

    reopened = MainWindow(Workspace(tiny_workspace.lesson), Settings())
    qtbot.addWidget(reopened)
    assert reopened.open_path(target)
    assert reopened.workspace.attempts == 1
    reopened.check()  # the very marks of attempt 1, even in a new session
    assert reopened.workspace.attempts == 1
    assert not reopened.isWindowModified()


def test_a_check_of_unchanged_work_leaves_saved_work_saved(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.workspace.path = tmp_path / "ada.submission.json"
    mark_words(window, "reckless", "loaded_language")
    check_with_keys(qtbot, window)
    qtbot.keyClick(window.article, Qt.Key.Key_S, CTRL)
    assert not window.isWindowModified()
    qtbot.keyClick(window.article, Qt.Key.Key_B, CTRL)
    check_with_keys(qtbot, window)
    assert not window.isWindowModified()


def test_attempts_survive_a_crash(
    qtbot: QtBot, tiny_workspace: Workspace, make_lesson: Callable[..., Path]
) -> None:
    from literacy_app.gui.recovery_offer import offer_recovery

    tiny_workspace.student = Student("Ada", "a1")
    crashed = shown_window(qtbot, tiny_workspace)
    mark_words(crashed, "reckless", "loaded_language")
    crashed.check()
    crashed.back_to_marking()
    mark_words(crashed, "Experts say", "vague_attribution")
    crashed.check()
    assert crashed.workspace.attempts == 2
    qtbot.waitUntil(lambda: crashed.recovery_path is not None, timeout=2000)
    qtbot.wait(600)  # the autosave after the last check
    crash(crashed)

    fresh = MainWindow(Workspace(load_lesson(tiny_workspace.lesson.folder)), Settings())
    qtbot.addWidget(fresh)
    assert offer_recovery(fresh)
    assert fresh.workspace.attempts == 2
    assert fresh.workspace.answers_revealed  # attempt 2 showed them (the default setting)
    assert fresh.lesson_view.debrief_visible()
    fresh.check()
    assert fresh.workspace.attempts == 2  # the same marks as attempt 2
