"""Small comforts a student notices (issue #12): whole words with their apostrophes, a note
box that wraps and grows, a readable F1 list, a toolbar that stays put, room for the quote."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QMessageBox,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from literacy_app.core.workspace import Workspace
from literacy_app.formats import native
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui.actions import CATEGORY_KEYS_HELP, ActionId
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.marks_model import MarksTableModel
from literacy_app.gui.note_editor import NoteDialog
from literacy_app.gui.palette import CategoryButton
from tests.conftest import ARTICLE, LESSON_MD, span_of
from tests.gui.helpers import drag_select, shown_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
LONG_NOTE = (
    "The adjective judges the plan before the article gives a single fact about it, so the "
    "reader is told what to feel first and only later, if at all, why they should feel it. "
) * 3


@pytest.fixture
def window(qtbot: QtBot, tiny_workspace: Workspace) -> MainWindow:
    return shown_window(qtbot, tiny_workspace)


def mark(window: MainWindow, quote: str, category: str = "loaded_language") -> None:
    window.article.select_span(*span_of(ARTICLE, quote))
    assert window.mark_selection(category) is not None


def when_modal(answer: Callable[[QWidget], None], kind: type[QWidget] = QWidget) -> list[QWidget]:
    """Answer the next modal box of `kind` the way a student would, once it is open; returns
    a list that holds the box once it was answered. A box of another kind is closed after two
    seconds."""
    answered: list[QWidget] = []
    tries = [0]

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, kind) and box.isVisible():
            answered.append(box)
            answer(box)
        elif tries[0] < 200:
            tries[0] += 1
            QTimer.singleShot(10, poll)
        elif box is not None:  # some other box: close it, so the test fails instead of hanging
            box.close()

    QTimer.singleShot(0, poll)
    return answered


def double_click(widget: QWidget, pos: QPoint) -> None:
    """Press, release, then the second press Qt reports as a double click."""
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    QTest.mouseDClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


# --- 1. snapping keeps word-internal apostrophes ----------------------------------------------
def test_dragging_part_of_a_possessive_marks_the_whole_word(
    qtbot: QtBot, make_lesson: Callable[..., Path]
) -> None:
    text = "Officials say Russia’s ‘reform’ won’t work.\n"
    window = shown_window(qtbot, Workspace(load_lesson(make_lesson(text=text, key=False))))
    start = text.index("Russia")
    drag_select(window.article, start + 2, start + 6)  # "ssia": stops before the apostrophe
    qtbot.keyClick(window.article, "1")
    reform = text.index("reform")
    drag_select(window.article, reform - 1, reform + 7)  # the quote marks around it too
    qtbot.keyClick(window.article, "1")
    wont = text.index("won")
    drag_select(window.article, wont, wont + 3)
    qtbot.keyClick(window.article, "1")
    assert [m.quote for m in window.workspace.marks] == ["Russia’s", "reform", "won’t"]


# --- 2. the note box ---------------------------------------------------------------------------
def test_f2_note_box_wraps_grows_and_enter_saves(qtbot: QtBot, window: MainWindow) -> None:
    mark(window, "reckless")
    heights: list[int] = []

    def write(box: QWidget) -> None:
        assert isinstance(box, NoteDialog)
        editor = box.editor
        assert editor.lineWrapMode() is editor.LineWrapMode.WidgetWidth
        hint = box.findChild(QLabel, "note_keys_hint")
        assert hint is not None
        assert hint.isVisible()
        assert "Shift+Enter" in hint.text()
        assert "Enter</b> saves" in hint.text()
        heights.append(editor.height())
        qtbot.keyClicks(editor, LONG_NOTE)
        heights.append(editor.height())
        qtbot.keyClick(editor, Qt.Key.Key_Return, SHIFT)  # a new line, not saved yet
        assert box.isVisible()
        qtbot.keyClicks(editor, "Second line.")
        qtbot.keyClick(editor, Qt.Key.Key_Return)

    box = when_modal(write, NoteDialog)
    qtbot.keyClick(window.marks_table, Qt.Key.Key_F2)
    assert box, "F2 opened no note box"
    [only] = list(window.workspace.marks)
    assert only.note == LONG_NOTE + "\nSecond line."
    assert heights[1] > heights[0] * 2  # grew with the text, which wrapped at the box's width
    assert window.registry[ActionId.UNDO].text() == "&Undo Edit note"
    window.undo_stack.undo()
    assert next(iter(window.workspace.marks)).note == ""


def test_note_column_opens_the_same_box_and_esc_cancels(qtbot: QtBot, window: MainWindow) -> None:
    mark(window, "reckless")
    table = window.marks_table
    cell = table.visualRect(window.marks_model.index(0, MarksTableModel.NOTE)).center()

    def cancel(box: QWidget) -> None:
        qtbot.keyClicks(box.editor, "never kept")  # type: ignore[attr-defined]
        qtbot.keyClick(box.editor, Qt.Key.Key_Escape)  # type: ignore[attr-defined]

    cancelled = when_modal(cancel, NoteDialog)
    double_click(table.viewport(), cell)
    qtbot.waitUntil(lambda: bool(cancelled))
    assert next(iter(window.workspace.marks)).note == ""
    assert table.indexWidget(window.marks_model.index(0, MarksTableModel.NOTE)) is None

    def save_with_ctrl_enter(box: QWidget) -> None:
        qtbot.keyClicks(box.editor, "emotive")  # type: ignore[attr-defined]
        qtbot.keyClick(box.editor, Qt.Key.Key_Return, CTRL)  # type: ignore[attr-defined]

    saved = when_modal(save_with_ctrl_enter, NoteDialog)
    double_click(table.viewport(), cell)
    qtbot.waitUntil(lambda: bool(saved))
    assert next(iter(window.workspace.marks)).note == "emotive"
    assert not window.workspace.reviewing  # Ctrl+Enter saved the note; it did not check
    assert window.undo_stack.undoText() == "Edit note"


def test_a_click_on_the_selected_row_opens_no_box(qtbot: QtBot, window: MainWindow) -> None:
    mark(window, "reckless")
    table = window.marks_table
    cell = table.visualRect(window.marks_model.index(0, MarksTableModel.NOTE)).center()
    table.selectRow(0)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.wait(50)
    assert QApplication.activeModalWidget() is None
    assert table.state() is not table.State.EditingState


def test_a_long_note_shows_whole_and_wrapped_in_the_tooltip(
    qtbot: QtBot, window: MainWindow
) -> None:
    mark(window, "reckless")
    window.marks_model.setData(window.marks_model.index(0, MarksTableModel.NOTE), LONG_NOTE)
    table = window.marks_table
    cell = table.visualRect(window.marks_model.index(0, MarksTableModel.NOTE)).center()
    QApplication.sendEvent(
        table.viewport(), QHelpEvent(QEvent.Type.ToolTip, cell, table.viewport().mapToGlobal(cell))
    )
    tips = [w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel")]
    qtbot.waitUntil(lambda: any(t.isVisible() for t in tips))
    [tip] = [t for t in tips if t.isVisible()]
    assert isinstance(tip, QLabel)
    plain = re.sub(r"<[^>]+>", "", tip.text()).replace("&quot;", '"')
    assert " ".join(LONG_NOTE.split()) in " ".join(plain.split())
    assert tip.wordWrap()
    assert tip.width() < 700 < tip.fontMetrics().horizontalAdvance(LONG_NOTE)


# --- 3. F1 -------------------------------------------------------------------------------------
def read_shortcut_box(qtbot: QtBot, window: MainWindow) -> str:
    """Press F1 and read the box's text (its markup, without the no-wrap styles)."""
    texts: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.text().replace(" style='white-space:pre'", ""))
        assert box.height() < 600  # two columns, not one long one: fits a laptop screen
        label = box.findChild(QLabel, "qt_msgbox_label")
        assert label is not None
        assert label.width() >= label.minimumSizeHint().width()  # no row broken over lines
        box.accept()

    when_modal(read, QMessageBox)
    window.article.setFocus()
    qtbot.keyClick(window.article, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(texts))
    return texts[0]


