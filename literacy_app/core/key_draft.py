"""An answer key being written: the spans live in a MarkSet (so the student widgets can show
and edit them), the teaching fields (rationale, required, weight, alternatives, hint) beside it.

Every change is an undoable edit, like a student's marks; `to_key()` freezes the draft into an
AnswerKey for saving and validation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from literacy_app.core.edits import EditMark
from literacy_app.core.key import AnswerKey, KeyItem, ScoringSettings, Span
from literacy_app.core.marks import Mark
from literacy_app.core.markset import MarkSet
from literacy_app.core.text import _in_word as in_word  # the one definition of a word
from literacy_app.i18n import N_, _


@dataclass(frozen=True)
class ItemDetails:
    rationale: str = ""
    required: bool = True
    weight: float = 1.0
    also_accept: tuple[str, ...] = ()
    hint: str = ""
    core: Span | None = None
    alternatives: tuple[Span, ...] = ()
    parts: tuple[Span, ...] = ()


DetailsListener = Callable[[str], None]


@dataclass
class KeyDraft:
    marks: MarkSet
    details: dict[str, ItemDetails] = field(default_factory=dict)
    lesson: str = ""
    author: str = ""
    revision: int = 1
    article_sha256: str = ""
    scoring: ScoringSettings = field(default_factory=ScoringSettings)
    _listeners: list[DetailsListener] = field(default_factory=list, repr=False)

    @classmethod
    def from_key(cls, key: AnswerKey | None, lesson: str, article_sha256: str) -> KeyDraft:
        if key is None:
            return cls(MarkSet(), lesson=lesson, article_sha256=article_sha256)
        return cls(
            MarkSet(item.mark for item in key.items),
            {
                item.id: ItemDetails(
                    item.rationale,
                    item.required,
                    item.weight,
                    item.also_accept,
                    item.hint,
                    item.core,
                    item.alternatives,
                    item.parts,
                )
                for item in key.items
            },
            lesson=key.lesson or lesson,
            author=key.author,
            revision=key.revision,
            article_sha256=article_sha256,
            scoring=key.scoring,
        )

    def subscribe_details(self, listener: DetailsListener) -> None:
        self._listeners.append(listener)

    def details_of(self, item_id: str) -> ItemDetails:
        return self.details.get(item_id, ItemDetails())

    def set_details(self, item_id: str, details: ItemDetails) -> None:
        self.details[item_id] = details
        for listener in list(self._listeners):
            listener(item_id)

    def apply(self, edit: KeyEdit) -> None:
        if isinstance(edit, EditMark):
            edit.apply(self.marks)
        else:
            edit.apply(self)

    def revert(self, edit: KeyEdit) -> None:
        if isinstance(edit, EditMark):
            edit.revert(self.marks)
        else:
            edit.revert(self)

    def to_key(self) -> AnswerKey:
        items = tuple(self._item(mark) for mark in self.marks)
        return AnswerKey(
            items, self.lesson, self.author, self.revision, self.article_sha256, self.scoring
        )

    def _item(self, mark: Mark) -> KeyItem:
        """The item as saved. An item whose span was moved keeps only the core, parts and
        alternatives that still fit it: a core outside the item would make no sense to a reader."""
        details = self.details_of(mark.id)
        inside = [s for s in (details.core, *details.parts) if s and s.within(mark.start, mark.end)]
        parts = tuple(p for p in details.parts if p in inside)
        return KeyItem(
            mark=replace(mark, note=""),
            rationale=details.rationale,
            also_accept=details.also_accept,
            required=details.required,
            weight=details.weight,
            hint=details.hint,
            core=details.core if details.core in inside else None,
            alternatives=tuple(a for a in details.alternatives if a.overlaps(mark.start, mark.end)),
            parts=parts if len(parts) >= 2 else (),
        )


@dataclass(frozen=True)
class AddItem:
    """A new key item: its span and its teaching fields arrive (and leave) together."""

    mark: Mark
    details: ItemDetails

    @property
    def text(self) -> str:
        return _("Add key item “{quote}”").format(quote=_short(self.mark.quote))

    def apply(self, draft: KeyDraft) -> None:
        draft.marks.add(self.mark)
        draft.set_details(self.mark.id, self.details)

    def revert(self, draft: KeyDraft) -> None:
        draft.marks.remove(self.mark.id)
        draft.details.pop(self.mark.id, None)


@dataclass(frozen=True)
class RemoveItem:
    mark: Mark
    details: ItemDetails

    @property
    def text(self) -> str:
        return _("Delete key item “{quote}”").format(quote=_short(self.mark.quote))

    def apply(self, draft: KeyDraft) -> None:
        draft.marks.remove(self.mark.id)
        draft.details.pop(self.mark.id, None)

    def revert(self, draft: KeyDraft) -> None:
        draft.marks.add(self.mark)
        draft.set_details(self.mark.id, self.details)


@dataclass(frozen=True)
class EditDetails:
    item_id: str
    before: ItemDetails
    after: ItemDetails
    what: str = N_("Edit key item")  # English, as the undo menu's text before translation
    typing: bool = False  # a burst of typing in the rationale or hint merges into one step

    @property
    def text(self) -> str:
        return _(self.what)

    @property
    def merge_key(self) -> str | None:
        return f"{self.item_id}:{self.what}" if self.typing else None

    def merged(self, later: EditDetails) -> EditDetails:
        return replace(self, after=later.after)

    def apply(self, draft: KeyDraft) -> None:
        draft.set_details(self.item_id, self.after)

    def revert(self, draft: KeyDraft) -> None:
        draft.set_details(self.item_id, self.before)


@dataclass(frozen=True)
class MoveItem:
    """A key item's span made longer or shorter: the same item (id, category and teaching
    fields) on other words, so fixing a span never means deleting what was written for it."""

    before: Mark
    after: Mark

    @property
    def text(self) -> str:
        return _("Adjust key item to “{quote}”").format(quote=_short(self.after.quote))

    def apply(self, draft: KeyDraft) -> None:
        draft.marks.remove(self.before.id)  # a MarkSet keeps spans fixed: out and in again,
        draft.marks.add(self.after)  # which also keeps the items in document order

    def revert(self, draft: KeyDraft) -> None:
        draft.marks.remove(self.after.id)
        draft.marks.add(self.before)


# A key item's category changes with the students' EditMark, applied to the draft's marks.
KeyEdit = AddItem | RemoveItem | EditDetails | EditMark | MoveItem


#: Which end of a span moves, and which way: (edge, step) with edge "start" or "end" and step
#: +1 (a word later) or -1 (a word earlier).
SpanStep = tuple[str, int]


def _word_char(text: str, index: int) -> bool:
    """Letters and digits, and an apostrophe between two of them: a word as `snap_to_words`
    sees it, so a span moved word by word stays a whole-word span."""
    return 0 <= index < len(text) and in_word(text, index)


def _word_end_after(text: str, position: int) -> int:
    """The end of the next word after `position`; `position` itself when no word follows."""
    index = position
    while index < len(text) and not _word_char(text, index):
        index += 1
    if index == len(text):
        return position
    while index < len(text) and _word_char(text, index):
        index += 1
    return index


def _word_start_before(text: str, position: int) -> int:
    """The start of the word before `position`; `position` itself when no word precedes."""
    index = position
    while index > 0 and not _word_char(text, index - 1):
        index -= 1
    if index == 0:
        return position
    while index > 0 and _word_char(text, index - 1):
        index -= 1
    return index


def stepped_span(text: str, start: int, end: int, edge: str, step: int) -> tuple[int, int] | None:
    """The span with one end moved by a whole word; None when it cannot move that way (past
    the article's edge, or it would leave no word). The moved end lands on a word boundary;
    the other end stays where it is."""
    if edge == "end" and step > 0:
        new = _word_end_after(text, end)
        moved = (start, new) if new > end else None
    elif edge == "end":
        last_word = _word_start_before(text, end)
        new = last_word
        while new > start and not _word_char(text, new - 1):
            new -= 1
        moved = (start, new) if new > start else None
    elif step < 0:
        new = _word_start_before(text, start)
        moved = (new, end) if new < start else None
    else:
        new = start
        while new < end and _word_char(text, new):
            new += 1
        while new < end and not _word_char(text, new):
            new += 1
        moved = (new, end) if new < end else None
    return moved if moved != (start, end) else None


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
