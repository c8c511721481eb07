"""The student workspace driven as a student would: drag, keys, undo, notes, save, check."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui import note_editor
from literacy_app.gui.actions import ActionId
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.palette import shortcut_digits
from literacy_app.gui.settings import Settings
from tests.conftest import ARTICLE, span_of
from tests.gui.conftest import Dialogs
from tests.gui.helpers import caret_to, click_at, crash, drag_select, shown_window


@pytest.fixture
def window(qtbot: QtBot, tiny_workspace: Workspace) -> MainWindow:
    return shown_window(qtbot, tiny_workspace)


def digit_for(window: MainWindow, category: str) -> str:
    digits = shortcut_digits(window.workspace.lesson.palette)
    return next(d for d, c in digits.items() if c == category)


def press_digit(qtbot: QtBot, window: MainWindow, category: str) -> None:
    qtbot.keyClick(window.article, digit_for(window, category))


def test_mark_by_mouse_drag_and_number_key(qtbot: QtBot, window: MainWindow) -> None:
    start, end = span_of(ARTICLE, "reckless plan")
    drag_select(window.article, start, end)
    assert window.article.selected_span() == (start, end)
    press_digit(qtbot, window, "loaded_language")
    [mark] = list(window.workspace.marks)
    assert (mark.start, mark.end, mark.category, mark.quote) == (
        start,
        end,
        "loaded_language",
        "reckless plan",
    )
    assert window.marks_model.rowCount() == 1
    assert window.isWindowModified()


def test_keyboard_selection_by_word_is_trimmed(qtbot: QtBot, window: MainWindow) -> None:
    window.article.setFocus()
    caret_to(window.article, span_of(ARTICLE, "Experts say")[0])
    for _ in range(2):
        qtbot.keyClick(
            window.article,
            Qt.Key.Key_Right,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    start, end = window.article.selected_span() or (0, 0)
    assert ARTICLE[start:end] == "Experts say "  # Qt selects the trailing space too
    press_digit(qtbot, window, "vague_attribution")
    [mark] = list(window.workspace.marks)
    assert mark.quote == "Experts say"


def test_undo_redo_with_keys_and_menu_text(qtbot: QtBot, window: MainWindow) -> None:
    start, end = span_of(ARTICLE, "reckless")
    window.article.select_span(start, end)
    window.mark_selection("loaded_language")
    assert "Add mark “reckless”" in window.registry[ActionId.UNDO].text()
    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(window.workspace.marks) == 0
    assert not window.isWindowModified()
    qtbot.keyClick(
        window.article,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(window.workspace.marks) == 1


def test_edit_note_inline_change_category_and_delete(qtbot: QtBot, window: MainWindow) -> None:
    window.article.select_span(*span_of(ARTICLE, "reckless"))
    mark = window.mark_selection("name_calling")
    assert mark is not None
    note_index = window.marks_model.index(0, window.marks_model.NOTE)
    assert window.marks_model.setData(note_index, "emotive adjective")
    assert window.workspace.marks.get(mark.id).note == "emotive adjective"
    category_index = window.marks_model.index(0, window.marks_model.CATEGORY)
    assert window.marks_model.setData(category_index, "loaded_language")
    assert window.workspace.marks.get(mark.id).category == "loaded_language"
    window.marks_table.setFocus()
    window.marks_table.selectRow(0)
    qtbot.keyClick(window.marks_table, Qt.Key.Key_Delete)
    assert len(window.workspace.marks) == 0
    for _ in range(3):
        window.undo_stack.undo()
    assert window.workspace.marks.get(mark.id).note == ""
    assert window.workspace.marks.get(mark.id).category == "name_calling"


def test_f2_note_dialog(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.article.select_span(*span_of(ARTICLE, "reckless"))
    window.mark_selection("loaded_language")
    monkeypatch.setattr(note_editor, "ask_note", lambda *args: "a loaded adjective")
    window.marks_table.setFocus()
    window.marks_table.selectRow(0)
    qtbot.keyClick(window.marks_table, Qt.Key.Key_F2)
    assert next(iter(window.workspace.marks)).note == "a loaded adjective"


def test_click_on_nested_marks_cycles_and_selects_rows(qtbot: QtBot, window: MainWindow) -> None:
    outer = span_of(ARTICLE, "the reckless plan will ruin the city")
    inner = span_of(ARTICLE, "reckless")
    window.article.select_span(*outer)
    first = window.mark_selection("exaggeration")
    window.article.select_span(*inner)
    second = window.mark_selection("loaded_language")
    assert first
    assert second
    click_at(window.article, inner[0] + 2)
    assert window.current_mark() == second  # innermost first
    click_at(window.article, inner[0] + 2)
    assert window.current_mark() == first


def test_save_and_reopen_keeps_every_mark(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ada.submission.json"
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Ada Lovelace", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    for quote, category in (
        ("reckless", "loaded_language"),
        ("90% of residents", "unsourced_figure"),
    ):
        window.article.select_span(*span_of(ARTICLE, quote))
        window.mark_selection(category)
    qtbot.keyClick(window.article, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert target.exists()
    assert not window.isWindowModified()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["student"]["name"] == "Ada Lovelace"
    assert [m["quote"] for m in data["marks"]] == ["reckless", "90% of residents"]
    assert "Ada Lovelace" in window.windowTitle()

    assert window.open_path(window.workspace.lesson.folder)
    assert len(window.workspace.marks) == 0
    assert window.open_path(target)
    assert [m.quote for m in window.workspace.marks] == ["reckless", "90% of residents"]
    assert window.workspace.path == target


def test_check_back_and_check_again(qtbot: QtBot, window: MainWindow) -> None:
    window.article.select_span(*span_of(ARTICLE, "reckless"))
    window.mark_selection("loaded_language")
    assert not window.lesson_view.debrief_visible()
    qtbot.keyClick(window.article, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.reviewing
    assert window.side.currentWidget() is window.results_panel
    assert not window.lesson_view.debrief_visible()  # it quotes the key: not at attempt 1
    assert window.results_panel is not None
    assert "1%" not in window.results_panel.score_label.text()
    assert window.results_panel.model.rowCount() < len(window.workspace.lesson.key.items)
    # marking is locked while reviewing
    window.article.select_span(*span_of(ARTICLE, "Experts say"))
    assert window.mark_selection("vague_attribution") is None
    qtbot.keyClick(window.article, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert not window.workspace.reviewing
    window.article.select_span(*span_of(ARTICLE, "Experts say"))
    window.mark_selection("vague_attribution")
    window.check()
    assert window.workspace.attempts == 2
    assert window.lesson_view.debrief_visible()  # the answers come with the second attempt
    assert window.results_panel.model.rowCount() == len(window.workspace.lesson.key.items)
    counts = window.workspace.result.counts() if window.workspace.result else {}
    assert counts["found"] == 2
    window.results_panel.select_item("k1")
    assert "Rationale for reckless" in window.results_panel.detail.toPlainText()
    assert window.article.flashing == span_of(ARTICLE, "reckless")


def test_recovery_after_a_crash_restores_every_mark(
    qtbot: QtBot, tiny_workspace: Workspace, scripted_dialogs: Dialogs
) -> None:
    from literacy_app.gui.recovery_offer import offer_recovery

    crashed = MainWindow(tiny_workspace, Settings())
    qtbot.addWidget(crashed)
    quotes = ["reckless", "ruin the city", "Experts say"]
    for quote in quotes:
        crashed.article.select_span(*span_of(ARTICLE, quote))
        crashed.mark_selection("loaded_language")
    qtbot.waitUntil(lambda: crashed.recovery_path is not None, timeout=2000)
    recovery = crash(crashed)  # no close event, no save: a new start finds the recovery file
    fresh = MainWindow(Workspace(load_lesson(tiny_workspace.lesson.folder)), Settings())
    qtbot.addWidget(fresh)
    assert offer_recovery(fresh)
    assert [m.quote for m in fresh.workspace.marks] == quotes
    assert fresh.isWindowModified()
    assert scripted_dialogs.shown[0][0] == "ask_restore"
    assert fresh.recovery_path == recovery  # the restored work goes on autosaving there


def test_bad_lesson_reports_and_keeps_current_work(
    window: MainWindow, scripted_dialogs: Dialogs, make_lesson: Callable[..., Path]
) -> None:
    window.article.select_span(*span_of(ARTICLE, "reckless"))
    window.mark_selection("loaded_language")
    window.undo_stack.setClean()
    broken = make_lesson(
        "broken",
        lesson_md="---\nformat: literacy-lesson\nversion: 1\n"
        "id: broken\ntitle: x\narticle: article.txt\nminutes: ten\n---\n",
    )
    assert not window.open_path(broken)
    kind, (_title, lines, _warning) = scripted_dialogs.shown[-1]
    assert kind == "problems"
    assert any("lesson.md:7:" in line and "whole number" in line for line in lines)
    assert len(window.workspace.marks) == 1


def test_quit_with_unsaved_work_asks(
    qtbot: QtBot, window: MainWindow, scripted_dialogs: Dialogs
) -> None:
    from PySide6.QtWidgets import QMessageBox

    window.article.select_span(*span_of(ARTICLE, "reckless"))
    window.mark_selection("loaded_language")
    scripted_dialogs.save_answer = QMessageBox.StandardButton.Cancel
    assert not window.close()
    scripted_dialogs.save_answer = QMessageBox.StandardButton.Discard
    assert window.close()


def test_models_pass_the_model_tester(qtmodeltester: object, window: MainWindow) -> None:
    for quote in ("reckless", "Experts say", "90% of residents"):
        window.article.select_span(*span_of(ARTICLE, quote))
        window.mark_selection("loaded_language")
    qtmodeltester.check(window.marks_model)  # type: ignore[attr-defined]
    window.check()
    assert window.results_panel is not None
    qtmodeltester.check(window.results_panel.model)  # type: ignore[attr-defined]


def test_marks_carry_a_second_cue_besides_colour(window: MainWindow) -> None:
    """Colour-blind students tell the groups apart by the underline: solid or dashed."""
    for quote, category in (("reckless", "loaded_language"), ("Experts say", "vague_attribution")):
        window.article.select_span(*span_of(ARTICLE, quote))
        window.mark_selection(category)
    framing = window.article.format_at(span_of(ARTICLE, "reckless")[0])
    claim = window.article.format_at(span_of(ARTICLE, "Experts say")[0])
    assert framing is not None
    assert claim is not None
    assert framing.underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
    assert claim.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    assert window.article.extra_selection_count() == 2


def test_a_wider_results_panel_shows_the_students_quote_beside_the_expected_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    from literacy_app.gui.results_model import ResultsTableModel

    window.resize(1600, 850)  # room for a 900-px panel beside the article's minimum width
    qtbot.waitUntil(lambda: window.splitter.width() > 1500)
    window.article.select_span(*span_of(ARTICLE, "reckless"))
    window.mark_selection("name_calling")
    window.check()
    panel = window.results_panel
    assert panel is not None
    table, model = panel.table, panel.model

    def shown() -> list[str]:
        return [model.COLUMNS[c] for c in range(model.columnCount()) if not table.isColumnHidden(c)]
    assert shown() == ["Result", "Expected passage", "Credit"]  # the default narrow panel

    sizes = window.splitter.sizes()
    window.splitter.setSizes([sizes[0], sizes[1] + sizes[2] - 600, 600])
    qtbot.waitUntil(lambda: shown() == ["Result", "Expected passage", "Your mark", "Credit"])
    yours = model.index(model.row_of("k1"), ResultsTableModel.YOURS).data()
    assert yours == "“reckless” as Name-calling / labeling"

    window.splitter.setSizes([sizes[0], sizes[1] + sizes[2] - 900, 900])
    qtbot.waitUntil(lambda: "Expected category" in shown())
    window.splitter.setSizes(sizes)
    qtbot.waitUntil(lambda: shown() == ["Result", "Expected passage", "Credit"])