def shortcut_rows(text: str) -> list[tuple[str, str]]:
    """The F1 box's rows as (action, keys)."""
    return re.findall(r"<tr><td>([^<]*)</td><td><b>([^<]*)</b></td></tr>", text)


def read_shortcut_help(qtbot: QtBot, window: MainWindow) -> list[tuple[str, str]]:
    """Press F1 and read the box's rows as (action, keys)."""
    text = read_shortcut_box(qtbot, window)
    assert "<b>Marking</b>" in text  # grouped by task
    return shortcut_rows(text)


@pytest.mark.parametrize("with_key", [True, False])
def test_f1_lists_every_shortcut_once_with_readable_names(
    qtbot: QtBot, make_lesson: Callable[..., Path], with_key: bool
) -> None:
    window = shown_window(qtbot, Workspace(load_lesson(make_lesson(key=with_key))))
    rows = read_shortcut_help(qtbot, window)
    names = [name for name, _keys in rows]
    for action_id, action in window.registry.items():
        if action.shortcuts():
            label = action.text() if action_id is not ActionId.SHOW_HINT else "Show a &hint"
            name = label.replace("&", "").rstrip("…")
            assert action_id is ActionId.UNDO or names.count(name) == 1, name
    assert names.count("Undo") == 1
    assert rows.count(CATEGORY_KEYS_HELP) == 1  # the palette's keys, which no menu holds
    assert ("Check my work" in names) is with_key
    assert ("Submit" in names) is not with_key
    keys = [key for _name, joined in rows for key in joined.split(", ")]
    assert len(keys) == len(set(keys)), keys  # no key listed under two actions
    for name, joined in rows:
        assert not re.search(r"F1[3-9]|F2\d|Shift\+Save", f"{name} {joined}")
        assert joined
        assert "Save" not in joined
        assert "Help" not in joined
    assert dict(rows)["Undo"] == window.registry[ActionId.UNDO].shortcut().toString(
        window.registry[ActionId.UNDO].shortcut().SequenceFormat.NativeText
    )


