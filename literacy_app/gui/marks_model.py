"""The marks list: a table model over the workspace's MarkSet.

The model never changes marks itself: an edit in the table (note, category) is handed to
`request_edit`, which the window turns into an undoable command; the MarkSet then tells the
model what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from literacy_app.core.marks import Mark
from literacy_app.core.markset import Change, MarkSet
from literacy_app.core.taxonomy import Group, Taxonomy
from literacy_app.gui.rich_text import plain_tip
from literacy_app.gui.table_model import FlatTableModel, Index
from literacy_app.i18n import N_, _

EditRequest = Callable[[Mark, str, str], None]  # (mark, field "note"/"category", new value)

MARK_ID_ROLE = Qt.ItemDataRole.UserRole + 1


#: A category's group as one of its kind, in a mark's tooltip: "Loaded language (framing device)".
GROUP_SINGULAR = {Group.FRAMING: N_("framing device"), Group.CLAIM: N_("unsupported claim")}


class MarksTableModel(FlatTableModel):
    COLUMNS = (N_("Quote"), N_("Category"), N_("Note"))
    QUOTE, CATEGORY, NOTE = range(3)

    def __init__(
        self,
        marks: MarkSet,
        taxonomy: Taxonomy,
        request_edit: EditRequest,
        note_column: tuple[str, Callable[[Mark], str]] | None = None,
    ) -> None:
        """`note_column` replaces the student's note by another per-mark text (the key editor
        shows each item's rationale there, edited in its own panel rather than inline)."""
        super().__init__()
        self._note_of: Callable[[Mark], str] = (
            note_column[1] if note_column else (lambda mark: mark.note)
        )
        self._note_editable = note_column is None
        if note_column:
            self.COLUMNS = (*self.COLUMNS[:2], note_column[0])
        self._marks = marks
        self._taxonomy = taxonomy
        self._request_edit = request_edit
        marks.subscribe(self._after_change, self._before_change)

    def _before_change(self, change: Change) -> None:
        if change.kind == "insert":
            self.beginInsertRows(QModelIndex(), change.row, change.row)
        elif change.kind == "remove":
            self.beginRemoveRows(QModelIndex(), change.row, change.row)

    def _after_change(self, change: Change) -> None:
        if change.kind == "insert":
            self.endInsertRows()
        elif change.kind == "remove":
            self.endRemoveRows()
        else:
            self.dataChanged.emit(
                self.index(change.row, 0), self.index(change.row, len(self.COLUMNS) - 1)
            )

    def row_total(self) -> int:
        return len(self._marks)


    def mark_at(self, row: int) -> Mark:
        return self._marks[row]

    def row_of(self, mark_id: str) -> int:
        return self._marks.row_of(mark_id)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._marks):
            return None
        mark = self._marks[index.row()]
        column = index.column()
        category = self._taxonomy.get(mark.category)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.QUOTE:
                return " ".join(mark.quote.split())
            if column == self.CATEGORY:
                return category.display_name if category else mark.category
            if column == self.NOTE:
                return " ".join(self._note_of(mark).split())
        if role == Qt.ItemDataRole.EditRole:
            return {self.CATEGORY: mark.category, self.NOTE: mark.note}.get(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"“{mark.quote}”"]
            if category:
                group = _(GROUP_SINGULAR[category.group])
                lines.append(
                    _("{category} ({group})").format(category=category.display_name, group=group)
                )
            if mark.note:
                lines.append(_("Note: {note}").format(note=mark.note))
            return plain_tip("\n".join(lines))
        if role == Qt.ItemDataRole.DecorationRole and column == self.CATEGORY and category:
            return QColor(category.color)
        empty_note = column == self.NOTE and not self._note_of(mark)
        if role == Qt.ItemDataRole.ForegroundRole and empty_note:
            return QBrush(QColor(128, 128, 128))
        if role == MARK_ID_ROLE:
            return mark.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.CATEGORY or (index.column() == self.NOTE and self._note_editable):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        mark = self._marks[index.row()]
        if (
            index.column() == self.NOTE
            and self._note_editable
            and isinstance(value, str)
            and value != mark.note
        ):
            self._request_edit(mark, "note", value)
            return True
        if index.column() == self.CATEGORY and isinstance(value, str):
            category = self._taxonomy.resolve(value)
            if category and category != mark.category:
                self._request_edit(mark, "category", category)
                return True
        return False


def refresh_row(model: MarksTableModel, mark_id: str) -> None:
    """A per-mark text outside the MarkSet changed (a key item's rationale): repaint its row."""
    row = model.row_of(mark_id)
    model.dataChanged.emit(model.index(row, 0), model.index(row, model.columnCount() - 1))
