"""Driving the article view as a user would: drags with the mouse, selections with keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from literacy_app.core.workspace import Workspace
from literacy_app.gui.article_view import ArticleView
from literacy_app.gui.author_window import AuthorWindow
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.settings import Settings
from tests.conftest import ARTICLE, span_of


def shown_window(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    """A student window, shown and active (window shortcuts need the active window)."""
    window = MainWindow(workspace, Settings())
    qtbot.addWidget(window)
    window.resize(1300, 850)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    return window


def shown_start(qtbot: QtBot, opened: tuple[MainWindow, Path, object] | int) -> MainWindow:
    """The window a start (`gui.app.open_window`) made, shown and active as a student sees it."""
    assert not isinstance(opened, int)
    window = opened[0]
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    return window


def mark_words(window: MainWindow, quote: str, category: str) -> str:
    """Mark the first `quote` of the tiny lesson's article as `category`; the new mark's id."""
    window.article.select_span(*span_of(ARTICLE, quote))
    made = window.mark_selection(category)
    assert made is not None
    return made.id


def check_with_keys(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Return in the article, as a student checks their work."""
    qtbot.keyClick(window.article, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.reviewing


def point_at(view: ArticleView, offset: int) -> QPoint:
    """The viewport point of the gap before code point `offset`."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.to_qt(offset))
    rect = view.cursorRect(cursor)
    return QPoint(rect.left(), rect.center().y())


def drag_select(view: ArticleView, start: int, end: int) -> None:
    """Press at `start`, move, release at `end`: what a student's mouse does."""
    view.ensureCursorVisible()
    viewport = view.viewport()
    begin, finish = point_at(view, start), point_at(view, end)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, begin)
    QTest.mouseMove(viewport, finish)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, finish)


def click_at(view: ArticleView, offset: int) -> None:
    point = point_at(view, offset)
    point.setX(point.x() + 3)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
    )


def caret_to(view: ArticleView, offset: int) -> None:
    cursor = view.textCursor()
    cursor.setPosition(view.to_qt(offset))
    view.setTextCursor(cursor)


def phrase_in(text: str) -> tuple[int, int, str]:
    """Two words from the middle of an article's first body paragraph: (start, end, quote)."""
    paragraphs = [p for p in text.split("\n\n") if len(p.split()) > 8]
    words = paragraphs[1].split()
    quote = " ".join(words[2:4]).strip(".,;:“”\"'")
    start = text.index(quote)
    return start, start + len(quote), quote


def crash(window: MainWindow | AuthorWindow) -> Path:
    """What a crash leaves behind: the window's recovery file on disk, its lock dropped (the
    OS does that when a process dies). The window lets go of the file, so that closing it at
    the end of the test cannot remove what the "next start" is meant to find."""
    autosave = window.autosave
    recovery = autosave._file  # the test plays the operating system here
    assert recovery is not None, "nothing was autosaved"
    autosave._timer.stop()
    recovery.release()
    autosave._file = None
    window.undo_stack.setClean()
    return recovery.path
