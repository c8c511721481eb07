"""Files the system hands to the running app: on macOS a double-click on a lesson package or a
submission (the file types the bundle declares) arrives as a QFileOpenEvent, never as a
command-line argument, both when it starts the app and when the app is already open.

Each file opens in a lesson window of its own, as File > Open would; one that cannot be read is
explained in a dialog and changes nothing else. Other platforms start the app with the file on
its command line, so this filter never sees an event there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent

from literacy_app.gui.settings import Settings


class FileOpenHandler(QObject):
    """Opens the file of every QFileOpenEvent sent to the application it filters."""

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.opened: list[Path] = []  # what was asked for, in order (tests read it)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            name = event.file()
            if name:
                from literacy_app.gui.app import open_lesson_window

                path = Path(name)
                self.opened.append(path)
                open_lesson_window(path, self.settings)
                return True
        return super().eventFilter(watched, event)


def handle_file_open(application: QObject, settings: Settings) -> FileOpenHandler:
    """Install the handler on `application` (kept alive as its child)."""
    handler = FileOpenHandler(settings, application)
    application.installEventFilter(handler)
    return handler
