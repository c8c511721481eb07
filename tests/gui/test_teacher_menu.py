"""The Teacher menu: an instructor reaches class review and instructor mode from the app
itself, without the command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui.actions import ActionId
from literacy_app.gui.author_window import AuthorWindow
from literacy_app.gui.class_review_window import ClassReviewWindow
from literacy_app.resources import default_lesson
from tests.conftest import submission_dict, write_json
from tests.gui.conftest import Dialogs
from tests.gui.helpers import shown_window


def _choose_folder(monkeypatch: pytest.MonkeyPatch, folder: Path | str) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))


def test_review_a_class_folder_from_the_menu(
    qtbot: QtBot,
    make_lesson: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = shown_window(qtbot, Workspace(load_lesson(make_lesson())))
    folder = tmp_path / "class"
    folder.mkdir()
    for n, quotes in enumerate((["reckless"], ["reckless", "Experts say"], [])):
        marks = [(q, "loaded_language") for q in quotes]
        write_json(folder / f"s{n}.json", submission_dict(marks, name=f"Student {n}"))
    _choose_folder(monkeypatch, folder)
    window.registry[ActionId.REVIEW_CLASS].trigger()
    (review,) = window.tool_windows
    assert isinstance(review, ClassReviewWindow)
    qtbot.addWidget(review)
    assert review.gradebook.rowCount() == 3


def test_a_handout_has_no_class_review(
    qtbot: QtBot, make_lesson: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shown_window(qtbot, Workspace(load_lesson(make_lesson(key=False))))
    _choose_folder(monkeypatch, "/never/asked")
    window.registry[ActionId.REVIEW_CLASS].trigger()
    assert window.tool_windows == []
    assert "without a key" in window.statusBar().currentMessage()


def test_an_empty_class_folder_says_so(
    qtbot: QtBot,
    make_lesson: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    scripted_dialogs: Dialogs,
) -> None:
    window = shown_window(qtbot, Workspace(load_lesson(make_lesson())))
    empty = tmp_path / "nothing-handed-in"
    empty.mkdir()
    _choose_folder(monkeypatch, empty)
    window.registry[ActionId.REVIEW_CLASS].trigger()
    assert window.tool_windows == []
    assert scripted_dialogs.shown[-1][1][0] == "No submissions found"


def test_edit_this_lesson_opens_instructor_mode_on_it(
    qtbot: QtBot, make_lesson: Callable[..., Path]
) -> None:
    folder = make_lesson()
    window = shown_window(qtbot, Workspace(load_lesson(folder)))
    window.registry[ActionId.EDIT_LESSON].trigger()
    (author,) = window.tool_windows
    assert isinstance(author, AuthorWindow)
    qtbot.addWidget(author)
    assert author.lesson.folder == folder


def test_a_bundled_lesson_is_copied_before_it_is_edited(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = default_lesson()
    before = (bundled / "lesson.md").read_bytes()
    window = shown_window(qtbot, Workspace(load_lesson(bundled)))
    _choose_folder(monkeypatch, tmp_path)
    window.registry[ActionId.EDIT_LESSON].trigger()
    (author,) = window.tool_windows
    assert isinstance(author, AuthorWindow)
    qtbot.addWidget(author)
    assert author.lesson.folder == tmp_path / bundled.name
    assert (tmp_path / bundled.name / "key.json").exists()
    assert author.save()  # saving changes the copy only
    assert (bundled / "lesson.md").read_bytes() == before


def test_new_lesson_from_the_menu_opens_it_in_instructor_mode(
    qtbot: QtBot,
    make_lesson: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from literacy_app.gui import author_window

    created = make_lesson("created", key=False)
    monkeypatch.setattr(author_window, "new_lesson_dialog", lambda parent: created)
    window = shown_window(qtbot, Workspace(load_lesson(make_lesson())))
    window.registry[ActionId.NEW_LESSON].trigger()
    (author,) = window.tool_windows
    assert isinstance(author, AuthorWindow)
    qtbot.addWidget(author)
    assert author.lesson.folder == created
