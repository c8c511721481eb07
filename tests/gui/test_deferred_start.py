"""Issue #12, the two-phase start: `literacy-app` paints the lesson and the article first and
builds the rest (marks panel, palette, menus, toolbar, autosave) right after that frame. The
first frame must already take input, nothing a student does in between may be lost, and work
that needs the whole window waits for it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from literacy_app.cli import build_parser
from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui.actions import ActionId
from literacy_app.gui.app import open_window
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.palette import shortcut_digits
from literacy_app.gui.settings import Settings
from tests.conftest import ARTICLE, span_of
from tests.gui.helpers import shown_window


def deferred_start(qtbot: QtBot, lesson: Path) -> MainWindow:
    """`literacy-app open LESSON` as `run` opens it, not yet shown."""
    opened = open_window(build_parser().parse_args(["open", str(lesson)]), deferred=True)
    assert not isinstance(opened, int)
    window = opened[0]
    qtbot.addWidget(window)
    return window


def first_frame(window: MainWindow) -> None:
    """Show the window and paint its first frame, without running the event loop after it."""
    window.resize(1300, 850)
    window.show()
    window.grab()


def test_the_first_frame_is_the_lesson_and_the_article(
    qtbot: QtBot, make_lesson: Callable[..., Path]
) -> None:
    window = deferred_start(qtbot, make_lesson())
    assert not window.is_complete  # the marks pane is not built before the first frame
    assert window.side.count() == 0

    first_frame(window)
    assert window.lesson_view.isVisible()
    assert window.article.isVisible()
    assert window.article.toPlainText().startswith(ARTICLE[:20])
    # The menu bar and the toolbar are in the first frame at their full height (their
    # actions come after it), so that nothing moves when the rest arrives.
    assert [a.text() for a in window.menuBar().actions()][:2] == ["&File", "&Edit"]
    assert window.toolbar.isVisible()
    article_top = window.article.mapTo(window, window.article.rect().topLeft())
    assert not window.is_complete  # still the first frame: the rest waits for the event loop

    qtbot.waitUntil(lambda: window.is_complete)
    assert window.side.currentWidget() is window.marks_panel
    window.grab()
    assert window.article.mapTo(window, window.article.rect().topLeft()) == article_top
    assert window.registry[ActionId.CHECK].isVisible()  # the lesson's own mode
    assert not window.registry[ActionId.SUBMIT].isVisible()
    assert "&Check my work" in [a.text() for a in window.toolbar.actions() if a.isVisible()]


def test_words_selected_in_the_first_frame_are_marked_once_the_palette_is_there(
    qtbot: QtBot, make_lesson: Callable[..., Path]
) -> None:
    window = deferred_start(qtbot, make_lesson())
    first_frame(window)
    assert not window.is_complete
    # The student selects words with the keyboard in the very first frame.
    start, end = span_of(ARTICLE, "reckless")
    window.article.select_span(start, start + 1)
    for _ in range(end - start - 1):
        qtbot.keyClick(window.article, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert window.article.selected_span() == (start, end)

    qtbot.waitUntil(lambda: window.is_complete)
    assert window.palette_widget.is_marking_enabled()  # the selection made before is seen
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    digit = next(iter(shortcut_digits(window.workspace.lesson.palette)))
    qtbot.keyClick(window.article, digit)
    assert [m.quote for m in window.workspace.marks] == ["reckless"]
    assert window.marks_model.rowCount() == 1


def test_work_that_needs_the_whole_window_waits_for_it(
    qtbot: QtBot, make_lesson: Callable[..., Path]
) -> None:
    window = deferred_start(qtbot, make_lesson())
    seen: list[bool] = []
    window.when_complete(lambda: seen.append(window.is_complete))
    QApplication.processEvents()
    assert seen == []  # not shown yet, so not painted, so not complete

    first_frame(window)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [True]
    window.when_complete(lambda: seen.append(window.is_complete))  # after: runs at once
    qtbot.waitUntil(lambda: len(seen) == 2)


def test_quitting_before_the_rest_is_built_loses_nothing_and_asks_nothing(
    qtbot: QtBot, make_lesson: Callable[..., Path]
) -> None:
    lesson = make_lesson()
    window = deferred_start(qtbot, lesson)
    first_frame(window)
    assert not window.is_complete
    window.flush_autosaves()  # the termination handler may run this early: nothing to write
    assert window.close()  # no Save/Discard question: nothing could be edited yet
    last = Settings().last_work
    assert last is not None
    assert last.lesson == lesson.resolve()
    assert last.submission is None


def test_a_complete_window_is_what_everyone_else_gets(
    qtbot: QtBot, make_lesson: Callable[..., Path]
) -> None:
    opened = open_window(build_parser().parse_args(["open", str(make_lesson())]))
    assert not isinstance(opened, int)
    qtbot.addWidget(opened[0])
    assert opened[0].is_complete
    assert opened[0].side.currentWidget() is opened[0].marks_panel
    window = MainWindow(Workspace(load_lesson(make_lesson("second"))), Settings())
    qtbot.addWidget(window)
    assert window.is_complete
    window.complete()  # twice is harmless
    assert window.side.count() == 1


class _WindowsShown(QObject):
    """Every top-level widget shown while it watches, other than `main`."""

    def __init__(self, main: QWidget) -> None:
        super().__init__()
        self.main = main
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched is not self.main
        ):
            self.shown.append(watched.objectName() or type(watched).__name__)
        return False


def test_opening_another_lesson_or_checking_flashes_no_window_and_keeps_the_focus(
    qtbot: QtBot, make_lesson: Callable[..., Path]
) -> None:
    """The palette once showed its group sections before giving them a parent: each flashed up
    as a window of its own and took the focus from the student's window."""
    window = shown_window(qtbot, Workspace(load_lesson(make_lesson())))
    watcher = _WindowsShown(window)
    QApplication.instance().installEventFilter(watcher)  # type: ignore[union-attr]
    try:
        window.install(Workspace(load_lesson(make_lesson("another"))))
        window.article.select_span(*span_of(ARTICLE, "reckless"))
        window.mark_selection(window.workspace.lesson.palette.ids[0])
        window.check()  # the results panel is built into the shown window
        window.back_to_marking()
        for _ in range(5):
            QApplication.processEvents()
    finally:
        QApplication.instance().removeEventFilter(watcher)  # type: ignore[union-attr]
    assert watcher.shown == []
    assert window.isActiveWindow()


def test_a_window_that_is_never_painted_is_still_completed(
    qtbot: QtBot, make_lesson: Callable[..., Path]
) -> None:
    """Opened minimized or on another desktop, a window paints nothing until it is looked at;
    it must not stay without its menus' actions and marks pane meanwhile."""
    window = deferred_start(qtbot, make_lesson())
    assert not window.is_complete
    qtbot.waitUntil(lambda: window.is_complete, timeout=5_000)
    assert window.side.currentWidget() is window.marks_panel
