"""The lesson's own text and settings: title, level, time, when students see the answers,
palette, where the article comes from (its attribution), instructions, hints, debrief and
teacher notes, each with a live preview. Teacher notes are edited here only: no student view
shows them.

Signals:
    field_edited(str, object): a LessonDraft field name and its new value.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from literacy_app.authoring.choices import DIFFICULTIES
from literacy_app.core.lesson import Hint, Reveal
from literacy_app.core.lesson_draft import ATTRIBUTION_FIELDS, LessonDraft
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.formats.lesson_package import split_sections
from literacy_app.gui.markdown_editor import MarkdownEditor
from literacy_app.gui.palette import category_icon
from literacy_app.i18n import N_, _, ngettext

#: The attribution fields as the Source tab labels them, with what each is for (translated
#: where they are shown).
SOURCE_FIELDS = {
    "author": (N_("Author:"), N_("Who wrote the article (the byline)")),
    "outlet": (N_("Publisher:"), N_("The newspaper, site or outlet that published it")),
    "date": (N_("Date:"), N_("When it was published, e.g. 2026-03-17")),
    "url": (N_("URL:"), N_("Where students can read the original")),
    "original": (N_("Originally in:"), N_("Where it first appeared, if this is a republication")),
    "licence": (
        N_("Licence:"),
        N_("The terms of reuse, e.g. CC BY-ND 4.0, or “used with permission”"),
    ),
}
#: The difficulties as the Settings tab names them; lesson.md keeps the English value.
DIFFICULTY_LABELS = {
    "beginner": N_("beginner"),
    "intermediate": N_("intermediate"),
    "advanced": N_("advanced"),
}


def hints_to_markdown(hints: tuple[Hint, ...]) -> str:
    return "\n\n".join(f"### {hint.title}\n{hint.body}".rstrip() for hint in hints)


def hints_from_markdown(text: str) -> tuple[Hint, ...]:
    return split_sections("## Hints\n" + text).hints


class LessonEditor(QWidget):
    field_edited = Signal(str, object)

    def __init__(
        self,
        draft: LessonDraft,
        taxonomy: Taxonomy,
        folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lesson_editor")
        self._draft = draft
        self._loading = False
        self.title = QLineEdit()
        self.title.setAccessibleName(_("Lesson title"))
        self.difficulty = QComboBox()
        self.difficulty.setAccessibleName(_("Difficulty"))
        for difficulty in DIFFICULTIES:
            self.difficulty.addItem(_(DIFFICULTY_LABELS.get(difficulty, difficulty)), difficulty)
        self.minutes = QSpinBox()
        self.minutes.setAccessibleName(_("Estimated minutes"))
        self.minutes.setRange(1, 600)
        self.minutes.setSuffix(_(" min"))
        self.reveal = QComboBox()
        self.reveal.setObjectName("reveal_choice")
        self.reveal.setAccessibleName(_("When students see the answers"))
        self.reveal.setToolTip(
            _(
                "When a student who checks their work sees the passages they missed, with your "
                "explanations, and the debrief. Before that they see what they found and how "
                "many passages are still to find. Students may always ask for the answers "
                "(Lesson > Show answers); their submission then says so."
            )
        )
        for choice in Reveal:
            self.reveal.addItem(choice.label, choice.value)
        self.answers_after = QSpinBox()
        self.answers_after.setObjectName("answers_after")
        self.answers_after.setAccessibleName(_("Attempts before Show answers is offered"))
        self.answers_after.setRange(1, 20)
        self.answers_after.setToolTip(
            _(
                "How many times a student checks changed work before Lesson > Show answers is "
                "offered: a first try of their own comes before the answers."
            )
        )
        self.hint_penalty = QDoubleSpinBox()
        self.hint_penalty.setObjectName("hint_penalty")
        self.hint_penalty.setAccessibleName(_("Points each hint costs"))
        self.hint_penalty.setRange(0.0, 50.0)
        self.hint_penalty.setDecimals(1)
        self.hint_penalty.setSingleStep(1.0)
        self.hint_penalty.setSpecialValueText(_("Free"))
        self.hint_penalty.setSuffix(_(" points"))
        self.hint_penalty.setToolTip(
            _(
                "Score points each hint level costs a student who uses it (0: hints are free). "
                "The results say what the hints cost."
            )
        )
        self.palette_list = QListWidget()
        self.palette_list.setAccessibleName(_("Categories students may use"))
        for category in taxonomy:
            entry = QListWidgetItem(category_icon(category), category.display_name)
            entry.setData(Qt.ItemDataRole.UserRole, category.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            self.palette_list.addItem(entry)
        self.instructions = MarkdownEditor(
            "Instructions", folder, _("What should the student do?"), label=_("Instructions")
        )
        self.hints = MarkdownEditor(
            "Hints",
            folder,
            _("### First hint\nGeneral…\n\n### Second hint\n…"),
            label=_("Hints"),
        )
        self.debrief = MarkdownEditor(
            "Debrief", folder, _("What the key found, discussion questions…"), label=_("Debrief")
        )
        self.teacher_notes = MarkdownEditor(
            "Teacher notes",
            folder,
            _(
                "For teachers only, never shown to students: ### Learning objectives, "
                "### Level and time, ### Discussion questions, ### Lateral reading, "
                "### Standards…"
            ),
            label=_("Teacher notes"),
        )

        self.source_fields: dict[str, QLineEdit] = {}
        source = QWidget()
        source.setObjectName("source_tab")
        source_form = QFormLayout(source)
        source_note = QLabel(
            _(
                "Shown with the article and kept in every export: students see where the text "
                "comes from."
            )
        )
        source_note.setWordWrap(True)
        source_form.addRow(source_note)
        for name in ATTRIBUTION_FIELDS:
            label, tip = (_(text) for text in SOURCE_FIELDS[name])
            edit = QLineEdit()
            edit.setObjectName(f"source_{name}")
            edit.setAccessibleName(label.rstrip(":"))
            edit.setPlaceholderText(tip)
            edit.setToolTip(tip)
            edit.textEdited.connect(lambda text, n=name: self._emit(f"attribution.{n}", text))
            source_form.addRow(label, edit)
            self.source_fields[name] = edit

        settings = QWidget()
        form = QFormLayout(settings)
        form.addRow(_("Title:"), self.title)
        form.addRow(_("Difficulty:"), self.difficulty)
        form.addRow(_("Time:"), self.minutes)
        form.addRow(_("Answers shown:"), self.reveal)
        form.addRow(_("Show answers after:"), self.answers_after)
        form.addRow(_("Each hint costs:"), self.hint_penalty)
        form.addRow(_("Palette:"), self.palette_list)
        self.palette_note = QLabel()
        self.palette_note.setObjectName("palette_note")
        self.palette_note.setWordWrap(True)
        form.addRow("", self.palette_note)
        tabs = QTabWidget()
        tabs.setObjectName("lesson_tabs")
        tabs.addTab(settings, _("Settings"))
        tabs.addTab(source, _("Source"))
        tabs.addTab(self.instructions, _("Instructions"))
        tabs.addTab(self.hints, _("Hints"))
        tabs.addTab(self.debrief, _("Debrief"))
        tabs.addTab(self.teacher_notes, _("Teacher notes"))
        self.tabs = tabs
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(tabs)

        self.title.textEdited.connect(lambda text: self._emit("title", text))
        self.difficulty.currentIndexChanged.connect(
            lambda _index: self._emit("difficulty", self.difficulty.currentData())
        )
        self.minutes.valueChanged.connect(lambda value: self._emit("minutes", value))
        self.reveal.currentIndexChanged.connect(
            lambda _index: self._emit("reveal", Reveal(self.reveal.currentData()))
        )
        self.answers_after.valueChanged.connect(lambda value: self._emit("answers_after", value))
        self.hint_penalty.valueChanged.connect(
            lambda value: self._emit("hint_penalty", round(float(value), 1))
        )
        self.palette_list.itemChanged.connect(self._on_palette)
        self.instructions.text_edited.connect(lambda text: self._emit("instructions", text))
        self.hints.text_edited.connect(lambda text: self._emit("hints", hints_from_markdown(text)))
        self.debrief.text_edited.connect(lambda text: self._emit("debrief", text))
        self.teacher_notes.text_edited.connect(lambda text: self._emit("teacher_notes", text))
        draft.subscribe(lambda _name: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Show the draft (after an undo, for instance) without reporting edits."""
        self._loading = True
        draft = self._draft
        if self.title.text() != draft.title:
            self.title.setText(draft.title)
        known = self.difficulty.findData(draft.difficulty)
        if known >= 0:  # as before: a value the list does not hold leaves the choice alone
            self.difficulty.setCurrentIndex(known)
        self.minutes.setValue(draft.minutes)
        self.reveal.setCurrentIndex(max(0, self.reveal.findData(Reveal(draft.reveal).value)))
        self.answers_after.setValue(draft.answers_after)
        self.answers_after.setSuffix(ngettext(" attempt", " attempts", draft.answers_after))
        self.hint_penalty.setValue(draft.hint_penalty)
        for row in range(self.palette_list.count()):
            entry = self.palette_list.item(row)
            on = entry.data(Qt.ItemDataRole.UserRole) in draft.categories
            entry.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._show_palette_note(len(draft.categories))
        for name, edit in self.source_fields.items():
            value = getattr(draft.attribution, name)
            if edit.text() != value:
                edit.setText(value)
        self.instructions.set_text(draft.instructions)
        if hints_from_markdown(self.hints.text()) != draft.hints:
            self.hints.set_text(hints_to_markdown(draft.hints))
        self.debrief.set_text(draft.debrief)
        self.teacher_notes.set_text(draft.teacher_notes)
        self._loading = False

    def _emit(self, name: str, value: object) -> None:
        if not self._loading and self._draft.get(name) != value:
            self.field_edited.emit(name, value)

    @Slot(QListWidgetItem)
    def _on_palette(self, _entry: QListWidgetItem) -> None:
        chosen = tuple(
            self.palette_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.palette_list.count())
            if self.palette_list.item(row).checkState() == Qt.CheckState.Checked
        )
        self._show_palette_note(len(chosen))
        self._emit("categories", chosen)

    def _show_palette_note(self, chosen: int) -> None:
        """Say what students will get: an empty choice means the whole taxonomy, not none."""
        total = self.palette_list.count()
        if chosen == 0 or chosen == total:
            self.palette_note.setText(_("Students get all {total} categories.").format(total=total))
        else:
            self.palette_note.setText(
                _(
                    "Students get these {chosen} of {total} categories; the key may still use "
                    "others (the checks warn about it)."
                ).format(chosen=chosen, total=total)
            )
