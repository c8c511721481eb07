"""The learner's progress: every lesson tried, the attempts at the one selected, and the
categories they find and miss across all lessons.

Read-only, and given its Progress rather than reading the file: the window that records the
attempts owns the file, and refreshes this view with `set_progress` after each one.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from literacy_app.core.progress import Attempt, LessonRecord, LessonState, Progress
from literacy_app.gui.category_chart import CategoryChart
from literacy_app.gui.language import local_decimal
from literacy_app.gui.table_model import FlatTableModel, Index
from literacy_app.i18n import N_, _

EMPTY_TEXT = N_(
    "Nothing here yet. Open a lesson, mark what persuades you, and check your work: "
    "each check is kept here, with your score, the time it took and the hints you used, "
    "and the chart shows which techniques you spot and which you tend to miss."
)
NO_LESSON_TEXT = N_("Select a lesson above to see each of its attempts.")
# A lesson's state as the table shows it (the values are the progress file's, in English).
STATE_NAMES = {
    LessonState.NOT_STARTED: N_("Not started"),
    LessonState.IN_PROGRESS: N_("In progress"),
    LessonState.ATTEMPTED: N_("Attempted"),
}
NONE = "—"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def hours_minutes(seconds: int) -> str:
    """A lesson's total time as h:mm (seconds would be noise over weeks of practice)."""
    minutes = (seconds + 30) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def minutes_seconds(seconds: int) -> str:
    """One attempt's time as m:ss, or h:mm:ss past an hour."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def local_time(iso: str) -> str:
    """When an attempt finished, in the learner's own time zone."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def score_text(score: float | None) -> str:
    return NONE if score is None else local_decimal(f"{score:.1f}")


def _recent_first(record: LessonRecord) -> tuple[int, str, str]:
    latest = record.attempts[-1].finished if record.attempts else ""
    return (0 if record.attempts else 1, _negated(latest), record.title.casefold())


def _negated(text: str) -> str:
    """A sort key that puts later ISO dates first."""
    return "".join(chr(0x10FFFF - ord(ch)) for ch in text)


