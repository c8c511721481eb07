"""Regression guard for PySide6 6.12.0 on Python 3.11 (docs/known-issues.md): void Qt calls that
drop a reference to None crash the interpreter within minutes. If this fails after an upgrade,
keep the cap in pyproject.toml."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QLabel, QTextEdit
from pytestqt.qtbot import QtBot

CALLS = 3000


def test_void_qt_calls_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    edit = QTextEdit()
    qtbot.addWidget(label)
    qtbot.addWidget(edit)
    edit.setPlainText("some text to select " * 20)
    color = QColor("#336699")
    before = sys.getrefcount(None)
    for n in range(CALLS):
        label.setText("x")
        label.resize(100 + n % 3, 20)
        cursor = edit.textCursor()
        cursor.setPosition(n % 50)
        cursor.setPosition(n % 50 + 5, QTextCursor.MoveMode.KeepAnchor)
        edit.setTextCursor(cursor)
        color.setAlpha(n % 255)
    # Python 3.12+ makes None immortal (the count is then meaningless but harmless).
    assert sys.getrefcount(None) - before > -CALLS // 10
