"""The key items in instructor mode: adding the selected words as an item (a category's key,
its palette button, Ctrl+K), changing an item's category, moving its ends a word at a time,
its rationale and other details, deleting it, and the suggested items. A part of
`AuthorWindow` (see gui/author_window.py)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelection, Slot

from literacy_app.core.edits import change_category
from literacy_app.core.key_draft import (
    AddItem,
    EditDetails,
    ItemDetails,
    MoveItem,
    RemoveItem,
    stepped_span,
)
from literacy_app.core.marks import Mark, context_of, next_mark_id
from literacy_app.core.suggest import Suggestion, suggest
from literacy_app.core.text import snap_to_words, trim_span
from literacy_app.gui.author_base import AuthorBase
from literacy_app.gui.marks_model import refresh_row
from literacy_app.gui.palette import category_key_actions
from literacy_app.i18n import _


class KeyItemsMixin(AuthorBase):
    # --- key items -----------------------------------------------------------------------------
    def _install_category_keys(self) -> None:
        """The key each palette button shows (digits, then letters), in the article and the
        key item list: what the palette promises, as in the student window."""
        category_key_actions(
            self.palette_widget.digits,
            self.lesson.taxonomy,
            (self.article, self.table),
            self.choose_category,
        )
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
                _("The key already has that item.")
                if span
                else _("Select the words of a new key item first (or an item, to change it).")
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
                _(
                    "Widened to whole words: “{quote}”. Shift+arrows in the key item list "
                    "adjust it."
                ).format(quote=mark.quote),
                6000,
            )
        return mark

    def quick_pick(self) -> None:
        """Ctrl+K: a category by typing its name, for the selected words or item."""
        item_id = self.item_editor.item_id
        selected = self.article.selected_span()
        if selected is None and item_id not in self.draft.marks.ids:
            self.statusBar().showMessage(
                _("Select the words of a new key item first (or an item, to change it)."), 4000
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
            self.statusBar().showMessage(_("Select a key item in the list first."), 4000)
            return None
        before = self.draft.marks.get(item_id)
        text = self.lesson.article.text
        span = stepped_span(text, before.start, before.end, edge, step)
        if span is None or any(
            m.id != item_id and (m.start, m.end, m.category) == (*span, before.category)
            for m in self.draft.marks
        ):
            self.statusBar().showMessage(_("The item cannot move that way."), 4000)
            return None
        after = replace(before, start=span[0], end=span[1], **context_of(text, *span))
        self.push(self.draft, MoveItem(before, after))
        self.select_item(item_id)
        return after

    def accept_suggestion(self, suggestion: Suggestion) -> None:
        mark = self._new_item(suggestion.start, suggestion.end, suggestion.category)
        if mark is None:
            self.statusBar().showMessage(_("The key already has that item."), 4000)
            return
        self.push(self.draft, AddItem(mark, ItemDetails()))
        self.select_item(mark.id)

    def _request_category(self, mark: Mark, field: str, value: str) -> None:
        if field == "category":
            self._on_category_changed(mark.id, value)

    @Slot(str, str)
    def _on_category_changed(self, item_id: str, category: str) -> None:
        before = self.draft.marks.get(item_id)
        name = self.lesson.taxonomy[category].display_name
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
