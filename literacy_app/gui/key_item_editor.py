"""The panel where an instructor writes what a key item teaches.

Signals:
    details_edited(str, object, str, bool): item id, new ItemDetails, what changed (in English,
        translated by the undo menu), and whether it is typing (merged into one undo step).
    category_changed(str, str): item id, new category id.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from literacy_app.core.key_draft import ItemDetails
from literacy_app.core.marks import Mark
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.gui.markdown_editor import MarkdownEditor
from literacy_app.gui.palette import category_icon
from literacy_app.i18n import N_, _

RATIONALE_PLACEHOLDER = N_(
    "What does this device do to the reader? What evidence is missing? "
    "How would a neutral writer put it? (Markdown; at least two sentences.)"
)


class KeyItemEditor(QWidget):
    details_edited = Signal(str, object, str, bool)
    category_changed = Signal(str, str)

    def __init__(self, taxonomy: Taxonomy, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("key_item_editor")
        self._taxonomy = taxonomy
        self._item: Mark | None = None
        self._details = ItemDetails()
        self._loading = False

        self.quote_label = QLabel()
        self.quote_label.setTextFormat(Qt.TextFormat.PlainText)  # the article's words, as words
        self.quote_label.setWordWrap(True)
        self.quote_label.setAccessibleName(_("Quote of the selected key item"))
        self.category = QComboBox()
        self.category.setAccessibleName(_("Category"))
        for category in taxonomy:
            self.category.addItem(category_icon(category), category.display_name, category.id)
        self.required = QCheckBox(_("Required (counts towards the score; otherwise a bonus)"))
        self.weight = QDoubleSpinBox()
        self.weight.setAccessibleName(_("Weight"))
        self.weight.setRange(0.25, 10.0)
        self.weight.setSingleStep(0.25)
        self.also_accept = QListWidget()
        self.also_accept.setAccessibleName(_("Also accept these categories"))
        self.also_accept.setMaximumHeight(110)
        for category in taxonomy:
            entry = QListWidgetItem(category_icon(category), category.display_name)
            entry.setData(Qt.ItemDataRole.UserRole, category.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.also_accept.addItem(entry)
        self.hint = QLineEdit()
        self.hint.setAccessibleName(_("Hint"))
        self.hint.setPlaceholderText(
            _("A nudge shown before the answer, e.g. “Who are the reports?”")
        )
        self.rationale = MarkdownEditor(
            "Rationale", folder, _(RATIONALE_PLACEHOLDER), label=_("Rationale")
        )

        form = QFormLayout()
        form.addRow(_("Passage:"), self.quote_label)
        form.addRow(_("Category:"), self.category)
        form.addRow("", self.required)
        form.addRow(_("Weight:"), self.weight)
        form.addRow(_("Also accept:"), self.also_accept)
        form.addRow(_("Hint:"), self.hint)
        self.empty_label = QLabel(
            _(
                "Select a key item in the list or the article, or select "
                "words and choose a category to add one."
            )
        )
        self.empty_label.setWordWrap(True)
        self.form_widget = QWidget()
        self.form_widget.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.form_widget)
        layout.addWidget(QLabel(_("Rationale (what students read after checking):")))
        layout.addWidget(self.rationale, 1)

        self.category.currentIndexChanged.connect(self._on_category)
        self.required.toggled.connect(self._on_required)
        self.weight.valueChanged.connect(self._on_weight)
        self.also_accept.itemChanged.connect(self._on_also_accept)
        self.hint.textEdited.connect(self._on_hint)
        self.rationale.text_edited.connect(self._on_rationale)
        self.show_item(None, ItemDetails())

    @property
    def item_id(self) -> str | None:
        return self._item.id if self._item else None

    def show_item(self, mark: Mark | None, details: ItemDetails) -> None:
        """Display an item (or nothing) without reporting edits."""
        self._loading = True
        self._item, self._details = mark, details
        enabled = mark is not None
        self.empty_label.setVisible(not enabled)
        self.form_widget.setEnabled(enabled)
        self.rationale.setEnabled(enabled)
        if mark is not None:
            self.quote_label.setText(_("“{quote}”").format(quote=mark.quote))
            self.category.setCurrentIndex(max(0, self.category.findData(mark.category)))
            self.required.setChecked(details.required)
            self.weight.setValue(details.weight)
            for row in range(self.also_accept.count()):
                entry = self.also_accept.item(row)
                checked = entry.data(Qt.ItemDataRole.UserRole) in details.also_accept
                entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            if self.hint.text() != details.hint:
                self.hint.setText(details.hint)
            self.rationale.set_text(details.rationale)
        else:
            self.quote_label.clear()
            self.hint.clear()
            self.rationale.set_text("")
        self._loading = False

    def _emit(self, details: ItemDetails, what: str, typing: bool = False) -> None:
        if self._loading or self._item is None or details == self._details:
            return
        self._details = details
        self.details_edited.emit(self._item.id, details, what, typing)

    @Slot(int)
    def _on_category(self, _index: int) -> None:
        if self._loading or self._item is None:
            return
        category = self.category.currentData()
        if category != self._item.category:
            self.category_changed.emit(self._item.id, category)

    @Slot(bool)
    def _on_required(self, checked: bool) -> None:
        self._emit(
            replace(self._details, required=checked),
            N_("Make required") if checked else N_("Make bonus"),
        )

    @Slot(float)
    def _on_weight(self, value: float) -> None:
        self._emit(replace(self._details, weight=value), N_("Change weight"))

    @Slot(QListWidgetItem)
    def _on_also_accept(self, _entry: QListWidgetItem) -> None:
        accepted = tuple(
            self.also_accept.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.also_accept.count())
            if self.also_accept.item(row).checkState() == Qt.CheckState.Checked
        )
        self._emit(replace(self._details, also_accept=accepted), N_("Change accepted categories"))

    @Slot(str)
    def _on_hint(self, text: str) -> None:
        self._emit(replace(self._details, hint=text), N_("Edit hint"), typing=True)

    @Slot(str)
    def _on_rationale(self, text: str) -> None:
        self._emit(replace(self._details, rationale=text), N_("Edit rationale"), typing=True)
