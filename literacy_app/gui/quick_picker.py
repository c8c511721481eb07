"""Ctrl+K: choose any category of the full taxonomy by typing part of its name.

The palette shows only the lesson's categories; this reaches all of them without the mouse.
The filter matches names, ids, aliases (so dataset labels such as "Flag-Waving" work), the
definition, the example and the group, ignoring case, accents, spaces, hyphens and
underscores; names and aliases that match rank above rows that match only in the definition.
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Slot,
)
from PySide6.QtGui import QKeyEvent, QPainter, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from literacy_app.core.taxonomy import Category, Taxonomy
from literacy_app.gui.palette import category_icon
from literacy_app.gui.rich_text import escaped, plain_tip
from literacy_app.i18n import _

ID_ROLE = Qt.ItemDataRole.UserRole + 1
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2
NAMES_ROLE = Qt.ItemDataRole.UserRole + 3  # normalised name, id and aliases
TEXT_ROLE = Qt.ItemDataRole.UserRole + 4  # normalised definition, example and group
DEFINITION_ROLE = Qt.ItemDataRole.UserRole + 5

AnyIndex = QModelIndex | QPersistentModelIndex


def normalise(text: str) -> str:
    """Casefolded, accents dropped, every run of non-letters/digits (spaces, hyphens,
    underscores, quotes, punctuation) made one space: "Flag-Waving" = "flag waving"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", plain).strip()


def has_word_prefixes(words: list[str], text: str) -> bool:
    """Does every word start some word of normalised `text`? ("un" finds "unsourced", not
    "punchy": middle-of-word hits in long definitions are noise.)"""
    padded = f" {text}"
    return all(f" {word}" in padded for word in words)


def category_item(category: Category) -> QStandardItem:
    item = QStandardItem(category_icon(category, 16), category.display_name)
    item.setEditable(False)
    item.setData(category.id, ID_ROLE)
    item.setData(category.group.display_label, GROUP_ROLE)
    item.setData(category.display_definition, DEFINITION_ROLE)
    item.setData(plain_tip(category.display_definition), Qt.ItemDataRole.ToolTipRole)
    # The name as shown first, then the English one (what the lesson's files, other tools'
    # labels and a class's shared vocabulary use), the id and the aliases: a learner may type
    # either language's name.
    names = dict.fromkeys([category.display_name, category.name, category.id, *category.aliases])
    item.setData("\n".join(normalise(n) for n in names), NAMES_ROLE)
    texts = dict.fromkeys(
        [
            category.display_definition,
            category.display_example,
            category.group.display_label,
            category.definition,
            category.example,
            category.group.label,
        ]
    )
    item.setData(normalise(" ".join(texts)), TEXT_ROLE)
    return item


