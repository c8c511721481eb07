"""Instructor mode's safety nets: closing with unsaved work, a save that fails, and the checks
list that leads to the item it is about."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui.author_window import AuthorWindow
from tests.gui.conftest import Dialogs
from tests.gui.helpers import phrase_in

CTRL = Qt.KeyboardModifier.ControlModifier


def _add_item(window: AuthorWindow) -> str:
    start, end, _quote = phrase_in(window.lesson.article.text)
    window.article.select_span(start, end)
    mark = window.add_item_from_selection("loaded_language")
    assert mark is not None
    return mark.id


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_closing_with_unsaved_items_asks_and_respects_the_answer(
    qtbot: QtBot, authored: AuthorWindow, scripted_dialogs: Dialogs
) -> None:
    before = _files(authored.lesson.folder)
    _add_item(authored)

    scripted_dialogs.save_answer = QMessageBox.StandardButton.Cancel
    authored.close()
    assert authored.isVisible()  # still open, still unsaved
    assert not authored.undo_stack.isClean()

    scripted_dialogs.save_answer = QMessageBox.StandardButton.Save
    authored.close()
    assert not authored.isVisible()
    saved = load_lesson(authored.lesson.folder).key
    assert saved is not None
    assert len(saved.items) == 1
    assert _files(authored.lesson.folder) != before


def test_discarding_on_close_leaves_the_files_as_they_were(
    authored: AuthorWindow, scripted_dialogs: Dialogs
) -> None:
    before = _files(authored.lesson.folder)
    _add_item(authored)
    scripted_dialogs.save_answer = QMessageBox.StandardButton.Discard
    authored.close()
    assert not authored.isVisible()
    assert _files(authored.lesson.folder) == before
    assert [kind for kind, _ in scripted_dialogs.shown] == ["ask_save"]


def test_a_failed_save_says_why_and_keeps_the_work(
    qtbot: QtBot,
    authored: AuthorWindow,
    scripted_dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from literacy_app.authoring import writing

    before = _files(authored.lesson.folder)
    _add_item(authored)

    def disk_full(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writing, "atomic_write", disk_full)
    qtbot.keyClick(authored.article, Qt.Key.Key_S, CTRL)
    kind, (title, message) = scripted_dialogs.shown[-1]
    assert (kind, title) == ("error", "Could not save the lesson")
    assert "No space left on device" in message
    assert "Nothing was changed on disk" in message
    assert _files(authored.lesson.folder) == before
    assert not authored.undo_stack.isClean()  # the item is still here, still unsaved
    assert len(authored.draft.marks) == 1


def test_f7_lists_problems_and_activating_one_selects_its_item(
    qtbot: QtBot, authored: AuthorWindow
) -> None:
    item_id = _add_item(authored)  # no rationale yet: the checks must say so
    assert authored.save()
    authored.select_item(item_id)
    authored.table.clearSelection()
    qtbot.keyClick(authored.article, Qt.Key.Key_F7)
    assert authored.tabs.currentWidget() is authored.problems
    entries = [authored.problems.list.item(i) for i in range(authored.problems.list.count())]
    rationale = [e for e in entries if "rationale" in e.text()]
    assert rationale, [e.text() for e in entries]
    authored.problems.list.itemActivated.emit(rationale[0])
    assert authored.tabs.currentWidget() is authored.item_editor
    assert authored.item_editor.item_id == item_id


def test_a_lesson_saved_elsewhere_meanwhile_is_not_overwritten_without_asking(
    qtbot: QtBot, authored: AuthorWindow, scripted_dialogs: Dialogs
) -> None:
    folder = authored.lesson.folder
    _add_item(authored)
    qtbot.keyClick(authored.article, Qt.Key.Key_S, CTRL)  # nothing else wrote it: no question
    assert authored.undo_stack.isClean()
    assert "ask_changed_on_disk" not in [kind for kind, _ in scripted_dialogs.shown]

    # Another instructor-mode window (or an editor) saves lesson.md meanwhile.
    lesson_md = folder / "lesson.md"
    theirs = lesson_md.read_text(encoding="utf-8").replace(
        "## Instructions", "## Instructions\n\nTheirs."
    )
    lesson_md.write_text(theirs, encoding="utf-8")
    authored.lesson_editor.title.setFocus()
    qtbot.keyClicks(authored.lesson_editor.title, " (ours)")
    scripted_dialogs.changed_answer = "cancel"
    qtbot.keyClick(authored.article, Qt.Key.Key_S, CTRL)
    assert scripted_dialogs.shown[-1] == ("ask_changed_on_disk", lesson_md)
    assert lesson_md.read_text(encoding="utf-8") == theirs
    assert not authored.undo_stack.isClean()

    scripted_dialogs.changed_answer = "overwrite"
    qtbot.keyClick(authored.article, Qt.Key.Key_S, CTRL)
    assert authored.undo_stack.isClean()
    assert "Theirs." not in lesson_md.read_text(encoding="utf-8")
