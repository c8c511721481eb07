"""Candidate key items from the bundled rules, each saying which rule fired. Nothing reaches the
key until the instructor accepts it.

Signals:
    accepted(object): a Suggestion the instructor accepted.
    selected(object): a Suggestion chosen in the list (the window shows it in the article).
    run_requested(): the instructor asked for suggestions.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from literacy_app.core.suggest import Suggestion
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.gui.palette import category_icon
from literacy_app.gui.rich_text import escaped
from literacy_app.i18n import _, ngettext


def explanation_text(explanation: str) -> str:
    """A suggestion's explanation in the user's language: one line per rule that fired, each
    the rule file's English sentence, which the catalogue translates."""
    return "\n".join(_(line) if line else line for line in explanation.split("\n"))


class SuggestionsPanel(QWidget):
    accepted = Signal(object)
    selected = Signal(object)
    run_requested = Signal()

    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestions_panel")
        self._taxonomy = taxonomy
        self.intro = QLabel(
            _(
                "Suggestions come from simple, transparent rules (vague attribution, "
                "scare quotes, unsourced numbers, loaded words…). Each one says why "
                "it was proposed. Accept only what a careful reader would mark."
            )
        )
        self.intro.setWordWrap(True)
        self.run_button = QPushButton(_("&Suggest items"))
        self.list = QListWidget()
        self.list.setAccessibleName(_("Suggested key items"))
        self.list.setWordWrap(True)
        self.accept_button = QPushButton(_("&Accept"))
        self.reject_button = QPushButton(_("&Reject"))
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setAccessibleName(_("Why this was suggested"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.run_button)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.explanation)
        layout.addLayout(buttons)
        self.run_button.clicked.connect(self.run_requested)
        self.accept_button.clicked.connect(self.accept_current)
        self.reject_button.clicked.connect(self.reject_current)
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept_current())
        self._update_buttons()

    def set_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        self.list.clear()
        for suggestion in suggestions:
            category = self._taxonomy.get(suggestion.category)
            name = category.display_name if category else suggestion.category
            entry = QListWidgetItem(
                _("“{quote}” → {category}\nrule: {rule}").format(
                    quote=suggestion.quote, category=name, rule=suggestion.rule
                )
            )
            if category:
                entry.setIcon(category_icon(category))
            entry.setToolTip(explanation_text(suggestion.explanation))
            entry.setData(Qt.ItemDataRole.UserRole, suggestion)
            self.list.addItem(entry)
        self.intro.setText(
            ngettext(
                "{count} suggestion(s). Accept or reject each one; "
                "nothing is added to the key without your click.",
                "{count} suggestion(s). Accept or reject each one; "
                "nothing is added to the key without your click.",
                len(suggestions),
            ).format(count=len(suggestions))
        )
        if suggestions:
            self.list.setCurrentRow(0)
        self._update_buttons()

    def current(self) -> Suggestion | None:
        entry = self.list.currentItem()
        value = entry.data(Qt.ItemDataRole.UserRole) if entry else None
        return value if isinstance(value, Suggestion) else None

    @Slot()
    def accept_current(self) -> None:
        suggestion = self.current()
        if suggestion is not None:
            self.accepted.emit(suggestion)
            self.list.takeItem(self.list.currentRow())
        self._update_buttons()

    @Slot()
    def reject_current(self) -> None:
        if self.current() is not None:
            self.list.takeItem(self.list.currentRow())
        self._update_buttons()

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current(self, current: QListWidgetItem | None, _previous: object) -> None:
        suggestion = self.current()
        self.explanation.setText(
            _("<b>Why:</b> {explanation}").format(
                explanation=escaped(explanation_text(suggestion.explanation))
            )
            if suggestion
            else ""
        )
        if suggestion is not None:
            self.selected.emit(suggestion)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current() is not None
        self.accept_button.setEnabled(has)
        self.reject_button.setEnabled(has)
