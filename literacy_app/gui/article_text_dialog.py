"""The "Check the article text" dialog: the imported text in a real editor, before a new
lesson freezes it.

The article is frozen once the lesson exists (the key is anchored to it), so this is the
author's one chance to cut leftover site text. A wrapped plain-text editor with nothing
selected (one stray key must not wipe the article, as it would in a fully selected box),
sized for a 1024x768 screen, and above it what the importer asks the author to look at
(its notes: "the text is much shorter than the page", a leftover "Read more:" line...).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from literacy_app.gui.rich_text import escaped
from literacy_app.i18n import N_, _

INTRO = N_(
    "Remove any leftover site text (menus, share buttons, “Read more” links, disclaimers). "
    "The article is frozen once the lesson is created: the key is anchored to it."
)
#: Fits a 1024x768 screen with its task bar and the window frame.
SIZE = (900, 620)


class ArticleTextDialog(QDialog):
    """The imported article for the author to correct; `text()` once accepted."""

    def __init__(self, text: str, notes: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("article_text_dialog")
        self.setWindowTitle(_("Check the article text"))
        intro = QLabel(_(INTRO))
        intro.setWordWrap(True)
        self.notes_label = QLabel()
        self.notes_label.setObjectName("import_notes")
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextFormat(Qt.TextFormat.RichText)
        self.notes_label.setAccessibleName(_("What the import asks you to check"))
        if notes:
            items = "".join(f"<li>{escaped(note)}</li>" for note in notes)
            self.notes_label.setText(
                _("<b>Check before you go on:</b><ul>{items}</ul>").format(items=items)
            )
        self.notes_label.setVisible(bool(notes))
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("article_text_editor")
        self.editor.setAccessibleName(_("Article text"))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.editor.setTabChangesFocus(True)
        font = QFont(self.editor.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.editor.setFont(font)
        self.editor.setPlainText(text)
        self.editor.moveCursor(QTextCursor.MoveOperation.Start)  # nothing selected, at the top
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Use this text"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.editor.textChanged.connect(
            lambda: ok.setEnabled(bool(self.editor.toPlainText().strip()))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.resize(*SIZE)
        self.editor.setFocus()

    def text(self) -> str:
        return self.editor.toPlainText()

    @classmethod
    def ask(cls, text: str, notes: Sequence[str] = (), parent: QWidget | None = None) -> str | None:
        """The corrected text, or None if the author cancelled."""
        dialog = cls(text, notes, parent)
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
