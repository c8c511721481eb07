"""Instructor mode: mark the key on the article, write what each item teaches, write the
lesson, check it, and export it for students.

The same article view, palette and list as the student window show the key; the key lives in a
core KeyDraft and the lesson text in a LessonDraft, both edited only through undoable commands.
The keys work as the palette says: a category's key (or Ctrl+K) adds the selected words as an
item, or changes the selected item's category; Shift+arrows move the selected item's end by a
word and Ctrl+Shift+arrows its start. "Check lesson" checks the draft as it is on screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from literacy_app.core.key_draft import KeyDraft, SpanStep
from literacy_app.core.lesson import Lesson
from literacy_app.core.lesson_draft import LessonDraft
from literacy_app.formats.recovery import AUTHOR_SUFFIX, RecoveryFile
from literacy_app.gui import dialogs
from literacy_app.gui.article_view import ArticleView
from literacy_app.gui.author_files import AuthorFilesMixin
from literacy_app.gui.author_keys import KeyItemsMixin
from literacy_app.gui.author_lesson import LessonTextMixin
from literacy_app.gui.autosave import Autosave
from literacy_app.gui.key_item_editor import KeyItemEditor
from literacy_app.gui.lesson_editor import LessonEditor
from literacy_app.gui.marks_model import MarksTableModel
from literacy_app.gui.marks_panel import MarksPanel
from literacy_app.gui.new_lesson import new_lesson_dialog
from literacy_app.gui.problems_panel import ProblemsPanel
from literacy_app.gui.rich_text import escaped
from literacy_app.gui.settings import recovery_dir
from literacy_app.gui.suggestions_panel import SuggestionsPanel
from literacy_app.gui.undo import EditCommand
from literacy_app.i18n import N_, _

# The window is composed of parts, one purpose each (gui/author_*.py: its key items, its lesson
# text, its files; author_base.py declares what they share). new_lesson_dialog (File › New
# lesson) is imported from here by the student window and `literacy-app author`.
__all__ = ["AuthorWindow", "new_lesson_dialog"]


class AuthorWindow(KeyItemsMixin, LessonTextMixin, AuthorFilesMixin, QMainWindow):
    #: What the close prompt calls unsaved work (`dialogs.ask_save`).
    unsaved_noun = N_("key items or lesson text")

    def __init__(self, lesson: Lesson, restored_from: Path | None = None) -> None:
        """`restored_from`: the recovery file `lesson` was restored from (an unsaved draft)."""
        super().__init__()
        self.setObjectName("author_window")
        self.lesson = lesson
        self.draft = KeyDraft.from_key(lesson.key, lesson.id, lesson.article.sha256)
        self.lesson_draft = LessonDraft.from_lesson(lesson)
        # Made before the undo stack, so that it is gone (and its connections with it) before
        # the stack, whose destruction still emits indexChanged.
        self.autosave = Autosave(
            self,
            lambda: self.undo_stack.isClean(),
            self._write_draft,
            lambda: RecoveryFile.new(recovery_dir(), lesson.id, AUTHOR_SUFFIX),
            self.statusBar().showMessage,
            _("Save the lesson as soon as you can."),
        )
        self.undo_stack = QUndoStack(self)
        taxonomy = lesson.taxonomy

        self.article = ArticleView(
            lesson.article.text, self.draft.marks, taxonomy, headline=lesson.article.title
        )
        self.model = MarksTableModel(
            self.draft.marks,
            taxonomy,
            self._request_category,
            note_column=(_("Rationale"), lambda mark: self.draft.details_of(mark.id).rationale),
        )
        self.marks_panel = MarksPanel(taxonomy, taxonomy, self.model, noun="key items")
        self.palette_widget = self.marks_panel.palette_widget
        self.table = self.marks_panel.table
        self.item_editor = KeyItemEditor(taxonomy, lesson.folder)
        self.lesson_editor = LessonEditor(self.lesson_draft, taxonomy, lesson.folder)
        self.suggestions = SuggestionsPanel(taxonomy)
        self.problems = ProblemsPanel()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("author_tabs")
        self.tabs.addTab(self.item_editor, _("Key &item"))
        self.tabs.addTab(self.lesson_editor, _("&Lesson"))
        self.tabs.addTab(self.suggestions, _("&Suggestions"))
        self.tabs.addTab(self.problems, _("&Problems"))

        header = QLabel(
            _("<b>Instructor mode</b> — {title} · {folder}").format(
                title=escaped(lesson.title), folder=escaped(str(lesson.folder))
            )
        )
        header.setObjectName("author_header")
        header.setWordWrap(True)
        header.setContentsMargins(12, 6, 12, 0)
        self.source_label = QLabel()
        self.source_label.setObjectName("author_source")
        self.source_label.setWordWrap(True)
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)
        self.source_label.setContentsMargins(12, 0, 12, 6)
        self.source_label.setAccessibleName(_("Where the article comes from"))
        article_pane = QWidget()
        article_layout = QVBoxLayout(article_pane)
        article_layout.setContentsMargins(0, 0, 0, 0)
        article_layout.addWidget(header)
        article_layout.addWidget(self.source_label)
        article_layout.addWidget(self.article, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tabs)
        splitter.addWidget(article_pane)
        splitter.addWidget(self.marks_panel)
        splitter.setSizes([480, 640, 340])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        self._build_actions()
        self._install_category_keys()
        self.article.selection_changed.connect(
            lambda span: self.palette_widget.set_marking_enabled(span is not None)
        )
        self.article.mark_clicked.connect(self.select_item)
        self.palette_widget.category_chosen.connect(self.choose_category)
        self.palette_widget.set_selected_mark_source(self._quote_of_selected)
        self.palette_widget.set_marking_enabled(False)
        self.table.selectionModel().selectionChanged.connect(self._on_row_selected)
        self.item_editor.details_edited.connect(self._on_details_edited)
        self.item_editor.category_changed.connect(self._on_category_changed)
        self.lesson_editor.field_edited.connect(self._on_lesson_field)
        self.lesson_draft.subscribe(self._on_lesson_changed)
        self._show_source()
        self.suggestions.run_requested.connect(self.run_suggestions)
        self.suggestions.accepted.connect(self.accept_suggestion)
        self.suggestions.selected.connect(self._show_suggestion)
        self.problems.problem_activated.connect(self._go_to_problem)
        self.draft.subscribe_details(self._on_details_changed)
        self.undo_stack.cleanChanged.connect(self._update_title)
        self._on_disk = self._files_on_disk()  # what Save may overwrite without asking
        self.undo_stack.indexChanged.connect(self.autosave.schedule)
        if restored_from is not None:
            self.autosave.adopt(restored_from)
            self.undo_stack.resetClean()  # unsaved until the instructor saves: closing asks
        self._update_title()
        self.resize(1460, 900)

    # --- actions -------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        def action(
            text: str,
            slot: object,
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        ) -> QAction:
            made = QAction(text, self)
            if shortcut is not None:
                made.setShortcut(QKeySequence(shortcut))
            made.triggered.connect(lambda _=False: slot())  # type: ignore[operator]
            self.addAction(made)
            return made

        self.save_action = action(_("&Save lesson"), self.save, QKeySequence.StandardKey.Save)
        self.undo_action = self.undo_stack.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, _("&Redo"))
        # The platform's redo keys and Ctrl+Shift+Z, each once: a key listed twice (Linux's
        # redo keys already hold Ctrl+Shift+Z) is an ambiguous shortcut that does nothing.
        redo_keys: list[QKeySequence] = []
        for sequence in [
            *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo),
            QKeySequence("Ctrl+Shift+Z"),
        ]:
            if not sequence.isEmpty() and sequence not in redo_keys:
                redo_keys.append(sequence)
        self.redo_action.setShortcuts(redo_keys)
        self.delete_action = action(_("&Delete key item"), self.delete_current)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(self.delete_action)
        self.article.addAction(self.delete_action)
        self.quick_pick_action = action(_("&Mark as…"), self.quick_pick, "Ctrl+K")
        self.quick_pick_action.setStatusTip(
            _("Choose a category by typing its name: for the selected words, or the selected item")
        )
        self.span_actions: dict[SpanStep, QAction] = {}
        for (edge, step), text, keys in (
            (("end", 1), _("Extend item to the next word"), "Shift+Right"),
            (("end", -1), _("Shorten item by its last word"), "Shift+Left"),
            (("start", -1), _("Extend item to the previous word"), "Ctrl+Shift+Left"),
            (("start", 1), _("Shorten item by its first word"), "Ctrl+Shift+Right"),
        ):
            made = action(text, lambda e=edge, n=step: self.step_item_span(e, n), keys)
            # In the key item list only: in the article, Shift+arrows select words.
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.removeAction(made)
            self.table.addAction(made)
            self.span_actions[(edge, step)] = made
        self.suggest_action = action(_("Su&ggest items"), self.run_suggestions, "Ctrl+G")
        self.validate_action = action(_("Chec&k lesson"), self.validate, "F7")
        self.handout_action = action(_("Export student &handout…"), lambda: self.export(True))
        self.full_action = action(_("Export &full package…"), lambda: self.export(False))
        self.close_action = action(_("&Close"), self.close, QKeySequence.StandardKey.Close)
        menu = self.menuBar().addMenu(_("&File"))
        for item in (
            self.save_action,
            self.validate_action,
            None,
            self.handout_action,
            self.full_action,
            None,
            self.close_action,
        ):
            menu.addSeparator() if item is None else menu.addAction(item)
        menu = self.menuBar().addMenu(_("&Edit"))
        for item in (
            self.undo_action,
            self.redo_action,
            None,
            self.quick_pick_action,
            self.delete_action,
            *self.span_actions.values(),
            None,
            self.suggest_action,
        ):
            menu.addSeparator() if item is None else menu.addAction(item)
        toolbar = QToolBar(_("Authoring"))
        toolbar.setObjectName("author_toolbar")
        toolbar.setMovable(False)
        for item in (
            self.save_action,
            self.undo_action,
            self.redo_action,
            self.suggest_action,
            self.validate_action,
            self.handout_action,
            self.full_action,
        ):
            toolbar.addAction(item)
        self.addToolBar(toolbar)

    def push(self, target: KeyDraft | LessonDraft, edit: object) -> None:
        self.undo_stack.push(EditCommand(target, edit))

    def _update_title(self) -> None:
        self.setWindowTitle(
            _("{title} — Instructor mode [*] — Media Literacy Lab").format(
                title=self.lesson_draft.title
            )
        )
        self.setWindowModified(not self.undo_stack.isClean())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.undo_stack.isClean():
            answer = dialogs.ask_save(self)
            if answer == QMessageBox.StandardButton.Save and not self.save():
                event.ignore()
                return
            if answer not in (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard):
                event.ignore()  # Cancel, or the box closed without an answer
                return
        self.autosave.discard()
        event.accept()