class LessonsModel(FlatTableModel):
    COLUMNS = (
        N_("Lesson"),
        N_("State"),
        N_("Attempts"),
        N_("Best"),
        N_("Last"),
        N_("Time (h:mm)"),
        N_("Hints"),
        N_("Answers shown"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records: list[LessonRecord] = []

    def set_records(self, records: list[LessonRecord]) -> None:
        self.beginResetModel()
        self.records = sorted(records, key=_recent_first)
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.records)

    def cells(self, record: LessonRecord) -> tuple[str, ...]:
        revealed = record.answers_revealed_at
        return (
            record.title or record.lesson,
            _(STATE_NAMES[record.status]),
            str(len(record.attempts)),
            score_text(record.best_score),
            score_text(record.last_score),
            hours_minutes(record.seconds),
            str(record.hints),
            NONE if revealed is None else _("after check {number}").format(number=revealed),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.records):
            return None
        record = self.records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(record)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return f"{record.title} ({record.lesson})"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return _("The best score earned before the answers were shown.")
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= index.column() <= 6:
            return int(RIGHT)
        return None


class AttemptsModel(FlatTableModel):
    COLUMNS = (
        "#",
        N_("Finished"),
        N_("Score"),
        N_("Raw score"),
        N_("Time"),
        N_("Hints"),
        N_("Answers seen"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attempts: tuple[Attempt, ...] = ()

    def set_attempts(self, attempts: tuple[Attempt, ...]) -> None:
        self.beginResetModel()
        self.attempts = attempts
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.attempts)

    def cells(self, attempt: Attempt) -> tuple[str, ...]:
        return (
            str(attempt.number),
            local_time(attempt.finished),
            score_text(attempt.score),
            score_text(attempt.raw_score),
            minutes_seconds(attempt.seconds),
            str(attempt.hints),
            _("yes") if attempt.answers_revealed else _("no"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.attempts):
            return None
        attempt = self.attempts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(attempt)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 6 and attempt.answers_revealed:
            return _("The answers had been shown before this check.")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != 1:
            return int(RIGHT)
        return None


def _table(model: FlatTableModel, name: str, stretch: int) -> QTableView:
    """A read-only table; column `stretch` takes the width the others leave."""
    view = QTableView()
    view.setModel(model)
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


class ProgressWindow(QWidget):
    """A top-level window: the lessons table over the selected lesson's attempts, and the
    strengths-and-weak-spots chart beside them (a laptop screen is wider than it is tall,
    and the chart needs height)."""

    def __init__(
        self, progress: Progress, names: Mapping[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(_("Your progress — Media Literacy Lab"))
        self.progress = progress
        self.lessons_model = LessonsModel(self)
        self.attempts_model = AttemptsModel(self)
        self.lessons = _table(self.lessons_model, "lessons", 0)
        self.attempts = _table(self.attempts_model, "attempts", 1)
        self.attempts.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.attempts_heading = _heading(_("Attempts"))
        self.attempts_note = QLabel(_(NO_LESSON_TEXT))
        self.attempts_note.setWordWrap(True)
        self.chart = CategoryChart(names)
        self.empty = QLabel(_(EMPTY_TEXT))
        self.empty.setObjectName("empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(40)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self._content())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.lessons.selectionModel().selectionChanged.connect(self._lesson_selected)
        self.resize(1200, 700)
        self.set_progress(progress)

    def _content(self) -> QWidget:
        tables = QWidget()
        left = QVBoxLayout(tables)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(_heading(_("Lessons")))
        left.addWidget(self.lessons, 2)
        left.addWidget(self.attempts_heading)
        left.addWidget(self.attempts_note)
        left.addWidget(self.attempts, 3)

        chart_side = QWidget()
        right = QVBoxLayout(chart_side)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(_heading(_("Strengths and weak spots")))
        explain = QLabel(
            _(
                "Every key item of every check, by category, weak spots first; the thin bar "
                "is your drill answers. Hover a row for the details."
            )
        )
        explain.setWordWrap(True)
        right.addWidget(explain)
        scroll = QScrollArea()
        scroll.setObjectName("chart-scroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        right.addWidget(scroll, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(tables)
        splitter.addWidget(chart_side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([620, 620])
        return splitter

    @property
    def showing_empty(self) -> bool:
        return self.pages.currentWidget() is self.empty

    def set_progress(self, progress: Progress) -> None:
        """Refresh everything, keeping the selected lesson selected."""
        chosen = self.selected_lesson()
        self.progress = progress
        self.lessons_model.set_records(list(progress.lessons.values()))
        self.chart.set_progress(progress)
        self.pages.setCurrentIndex(0 if progress.empty else 1)
        ids = [record.lesson for record in self.lessons_model.records]
        if chosen in ids:
            self.lessons.selectRow(ids.index(chosen))
        else:
            self._show_attempts(None)

    def selected_lesson(self) -> str | None:
        rows = self.lessons.selectionModel().selectedRows() if self.lessons.model() else []
        if not rows or rows[0].row() >= len(self.lessons_model.records):
            return None
        return self.lessons_model.records[rows[0].row()].lesson

    def _lesson_selected(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        lesson = self.selected_lesson()
        self._show_attempts(self.progress.record(lesson) if lesson else None)

    def _show_attempts(self, record: LessonRecord | None) -> None:
        if record is None:
            self.attempts_heading.setText(_("Attempts"))
            self.attempts_note.setText(_(NO_LESSON_TEXT))
            self.attempts_note.setVisible(True)
            self.attempts_model.set_attempts(())
            return
        self.attempts_heading.setText(
            _("Attempts at “{lesson}”").format(lesson=record.title or record.lesson)
        )
        if record.attempts:
            shown = record.answers_revealed_at
            note = (
                _("Answers shown after check {number}.").format(number=shown)
                if shown is not None
                else ""
            )
        else:
            note = _(
                "Not checked yet: your marks are kept, check your work to record an attempt."
            )
        self.attempts_note.setText(note)
        self.attempts_note.setVisible(bool(note))
        self.attempts_model.set_attempts(record.attempts)

    def lesson_index(self, lesson: str) -> QModelIndex:
        """The lessons table's first cell of `lesson` (for tests and for the lead's menus)."""
        ids = [record.lesson for record in self.lessons_model.records]
        return self.lessons_model.index(ids.index(lesson), 0)
