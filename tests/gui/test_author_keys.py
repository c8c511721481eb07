"""Instructor mode driven by an instructor's hands: drags and category keys, Ctrl+K, Shift+arrows
on an item, Ctrl+Z / Ctrl+Shift+Z, the Source fields, and "Check lesson" (F7) on a draft that
is not saved yet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from literacy_app.authoring.checking import check
from literacy_app.core.errors import Problem
from literacy_app.core.marks import Mark
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui.author_window import AuthorWindow
from literacy_app.gui.quick_picker import QuickPicker
from tests.gui.helpers import drag_select

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
RATIONALE = "It judges the plan. A neutral report would say who opposes it and why."


@pytest.fixture
def instructor(qtbot: QtBot, authored: AuthorWindow) -> AuthorWindow:
    """The new lesson's window, active: window shortcuts need the active window."""
    authored.activateWindow()
    qtbot.waitUntil(authored.isActiveWindow)
    return authored


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _span(window: AuthorWindow, quote: str) -> tuple[int, int]:
    start = window.lesson.article.text.index(quote)
    return start, start + len(quote)


def _key(window: AuthorWindow, category: str) -> Qt.Key:
    digit = next(k for k, c in window.palette_widget.digits.items() if c == category)
    return QKeySequence(digit)[0].key()


def _drag_and_press(
    qtbot: QtBot, window: AuthorWindow, span: tuple[int, int], category: str
) -> Mark:
    """Drag over the words in the article, then press the category's key there."""
    window.article.setFocus()
    window.article.scroll_to(*span)
    drag_select(window.article, *span)
    assert window.article.selected_span() == span
    before = set(window.draft.marks.ids)
    qtbot.keyClick(window.article, _key(window, category))
    [added] = [m for m in window.draft.marks if m.id not in before]
    return added


def _recorded(window: AuthorWindow, monkeypatch: pytest.MonkeyPatch) -> list[list[Problem]]:
    """Every list the Problems tab is given."""
    shown: list[list[Problem]] = []
    show = window.problems.set_problems

    def record(problems: list[Problem]) -> None:
        shown.append(list(problems))
        show(problems)

    monkeypatch.setattr(window.problems, "set_problems", record)
    return shown


# --- Check lesson checks what is on screen --------------------------------------------------


