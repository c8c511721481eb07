"""The per-item results of a check, as a table: what was expected, what the student marked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from literacy_app.core.key import AnswerKey
from literacy_app.core.marks import Mark
from literacy_app.core.scoring import GradeResult, ItemResult
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.gui.review_style import OUTCOME_COLOR, OUTCOME_LABEL, OUTCOME_SYMBOL
from literacy_app.gui.rich_text import plain_tip
from literacy_app.gui.table_model import FlatTableModel, Index

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ResultsTableModel(FlatTableModel):
    COLUMNS = ("Result", "Expected passage", "Expected category", "Your mark", "Credit")
    RESULT, EXPECTED, CATEGORY, YOURS, CREDIT = range(5)

    def __init__(self, key: AnswerKey, taxonomy: Taxonomy) -> None:
        super().__init__()
        self._key = key
        self._taxonomy = taxonomy
        self._items: tuple[ItemResult, ...] = ()
        self._marks: dict[str, Mark] = {}

    def set_result(self, result: GradeResult | None, marks: list[Mark]) -> None:
        self.beginResetModel()
        self._items = result.items if result else ()
        self._marks = {m.id: m for m in marks}
        self.endResetModel()

    def row_total(self) -> int:
        return len(self._items)

    def item_result(self, row: int) -> ItemResult:
        return self._items[row]

    def row_of(self, item_id: str) -> int:
        for row, item in enumerate(self._items):
            if item.item_id == item_id:
                return row
        raise KeyError(item_id)

    def _category_name(self, category_id: str | None) -> str:
        if not category_id:
            return ""
        category = self._taxonomy.get(category_id)
        return category.name if category else category_id

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        result = self._items[index.row()]
        item = self._key.item(result.item_id)
        column = index.column()
        mark = self._marks.get(result.mark_id) if result.mark_id else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.RESULT:
                return f"{OUTCOME_SYMBOL[result.outcome]} {OUTCOME_LABEL[result.outcome]}"
            if column == self.EXPECTED:
                return " ".join(item.mark.quote.split())
            if column == self.CATEGORY:
                return self._category_name(item.category) + ("" if item.required else " (bonus)")
            if column == self.YOURS:
                if mark is None:
                    return "—"
                return f"“{' '.join(mark.quote.split())}” as {self._category_name(mark.category)}"
            if column == self.CREDIT:
                return f"{result.credit:g} / {result.max_credit:g}"
        if role == Qt.ItemDataRole.ForegroundRole and column == self.RESULT:
            return OUTCOME_COLOR[result.outcome]
        if role == Qt.ItemDataRole.FontRole and column == self.RESULT:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.CREDIT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            yours = self.data(self.index(index.row(), self.YOURS))
            return plain_tip(
                f"{OUTCOME_LABEL[result.outcome]}: “{item.mark.quote}”\n"
                f"Expected: {self.data(self.index(index.row(), self.CATEGORY))}\n"
                f"Your mark: {yours}"
            )
        if role == ITEM_ID_ROLE:
            return result.item_id
        return None
