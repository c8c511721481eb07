"""A file the system hands to the running app (macOS sends a QFileOpenEvent for a double-click
on a lesson package or a submission) opens in a lesson window of its own; a file that cannot
be read is explained and opens nothing."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from literacy_app.gui import app
from literacy_app.gui.file_open import FileOpenHandler, handle_file_open
from literacy_app.gui.settings import Settings
from tests.gui.conftest import Dialogs


@pytest.fixture
def handler(qapp: QApplication) -> Iterator[FileOpenHandler]:
    installed = handle_file_open(qapp, Settings())
    before = list(app._opened)
    yield installed
    qapp.removeEventFilter(installed)
    for window in app._opened:
        if window not in before:
            window.close()
            window.deleteLater()


def _send(qapp: QApplication, path: Path | str) -> None:
    QApplication.sendEvent(qapp, QFileOpenEvent(str(path)))


def test_a_lesson_handed_over_opens_in_a_window(
    qtbot: QtBot, qapp: QApplication, handler: FileOpenHandler, make_lesson: Callable[..., Path]
) -> None:
    folder = make_lesson()
    count = len(app._opened)
    _send(qapp, folder)
    assert handler.opened == [folder]
    assert len(app._opened) == count + 1
    window = app._opened[-1]
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.workspace.lesson.folder == folder


def test_two_files_open_two_windows(
    qtbot: QtBot, qapp: QApplication, handler: FileOpenHandler, make_lesson: Callable[..., Path]
) -> None:
    count = len(app._opened)
    _send(qapp, make_lesson("one"))
    _send(qapp, make_lesson("two"))
    assert len(app._opened) == count + 2
    for window in app._opened[-2:]:
        qtbot.addWidget(window)


@pytest.mark.parametrize("kind", ["garbage", "missing", "fifo"])
def test_a_file_that_cannot_be_read_is_explained_and_opens_nothing(
    qapp: QApplication,
    handler: FileOpenHandler,
    scripted_dialogs: Dialogs,
    tmp_path: Path,
    kind: str,
) -> None:
    path = tmp_path / "shared.submission.json"
    if kind == "garbage":
        path.write_text(json.dumps({"format": "literacy-submission", "marks": "all of them"}))
    elif kind == "fifo":
        os.mkfifo(path)  # would block a reader that opens it without care
    count = len(app._opened)
    _send(qapp, path)
    assert len(app._opened) == count
    assert [kind for kind, _ in scripted_dialogs.shown] == ["problems"]
    title, problems, _warning = scripted_dialogs.shown[0][1]
    assert path.name in title
    assert problems


def test_an_event_without_a_file_is_left_alone(
    qapp: QApplication, handler: FileOpenHandler, scripted_dialogs: Dialogs
) -> None:
    count = len(app._opened)
    _send(qapp, "")
    assert handler.opened == []
    assert len(app._opened) == count
    assert scripted_dialogs.shown == []
