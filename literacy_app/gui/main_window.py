"""The student workspace window: lesson, article and marks side by side.

The window composes the views, owns the undo stack and turns user intents (a category chosen, a
note typed, Delete pressed) into undoable core edits. All state lives in the `Workspace`.

Signals:
    workspace_changed(): a different lesson or submission was loaded into the window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from literacy_app import __version__
from literacy_app.core.errors import FormatError
from literacy_app.core.marks import Mark
from literacy_app.core.submission import Student
from literacy_app.core.workspace import Workspace
from literacy_app.gui import lesson_view as lesson_view_module
from literacy_app.gui.action_ids import MENUS, ActionId
from literacy_app.gui.article_view import ArticleView, Outline
from literacy_app.gui.lazy import dialogs  # imported at first use, after the first frame
from literacy_app.gui.lesson_view import LessonView
from literacy_app.gui.rich_text import breakable, escaped, plain_tip
from literacy_app.gui.settings import Settings, recovery_dir

if TYPE_CHECKING:
    from PySide6.QtCore import QItemSelection
    from PySide6.QtGui import QAction, QCloseEvent
    from PySide6.QtWidgets import QMenu

    from literacy_app.core.edits import Edit
    from literacy_app.formats.recovery import RecoveryFile
    from literacy_app.gui.results_panel import ResultsPanel

# Editing, checking, saving and opening import what they need when first used (edits, scoring,
# the results panel, file formats, file dialogs): none of it is on screen at
# start-up, and each module imported later is start-up time saved (bench_startup.py).

SUBMISSION_FILTER = "Submissions (*.json);;All files (*)"
TERMS_LINK = "#terms-of-reuse"  # the header's link to the article's licence


class MainWindow(QMainWindow):
    workspace_changed = Signal()
    records_progress = True  # a check counts as finishing the lesson (not in a screenshot run)

    def __init__(
        self, workspace: Workspace, settings: Settings | None = None, *, deferred: bool = False
    ) -> None:
        """The window on `workspace`. With `deferred` (the app's own start), only what is read
        first is built now: the lesson, the article and the window's place. The first frame
        shows them, and the article already takes a selection; the rest (menus, toolbar, the
        marks panel and its palette, autosave) is built right after that frame is painted
        (`complete`), without the student noticing the ~40 ms in between. Everything else
        (tests, a screenshot, a class review's window) gets the whole window at once."""
        super().__init__()
        self.setObjectName("main_window")
        self.settings = settings or Settings()
        self.recovery_folder = recovery_dir()
        # Our own status bar: asking Qt for the one it would make wraps a Qt-made object, which
        # sets up Python enums for a whole class tree (~5 ms of start-up).
        self.setStatusBar(QStatusBar(self))
        self.is_complete = False
        self._when_complete: list[Callable[[], object]] = []
        self._digit_actions: list[QAction] = []
        self.tool_windows: list[QWidget] = []  # class reviews and instructor-mode windows
        self._on_disk: str | None = None  # digest of workspace.path as last read or written
        # Each install builds new panes: they get their minimum widths and the article the
        # keyboard focus every time (connected first, so it runs before anyone else's slot).
        self.workspace_changed.connect(self._settle_panes)
        self._install_reading(workspace)
        self._build_bars()
        self._restore_window_state()
        if deferred:
            self._settle_panes()
            # The rest follows as soon as the first frame is on screen. (Not an event filter
            # on the article's viewport: asking for the viewport wraps a Qt-made widget, which
            # sets up Python types for its whole class tree, ~5 ms of the first frame.)
            self.article.first_painted.connect(
                lambda: QTimer.singleShot(0, self.complete), Qt.ConnectionType.SingleShotConnection
            )
        else:
            self.complete()

    def _build_bars(self) -> None:
        """The menu bar's titles and the toolbar, empty: in the first frame already, at their
        full height, so that nothing below them moves when their actions arrive."""
        from PySide6.QtWidgets import QToolBar

        self._menus = [self.menuBar().addMenu(title) for title, _items in MENUS]
        self.toolbar = QToolBar("Main")
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._toolbar_placeholder = self.toolbar.addAction(" ")  # a button's height, no more
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _build_frame(self) -> None:
        """The actions behind the menus and the toolbar, the undo stack and autosave."""
        from PySide6.QtGui import QUndoStack

        from literacy_app.gui.actions import build_actions
        from literacy_app.gui.autosave import Autosave

        # Made before the undo stack, so that it is gone (and its connections with it) before
        # the stack, whose destruction still emits indexChanged.
        self.autosave = Autosave(
            self,
            lambda: self.undo_stack.isClean(),
            self._write_recovery,
            lambda: _new_recovery_file(self.recovery_folder, self.workspace.lesson.id),
            self.statusBar().showMessage,
            "Save your work elsewhere.",
        )
        self.undo_stack = QUndoStack(self)
        self.registry = build_actions(self)
        self._build_menus()
        self._build_toolbar()
        self._connect_actions()
        self.undo_stack.cleanChanged.connect(self._update_title)
        self.undo_stack.indexChanged.connect(self._update_title)
        self.undo_stack.indexChanged.connect(self.autosave.schedule)

    def complete(self) -> None:
        """Build what a deferred start left for after the first frame: the marks pane and its
        palette, and the category keys (see `__init__`); does nothing the second time. Work
        that needs the whole window (offering recovered work, checking at start) waits for
        this through `when_complete`, and an action used before it completes it first."""
        if self.is_complete:
            return
        self.is_complete = True
        self._build_frame()
        self._install_controls()
        waiting, self._when_complete = self._when_complete, []
        for job in waiting:
            QTimer.singleShot(0, job)

    def when_complete(self, job: Callable[[], object]) -> None:
        """Run `job` from the event loop once the whole window is built."""
        if self.is_complete:
            QTimer.singleShot(0, job)
        else:
            self._when_complete.append(job)

    # --- composition ---------------------------------------------------------------------------
    def install(self, workspace: Workspace) -> None:
        """Show `workspace` in the window, replacing whatever was there."""
        self._install_reading(workspace)
        if self.is_complete:
            self._install_controls()

    def _install_reading(self, workspace: Workspace) -> None:
        """The lesson and the article: what the first frame shows. The marks pane's place is
        held by an empty widget of its width until `_install_controls` fills it."""
        self.workspace = workspace
        self._on_disk = self._digest_of(workspace.path)
        lesson = workspace.lesson

        self.lesson_view = LessonView(lesson)
        self.article = ArticleView(
            workspace.text, workspace.marks, lesson.taxonomy, headline=lesson.article.title
        )
        self.article.zoomIn(self.settings.zoom)
        self.article_header = QLabel(self._header_html())
        self.article_header.setObjectName("article_header")
        self.article_header.setAccessibleName("Article title and source")
        self.article_header.setWordWrap(True)
        self.article_header.setTextFormat(Qt.TextFormat.RichText)
        self.article_header.setContentsMargins(28, 12, 28, 4)
        self.article_header.setToolTip(plain_tip(self._header_tooltip()))
        self.article_header.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        # Tab reaches the links; a click leaves focus (and the digit keys) with the article.
        self.article_header.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.article_header.linkActivated.connect(self._on_header_link)
        self.find_bar = QLineEdit()
        self.find_bar.setObjectName("find_bar")
        self.find_bar.setAccessibleName("Find in article")
        self.find_bar.setPlaceholderText(
            "Find in article (Enter: next, Shift+Enter: previous, Esc: close)"
        )
        self.find_bar.setClearButtonEnabled(True)
        self.find_bar.hide()
        self.find_bar.returnPressed.connect(self.find_next)
        article_pane = QWidget()
        article_layout = QVBoxLayout(article_pane)
        article_layout.setContentsMargins(0, 0, 0, 0)
        article_layout.setSpacing(0)
        article_layout.addWidget(self.article_header)
        article_layout.addWidget(self.find_bar)
        article_layout.addWidget(self.article, 1)

        self.results_panel: ResultsPanel | None = None  # built at the first check
        self.side = QStackedWidget()
        self.side.setObjectName("side_panel")

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.lesson_view)
        self.splitter.addWidget(article_pane)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([330, 760, 400])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        state = self.settings.window_state("splitter")
        if state is not None:
            self.splitter.restoreState(state)
        self.setWindowTitle(f"{lesson.title} — Media Literacy Lab")

    def _install_controls(self) -> None:
        """The marks pane, the category keys and everything that edits: the second phase of a
        deferred start, and the rest of every install after it."""
        from literacy_app.gui.marks_model import MarksTableModel
        from literacy_app.gui.marks_panel import MarksPanel

        workspace, lesson = self.workspace, self.workspace.lesson
        self.undo_stack.clear()
        self.marks_model = MarksTableModel(workspace.marks, lesson.taxonomy, self._request_edit)
        self.marks_panel = MarksPanel(lesson.palette, lesson.taxonomy, self.marks_model)
        self.marks_table = self.marks_panel.table
        self.palette_widget = self.marks_panel.palette_widget
        self.side.addWidget(self.marks_panel)

        self.article.selection_changed.connect(self._on_article_selection)
        self.article.mark_clicked.connect(self.select_mark)
        self.palette_widget.category_chosen.connect(self.mark_selection)
        self.marks_table.selectionModel().selectionChanged.connect(self._on_mark_row_selected)
        self.lesson_view.hint_revealed.connect(self._update_hint_action)
        self._install_digit_shortcuts()
        self.palette_widget.set_marking_enabled(False)
        self._update_mode()
        self._update_title()
        self.workspace_changed.emit()

    def _header_html(self) -> str:
        attribution = self.workspace.lesson.article.attribution
        links = []
        if attribution.url.startswith(("http://", "https://")):
            links.append(f"<a href='{escaped(attribution.url)}'>source</a>")
        if attribution.licence:
            links.append(f"<a href='{TERMS_LINK}'>terms of reuse</a>")
        line = " · ".join([escaped(breakable(attribution.summary())), *links])
        return f"<div style='font-size:10pt'>{line}</div>"

    def _header_tooltip(self) -> str:
        attribution = self.workspace.lesson.article.attribution
        parts = [attribution.summary(), attribution.url, attribution.licence]
        return "\n\n".join(p for p in parts if p)

    @Slot(str)
    def _on_header_link(self, link: str) -> None:
        """The source opens in the browser (checked like a lesson link); the terms of reuse,
        which can be a paragraph, open in a box of their own."""
        attribution = self.workspace.lesson.article.attribution
        if link == TERMS_LINK:
            title = self.workspace.lesson.article.title or self.workspace.lesson.title
            dialogs.show_text(
                self,
                "About this article",
                f"{title}\n{attribution.summary()}\n\nTerms of reuse: {attribution.licence}",
            )
            return
        url = QUrl(link)
        if link == attribution.url and self.lesson_view.browser.is_openable(url):
            lesson_view_module.open_url(url)

    def _install_digit_shortcuts(self) -> None:
        """Every palette category's key (digits, then letters: `shortcut_keys`) in the article
        and the marks list, and the palette told what it acts on: the selected words, else
        the selected mark (`mark_selection`)."""
        for action in self._digit_actions:
            action.setParent(None)
        self._digit_actions = []
        from PySide6.QtGui import QAction, QKeySequence

        from literacy_app.gui.palette import shortcut_keys

        palette = self.workspace.lesson.palette
        for key, category_id in shortcut_keys(palette).items():
            for target in (self.article, self.marks_table):
                action = QAction(f"Mark as {palette[category_id].name}", target)
                action.setObjectName(f"category_key_{category_id}")
                action.setShortcut(QKeySequence(key))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                action.triggered.connect(lambda _=False, c=category_id: self.mark_selection(c))
                target.addAction(action)
                self._digit_actions.append(action)

        def quote_of_selected() -> str | None:
            mark = None if self.workspace.reviewing else self.current_mark()
            return mark.quote if mark is not None else None

        refresh = self.palette_widget.refresh_target
        self.palette_widget.set_selected_mark_source(quote_of_selected)
        self.marks_table.selectionModel().selectionChanged.connect(lambda *_: refresh())
        for signal in (self.marks_model.rowsRemoved, self.marks_model.modelReset):
            signal.connect(lambda *_: refresh())

    def _build_menus(self) -> None:
        for menu, (_title, items) in zip(self._menus, MENUS, strict=True):
            for item in items:
                if item is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self.registry[item])
                if item is ActionId.OPEN:
                    self._add_file_submenus(menu)

    def _add_file_submenus(self, menu: QMenu) -> None:
        """Open Recent and Bundled lessons, filled afresh each time they are shown."""
        self.recent_menu = menu.addMenu("Open &Recent")
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.lessons_menu = menu.addMenu("Bundled &lessons")
        self.lessons_menu.setObjectName("lessons_menu")
        self.lessons_menu.aboutToShow.connect(self._fill_lessons_menu)

    def _build_toolbar(self) -> None:
        from literacy_app.gui.actions import fixed_text_twin

        toolbar = self.toolbar
        toolbar.removeAction(self._toolbar_placeholder)
        for action_id in (
            ActionId.SAVE,
            ActionId.UNDO,
            ActionId.REDO,
            ActionId.QUICK_PICK,
            ActionId.SHOW_HINT,
            ActionId.CHECK,
            ActionId.BACK_TO_MARKING,
            ActionId.SUBMIT,
        ):
            action = self.registry[action_id]
            if action_id in (ActionId.UNDO, ActionId.REDO):  # the menu names the command
                action = fixed_text_twin(action, action.text().replace("&", ""))
            toolbar.addAction(action)

    def _connect_actions(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        a = self.registry
        handlers: dict[ActionId, Callable[[], object]] = {
            ActionId.OPEN: self.open_dialog,
            ActionId.SAVE: self.save,
            ActionId.SAVE_AS: self.save_as,
            ActionId.SUBMIT: self.submit,
            ActionId.EXPORT_W3C: self.export_w3c,
            ActionId.QUIT: self.close,
            ActionId.UNDO: self.undo_stack.undo,
            ActionId.REDO: self.undo_stack.redo,
            ActionId.DELETE_MARK: self.delete_current_mark,
            ActionId.EDIT_NOTE: self.edit_note,
            ActionId.QUICK_PICK: self.quick_pick,
            ActionId.NEXT_MARK: lambda: self.step_mark(1),
            ActionId.PREVIOUS_MARK: lambda: self.step_mark(-1),
            ActionId.FIND: self.show_find,
            ActionId.ZOOM_IN: lambda: self.zoom(1),
            ActionId.ZOOM_OUT: lambda: self.zoom(-1),
            ActionId.ZOOM_RESET: lambda: self.zoom(-self.settings.zoom),
            ActionId.FOCUS_ARTICLE: lambda: self.article.setFocus(),
            ActionId.FOCUS_MARKS: self.focus_marks,
            ActionId.SHOW_HINT: self.show_hint,
            ActionId.CHECK: self.check,
            ActionId.BACK_TO_MARKING: self.back_to_marking,
            ActionId.SHOW_ANSWERS: self.show_answers,
            ActionId.STUDENT_NAME: self.ask_student_name,
            ActionId.RECOVER: self.recover_unsaved,
            ActionId.REVIEW_CLASS: self.review_class,
            ActionId.EDIT_LESSON: self.edit_lesson,
            ActionId.NEW_LESSON: self.new_lesson,
            ActionId.SHORTCUTS: lambda: dialogs.show_shortcuts(self),
            ActionId.ABOUT: lambda: dialogs.show_about(self),
        }
        for action_id, handler in handlers.items():
            a[action_id].triggered.connect(lambda _=False, h=handler: h())
        snap = a[ActionId.SNAP_TO_WORDS]
        snap.setChecked(self.settings.snap_to_words)
        snap.toggled.connect(self._on_snap_toggled)
        self.undo_stack.canUndoChanged.connect(a[ActionId.UNDO].setEnabled)
        self.undo_stack.canRedoChanged.connect(a[ActionId.REDO].setEnabled)
        # A quoted "R&D" must not become a mnemonic: "&" doubles in menu text.
        self.undo_stack.undoTextChanged.connect(
            lambda text: a[ActionId.UNDO].setText(
                f"&Undo {text.replace('&', '&&')}" if text else "&Undo"
            )
        )
        self.undo_stack.redoTextChanged.connect(
            lambda text: a[ActionId.REDO].setText(
                f"&Redo {text.replace('&', '&&')}" if text else "&Redo"
            )
        )
        a[ActionId.UNDO].setEnabled(False)
        a[ActionId.REDO].setEnabled(False)
        escape = QAction(self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        escape.triggered.connect(self.hide_find)
        self.find_escape = escape
        previous = QAction(self)
        previous.setShortcut(QKeySequence("Shift+Return"))
        previous.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        previous.triggered.connect(lambda: self.find_next(backward=True))
        self.find_previous_action = previous

    # --- state display -------------------------------------------------------------------------
    def _update_title(self) -> None:
        lesson = self.workspace.lesson
        student = (
            self.workspace.student.display()
            if (self.workspace.student.name or self.workspace.student.id)
            else "no name yet"
        )
        self.setWindowTitle(f"{lesson.title} — {student} [*] — Media Literacy Lab")
        self.setWindowModified(not self.undo_stack.isClean())

    def _update_mode(self) -> None:
        from PySide6.QtGui import QKeySequence  # the window's actions are built: it is set up

        reviewing = self.workspace.reviewing
        has_key = self.workspace.lesson.has_key
        a = self.registry
        a[ActionId.CHECK].setVisible(has_key)
        a[ActionId.CHECK].setEnabled(has_key and not reviewing)
        a[ActionId.SUBMIT].setVisible(not has_key)
        a[ActionId.SUBMIT].setEnabled(not has_key)
        # Ctrl+Return means Check with a key and Submit without: never both at once.
        a[ActionId.SUBMIT].setShortcut(QKeySequence() if has_key else QKeySequence("Ctrl+Return"))
        a[ActionId.CHECK].setShortcut(QKeySequence("Ctrl+Return") if has_key else QKeySequence())
        a[ActionId.BACK_TO_MARKING].setVisible(has_key)
        a[ActionId.BACK_TO_MARKING].setEnabled(reviewing)
        for action_id in (ActionId.QUICK_PICK, ActionId.DELETE_MARK, ActionId.EDIT_NOTE):
            a[action_id].setEnabled(not reviewing)
        for action in self._digit_actions:
            action.setEnabled(not reviewing)
        # The marks table is out of sight while reviewing (the results take its place), and an
        # edit reaching the workspace would close the review anyway: its edit triggers stay as
        # they are (turning them off here once left them off for good after the first check).
        hidden = self.results_panel.hidden_count if reviewing and self.results_panel else 0
        a[ActionId.SHOW_ANSWERS].setVisible(has_key)
        a[ActionId.SHOW_ANSWERS].setEnabled(bool(hidden) and not self.workspace.answers_revealed)
        if self.workspace.answers_revealed:  # restored work whose answers were seen: no relock
            self.lesson_view.set_checked(True)
        self._update_hint_action()
        self.side.setCurrentIndex(1 if reviewing and self.results_panel else 0)
        self.palette_widget.set_marking_enabled(
            not reviewing and self.article.selected_span() is not None
        )

    @Slot()
    def _update_hint_action(self) -> None:
        total = len(self.workspace.lesson.text.hints)
        shown = self.lesson_view.hints_shown
        action = self.registry[ActionId.SHOW_HINT]
        action.setEnabled(shown < total)
        action.setText(f"Show a &hint ({shown} of {total} shown)" if total else "No hints")

    # --- marking -------------------------------------------------------------------------------
    def push(self, edit: Edit) -> None:
        from literacy_app.gui.undo import EditCommand

        self.undo_stack.push(EditCommand(self.workspace, edit))

    @Slot(object)
    def _on_article_selection(self, span: tuple[int, int] | None) -> None:
        self.palette_widget.set_marking_enabled(span is not None and not self.workspace.reviewing)

    @Slot(str)
    def mark_selection(self, category: str) -> Mark | None:
        """Mark the article's selection as `category` (the palette, category keys and Ctrl+K
        end here). With no words selected but a mark selected (in the list, or clicked in the
        article), change that mark's category instead (`change_mark_category`)."""
        if self.workspace.reviewing:
            self.statusBar().showMessage("Go back to marking (Ctrl+B) to change your marks.", 4000)
            return None
        selected = self.article.selected_span()
        if selected is None:
            current = self.current_mark()
            if current is not None:
                return self.change_mark_category(category, current)
        span = (
            self.workspace.span_for_selection(*selected, snap=self.settings.snap_to_words)
            if selected
            else None
        )
        if span is None:
            self.statusBar().showMessage(
                "Select some words in the article (or a mark, to change it) first.", 4000
            )
            return None
        existing = self.workspace.marks.find_same(*span, category)
        if existing is not None:
            self.select_mark(existing.id)
            self.statusBar().showMessage("That passage already has this mark.", 4000)
            return None
        mark = self.workspace.new_mark(*span, category)
        from literacy_app.core.edits import AddMark

        self.push(AddMark(mark))
        self.article.clear_selection()
        self.select_mark(mark.id, scroll=False)
        name = self.workspace.lesson.taxonomy[category].name
        self.statusBar().showMessage(f"Marked “{_short(mark.quote)}” as {name}.", 4000)
        return mark

    def change_mark_category(self, category: str, mark: Mark | None = None) -> Mark | None:
        """Give `mark` (the selected mark by default) the category `category`, as one undoable
        step; the mark stays selected so another key can correct a slip at once. Returns the
        changed mark, or None when nothing changed (and the status bar says why)."""
        mark = mark if mark is not None else self.current_mark()
        if mark is None or self.workspace.reviewing:
            self.statusBar().showMessage("Select a mark first (click it, or use F8).", 4000)
            return None
        name = self.workspace.lesson.taxonomy[category].name
        if mark.category == category:
            self.statusBar().showMessage(f"“{_short(mark.quote)}” is already {name}.", 4000)
            return None
        twin = self.workspace.marks.find_same(mark.start, mark.end, category)
        if twin is not None:
            self.select_mark(twin.id)
            self.statusBar().showMessage("That passage already has this mark.", 4000)
            return None
        from literacy_app.core.edits import change_category

        edit = change_category(mark, category, name)
        self.push(edit)
        self.select_mark(mark.id, scroll=False)
        self.statusBar().showMessage(f"Changed “{_short(mark.quote)}” to {name}.", 4000)
        return edit.after

    def _request_edit(self, mark: Mark, field: str, value: str) -> None:
        if self.workspace.reviewing:
            return
        from literacy_app.core.edits import change_category, change_note

        if field == "note":
            self.push(change_note(mark, value))
        else:
            self.push(change_category(mark, value, self.workspace.lesson.taxonomy[value].name))

    def current_mark(self) -> Mark | None:
        rows = self.marks_table.selectionModel().selectedRows()
        if rows:
            return self.marks_model.mark_at(rows[0].row())
        if self.article.current_mark:
            return self.workspace.marks.get(self.article.current_mark)
        return None

    @Slot(str)
    def select_mark(self, mark_id: str, scroll: bool = True) -> None:
        row = self.marks_model.row_of(mark_id)
        self.marks_table.selectRow(row)
        self.marks_table.scrollTo(self.marks_model.index(row, 0))
        self.article.set_current_mark(mark_id)
        if scroll:
            mark = self.workspace.marks.get(mark_id)
            self.article.flash(mark.start, mark.end)

    # No @Slot: its argument types would set up QItemSelection's Python type at import, for a
    # first frame that has no marks list yet.
    def _on_mark_row_selected(self, selected: QItemSelection, _old: QItemSelection) -> None:
        rows = self.marks_table.selectionModel().selectedRows()
        if not rows:
            self.article.set_current_mark(None)
            return
        mark = self.marks_model.mark_at(rows[0].row())
        if mark.id != self.article.current_mark:
            self.article.set_current_mark(mark.id)
            self.article.scroll_to(mark.start, mark.end)
            self.article.flash(mark.start, mark.end)

    def delete_current_mark(self) -> None:
        mark = self.current_mark()
        if mark is None or self.workspace.reviewing:
            return
        row = self.marks_model.row_of(mark.id)
        from literacy_app.core.edits import RemoveMark

        self.push(RemoveMark(mark))
        if len(self.workspace.marks):
            self.marks_table.selectRow(min(row, len(self.workspace.marks) - 1))

    def edit_note(self) -> None:
        mark = self.current_mark()
        if mark is None or self.workspace.reviewing:
            self.statusBar().showMessage("Select a mark first (click it, or use F8).", 4000)
            return
        from literacy_app.gui import note_editor  # the note box: wraps, grows, Enter saves

        text = note_editor.ask_note(self, mark.quote, mark.note)
        if text is not None and text != mark.note:
            from literacy_app.core.edits import change_note

            self.push(change_note(mark, text))

    def quick_pick(self) -> None:
        """Ctrl+K: choose one of the lesson's categories by typing (the palette's, no others:
        a lesson limits them for a reason). It marks the selected words or, with none, changes
        the selected mark's category, as a category key would."""
        if self.workspace.reviewing:
            return
        mark = self.current_mark() if self.article.selected_span() is None else None
        if self.article.selected_span() is None and mark is None:
            self.statusBar().showMessage(
                "Select some words in the article (or a mark, to change it) first.", 4000
            )
            return
        # Imported on first use (Ctrl+K): keeps start-up lean.
        from literacy_app.gui.quick_picker import QuickPicker

        palette = self.workspace.lesson.palette
        if mark is None:
            category = QuickPicker.pick(palette, self)
            if category:
                self.article.setFocus()
                self.mark_selection(category)
            return
        title = f"Change “{_short(mark.quote, 30)}” to…"
        category = QuickPicker.pick(palette, self, current=mark.category, title=title)
        if category:
            self.change_mark_category(category, mark)

    def step_mark(self, step: int) -> None:
        count = len(self.workspace.marks)
        if not count:
            return
        current = self.current_mark()
        row = self.marks_model.row_of(current.id) + step if current else (0 if step > 0 else -1)
        self.select_mark(self.workspace.marks[row % count].id)

    def focus_marks(self) -> None:
        self.marks_table.setFocus()
        if len(self.workspace.marks) and not self.marks_table.selectionModel().hasSelection():
            self.marks_table.selectRow(0)

    @Slot(bool)
    def _on_snap_toggled(self, checked: bool) -> None:
        self.settings.snap_to_words = checked

    # --- find, zoom, hints ---------------------------------------------------------------------
    def show_find(self) -> None:
        self.find_bar.show()
        self.find_bar.addAction(self.find_escape)
        self.find_bar.addAction(self.find_previous_action)
        self.find_bar.setFocus()
        self.find_bar.selectAll()

    def hide_find(self) -> None:
        self.find_bar.hide()
        self.article.setFocus()

    def find_next(self, backward: bool = False) -> bool:
        needle = self.find_bar.text()
        if not needle:
            return False
        flags = (
            self.article.document().FindFlag.FindBackward
            if backward
            else self.article.document().FindFlag(0)
        )
        found = self.article.find(needle, flags)
        if not found:  # wrap around
            cursor = self.article.textCursor()
            cursor.movePosition(
                cursor.MoveOperation.End if backward else cursor.MoveOperation.Start
            )
            self.article.setTextCursor(cursor)
            found = self.article.find(needle, flags)
        self.statusBar().showMessage("" if found else f"“{needle}” is not in the article.", 3000)
        return found

    def zoom(self, steps: int) -> None:
        before = self.settings.zoom
        self.settings.zoom = before + steps  # kept within ZOOM_RANGE
        change = self.settings.zoom - before
        if change > 0:
            self.article.zoomIn(change)
        elif change < 0:
            self.article.zoomOut(-change)

    def show_hint(self) -> None:
        if not self.lesson_view.reveal_next_hint():
            self.statusBar().showMessage("There are no more hints.", 3000)

    # --- checking ------------------------------------------------------------------------------
    def check(self) -> None:
        """Grade the marks and show the review. Only changed work is a new attempt, and a new
        attempt (or answers revealed by it) is unsaved work: the window asks before quitting,
        and autosave keeps it."""
        if not self.workspace.lesson.has_key or self.workspace.reviewing:
            return
        from literacy_app.gui.results_panel import ResultsPanel

        workspace = self.workspace
        revealed_before = workspace.answers_revealed
        result = workspace.check()
        if self.records_progress:  # the next bare start moves on to the next lesson
            self.settings.record_check(workspace.lesson.id, result.score)
        key = workspace.lesson.key
        assert key is not None
        if self.results_panel is None:  # one panel per installed workspace and article
            lesson = workspace.lesson
            self.results_panel = ResultsPanel(key, lesson.taxonomy, lesson.folder)
            self.results_panel.item_selected.connect(self._on_result_selected)
            self.results_panel.paragraph_selected.connect(self._on_paragraph_selected)
            self.side.addWidget(self.results_panel)
            self.article.mark_clicked.connect(self._on_review_mark_clicked)
            workspace.on_review_closed(self._on_review_closed)
        self._show_review()
        revealed_now = workspace.answers_revealed and not revealed_before
        if workspace.last_check_counted or revealed_now:
            self._attempt_changed()
        if workspace.last_check_counted:
            message = f"Checked (attempt {workspace.attempts}): {result.score:.0f}%."
        else:
            message = (
                f"Same marks as attempt {workspace.attempts}, so not a new attempt: "
                f"{result.score:.0f}%. Change your marks to try again."
            )
        if revealed_now:
            message += " The answers are shown now, and the debrief is open."
        elif self.results_panel.hidden_count:
            message += " Read the paragraphs still to find again, then check again."
        else:
            message += " Select an item on the right to read why it matters."
        self.statusBar().showMessage(message, 10000)

    def back_to_marking(self) -> None:
        if not self.workspace.reviewing:
            return
        self.workspace.back_to_marking()
        self.article.clear_review()
        self._update_mode()
        self.article.setFocus()

    @Slot(str)
    def _on_result_selected(self, item_id: str) -> None:
        assert self.workspace.lesson.key is not None
        item = self.workspace.lesson.key.item(item_id)
        self.article.scroll_to(item.start, item.end)
        self.article.flash(item.start, item.end)

    def show_answers(self) -> bool:
        """Lesson > Show answers: reveal the missed passages and the debrief, once the student
        confirms; recorded in their work. True when the answers were shown."""
        workspace = self.workspace
        panel = self.results_panel
        if not workspace.reviewing or workspace.answers_revealed or panel is None:
            return False
        if dialogs.ask_show_answers(self, panel.hidden_count, workspace.attempts) != "show":
            return False
        workspace.show_answers()
        self._show_review()
        self._attempt_changed()
        self.statusBar().showMessage(
            "The answers are shown: every passage in the key, with why it matters, and the "
            "debrief in the lesson panel. Your work records that you saw them.",
            10000,
        )
        return True

    def _show_review(self) -> None:
        """The last check, in the article (outlines) and the results panel, showing only what
        the workspace allows: missed items are counted per paragraph until the answers are
        revealed, and have no outline, so the article gives them away no more than the list."""
        from literacy_app.core.scoring import Outcome
        from literacy_app.gui.feedback import missing_groups
        from literacy_app.gui.review_style import OUTCOME_COLOR, OUTCOME_LINE

        workspace = self.workspace
        result, key, lesson = workspace.result, workspace.lesson.key, workspace.lesson
        assert result is not None
        assert key is not None
        assert self.results_panel is not None
        hidden = (
            []
            if workspace.answers_revealed
            else missing_groups(result, key, lesson.taxonomy, workspace.text, lesson.article.title)
        )
        concealed = {item_id for group in hidden for item_id in group.item_ids}
        outlines = []
        for item_result in result.items:
            if item_result.item_id in concealed:
                continue
            item = key.item(item_result.item_id)
            outlines.append(
                Outline(
                    item.start,
                    item.end,
                    OUTCOME_COLOR[item_result.outcome],
                    OUTCOME_LINE[item_result.outcome],
                    2.0 if item_result.outcome is not Outcome.MISSED else 1.6,
                )
            )
        neutral = {m.mark_id for m in result.marks if not m.in_key}
        self.article.set_review(outlines, neutral)
        self.results_panel.set_result(
            result, list(workspace.marks), workspace.attempts, hidden, lesson.reveal
        )
        # The debrief discusses the key: it opens with the answers, or when nothing is missed.
        if workspace.answers_revealed or not result.count(Outcome.MISSED):
            self.lesson_view.set_checked(True)
        self._update_mode()

    def _attempt_changed(self) -> None:
        """A new attempt, or answers revealed: part of the work, unsaved until the student
        saves. Undoing back to the saved marks no longer makes the work clean (the file would
        still say fewer attempts), and autosave writes it for a crash to bring back."""
        self.undo_stack.resetClean()
        self.autosave.schedule()

    def _on_review_closed(self) -> None:
        """An edit (an undo or redo while reviewing) changed the checked marks: the review
        described marks that are gone, so it closes rather than show them."""
        self.article.clear_review()
        if self.results_panel is not None:
            self.results_panel.clear()
        self._update_mode()
        self.statusBar().showMessage(
            "Your marks changed, so the review closed: it described the marks you checked. "
            "Check again (Ctrl+Return) for a new score.",
            8000,
        )

    @Slot(str)
    def _on_review_mark_clicked(self, mark_id: str) -> None:
        """A mark clicked in the article while reviewing: its item in the results, or, for a
        mark the key does not hold, what that means (a costly second mark, or perhaps a fair
        find the key does not list)."""
        if not self.workspace.reviewing or self.results_panel is None:
            return
        status = self.results_panel.show_mark(mark_id)
        if status:
            self.statusBar().showMessage(status, 10000)

    @Slot(int, int)
    def _on_paragraph_selected(self, start: int, end: int) -> None:
        """A "still to find" row: bring its paragraph into view, without pointing at words."""
        self.article.scroll_to(start, end)
        self.article.flash(start, end)

    # --- saving --------------------------------------------------------------------------------
    def ask_student_name(self) -> bool:
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getText(
            self,
            "Your name",
            "Your name, saved with your work so your teacher knows whose it is:",
            QLineEdit.EchoMode.Normal,
            self.workspace.student.name or self.settings.student_name,
        )
        if not ok or not name.strip():
            return False
        self.workspace.student = Student(
            name.strip(), self.workspace.student.id or self.settings.student_id
        )
        self.settings.student_name = name.strip()
        self._update_title()
        return True

    def _ensure_student(self) -> bool:
        if self.workspace.student.name or self.workspace.student.id:
            return True
        if self.settings.student_name:
            self.workspace.student = Student(self.settings.student_name, self.settings.student_id)
            self._update_title()
            return True
        return self.ask_student_name()

    def save(self) -> bool:
        if self.workspace.path is None:
            return self.save_as()
        return self.save_to(self.workspace.path)

    def save_as(self, title: str = "Save your marks") -> bool:
        if not self._ensure_student():
            return False
        from PySide6.QtWidgets import QFileDialog

        suggested = self._suggested_name()
        name, _ = QFileDialog.getSaveFileName(self, title, str(suggested), SUBMISSION_FILTER)
        if not name:
            return False
        if not self.save_to(Path(name)):
            return False
        saved = self.workspace.path or Path(name)  # "changed on disk" may have moved it on
        self.settings.save_folder = str(saved.parent)
        return True

    def _suggested_name(self, ending: str = ".submission.json") -> Path:
        """Where the save or export dialog starts: the folder the student last saved in, else
        their documents folder (else home). Never a lesson's folder, bundled or not (the
        dialog would open on key.json, and work saved there is mixed up with the lesson), nor
        the app's data folder (recovery files, unpacked lesson packages)."""
        from PySide6.QtCore import QStandardPaths

        from literacy_app.gui.settings import data_dir
        from literacy_app.resources import lessons_dir

        student = self.workspace.student.name or "student"
        safe = "".join(ch if ch.isalnum() else "-" for ch in student).strip("-").lower()
        name = f"{self.workspace.lesson.id}-{safe}{ending}"
        documents = QStandardPaths.StandardLocation.DocumentsLocation
        app_folders = [lessons_dir().resolve(), data_dir().resolve()]
        for candidate in (
            self.settings.save_folder,
            QStandardPaths.writableLocation(documents),
            str(Path.home()),
        ):
            if not candidate:
                continue
            folder = Path(candidate).expanduser().resolve()
            if (
                folder.is_dir()
                and not any(folder.is_relative_to(app) for app in app_folders)
                and not any((inside / "lesson.md").exists() for inside in (folder, *folder.parents))
            ):
                return folder / name
        return Path(name)

    @staticmethod
    def _digest_of(path: Path | None) -> str | None:
        if path is None:
            return None
        from literacy_app.formats.atomic import file_digest

        return file_digest(path)

    def _written_elsewhere(self, path: Path) -> bool:
        """True when the file this work came from (or was last saved to) holds something else
        now: another window of the app, or another program, saved it meanwhile."""
        if path != self.workspace.path:
            return False
        now = self._digest_of(path)
        return now is not None and now != self._on_disk

    def save_to(self, path: Path) -> bool:
        """Write the submission atomically; on failure the previous file is untouched. A file
        that something else changed since it was opened is not overwritten without asking."""
        if not self._ensure_student():
            return False
        if self._written_elsewhere(path):
            answer = dialogs.ask_changed_on_disk(self, path)
            if answer == "save_as":
                return self.save_as()
            if answer != "overwrite":
                return False
        from literacy_app.formats import native
        from literacy_app.formats.atomic import atomic_write

        submission = self.workspace.to_submission()
        try:
            atomic_write(path, native.dumps(native.submission_to_dict(submission)))
        except OSError as err:
            dialogs.error(
                self,
                "Could not save",
                f"{path}: {err.strerror or err}. Your marks "
                "are still here and in the recovery file; try another place.",
            )
            return False
        self.workspace.path = path
        self._on_disk = self._digest_of(path)
        self.undo_stack.setClean()
        self.settings.add_recent(path)
        self.settings.last_folder = str(path.parent)
        self._discard_recovery()
        self._update_title()
        self.statusBar().showMessage(f"Saved to {path}", 5000)
        return True

    def submit(self) -> bool:
        """A keyless lesson (a classroom handout): save the submission where the student chooses."""
        return self.save_as("Submit your work: choose where to save the file for your teacher")

    def export_w3c(self) -> bool:
        from PySide6.QtWidgets import QFileDialog

        from literacy_app.formats import native, w3c
        from literacy_app.formats.atomic import atomic_write

        name, _ = QFileDialog.getSaveFileName(
            self,
            "Export as W3C Web Annotation",
            str(self._suggested_name(".w3c.json")),
            SUBMISSION_FILTER,
        )
        if not name:
            return False
        try:
            atomic_write(
                Path(name), native.dumps(w3c.submission_to_w3c(self.workspace.to_submission()))
            )
        except OSError as err:
            dialogs.error(self, "Could not export", f"{name}: {err.strerror or err}")
            return False
        self.settings.save_folder = str(Path(name).parent)
        return True

    @property
    def recovery_path(self) -> Path | None:
        """This session's recovery file for the open work, once an edit has been autosaved."""
        return self.autosave.path

    @property
    def autosave_error(self) -> str | None:
        return self.autosave.error

    def _discard_recovery(self) -> None:
        self.autosave.discard()

    def install_restored(self, workspace: Workspace, recovery_file: Path) -> None:
        """Work brought back from a recovery file: unsaved until the student saves it, and
        autosaved into that same file, which this session now owns."""
        self._discard_recovery()
        self.install(workspace)
        self.autosave.adopt(recovery_file)
        self.undo_stack.resetClean()  # never clean until saved, so quitting asks first
        self.setWindowModified(True)

    def recover_unsaved(self) -> bool:
        """File > Recover unsaved work: what a crash left behind, or what the student kept
        for later, offered again without restarting. True when some was restored."""
        from literacy_app.formats.recovery import pending_recoveries
        from literacy_app.gui.recovery_offer import offer_recovery

        pending = pending_recoveries(self.recovery_folder)  # never this session's own file
        if not pending:
            dialogs.show_text(
                self, "Recover unsaved work", "No unsaved work is waiting to be restored."
            )
            return False
        return offer_recovery(self, pending)

    def flush_autosaves(self) -> None:
        """Write every unsaved piece of work to its recovery file now, without waiting for the
        autosave delay: this window's marks and the drafts of its instructor-mode windows."""
        from literacy_app.gui.author_window import AuthorWindow

        if self.is_complete:  # before that there is nothing to write
            self.autosave.write()
        for tool in self.tool_windows:
            if isinstance(tool, AuthorWindow):
                tool.autosave.write()

    def _write_recovery(self, recovery: RecoveryFile) -> None:
        """The whole submission, with where it belongs (lesson folder, save path)."""
        recovery.write(
            self.workspace.lesson.folder, self.workspace.path, self.workspace.to_submission()
        )

    # --- opening -------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(
            self,
            "Open a lesson (its lesson.md) or a submission",
            self.settings.last_folder,
            "Lessons and submissions (lesson.md *.zip *.json);;All files (*)",
        )
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> bool:
        """Open a lesson or submission; on a bad file, say why and keep the current work.

        The file is read before the student is asked to save or discard: a "Discard" given for
        a file that then fails to open would leave marks on screen that nothing protects any
        more (no unsaved marker, no recovery file)."""
        from literacy_app.gui.loading import load_target

        try:
            workspace, warnings = load_target(path)
        except FormatError as err:
            dialogs.problems(self, f"Could not open {path.name}", err.problems)
            return False
        if not self.maybe_save():
            return False
        self._discard_recovery()
        self.install(workspace)
        self.settings.add_recent(path)
        self.settings.last_folder = str(path.parent if path.is_file() else path)
        if warnings:
            dialogs.problems(self, f"Opened {path.name} with warnings", warnings, warning=True)
        return True

    def _fill_lessons_menu(self) -> None:
        """Every lesson that ships with the app, easiest first."""
        from literacy_app.formats.lesson_package import load_lesson
        from literacy_app.resources import bundled_lessons

        self.lessons_menu.clear()
        order = {"beginner": 0, "intermediate": 1, "advanced": 2}
        found = []
        for folder in bundled_lessons():
            try:
                lesson = load_lesson(folder, with_key=False)
            except FormatError:
                continue
            found.append((order.get(lesson.difficulty, 3), lesson.title, lesson, folder))
        for _rank, title, lesson, folder in sorted(found, key=lambda entry: entry[:2]):
            label = f"{title} ({lesson.difficulty}, {lesson.minutes} min)"
            action = self.lessons_menu.addAction(label)
            action.triggered.connect(lambda _=False, f=folder: self.open_path(f))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for name in self.settings.recent_files:
            if not Path(name).exists():  # moved or deleted since: say so rather than fail
                self.recent_menu.addAction(f"{name} (no longer there)").setEnabled(False)
                continue
            action = self.recent_menu.addAction(name)
            action.triggered.connect(lambda _=False, n=name: self.open_path(Path(n)))
        if not self.settings.recent_files:
            self.recent_menu.addAction("No recent files").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear list").triggered.connect(self.settings.clear_recent)

    # --- teacher tools -------------------------------------------------------------------------
    def review_class(self) -> QWidget | None:
        """The class review of a folder of submissions for this lesson, in a window of its own."""
        lesson = self.workspace.lesson
        if lesson.key is None:
            self.statusBar().showMessage(
                "This lesson is a handout without a key: there is nothing to grade against.", 6000
            )
            return None
        from PySide6.QtWidgets import QFileDialog

        from literacy_app.batch import grade_files
        from literacy_app.gui.class_review_window import ClassReviewWindow

        folder = QFileDialog.getExistingDirectory(
            self, "Choose the folder with your class's submission files", self.settings.last_folder
        )
        if not folder:
            return None
        results = grade_files(lesson, [Path(folder)])
        if not results:
            dialogs.error(self, "No submissions found", f"{folder}: no .json files to grade.")
            return None
        return self._show_tool(ClassReviewWindow(lesson, results))

    def edit_lesson(self) -> QWidget | None:
        """Instructor mode on this lesson; a bundled lesson is copied first, never changed."""
        folder = self.workspace.lesson.folder
        from literacy_app.resources import lessons_dir

        if folder.resolve().is_relative_to(lessons_dir().resolve()):
            from PySide6.QtWidgets import QFileDialog

            chosen = QFileDialog.getExistingDirectory(
                self, "Bundled lessons stay as shipped: choose where to put your own copy"
            )
            if not chosen:
                return None
            import shutil

            copy = Path(chosen) / folder.name
            try:
                shutil.copytree(folder, copy)
            except (FileExistsError, OSError) as err:
                dialogs.error(self, "Could not copy the lesson", f"{copy}: {err}")
                return None
            folder = copy
        return self._open_author(folder)

    def new_lesson(self) -> QWidget | None:
        from literacy_app.gui import author_window

        folder = author_window.new_lesson_dialog(self)
        return self._open_author(folder) if folder is not None else None

    def _open_author(self, folder: Path) -> QWidget | None:
        from literacy_app.formats.lesson_package import load_lesson
        from literacy_app.gui.author_recovery import offer_author_recovery
        from literacy_app.gui.author_window import AuthorWindow

        try:
            lesson = load_lesson(folder)
        except FormatError as err:
            dialogs.problems(self, f"Could not open {folder.name}", err.problems)
            return None
        lesson, restored_from = offer_author_recovery(lesson, self)
        return self._show_tool(AuthorWindow(lesson, restored_from))

    def _show_tool(self, window: QWidget) -> QWidget:
        """Teacher windows live beside this one; kept here so they are not collected."""
        self.tool_windows.append(window)
        window.show()
        return window

    # --- closing -------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there is unsaved work; True to go on."""
        if self.undo_stack.isClean():
            return True
        from PySide6.QtWidgets import QMessageBox

        answer = dialogs.ask_save(self)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._discard_recovery()
            self.undo_stack.setClean()
            return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_complete:  # before that nothing could be edited, so nothing can be lost
            if not self.maybe_save():
                event.ignore()
                return
            self._discard_recovery()
        if self.records_progress:  # a screenshot run is not the student's own session
            from literacy_app.gui.settings import LastWork

            path = self.workspace.path
            self.settings.last_work = LastWork(
                self.workspace.lesson.folder.resolve(), path.resolve() if path else None
            )
        if self.isVisible():  # a window never shown has no place of its own to remember
            from literacy_app.gui.window_fit import frame_margins, to_device

            screen = self.screen()
            maximized = self.isMaximized()
            normal = self.normalGeometry()
            self.settings.window_frame = to_device(
                normal if maximized and normal.isValid() else self.geometry(),
                frame_margins(self.geometry(), self.frameGeometry()),
                screen.availableGeometry(),
                screen.devicePixelRatio(),
                screen.name(),
                maximized,
            )
        self.settings.set_window_state("state", self.saveState())
        self.settings.set_window_state("splitter", self.splitter.saveState())
        self.settings.sync()
        event.accept()

    def _restore_window_state(self) -> None:
        """The size and place saved at the last quit, or the default, always fitted to the
        screen the window opens on: a window taller than a 768-pixel laptop screen hides the
        status bar and the hint button, and nothing lets a student get them back. (Qt's own
        saveGeometry is not used: it is in logical pixels, so a size saved at 150 % came back
        a third smaller at 100 %.)"""
        from PySide6.QtGui import QGuiApplication

        from literacy_app.gui.window_fit import default_geometry, from_device

        saved = self.settings.window_frame
        screen = self.screen()
        if saved is not None:
            named = [s for s in QGuiApplication.screens() if s.name() == saved.screen]
            screen = named[0] if named else screen
        available = screen.availableGeometry()
        if saved is None:
            self.setGeometry(default_geometry(available))
        else:
            self.setGeometry(from_device(saved, available, screen.devicePixelRatio()))
            if saved.maximized:
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        state = self.settings.window_state("state")
        if state is not None:
            self.restoreState(state)

    def _settle_panes(self) -> None:
        """The panes an install has just built: each at least as wide as PANE_MINIMUM_WIDTHS
        (and its own contents) asks, never collapsible, and the keyboard focus in the article
        so that Shift+arrows select text at once. A saved splitter state brings its own
        "collapsible" flag and sizes (from an older version, or a wider screen): without this a
        restored state could leave a pane a few pixels wide, with no way to see it is there."""
        from literacy_app.gui.window_fit import PANE_MINIMUM_WIDTHS

        for index, width in enumerate(PANE_MINIMUM_WIDTHS):  # lesson, article, marks
            pane = self.splitter.widget(index)
            if pane is not None:
                pane.setMinimumWidth(max(width, pane.minimumSizeHint().width()))
        self.splitter.setChildrenCollapsible(False)
        self.article.setFocus(Qt.FocusReason.OtherFocusReason)


def _new_recovery_file(folder: Path, lesson_id: str) -> RecoveryFile:
    from literacy_app.formats.recovery import RecoveryFile  # at the first autosave

    return RecoveryFile.new(folder, lesson_id)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["MainWindow", "__version__"]
