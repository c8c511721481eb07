"""The student workspace window: lesson, article and marks side by side.

The window composes the views, owns the undo stack and turns user intents (a category chosen, a
note typed, Delete pressed) into undoable core edits. All state lives in the `Workspace`.

Signals:
    workspace_changed(): a different lesson or submission was loaded into the window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal, Slot
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
from literacy_app.core.workspace import Workspace
from literacy_app.gui import lesson_view as lesson_view_module
from literacy_app.gui.action_ids import ActionId
from literacy_app.gui.article_view import ArticleView
from literacy_app.gui.lazy import dialogs  # imported at first use, after the first frame
from literacy_app.gui.lesson_view import LessonView
from literacy_app.gui.rich_text import breakable, escaped, plain_tip
from literacy_app.gui.settings import Settings, recovery_dir
from literacy_app.gui.window_files import FilesMixin
from literacy_app.gui.window_frame import FrameMixin
from literacy_app.gui.window_marking import MarkingMixin
from literacy_app.gui.window_review import ReviewMixin
from literacy_app.gui.window_study import StudyMixin
from literacy_app.gui.window_tools import TeacherToolsMixin
from literacy_app.i18n import _, ngettext

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent

    from literacy_app.gui.results_panel import ResultsPanel
    from literacy_app.gui.study import Study

# The window is composed of parts, one purpose each (gui/window_*.py: its frame, marking,
# checking, files, teacher tools); they import what they need when first used (edits,
# scoring, the results panel, file formats, file dialogs): none of it is on screen at
# start-up, and each module imported later is start-up time saved (bench_startup.py).

TERMS_LINK = "#terms-of-reuse"  # the header's link to the article's licence
COMPLETE_AT_THE_LATEST_MS = 1_500  # a deferred start builds the rest by then, painted or not


class MainWindow(
    FrameMixin,
    MarkingMixin,
    ReviewMixin,
    FilesMixin,
    StudyMixin,
    TeacherToolsMixin,
    QMainWindow,
):
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
        self._study_windows: dict[str, QWidget] = {}  # library, progress, drill
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
                lambda: QTimer.singleShot(0, self, self.complete),
                Qt.ConnectionType.SingleShotConnection,
            )
            # And at the latest a moment after start: a window opened minimized, or on another
            # desktop, paints nothing until it is looked at, and must not stay half-built.
            QTimer.singleShot(COMPLETE_AT_THE_LATEST_MS, self, self.complete)  # gone with it
        else:
            self.complete()

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
        self.article_header.setAccessibleName(_("Article title and source"))
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
        self.find_bar.setAccessibleName(_("Find in article"))
        self.find_bar.setPlaceholderText(
            _("Find in article (Enter: next, Shift+Enter: previous, Esc: close)")
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
        self.setWindowTitle(_("{lesson} — Media Literacy Lab").format(lesson=lesson.title))

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
        self._hints_pointed: list[str] = []
        if lesson.has_key:
            self.lesson_view.set_hint_source(self._generated_hint)
        self.lesson_view.restore_hints(workspace.hints_used)
        self.lesson_view.hint_revealed.connect(self._on_hint_revealed)
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
            source = escaped(_("source"))
            links.append(f"<a href='{escaped(attribution.url)}'>{source}</a>")
        if attribution.licence:
            terms = escaped(_("terms of reuse"))
            links.append(f"<a href='{TERMS_LINK}'>{terms}</a>")
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
                _("About this article"),
                _("{title}\n{source}\n\nTerms of reuse: {terms}").format(
                    title=title, source=attribution.summary(), terms=attribution.licence
                ),
            )
            return
        url = QUrl(link)
        if link == attribution.url and self.lesson_view.browser.is_openable(url):
            lesson_view_module.open_url(url)

    # --- wiring the parts: every action to what it does ---------------------------------
    def _connect_actions(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        a = self.registry
        handlers: dict[ActionId, Callable[[], object]] = {
            ActionId.OPEN: self.open_dialog,
            ActionId.SAVE: self.save,
            ActionId.SAVE_AS: self.save_as,
            ActionId.SUBMIT: self.submit,
            ActionId.EXPORT_MARKS: self.export_marks,
            ActionId.IMPORT_MARKS: self.import_marks,
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
            ActionId.LIBRARY: self.open_library,
            ActionId.PROGRESS: self.show_progress,
            ActionId.DRILL: self.practise,
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
                _("&Undo {command}").format(command=text.replace("&", "&&")) if text else _("&Undo")
            )
        )
        self.undo_stack.redoTextChanged.connect(
            lambda text: a[ActionId.REDO].setText(
                _("&Redo {command}").format(command=text.replace("&", "&&")) if text else _("&Redo")
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
            else _("no name yet")
        )
        self.setWindowTitle(
            _("{lesson} — {student} [*] — Media Literacy Lab").format(
                lesson=lesson.title, student=student
            )
        )
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
        workspace = self.workspace
        a[ActionId.SHOW_ANSWERS].setEnabled(
            bool(hidden) and not workspace.answers_revealed and workspace.may_show_answers
        )
        needed = max(1, workspace.lesson.answers_after)
        a[ActionId.SHOW_ANSWERS].setStatusTip(
            _("Reveal every passage in the key, with why it matters")
            if workspace.may_show_answers
            else ngettext(
                "Offered after {count} attempt: this lesson asks you to look again first",
                "Offered after {count} attempts: this lesson asks you to look again first",
                needed,
            ).format(count=needed)
        )
        if self.workspace.answers_revealed:  # restored work whose answers were seen: no relock
            self.lesson_view.set_checked(True)
        self._update_hint_action()
        self.side.setCurrentIndex(1 if reviewing and self.results_panel else 0)
        self.palette_widget.set_marking_enabled(
            not reviewing and self.article.selected_span() is not None
        )

    @Slot()
    def _update_hint_action(self) -> None:
        total = self.lesson_view.hint_count
        shown = self.lesson_view.hints_shown
        action = self.registry[ActionId.SHOW_HINT]
        action.setEnabled(shown < total)
        action.setText(
            _("Show a &hint ({shown} of {total} shown)").format(shown=shown, total=total)
            if total
            else _("No hints")
        )

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

    @property
    def study(self) -> Study:
        """The learner's progress, shared with the library and progress windows."""
        from literacy_app.gui import study  # the progress file is read at the first record

        return study.current()

    def changeEvent(self, event: QEvent) -> None:
        """Time on task runs only while this window is the one in use."""
        if event.type() == QEvent.Type.ActivationChange:
            if self.isActiveWindow():
                self.workspace.resume()
            else:
                self.workspace.pause()
        super().changeEvent(event)

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


__all__ = ["MainWindow", "__version__"]
