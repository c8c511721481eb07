"""What every flat table in the app shares: rows of one list, a fixed tuple of column titles."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from literacy_app.i18n import _

Index = QModelIndex | QPersistentModelIndex


class FlatTableModel(QAbstractTableModel):
    """A table without a tree: subclasses set `COLUMNS` (English titles marked with `N_`, shown
    in the current language) and say how many rows there are."""

    COLUMNS: tuple[str, ...] = ()

    def row_total(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _(self.COLUMNS[section]) if 0 <= section < len(self.COLUMNS) else None
        return str(section + 1)