def test_f1_lists_the_category_keys_under_marking_and_says_what_they_do(
    qtbot: QtBot, window: MainWindow
) -> None:
    text = read_shortcut_box(qtbot, window)
    heading = "<tr><td colspan='2'><b>"
    groups = dict(re.findall(rf"{heading}([^<]+)</b></td></tr>(.*?)(?={heading}|$)", text))
    marking = shortcut_rows(groups["Marking"])
    assert CATEGORY_KEYS_HELP in marking
    assert marking.index(CATEGORY_KEYS_HELP) == [n for n, _k in marking].index("Mark as") - 1
    rows = shortcut_rows(text)
    assert rows.count(CATEGORY_KEYS_HELP) == 1  # once, and in no other group
    intro = " ".join(re.sub(r"<[^>]+>", " ", text.split("<table")[0]).split())
    assert "category's key (a digit or a letter, shown beside it in the palette)" in intro
    assert "to mark the selected words" in intro
    assert "With a mark selected and no words selected, a category's key or Ctrl+K" in intro
    assert intro.endswith("changes that mark's category.")


# --- 4. the toolbar stays put ------------------------------------------------------------------
def toolbar_button(window: MainWindow, action_id: ActionId) -> QToolButton:
    text = window.registry[action_id].text().replace("&", "")
    for button in window.toolbar.findChildren(QToolButton):
        if button.text() == text and button.isVisible():
            return button
    raise AssertionError(f"no toolbar button {text!r}")


def test_check_button_stays_put_while_undo_names_the_command(
    qtbot: QtBot, window: MainWindow
) -> None:
    check = toolbar_button(window, ActionId.CHECK)
    where = check.mapTo(window, QPoint(0, 0))
    buttons = {b.text() for b in window.toolbar.findChildren(QToolButton) if b.isVisible()}
    assert {"Undo", "Redo"} <= buttons
    mark(window, "the reckless plan will ruin the city")
    mark(window, "Experts say", "vague_attribution")
    window.undo_stack.undo()
    qtbot.wait(10)
    assert window.registry[ActionId.UNDO].text().startswith("&Undo Add mark")  # the menu
    assert window.registry[ActionId.REDO].text().startswith("&Redo Add mark")
    assert check.mapTo(window, QPoint(0, 0)) == where
    undo = next(b for b in window.toolbar.findChildren(QToolButton) if b.text() == "Undo")
    assert "Add mark" in undo.toolTip()
    assert undo.isEnabled()
    QTest.mouseClick(undo, Qt.MouseButton.LeftButton)  # the toolbar button still undoes
    assert len(window.workspace.marks) == 0
    assert not undo.isEnabled()
    assert check.mapTo(window, QPoint(0, 0)) == where


# --- 5. room for the quote ---------------------------------------------------------------------
@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_quote_column_gets_most_of_the_list(
    qtbot: QtBot, window: MainWindow, size: tuple[int, int]
) -> None:
    window.resize(*size)
    qtbot.wait(10)
    mark(window, "the reckless plan will ruin the city")
    window.marks_model.setData(window.marks_model.index(0, MarksTableModel.NOTE), LONG_NOTE)
    table = window.marks_table
    widths = [table.columnWidth(c) for c in range(3)]
    quote, category, note = widths
    assert quote >= category > note
    assert quote >= 0.4 * table.viewport().width()
    assert sum(widths) <= table.viewport().width() + 1  # nothing scrolls sideways
    tip = window.marks_model.index(0, MarksTableModel.QUOTE).data(Qt.ItemDataRole.ToolTipRole)
    assert "the reckless plan will ruin the city" in tip
    assert "judges the plan" in tip