def test_check_lesson_checks_the_unsaved_draft(
    qtbot: QtBot, instructor: AuthorWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = instructor
    folder = window.lesson.folder
    before = _files(folder)
    shown = _recorded(window, monkeypatch)
    quotes = [
        "seven votes to four",
        "more than eighteen months",
        "cut journey times",
        "push traffic",
        "a war on drivers",
    ]
    for quote in quotes:
        _drag_and_press(qtbot, window, _span(window, quote), "loaded_language")
    assert len(window.draft.marks) == 5

    window.article.setFocus()
    qtbot.keyClick(window.article, Qt.Key.Key_F7)
    problems = shown[-1]
    messages = [p.message for p in problems]
    assert not [m for m in messages if "no items yet" in m], messages
    no_rationale = [p for p in problems if "has no rationale" in p.message]
    assert [p.json_path for p in no_rationale] == [f"$.items[{i}].rationale" for i in range(5)]
    assert {p.file for p in no_rationale} == {str(folder / "key.json")}
    assert all(p.line > 1 for p in no_rationale)  # placed on its item in the draft's key.json
    assert len({str(p) for p in problems}) == len(problems)  # each problem once
    assert any("instructions still hold the placeholder" in m for m in messages)

    # The lesson text typed, unsaved: F7 sees it too.
    instructions = window.lesson_editor.instructions.editor
    instructions.setFocus()
    qtbot.keyClick(instructions, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(instructions, "Find the words that judge the plan before reporting it.")
    qtbot.keyClick(window.article, Qt.Key.Key_F7)
    assert not [p for p in shown[-1] if "instructions" in p.message]
    assert window.tabs.currentWidget() is window.problems
    assert _files(folder) == before  # checking wrote nothing
    assert not window.undo_stack.isClean()

    # Saved, the Problems tab and `literacy-app check` give the very same list.
    qtbot.keyClick(window.article, Qt.Key.Key_S, CTRL)
    assert window.undo_stack.isClean()
    qtbot.keyClick(window.article, Qt.Key.Key_F7)
    assert [str(p) for p in shown[-1]] == [str(p) for p in check(folder)]
    summary = window.problems.summary.text()
    assert "(s)" not in summary
    assert summary.startswith(f"{len(shown[-1])} warnings.")


def test_the_problems_summary_counts_in_words(instructor: AuthorWindow) -> None:
    panel = instructor.problems
    panel.set_problems([Problem("lesson.md", "no debrief", severity="warning")])
    assert panel.summary.text() == "1 warning. Double-click one to go to it."
    panel.set_problems([Problem("key.json", "bad"), Problem("key.json", "worse")])
    assert panel.summary.text() == "2 errors. Double-click one to go to it."


# --- half words, and adjusting a span -------------------------------------------------------


def test_a_drag_that_cuts_words_makes_a_whole_word_item(
    qtbot: QtBot, instructor: AuthorWindow
) -> None:
    window = instructor
    start, end = _span(window, "war on drivers")
    item = _drag_and_press(qtbot, window, (start + 1, end - 2), "loaded_language")  # "ar on drive"
    assert item.quote == "war on drivers"
    assert "whole words" in window.statusBar().currentMessage()
    assert "<b>1 key item</b>" in window.marks_panel.count_label.text()  # not "1 key items"


def test_shift_arrows_adjust_the_selected_item_and_undo_puts_it_back(
    qtbot: QtBot, instructor: AuthorWindow
) -> None:
    window = instructor
    item = _drag_and_press(qtbot, window, _span(window, "war on drivers"), "loaded_language")
    qtbot.keyClicks(window.item_editor.rationale.editor, RATIONALE)  # the focus is there now
    table = window.table
    table.setFocus()
    window.select_item(item.id)

    def quote() -> str:
        return window.draft.marks.get(item.id).quote

    qtbot.keyClick(table, Qt.Key.Key_Right, SHIFT)
    assert quote() == "war on drivers dreamed"
    qtbot.keyClick(table, Qt.Key.Key_Left, SHIFT)
    qtbot.keyClick(table, Qt.Key.Key_Left, SHIFT)
    assert quote() == "war on"
    qtbot.keyClick(table, Qt.Key.Key_Left, CTRL | SHIFT)
    assert quote() == "a war on"
    qtbot.keyClick(table, Qt.Key.Key_Right, CTRL | SHIFT)
    qtbot.keyClick(table, Qt.Key.Key_Right, CTRL | SHIFT)
    assert quote() == "on"
    qtbot.keyClick(table, Qt.Key.Key_Left, SHIFT)  # one word left: it cannot shrink further
    assert quote() == "on"
    assert "cannot" in window.statusBar().currentMessage()

    mark = window.draft.marks.get(item.id)
    assert (mark.category, window.draft.details_of(item.id).rationale) == (
        "loaded_language",
        RATIONALE,
    )
    assert mark.quote == window.lesson.article.text[mark.start : mark.end]
    assert window.item_editor.item_id == item.id  # still the selected item
    assert window.item_editor.quote_label.text() == "“on”"

    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)
    assert quote() == "war on"
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL | SHIFT)
    assert quote() == "on"
    for _ in range(6):  # the six moves, one step each; the rationale typed stays
        qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)
    assert quote() == "war on drivers"
    assert window.draft.details_of(item.id).rationale == RATIONALE

    assert window.save()
    [saved] = load_lesson(window.lesson.folder).key.items  # type: ignore[union-attr]
    assert (saved.mark.quote, saved.rationale) == ("war on drivers", RATIONALE)


# --- the keys the palette promises ----------------------------------------------------------


def test_category_keys_add_items_and_change_the_selected_one(
    qtbot: QtBot, instructor: AuthorWindow
) -> None:
    window = instructor
    item = _drag_and_press(qtbot, window, _span(window, "push traffic"), "loaded_language")
    assert item.category == "loaded_language"
    assert window.palette_widget.button("loaded_language").digit  # the key it shows is the key

    window.table.setFocus()
    window.select_item(item.id)
    assert window.palette_widget.is_marking_enabled()  # an item to change
    qtbot.keyClick(window.table, _key(window, "exaggeration"))
    assert window.draft.marks.get(item.id).category == "exaggeration"
    assert len(window.draft.marks) == 1
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    assert window.draft.marks.get(item.id).category == "loaded_language"


