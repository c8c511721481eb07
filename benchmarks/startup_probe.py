"""One cold start, measured by bench_startup. `bare` is a QMainWindow with a QTextEdit holding
the same article; `app` is what `literacy-app` runs (the CLI's imports and parser, then
`gui.app.open_window`) on the bundled first lesson. Once the window is painted the probe prints
`time.monotonic()`, which on Linux is the same clock in every process, so the parent can time
launch-to-paint without counting interpreter teardown."""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(kind: str) -> int:
    if kind == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit

        from literacy_app.resources import default_lesson

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        editor = QTextEdit()
        editor.setPlainText((default_lesson() / "article.txt").read_text(encoding="utf-8"))
        window.setCentralWidget(editor)
    else:
        from literacy_app.cli import build_parser

        args = build_parser().parse_args(["open"])
        from literacy_app.gui.app import application, open_window

        opened = open_window(args)
        if isinstance(opened, int):
            return opened
        window = opened[0]
        app = application()
    window.resize(1400, 900)
    window.show()
    window.grab()  # forces a full paint of every widget
    app.processEvents()
    print(f"painted {time.monotonic():.6f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
