"""Loading a class for review: reading and grading a folder of submissions behind a progress
dialog the teacher can cancel (a district's folder takes seconds)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from literacy_app.batch import Graded, Unreadable, grade_files
from literacy_app.core.lesson import Lesson
from literacy_app.i18n import _, ngettext


class _CancelledError(Exception):
    """The teacher pressed Cancel while the class was loading."""


def load_class(
    lesson: Lesson, paths: Iterable[Path], parent: QWidget | None = None
) -> list[Graded | Unreadable] | None:
    """Read and grade a class with a progress dialog (a district's folder takes seconds); None
    when the teacher cancels. The dialog appears only if loading takes more than a moment."""
    dialog = QProgressDialog(_("Reading and grading the class…"), _("Cancel"), 0, 0, parent)
    dialog.setObjectName("class_loading")
    dialog.setWindowTitle(_("Loading the class"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)

    def progress(done: int, total: int) -> None:
        if dialog.wasCanceled():
            raise _CancelledError
        dialog.setMaximum(total)
        dialog.setValue(done)
        dialog.setLabelText(
            ngettext(  # the same in English (as before), for languages that differ
                "Reading and grading the class: {done} of {total} files",
                "Reading and grading the class: {done} of {total} files",
                total,
            ).format(done=f"{done:,}", total=f"{total:,}")
        )

    try:
        return grade_files(lesson, paths, progress=progress)
    except _CancelledError:
        return None
    finally:
        dialog.reset()
        dialog.deleteLater()
