"""The thin Qt wrapper that puts core edits on a QUndoStack."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from literacy_app.core.edits import Edit
from literacy_app.core.workspace import Workspace


class EditCommand(QUndoCommand):
    """One core edit; redo/undo apply and revert it on the workspace's marks."""

    def __init__(self, workspace: Workspace, edit: Edit) -> None:
        super().__init__(edit.text)
        self.workspace = workspace
        self.edit = edit

    def redo(self) -> None:
        self.workspace.apply(self.edit)

    def undo(self) -> None:
        self.workspace.revert(self.edit)