class CategoryFilterModel(QSortFilterProxyModel):
    """Keeps rows whose text contains every word typed, best matches first.

    Every typed word must begin a word of the row's text. Rank 0: a name, id or alias starts
    with the whole query; 1: every word begins a word of the names; 2: some words are only
    found in the definition, example or group. Ties keep taxonomy order.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._query = ""
        self._words: list[str] = []

    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        self._query = normalise(text)
        self._words = self._query.split()
        self.invalidate()  # both the filter and the ranking depend on the query

    def rank(self, source_row: int, source_parent: AnyIndex | None = None) -> int | None:
        """0-2 as in the class docstring, or None when the row does not match."""
        source = self.sourceModel()
        index = source.index(source_row, 0, source_parent or QModelIndex())
        if not self._words:
            return 0
        names = str(source.data(index, NAMES_ROLE) or "")
        if any(line.startswith(self._query) for line in names.splitlines()):
            return 0
        if has_word_prefixes(self._words, names.replace("\n", " ")):
            return 1
        everything = names.replace("\n", " ") + " " + str(source.data(index, TEXT_ROLE) or "")
        if has_word_prefixes(self._words, everything):
            return 2
        return None

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        return self.rank(source_row, source_parent) is not None

    def lessThan(self, source_left: AnyIndex, source_right: AnyIndex) -> bool:
        left = (self.rank(source_left.row()) or 0, source_left.row())
        right = (self.rank(source_right.row()) or 0, source_right.row())
        return left < right


class PickerRowDelegate(QStyledItemDelegate):
    """Draws the name, then the group right-aligned in a muted colour."""

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() + 10))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is None:
            super().paint(painter, option, index)
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        text_rect = text_rect.adjusted(4, 0, -6, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ink = opt.palette.color(QPalette.ColorGroup.Active, role)
        muted = opt.palette.color(QPalette.ColorGroup.Active, role)
        muted.setAlphaF(0.75 if selected else 0.55)
        metrics = opt.fontMetrics
        group = str(index.data(GROUP_ROLE) or "")
        group_width = metrics.horizontalAdvance(group)
        painter.save()
        painter.setPen(muted)
        align = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(text_rect, align | Qt.AlignmentFlag.AlignRight, group)
        name_rect = QRect(text_rect)
        name_rect.setRight(text_rect.right() - group_width - 12)
        painter.setPen(ink)
        elided = metrics.elidedText(name, Qt.TextElideMode.ElideRight, name_rect.width())
        painter.drawText(name_rect, align | Qt.AlignmentFlag.AlignLeft, elided)
        painter.restore()


class QuickPicker(QDialog):
    """A type-to-filter chooser over the categories it is given (Ctrl+K in the main window,
    which gives the lesson's palette: a lesson limits its categories for a reason).

    Up/Down (and Page Up/Down) in the filter move through the list, Enter or a double click
    accepts, Escape cancels. The current row's definition shows below the list, so a student
    can check a category before using it. `current` (a mark's category, when the picker
    changes one) is the row it starts on.

    Signals: only QDialog's (accepted, rejected, finished).
    """

    def __init__(
        self,
        taxonomy: Taxonomy,
        parent: QWidget | None = None,
        current: str | None = None,
        title: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quick_picker")
        self.setWindowTitle(title if title is not None else _("Mark as…"))
        self._start = current
        self.setAccessibleName(_("Choose a category"))
        self._chosen: str | None = None

        self.source_model = QStandardItemModel(self)
        for category in taxonomy:
            self.source_model.appendRow(category_item(category))
        self.proxy_model = CategoryFilterModel(self)
        self.proxy_model.setSourceModel(self.source_model)
        self.proxy_model.sort(0)

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("quick_picker_filter")
        self.filter_edit.setPlaceholderText(_("Type to filter categories…"))
        self.filter_edit.setAccessibleName(_("Filter categories"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.installEventFilter(self)

        self.list_view = QListView()
        self.list_view.setObjectName("quick_picker_list")
        self.list_view.setAccessibleName(_("Categories"))
        self.list_view.setModel(self.proxy_model)
        self.list_view.setItemDelegate(PickerRowDelegate(self.list_view))
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing always goes to the filter
        # Focus stays in the filter; show the current row as if the list had it.
        list_palette = self.list_view.palette()
        for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
            list_palette.setColor(
                QPalette.ColorGroup.Inactive,
                role,
                list_palette.color(QPalette.ColorGroup.Active, role),
            )
        self.list_view.setPalette(list_palette)

        self.details_label = QLabel()
        self.details_label.setObjectName("quick_picker_details")
        self.details_label.setAccessibleName(_("Definition"))
        self.details_label.setWordWrap(True)
        self.details_label.setTextFormat(Qt.TextFormat.RichText)
        self.details_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.details_label.setMinimumHeight(3 * self.fontMetrics().lineSpacing() + 6)

        keys = QLabel(_("↑↓ choose · Enter marks · Esc cancels"))
        keys.setObjectName("quick_picker_keys")
        keys_palette = keys.palette()
        keys_palette.setColor(
            QPalette.ColorRole.WindowText, keys_palette.color(QPalette.ColorRole.PlaceholderText)
        )
        keys.setPalette(keys_palette)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list_view, 1)
        layout.addWidget(self.details_label)
        layout.addWidget(keys)

        self.filter_edit.textChanged.connect(self.on_filter_text_changed)
        self.list_view.activated.connect(self.on_list_activated)
        self.list_view.selectionModel().currentChanged.connect(self.on_current_changed)
        self.resize(440, 420)
        self._select_first()

    def chosen(self) -> str | None:
        """The accepted category id, or None if the dialog was cancelled."""
        return self._chosen

    def current_id(self) -> str | None:
        index = self.list_view.currentIndex()
        return str(index.data(ID_ROLE)) if index.isValid() else None

    @staticmethod
    def pick(
        taxonomy: Taxonomy,
        parent: QWidget | None = None,
        current: str | None = None,
        title: str | None = None,
    ) -> str | None:
        """Show the picker modally and return the chosen id (None when cancelled)."""
        dialog = QuickPicker(taxonomy, parent, current, title)
        try:
            dialog.exec()
            return dialog.chosen()
        finally:
            dialog.deleteLater()

    def _select_first(self) -> None:
        """The first row; before anything is typed, the `current` category's row if any."""
        if self._start is not None and not self.filter_edit.text():
            for row in range(self.proxy_model.rowCount()):
                index = self.proxy_model.index(row, 0)
                if index.data(ID_ROLE) == self._start:
                    self.list_view.setCurrentIndex(index)
                    self.list_view.scrollTo(index)
                    return
        first = self.proxy_model.index(0, 0)
        if first.isValid():
            self.list_view.setCurrentIndex(first)
            self.list_view.scrollTo(first)
        else:
            self.list_view.selectionModel().clear()
            self._show_details(QModelIndex())

    def _move(self, step: int) -> None:
        count = self.proxy_model.rowCount()
        if not count:
            return
        row = self.list_view.currentIndex().row()
        row = 0 if row < 0 else max(0, min(count - 1, row + step))
        self.list_view.setCurrentIndex(self.proxy_model.index(row, 0))

    def _show_details(self, index: QModelIndex) -> None:
        if index.isValid():
            self.details_label.setText(escaped(str(index.data(DEFINITION_ROLE) or "")))
        elif self.filter_edit.text():
            text = _("No category matches “{text}”.").format(text=escaped(self.filter_edit.text()))
            self.details_label.setText(f"<i>{text}</i>")
        else:
            self.details_label.setText("")

    @Slot(str)
    def on_filter_text_changed(self, text: str) -> None:
        self.proxy_model.set_query(text)
        self._select_first()

    @Slot(QModelIndex, QModelIndex)
    def on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._show_details(current)

    @Slot(QModelIndex)
    def on_list_activated(self, index: QModelIndex) -> None:
        self._accept_index(index)

    @Slot()
    def accept_current(self) -> None:
        """Accept the highlighted row; with nothing highlighted, keep the dialog open."""
        self._accept_index(self.list_view.currentIndex())

    def _accept_index(self, index: QModelIndex) -> None:
        if not index.isValid() or self._chosen is not None:
            return
        self._chosen = str(index.data(ID_ROLE))
        self.accept()

    def reject(self) -> None:
        self._chosen = None
        super().reject()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrows and Enter typed in the filter act on the list; everything else types."""
        if watched is self.filter_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            page = max(1, self.list_view.viewport().height() // max(1, self._row_height()) - 1)
            steps = {
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_PageUp: -page,
                Qt.Key.Key_PageDown: page,
            }
            key = Qt.Key(event.key())
            if key in steps:
                self._move(steps[key])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept_current()
                return True
        return super().eventFilter(watched, event)

    def _row_height(self) -> int:
        return self.list_view.sizeHintForRow(0) if self.proxy_model.rowCount() else 1
