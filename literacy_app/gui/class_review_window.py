"""The class review: how a whole class did on one lesson, and what to teach next.

A gradebook, the share of the class that found each key item, a heat map of what students
marked with the key outlined, the hot spots the key lacks (promotable to new items), and a
chance-corrected agreement figure. Double-click a student to open their work in review.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from literacy_app.authoring.writing import save_lesson
from literacy_app.batch import Graded, Unreadable
from literacy_app.commands.review import to_csv
from literacy_app.core.classstats import ClassReview, Segment, class_review, plain_words
from literacy_app.core.errors import FormatError
from literacy_app.core.key_draft import AddItem, ItemDetails, KeyDraft
from literacy_app.core.lesson import Lesson
from literacy_app.core.marks import Mark, context_of, next_mark_id
from literacy_app.core.markset import MarkSet
from literacy_app.core.scoring import PreparedKey, grade
from literacy_app.core.workspace import Workspace
from literacy_app.formats.atomic import atomic_write
from literacy_app.gui import dialogs
from literacy_app.gui.article_view import ArticleView, Outline
from literacy_app.gui.class_models import SORT_ROLE, RowsTableModel, gradebook_model, item_model
from literacy_app.gui.main_window import MainWindow

HEAT = QColor("#e4572e")  # one warm hue; its strength is the share of the class


def _table(model: RowsTableModel[Any], name: str) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = QTableView()
    table.setObjectName(name)
    table.setAccessibleName(name.replace("_", " ").capitalize())
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    # Sizing columns from every row of a 500-student class costs seconds of Python data()
    # calls; sizing once from the first rows is what a reader needs.
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setResizeContentsPrecision(40)
    header.setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    return table, proxy


class ClassReviewWindow(QMainWindow):
    def __init__(self, lesson: Lesson, results: Sequence[Graded | Unreadable]) -> None:
        super().__init__()
        assert lesson.key is not None, "a class review needs the lesson's key"
        self.setObjectName("class_review_window")
        self.setWindowTitle(f"Class review — {lesson.title} — Media Literacy Lab")
        self.lesson = lesson
        self.graded = [r for r in results if isinstance(r, Graded)]
        self.unreadable = [r for r in results if isinstance(r, Unreadable)]
        self.student_windows: list[MainWindow] = []

        self.summary = QLabel()
        self.summary.setObjectName("class_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.gradebook = gradebook_model()
        self.gradebook_table, self.gradebook_proxy = _table(self.gradebook, "gradebook")
        # activated: a double-click, or Enter for keyboard users
        self.gradebook_table.activated.connect(self.open_student)
        self.items = item_model(lesson.taxonomy)
        self.items_table, self.items_proxy = _table(self.items, "item_view")
        self.items_table.activated.connect(self._on_item_activated)
        self.hot_list = QListWidget()
        self.hot_list.setObjectName("hot_spots")
        self.hot_list.setAccessibleName("Passages many students marked that the key lacks")
        self.hot_list.currentRowChanged.connect(self._on_hot_spot)
        self.promote_button = QPushButton("&Promote to key item…")
        self.promote_button.clicked.connect(self.promote_current)
        hot_page = QWidget()
        hot_layout = QVBoxLayout(hot_page)
        hot_layout.addWidget(
            QLabel(
                "Passages at least 30% of the class marked, which no key "
                "item covers. Promote one to add it to the key."
            )
        )
        hot_layout.addWidget(self.hot_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.promote_button)
        buttons.addStretch(1)
        hot_layout.addLayout(buttons)
        self.export_button = QPushButton("&Export gradebook CSV…")
        self.export_button.setToolTip("A CSV file that learning-management systems import")
        self.export_button.clicked.connect(self.export_gradebook)
        self.unreadable_list = QListWidget()
        self.unreadable_list.setObjectName("unreadable")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.gradebook_table, "&Gradebook")
        self.tabs.addTab(self.items_table, "&Items")
        self.tabs.addTab(hot_page, "&Hot spots")
        self.tabs.addTab(self.unreadable_list, "&Unreadable")

        self.article = ArticleView(
            lesson.article.text, MarkSet(), lesson.taxonomy, headline=lesson.article.title
        )
        self.article.setAccessibleName("Heat map of the class's marks")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.tabs, 1)
        export_row = QHBoxLayout()
        export_row.addStretch(1)
        export_row.addWidget(self.export_button)
        left_layout.addLayout(export_row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.article)
        splitter.setSizes([640, 760])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.resize(1400, 900)
        self.refresh()

    def refresh(self) -> None:
        key = self.lesson.key
        assert key is not None
        graded = [(str(g.file), g.submission, g.result) for g in self.graded]
        self.review: ClassReview = class_review(key, len(self.lesson.article.text), graded)
        self.gradebook.set_rows(self.review.gradebook)
        self.items.set_rows(self.review.items)
        self.gradebook_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        for table in (self.gradebook_table, self.items_table):
            table.resizeColumnsToContents()
        self.hot_list.clear()
        text = self.lesson.article.text
        for spot in self.review.hot_spots:
            entry = QListWidgetItem(
                f"“{' '.join(text[spot.start : spot.end].split())}” — "
                f"{spot.count} of {len(graded)} students"
            )
            entry.setData(Qt.ItemDataRole.UserRole, spot)
            self.hot_list.addItem(entry)
        self.promote_button.setEnabled(bool(self.review.hot_spots))
        self.unreadable_list.clear()
        for bad in self.unreadable:
            for problem in bad.problems:
                self.unreadable_list.addItem(str(problem))
        self._show_summary(len(graded))
        self._paint_heat(len(graded))

    def _show_summary(self, students: int) -> None:
        scores = [row.score for row in self.review.gradebook]
        mean = sum(scores) / len(scores) if scores else 0.0
        agreement = self.review.agreement
        among = agreement.among_students
        with_key = agreement.with_key
        figure = (
            f"agreement among students α = {among:.2f}"
            if among is not None
            else "agreement: not enough marks"
        )
        if with_key is not None:
            figure += f", with the key α = {with_key:.2f}"
        self.summary.setText(
            f"<b>{students} student(s)</b> · mean score {mean:.1f}% · {figure}"
            + (
                f" · <span style='color:#c62828'>{len(self.unreadable)} unreadable</span>"
                if self.unreadable
                else ""
            )
        )
        self.summary.setToolTip(
            "Krippendorff's alpha compares how students marked each character of the article "
            "(which category, or none) and corrects for agreement by chance.\n\n"
            + plain_words(among)
        )

    def _paint_heat(self, students: int) -> None:
        runs = []
        for segment in self.review.coverage:
            if segment.count <= 0 or students == 0:
                continue
            color = QColor(HEAT)
            color.setAlpha(int(25 + 200 * segment.count / students))
            runs.append((segment.start, segment.end, color))
        self.article.set_heat(runs)
        key = self.lesson.key
        assert key is not None
        outlines = [
            Outline(
                item.start,
                item.end,
                self.palette().text().color(),
                Qt.PenStyle.SolidLine if item.required else Qt.PenStyle.DashLine,
                1.5,
            )
            for item in key.items
        ]
        self.article.set_review(outlines, set())

    def export_gradebook(self, path: Path | None = None) -> Path | None:
        """The gradebook as CSV, the same file `literacy-app review --format csv` writes."""
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, "Export the gradebook", f"{self.lesson.id}-gradebook.csv", "CSV (*.csv)"
            )
            if not name:
                return None
            path = Path(name)
        try:
            atomic_write(path, to_csv(self.lesson, self.review, "gradebook"))
        except OSError as err:
            dialogs.error(self, "Could not export the gradebook", f"{path}: {err.strerror}")
            return None
        return path

    # --- interactions --------------------------------------------------------------------------
    @Slot(QModelIndex)
    def open_student(self, index: QModelIndex) -> MainWindow | None:
        """The student's own work, opened in the review view of the student window."""
        row = self.gradebook.row_at(self.gradebook_proxy.mapToSource(index).row())
        graded = next((g for g in self.graded if str(g.file) == row.file), None)
        if graded is None:
            return None
        workspace = Workspace.from_submission(self.lesson, graded.submission, graded.file)
        window = MainWindow(workspace)
        window.check()
        window.show()
        self.student_windows.append(window)
        return window

    @Slot(QModelIndex)
    def _on_item_activated(self, index: QModelIndex) -> None:
        stat = self.items.row_at(self.items_proxy.mapToSource(index).row())
        assert self.lesson.key is not None
        item = self.lesson.key.item(stat.item_id)
        self.article.scroll_to(item.start, item.end)
        self.article.flash(item.start, item.end)

    @Slot(int)
    def _on_hot_spot(self, row: int) -> None:
        spot = self.current_hot_spot()
        if spot is not None:
            self.article.scroll_to(spot.start, spot.end)
            self.article.flash(spot.start, spot.end)

    def current_hot_spot(self) -> Segment | None:
        entry = self.hot_list.currentItem()
        value = entry.data(Qt.ItemDataRole.UserRole) if entry else None
        return value if isinstance(value, Segment) else None

    def promote_current(self) -> bool:
        """Add the selected hot spot to the key, with a category and a rationale."""
        spot = self.current_hot_spot()
        if spot is None:
            return False
        from literacy_app.gui.quick_picker import QuickPicker

        category = QuickPicker.pick(self.lesson.taxonomy, self)
        if not category:
            return False
        rationale, ok = QInputDialog.getMultiLineText(
            self,
            "Rationale for the new key item",
            "What does this passage do to the reader, and what is missing?",
        )
        if not ok or not rationale.strip():
            return False
        return self.promote(spot, category, rationale)

    def promote(self, spot: Segment, category: str, rationale: str) -> bool:
        key = self.lesson.key
        assert key is not None
        draft = KeyDraft.from_key(key, self.lesson.id, self.lesson.article.sha256)
        text = self.lesson.article.text
        mark = Mark(
            next_mark_id(draft.marks.ids, stem="k"),
            spot.start,
            spot.end,
            category,
            **context_of(text, spot.start, spot.end),
        )
        draft.apply(AddItem(mark, ItemDetails(rationale.strip())))
        new_key = draft.to_key()
        try:
            save_lesson(self.lesson, new_key)
        except FormatError as err:
            dialogs.problems(self, "Could not save the key", err.problems)
            return False
        except OSError as err:
            dialogs.error(self, "Could not save the key", str(err))
            return False
        self.lesson = replace(self.lesson, key=new_key)
        prepared = PreparedKey(new_key, self.lesson.taxonomy, text)
        self.graded = [replace(g, result=grade(prepared, g.submission.marks)) for g in self.graded]
        self.refresh()
        return True
