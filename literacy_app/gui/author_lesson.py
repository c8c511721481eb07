"""The lesson text in instructor mode: a field edited in the Lesson tab becomes an undoable
edit, and what the window shows of the lesson (its title, the article's source under the
header) follows every edit and undo. A part of `AuthorWindow` (see gui/author_window.py)."""

from __future__ import annotations

from PySide6.QtCore import Slot

from literacy_app.core.lesson_draft import SetField
from literacy_app.gui.author_base import AuthorBase
from literacy_app.i18n import _


class LessonTextMixin(AuthorBase):
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
            parts.append(_("Licence: {licence}").format(licence=source.licence))
        line = " · ".join(part for part in parts if part)
        self.source_label.setText(line or _("Source not given: add it in Lesson › Source."))
