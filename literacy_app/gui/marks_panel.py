"""The marking side panel: the category palette above the list of the student's marks."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
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

from literacy_app.core.taxonomy import Taxonomy
from literacy_app.gui.marks_model import MarksTableModel
from literacy_app.gui.palette import CategoryPalette, category_icon


class CategoryDelegate(QStyledItemDelegate):
    """Edits a mark's category with a drop-down of the taxonomy, grouped by family."""

    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._taxonomy = taxonomy

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Category")
        for category in self._taxonomy:
            combo.addItem(category_icon(category), f"{category.name}", category.id)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        row = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(0, row))

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


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
        self.table = QTableView()
        self.table.setObjectName("marks_table")
        self.table.setAccessibleName("Your marks" if noun == "marks" else noun.capitalize())
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setItemDelegateForColumn(
            MarksTableModel.CATEGORY, CategoryDelegate(taxonomy, self)
        )
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MarksTableModel.QUOTE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MarksTableModel.CATEGORY, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MarksTableModel.NOTE, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(MarksTableModel.CATEGORY, 130)
        self.table.setColumnWidth(MarksTableModel.NOTE, 90)
        self.table.verticalHeader().setDefaultSectionSize(24)

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

    def _update_count(self) -> None:
        count = self._model.rowCount()
        if self._noun == "marks":
            text = "No marks yet" if count == 0 else f"Your marks: {count}"
            self.count_label.setText(f"<b>{text}</b> — F2 edits a note, Del deletes")
        else:
            self.count_label.setText(f"<b>{count} {self._noun}</b> — Del deletes the selected one")
