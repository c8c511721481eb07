"""The lesson's settings tab in instructor mode: title, difficulty, time and palette, edited as
an instructor would, undoable, and saved into lesson.md."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui.author_window import AuthorWindow


def _entry(window: AuthorWindow, category_id: str) -> object:
    palette = window.lesson_editor.palette_list
    for row in range(palette.count()):
        if palette.item(row).data(Qt.ItemDataRole.UserRole) == category_id:
            return palette.item(row)
    raise KeyError(category_id)


def test_settings_are_edited_undone_and_saved(qtbot: QtBot, authored: AuthorWindow) -> None:
    editor = authored.lesson_editor
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "Reading a council report")
    editor.difficulty.setCurrentText("beginner")
    editor.minutes.setValue(15)
    scare = _entry(authored, "scare_quotes")
    scare.setCheckState(Qt.CheckState.Unchecked)  # type: ignore[attr-defined]
    assert "scare_quotes" not in authored.lesson_draft.categories

    authored.undo_stack.undo()  # the palette change, and the list shows it again
    assert "scare_quotes" in authored.lesson_draft.categories
    assert scare.checkState() == Qt.CheckState.Checked  # type: ignore[attr-defined]
    authored.undo_stack.redo()

    assert authored.save()
    saved = load_lesson(authored.lesson.folder)
    assert saved.title == "Reading a council report"
    assert (saved.difficulty, saved.minutes) == ("beginner", 15)
    assert "scare_quotes" not in saved.palette.ids
    assert "loaded_language" in saved.palette.ids


def test_the_palette_says_what_students_will_get(qtbot: QtBot, authored: AuthorWindow) -> None:
    """Unticking every category does not leave students with none: they get them all, and
    the settings tab says so before the instructor saves."""
    editor = authored.lesson_editor
    palette = editor.palette_list
    total = palette.count()
    assert editor.palette_note.text() == f"Students get all {total} categories."
    _entry(authored, "slogans").setCheckState(Qt.CheckState.Unchecked)  # type: ignore[attr-defined]
    assert editor.palette_note.text().startswith(f"Students get these {total - 1} of {total}")
    for row in range(total):
        palette.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert editor.palette_note.text() == f"Students get all {total} categories."
    assert authored.save()
    assert load_lesson(authored.lesson.folder).palette.ids == authored.lesson.taxonomy.ids


def test_hint_cost_and_answers_after_are_typed_undone_and_saved(
    qtbot: QtBot, authored: AuthorWindow
) -> None:
    editor = authored.lesson_editor
    editor.answers_after.selectAll()
    qtbot.keyClicks(editor.answers_after.lineEdit(), "3")
    assert authored.lesson_draft.answers_after == 3
    assert editor.answers_after.suffix() == " attempts"
    editor.hint_penalty.setValue(2.5)
    assert authored.lesson_draft.hint_penalty == 2.5
    authored.undo_stack.undo()
    assert authored.lesson_draft.hint_penalty == 0.0
    assert editor.hint_penalty.text() == "Free"
    authored.undo_stack.redo()
    assert authored.save()
    saved = load_lesson(authored.lesson.folder)
    assert (saved.answers_after, saved.hint_penalty) == (3, 2.5)
