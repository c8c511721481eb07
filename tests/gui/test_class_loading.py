"""Loading a class into the class review window: a progress dialog that counts the files, and a
Cancel that stops the reading and opens nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from literacy_app.batch import Graded, Unreadable
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui import class_loading
from literacy_app.gui.class_loading import load_class
from tests.conftest import KEY_ITEMS, submission_dict, write_json


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "class"
    folder.mkdir()
    marks = [(quote, category) for quote, category, *_ in KEY_ITEMS]
    for number in range(count):
        write_json(folder / f"s{number:02d}.json", submission_dict(marks, name=f"P{number}"))
    (folder / "zz-broken.json").write_text("{", encoding="utf-8")
    return folder


def _dialogs() -> list[QProgressDialog]:
    """The loading dialogs alive now (those of earlier loads are deleted first)."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.objectName() == "class_loading"
    ]


def test_the_whole_class_is_read_and_the_dialog_goes_away(
    qtbot: QtBot, make_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    lesson = load_lesson(make_lesson())
    results = load_class(lesson, [_folder(tmp_path, 12)])
    assert results is not None
    assert [type(r) for r in results] == [Graded] * 12 + [Unreadable]
    QApplication.processEvents()
    assert all(not d.isVisible() for d in _dialogs())


def test_the_dialog_counts_the_files_as_they_are_graded(
    qtbot: QtBot,
    make_lesson: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: Any,
) -> None:
    lesson = load_lesson(make_lesson())
    seen: list[tuple[int, int, str]] = []
    real = class_loading.grade_files

    def watched(lesson: Any, paths: Any, progress: Any = None, **kwargs: Any) -> Any:
        def spy(done: int, total: int) -> None:
            progress(done, total)
            [dialog] = _dialogs()
            seen.append((dialog.value(), dialog.maximum(), dialog.labelText()))

        return real(lesson, paths, progress=spy, **kwargs)

    monkeypatch.setattr(class_loading, "grade_files", watched)
    assert load_class(lesson, [_folder(tmp_path, 5)]) is not None
    # every file counted; at the last one the dialog resets itself (value -1): done
    assert [(value, maximum) for value, maximum, _ in seen] == [
        (0, 6),
        (1, 6),
        (2, 6),
        (3, 6),
        (4, 6),
        (5, 6),
        (-1, 6),
    ]
    assert seen[3][2] == "Reading and grading the class: 3 of 6 files"


def test_cancel_stops_the_loading_and_gives_nothing(
    qtbot: QtBot,
    make_lesson: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: Any,
) -> None:
    lesson = load_lesson(make_lesson())
    graded: list[int] = []
    real = class_loading.grade_files

    def cancelled_after_three(lesson: Any, paths: Any, progress: Any = None, **kw: Any) -> Any:
        def press_cancel_then_report(done: int, total: int) -> None:
            graded.append(done)
            if done == 3:
                [dialog] = _dialogs()
                qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
            progress(done, total)

        return real(lesson, paths, progress=press_cancel_then_report, **kw)

    monkeypatch.setattr(class_loading, "grade_files", cancelled_after_three)
    assert load_class(lesson, [_folder(tmp_path, 10)]) is None
    assert graded[-1] == 3  # nothing read after the click
    QApplication.processEvents()
    assert all(not d.isVisible() for d in _dialogs())
