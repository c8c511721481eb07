"""Autosave, for the student window and instructor mode alike: unsaved work written to this
session's recovery file (`formats.recovery.RecoveryFile`) a moment after the last edit, and
removed once the work is saved, undone back to what is saved, or deliberately dropped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from literacy_app.core.errors import FormatError
from literacy_app.i18n import _

if TYPE_CHECKING:  # the recovery files' module is read at the first autosave, not at start-up
    from literacy_app.formats.recovery import RecoveryFile

AUTOSAVE_DELAY_MS = 400  # the recovery file is written this long after the last edit


class Autosave(QObject):
    """`schedule()` after every edit; the window's `write_to(file)` runs `AUTOSAVE_DELAY_MS`
    later, or at once through `write()` (the app is being terminated). A failure is said once
    through `report` and kept in `error` until a write succeeds again. `advice` ends that
    message: the window's own words, already in the current language."""

    def __init__(
        self,
        parent: QObject,
        is_clean: Callable[[], bool],
        write_to: Callable[[RecoveryFile], None],
        new_file: Callable[[], RecoveryFile],
        report: Callable[[str], None],
        advice: str,
    ) -> None:
        super().__init__(parent)
        self._is_clean = is_clean
        self._write_to = write_to
        self._new_file = new_file
        self._report = report
        self._advice = advice
        self._file: RecoveryFile | None = None
        self.error: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.write)

    @property
    def path(self) -> Path | None:
        """This session's recovery file, once something has been autosaved (or adopted)."""
        return self._file.path if self._file is not None else None

    def adopt(self, restored_from: Path) -> None:
        """Restored work goes on autosaving into the file it came from, which this session
        now owns."""
        from literacy_app.formats.recovery import RecoveryFile

        self.discard()
        self._file = RecoveryFile(restored_from)
        self._file.claim()

    def schedule(self) -> None:
        if self._is_clean():  # undone back to what is saved: nothing to offer back
            self.discard()
        else:
            self._timer.start()

    def write(self) -> None:
        self._timer.stop()
        if self._is_clean():
            self.discard()
            return
        try:
            if self._file is None:
                self._file = self._new_file()
            self._write_to(self._file)
            self.error = None
        except (OSError, FormatError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            message = _("Autosave failed: {reason}. {advice}").format(
                reason=reason, advice=self._advice
            )
            if message != self.error:
                self._report(message)
            self.error = message

    def discard(self) -> None:
        self._timer.stop()
        if self._file is not None:
            self._file.discard()
            self._file = None

