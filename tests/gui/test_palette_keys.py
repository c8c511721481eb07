"""Category keys and Ctrl+K, used as a student would: every palette category has a key, a key
(or a palette button, or Ctrl+K) marks the selected words or, with only a mark selected,
changes that mark's category in one undoable step, Ctrl+K offers only the lesson's palette, and
no key is bound twice."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from literacy_app.core.marks import Mark
from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.formats.native import default_taxonomy
from literacy_app.gui.actions import SPECS, ActionId
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.palette import DIGITS, KEY_USE, LETTERS, shortcut_keys
from literacy_app.gui.quick_picker import ID_ROLE, QuickPicker
from literacy_app.resources import find_lesson
from tests.conftest import ARTICLE, span_of
from tests.gui.helpers import click_at, drag_select, phrase_in, shown_window

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: QtBot, tiny_workspace: Workspace) -> MainWindow:
    """The tiny lesson: the whole default taxonomy (22 categories) in its palette."""
    return shown_window(qtbot, tiny_workspace)


def bundled_window(qtbot: QtBot, name: str) -> MainWindow:
    return shown_window(qtbot, Workspace(load_lesson(find_lesson(name))))


def key_of(window: MainWindow, category: str) -> str:
    keys = shortcut_keys(window.workspace.lesson.palette)
    return next(key for key, value in keys.items() if value == category)


def press(qtbot: QtBot, window: MainWindow, category: str, target: object = None) -> None:
    """The category's key, typed where the keyboard focus is (the article by default)."""
    widget = target if target is not None else window.article
    qtbot.keyClick(widget, QKeySequence(key_of(window, category))[0].key())


def mark_by_drag(qtbot: QtBot, window: MainWindow, quote: str, category: str) -> Mark:
    drag_select(window.article, *span_of(ARTICLE, quote))
    press(qtbot, window, category)
    [mark] = [m for m in window.workspace.marks if m.quote == quote]
    return mark


def click_mark_row(window: MainWindow, mark: Mark) -> None:
    table = window.marks_table
    index = window.marks_model.index(window.marks_model.row_of(mark.id), 0)
    table.scrollTo(index)
    QTest.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )


def answer_picker(qtbot: QtBot, answer: Callable[[QuickPicker], None]) -> list[QuickPicker]:
    """Answer the picker Ctrl+K opens (modally) with `answer`; the list gets the dialog."""
    seen: list[QuickPicker] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QuickPicker)
        seen.append(dialog)
        answer(dialog)

    QTimer.singleShot(0, run)
    return seen


def visible_ids(picker: QuickPicker) -> list[str]:
    model = picker.proxy_model
    return [str(model.index(row, 0).data(ID_ROLE)) for row in range(model.rowCount())]


def choose(qtbot: QtBot, typed: str) -> Callable[[QuickPicker], None]:
    def answer(dialog: QuickPicker) -> None:
        qtbot.keyClicks(dialog.filter_edit, typed)
        qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)

    return answer


# --- Ctrl+K offers the lesson's palette only ----------------------------------------------------
def test_ctrl_k_offers_only_the_lessons_palette(qtbot: QtBot) -> None:
    window = bundled_window(qtbot, "getting-started")
    palette = window.workspace.lesson.palette
    assert len(palette) == 5
    start, end, _quote = phrase_in(window.workspace.text)
    drag_select(window.article, start, end)
    listed: list[list[str]] = []

    def answer(dialog: QuickPicker) -> None:
        listed.append(visible_ids(dialog))
        qtbot.keyClicks(dialog.filter_edit, "flag")  # Flag-waving: not in this lesson
        listed.append(visible_ids(dialog))
        qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)  # nothing to choose: stays open
        assert dialog.isVisible()
        dialog.filter_edit.clear()
        qtbot.keyClicks(dialog.filter_edit, "unsourced")
        qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)

    answer_picker(qtbot, answer)
    qtbot.keyClick(window.article, Qt.Key.Key_K, CTRL)
    assert listed[0] == list(palette.ids)  # the five, in the lesson's order; nothing else
    assert listed[1] == []
    [mark] = list(window.workspace.marks)
    assert mark.category == "unsourced_figure"


