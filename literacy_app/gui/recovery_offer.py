"""The one policy for work left behind by a crash, for students and instructors alike: each
piece is offered in turn and the answer is carried out (restore, keep for later, discard)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol, TypeVar

from PySide6.QtWidgets import QWidget

from literacy_app.core.errors import FormatError
from literacy_app.formats.recovery import RecoveryFile
from literacy_app.gui import dialogs


class LeftBehind(Protocol):
    @property
    def file(self) -> Path: ...


Found = TypeVar("Found", bound=LeftBehind)
Restored = TypeVar("Restored")


def offer_back(
    parent: QWidget | None,
    pending: Iterable[Found],
    describe: Callable[[Found], str],
    restore: Callable[[Found], Restored],
) -> tuple[Restored, Path] | None:
    """The first piece the user restores, read back by `restore`, with its file; None when
    nothing is restored. "Keep for later" leaves a file for the next start; "Discard" deletes
    it; a file that cannot be read back is reported and kept, never deleted."""
    for found in pending:
        answer = dialogs.ask_restore(parent, describe(found))
        if answer == "discard":
            RecoveryFile(found.file).discard()
        elif answer == "restore":
            try:
                return restore(found), found.file
            except FormatError as err:
                dialogs.problems(parent, "Could not restore the unsaved work", err.problems)
    return None
