"""The one policy for work left behind by a crash, for students and instructors alike: each
piece is offered in turn and the answer is carried out (restore, keep for later, discard).
The student's side of it (`offer_recovery`) runs at start-up and from File > Recover unsaved
work."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtWidgets import QWidget

from literacy_app.core.errors import FormatError
from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson, read_metadata
from literacy_app.formats.recovery import (
    Recovery,
    RecoveryFile,
    pending_recoveries,
    read_recovered,
)
from literacy_app.gui.lazy import dialogs  # imported at first use, after the first frame
from literacy_app.i18n import _, ngettext

if TYPE_CHECKING:
    from literacy_app.gui.main_window import MainWindow


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
    may_replace: Callable[[], bool] = lambda: True,
) -> tuple[Restored, Path] | None:
    """The first piece the user restores, read back by `restore`, with its file; None when
    nothing is restored. "Keep for later" leaves a file for the next start; "Discard" deletes
    it; a file that cannot be read back is reported and kept, never deleted.

    `may_replace` is asked once a piece has been read back and before it replaces what is on
    screen (the window's Save / Discard / Cancel): asking earlier would let a student discard
    their current work for a file that then fails to read. False stops the offer; the file
    stays for later."""
    for found in pending:
        answer = dialogs.ask_restore(parent, describe(found))
        if answer == "discard":
            RecoveryFile(found.file).discard()
        elif answer == "restore":
            try:
                restored = restore(found)
            except FormatError as err:
                dialogs.problems(parent, _("Could not restore the unsaved work"), err.problems)
                continue
            return (restored, found.file) if may_replace() else None
    return None


def _describe(recovery: Recovery) -> str:
    """What the student needs to recognise the work: how much, which lesson, and when."""
    count = recovery.marks
    try:
        title = str(read_metadata(recovery.lesson_folder).get("title") or "")
    except (FormatError, OSError):
        title = ""
    when = _when(recovery.modified)
    if title:
        return ngettext(
            "{count} mark on “{lesson}”, last changed {when}.",
            "{count} marks on “{lesson}”, last changed {when}.",
            count,
        ).format(count=count, lesson=title, when=when)
    return ngettext(
        "{count} mark on the lesson in {folder}, last changed {when}.",
        "{count} marks on the lesson in {folder}, last changed {when}.",
        count,
    ).format(count=count, folder=recovery.lesson_folder.name, when=when)


def _when(stamp: str) -> str:
    try:
        from datetime import datetime  # only when there is something to offer

        return dialogs.moment_in_words(datetime.fromisoformat(stamp).astimezone())
    except ValueError:
        return _("recently")


def restore_workspace(recovery: Recovery) -> Workspace:
    lesson = load_lesson(recovery.lesson_folder)
    submission = read_recovered(recovery, lesson.taxonomy, lesson.article.text)
    return Workspace.from_submission(lesson, submission, recovery.save_path)


def offer_recovery(window: MainWindow, pending: Sequence[Recovery] | None = None) -> bool:
    """Student work left behind by a crash, offered back (see `offer_back`); True when
    restored. The rest, if any, wait for the next start or File > Recover unsaved work."""
    restored = offer_back(
        window,
        pending_recoveries(window.recovery_folder) if pending is None else pending,
        _describe,
        restore_workspace,
        window.maybe_save,
    )
    if restored is None:
        return False
    window.install_restored(*restored)
    return True
