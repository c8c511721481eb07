"""Instructor mode survives a crash: the draft (key items, rationales, lesson text) is autosaved
and offered back the next time the lesson is opened in instructor mode; the lesson folder is
never written until the instructor saves."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from literacy_app.authoring.drafts import lesson_from_draft
from literacy_app.core.errors import FormatError
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.formats.recovery import pending_author_drafts, pending_recoveries
from literacy_app.gui.author_recovery import offer_author_recovery
from literacy_app.gui.author_window import AuthorWindow
from literacy_app.gui.settings import recovery_dir
from tests.gui.conftest import Dialogs
from tests.gui.helpers import crash, phrase_in

RATIONALE = "These words judge before they describe."


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _draft_an_item(qtbot: QtBot, window: AuthorWindow) -> str:
    """A key item with a typed rationale and a changed lesson title, autosaved."""
    start, end, quote = phrase_in(window.lesson.article.text)
    window.article.select_span(start, end)
    window.palette_widget.button("loaded_language").click()
    window.item_editor.rationale.editor.setFocus()
    qtbot.keyClicks(window.item_editor.rationale.editor, RATIONALE)
    title = window.lesson_editor.title
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, ", second draft")
    qtbot.waitUntil(lambda: window.autosave.path is not None and window.autosave.path.exists())
    path = window.autosave.path
    assert path is not None
    qtbot.waitUntil(lambda: RATIONALE in path.read_text(encoding="utf-8"))
    return quote


@pytest.fixture
def crashed_draft(qtbot: QtBot, authored: AuthorWindow) -> Path:
    """The recovery file of an instructor-mode session that drafted an item and died."""
    _draft_an_item(qtbot, authored)
    return crash(authored)


def test_an_instructors_draft_comes_back_after_a_crash(
    qtbot: QtBot, authored: AuthorWindow, scripted_dialogs: Dialogs
) -> None:
    folder = authored.lesson.folder
    on_disk = _files(folder)
    quote = _draft_an_item(qtbot, authored)
    assert _files(folder) == on_disk  # autosave never writes the lesson folder
    kept = crash(authored)

    lesson, restored_from = offer_author_recovery(load_lesson(folder), None)
    kind, description = scripted_dialogs.shown[-1]
    assert kind == "ask_restore"
    assert description.startswith("Instructor mode: 1 key item on “Bus lanes")
    assert restored_from == kept
    assert lesson.folder == folder
    assert lesson.title == "Bus lanes, second draft"
    assert lesson.key is not None
    [item] = lesson.key.items
    assert (item.mark.quote, item.rationale) == (quote, RATIONALE)

    window = AuthorWindow(lesson, restored_from)
    qtbot.addWidget(window)
    assert window.isWindowModified()
    assert window.autosave.path == kept  # goes on autosaving where it came from
    assert _files(folder) == on_disk
    assert window.save()
    saved = load_lesson(folder)
    assert saved.title == "Bus lanes, second draft"
    assert saved.key is not None
    assert [i.rationale for i in saved.key.items] == [RATIONALE]
    assert not kept.exists()
    assert pending_author_drafts(recovery_dir(), folder) == []


def test_a_draft_kept_for_later_or_discarded(
    authored: AuthorWindow, crashed_draft: Path, scripted_dialogs: Dialogs
) -> None:
    folder, kept = authored.lesson.folder, crashed_draft

    scripted_dialogs.restore_answer = "later"
    lesson, restored_from = offer_author_recovery(load_lesson(folder), None)
    assert restored_from is None
    assert lesson.key is None or not lesson.key.items  # the lesson as saved
    assert kept.exists()

    scripted_dialogs.restore_answer = "discard"
    offer_author_recovery(load_lesson(folder), None)
    assert not kept.exists()
    assert pending_author_drafts(recovery_dir(), folder) == []


def test_drafts_belong_to_their_lesson_and_never_reach_students(
    authored: AuthorWindow, crashed_draft: Path, tmp_path: Path
) -> None:
    assert pending_recoveries(recovery_dir()) == []  # the student's start ignores it
    other = tmp_path / "elsewhere"
    assert pending_author_drafts(recovery_dir(), other) == []
    assert len(pending_author_drafts(recovery_dir(), authored.lesson.folder)) == 1


def test_closing_normally_leaves_no_draft_behind(
    qtbot: QtBot, authored: AuthorWindow, scripted_dialogs: Dialogs
) -> None:
    _draft_an_item(qtbot, authored)
    path = authored.autosave.path
    assert path is not None
    scripted_dialogs.save_answer = QMessageBox.StandardButton.Discard
    assert authored.close()
    assert not path.exists()
    assert list(path.parent.iterdir()) == []


def test_a_draft_that_no_longer_reads_is_reported_in_the_lessons_own_terms(
    authored: AuthorWindow,
) -> None:
    folder = authored.lesson.folder
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    key["items"] = [{"id": "k1", "start": 0, "end": 99999, "category": "loaded_language"}]
    with pytest.raises(FormatError) as raised:
        lesson_from_draft(folder, {"key.json": json.dumps(key)})
    assert all(str(p).startswith(str(folder)) for p in raised.value.problems)
    with pytest.raises(FormatError, match="outside the lesson folder"):
        lesson_from_draft(folder, {"../escape.md": "x"})
    assert not (folder.parent / "escape.md").exists()


def test_the_teacher_menu_offers_the_draft_back_too(
    qtbot: QtBot, authored: AuthorWindow, crashed_draft: Path, scripted_dialogs: Dialogs
) -> None:
    from literacy_app.core.workspace import Workspace
    from literacy_app.gui.actions import ActionId
    from tests.gui.helpers import shown_window

    folder, kept = authored.lesson.folder, crashed_draft
    student = shown_window(qtbot, Workspace(load_lesson(folder)))
    student.registry[ActionId.EDIT_LESSON].trigger()
    (author,) = student.tool_windows
    assert isinstance(author, AuthorWindow)
    qtbot.addWidget(author)
    assert [kind for kind, _ in scripted_dialogs.shown] == ["ask_restore"]
    assert [i.rationale for i in author.draft.to_key().items] == [RATIONALE]
    assert author.autosave.path == kept
    author.undo_stack.setClean()


def test_an_autosave_the_disk_refuses_is_said_in_the_status_bar(
    qtbot: QtBot, authored: AuthorWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    def disk_full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    start, end, _quote = phrase_in(authored.lesson.article.text)
    authored.article.select_span(start, end)
    authored.palette_widget.button("loaded_language").click()
    qtbot.waitUntil(lambda: authored.autosave.error is not None, timeout=3000)
    message = authored.statusBar().currentMessage()
    assert "Autosave failed: No space left on device" in message
    assert "Save the lesson" in message
    assert len(authored.draft.marks) == 1
    monkeypatch.undo()
    authored.undo_stack.setClean()


def test_termination_flushes_the_instructors_draft_at_once(
    qtbot: QtBot, make_lesson: Callable[..., Path]
) -> None:
    """What SIGTERM's handler calls (`MainWindow.flush_autosaves`) writes an instructor-mode
    window's draft too, without waiting for the autosave delay."""
    from literacy_app.core.workspace import Workspace
    from literacy_app.gui.actions import ActionId
    from tests.gui.helpers import shown_window

    student = shown_window(qtbot, Workspace(load_lesson(make_lesson())))
    student.registry[ActionId.EDIT_LESSON].trigger()
    (author,) = student.tool_windows
    assert isinstance(author, AuthorWindow)
    qtbot.addWidget(author)
    start, end, _quote = phrase_in(author.lesson.article.text)
    author.article.select_span(start, end)
    author.palette_widget.button("loaded_language").click()
    assert author.autosave.path is None  # the delay has not run out yet
    student.flush_autosaves()
    path = author.autosave.path
    assert path is not None
    assert json.loads(path.read_text(encoding="utf-8"))["items"] == len(author.draft.marks)
    assert pending_author_drafts(recovery_dir(), author.lesson.folder) == []  # still live
    author.undo_stack.setClean()


def test_undoing_the_draft_back_to_the_saved_lesson_removes_it(
    qtbot: QtBot, authored: AuthorWindow
) -> None:
    start, end, _quote = phrase_in(authored.lesson.article.text)
    authored.article.select_span(start, end)
    authored.palette_widget.button("loaded_language").click()
    qtbot.waitUntil(lambda: authored.autosave.path is not None and authored.autosave.path.exists())
    path = authored.autosave.path
    assert path is not None
    authored.undo_stack.undo()
    assert authored.undo_stack.isClean()
    assert not path.exists()
