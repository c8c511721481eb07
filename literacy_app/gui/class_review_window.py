"""The class review: how a whole class did on one lesson, and what to teach next.

A gradebook, the share of the class that found each key item, a heat map of what students
marked with the key outlined, the hot spots the key lacks (promotable to new items), and a
chance-corrected agreement figure. Double-click a student to open their work in review.

Files that do not count are listed with why: unreadable, written for another lesson, or an
earlier submission of a student who handed in again (the latest counts; `batch.sort_out`
decides, as for `grade` and `review`). Promoting a hot spot to a key item is an edit like any
other: undoable (Ctrl+Z, Ctrl+Shift+Z), written to the key only by Save (Ctrl+S), which raises
the key's revision so that grades made before can be told from grades made after.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence, QUndoStack
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
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from literacy_app.authoring.writing import lesson_files, write_lesson_files
from literacy_app.batch import Graded, Unreadable, sort_out
from literacy_app.core.classstats import (
    ClassReview,
    Segment,
    class_review,
    later_agreement,
    plain_words,
)
from literacy_app.core.errors import FormatError
from literacy_app.core.key_draft import AddItem, ItemDetails, KeyDraft
from literacy_app.core.lesson import Lesson
from literacy_app.core.marks import Mark, context_of, next_mark_id
from literacy_app.core.markset import MarkSet
from literacy_app.core.scoring import PreparedKey, grade
from literacy_app.core.workspace import Workspace, marks_fingerprint
from literacy_app.formats.atomic import atomic_write, file_digest
from literacy_app.formats.lesson_package import LESSON_FILE
from literacy_app.gui import dialogs
from literacy_app.gui.article_view import ArticleView, Outline
from literacy_app.gui.class_loading import load_class as load_class
from literacy_app.gui.class_models import SORT_ROLE, RowsTableModel, gradebook_model, item_model
from literacy_app.gui.language import local_decimal
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.undo import EditCommand
from literacy_app.i18n import _, ngettext
from literacy_app.reports.review import to_csv

SaveChoice = Literal["save", "discard", "cancel"]

HEAT = QColor("#e4572e")  # one warm hue; its strength is the share of the class

#: The widest a gradebook or item column is made (pixels), so the columns after it stay in view.
WIDEST_COLUMN = 320


def _table(
    model: RowsTableModel[Any], name: str, label: str
) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = QTableView()
    table.setObjectName(name)
    table.setAccessibleName(label)
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


def ask_save_key(parent: QWidget | None) -> SaveChoice:
    """Closing with promotions not saved: Save writes them to the key, Discard drops them."""
    answer = QMessageBox.question(
        parent,
        _("Unsaved key items"),
        _("Key items promoted in this review are not saved in the key. Save them first?"),
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


class ClassReviewWindow(QMainWindow):
    def __init__(self, lesson: Lesson, results: Sequence[Graded | Unreadable]) -> None:
        super().__init__()
        assert lesson.key is not None, "a class review needs the lesson's key"
        self.setObjectName("class_review_window")
        self.setWindowTitle(
            _("Class review — {title}[*] — Media Literacy Lab").format(title=lesson.title)
        )
        self.lesson = lesson
        batch = sort_out(lesson, results)
        self.graded = batch.graded
        self.unreadable = batch.rejected
        self.set_aside = batch.set_aside
        self.student_windows: list[MainWindow] = []
        # The key being extended: promotions are edits of this draft, saved by Save.
        self.draft = KeyDraft.from_key(lesson.key, lesson.id, lesson.article.sha256)
        self.saved_revision = lesson.key.revision
        self._key_digest = self._read_key_digest()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._key_changed)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

        self.summary = QLabel()
        self.summary.setObjectName("class_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.gradebook = gradebook_model()
        self.gradebook_table, self.gradebook_proxy = _table(
            self.gradebook, "gradebook", _("Gradebook")
        )
        # activated: a double-click, or Enter for keyboard users
        self.gradebook_table.activated.connect(self.open_student)
        self.items = item_model(lesson.taxonomy)
        self.items_table, self.items_proxy = _table(
            self.items, "item_view", _("Item view")
        )
        self.items_table.activated.connect(self._on_item_activated)
        self.hot_list = QListWidget()
        self.hot_list.setObjectName("hot_spots")
        self.hot_list.setAccessibleName(_("Passages many students marked that the key lacks"))
        self.hot_list.currentRowChanged.connect(self._on_hot_spot)
        self.promote_button = QPushButton(_("&Promote to key item…"))
        self.promote_button.clicked.connect(self.promote_current)
        self.save_button = QPushButton(_("&Save key"))
        self.save_button.setToolTip(_("Write the promoted items to the key (Ctrl+S)"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_key)
        hot_page = QWidget()
        hot_layout = QVBoxLayout(hot_page)
        hot_layout.addWidget(
            QLabel(
                _(
                    "Passages at least 30% of the class marked, which no key "
                    "item covers. Promote one to add it to the key."
                )
            )
        )
        hot_layout.addWidget(self.hot_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.promote_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        hot_layout.addLayout(buttons)
        self.export_button = QPushButton(_("&Export gradebook CSV…"))
        self.export_button.setToolTip(_("A CSV file that learning-management systems import"))
        self.export_button.clicked.connect(self.export_gradebook)
        self.unreadable_list = QListWidget()
        self.unreadable_list.setObjectName("unreadable")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.gradebook_table, _("&Gradebook"))
        self.tabs.addTab(self.items_table, _("&Items"))
        self.tabs.addTab(hot_page, _("&Hot spots"))
        self.unreadable_list.setAccessibleName(
            _("Files left out (unreadable or for another lesson) and earlier submissions set aside")
        )
        self.tabs.addTab(self.unreadable_list, _("&Left out"))

        self.article = ArticleView(
            lesson.article.text, MarkSet(), lesson.taxonomy, headline=lesson.article.title
        )
        self.article.setAccessibleName(_("Heat map of the class's marks"))
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
        self._build_menus()
        self.refresh()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self.save_action = QAction(_("&Save key"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setEnabled(False)
        self.save_action.triggered.connect(self.save_key)
        file_menu.addAction(self.save_action)
        export = QAction(_("&Export gradebook CSV…"), self)
        export.triggered.connect(lambda: self.export_gradebook())
        file_menu.addAction(export)
        excel = QAction(_("Export gradebook for E&xcel…"), self)
        excel.setToolTip(_("The same CSV with a byte-order mark, so Excel reads accents right"))
        excel.triggered.connect(lambda: self.export_gradebook(bom=True))
        file_menu.addAction(excel)
        report = QAction(_("Save class &report…"), self)
        report.setShortcut(QKeySequence.StandardKey.Print)
        report.setToolTip(_("The printable class report (PDF, or HTML for a browser)"))
        report.triggered.connect(lambda: self.save_class_report())
        file_menu.addAction(report)
        file_menu.addSeparator()
        close = QAction(_("&Close"), self)
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        file_menu.addAction(close)
        edit_menu = self.menuBar().addMenu(_("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_stack.createRedoAction(self, _("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

    def refresh(self) -> None:
        key = self.lesson.key
        assert key is not None
        graded = [(str(g.file), g.submission, g.result) for g in self.graded]
        # The agreement, the slowest figure (over a second for a district's class), follows
        # the first frame: the gradebook, the items and the heat map are shown at once.
        self.review: ClassReview = class_review(
            key, len(self.lesson.article.text), graded, agreement_later=True
        )
        QTimer.singleShot(0, self._compute_agreement)
        self.gradebook.set_rows(self.review.gradebook)
        self.items.set_rows(self.review.items)
        self.gradebook_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        for table in (self.gradebook_table, self.items_table):
            table.resizeColumnsToContents()
            # A long passage (or name) elides rather than pushing the figures beside it out
            # of sight; its full text is a column drag away.
            for column in range(table.model().columnCount() - 1):
                if table.columnWidth(column) > WIDEST_COLUMN:
                    table.setColumnWidth(column, WIDEST_COLUMN)
        self.hot_list.clear()
        text = self.lesson.article.text
        for spot in self.review.hot_spots:
            entry = QListWidgetItem(
                ngettext(
                    "“{passage}” — {count} of {total} students",  # as English always said
                    "“{passage}” — {count} of {total} students",
                    len(graded),
                ).format(
                    passage=" ".join(text[spot.start : spot.end].split()),
                    count=spot.count,
                    total=len(graded),
                )
            )
            entry.setData(Qt.ItemDataRole.UserRole, spot)
            self.hot_list.addItem(entry)
        self.promote_button.setEnabled(bool(self.review.hot_spots))
        self.unreadable_list.clear()
        for bad in self.unreadable:
            for problem in bad.problems:
                self.unreadable_list.addItem(str(problem))
        for aside in self.set_aside:
            self.unreadable_list.addItem(str(aside.problem))
        self._show_summary(len(graded))
        self._paint_heat(len(graded))

    def _compute_agreement(self) -> None:
        if not self.review.agreement.pending:
            return
        key = self.lesson.key
        assert key is not None
        agreed = later_agreement(self.review, key, len(self.lesson.article.text))
        self.review = replace(self.review, agreement=agreed)
        self._show_summary(len(self.review.files))

    def _show_summary(self, students: int) -> None:
        scores = [row.score for row in self.review.gradebook]
        mean = sum(scores) / len(scores) if scores else 0.0
        agreement = self.review.agreement
        among = agreement.among_students
        with_key = agreement.with_key
        figure = (
            _("agreement: computing…")
            if agreement.pending
            else _("agreement among students α = {alpha}").format(
                alpha=local_decimal(f"{among:.2f}")
            )
            if among is not None
            else _("agreement: not enough marks")
        )
        if with_key is not None:
            figure += _(", with the key α = {alpha}").format(alpha=local_decimal(f"{with_key:.2f}"))
        # English keeps its "(s)": the singular and plural msgids are the same on purpose.
        text = ngettext(
            "<b>{count} student(s)</b> · mean score {mean}% · {agreement}",
            "<b>{count} student(s)</b> · mean score {mean}% · {agreement}",
            students,
        ).format(count=students, mean=local_decimal(f"{mean:.1f}"), agreement=figure)
        if self.unreadable:
            left_out = len(self.unreadable)
            words = ngettext("{count} left out", "{count} left out", left_out)
            text += f" · <span style='color:#c62828'>{words.format(count=left_out)}</span>"
        if self.set_aside:
            aside = len(self.set_aside)
            text += " · " + ngettext(
                "{count} earlier submission(s) set aside (latest counts)",
                "{count} earlier submission(s) set aside (latest counts)",
                aside,
            ).format(count=aside)
        self.summary.setText(text)
        self.summary.setToolTip(
            _(
                "Krippendorff's alpha compares how students marked each character of the article "
                "(which category, or none) and corrects for agreement by chance."
            )
            + "\n\n"
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

    def export_gradebook(self, path: Path | None = None, bom: bool = False) -> Path | None:
        """The gradebook as CSV, the same file `literacy-app review --format csv` writes
        (with `bom`, as `--excel` writes it)."""
        if path is None:
            name, _filter = QFileDialog.getSaveFileName(
                self, _("Export the gradebook"), f"{self.lesson.id}-gradebook.csv", "CSV (*.csv)"
            )
            if not name:
                return None
            path = Path(name)
        try:
            atomic_write(path, to_csv(self.lesson, self.review, "gradebook", bom=bom))
        except OSError as err:
            dialogs.error(self, _("Could not export the gradebook"), f"{path}: {err.strerror}")
            return None
        return path

    def save_class_report(self, path: Path | None = None) -> Path | None:
        """The class report `literacy-app review --format pdf|html` writes, from what this
        window shows (promotions included once saved): PDF, or HTML by the file's ending."""
        from literacy_app.batch import Batch
        from literacy_app.reports.class_report import class_report_html

        if path is None:
            web = _("Web page (*.html)")
            name, chosen = QFileDialog.getSaveFileName(
                self,
                _("Save the class report"),
                f"{self.lesson.id}-class-report.pdf",
                f"PDF (*.pdf);;{web}",
            )
            if not name:
                return None
            path = Path(name)
            if not path.suffix and chosen == web:
                path = path.with_suffix(".html")
        if self.review.agreement.pending:
            self._compute_agreement()  # the report states it: worked out now, not skipped
        batch = Batch(list(self.graded), list(self.unreadable), list(self.set_aside))
        page = class_report_html(self.lesson, self.review, batch)
        try:
            if path.suffix.lower() in (".html", ".htm"):
                atomic_write(path, page)
            else:
                from literacy_app.gui.report_pdf import write_pdf

                write_pdf(page, path, _("Class report: {title}").format(title=self.lesson.title))
        except OSError as err:
            dialogs.error(self, _("Could not save the class report"), f"{path}: {err.strerror}")
            return None
        self.statusBar().showMessage(_("Class report saved to {path}").format(path=path), 8000)
        return path

    # --- interactions --------------------------------------------------------------------------
    @Slot(QModelIndex)
    def open_student(self, index: QModelIndex) -> MainWindow | None:
        """The student's own work, opened in the review view of the student window."""
        row = self.gradebook.row_at(self.gradebook_proxy.mapToSource(index).row())
        graded = next((g for g in self.graded if str(g.file) == row.file), None)
        if graded is None:
            return None
        submission = graded.submission
        workspace = Workspace.from_submission(self.lesson, submission, graded.file)
        # Reading a student's work is not an attempt of theirs: with these marks taken as the
        # last attempt's, check() grades them without counting one, so the review says the
        # attempts the submission records (and the file stays as the student left it).
        workspace.checked = marks_fingerprint(workspace.marks)
        window = MainWindow(workspace)
        window.records_progress = False  # the instructor's look is not the student's progress
        window.check()
        panel = window.results_panel
        if panel is not None and submission.attempts == 0:
            # The panel's words for attempt 0 (results_panel says "attempt {attempt}" alone).
            label = panel.score_label.text()
            attempt_zero = _("attempt {attempt}").format(attempt=0)
            panel.score_label.setText(
                label.replace(
                    f"<span>{attempt_zero}", "<span>" + _("never checked by the student")
                )
            )
        attempts = submission.attempts
        student = submission.student.display()
        window.statusBar().showMessage(
            ngettext(
                "{student}'s work as handed in: {count} attempt(s) recorded.",
                "{student}'s work as handed in: {count} attempt(s) recorded.",
                attempts,
            ).format(student=student, count=attempts)
            if attempts
            else _("{student}'s work as handed in: never checked.").format(student=student)
        )
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
            _("Rationale for the new key item"),
            _("What does this passage do to the reader, and what is missing?"),
        )
        if not ok or not rationale.strip():
            return False
        return self.promote(spot, category, rationale)

    def promote(self, spot: Segment, category: str, rationale: str) -> bool:
        """Add the passage to the key as a required item: an undoable edit, saved by Save."""
        text = self.lesson.article.text
        mark = Mark(
            next_mark_id(self.draft.marks.ids, stem="k"),
            spot.start,
            spot.end,
            category,
            **context_of(text, spot.start, spot.end),
        )
        self.undo_stack.push(EditCommand(self.draft, AddItem(mark, ItemDetails(rationale.strip()))))
        return True

    @Slot(int)
    def _key_changed(self, _index: int = 0) -> None:
        """A promotion made, undone or redone: grade the class against the key as it now is."""
        key = replace(self.draft.to_key(), revision=self.saved_revision)
        self.lesson = replace(self.lesson, key=key)
        prepared = PreparedKey(key, self.lesson.taxonomy, self.lesson.article.text)
        self.graded = [replace(g, result=grade(prepared, g.submission.marks)) for g in self.graded]
        self.refresh()

    @Slot(bool)
    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)
        self.save_action.setEnabled(not clean)
        self.save_button.setEnabled(not clean)

    def _key_path(self) -> Path | None:
        """The key file as the lesson names it (key.json, or a W3C file)."""
        try:
            names = [n for n in lesson_files(self.lesson, self.lesson.key) if n != LESSON_FILE]
        except (FormatError, OSError):
            return None
        return self.lesson.folder / names[0] if names else None

    def _read_key_digest(self) -> str | None:
        path = self._key_path()
        return file_digest(path) if path else None

    def save_key(self) -> bool:
        """Write the promoted items to the key file, atomically, one revision up. Only the key
        is written: lesson.md may be open in instructor mode, and is left alone."""
        if self.undo_stack.isClean():
            return True
        key = replace(self.draft.to_key(), revision=self.saved_revision + 1)
        lesson = replace(self.lesson, key=key)
        try:
            files = {n: t for n, t in lesson_files(lesson, key).items() if n != LESSON_FILE}
            path = self.lesson.folder / next(iter(files))
            if file_digest(path) != self._key_digest:
                answer = dialogs.ask_changed_on_disk(self, path, can_save_as=False)
                if answer != "overwrite":
                    return False
            write_lesson_files(self.lesson.folder, files)
        except FormatError as err:
            dialogs.problems(self, _("Could not save the key"), err.problems)
            return False
        except OSError as err:
            dialogs.error(
                self, _("Could not save the key"), f"{err.filename or ''}: {err.strerror}"
            )
            return False
        self.saved_revision = key.revision
        self.draft.revision = key.revision
        self.lesson = lesson
        self._key_digest = file_digest(path)
        self.undo_stack.setClean()
        self.statusBar().showMessage(
            _("Saved the key: revision {revision}.").format(revision=key.revision), 6000
        )
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.undo_stack.isClean():
            choice = ask_save_key(self)
            if choice == "cancel" or (choice == "save" and not self.save_key()):
                event.ignore()
                return
        event.accept()
