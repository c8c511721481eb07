"""The review's side panel: the score, counts per outcome, and one row per key item with the
instructor's rationale for the selected one.

Signals:
    item_selected(str): a key item chosen in the list (the window scrolls the article to it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from literacy_app.core.key import AnswerKey
from literacy_app.core.marks import Mark
from literacy_app.core.scoring import GradeResult, Outcome
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.gui.feedback import item_feedback_markdown
from literacy_app.gui.lesson_view import LessonBrowser
from literacy_app.gui.results_model import ResultsTableModel
from literacy_app.gui.review_style import OUTCOME_COLOR, OUTCOME_LABEL, OUTCOME_SYMBOL
from literacy_app.render import render_markdown

#: (column, panel width in pixels from which it is shown).
EXTRA_MARKS_TIP = (
    "Each passage earns credit once: a second mark on a passage you already marked costs as "
    "much as the passage is worth, and marks far from anything in the key cost once there are "
    "more of them than a quarter of the key's items."
)
WIDE_COLUMNS = ((ResultsTableModel.YOURS, 560), (ResultsTableModel.CATEGORY, 760))


class ResultsPanel(QWidget):
    item_selected = Signal(str)

    def __init__(
        self, key: AnswerKey, taxonomy: Taxonomy, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("results_panel")
        self._key = key
        self._taxonomy = taxonomy
        self._result: GradeResult | None = None
        self._marks: dict[str, Mark] = {}

        self.score_label = QLabel()
        self.score_label.setObjectName("score_label")
        self.score_label.setAccessibleName("Score")
        self.score_label.setTextFormat(Qt.TextFormat.RichText)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("counts_label")
        self.counts_label.setAccessibleName("Counts per outcome")
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.counts_label.setWordWrap(True)

        self.model = ResultsTableModel(key, taxonomy)
        self.table = QTableView()
        self.table.setObjectName("results_table")
        self.table.setAccessibleName("Results per key item")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for passage in (ResultsTableModel.EXPECTED, ResultsTableModel.YOURS):
            header.setSectionResizeMode(passage, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            ResultsTableModel.CATEGORY, QHeaderView.ResizeMode.ResizeToContents
        )
        self._fit_columns()
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        # Rationales come from the lesson package: shown like the lesson itself, images only
        # from its folder and links opened outside only when clicked.
        self.detail = LessonBrowser(folder)
        self.detail.setObjectName("rationale_view")
        self.detail.setAccessibleName("Feedback and rationale for the selected item")
        self.detail.setPlaceholderText("Select an item to read the instructor's explanation.")

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.score_label)
        layout.addWidget(self.counts_label)
        layout.addWidget(splitter, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The side panel is narrow by default: the table then names the outcome, the expected
        passage and the credit, and the feedback below (and each row's tooltip) adds the
        student's own mark and the expected category. A student who widens the panel, or has
        the screen for it, gets those as columns too, the student's quote beside the expected
        one first."""
        width = self.width()
        for column, needed in WIDE_COLUMNS:
            self.table.setColumnHidden(column, width < needed)

    def set_result(self, result: GradeResult, marks: list[Mark], attempt: int) -> None:
        self._result = result
        self._marks = {m.id: m for m in marks}
        self.model.set_result(result, marks)
        self.table.resizeColumnToContents(ResultsTableModel.RESULT)
        self.table.resizeColumnToContents(ResultsTableModel.CREDIT)
        bonus = (
            f" · bonus {result.bonus_earned:g} of {result.bonus_possible:g}"
            if result.bonus_possible
            else ""
        )
        self.score_label.setText(
            f"<span style='font-size:22pt; font-weight:600'>{result.score:.0f}%</span>"
            f"&nbsp;&nbsp;<span>attempt {attempt}{bonus}</span>"
        )
        parts = []
        for outcome in Outcome:
            color = OUTCOME_COLOR[outcome].name()
            words = f"{OUTCOME_SYMBOL[outcome]} {OUTCOME_LABEL[outcome]}:".replace(" ", "&nbsp;")
            parts.append(
                f"<span style='color:{color}'>{words}&nbsp;<b>{result.count(outcome)}</b></span>"
            )
        parts.append(f"Not&nbsp;in&nbsp;the&nbsp;key:&nbsp;<b>{result.not_in_key}</b>")
        if result.penalty:
            parts.append(f"Extra&nbsp;marks&nbsp;cost:&nbsp;<b>−{result.penalty:g}</b>")
        self.counts_label.setToolTip(EXTRA_MARKS_TIP if result.penalty else "")
        # Each count stays on one line with its symbol: lines break only between counts.
        self.counts_label.setText(" &nbsp; ".join(parts))
        self.detail.clear()

    def select_item(self, item_id: str) -> None:
        row = self.model.row_of(item_id)
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def selected_item(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item_result(rows[0].row()).item_id if rows else None

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes or self._result is None:
            return
        result = self.model.item_result(indexes[0].row())
        item = self._key.item(result.item_id)
        mark = self._marks.get(result.mark_id) if result.mark_id else None
        hedges = [
            (self._marks[m.mark_id], m.penalty)
            for m in self._result.marks
            if m.extra and m.near_item_id == result.item_id and m.mark_id in self._marks
        ]
        markdown = item_feedback_markdown(
            item, result, mark, self._taxonomy, self._key.scoring, hedges
        )
        self.detail.setHtml(render_markdown(markdown))
        self.item_selected.emit(result.item_id)
