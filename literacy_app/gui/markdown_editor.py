"""A Markdown field with a live preview, rendered exactly as students will see it.

Signals:
    text_edited(str): the user changed the text (not emitted by `set_text`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from literacy_app.gui.lesson_view import LessonBrowser
from literacy_app.i18n import _
from literacy_app.render import render_markdown

PREVIEW_DELAY_MS = 150


class MarkdownEditor(QWidget):
    text_edited = Signal(str)

    def __init__(
        self,
        name: str,
        folder: Path,
        placeholder: str = "",
        parent: QWidget | None = None,
        label: str | None = None,
    ) -> None:
        """`name` (English) makes the object name tests and scripts find; `label`, the field's
        name in the user's language, is what a screen reader says (`name` when not given)."""
        super().__init__(parent)
        self.setObjectName(f"{name.lower().replace(' ', '_')}_editor")
        shown = name if label is None else label
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(_("{field} (Markdown)").format(field=shown))
        self.editor.setPlaceholderText(placeholder)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setTabChangesFocus(True)
        # The preview shows what students will see: images only from the lesson's folder.
        self.preview = LessonBrowser(folder)
        self.preview.setAccessibleName(_("{field} preview").format(field=shown))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.preview)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._render)
        self._silent = False
        self.editor.textChanged.connect(self._on_changed)

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_text(self, text: str) -> None:
        """Show `text` (an undo, another item) without reporting it as the user's edit."""
        if text == self.text():
            return
        self._silent = True
        cursor_position = self.editor.textCursor().position()
        self.editor.setPlainText(text)
        cursor = self.editor.textCursor()
        cursor.setPosition(min(cursor_position, len(text)))
        self.editor.setTextCursor(cursor)
        self._silent = False
        self._render()

    @Slot()
    def _on_changed(self) -> None:
        self._timer.start()
        if not self._silent:
            self.text_edited.emit(self.text())

    @Slot()
    def _render(self) -> None:
        self.preview.setHtml(render_markdown(self.text()))