def _ctrl_k(qtbot: QtBot, window: AuthorWindow, target: QWidget, typed: str) -> list[QuickPicker]:
    """Ctrl+K in `target`, the picker it opens answered by typing `typed` and Enter.

    The answer comes from a timer that dies with the key press: a picker that never opened
    fails this test, rather than leaving a timer to meet some later test's dialog."""
    window.activateWindow()  # a dialog closed before: the window has the keyboard again
    qtbot.waitUntil(window.isActiveWindow)
    target.setFocus()
    qtbot.waitUntil(target.hasFocus)
    seen: list[QuickPicker] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QuickPicker)
        seen.append(dialog)
        qtbot.keyClicks(dialog.filter_edit, typed)
        qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)

    timer = QTimer(window)
    timer.setSingleShot(True)
    timer.timeout.connect(run)
    timer.start(0)
    qtbot.keyClick(target, Qt.Key.Key_K, CTRL)
    timer.stop()
    timer.deleteLater()
    return seen


def test_ctrl_k_adds_the_selection_as_the_category_typed(
    qtbot: QtBot, instructor: AuthorWindow
) -> None:
    window = instructor
    span = _span(window, "Many residents, she said")
    window.article.setFocus()
    window.article.scroll_to(*span)
    drag_select(window.article, *span)
    assert len(_ctrl_k(qtbot, window, window.article, "vague attr")) == 1
    [item] = list(window.draft.marks)
    assert (item.quote, item.category) == ("Many residents, she said", "vague_attribution")

    window.select_item(item.id)
    assert len(_ctrl_k(qtbot, window, window.table, "exaggeration")) == 1
    assert window.draft.marks.get(item.id).category == "exaggeration"


def test_redo_keys_work_and_no_key_is_bound_twice(qtbot: QtBot, instructor: AuthorWindow) -> None:
    window = instructor
    # Keys of window-wide actions: each once, and none also taken by a list or the article.
    window_keys = [
        sequence.toString()
        for made in window.actions()
        if made.shortcutContext() == Qt.ShortcutContext.WindowShortcut
        for sequence in made.shortcuts()
    ]
    assert len(window_keys) == len(set(window_keys)), window_keys
    for widget in (window.article, window.table):
        local = [s.toString() for made in widget.actions() for s in made.shortcuts()]
        assert len(local) == len(set(local)), local
        assert not set(local) & set(window_keys)

    item = _drag_and_press(qtbot, window, _span(window, "push traffic"), "loaded_language")
    window.article.setFocus()
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)
    assert len(window.draft.marks) == 0
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL | SHIFT)
    assert list(window.draft.marks.ids) == [item.id]
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window.article, Qt.Key.Key_Y, CTRL)
    assert list(window.draft.marks.ids) == [item.id]


# --- items in document order ----------------------------------------------------------------


def test_items_are_listed_and_saved_in_document_order(
    qtbot: QtBot, instructor: AuthorWindow
) -> None:
    window = instructor
    later = _drag_and_press(qtbot, window, _span(window, "a war on drivers"), "loaded_language")
    earlier = _drag_and_press(qtbot, window, _span(window, "seven votes"), "loaded_language")
    assert [window.model.mark_at(row).id for row in range(2)] == [earlier.id, later.id]
    assert window.save()
    text = (window.lesson.folder / "key.json").read_text(encoding="utf-8")
    assert re.findall(r'"id": "(k\d+)"', text) == [earlier.id, later.id]


# --- where the article comes from -----------------------------------------------------------


def _type_into(qtbot: QtBot, window: AuthorWindow, name: str, text: str) -> None:
    field = window.lesson_editor.source_fields[name]
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(field, text)


def test_attribution_is_edited_undone_shown_and_saved(
    qtbot: QtBot, instructor: AuthorWindow
) -> None:
    window = instructor
    window.tabs.setCurrentWidget(window.lesson_editor)
    tabs = window.lesson_editor.tabs
    tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index("Source"))
    fields = window.lesson_editor.source_fields
    assert fields["author"].text() == "Priya Natarajan"  # as imported
    assert fields["outlet"].text() == "The Wrenfield Gazette"

    _type_into(qtbot, window, "author", "P. Natarajan")
    _type_into(qtbot, window, "original", "The Conversation")
    _type_into(qtbot, window, "licence", "CC BY-ND 4.0")
    attribution = window.lesson_draft.attribution
    assert (attribution.author, attribution.original, attribution.licence) == (
        "P. Natarajan",
        "The Conversation",
        "CC BY-ND 4.0",
    )
    shown = window.source_label.text()
    assert "P. Natarajan" in shown
    assert "originally in The Conversation" in shown
    assert "Licence: CC BY-ND 4.0" in shown

    assert window.undo_stack.undoText() == "Edit licence"
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL)
    assert window.lesson_draft.attribution.licence == ""
    assert fields["licence"].text() == ""
    assert "Licence" not in window.source_label.text()
    qtbot.keyClick(window.article, Qt.Key.Key_Z, CTRL | SHIFT)
    assert fields["licence"].text() == "CC BY-ND 4.0"

    qtbot.keyClick(window.article, Qt.Key.Key_S, CTRL)
    lesson_md = (window.lesson.folder / "lesson.md").read_text(encoding="utf-8")
    front = lesson_md.split("\n---\n", 1)[0]
    assert '  original: "The Conversation"' in front
    assert '  licence: "CC BY-ND 4.0"' in front
    saved = load_lesson(window.lesson.folder).article.attribution
    assert (saved.author, saved.outlet, saved.original, saved.licence) == (
        "P. Natarajan",
        "The Wrenfield Gazette",
        "The Conversation",
        "CC BY-ND 4.0",
    )


