"""Table models for the class review: the gradebook and the per-item view."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt

from literacy_app.core.classstats import GradebookRow, ItemStat
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.gui.language import local_decimal
from literacy_app.gui.table_model import FlatTableModel, Index
from literacy_app.i18n import N_, _

Row = TypeVar("Row")
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class RowsTableModel(FlatTableModel, Generic[Row]):
    """Read-only rows with (header, display, sort value) columns; sorted by a proxy. Headers
    are marked with N_ and translated when shown."""

    def __init__(
        self, columns: Sequence[tuple[str, Callable[[Row], str], Callable[[Row], Any]]]
    ) -> None:
        super().__init__()
        self._columns = list(columns)
        self.COLUMNS = tuple(title for title, _display, _sort in self._columns)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_total(self) -> int:
        return len(self._rows)

    def row_at(self, row: int) -> Row:
        return self._rows[row]


    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        _header, display, sort_value = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(row)
        if role == SORT_ROLE:
            return sort_value(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _percent(value: float) -> str:
    return f"{100 * value:.0f}%"


def gradebook_model() -> RowsTableModel[GradebookRow]:
    columns: list[tuple[str, Callable[[GradebookRow], str], Callable[[GradebookRow], Any]]] = [
        (N_("Student"), lambda r: r.student or _("(no name)"), lambda r: r.student.casefold()),
        (N_("ID"), lambda r: r.student_id, lambda r: r.student_id),
        (N_("Score"), lambda r: local_decimal(f"{r.score:.1f}"), lambda r: r.score),
        (N_("Found"), lambda r: str(r.found), lambda r: r.found),
        (N_("Mislabeled"), lambda r: str(r.mislabeled), lambda r: r.mislabeled),
        (N_("Imprecise"), lambda r: str(r.imprecise), lambda r: r.imprecise),
        (N_("Missed"), lambda r: str(r.missed), lambda r: r.missed),
        (N_("Not in key"), lambda r: str(r.not_in_key), lambda r: r.not_in_key),
        # n/a for a blank submission, sorted below every real figure
        (
            N_("Precision"),
            lambda r: _("n/a") if r.precision is None else local_decimal(f"{r.precision:.2f}"),
            lambda r: -1.0 if r.precision is None else r.precision,
        ),
        (N_("Attempts"), lambda r: str(r.attempts), lambda r: r.attempts),
    ]
    return RowsTableModel(columns)


def item_model(taxonomy: Taxonomy) -> RowsTableModel[ItemStat]:
    def name(category: str | None) -> str:
        if not category:
            return ""
        found = taxonomy.get(category)
        return found.display_name if found else category

    columns: list[tuple[str, Callable[[ItemStat], str], Callable[[ItemStat], Any]]] = [
        (N_("Item"), lambda s: s.item_id, lambda s: s.item_id),
        (N_("Passage"), lambda s: " ".join(s.quote.split()), lambda s: s.quote.casefold()),
        (N_("Found"), lambda s: _percent(s.share_found), lambda s: s.share_found),
        (N_("Any credit"), lambda s: _percent(s.share_credited), lambda s: s.share_credited),
        (N_("Missed"), lambda s: _percent(s.share_missed), lambda s: s.share_missed),
        (
            N_("Category"),
            lambda s: (
                name(s.category)
                if s.required
                else _("{category} (bonus)").format(category=name(s.category))
            ),
            lambda s: s.category,
        ),
        (
            N_("Most common wrong category"),
            lambda s: f"{name(s.wrong_category)} ({s.wrong_count})" if s.wrong_category else "",
            lambda s: s.wrong_count,
        ),
    ]
    return RowsTableModel(columns)
