"""The marking side panel: the category palette above the list of the student's marks.

The list is narrow (a third of a 1024-pixel screen), so the quote, which says which passage
a row is, gets most of it; the category and the note are shown shortened, and each row's
tooltip holds the full quote, category and note.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from literacy_app.core.taxonomy import Group, Taxonomy
from literacy_app.gui.marks_model import MarksTableModel
from literacy_app.gui.palette import CategoryPalette, category_icon
from literacy_app.i18n import _, ngettext


class CategoryDelegate(QStyledItemDelegate):
    """Edits a mark's category with a drop-down of the lesson's palette, in the order the
    palette shows it (framing devices, then unsupported claims).

    Only the palette, as the keys, the buttons and Ctrl+K offer: a lesson limits its categories
    for a reason. A mark whose category is outside the palette (a submission made with another
    palette) still shows its own category, last, so opening the editor never changes it."""

    def __init__(
        self, palette: Taxonomy, taxonomy: Taxonomy, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._palette = palette
        self._taxonomy = taxonomy

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(_("Category"))
        palette = self._palette
        for category in palette.in_group(Group.FRAMING) + palette.in_group(Group.CLAIM):
            combo.addItem(category_icon(category), category.display_name, category.id)
        current = self._current_id(index)
        if current and combo.findData(current) < 0:
            own = self._taxonomy.get(current)
            if own is not None:
                combo.addItem(category_icon(own), own.display_name, own.id)
            else:  # unknown to this lesson: shown as the list shows it, by its id
                combo.addItem(current, current)
        return combo

    def _current_id(self, index: QModelIndex | QPersistentModelIndex) -> str:
        """The mark's category id (an alias resolved), or "" when the cell holds none."""
        value = index.data(Qt.ItemDataRole.EditRole)
        if not isinstance(value, str):
            return ""
        return self._taxonomy.resolve(value) or value

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        row = editor.findData(self._current_id(index))
        editor.setCurrentIndex(max(0, row))

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


EditTrigger = QAbstractItemView.EditTrigger
#: How a note is opened from the list: a double click, or the platform's edit key. A single
#: click on a selected row does not open a box over the list.
NOTE_TRIGGERS = (EditTrigger.DoubleClicked, EditTrigger.EditKeyPressed, EditTrigger.AllEditTriggers)


class MarksTable(QTableView):
    """The marks list: fits its columns to its width and edits notes in the note box.

    A note written in a cell a few words wide is cramped, so the Note column opens the same
    wrapped, growing editor as F2 (`note_editor.ask_note`), with the passage quoted above it;
    what the student saves goes through the model, hence onto the undo stack."""

    def fit_columns(self) -> None:
        """Quote: the rest, at least about half. Category: a third, enough for the colour
        and a name's first word or two. Note: a fifth, elided (its tooltip has it all)."""
        # Not viewport() (nor verticalScrollBar() or style()): wrapping an object Qt made itself
        # sets up every QWidget subclass's Python enums, ~10 ms of start-up. The width without
        # scroll bars is close enough for two proportional columns; the quote takes the rest.
        width = self.maximumViewportSize().width()
        self.setColumnWidth(MarksTableModel.CATEGORY, max(84, min(180, round(width * 0.32))))
        self.setColumnWidth(MarksTableModel.NOTE, max(52, min(200, round(width * 0.2))))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_columns()

    def edit(  # type: ignore[override]  # Qt's two edit() overloads in one Python method
        self,
        index: QModelIndex | QPersistentModelIndex,
        trigger: QAbstractItemView.EditTrigger | None = None,
        event: QEvent | None = None,
    ) -> bool:
        if trigger is None:  # the public edit(index) slot
            return bool(super().edit(index))
        if index.isValid() and index.column() == MarksTableModel.NOTE:
            allowed = trigger == EditTrigger.AllEditTriggers or bool(self.editTriggers() & trigger)
            editable = bool(index.flags() & Qt.ItemFlag.ItemIsEditable)
            if trigger in NOTE_TRIGGERS and allowed and editable:
                self._edit_note(QPersistentModelIndex(index))
                return True
            return False
        return bool(super().edit(index, trigger, event))  # type: ignore[arg-type]  # may be null

    def _edit_note(self, index: QPersistentModelIndex) -> None:
        model = self.model()
        assert isinstance(model, MarksTableModel)
        mark = model.mark_at(index.row())
        from literacy_app.gui.note_editor import ask_note  # first use, not start-up

        note = ask_note(self.window(), mark.quote, mark.note)
        if note is not None and index.isValid():
            model.setData(index, note, Qt.ItemDataRole.EditRole)


class MarksPanel(QWidget):
    def __init__(
        self,
        palette: Taxonomy,
        taxonomy: Taxonomy,
        model: MarksTableModel,
        parent: QWidget | None = None,
        noun: str = "marks",
    ) -> None:
        super().__init__(parent)
        self._noun = noun
        self.setObjectName("marks_panel")
        self.palette_widget = CategoryPalette(palette)
        self.table = MarksTable()
        self.table.setObjectName("marks_table")
        self.table.setAccessibleName(_("Your marks") if noun == "marks" else self._title())
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setItemDelegateForColumn(
            MarksTableModel.CATEGORY, CategoryDelegate(palette, taxonomy, self)
        )
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(MarksTableModel.QUOTE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MarksTableModel.CATEGORY, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MarksTableModel.NOTE, QHeaderView.ResizeMode.Interactive)
        self.table.fit_columns()
        vertical = self.table.verticalHeader()
        vertical.setDefaultSectionSize(24)
        vertical.hide()  # row numbers name nothing; the quote needs the width

        self.count_label = QLabel()
        self.count_label.setObjectName("marks_count")
        model.rowsInserted.connect(self._update_count)
        model.rowsRemoved.connect(self._update_count)
        self._model = model
        self._update_count()

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.count_label)
        lower_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("marks_splitter")
        splitter.addWidget(self.palette_widget)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

    def _title(self) -> str:
        """The list's name when it holds something else than the student's marks."""
        if self._noun == "key items":  # instructor mode, the one such list so far
            return _("Key items")
        return self._noun.capitalize()

    def _counted(self, count: int) -> str:
        """`count` things of the kind the panel lists ("3 key items"), not the student's marks."""
        if self._noun == "key items":
            return ngettext("{count} key item", "{count} key items", count).format(count=count)
        noun = self._noun[:-1] if count == 1 and self._noun.endswith("s") else self._noun
        return f"{count} {noun}"

    def _update_count(self) -> None:
        count = self._model.rowCount()
        if self._noun == "marks":
            text = _("No marks yet") if count == 0 else _("Your marks: {count}").format(count=count)
            self.count_label.setText(
                _("<b>{summary}</b> — F2 edits a note, Del deletes").format(summary=text)
            )
        else:
            self.count_label.setText(
                _("<b>{count}</b> — Del deletes the selected one").format(
                    count=self._counted(count)
                )
            )