# --- a key, a button or Ctrl+K on a selected mark changes its category --------------------------
def test_a_key_changes_the_mark_selected_in_the_list_in_one_undo_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    mark = mark_by_drag(qtbot, window, "reckless", "loaded_language")
    mark_by_drag(qtbot, window, "Experts say", "vague_attribution")
    steps = window.undo_stack.count()
    window.marks_table.setFocus()
    click_mark_row(window, mark)
    assert window.article.selected_span() is None
    press(qtbot, window, "exaggeration", window.marks_table)

    assert len(window.workspace.marks) == 2  # changed, not added
    assert window.workspace.marks.get(mark.id).category == "exaggeration"
    assert window.undo_stack.count() == steps + 1
    assert "Exaggeration" in window.registry[ActionId.UNDO].text()
    assert "Changed “reckless” to Exaggeration" in window.statusBar().currentMessage()
    assert window.current_mark() is not None
    assert window.current_mark().id == mark.id  # still selected: another key corrects a slip

    qtbot.keyClick(window.marks_table, Qt.Key.Key_Z, CTRL)
    assert window.workspace.marks.get(mark.id).category == "loaded_language"
    assert len(window.workspace.marks) == 2


def test_a_key_changes_a_mark_clicked_in_the_article(qtbot: QtBot, window: MainWindow) -> None:
    first = mark_by_drag(qtbot, window, "reckless", "loaded_language")
    second = mark_by_drag(qtbot, window, "90% of residents", "unsourced_figure")
    click_at(window.article, span_of(ARTICLE, "reckless")[0] + 2)
    assert window.article.current_mark == first.id
    press(qtbot, window, "name_calling")
    assert window.workspace.marks.get(first.id).category == "name_calling"
    assert window.workspace.marks.get(second.id).category == "unsourced_figure"
    assert len(window.workspace.marks) == 2


def test_with_words_selected_a_key_adds_a_mark_even_when_a_mark_is_selected(
    qtbot: QtBot, window: MainWindow
) -> None:
    mark = mark_by_drag(qtbot, window, "reckless", "loaded_language")
    assert window.current_mark() is not None  # the new mark is selected
    drag_select(window.article, *span_of(ARTICLE, "ruin the city"))
    press(qtbot, window, "exaggeration")
    assert len(window.workspace.marks) == 2
    assert window.workspace.marks.get(mark.id).category == "loaded_language"


def test_the_own_category_or_a_taken_one_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    mark = mark_by_drag(qtbot, window, "reckless", "loaded_language")
    drag_select(window.article, *span_of(ARTICLE, "reckless"))
    press(qtbot, window, "name_calling")  # the same words, a second category
    assert len(window.workspace.marks) == 2
    steps = window.undo_stack.count()
    click_at(window.article, span_of(ARTICLE, "reckless")[0] + 2)
    selected = window.current_mark()
    assert selected is not None
    press(qtbot, window, selected.category)
    assert "already" in window.statusBar().currentMessage()
    other = "name_calling" if selected.id == mark.id else "loaded_language"
    press(qtbot, window, other)  # would make two identical marks
    assert "already has this mark" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == steps


def test_palette_buttons_change_the_selected_mark_and_say_so(
    qtbot: QtBot, window: MainWindow
) -> None:
    mark = mark_by_drag(qtbot, window, "reckless", "loaded_language")
    palette = window.palette_widget
    window.marks_table.clearSelection()
    window.article.set_current_mark(None)
    palette.refresh_target()
    assert not palette.button("doubt").isEnabled()  # nothing selected: a legend

    button = palette.button("doubt")
    before = button.mapTo(palette, button.rect().topLeft())
    click_mark_row(window, mark)
    assert button.isEnabled()
    assert "“reckless”" in palette.hint_label.text()
    assert button.mapTo(palette, button.rect().topLeft()) == before  # the hint kept its place
    assert KEY_USE in button.toolTip().replace("&#x27;", "'")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.workspace.marks.get(mark.id).category == "doubt"
    assert len(window.workspace.marks) == 1

    window.check()  # reviewing: nothing may change
    assert not button.isEnabled()
    press(qtbot, window, "slogans", window.marks_table)
    assert window.workspace.marks.get(mark.id).category == "doubt"


def test_ctrl_k_on_a_selected_mark_opens_on_its_category_and_changes_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    mark = mark_by_drag(qtbot, window, "reckless", "loaded_language")
    click_mark_row(window, mark)
    steps = window.undo_stack.count()
    started_on: list[str | None] = []

    def answer(dialog: QuickPicker) -> None:
        started_on.append(dialog.current_id())
        choose(qtbot, "scare")(dialog)

    seen = answer_picker(qtbot, answer)
    qtbot.keyClick(window.marks_table, Qt.Key.Key_K, CTRL)
    assert seen[0].windowTitle() == "Change “reckless” to…"
    assert started_on == ["loaded_language"]
    assert window.workspace.marks.get(mark.id).category == "scare_quotes"
    assert window.undo_stack.count() == steps + 1
    assert len(window.workspace.marks) == 1


def test_the_picker_starts_on_the_current_category(qtbot: QtBot) -> None:
    picker = QuickPicker(default_taxonomy(), current="repetition", title="Change “x” to…")
    qtbot.addWidget(picker)
    assert picker.current_id() == "repetition"
    assert picker.windowTitle() == "Change “x” to…"
    qtbot.keyClicks(picker.filter_edit, "sl")  # typing starts from the best match again
    assert picker.current_id() == "slogans"


