"""The per-item results of a check, as a table: what was expected, what the student marked.

While the answers are hidden, missed items are not rows of their own: each paragraph holding
some becomes one "still to find" row that counts them and quotes nothing. Rows are in reading
order either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from literacy_app.core.key import AnswerKey
from literacy_app.core.marks import Mark
from literacy_app.core.scoring import GradeResult, ItemResult, Outcome
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.gui.feedback import MissingGroup
from literacy_app.gui.language import local_decimal
from literacy_app.gui.review_style import OUTCOME_COLOR, OUTCOME_LABEL, OUTCOME_SYMBOL
from literacy_app.gui.rich_text import plain_tip
from literacy_app.gui.table_model import FlatTableModel, Index
from literacy_app.i18n import N_, _

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STILL_TO_FIND = N_("Still to find")  # how a row of hidden missed items is described

Row = ItemResult | MissingGroup


class ResultsTableModel(FlatTableModel):
    COLUMNS = (
        N_("Result"),
        N_("Expected passage"),
        N_("Expected category"),
        N_("Your mark"),
        N_("Credit"),
    )
    RESULT, EXPECTED, CATEGORY, YOURS, CREDIT = range(5)

    def __init__(self, key: AnswerKey, taxonomy: Taxonomy) -> None:
        super().__init__()
        self._key = key
        self._taxonomy = taxonomy
        self._rows: tuple[Row, ...] = ()
        self._marks: dict[str, Mark] = {}

    def set_result(
        self,
        result: GradeResult | None,
        marks: list[Mark],
        hidden: Sequence[MissingGroup] = (),
    ) -> None:
        """Show `result`; the missed items in `hidden` appear only as their groups' rows."""
        self.beginResetModel()
        concealed = {item_id for group in hidden for item_id in group.item_ids}
        shown = [r for r in (result.items if result else ()) if r.item_id not in concealed]
        rows: list[tuple[int, int, Row]] = [(self._key.item(r.item_id).start, 0, r) for r in shown]
        rows.extend((group.start, 1, group) for group in hidden)
        self._rows = tuple(row for _, _, row in sorted(rows, key=lambda entry: entry[:2]))
        self._marks = {m.id: m for m in marks}
        self.endResetModel()

    def row_total(self) -> int:
        return len(self._rows)


    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def item_result(self, row: int) -> ItemResult | None:
        """The key item's result on `row`; None on a "still to find" row."""
        found = self._rows[row]
        return found if isinstance(found, ItemResult) else None

    def row_of(self, item_id: str) -> int:
        for row, found in enumerate(self._rows):
            if isinstance(found, ItemResult) and found.item_id == item_id:
                return row
        raise KeyError(item_id)

    def _category_name(self, category_id: str | None) -> str:
        if not category_id:
            return ""
        category = self._taxonomy.get(category_id)
        return category.display_name if category else category_id

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        found = self._rows[index.row()]
        if isinstance(found, MissingGroup):
            return self._group_data(found, index.column(), role)
        result = found
        item = self._key.item(result.item_id)
        column = index.column()
        mark = self._marks.get(result.mark_id) if result.mark_id else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.RESULT:
                return f"{OUTCOME_SYMBOL[result.outcome]} {_(OUTCOME_LABEL[result.outcome])}"
            if column == self.EXPECTED:
                return " ".join(item.mark.quote.split())
            if column == self.CATEGORY:
                name = self._category_name(item.category)
                return name if item.required else _("{category} (bonus)").format(category=name)
            if column == self.YOURS:
                if mark is None:
                    return "—"
                return _("“{quote}” as {category}").format(
                    quote=" ".join(mark.quote.split()),
                    category=self._category_name(mark.category),
                )
            if column == self.CREDIT:
                return local_decimal(f"{result.credit:g} / {result.max_credit:g}")
        styled = self._style(result.outcome, column, role)
        if styled is not None:
            return styled
        if role == Qt.ItemDataRole.ToolTipRole:
            yours = self.data(self.index(index.row(), self.YOURS))
            return plain_tip(
                _("{outcome}: “{quote}”\nExpected: {category}\nYour mark: {mark}").format(
                    outcome=_(OUTCOME_LABEL[result.outcome]),
                    quote=item.mark.quote,
                    category=self.data(self.index(index.row(), self.CATEGORY)),
                    mark=yours,
                )
            )
        if role == ITEM_ID_ROLE:
            return result.item_id
        return None

    def _style(self, outcome: Outcome, column: int, role: int) -> Any:
        """How a row looks, the same for an item and a "still to find" group: the outcome in
        its colour and bold, the credit right-aligned. None: `role` is not about looks."""
        if role == Qt.ItemDataRole.ForegroundRole and column == self.RESULT:
            return OUTCOME_COLOR[outcome]
        if role == Qt.ItemDataRole.FontRole and column == self.RESULT:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.CREDIT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _group_data(self, group: MissingGroup, column: int, role: int) -> Any:
        """A "still to find" row: how many, where and what kind; no quote, no category."""
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.RESULT:
                return f"{OUTCOME_SYMBOL[Outcome.MISSED]} {_(OUTCOME_LABEL[Outcome.MISSED])}"
            if column == self.EXPECTED:
                return f"{group.paragraph.name.capitalize()}: {group.short()}"
            if column == self.YOURS:
                return "—"
            if column == self.CREDIT:
                possible = sum(self._key.item(i).weight for i in group.item_ids)
                return local_decimal(f"0 / {possible:g}")
            return ""
        styled = self._style(Outcome.MISSED, column, role)
        if styled is not None:
            return styled
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(
                _(
                    "Still to find in {where}: {kinds}. The answers are hidden for now: read it "
                    "again."
                ).format(where=group.paragraph.name, kinds=group.kinds())
            )
        return None
