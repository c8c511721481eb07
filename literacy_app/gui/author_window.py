"""Instructor mode: mark the key on the article, write what each item teaches, write the
lesson, check it, and export it for students.

The same article view, palette and list as the student window show the key; the key lives in a
core KeyDraft and the lesson text in a LessonDraft, both edited only through undoable commands.
The keys work as the palette says: a category's key (or Ctrl+K) adds the selected words as an
item, or changes the selected item's category; Shift+arrows move the selected item's end by a
word and Ctrl+Shift+arrows its start. "Check lesson" checks the draft as it is on screen.
"""

from __future__ import annotations

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

from literacy_app.authoring.drafts import draft_problems
from literacy_app.authoring.packaging import export_package
from literacy_app.authoring.writing import lesson_files, write_lesson_files
from literacy_app.core.edits import change_category
from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.key_draft import (
    AddItem,
    EditDetails,
    ItemDetails,
    KeyDraft,
    MoveItem,
    RemoveItem,
    SpanStep,
    stepped_span,
)
from literacy_app.core.lesson import Lesson
from literacy_app.core.lesson_draft import LessonDraft, SetField
from literacy_app.core.marks import Mark, context_of, next_mark_id
from literacy_app.core.suggest import Suggestion, suggest
from literacy_app.core.text import snap_to_words, trim_span
from literacy_app.formats.atomic import file_digest, text_digest
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
    #: What the close prompt calls unsaved work (`dialogs.ask_save`).
    unsaved_noun = "key items or lesson text"

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
        header.setContentsMargins(12, 6, 12, 0)
        self.source_label = QLabel()
        self.source_label.setObjectName("author_source")
        self.source_label.setWordWrap(True)
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)
        self.source_label.setContentsMargins(12, 0, 12, 6)
        self.source_label.setAccessibleName("Where the article comes from")
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

        self.save_action = action("&Save lesson", self.save, QKeySequence.StandardKey.Save)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
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
        self.delete_action = action("&Delete key item", self.delete_current)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(self.delete_action)
        self.article.addAction(self.delete_action)
        self.quick_pick_action = action("&Mark as…", self.quick_pick, "Ctrl+K")
        self.quick_pick_action.setStatusTip(
            "Choose a category by typing its name: for the selected words, or the selected item"
        )
        self.span_actions: dict[SpanStep, QAction] = {}
        for (edge, step), text, keys in (
            (("end", 1), "Extend item to the next word", "Shift+Right"),
            (("end", -1), "Shorten item by its last word", "Shift+Left"),
            (("start", -1), "Extend item to the previous word", "Ctrl+Shift+Left"),
            (("start", 1), "Shorten item by its first word", "Ctrl+Shift+Right"),
        ):
            made = action(text, lambda e=edge, n=step: self.step_item_span(e, n), keys)
            # In the key item list only: in the article, Shift+arrows select words.
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.removeAction(made)
            self.table.addAction(made)
            self.span_actions[(edge, step)] = made
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
            self.quick_pick_action,
            self.delete_action,
            *self.span_actions.values(),
            None,
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
    def _install_category_keys(self) -> None:
        """The key each palette button shows (digits, then letters), in the article and the
        key item list: what the palette promises, as in the student window."""
        for key, category_id in self.palette_widget.digits.items():
            for target in (self.article, self.table):
                made = QAction(f"Mark as {self.lesson.taxonomy[category_id].name}", target)
                made.setObjectName(f"category_key_{category_id}")
                made.setShortcut(QKeySequence(key))
                made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                made.triggered.connect(lambda _=False, c=category_id: self.choose_category(c))
                target.addAction(made)
        refresh = self.palette_widget.refresh_target
        self.table.selectionModel().selectionChanged.connect(lambda *_: refresh())
        for signal in (self.model.rowsRemoved, self.model.modelReset):
            signal.connect(lambda *_: refresh())

    def _quote_of_selected(self) -> str | None:
        """The selected item's words, which a category (button, key) would now recategorise."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.mark_at(rows[0].row()).quote if rows else None

    def _new_item(self, start: int, end: int, category: str) -> Mark | None:
        """An item on whole words: a drag that starts or ends inside a word takes the whole
        word (students mark whole words; half a word would match none of their marks)."""
        text = self.lesson.article.text
        start, end = trim_span(text, *snap_to_words(text, *sorted((start, end))))
        if end <= start or self.draft.marks.find_same(start, end, category):
            return None
        item_id = next_mark_id(self.draft.marks.ids, stem="k")
        return Mark(item_id, start, end, category, **context_of(text, start, end))

    @Slot(str)
    def choose_category(self, category: str) -> Mark | None:
        """A palette button, a category key or Ctrl+K: add the selected words as an item, or,
        with no words selected, change the selected item's category."""
        item_id = self.item_editor.item_id
        if self.article.selected_span() is None and item_id in self.draft.marks.ids:
            if self.draft.marks.get(item_id).category != category:
                self._on_category_changed(item_id, category)
            return None
        return self.add_item_from_selection(category)

    @Slot(str)
    def add_item_from_selection(self, category: str) -> Mark | None:
        span = self.article.selected_span()
        mark = self._new_item(*span, category) if span else None
        if mark is None:
            message = (
                "The key already has that item."
                if span
                else "Select the words of a new key item first (or an item, to change it)."
            )
            self.statusBar().showMessage(message, 4000)
            return None
        self.push(self.draft, AddItem(mark, ItemDetails()))
        self.article.clear_selection()
        self.select_item(mark.id)
        self.tabs.setCurrentWidget(self.item_editor)
        self.item_editor.rationale.editor.setFocus()
        if span is not None and (mark.start, mark.end) != trim_span(
            self.lesson.article.text, *sorted(span)
        ):
            self.statusBar().showMessage(
                f"Widened to whole words: “{mark.quote}”. Shift+arrows in the key item list "
                "adjust it.",
                6000,
            )
        return mark

    def quick_pick(self) -> None:
        """Ctrl+K: a category by typing its name, for the selected words or item."""
        item_id = self.item_editor.item_id
        selected = self.article.selected_span()
        if selected is None and item_id not in self.draft.marks.ids:
            self.statusBar().showMessage(
                "Select the words of a new key item first (or an item, to change it).", 4000
            )
            return
        from literacy_app.gui.quick_picker import QuickPicker

        current = self.draft.marks.get(item_id).category if selected is None and item_id else None
        # The palette's categories: the whole taxonomy, as a key may use any of them.
        category = QuickPicker.pick(self.lesson.taxonomy, self, current=current)
        if category:
            self.choose_category(category)

    def step_item_span(self, edge: str, step: int) -> Mark | None:
        """Move one end of the selected item by a word (Shift+arrows), as one undoable edit
        that keeps the item's category, rationale and the rest."""
        item_id = self.item_editor.item_id
        if item_id not in self.draft.marks.ids:
            self.statusBar().showMessage("Select a key item in the list first.", 4000)
            return None
        before = self.draft.marks.get(item_id)
        text = self.lesson.article.text
        span = stepped_span(text, before.start, before.end, edge, step)
        if span is None or any(
            m.id != item_id and (m.start, m.end, m.category) == (*span, before.category)
            for m in self.draft.marks
        ):
            self.statusBar().showMessage("The item cannot move that way.", 4000)
            return None
        after = replace(before, start=span[0], end=span[1], **context_of(text, *span))
        self.push(self.draft, MoveItem(before, after))
        self.select_item(item_id)
        return after

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
        if item_id not in self.draft.marks.ids:
            return
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
        self.push(self.lesson_draft, SetField(name, self.lesson_draft.get(name), value))

    def _on_lesson_changed(self, name: str) -> None:
        """A lesson field changed (an edit, an undo): what the window shows of it follows."""
        if name == "title":
            self._update_title()
        elif name.startswith("attribution."):
            self._show_source()

    def _show_source(self) -> None:
        """Where the article comes from, under the header: as students see it with the text."""
        source = self.lesson_draft.attribution
        parts = [source.summary(), source.url]
        if source.licence:
            parts.append(f"Licence: {source.licence}")
        line = " · ".join(part for part in parts if part)
        self.source_label.setText(line or "Source not given: add it in Lesson › Source.")

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
        """What `literacy-app check` would say once the draft on screen is saved (unsaved items
        and text included), shown in the Problems tab: the same list, the same places."""
        lesson = self.current_lesson()
        try:
            problems = draft_problems(lesson.folder, lesson_files(lesson, lesson.key))
        except FormatError as err:  # the draft cannot even be written (a heading in a section)
            problems = err.problems
        self.problems.set_problems(problems)
        if problems:
            self.tabs.setCurrentWidget(self.problems)
        return problems

    def export(self, handout: bool) -> Path | None:
        if not self.undo_stack.isClean() and not self.save():
            return None
        kind = "handout" if handout else "full package"
        unfinished = [p for p in self.validate() if p.severity == "warning"]
        if unfinished and not self._export_draft_anyway(kind, len(unfinished)):
            return None
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

    def _export_draft_anyway(self, kind: str, count: int) -> bool:
        """`package` refuses an unfinished lesson unless it is a draft; so does Export, unless
        the instructor says it is one (to try it out with a colleague, say)."""
        things = f"{count} thing" + ("" if count == 1 else "s")
        answer = QMessageBox.question(
            self,
            "The lesson is not finished",
            f"The Problems tab lists {things} left to do. Export the {kind} as a draft anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

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
    from literacy_app.gui.article_text_dialog import ArticleTextDialog

    notes = tuple(getattr(article, "notes", ()))  # what the importer asks the author to check
    text = ArticleTextDialog.ask(article.text, notes, parent)
    if text is None or not text.strip():
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
