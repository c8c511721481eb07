"""One cold start, measured by bench_startup: `bare` is a QMainWindow with a QTextEdit holding
the same article; `app` is the real window on the bundled first lesson. Exits once painted."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(kind: str) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit

    from literacy_app.resources import default_lesson

    app = QApplication(sys.argv[:1])
    if kind == "bare":
        window = QMainWindow()
        editor = QTextEdit()
        editor.setPlainText((default_lesson() / "article.txt").read_text(encoding="utf-8"))
        window.setCentralWidget(editor)
    else:
        from literacy_app.core.workspace import Workspace
        from literacy_app.formats.lesson_package import load_lesson
        from literacy_app.gui.main_window import MainWindow

        window = MainWindow(Workspace(load_lesson(default_lesson())))
    window.resize(1400, 900)
    window.show()
    window.grab()  # forces a full paint of every widget
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
