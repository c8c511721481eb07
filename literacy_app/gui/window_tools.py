"""The teacher's tools opened from the student window: the class review and instructor mode,
in windows of their own. A part of `MainWindow` (see gui/main_window.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from literacy_app.core.errors import FormatError
from literacy_app.gui.lazy import dialogs  # imported at first use, after the first frame
from literacy_app.gui.window_base import WindowBase
from literacy_app.i18n import _


class TeacherToolsMixin(WindowBase):
    # --- teacher tools -------------------------------------------------------------------------
    def review_class(self) -> QWidget | None:
        """The class review of a folder of submissions for this lesson, in a window of its own."""
        lesson = self.workspace.lesson
        if lesson.key is None:
            self.statusBar().showMessage(
                _("This lesson is a handout without a key: there is nothing to grade against."),
                6000,
            )
            return None
        from PySide6.QtWidgets import QFileDialog

        from literacy_app.gui.class_review_window import ClassReviewWindow, load_class

        folder = QFileDialog.getExistingDirectory(
            self,
            _("Choose the folder with your class's submission files"),
            self.settings.last_folder,
        )
        if not folder:
            return None
        results = load_class(lesson, [Path(folder)], self)  # a progress dialog, cancellable
        if results is None:  # the teacher cancelled
            return None
        if not results:
            dialogs.error(
                self,
                _("No submissions found"),
                _("{folder}: no .json files to grade.").format(folder=folder),
            )
            return None
        return self._show_tool(ClassReviewWindow(lesson, results))

    def edit_lesson(self) -> QWidget | None:
        """Instructor mode on this lesson; a bundled lesson is copied first, never changed."""
        folder = self.workspace.lesson.folder
        from literacy_app.resources import lessons_dir

        if folder.resolve().is_relative_to(lessons_dir().resolve()):
            from PySide6.QtWidgets import QFileDialog

            chosen = QFileDialog.getExistingDirectory(
                self, _("Bundled lessons stay as shipped: choose where to put your own copy")
            )
            if not chosen:
                return None
            import shutil

            copy = Path(chosen) / folder.name
            try:
                shutil.copytree(folder, copy)
            except (FileExistsError, OSError) as err:
                dialogs.error(
                    self,
                    _("Could not copy the lesson"),
                    _("{file}: {reason}").format(file=copy, reason=err),
                )
                return None
            folder = copy
        return self._open_author(folder)

    def new_lesson(self) -> QWidget | None:
        from literacy_app.gui import author_window

        folder = author_window.new_lesson_dialog(self)
        return self._open_author(folder) if folder is not None else None

    def _open_author(self, folder: Path) -> QWidget | None:
        from literacy_app.formats.lesson_package import load_lesson
        from literacy_app.gui.author_recovery import offer_author_recovery
        from literacy_app.gui.author_window import AuthorWindow

        try:
            lesson = load_lesson(folder)
        except FormatError as err:
            dialogs.problems(
                self, _("Could not open {file}").format(file=folder.name), err.problems
            )
            return None
        lesson, restored_from = offer_author_recovery(lesson, self)
        return self._show_tool(AuthorWindow(lesson, restored_from))

    def _show_tool(self, window: QWidget) -> QWidget:
        """Teacher windows live beside this one; kept here so they are not collected."""
        self.tool_windows.append(window)
        window.show()
        return window
