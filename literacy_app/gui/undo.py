"""The thin Qt wrapper that puts core edits on a QUndoStack."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand


class Editable(Protocol):
    """A core model that applies and reverts its own edits (Workspace, KeyDraft, LessonDraft)."""

    def apply(self, edit: Any) -> None: ...

    def revert(self, edit: Any) -> None: ...


class EditCommand(QUndoCommand):
    """One core edit; redo/undo apply and revert it on its model.

    Edits that carry a `merge_key` (typing in a text field) merge with the previous command of
    the same key, so one Ctrl+Z undoes a burst of typing rather than a single keystroke."""

    def __init__(self, target: Editable, edit: Any) -> None:
        super().__init__(edit.text)
        self.target = target
        self.edit = edit

    def redo(self) -> None:
        self.target.apply(self.edit)

    def undo(self) -> None:
        self.target.revert(self.edit)

    def id(self) -> int:
        return 1 if getattr(self.edit, "merge_key", None) else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.target is not self.target:
            return False
        key = getattr(self.edit, "merge_key", None)
        if key is None or key != getattr(other.edit, "merge_key", None):
            return False
        self.edit = self.edit.merged(other.edit)
        return True
