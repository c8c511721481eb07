"""Instructor mode: mark the key on the article, write what each item teaches, write the
lesson, check it, and export it for students.

The same article view, palette and list as the student window show the key; the key lives in a
core KeyDraft and the lesson text in a LessonDraft, both edited only through undoable commands.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from literacy_app.authoring.packaging import export_package
from literacy_app.authoring.validate import authoring_problems
from literacy_app.authoring.writing import lesson_files, write_lesson_files
from literacy_app.core.edits import change_category
from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.key_draft import (
    AddItem,
    EditDetails,
    ItemDetails,
    KeyDraft,
    RemoveItem,
)
from literacy_app.core.lesson import Lesson
from literacy_app.core.lesson_draft import LessonDraft, SetField
from literacy_app.core.marks import Mark, context_of, next_mark_id
from literacy_app.core.suggest import Suggestion, suggest
from literacy_app.core.text import trim_span
from literacy_app.formats.atomic import file_digest, text_digest
from literacy_app.formats.io import check
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.formats.recovery import AUTHOR_SUFFIX, RecoveryFile, write_author_draft
from literacy_app.gui import dialogs
from literacy_app.gui.article_view import ArticleView
from literacy_app.gui.autosave import Autosave
from literacy_app.gui.key_item_editor import KeyItemEditor
from literacy_app.gui.lesson_editor import LessonEditor
from literacy_app.gui.marks_model import MarksTableModel, refresh_row
from literacy_app.gui.marks_panel import MarksPanel
from literacy_app.gui.problems_panel import ProblemsPanel
from literacy_app.gui.rich_text import escaped
from literacy_app.gui.settings import recovery_dir
from literacy_app.gui.suggestions_panel import SuggestionsPanel
from literacy_app.gui.undo import EditCommand


class AuthorWindow(QMainWindow):
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
            "Save the lesson as soon as you can.",
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
            note_column=("Rationale", lambda mark: self.draft.details_of(mark.id).rationale),
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
        self.tabs.addTab(self.item_editor, "Key &item")
        self.tabs.addTab(self.lesson_editor, "&Lesson")
        self.tabs.addTab(self.suggestions, "&Suggestions")
        self.tabs.addTab(self.problems, "&Problems")

        header = QLabel(
            f"<b>Instructor mode</b> — {escaped(lesson.title)} · {escaped(str(lesson.folder))}"
        )
        header.setObjectName("author_header")
        header.setWordWrap(True)
        header.setContentsMargins(12, 6, 12, 6)
        article_pane = QWidget()
        article_layout = QVBoxLayout(article_pane)
        article_layout.setContentsMargins(0, 0, 0, 0)
        article_layout.addWidget(header)
        article_layout.addWidget(self.article, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tabs)
        splitter.addWidget(article_pane)
        splitter.addWidget(self.marks_panel)
        splitter.setSizes([480, 640, 340])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        self._build_actions()
        self.article.selection_changed.connect(
            lambda span: self.palette_widget.set_marking_enabled(span is not None)
        )
        self.article.mark_clicked.connect(self.select_item)
        self.palette_widget.category_chosen.connect(self.add_item_from_selection)
        self.palette_widget.set_marking_enabled(False)
        self.table.selectionModel().selectionChanged.connect(self._on_row_selected)
        self.item_editor.details_edited.connect(self._on_details_edited)
        self.item_editor.category_changed.connect(self._on_category_changed)
        self.lesson_editor.field_edited.connect(self._on_lesson_field)
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

        self.save_action = action("&Save lesson", self.save, QKeySequence.StandardKey.Save)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(
            [*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z")]
        )
        self.delete_action = action("&Delete key item", self.delete_current)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(self.delete_action)
        self.article.addAction(self.delete_action)
        self.suggest_action = action("Su&ggest items", self.run_suggestions, "Ctrl+G")
        self.validate_action = action("Chec&k lesson", self.validate, "F7")
        self.handout_action = action("Export student &handout…", lambda: self.export(True))
        self.full_action = action("Export &full package…", lambda: self.export(False))
        self.close_action = action("&Close", self.close, QKeySequence.StandardKey.Close)
        menu = self.menuBar().addMenu("&File")
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
        menu = self.menuBar().addMenu("&Edit")
        for item in (
            self.undo_action,
            self.redo_action,
            None,
            self.delete_action,
            self.suggest_action,
        ):
            menu.addSeparator() if item is None else menu.addAction(item)
        toolbar = QToolBar("Authoring")
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

    def _write_draft(self, recovery: RecoveryFile) -> None:
        """The draft as the files Save would write, so a restored draft is what Save writes."""
        lesson = self.current_lesson()
        write_author_draft(
            recovery, lesson.folder, lesson_files(lesson, lesson.key), len(self.draft.marks)
        )

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.lesson_draft.title} — Instructor mode [*] — Media Literacy Lab")
        self.setWindowModified(not self.undo_stack.isClean())

    # --- key items -----------------------------------------------------------------------------
    def _new_item(self, start: int, end: int, category: str) -> Mark | None:
        text = self.lesson.article.text
        start, end = trim_span(text, *sorted((start, end)))
        if end <= start or self.draft.marks.find_same(start, end, category):
            return None
        item_id = next_mark_id(self.draft.marks.ids, stem="k")
        return Mark(item_id, start, end, category, **context_of(text, start, end))

    @Slot(str)
    def add_item_from_selection(self, category: str) -> Mark | None:
        span = self.article.selected_span()
        mark = self._new_item(*span, category) if span else None
        if mark is None:
            self.statusBar().showMessage("Select the words of a new key item first.", 4000)
            return None
        self.push(self.draft, AddItem(mark, ItemDetails()))
        self.article.clear_selection()
        self.select_item(mark.id)
        self.tabs.setCurrentWidget(self.item_editor)
        self.item_editor.rationale.editor.setFocus()
        return mark

    def accept_suggestion(self, suggestion: Suggestion) -> None:
        mark = self._new_item(suggestion.start, suggestion.end, suggestion.category)
        if mark is None:
            self.statusBar().showMessage("The key already has that item.", 4000)
            return
        self.push(self.draft, AddItem(mark, ItemDetails()))
        self.select_item(mark.id)

    def _request_category(self, mark: Mark, field: str, value: str) -> None:
        if field == "category":
            self._on_category_changed(mark.id, value)

    @Slot(str, str)
    def _on_category_changed(self, item_id: str, category: str) -> None:
        before = self.draft.marks.get(item_id)
        name = self.lesson.taxonomy[category].name
        self.push(
            self.draft,
            change_category(before, category, name),
        )

    @Slot(str, object, str, bool)
    def _on_details_edited(
        self, item_id: str, details: ItemDetails, what: str, typing: bool
    ) -> None:
        before = self.draft.details_of(item_id)
        self.push(self.draft, EditDetails(item_id, before, details, what, typing))

    def _on_details_changed(self, item_id: str) -> None:
        if item_id in self.draft.marks.ids:
            refresh_row(self.model, item_id)
        if self.item_editor.item_id == item_id:
            self.item_editor.show_item(
                self.draft.marks.get(item_id), self.draft.details_of(item_id)
            )

    def delete_current(self) -> None:
        item_id = self.item_editor.item_id
        if item_id is None:
            return
        self.push(
            self.draft, RemoveItem(self.draft.marks.get(item_id), self.draft.details_of(item_id))
        )
        self.item_editor.show_item(None, ItemDetails())

    @Slot(str)
    def select_item(self, item_id: str) -> None:
        row = self.model.row_of(item_id)
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    @Slot(QItemSelection, QItemSelection)
    def _on_row_selected(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.item_editor.show_item(None, ItemDetails())
            self.article.set_current_mark(None)
            return
        mark = self.model.mark_at(rows[0].row())
        self.item_editor.show_item(mark, self.draft.details_of(mark.id))
        self.article.set_current_mark(mark.id)
        self.article.scroll_to(mark.start, mark.end)
        self.article.flash(mark.start, mark.end)

    # --- lesson text ---------------------------------------------------------------------------
    @Slot(str, object)
    def _on_lesson_field(self, name: str, value: object) -> None:
        self.push(self.lesson_draft, SetField(name, getattr(self.lesson_draft, name), value))
        if name == "title":
            self._update_title()

    # --- suggestions ---------------------------------------------------------------------------
    @Slot()
    def run_suggestions(self) -> None:
        found = [
            s
            for s in suggest(self.lesson.article.text)
            if not self.draft.marks.find_same(
                *trim_span(self.lesson.article.text, s.start, s.end), s.category
            )
        ]
        self.suggestions.set_suggestions(found)
        self.tabs.setCurrentWidget(self.suggestions)

    @Slot(object)
    def _show_suggestion(self, suggestion: Suggestion) -> None:
        self.article.scroll_to(suggestion.start, suggestion.end)
        self.article.flash(suggestion.start, suggestion.end)

    # --- saving, checking, exporting -----------------------------------------------------------
    def current_lesson(self) -> Lesson:
        return replace(self.lesson_draft.applied_to(self.lesson), key=self.draft.to_key())

    def _files_on_disk(self) -> dict[str, str | None]:
        """Digests of the files Save writes, as they are on disk now."""
        lesson = self.current_lesson()
        try:
            names = lesson_files(lesson, lesson.key)
        except FormatError:  # nothing Save could write: nothing to compare with
            return {}
        return {name: file_digest(lesson.folder / name) for name in names}

    def _changed_on_disk(self, files: dict[str, str]) -> Path | None:
        """The first of `files` that something else saved since this window read or wrote it
        (another instructor-mode window, an editor, a sync client)."""
        for name in files:
            now = file_digest(self.lesson.folder / name)
            if now is not None and now != self._on_disk.get(name, now):
                return self.lesson.folder / name
        return None

    def save(self) -> bool:
        lesson = self.current_lesson()
        try:
            files = lesson_files(lesson, lesson.key)  # rendered and checked once
        except FormatError as err:
            dialogs.problems(self, "Could not save the lesson", err.problems)
            return False
        changed = self._changed_on_disk(files)
        overwrite = changed is None or (
            dialogs.ask_changed_on_disk(self, changed, can_save_as=False) == "overwrite"
        )
        if not overwrite:
            return False
        try:
            write_lesson_files(lesson.folder, files)
        except OSError as err:
            dialogs.error(
                self,
                "Could not save the lesson",
                f"{lesson.folder}: {err.strerror or err}. Nothing was changed on disk.",
            )
            return False
        self.undo_stack.setClean()
        self._on_disk = {name: text_digest(text) for name, text in files.items()}
        self.autosave.discard()
        self.statusBar().showMessage(f"Saved {lesson.folder}", 4000)
        self.validate()
        return True

    def validate(self) -> list[Problem]:
        """`literacy-app check` plus the authoring checks, shown in the Problems tab."""
        problems = list(check(self.lesson.folder))
        # If the lesson cannot be loaded, check() above already says why.
        with contextlib.suppress(FormatError):
            problems.extend(authoring_problems(load_lesson(self.lesson.folder)))
        self.problems.set_problems(problems)
        if problems:
            self.tabs.setCurrentWidget(self.problems)
        return problems

    def export(self, handout: bool) -> Path | None:
        if not self.undo_stack.isClean() and not self.save():
            return None
        kind = "handout" if handout else "full package"
        suggested = self.lesson.folder.parent / (
            f"{self.lesson.id}-{'handout' if handout else 'full'}.zip"
        )
        name, _ = QFileDialog.getSaveFileName(
            self,
            f"Export the {kind} (.zip, or a new folder name)",
            str(suggested),
            "Lesson package (*.zip);;Folder (*)",
        )
        if not name:
            return None
        try:
            destination = export_package(self.lesson.folder, Path(name), handout=handout)
        except (OSError, FormatError, FileExistsError) as err:
            dialogs.error(self, f"Could not export the {kind}", str(err))
            return None
        self.statusBar().showMessage(f"Exported the {kind} to {destination}", 6000)
        return destination

    @Slot(str)
    def _go_to_problem(self, json_path: str) -> None:
        if json_path.startswith("$.items["):
            index = int(json_path.split("[", 1)[1].split("]", 1)[0])
            key_items = self.draft.to_key().items
            if 0 <= index < len(key_items):
                self.select_item(key_items[index].id)
                self.tabs.setCurrentWidget(self.item_editor)

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


def new_lesson_dialog(parent: QWidget | None) -> Path | None:
    """Import an article (.txt, .md, .html) into a new lesson folder; None if cancelled."""
    from literacy_app.authoring.importing import import_article, import_text
    from literacy_app.authoring.writing import new_lesson

    how, ok = QInputDialog.getItem(
        parent,
        "New lesson",
        "Start from:",
        ["An article file (.txt, .md, .html)", "Pasted text"],
        0,
        False,
    )
    if not ok:
        return None
    if how.startswith("Pasted"):
        pasted, ok = QInputDialog.getMultiLineText(
            parent, "Paste the article", "The article's headline, then its text:"
        )
        if not ok or not pasted.strip():
            return None
        article = import_text(pasted)
    else:
        source, _ = QFileDialog.getOpenFileName(
            parent, "Import an article", "", "Articles (*.txt *.md *.html *.htm)"
        )
        if not source:
            return None
        try:
            article = import_article(Path(source))
        except FormatError as err:
            dialogs.problems(parent, "Could not import the article", err.problems)
            return None
    text, ok = QInputDialog.getMultiLineText(
        parent,
        "Check the article text",
        "Remove any leftover site text (menus, share buttons, disclaimers). The article is "
        "frozen once the lesson is created: the key is anchored to it.",
        article.text,
    )
    if not ok or not text.strip():
        return None
    title, ok = QInputDialog.getText(
        parent, "Lesson title", "Title of the lesson:", text=article.title
    )
    if not ok:
        return None
    folder = QFileDialog.getExistingDirectory(parent, "Where to create the lesson folder")
    if not folder:
        return None
    lesson_id = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")[:40]
    try:
        return new_lesson(
            Path(folder) / lesson_id,
            article.with_text(text),
            lesson_id or "lesson",
            title or article.title or "New lesson",
        )
    except (FormatError, FileExistsError, OSError) as err:
        dialogs.error(parent, "Could not create the lesson", str(err))
        return None
