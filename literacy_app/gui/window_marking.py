"""Marking in the student window: turning a selection and a category into an undoable mark,
changing, noting and deleting marks, moving between them, and find, zoom and hints. A part
of `MainWindow` (see gui/main_window.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot

from literacy_app.core.marks import Mark

if TYPE_CHECKING:
    from PySide6.QtCore import QItemSelection

    from literacy_app.core.edits import Edit
from literacy_app.gui.rich_text import shortened
from literacy_app.gui.window_base import WindowBase
from literacy_app.i18n import _


class MarkingMixin(WindowBase):
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
            self.statusBar().showMessage(
                _("Go back to marking (Ctrl+B) to change your marks."), 4000
            )
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
                _("Select some words in the article (or a mark, to change it) first."), 4000
            )
            return None
        existing = self.workspace.marks.find_same(*span, category)
        if existing is not None:
            self.select_mark(existing.id)
            self.statusBar().showMessage(_("That passage already has this mark."), 4000)
            return None
        mark = self.workspace.new_mark(*span, category)
        from literacy_app.core.edits import AddMark

        self.push(AddMark(mark))
        self.article.clear_selection()
        self.select_mark(mark.id, scroll=False)
        name = self.workspace.lesson.taxonomy[category].display_name
        self.statusBar().showMessage(
            _("Marked “{quote}” as {category}.").format(quote=shortened(mark.quote), category=name),
            4000,
        )
        return mark

    def change_mark_category(self, category: str, mark: Mark | None = None) -> Mark | None:
        """Give `mark` (the selected mark by default) the category `category`, as one undoable
        step; the mark stays selected so another key can correct a slip at once. Returns the
        changed mark, or None when nothing changed (and the status bar says why)."""
        mark = mark if mark is not None else self.current_mark()
        if mark is None or self.workspace.reviewing:
            self.statusBar().showMessage(_("Select a mark first (click it, or use F8)."), 4000)
            return None
        name = self.workspace.lesson.taxonomy[category].display_name
        if mark.category == category:
            self.statusBar().showMessage(
                _("“{quote}” is already {category}.").format(
                    quote=shortened(mark.quote), category=name
                ),
                4000,
            )
            return None
        twin = self.workspace.marks.find_same(mark.start, mark.end, category)
        if twin is not None:
            self.select_mark(twin.id)
            self.statusBar().showMessage(_("That passage already has this mark."), 4000)
            return None
        from literacy_app.core.edits import change_category

        edit = change_category(mark, category, name)
        self.push(edit)
        self.select_mark(mark.id, scroll=False)
        self.statusBar().showMessage(
            _("Changed “{quote}” to {category}.").format(
                quote=shortened(mark.quote), category=name
            ),
            4000,
        )
        return edit.after

    def _request_edit(self, mark: Mark, field: str, value: str) -> None:
        if self.workspace.reviewing:
            return
        from literacy_app.core.edits import change_category, change_note

        if field == "note":
            self.push(change_note(mark, value))
        else:
            name = self.workspace.lesson.taxonomy[value].display_name
            self.push(change_category(mark, value, name))

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
            self.statusBar().showMessage(_("Select a mark first (click it, or use F8)."), 4000)
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
                _("Select some words in the article (or a mark, to change it) first."), 4000
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
        title = _("Change “{quote}” to…").format(quote=shortened(mark.quote, 30))
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
        self.statusBar().showMessage(
            "" if found else _("“{text}” is not in the article.").format(text=needle), 3000
        )
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
            self.statusBar().showMessage(_("There are no more hints."), 3000)

    def _generated_hint(self, level: int) -> tuple[str, str] | None:
        """Hint `level` worked out from the marks as they are now (gui/hint_ladder.py). Level
        3 points at another passage each time it is asked for again (a reopened lesson)."""
        from literacy_app.gui.hint_ladder import generated_hint  # grades: not at start-up

        workspace = self.workspace
        if workspace.lesson.key is None:
            return None
        hint = generated_hint(
            level,
            workspace.lesson,
            workspace.prepared_key(),
            list(workspace.marks),
            self._hints_pointed,
        )
        if hint.item_id:
            self._hints_pointed.append(hint.item_id)
        return hint.title, hint.text

    @Slot(int)
    def _on_hint_revealed(self, index: int) -> None:
        """A hint is part of the work: recorded in it (the lesson may charge for it) and kept
        by autosave, like an attempt."""
        self.workspace.hint_revealed()
        self.undo_stack.resetClean()
        self.autosave.schedule()
        penalty = self.workspace.lesson.hint_penalty
        if penalty:
            self.statusBar().showMessage(
                _(
                    "Hint {number} shown. In this lesson each hint costs {penalty} points of "
                    "your score ({deducted} so far)."
                ).format(
                    number=index + 1,
                    penalty=f"{penalty:g}",
                    deducted=f"{self.workspace.hint_deduction:g}",
                ),
                8000,
            )
