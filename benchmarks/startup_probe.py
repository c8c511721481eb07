"""One cold start, measured by bench_startup. Kinds:

- `bare`: a QMainWindow with a QTextEdit holding the same article (the issue's baseline);
- `app`: what `literacy-app` runs (the CLI's imports and parser, then `gui.app.open_window`) on
  the bundled first lesson;
- `qt-floor`: the bare window, after setting up the PySide6 classes named in the environment
  variable QT_CLASSES (the ones `app` sets up, listed by `qt-classes`): what Qt's own Python
  types and enums cost before any of our code runs;
- `skeleton`: the smallest window #4 describes, built from stock PySide6 widgets with none of
  our code: menus and toolbar, the lesson as HTML (pre-rendered by the parent, file named in
  SKELETON_LESSON_HTML), the article, a column of category buttons and an empty marks table.
  It bounds what any implementation of the issue could reach;
- `qt-classes`: runs `app`, then prints the PySide6 classes it set up;
- `rebuild`: runs `app`, then times a second window built and painted in the same process,
  when nothing is left to import or set up: the window's own cost.

Once the window's first frame is painted the probe prints `time.monotonic()`, which on Linux
is the same clock in every process, so the parent can time launch-to-paint without counting
teardown. The app's first frame is the lesson and the article (a deferred start: see
MainWindow); it also prints when the whole window (marks panel, menus, toolbar) was built and
painted, so that what the first frame leaves out is timed too."""

from __future__ import annotations

import os
import sys
import time
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _paint(window: Any, app: Any) -> float:
    """Show the window and paint its first frame; the time that frame was done."""
    window.resize(1400, 900)
    window.show()
    window.grab()  # forces a full paint of every widget the window has
    return time.monotonic()


def _complete(window: Any, app: Any) -> float:
    """Let the event loop run until the window has everything (a deferred start builds its
    marks panel, menus and toolbar after the first frame) and has painted it: the time then."""
    deadline = time.monotonic() + 10
    while not getattr(window, "is_complete", True) and time.monotonic() < deadline:
        app.processEvents()
    app.processEvents()
    window.grab()
    return time.monotonic()


def _bare() -> tuple[Any, Any]:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit

    from literacy_app.resources import default_lesson

    app = QApplication(sys.argv[:1])
    if os.environ.get("QT_CLASSES"):
        from PySide6 import QtCore, QtGui, QtWidgets

        modules = {"QtCore": QtCore, "QtGui": QtGui, "QtWidgets": QtWidgets}
        for name in os.environ["QT_CLASSES"].split():
            module, _, cls = name.partition(".")
            getattr(modules[module], cls, None)  # PySide6 sets a class up on first access
    window = QMainWindow()
    editor = QTextEdit()
    editor.setPlainText((default_lesson() / "article.txt").read_text(encoding="utf-8"))
    window.setCentralWidget(editor)
    return window, app


def _skeleton() -> tuple[Any, Any]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import (
        QApplication,
        QLabel,
        QMainWindow,
        QPushButton,
        QSplitter,
        QTableView,
        QTextBrowser,
        QTextEdit,
        QVBoxLayout,
        QWidget,
    )

    from literacy_app.resources import default_lesson

    app = QApplication([*sys.argv[:1], "-style", "Fusion"])
    window = QMainWindow()
    for menu_name in ("File", "Edit", "View", "Lesson", "Teacher", "Help"):  # ~ the app's 36
        menu = window.menuBar().addMenu(menu_name)
        for number in range(6):
            menu.addAction(f"{menu_name} action {number}")
    toolbar = window.addToolBar("Main")
    for text in ("Save", "Undo", "Redo", "Mark as", "Show a hint", "Check my work", "Back"):
        toolbar.addAction(text)
    lesson = QTextBrowser()
    with open(os.environ["SKELETON_LESSON_HTML"], encoding="utf-8") as html:
        lesson.setHtml(html.read())
    article = QTextEdit()
    article.setReadOnly(True)
    article.setTextInteractionFlags(  # caret browsing, as #4 asks: needs the Qt namespace
        Qt.TextInteractionFlag.TextSelectableByKeyboard
        | Qt.TextInteractionFlag.TextSelectableByMouse
    )
    article.setPlainText((default_lesson() / "article.txt").read_text(encoding="utf-8"))
    side = QWidget()
    column = QVBoxLayout(side)
    for number in range(19):  # the first lesson's palette
        column.addWidget(QPushButton(f"Category {number}"))
    column.addWidget(QLabel("No marks yet"))
    marks = QStandardItemModel(0, 3)
    marks.setHorizontalHeaderLabels(["Quote", "Category", "Note"])
    table = QTableView()
    table.setModel(marks)
    column.addWidget(table)
    panes = QSplitter()
    for pane in (lesson, article, side):
        panes.addWidget(pane)
    window.setCentralWidget(panes)
    return window, app


def _app() -> tuple[Any, Any]:
    from literacy_app.cli import prepared_parser

    # By id: a bare start now opens the student's next unfinished lesson, and the skeleton row
    # is built from the first lesson, so the two must show the same one. The language and the
    # parser are chosen as `literacy-app` chooses them (`main` calls `prepared_parser` too).
    argv = ["open", "bakhmut-op-ed"]
    args = prepared_parser(argv).parse_args(argv)
    from literacy_app.gui.app import application, open_window

    opened = open_window(args, deferred=True)  # as `run` opens it
    if isinstance(opened, int):
        raise SystemExit(opened)
    return opened[0], application()


def _qt_classes() -> list[str]:
    """Every PySide6 class (and the Qt namespace) that has been set up in this process."""
    from PySide6 import QtCore, QtGui, QtWidgets

    names = []
    for module in (QtCore, QtGui, QtWidgets):
        short = module.__name__.rpartition(".")[2]
        for name, value in vars(module).items():  # set-up classes are in the module dict
            if isinstance(value, type) and name.startswith("Q"):
                names.append(f"{short}.{name}")
    return sorted(names)


def main(kind: str) -> int:
    if kind in ("app", "qt-classes", "rebuild"):
        window, app = _app()
    elif kind == "skeleton":
        window, app = _skeleton()
    else:
        window, app = _bare()
    painted = _paint(window, app)
    completed = _complete(window, app)
    if kind == "qt-classes":
        print(" ".join(_qt_classes()))
    elif kind == "rebuild":
        began = time.perf_counter()
        again, _ = _app()
        _paint(again, app)
        _complete(again, app)
        print(f"rebuilt {time.perf_counter() - began:.6f}")
    print(f"completed {completed:.6f}")
    print(f"painted {painted:.6f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
