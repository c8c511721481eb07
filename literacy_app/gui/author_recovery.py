"""Instructor mode's protection against a crash: the draft lesson autosaved a moment after each
edit, and offered back the next time the same lesson is opened in instructor mode.

An instructor's key can hold an afternoon of rationales; it deserves the same care as a
student's marks. The draft is kept as the files Save would write (`lesson_files`), in the same
per-session, locked recovery files as the student's work (`formats.recovery`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from literacy_app.core.errors import FormatError
from literacy_app.core.lesson import Lesson
from literacy_app.formats.recovery import (
    AUTHOR_SUFFIX,
    AuthorDraft,
    RecoveryFile,
    pending_author_drafts,
    write_author_draft,
)
from literacy_app.gui import dialogs
from literacy_app.gui.recovery_offer import offer_back
from literacy_app.gui.settings import recovery_dir

AUTOSAVE_DELAY_MS = 400

#: What the draft is now: (file name -> text, as Save would write them; number of key items).
Snapshot = Callable[[], tuple[dict[str, str], int]]


class DraftAutosave(QObject):
    """Writes the draft to this session's recovery file `AUTOSAVE_DELAY_MS` after the last
    `schedule()`; `discard()` once the lesson is saved or the draft deliberately dropped."""

    def __init__(
        self, parent: QObject, lesson: Lesson, snapshot: Snapshot, report: Callable[[str], None]
    ) -> None:
        super().__init__(parent)
        self._lesson = lesson
        self._snapshot = snapshot
        self._report = report
        self._file: RecoveryFile | None = None
        self.error: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.write)

    @property
    def path(self) -> Path | None:
        return self._file.path if self._file is not None else None

    def adopt(self, restored_from: Path) -> None:
        """A restored draft goes on autosaving into the file it came from."""
        self._file = RecoveryFile(restored_from)
        self._file.claim()

    def schedule(self) -> None:
        self._timer.start()

    def write(self) -> None:
        try:
            files, items = self._snapshot()
            if self._file is None:
                self._file = RecoveryFile.new(recovery_dir(), self._lesson.id, AUTHOR_SUFFIX)
            write_author_draft(self._file, self._lesson.folder, files, items)
            self.error = None
        except (OSError, FormatError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            message = f"Autosave failed: {reason}. Save the lesson as soon as you can."
            if message != self.error:
                self._report(message)
            self.error = message

    def discard(self) -> None:
        self._timer.stop()
        if self._file is not None:
            self._file.discard()
            self._file = None


def describe(draft: AuthorDraft, title: str) -> str:
    count = f"{draft.items} key item" + ("" if draft.items == 1 else "s")
    when = dialogs.moment_in_words(datetime.fromtimestamp(draft.modified).astimezone())
    return f"Instructor mode: {count} on “{title}”, last changed {when}."


def offer_author_recovery(lesson: Lesson, parent: QWidget | None) -> tuple[Lesson, Path | None]:
    """The lesson to edit: an unsaved draft of it when the instructor restores one (with the
    file it came from, see `offer_back`), otherwise the lesson as saved."""
    from literacy_app.authoring.drafts import lesson_from_draft

    restored = offer_back(
        parent,
        pending_author_drafts(recovery_dir(), lesson.folder),
        lambda draft: describe(draft, lesson.title),
        lambda draft: lesson_from_draft(lesson.folder, draft.files),
    )
    return restored if restored is not None else (lesson, None)
