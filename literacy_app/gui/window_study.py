"""Study in the student window: the lesson library (open another lesson, or carry on with one),
the learner's progress, and technique drills. A part of `MainWindow` (see gui/main_window.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from literacy_app.gui.lazy import dialogs  # imported at first use, after the first frame
from literacy_app.gui.window_base import WindowBase
from literacy_app.i18n import _


class StudyMixin(WindowBase):
    def open_library(self) -> QWidget:
        """Study > Lesson library: one library beside this window, raised when already open."""
        from literacy_app.gui.study_windows import make_library

        library = self._study_window("library")
        if library is None:
            library = make_library(self.settings)
            library.lesson_chosen.connect(self._on_library_lesson_chosen)
            self._study_windows["library"] = library
            self._show_tool(library)
        library.show()
        library.raise_()
        library.activateWindow()
        return library

    @Slot(Path)
    def _on_library_lesson_chosen(self, folder: Path) -> None:
        """A lesson picked in the library opens here: its saved work when the learner has
        some (Continue), the fresh lesson otherwise. The current work is saved or discarded
        first, as for any open."""
        from literacy_app.gui.study_windows import work_to_continue

        if self.open_path(work_to_continue(folder) or folder, lesson=folder):
            library = self._study_window("library")
            if library is not None:
                library.hide()
            self.activateWindow()

    def show_progress(self) -> QWidget:
        from literacy_app.gui.study_windows import make_progress

        window = self._study_window("progress")
        if window is None:
            window = make_progress()
            self._study_windows["progress"] = window
            self._show_tool(window)
        window.show()
        window.raise_()
        return window

    def practise(self) -> QWidget | None:
        """Study > Practise techniques: a new drill, weak spots first."""
        from literacy_app.gui.study_windows import make_drill

        window = make_drill(self.settings)
        if isinstance(window, str):
            dialogs.error(self, _("Nothing to practise yet"), window)
            return None
        old = self._study_window("drill")
        if old is not None:
            old.close()
        self._study_windows["drill"] = window
        return self._show_tool(window)

    def _study_window(self, name: str) -> QWidget | None:
        """The study window of that name, unless it was closed and deleted since."""
        from shiboken6 import isValid

        window = self._study_windows.get(name)
        if window is not None and not isValid(window):
            del self._study_windows[name]
            return None
        return window
