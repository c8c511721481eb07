"""The review's side panel: the score, counts per outcome, and one row per key item with the
instructor's rationale for the selected one. While the answers are hidden, the missed items are
counted per paragraph instead ("still to find"), and a note says when they will be shown.

Signals:
    item_selected(str): a key item chosen in the list (the window scrolls the article to it).
    paragraph_selected(int, int): a "still to find" row chosen: the paragraph to read again.
    report_requested(): "Save feedback report…" pressed (the window asks where, and writes it).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from literacy_app.core.key import AnswerKey
from literacy_app.core.lesson import DEFAULT_REVEAL, Reveal
from literacy_app.core.marks import Mark
from literacy_app.core.scoring import GradeResult, ItemResult, Outcome
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.gui.feedback import (
    MissingGroup,
    hidden_answers_note,
    item_feedback_markdown,
    missing_group_markdown,
    stray_mark_text,
)
from literacy_app.gui.language import local_decimal
from literacy_app.gui.lesson_view import LessonBrowser
from literacy_app.gui.results_model import ResultsTableModel
from literacy_app.gui.review_style import OUTCOME_COLOR, OUTCOME_LABEL, OUTCOME_SYMBOL
from literacy_app.i18n import N_, _, ngettext
from literacy_app.render import render_markdown

#: (column, panel width in pixels from which it is shown).
EXTRA_MARKS_TIP = N_(
    "Each passage earns credit once: a second mark on a passage you already marked costs as "
    "much as the passage is worth, and marks far from anything in the key cost once there are "
    "more of them than a quarter of the key's items."
)
WIDE_COLUMNS = ((ResultsTableModel.YOURS, 560), (ResultsTableModel.CATEGORY, 760))


class ResultsPanel(QWidget):
    item_selected = Signal(str)
    paragraph_selected = Signal(int, int)
    report_requested = Signal()

    def __init__(
        self, key: AnswerKey, taxonomy: Taxonomy, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("results_panel")
        self._key = key
        self._taxonomy = taxonomy
        self._result: GradeResult | None = None
        self._marks: dict[str, Mark] = {}
        self._hidden: tuple[MissingGroup, ...] = ()
        self._reveal: Reveal = DEFAULT_REVEAL

        self.score_label = QLabel()
        self.score_label.setObjectName("score_label")
        self.score_label.setAccessibleName(_("Score"))
        self.score_label.setTextFormat(Qt.TextFormat.RichText)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("counts_label")
        self.counts_label.setAccessibleName(_("Counts per outcome"))
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.counts_label.setWordWrap(True)
        self.hidden_label = QLabel()
        self.hidden_label.setObjectName("hidden_answers_note")
        self.hidden_label.setAccessibleName(_("Answers not shown yet"))
        self.hidden_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hidden_label.setWordWrap(True)
        self.hidden_label.hide()

        self.model = ResultsTableModel(key, taxonomy)
        self.table = QTableView()
        self.table.setObjectName("results_table")
        self.table.setAccessibleName(_("Results per key item"))
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
        self.detail.setAccessibleName(_("Feedback and rationale for the selected item"))
        self.detail.setPlaceholderText(_("Select a row, or click one of your marks."))

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
        layout.addWidget(self.hidden_label)
        layout.addWidget(splitter, 1)
        # The report shows every key item with its rationale: offered only once nothing is
        # hidden (set_report_allowed), or it would give away what the review holds back.
        self.report_button = QPushButton(_("Save feedback report…"))
        self.report_button.setObjectName("save_report_button")
        self.report_button.setAccessibleName(_("Save feedback report"))
        self.report_button.clicked.connect(self.report_requested)
        layout.addWidget(self.report_button)
        self.set_report_allowed(False)

    def set_report_allowed(self, allowed: bool) -> None:
        self.report_button.setEnabled(allowed)
        self.report_button.setToolTip(
            _(
                "Save this check as a page to print or keep (HTML or PDF), with every key item "
                "and why it matters."
            )
            if allowed
            else _(
                "Available once the answers are shown (Lesson › Show answers): the report "
                "lists every passage in the key."
            )
        )

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
        self._fit_result_column()

    def _fit_result_column(self) -> None:
        """The outcome column as wide as its words, but never so wide that the expected passage
        (the column the student reads) is squeezed to a few letters on a narrow panel: its
        words are then elided, and each row's tooltip has them whole."""
        self.table.resizeColumnToContents(ResultsTableModel.RESULT)
        # The panel's width, not the table's: in the panel's resizeEvent the table has not been
        # laid out yet.
        limit = max(90, round(self.width() * 0.34))
        if self.table.columnWidth(ResultsTableModel.RESULT) > limit:
            self.table.setColumnWidth(ResultsTableModel.RESULT, limit)

    def set_result(
        self,
        result: GradeResult,
        marks: list[Mark],
        attempt: int,
        hidden: Sequence[MissingGroup] = (),
        reveal: Reveal = DEFAULT_REVEAL,
    ) -> None:
        """Show a check of `marks`. The missed items in `hidden` are shown only as counts per
        paragraph, and a note says how the student will see them (`reveal`). `deduction`: the
        score points the `hints` used cost (the lesson's hint_penalty); the score shown is
        after it, and says so."""
        self._result = result
        self._marks = {m.id: m for m in marks}
        self._hidden = tuple(hidden)
        self._reveal = reveal
        self.model.set_result(result, marks, self._hidden)
        self._fit_result_column()
        self.table.resizeColumnToContents(ResultsTableModel.CREDIT)
        bonus = (
            _(" · bonus {earned} of {possible}").format(
                earned=local_decimal(f"{result.bonus_earned:g}"),
                possible=local_decimal(f"{result.bonus_possible:g}"),
            )
            if result.bonus_possible
            else ""
        )
        score, hints, deduction = result.final_score, result.hints_used, result.hint_deduction
        hinted = ""
        if deduction:
            hinted = ngettext(
                " · {score}% less {deduction} for {count}&nbsp;hint",
                " · {score}% less {deduction} for {count}&nbsp;hints",
                hints,
            ).format(
                score=f"{result.score:.0f}", deduction=local_decimal(f"{deduction:g}"), count=hints
            )
        # "attempt {attempt}" stands alone: the class review replaces it for attempt 0.
        attempt_text = _("attempt {attempt}").format(attempt=attempt)
        self.score_label.setText(
            f"<span style='font-size:22pt; font-weight:600'>{score:.0f}%</span>"
            f"&nbsp;&nbsp;<span>{attempt_text}{bonus}{hinted}</span>"
        )
        parts = []
        for outcome in Outcome:
            color = OUTCOME_COLOR[outcome].name()
            label = _(OUTCOME_LABEL[outcome])
            words = f"{OUTCOME_SYMBOL[outcome]} {label}:".replace(" ", "&nbsp;")
            parts.append(
                f"<span style='color:{color}'>{words}&nbsp;<b>{result.count(outcome)}</b></span>"
            )
        not_in_key = _("Not in the key:").replace(" ", "&nbsp;")
        parts.append(f"{not_in_key}&nbsp;<b>{result.not_in_key}</b>")
        if result.penalty:
            extra = _("Extra marks cost:").replace(" ", "&nbsp;")
            parts.append(f"{extra}&nbsp;<b>−{local_decimal(f'{result.penalty:g}')}</b>")
        self.counts_label.setToolTip(_(EXTRA_MARKS_TIP) if result.penalty else "")
        # Each count stays on one line with its symbol: lines break only between counts.
        self.counts_label.setText(" &nbsp; ".join(parts))
        self.hidden_label.setText(hidden_answers_note(reveal, self.hidden_count))
        self.hidden_label.setVisible(bool(self.hidden_count))
        self.detail.clear()

    @property
    def hidden_count(self) -> int:
        """How many missed items the review counts without showing them."""
        return sum(group.count for group in self._hidden)

    def clear(self) -> None:
        """Forget the last check: the marks it described have changed."""
        self._result = None
        self._marks = {}
        self._hidden = ()
        self.model.set_result(None, [])
        self.score_label.clear()
        self.counts_label.clear()
        self.hidden_label.clear()
        self.hidden_label.hide()
        self.detail.clear()

    def select_item(self, item_id: str) -> None:
        row = self.model.row_of(item_id)
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def selected_item(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        found = self.model.item_result(rows[0].row()) if rows else None
        return found.item_id if found else None

    def show_mark(self, mark_id: str) -> str | None:
        """A mark clicked in the article while reviewing: the item it found, selected in the
        list, or, for a mark the key does not hold, what that means, in the detail area.
        Returns a line for the status bar, or None when the mark is not part of this check."""
        if self._result is None or mark_id not in self._marks:
            return None
        mark_result = next((m for m in self._result.marks if m.mark_id == mark_id), None)
        if mark_result is None:
            return None
        if mark_result.item_id is not None:
            self.select_item(mark_result.item_id)
            return None
        concealed = {item_id for group in self._hidden for item_id in group.item_ids}
        near = mark_result.near_item_id
        near_result = next((r for r in self._result.items if r.item_id == near), None)
        credited = (
            self._marks.get(near_result.mark_id) if near_result and near_result.mark_id else None
        )
        markdown, status = stray_mark_text(
            self._marks[mark_id],
            mark_result,
            self._taxonomy,
            self._result,
            self._key,
            credited,
            shown=near is not None and near not in concealed,
        )
        self.table.clearSelection()
        self.detail.setHtml(render_markdown(markdown))
        return status

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes or self._result is None:
            return
        found = self.model.row_at(indexes[0].row())
        if isinstance(found, MissingGroup):
            self.detail.setHtml(render_markdown(missing_group_markdown(found, self._reveal)))
            self.paragraph_selected.emit(found.paragraph.start, found.paragraph.end)
            return
        self._show_item(found)

    def _show_item(self, result: ItemResult) -> None:
        assert self._result is not None
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