# --- every category has a key -------------------------------------------------------------------
def test_keys_are_digits_then_letters_each_once() -> None:
    taxonomy = default_taxonomy()
    keys = shortcut_keys(taxonomy)
    assert len(keys) == len(taxonomy) == 22
    assert list(keys)[:10] == list(DIGITS)
    assert all(key in LETTERS for key in list(keys)[10:])
    assert len(set(keys.values())) == 22
    letter_of = {category: key for key, category in keys.items()}
    assert letter_of["doubt"] == "C"  # "Casting doubt": the first letter of its name
    assert letter_of["repetition"] == "R"
    assert letter_of["presupposition"] == "P"
    assert shortcut_keys(taxonomy) == keys  # the same every time


def test_every_category_of_the_bakhmut_lesson_has_a_working_key(qtbot: QtBot) -> None:
    window = bundled_window(qtbot, "bakhmut-op-ed")
    palette = window.workspace.lesson.palette
    assert len(palette) == 19
    keys = shortcut_keys(palette)
    assert sorted(keys.values()) == sorted(palette.ids)
    for key, category in keys.items():  # listed beside each category in the palette
        assert window.palette_widget.button(category).digit == key

    start, end, _quote = phrase_in(window.workspace.text)
    drag_select(window.article, start, end)
    order = list(keys.items())
    qtbot.keyClick(window.article, QKeySequence(order[0][0])[0].key())
    [mark] = list(window.workspace.marks)
    for key, category in order[1:]:  # each key, with the mark selected, recategorises it
        qtbot.keyClick(window.article, QKeySequence(key)[0].key())
        assert window.workspace.marks.get(mark.id).category == category, key
    assert window.undo_stack.count() == 19


# --- no key is bound twice ----------------------------------------------------------------------
def live_bindings(window: MainWindow) -> Iterator[tuple[str, QAction]]:
    """Every enabled action's keys: the window's table and the category keys."""
    for action in window.findChildren(QAction):
        if not action.isEnabled():
            continue
        for sequence in action.shortcuts():
            if not sequence.isEmpty():
                yield sequence.toString(), action


def assert_no_key_bound_twice(window: MainWindow) -> None:
    """A key may reach two actions only if they are the same category's key in the article
    and in the marks list, which never have the keyboard focus at once. (Two window actions
    sharing a key would both be "ambiguous" in Qt, and neither would run.)"""
    bound: dict[str, list[QAction]] = {}
    for key, action in live_bindings(window):
        bound.setdefault(key, []).append(action)
    for key, actions in bound.items():
        if len(actions) == 1:
            continue
        names = {a.objectName() for a in actions}
        parents = {a.parent() for a in actions}
        assert len(names) == 1, (key, sorted(names))
        assert names.pop().startswith("category_key_"), key
        assert parents == {window.article, window.marks_table}, key
        assert all(
            a.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut for a in actions
        )


def test_no_key_is_bound_twice_in_the_window(
    qtbot: QtBot, window: MainWindow, make_lesson: Callable[..., Path]
) -> None:
    assert_no_key_bound_twice(window)  # 22 categories; an answer key, so Ctrl+Return checks
    assert window.registry[ActionId.CHECK].shortcut().toString() == "Ctrl+Return"
    bakhmut = bundled_window(qtbot, "bakhmut-op-ed")
    assert_no_key_bound_twice(bakhmut)
    handout = shown_window(qtbot, Workspace(load_lesson(make_lesson("handout", key=False))))
    assert handout.registry[ActionId.SUBMIT].shortcut().toString() == "Ctrl+Return"
    assert_no_key_bound_twice(handout)


def test_the_action_table_binds_each_key_once() -> None:
    """Every shortcut in gui/actions.py, as this platform spells its standard keys, against
    each other and against every key a category can get. Ctrl+Return is Check with an answer
    key and Submit without one, never both (the window moves it: checked above)."""
    owners: dict[str, set[ActionId]] = {}
    for action_id, spec in SPECS.items():
        for shortcut in spec.shortcuts:
            sequences = (
                QKeySequence.keyBindings(shortcut)
                if isinstance(shortcut, QKeySequence.StandardKey)
                else [QKeySequence(shortcut)]
            )
            for sequence in sequences:
                owners.setdefault(sequence.toString(), set()).add(action_id)
    shared = {key: ids for key, ids in owners.items() if len(ids) > 1}
    assert shared == {"Ctrl+Return": {ActionId.SUBMIT, ActionId.CHECK}}
    category_keys = {QKeySequence(key).toString() for key in DIGITS + LETTERS}
    assert not category_keys & set(owners)
