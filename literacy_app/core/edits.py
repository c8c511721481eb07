"""Every change a user can make to marks, as a pure do/undo pair on a MarkSet.

The GUI wraps each in a QUndoCommand; tests and scripts use them directly. `text` is what the
Edit menu shows ("Undo Add mark: loaded language").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from literacy_app.core.marks import Mark
from literacy_app.core.markset import MarkSet
from literacy_app.i18n import N_, _


@dataclass(frozen=True)
class AddMark:
    mark: Mark

    @property
    def text(self) -> str:
        return _("Add mark “{quote}”").format(quote=_short(self.mark.quote))

    def apply(self, marks: MarkSet) -> None:
        marks.add(self.mark)

    def revert(self, marks: MarkSet) -> None:
        marks.remove(self.mark.id)


@dataclass(frozen=True)
class RemoveMark:
    mark: Mark

    @property
    def text(self) -> str:
        return _("Delete mark “{quote}”").format(quote=_short(self.mark.quote))

    def apply(self, marks: MarkSet) -> None:
        marks.remove(self.mark.id)

    def revert(self, marks: MarkSet) -> None:
        marks.add(self.mark)


@dataclass(frozen=True)
class EditMark:
    """Category or note change; `before` and `after` are the same mark (same id and span)."""

    before: Mark
    after: Mark
    what: str = N_("Edit mark")  # translated when shown

    @property
    def text(self) -> str:
        return _(self.what)

    def apply(self, marks: MarkSet) -> None:
        marks.replace(self.after)

    def revert(self, marks: MarkSet) -> None:
        marks.replace(self.before)


def change_category(mark: Mark, category: str, name: str = "") -> EditMark:
    """`name` is the category as the user sees it (its translated name)."""
    what = _("Change category to {name}").format(name=name or category)
    return EditMark(mark, replace(mark, category=category), what)


def change_note(mark: Mark, note: str) -> EditMark:
    return EditMark(mark, replace(mark, note=note), _("Edit note"))


Edit = AddMark | RemoveMark | EditMark


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