def test_an_ampersand_in_the_undo_text_stays_an_ampersand(window: MainWindow) -> None:
    undo = window.registry[ActionId.UNDO]
    window.undo_stack.undoTextChanged.emit("Add mark “R&D”")
    assert undo.text() == "&Undo Add mark “R&&D”"  # shown as "Undo Add mark “R&D”"
    window.undo_stack.undoTextChanged.emit("")
    assert undo.text() == "&Undo"


# --- 6. the list's category editor offers the lesson's palette --------------------------------
#: A palette in no family order (claims and framing devices mixed), five of the 22 categories.
SHORT_PALETTE = [
    "vague_attribution",
    "loaded_language",
    "unsourced_figure",
    "scare_quotes",
    "doubt",
]


def open_category_editor(qtbot: QtBot, window: MainWindow, row: int) -> QComboBox:
    """Double-click a row's Category cell, as a student would, and return the drop-down."""
    table = window.marks_table
    index = window.marks_model.index(row, MarksTableModel.CATEGORY)
    double_click(table.viewport(), table.visualRect(index).center())
    qtbot.waitUntil(lambda: isinstance(table.indexWidget(index), QComboBox))
    combo = table.indexWidget(index)
    assert isinstance(combo, QComboBox)
    return combo


def close_category_editor(qtbot: QtBot, window: MainWindow, combo: QComboBox, key: Qt.Key) -> None:
    """Press Return (commit) or Esc (cancel) in the drop-down; the view acts on it queued."""
    qtbot.keyClick(combo, key)
    table = window.marks_table
    qtbot.waitUntil(lambda: table.state() is not table.State.EditingState)


def test_category_editor_lists_the_palette_and_keeps_a_category_from_elsewhere(
    qtbot: QtBot, window: MainWindow, make_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    # A submission made with the whole taxonomy: one mark inside the short palette, one outside.
    mark(window, "reckless", "loaded_language")
    mark(window, "ruin the city", "exaggeration")
    saved = tmp_path / "ada.submission.json"
    saved.write_text(json.dumps(native.submission_to_dict(window.workspace.to_submission())))
    window.close()
    categories = "\ncategories: [" + ", ".join(SHORT_PALETTE) + "]\n---\n"
    lesson_md = LESSON_MD.replace("\n---\n", categories, 1)  # at the end of the front matter
    lesson = load_lesson(make_lesson(name="short", lesson_md=lesson_md, key=False))
    assert list(lesson.palette.ids) == SHORT_PALETTE
    submission = native.read_submission(saved, lesson.taxonomy).value
    short = shown_window(qtbot, Workspace.from_submission(lesson, submission, saved))
    rows = {m.quote: short.marks_model.row_of(m.id) for m in short.workspace.marks}
    shown_order = [
        button.category.id
        for button in sorted(
            short.palette_widget.findChildren(CategoryButton),
            key=lambda b: b.mapTo(short, QPoint(0, 0)).y(),
        )
    ]
    assert sorted(shown_order) == sorted(SHORT_PALETTE)

    # Inside the palette: the palette only, in the order the palette shows it.
    combo = open_category_editor(qtbot, short, rows["reckless"])
    assert [combo.itemData(i) for i in range(combo.count())] == shown_order
    assert combo.currentData() == "loaded_language"
    assert "Flag-waving" not in [combo.itemText(i) for i in range(combo.count())]
    close_category_editor(qtbot, short, combo, Qt.Key.Key_Escape)

    # Outside it: the palette, then the mark's own category, shown by name and kept as it is.
    combo = open_category_editor(qtbot, short, rows["ruin the city"])
    assert [combo.itemData(i) for i in range(combo.count())] == [*shown_order, "exaggeration"]
    assert combo.currentText() == "Exaggeration / minimisation"
    close_category_editor(qtbot, short, combo, Qt.Key.Key_Return)  # nothing to change
    ruin = next(m for m in short.workspace.marks if m.quote == "ruin the city")
    assert ruin.category == "exaggeration"
    assert short.undo_stack.count() == 0

    # Choosing a palette category from the drop-down changes it, as one undoable step.
    combo = open_category_editor(qtbot, short, rows["ruin the city"])
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    close_category_editor(qtbot, short, combo, Qt.Key.Key_Return)
    ruin = next(m for m in short.workspace.marks if m.quote == "ruin the city")
    assert ruin.category == shown_order[0]
    assert short.undo_stack.count() == 1
