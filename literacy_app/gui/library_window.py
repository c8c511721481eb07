"""The lesson library: the start screen when no lesson is given.

Lists the bundled lessons, the learner's own lessons folder and any folders they added, with
the learner's status beside each, and narrows the list as they type. Choosing a lesson only
emits `lesson_chosen(folder)`: opening it (and restoring the marks in progress) is the caller's,
as is reading the progress file (`status_of`) and remembering the added folders
(`folders_changed`). The list is read from each lesson's metadata alone (see
`formats.lesson_library`), so a lesson that cannot be read is listed greyed with the reason.

Keyboard first: the search field has the focus on open (Ctrl+F returns to it, Esc clears it),
Down or Enter moves into the list, and Enter there opens the selected lesson.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from literacy_app.core.errors import FormatError
from literacy_app.core.library import (
    ADDED,
    BUNDLED,
    IN_PROGRESS,
    MINE,
    LessonEntry,
    LessonStatus,
)
from literacy_app.formats.lesson_library import category_names, scan
from literacy_app.gui.language import language_menu
from literacy_app.gui.lazy import dialogs  # imported at first use, after the first frame
from literacy_app.gui.library_model import (
    CATEGORIES,
    LEVEL,
    LEVELS,
    MINUTES,
    SOURCE,
    STATUS,
    TITLE,
    LibraryFilter,
    LibraryModel,
    level_text,
    minutes_text,
)
from literacy_app.gui.rich_text import escaped
from literacy_app.i18n import N_, _, language_name, ngettext

if TYPE_CHECKING:  # importing is for the Import action, after the library is on screen
    from literacy_app.authoring.lesson_import import LessonExistsError

PACKAGE_FILTER = N_("Lesson packages (*.zip lesson.md);;All files (*)")
DETAILS_WIDTH = (260, 380)  # the details pane: room for a title in two or three lines
# The columns whose text is long share what the short ones leave: (column, share, minimum).
SHARED_WIDTH = {TITLE: (0.52, 140), SOURCE: (0.26, 90), CATEGORIES: (0.22, 90)}


def ask_replace(parent: QWidget | None, err: LessonExistsError) -> bool:
    """The imported lesson's id is taken in the learner's lessons: replace that copy, or keep
    it (the default, and Esc): the copy there may hold the learner's own edits."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Replace the lesson?"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        _("Your lessons already hold a lesson with the id “{lesson_id}”.").format(
            lesson_id=err.lesson_id
        )
    )
    box.setInformativeText(
        _("{existing}\n\nReplace it with the one being imported?").format(existing=err.existing)
    )
    keep = box.addButton(_("Keep the one I have"), QMessageBox.ButtonRole.RejectRole)
    replace = box.addButton(_("&Replace it"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is replace


class LibraryWindow(QMainWindow):
    """The library. `sources` are (folder, origin) pairs (origins as in core.library);
    `lessons_home` is the learner's own lessons folder, where imports go (listed even when
    `sources` leaves it out)."""

    lesson_chosen = Signal(Path)
    folders_changed = Signal(list)  # the added folders (list[Path]), for the caller to keep

    def __init__(
        self,
        sources: Sequence[tuple[Path, str]],
        status_of: Callable[[str], LessonStatus],
        lessons_home: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("library_window")
        self.setWindowTitle(_("Lesson library — Media Literacy Lab"))
        self.lessons_home = lessons_home
        self._sources = list(sources)
        if not any(folder == lessons_home for folder, _origin in self._sources):
            self._sources.append((lessons_home, MINE))
        self._focused_once = False
        self._viewport: QWidget | None = None

        self.model = LibraryModel(status_of)
        self.proxy = LibraryFilter()
        self.proxy.setSourceModel(self.model)
        self._build_filters()
        self._build_table()
        self._build_details()
        self._build_actions()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.stack)
        splitter.addWidget(self.details_scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(8, 8, 8, 8)
        column.addWidget(self.filter_bar)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.setMinimumSize(640, 420)
        self.resize(1200, 760)
        self.setTabOrder(self.search, self.level_box)
        self.setTabOrder(self.level_box, self.category_box)
        self.setTabOrder(self.category_box, self.table)
        self.setTabOrder(self.table, self.start_button)
        self.refresh()
        self._select_where_to_go_on()

    # --- building ---------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("library_search")
        self.search.setAccessibleName(_("Search lessons"))
        self.search.setPlaceholderText(_("Search titles, sources, categories…  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filters_changed)
        self.search.returnPressed.connect(self._into_list)
        self.search.installEventFilter(self)
        self.level_box = QComboBox()
        self.level_box.setObjectName("library_level")
        self.level_box.setAccessibleName(_("Level"))
        self.level_box.addItem(_("All levels"), "")
        for level in LEVELS:
            self.level_box.addItem(level_text(level), level)
        self.level_box.currentIndexChanged.connect(self._filters_changed)
        self.category_box = QComboBox()
        self.category_box.setObjectName("library_category")
        self.category_box.setAccessibleName(_("Category"))
        self.category_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category_box.setMinimumContentsLength(14)
        self.category_box.currentIndexChanged.connect(self._filters_changed)
        self.count_label = QLabel()
        self.count_label.setObjectName("library_count")
        self.filter_bar = QWidget()
        row = QHBoxLayout(self.filter_bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 3)
        row.addWidget(self.level_box)
        row.addWidget(self.category_box, 1)
        row.addWidget(self.count_label)

    def _build_table(self) -> None:
        table = QTableView()
        table.setObjectName("library_table")
        table.setAccessibleName(_("Lessons"))
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the suggested order first
        table.setSortingEnabled(True)
        header.setResizeContentsPrecision(40)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(48)
        for column in (LEVEL, MINUTES, STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in SHARED_WIDTH:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)  # its resizes share the width out again
        table.activated.connect(self._open_index)  # Enter, or a double click
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        table.setMinimumWidth(360)
        self.table = table
        self.empty_label = QLabel()
        self.empty_label.setObjectName("library_empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.stack = QStackedWidget()
        self.stack.addWidget(table)
        self.stack.addWidget(self.empty_label)

    def _build_details(self) -> None:
        pane = QWidget()
        pane.setObjectName("library_details")
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(12, 4, 8, 8)
        layout.setSpacing(8)

        def label(name: str, selectable: bool = False) -> QLabel:
            made = QLabel()
            made.setObjectName(name)
            made.setWordWrap(True)
            made.setTextFormat(Qt.TextFormat.RichText)
            made.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            if selectable:
                made.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(made)
            return made

        self.title_label = label("details_title")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.source_label = label("details_source")
        self.facts_label = label("details_facts")
        self.status_label = label("details_status")
        self.categories_label = label("details_categories")
        self.note_label = label("details_note", selectable=True)
        self.origin_label = label("details_origin", selectable=True)
        layout.addStretch(1)
        self.start_button = QPushButton(_("Start"))
        self.start_button.setObjectName("library_start")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.open_current)
        layout.addWidget(self.start_button)
        scroll = QScrollArea()
        scroll.setWidget(pane)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(DETAILS_WIDTH[0])
        scroll.setMaximumWidth(DETAILS_WIDTH[1])
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.details_scroll = scroll

    def _build_actions(self) -> None:
        self.import_action = QAction(_("&Import lesson package…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setToolTip(
            _("Add a lesson shared as a .zip, or a lesson folder (choose its lesson.md)")
        )
        self.import_action.triggered.connect(self.import_lesson)
        self.add_folder_action = QAction(_("&Add lessons folder…"), self)
        self.add_folder_action.setToolTip(_("List the lessons in one more folder"))
        self.add_folder_action.triggered.connect(self.add_folder)
        self.remove_menu = QMenu(_("&Remove folder"), self)
        self.remove_menu.aboutToShow.connect(self._fill_remove_menu)
        self.refresh_action = QAction(_("Re&fresh"), self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(self.refresh)
        self.find_action = QAction(_("&Search"), self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.triggered.connect(self.focus_search)
        self.open_action = QAction(_("&Open lesson"), self)
        self.open_action.triggered.connect(self.open_current)

        menu = self.menuBar().addMenu(_("&Library"))
        menu.addAction(self.open_action)
        menu.addAction(self.find_action)
        menu.addSeparator()
        menu.addAction(self.import_action)
        menu.addAction(self.add_folder_action)
        menu.addMenu(self.remove_menu)
        menu.addSeparator()
        menu.addAction(self.refresh_action)
        menu.addSeparator()
        # The start screen is the first window a learner sees: the language is chosen here too.
        self.language_menu = language_menu(self)
        menu.addMenu(self.language_menu)
        self.library_menu = menu
        toolbar = self.addToolBar(_("Library"))
        toolbar.setObjectName("library_toolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.import_action)
        toolbar.addAction(self.add_folder_action)
        self._update_remove_menu()

    # --- what is listed ---------------------------------------------------------------------

    def added_folders(self) -> list[Path]:
        return [folder for folder, origin in self._sources if origin == ADDED]

    @Slot()
    def refresh(self) -> None:
        """Read the folders again (and the statuses: the caller's progress may have moved)."""
        keep = self.current_entry()
        self.model.set_entries(scan(self._sources))
        self._fill_categories()
        self._filters_changed()
        self._share_width()
        if keep is not None:
            self.select_folder(keep.folder)
        self._update_remove_menu()

    def _fill_categories(self) -> None:
        """Every category of the default taxonomy, then any other a lesson names."""
        chosen = self.category_box.currentData() or ""
        names = category_names()
        for entry in self.model.entries():
            for category, name in zip(entry.categories, entry.category_names, strict=False):
                names.setdefault(category, name)
        self.category_box.blockSignals(True)
        self.category_box.clear()
        self.category_box.addItem(_("All categories"), "")
        for category, name in names.items():
            self.category_box.addItem(name, category)
        found = self.category_box.findData(chosen)
        self.category_box.setCurrentIndex(max(0, found))
        self.category_box.blockSignals(False)

    @Slot()
    def _filters_changed(self) -> None:
        self.proxy.set_filters(
            self.search.text(),
            self.level_box.currentData() or "",
            self.category_box.currentData() or "",
        )
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            ngettext("{total} lesson", "{total} lessons", total).format(total=total)
            if shown == total
            else _("{shown} of {total}").format(shown=shown, total=total)
        )
        if shown:
            self.stack.setCurrentWidget(self.table)
            if not self.table.selectionModel().hasSelection():
                self._select_proxy_row(0)
        else:
            self.empty_label.setText(self._nothing_found())
            self.stack.setCurrentWidget(self.empty_label)
        self._show_details(self.current_entry())

    def _nothing_found(self) -> str:
        if not self.model.rowCount():
            return _(
                "No lessons found.\n\nImport a lesson package (Ctrl+I) or add a folder "
                "that holds lesson folders."
            )
        asked = []
        if self.search.text().strip():
            asked.append(_("“{search}”").format(search=self.search.text().strip()))
        if self.level_box.currentData():
            asked.append(_("at {level} level").format(level=self.level_box.currentText()))
        if self.category_box.currentData():
            asked.append(
                _("practising {category}").format(category=self.category_box.currentText())
            )
        return _(
            "No lessons match {filters}.\n\n"
            "Press Esc to clear the search (and again for All levels and All categories)."
        ).format(filters=" ".join(asked))

    # --- selection and details ----------------------------------------------------------------

    def current_entry(self) -> LessonEntry | None:
        index = self.table.currentIndex()
        if not index.isValid() or self.stack.currentWidget() is not self.table:
            return None
        return self.model.entry(self.proxy.mapToSource(index).row())

    def select_folder(self, folder: Path) -> bool:
        """Select the lesson in `folder` if it is shown; whether it was."""
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0)).row()
            if self.model.entry(source).folder == folder:
                self._select_proxy_row(row)
                return True
        return False

    def _select_proxy_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def _select_where_to_go_on(self) -> None:
        """On opening: the first lesson in progress, else the first not started (the next one
        in the suggested order), else the first."""
        rows = range(self.model.rowCount())
        usable = [r for r in rows if self.model.entry(r).usable]
        in_progress = [r for r in usable if self.model.status(r).state == IN_PROGRESS]
        # A handout has no key: its work is never checked, so it is never "the next one".
        fresh = [
            r for r in usable if not self.model.status(r).started and self.model.entry(r).has_key
        ]
        for row in (*in_progress[:1], *fresh[:1]):
            self.select_folder(self.model.entry(row).folder)
            return

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_details(self.current_entry())

    def _show_details(self, entry: LessonEntry | None) -> None:
        self.details_scroll.setVisible(entry is not None)
        if entry is None:
            self.start_button.setEnabled(False)
            self.open_action.setEnabled(False)
            return
        status = self.model.status(self.proxy.mapToSource(self.table.currentIndex()).row())
        self.title_label.setText(escaped(entry.title))
        self.source_label.setText(escaped(entry.source))
        self.source_label.setVisible(bool(entry.source))
        facts = [level_text(entry.difficulty), minutes_text(entry.minutes)]
        if entry.usable:  # the article's language, by its own name: "English", "Español"
            facts.append(language_name(entry.language))
        self.facts_label.setText(escaped(" · ".join(f for f in facts if f != "—")))
        self.status_label.setText(f"<b>{escaped(status.text())}</b>" if entry.usable else "")
        if entry.problem:
            categories = ""
        elif entry.category_names:
            items = "".join(f"<li>{escaped(name)}</li>" for name in entry.category_names)
            count = len(entry.category_names)
            practises = ngettext(
                "Practises {count} category:", "Practises {count} categories:", count
            ).format(count=count)
            categories = f"{escaped(practises)}<ul style='margin-left:-20px'>{items}</ul>"
        else:
            categories = escaped(_("Practises every category of its taxonomy."))
        self.categories_label.setText(categories)
        self.note_label.setText(escaped(self._note(entry)))
        for shown in (self.facts_label, self.status_label, self.categories_label, self.note_label):
            shown.setVisible(bool(shown.text()))
        self.origin_label.setText(f"<small>{escaped(self._origin(entry))}</small>")
        self.start_button.setText(_("Continue") if status.started else _("Start"))
        self.start_button.setEnabled(entry.usable)
        self.open_action.setEnabled(entry.usable)

    @staticmethod
    def _note(entry: LessonEntry) -> str:
        if entry.problem:
            return _("This lesson cannot be opened: {problem}").format(problem=entry.problem)
        notes = []
        if entry.duplicate_of is not None:
            notes.append(
                _(
                    "Another lesson has the same id ({folder}): "
                    "your progress on the two is recorded together."
                ).format(folder=entry.duplicate_of)
            )
        if not entry.has_key:
            notes.append(_("No answer key: your work can be saved and handed in, not checked."))
        return "\n".join(notes)

    def _origin(self, entry: LessonEntry) -> str:
        if entry.origin == BUNDLED:
            return _("Comes with the app.")
        if entry.origin == MINE:
            return _("In your lessons: {folder}").format(folder=entry.folder)
        return _("From {folder}").format(folder=entry.folder)

    # --- opening ------------------------------------------------------------------------------

    @Slot()
    def open_current(self) -> None:
        if self.table.currentIndex().isValid():
            self._open_index(self.table.currentIndex())

    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        entry = self.model.entry(self.proxy.mapToSource(index).row())
        if entry.problem:
            dialogs.error(self, _("This lesson cannot be opened"), entry.problem)
            return
        self.lesson_chosen.emit(entry.folder)

    # --- the keyboard -------------------------------------------------------------------------

    @Slot()
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot()
    def _into_list(self) -> None:
        if self.proxy.rowCount():
            if not self.table.currentIndex().isValid():
                self._select_proxy_row(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _share_width(self) -> None:
        """Title, source and categories share the width the level, time and progress columns
        leave, in fixed proportions: on a 1024-pixel screen no column is squeezed to nothing
        while another keeps what it had on a wide one."""
        header = self.table.horizontalHeader()
        fixed = sum(header.sectionSize(c) for c in range(header.count()) if c not in SHARED_WIDTH)
        room = self.table.viewport().width() - fixed
        for column, (share, least) in SHARED_WIDTH.items():
            header.resizeSection(column, max(least, int(room * share)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self._share_width()
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down:
                self._into_list()
                return True
            if event.key() == Qt.Key.Key_Escape:  # the search first, then the other filters
                filtered = self.level_box.currentIndex() or self.category_box.currentIndex()
                if self.search.text():
                    self.search.clear()
                    return True
                if filtered:
                    self.level_box.setCurrentIndex(0)
                    self.category_box.setCurrentIndex(0)
                    return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._focused_once:  # the first show only: a return to the window keeps focus
            self._focused_once = True
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- import and folders -------------------------------------------------------------------

    @Slot()
    def import_lesson(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Import a lesson package"), str(Path.home()), _(PACKAGE_FILTER)
        )
        if chosen:
            self.import_from(Path(chosen))

    def import_from(self, path: Path) -> Path | None:
        """Import `path` into the learner's lessons and select it; problems in a dialog."""
        from literacy_app.authoring.lesson_import import LessonExistsError, import_package

        title = _("The lesson could not be imported")
        try:
            try:
                folder = import_package(path, self.lessons_home)
            except LessonExistsError as err:
                if not ask_replace(self, err):
                    return None
                folder = import_package(path, self.lessons_home, replace=True)
        except FormatError as err:
            dialogs.problems(self, title, err.problems)
            return None
        except OSError as err:
            dialogs.error(self, title, f"{err.filename or path}: {err.strerror or err}")
            return None
        self.refresh()
        self.search.clear()
        self.level_box.setCurrentIndex(0)
        self.category_box.setCurrentIndex(0)
        self.select_folder(folder)
        entry = self.current_entry()
        shown = entry.title if entry is not None else folder.name
        self.statusBar().showMessage(
            _("Imported “{title}” into your lessons.").format(title=shown), 8000
        )
        return folder

    @Slot()
    def add_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, _("Add a folder of lessons"), str(Path.home())
        )
        if chosen:
            self.add_folder_path(Path(chosen))

    def add_folder_path(self, folder: Path) -> bool:
        """List the lessons of `folder` too; whether it was added (a folder with no lesson
        folders in it, or one already listed, is not)."""
        if any(folder == listed for listed, _origin in self._sources):
            listed = _("{folder} is listed already.").format(folder=folder)
            self.statusBar().showMessage(listed, 6000)
            return False
        if (folder / "lesson.md").exists():
            dialogs.error(
                self,
                _("Not a folder of lessons"),
                _(
                    "{folder} is a single lesson. Use Import lesson package to add it to your "
                    "lessons, or add the folder that holds it."
                ).format(folder=folder),
            )
            return False
        found = scan([(folder, ADDED)])
        if not found:
            dialogs.error(
                self,
                _("No lessons found"),
                _("{folder} holds no lesson folders (with a lesson.md).").format(folder=folder),
            )
            return False
        self._sources.append((folder, ADDED))
        self.folders_changed.emit(self.added_folders())
        self.refresh()
        added = ngettext(  # English keeps its "(s)"; other languages get their plural forms
            "Added {count} lesson(s) from {folder}.",
            "Added {count} lesson(s) from {folder}.",
            len(found),
        ).format(count=len(found), folder=folder)
        self.statusBar().showMessage(added, 8000)
        return True

    def remove_folder(self, folder: Path) -> None:
        self._sources = [(f, o) for f, o in self._sources if not (o == ADDED and f == folder)]
        self.folders_changed.emit(self.added_folders())
        self.refresh()
        self.statusBar().showMessage(
            _("{folder} is no longer listed (nothing was deleted).").format(folder=folder), 8000
        )

    def _update_remove_menu(self) -> None:
        self.remove_menu.setEnabled(bool(self.added_folders()))

    @Slot()
    def _fill_remove_menu(self) -> None:
        self.remove_menu.clear()
        for folder in self.added_folders():
            action = self.remove_menu.addAction(str(folder))
            action.triggered.connect(lambda _checked=False, f=folder: self.remove_folder(f))
