"""The library's table: one row per lesson found, with the learner's status beside it, and the
proxy that filters it as the learner types (the rule itself is `core.library.matches`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from literacy_app.core.library import LessonEntry, LessonStatus, level_name, matches
from literacy_app.gui.table_model import FlatTableModel, Index
from literacy_app.i18n import N_, _

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

TITLE, SOURCE, LEVEL, MINUTES, CATEGORIES, STATUS = range(6)
LEVELS = ("beginner", "intermediate", "advanced")


def level_text(difficulty: str) -> str:
    return level_name(difficulty) if difficulty else "—"


def minutes_text(minutes: int) -> str:
    return _("{minutes} min").format(minutes=minutes) if minutes else "—"


def categories_text(entry: LessonEntry) -> str:
    """Names, or "All categories" for a lesson that uses its whole taxonomy."""
    if entry.problem:
        return ""
    return ", ".join(entry.category_names) if entry.category_names else _("All categories")


class LibraryModel(FlatTableModel):
    """Lessons and their statuses, asked of `status_of` once per `set_entries` (a status is
    the caller's reading of the progress file, not something to redo at every paint)."""

    COLUMNS = (
        N_("Lesson"),
        N_("Source"),
        N_("Level"),
        N_("Time"),
        N_("Categories"),
        N_("Your progress"),
    )

    def __init__(self, status_of: Callable[[str], LessonStatus]) -> None:
        super().__init__()
        self._status_of = status_of
        self._entries: list[LessonEntry] = []
        self._statuses: list[LessonStatus] = []

    def set_entries(self, entries: Sequence[LessonEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._statuses = [
            self._status_of(e.id) if e.usable else LessonStatus() for e in self._entries
        ]
        self.endResetModel()

    def row_total(self) -> int:
        return len(self._entries)


    def entry(self, row: int) -> LessonEntry:
        return self._entries[row]

    def status(self, row: int) -> LessonStatus:
        return self._statuses[row]

    def entries(self) -> list[LessonEntry]:
        return list(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        row, column = index.row(), index.column()
        entry, status = self._entries[row], self._statuses[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, status, column)
        if role == SORT_ROLE:
            return self._sort_value(row, entry, status, column)
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == Qt.ItemDataRole.ForegroundRole and entry.problem:
            palette = QApplication.palette()
            return palette.brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, entry: LessonEntry, status: LessonStatus, column: int) -> str:
        if column == TITLE:  # one line: a title is the author's text, newlines and all
            return " ".join(entry.title.split())
        if column == SOURCE:
            return " ".join(entry.source.split()) if not entry.problem else _("Cannot be opened")
        if column == LEVEL:
            return level_text(entry.difficulty)
        if column == MINUTES:
            return minutes_text(entry.minutes)
        if column == CATEGORIES:
            return categories_text(entry)
        return status.text() if entry.usable else ""

    def _sort_value(self, row: int, entry: LessonEntry, status: LessonStatus, column: int) -> Any:
        """Level sorts by the suggested order (the scan's: level, then length, then title),
        which is the row; progress by best score, then attempts, untouched lessons last."""
        if column == TITLE:
            return entry.title.casefold()
        if column == SOURCE:
            return entry.source.casefold()
        if column == LEVEL:
            return row
        if column == MINUTES:
            return entry.minutes or 10_000
        if column == CATEGORIES:
            return len(entry.categories) or 1000
        best = -1.0 if status.best_score is None else status.best_score
        return best * 1000 + status.attempts + (0.5 if status.started else 0)

    @staticmethod
    def _tooltip(entry: LessonEntry, column: int) -> str | None:
        if entry.problem:
            return entry.problem
        if column == CATEGORIES:
            return "\n".join(entry.category_names) or _("Every category of the lesson's taxonomy")
        if column in (TITLE, SOURCE):
            return entry.title if column == TITLE else entry.source
        return None


class LibraryFilter(QSortFilterProxyModel):
    """Shows the rows that `matches` the search text, level and category."""

    def __init__(self) -> None:
        super().__init__()
        self._text = ""
        self._difficulty = ""
        self._category = ""
        self.setSortRole(SORT_ROLE)

    def set_filters(self, text: str, difficulty: str, category: str) -> None:
        if (text, difficulty, category) == (self._text, self._difficulty, self._category):
            return
        self.beginFilterChange()
        self._text, self._difficulty, self._category = text, difficulty, category
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self,
        source_row: int,
        source_parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        model = self.sourceModel()
        if not isinstance(model, LibraryModel) or not 0 <= source_row < model.row_total():
            return False
        return matches(model.entry(source_row), self._text, self._difficulty, self._category)
