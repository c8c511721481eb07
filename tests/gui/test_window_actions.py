"""The window's remaining actions, driven through their keys and menus as a student would:
stepping through marks, Ctrl+K, Save As, the name, snapping, focus keys, zoom, help boxes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from literacy_app.core.workspace import Workspace
from literacy_app.gui.actions import ActionId
from literacy_app.gui.main_window import MainWindow
from tests.conftest import ARTICLE, span_of
from tests.gui.helpers import mark_words, shown_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(qtbot: QtBot, tiny_workspace: Workspace) -> MainWindow:
    return shown_window(qtbot, tiny_workspace)




def test_f8_and_shift_f8_step_through_the_marks_in_reading_order(
    qtbot: QtBot, window: MainWindow
) -> None:
    later = mark_words(window, "90% of residents", "unsourced_figure")
    earlier = mark_words(window, "reckless", "loaded_language")
    window.article.setFocus()
    window.marks_table.clearSelection()
    qtbot.keyClick(window.article, Qt.Key.Key_F8)
    assert window.current_mark() is not None
    assert window.current_mark().id == earlier  # type: ignore[union-attr]
    qtbot.keyClick(window.article, Qt.Key.Key_F8)
    assert window.current_mark().id == later  # type: ignore[union-attr]
    qtbot.keyClick(window.article, Qt.Key.Key_F8)  # wraps round
    assert window.current_mark().id == earlier  # type: ignore[union-attr]
    qtbot.keyClick(window.article, Qt.Key.Key_F8, SHIFT)
    assert window.current_mark().id == later  # type: ignore[union-attr]
    assert window.article.flashing is not None


def test_ctrl_k_marks_the_selection_with_the_category_picked(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from literacy_app.gui.quick_picker import QuickPicker

    asked: list[Any] = []

    def pick(taxonomy: Any, parent: Any) -> str:
        asked.append(taxonomy)
        return "scare_quotes"

    monkeypatch.setattr(QuickPicker, "pick", staticmethod(pick))
    qtbot.keyClick(window.article, Qt.Key.Key_K, CTRL)  # nothing selected: only a hint
    assert asked == []
    assert "Select some words" in window.statusBar().currentMessage()
    window.article.select_span(*span_of(ARTICLE, "so-called"))
    qtbot.keyClick(window.article, Qt.Key.Key_K, CTRL)
    assert asked == [window.workspace.lesson.taxonomy]  # the full taxonomy, not the palette
    (mark,) = window.workspace.marks
    assert (mark.quote, mark.category) == ("so-called", "scare_quotes")


def test_save_as_writes_a_new_file_and_later_saves_go_there(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    answers = iter([str(first), str(second)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Grace Hopper", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (next(answers), ""))
    mark_words(window, "reckless", "loaded_language")
    qtbot.keyClick(window.article, Qt.Key.Key_S, CTRL)
    window.registry[ActionId.SAVE_AS].trigger()
    assert window.workspace.path == second
    mark_words(window, "Experts say", "vague_attribution")
    qtbot.keyClick(window.article, Qt.Key.Key_S, CTRL)  # no dialog: saves where it last did
    saved = json.loads(second.read_text(encoding="utf-8"))
    assert [m["quote"] for m in saved["marks"]] == ["reckless", "Experts say"]
    assert saved["student"]["name"] == "Grace Hopper"
    assert len(json.loads(first.read_text(encoding="utf-8"))["marks"]) == 1
    assert "Grace Hopper" in window.windowTitle()


def test_your_name_is_remembered_for_the_next_lesson(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("  Ada Lovelace ", True))
    window.registry[ActionId.STUDENT_NAME].trigger()
    assert window.workspace.student.name == "Ada Lovelace"
    assert window.settings.student_name == "Ada Lovelace"
    assert "Ada Lovelace" in window.windowTitle()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))  # cancelled
    window.registry[ActionId.STUDENT_NAME].trigger()
    assert window.workspace.student.name == "Ada Lovelace"


def test_snapping_widens_a_partial_word_only_when_it_is_on(window: MainWindow) -> None:
    start, end = span_of(ARTICLE, "reckless")
    snap = window.registry[ActionId.SNAP_TO_WORDS]
    snap.setChecked(False)
    window.article.select_span(start + 2, end - 2)
    assert window.mark_selection("loaded_language").quote == "ckle"  # type: ignore[union-attr]
    snap.setChecked(True)
    assert window.settings.snap_to_words is True
    window.article.select_span(start + 2, end - 2)
    assert window.mark_selection("exaggeration").quote == "reckless"  # type: ignore[union-attr]


def test_alt_1_and_alt_2_move_the_keyboard_between_article_and_marks(
    qtbot: QtBot, window: MainWindow
) -> None:
    first = mark_words(window, "reckless", "loaded_language")
    window.marks_table.clearSelection()
    qtbot.keyClick(window.article, Qt.Key.Key_2, ALT)
    assert window.marks_table.hasFocus()
    assert window.current_mark() is not None
    assert window.current_mark().id == first  # type: ignore[union-attr]
    qtbot.keyClick(window.marks_table, Qt.Key.Key_1, ALT)
    assert window.article.hasFocus()


def test_zoom_out_and_back_to_actual_size(qtbot: QtBot, window: MainWindow) -> None:
    size = window.article.font().pointSizeF()
    qtbot.keyClick(window.article, Qt.Key.Key_Minus, CTRL)
    assert window.article.font().pointSizeF() < size
    assert window.settings.zoom == -1
    qtbot.keyClick(window.article, Qt.Key.Key_0, CTRL)
    assert window.article.font().pointSizeF() == size
    assert window.settings.zoom == 0


def test_help_boxes_list_the_shortcuts_and_say_what_the_app_is(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: dict[str, str] = {}
    monkeypatch.setattr(
        QMessageBox, "information", lambda parent, title, text: shown.update(shortcuts=text)
    )
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.update(about=text))
    window.registry[ActionId.SHORTCUTS].trigger()
    window.registry[ActionId.ABOUT].trigger()
    assert "Check my work" in shown["shortcuts"]
    assert "Ctrl+Return" in shown["shortcuts"]
    assert "sends nothing" in shown["about"]


def _double_click_cell(qtbot: QtBot, window: MainWindow, row: int, column: int) -> QWidget:
    from PySide6.QtWidgets import QApplication

    table = window.marks_table
    index = window.marks_model.index(row, column)
    table.scrollTo(index)
    center = table.visualRect(index).center()
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    editor = QApplication.focusWidget()
    assert editor is not None
    assert editor.parent() is table.viewport() or table.isAncestorOf(editor)
    return editor


def test_editing_note_and_category_in_the_list_as_a_student_would(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Double-click a cell, type or choose, press Enter: each change is one undo step. (The
    note opens the note box, driven key by key in tests/gui/test_comforts.py.)"""
    from literacy_app.gui import note_editor

    mark_id = mark_words(window, "reckless", "name_calling")
    model = window.marks_model

    monkeypatch.setattr(note_editor, "ask_note", lambda *args: "judges before it informs")
    table = window.marks_table
    center = table.visualRect(model.index(0, model.NOTE)).center()
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert window.workspace.marks.get(mark_id).note == "judges before it informs"

    combo = _double_click_cell(qtbot, window, 0, model.CATEGORY)
    assert isinstance(combo, QComboBox)
    assert combo.currentData() == "name_calling"  # opens on the mark's own category
    combo.setCurrentIndex(combo.findData("loaded_language"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace.marks.get(mark_id).category != "name_calling")
    assert window.workspace.marks.get(mark_id).category == "loaded_language"
    assert "Loaded language" in model.index(0, model.CATEGORY).data()

    window.undo_stack.undo()
    assert window.workspace.marks.get(mark_id).category == "name_calling"
    window.undo_stack.undo()
    assert window.workspace.marks.get(mark_id).note == ""


def test_hovering_a_mark_shows_its_category_and_note(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from tests.gui.helpers import point_at

    mark_words(window, "reckless", "loaded_language")
    model = window.marks_model
    assert model.setData(model.index(0, model.NOTE), "an adjective that <judges>")
    start, _end = span_of(ARTICLE, "reckless")
    viewport = window.article.viewport()

    def hover(offset: int) -> None:
        point = point_at(window.article, offset) + QPoint(3, 0)
        event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
        QApplication.sendEvent(viewport, event)

    hover(start + 2)
    assert QToolTip.isVisible()
    assert "Loaded language" in QToolTip.text()
    assert "an adjective that &lt;judges&gt;" in QToolTip.text()  # the note as text, not markup
    hover(span_of(ARTICLE, "Buses")[0] + 1)  # no mark there: the tip goes away
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


def test_pane_sizes_and_window_size_are_remembered_between_runs(
    qtbot: QtBot, tiny_workspace: Workspace
) -> None:
    from literacy_app.gui.settings import Settings

    first = shown_window(qtbot, tiny_workspace)
    # within the offscreen screen (800 x 800), restoring clamps to it; panes have minimum widths
    first.resize(796, 640)
    first.splitter.setSizes([150, 400, 200])
    qtbot.waitUntil(lambda: first.splitter.sizes()[0] <= 200)
    chosen = first.splitter.sizes()
    first.close()  # a normal quit: nothing unsaved, so no question

    again = MainWindow(Workspace(tiny_workspace.lesson), Settings())
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert (again.width(), again.height()) == (796, 640)
    restored = again.splitter.sizes()
    assert all(abs(a - b) <= 2 for a, b in zip(restored, chosen, strict=True)), (
        restored,
        chosen,
    )
