"""Instructor mode end to end: import an HTML page, mark the key, write a rationale, check,
export a handout and a full package, then open both as a student."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from literacy_app.authoring.packaging import import_package
from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui.actions import ActionId
from literacy_app.gui.author_window import AuthorWindow
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.settings import Settings
from tests.gui.helpers import phrase_in


def test_author_a_lesson_and_use_it_as_a_student(
    qtbot: QtBot, authored: AuthorWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = authored
    text = window.lesson.article.text
    start, end, quote = phrase_in(text)
    window.article.select_span(start, end)
    window.palette_widget.button("loaded_language").click()
    [item] = list(window.draft.marks)
    assert item.quote == quote
    assert window.item_editor.item_id == item.id

    editor = window.item_editor.rationale.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "These words carry a judgement. A neutral writer would describe.")
    assert window.draft.details_of(item.id).rationale.startswith("These words")
    window.undo_stack.undo()  # one burst of typing is one undo step
    assert window.draft.details_of(item.id).rationale == ""
    window.undo_stack.redo()
    window.item_editor.required.setChecked(True)

    window.lesson_editor.instructions.editor.setPlainText("Mark the loaded words in this report.")
    window.lesson_editor.hints.editor.setPlainText(
        "### Words\nLook at adjectives.\n\n### Sources\nWho says so?\n\n### Claims\nCheck numbers."
    )
    window.lesson_editor.debrief.editor.setPlainText("The key found one device. Discuss it.")
    assert window.save()
    problems = window.validate()
    assert not [p for p in problems if p.severity == "error"], [str(p) for p in problems]
    saved = load_lesson(window.lesson.folder)
    assert saved.key is not None
    assert [i.mark.quote for i in saved.key.items] == [quote]
    assert saved.text.instructions == "Mark the loaded words in this report."
    assert len(saved.text.hints) == 3

    handout_zip = tmp_path / "out" / "handout.zip"
    full_dir = tmp_path / "out" / "full"
    handout_zip.parent.mkdir()
    answers = iter([(str(handout_zip), ""), (str(full_dir), "")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: next(answers))
    assert window.export(handout=True) is not None
    assert window.export(handout=False) is not None

    student_copy = import_package(handout_zip, tmp_path / "student")
    handout = load_lesson(student_copy)
    assert handout.key is None
    student = MainWindow(Workspace(handout), Settings())
    qtbot.addWidget(student)
    assert student.registry[ActionId.SUBMIT].isVisible()

    full = load_lesson(full_dir)
    student = MainWindow(Workspace(full), Settings())
    qtbot.addWidget(student)
    student.article.select_span(start, end)
    student.mark_selection("loaded_language")
    student.check()
    assert student.workspace.result is not None
    assert student.workspace.result.score == 100.0


def test_suggestions_are_added_only_when_accepted(authored: AuthorWindow) -> None:
    window = authored
    window.run_suggestions()
    count = window.suggestions.list.count()
    assert len(window.draft.marks) == 0  # nothing added without a click
    if count == 0:
        pytest.skip("no rule fired on this page")
    suggestion = window.suggestions.current()
    assert suggestion is not None
    window.suggestions.accept_button.click()
    assert len(window.draft.marks) == 1
    assert next(iter(window.draft.marks)).category == suggestion.category
    window.suggestions.reject_button.click()
    assert len(window.draft.marks) == 1
    assert window.suggestions.list.count() == count - 2


def test_category_change_and_delete_are_undoable(qtbot: QtBot, authored: AuthorWindow) -> None:
    window = authored
    start, end, _quote = phrase_in(window.lesson.article.text)
    window.article.select_span(start, end)
    mark = window.add_item_from_selection("loaded_language")
    assert mark is not None
    index = window.item_editor.category.findData("exaggeration")
    window.item_editor.category.setCurrentIndex(index)
    assert window.draft.marks.get(mark.id).category == "exaggeration"
    window.table.setFocus()
    window.select_item(mark.id)
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert len(window.draft.marks) == 0
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert window.draft.marks.get(mark.id).category == "loaded_language"
