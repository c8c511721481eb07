"""The lesson text and settings an instructor edits: title, level, palette, instructions, hints,
debrief, teacher notes, and where the article comes from (its attribution). Changes are
undoable field edits; consecutive typing in one field merges into one.

An attribution field is named "attribution.<name>" (author, outlet, date, url, original,
licence: `core.text.Attribution`), so each is its own undo step like any other field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from literacy_app.core.lesson import DEFAULT_REVEAL, Hint, Lesson, LessonText, Reveal
from literacy_app.core.text import Attribution
from literacy_app.i18n import N_, _

ATTRIBUTION_FIELDS = ("author", "outlet", "date", "url", "original", "licence")
_ATTRIBUTION = "attribution."
FIELDS = (
    "title",
    "difficulty",
    "minutes",
    "categories",
    "instructions",
    "hints",
    "debrief",
    "teacher_notes",
    "reveal",
    "answers_after",
    "hint_penalty",
    *(_ATTRIBUTION + name for name in ATTRIBUTION_FIELDS),
)
TYPED = (  # typing merges
    "title",
    "instructions",
    "debrief",
    "hints",
    "teacher_notes",
    *(_ATTRIBUTION + name for name in ATTRIBUTION_FIELDS),
)
#: What the Edit menu calls a field's edit ("Undo Edit original source"), one whole phrase
#: each so that a translation can word it as its language does.
_EDIT_TEXTS = {
    "title": N_("Edit title"),
    "difficulty": N_("Edit difficulty"),
    "minutes": N_("Edit minutes"),
    "categories": N_("Edit categories"),
    "instructions": N_("Edit instructions"),
    "hints": N_("Edit hints"),
    "debrief": N_("Edit debrief"),
    "teacher_notes": N_("Edit teacher notes"),
    "reveal": N_("Edit reveal"),
    "answers_after": N_("Edit answers after"),
    "hint_penalty": N_("Edit hint penalty"),
    _ATTRIBUTION + "author": N_("Edit author"),
    _ATTRIBUTION + "outlet": N_("Edit publisher"),
    _ATTRIBUTION + "date": N_("Edit date"),
    _ATTRIBUTION + "url": N_("Edit URL"),
    _ATTRIBUTION + "original": N_("Edit original source"),
    _ATTRIBUTION + "licence": N_("Edit licence"),
}


@dataclass
class LessonDraft:
    title: str
    difficulty: str
    minutes: int
    categories: tuple[str, ...]
    instructions: str
    hints: tuple[Hint, ...]
    debrief: str
    teacher_notes: str = ""
    reveal: Reveal = DEFAULT_REVEAL
    attribution: Attribution = field(default_factory=Attribution)
    answers_after: int = 1
    hint_penalty: float = 0.0
    _listeners: list[Callable[[str], None]] = field(default_factory=list, repr=False)

    @classmethod
    def from_lesson(cls, lesson: Lesson) -> LessonDraft:
        return cls(
            lesson.title,
            lesson.difficulty or "intermediate",
            lesson.minutes or 20,
            lesson.palette.ids,
            lesson.text.instructions,
            lesson.text.hints,
            lesson.text.debrief,
            lesson.text.teacher_notes,
            lesson.reveal,
            lesson.article.attribution,
            lesson.answers_after,
            lesson.hint_penalty,
        )

    def subscribe(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def get(self, name: str) -> Any:
        """A field's value by its name in FIELDS ("attribution.url" included)."""
        if name not in FIELDS:
            raise KeyError(name)
        if name.startswith(_ATTRIBUTION):
            return getattr(self.attribution, name[len(_ATTRIBUTION) :])
        return getattr(self, name)

    def set(self, name: str, value: Any) -> None:
        if name not in FIELDS:
            raise KeyError(name)
        if name.startswith(_ATTRIBUTION):
            self.attribution = replace(self.attribution, **{name[len(_ATTRIBUTION) :]: value})
        else:
            setattr(self, name, value)
        for listener in list(self._listeners):
            listener(name)

    def apply(self, edit: SetField) -> None:
        self.set(edit.name, edit.after)

    def revert(self, edit: SetField) -> None:
        self.set(edit.name, edit.before)

    def applied_to(self, lesson: Lesson) -> Lesson:
        """The lesson with this draft's text and settings (for saving and validating)."""
        text = LessonText(
            instructions=self.instructions,
            hints=self.hints,
            debrief=self.debrief,
            teacher_notes=self.teacher_notes,
            other=lesson.text.other,
        )
        palette = (
            lesson.taxonomy.restricted([c for c in self.categories if c in lesson.taxonomy])
            if self.categories
            else lesson.taxonomy
        )
        return replace(
            lesson,
            article=replace(lesson.article, attribution=self.attribution),
            title=self.title,
            difficulty=self.difficulty,
            minutes=self.minutes,
            reveal=self.reveal,
            answers_after=self.answers_after,
            hint_penalty=self.hint_penalty,
            text=text,
            palette=palette,
        )


@dataclass(frozen=True)
class SetField:
    name: str
    before: Any
    after: Any

    @property
    def text(self) -> str:
        known = _EDIT_TEXTS.get(self.name)
        if known is not None:
            return _(known)
        name = self.name.removeprefix(_ATTRIBUTION).replace("_", " ")
        return _("Edit {field}").format(field=name)

    @property
    def merge_key(self) -> str | None:
        """Typing in a text field merges; a choice (level, palette) is one step each."""
        return self.name if self.name in TYPED else None

    def merged(self, later: SetField) -> SetField:
        return SetField(self.name, self.before, later.after)
