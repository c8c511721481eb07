"""Writing a note on a mark: a wrapped editor that grows with the note, in a small dialog.

F2 (Edit > Edit note) and the Note column of the marks list both open it, so a note is always
written the same way. Notes are short sentences more often than paragraphs, so Enter saves (as
in the other boxes of the app and in a table cell) and Shift+Enter starts a new line; the
dialog says so under the editor. Ctrl+Enter saves too, for students used to chat boxes.

Imported at the first note edit, not at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from literacy_app.i18n import N_, _

KEYS_HINT = N_("<b>Enter</b> saves · <b>Shift+Enter</b> starts a new line · <b>Esc</b> cancels")
MIN_LINES = 3
MAX_LINES = 12
QUOTE_SHOWN = 160  # characters of the marked passage quoted above the editor


class NoteEdit(QTextEdit):
    """Plain text, wrapped at the editor's width, as tall as its text (MIN_LINES to MAX_LINES,
    then it scrolls). Enter and Ctrl+Enter submit; Shift+Enter inserts a line break.

    Signals:
        submitted(): the student pressed Enter to save.
        height_changed(): the editor grew or shrank with its text.
    """

    submitted = Signal()
    height_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("note_edit")
        self.setAccessibleName(_("Note"))
        self.setAcceptRichText(False)  # pasted web text arrives as text
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().contentsChanged.connect(self._fit_height)
        self._fit_height()

    def note(self) -> str:
        return self.toPlainText()

    def _wanted_height(self) -> int:
        line = self.fontMetrics().lineSpacing()
        frame = self.frameWidth() * 2
        margin = int(self.document().documentMargin() * 2)
        low = MIN_LINES * line + margin + frame
        high = MAX_LINES * line + margin + frame
        return max(low, min(high, int(self.document().size().height()) + frame))

    def _fit_height(self) -> None:
        height = self._wanted_height()
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)
            self.height_changed.emit()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._wanted_height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # rewrapped: lines changed
            self._fit_height()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")  # a real line break, not a soft U+2028 one
            else:
                self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class NoteDialog(QDialog):
    """The marked passage, the note editor and a line that says which keys do what."""

    def __init__(self, parent: QWidget | None, quote: str, note: str) -> None:
        super().__init__(parent)
        self.setObjectName("note_dialog")
        self.setWindowTitle(_("Note"))
        shown = " ".join(quote.split())
        if len(shown) > QUOTE_SHOWN:
            shown = shown[: QUOTE_SHOWN - 1] + "…"
        question = QLabel(_("Why did you mark “{quote}”?").format(quote=shown))
        question.setObjectName("note_question")
        question.setTextFormat(Qt.TextFormat.PlainText)  # the article's words, never markup
        question.setWordWrap(True)
        self.editor = NoteEdit()
        self.editor.setPlainText(note)
        self.editor.setPlaceholderText(_("What do these words do to the reader?"))
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        question.setBuddy(self.editor)
        hint = QLabel(_(KEYS_HINT))
        hint.setObjectName("note_keys_hint")
        hint.setTextFormat(Qt.TextFormat.RichText)  # our own words: the keys in bold
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.editor.submitted.connect(self.accept)
        self.editor.height_changed.connect(self._fit_to_editor)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.editor)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())
        self.editor.setFocus()

    def note(self) -> str:
        return self.editor.note()

    def _fit_to_editor(self) -> None:
        """Grow (and shrink back) with the editor, keeping the width the student chose."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
            self.resize(self.width(), self.sizeHint().height())


def ask_note(parent: QWidget | None, quote: str, note: str) -> str | None:
    """The note as the student left it after editing, or None when they cancelled."""
    dialog = NoteDialog(parent, quote, note)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.note()
        return None
    finally:
        dialog.deleteLater()