# --- exporting an unfinished lesson, closing ------------------------------------------------


def test_exporting_an_unfinished_lesson_asks_first(
    instructor: AuthorWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []
    answer = QMessageBox.StandardButton.No

    def question(parent: object, title: str, text: str, *args: object) -> object:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    destination = tmp_path / "out" / "draft.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(destination), ""))
    assert instructor.export(handout=False) is None
    assert "left to do" in asked[-1]
    assert not destination.exists()

    answer = QMessageBox.StandardButton.Yes
    assert instructor.export(handout=False) == destination
    assert destination.exists()


def test_the_close_prompt_speaks_of_items(
    instructor: AuthorWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real `dialogs.ask_save` (the tests script a fake one), loaded afresh."""
    import importlib.util

    spec = importlib.util.find_spec("literacy_app.gui.dialogs")
    assert spec is not None
    assert spec.loader is not None
    real = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(real)
    asked: list[tuple[str, str]] = []

    def question(parent: object, title: str, text: str, *args: object) -> object:
        asked.append((title, text))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    real.ask_save(instructor)
    [(title, text)] = asked
    assert "marks" not in title + text
    assert "items" in title
    assert "key items" in text


# --- the article text, checked before a lesson is made of it --------------------------------


def test_the_check_text_dialog_is_an_editor_with_nothing_selected(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPlainTextEdit

    from literacy_app.gui.article_text_dialog import ArticleTextDialog

    article = "Headline\n\n" + " ".join(["A long paragraph of the article."] * 80)
    notes = ("The text is much shorter than the page.", "A leftover 'Read more:' line.")
    dialog = ArticleTextDialog(article, notes)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    editor = dialog.editor
    assert isinstance(editor, QPlainTextEdit)
    assert not editor.isReadOnly()
    assert not editor.textCursor().hasSelection()
    assert editor.textCursor().position() == 0
    assert editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    assert editor.horizontalScrollBar().maximum() == 0  # wrapped: nothing to scroll sideways
    assert dialog.width() <= 1024  # a 1024x768 screen, less its bars
    assert dialog.height() <= 768 - 60
    assert dialog.minimumSizeHint().width() <= 1024
    assert dialog.notes_label.isVisible()
    assert "shorter than the page" in dialog.notes_label.text()

    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)  # one stray key costs one character, not the text
    assert dialog.text() == article[1:]
    qtbot.keyClick(editor, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(editor, " The end.")
    assert dialog.text().endswith("article. The end.")


def test_the_new_lesson_dialog_shows_the_import_notes(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import dataclass

    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from literacy_app.authoring import importing
    from literacy_app.gui.article_text_dialog import ArticleTextDialog
    from literacy_app.gui.author_window import new_lesson_dialog

    @dataclass(frozen=True)
    class Noted(importing.ImportedArticle):
        notes: tuple[str, ...] = ("the text is much shorter than the page",)

    article = Noted("Bus plan\n\nThe so-called experts were ignored.", title="Bus plan")
    monkeypatch.setattr(importing, "import_article", lambda path: article)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("An article file", True))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Bus plan", True))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("page.html", ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    shown: list[ArticleTextDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ArticleTextDialog)
        shown.append(dialog)
        dialog.accept()

    QTimer.singleShot(0, answer)
    folder = new_lesson_dialog(None)
    assert folder is not None
    [dialog] = shown
    assert "much shorter than the page" in dialog.notes_label.text()
    assert not dialog.notes_label.isHidden()
    assert load_lesson(folder).article.text.startswith("Bus plan")
