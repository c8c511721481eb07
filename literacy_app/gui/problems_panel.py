"""What `literacy-app check` and the authoring checks find, listed after every save.

Signals:
    problem_activated(str): the JSON path of a problem the instructor double-clicked.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from literacy_app.core.errors import Problem
from literacy_app.gui.rich_text import plain_tip
from literacy_app.i18n import _, ngettext


class ProblemsPanel(QWidget):
    problem_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems_panel")
        self.summary = QLabel(_("Press F7 (Check lesson) to check the lesson as it is on screen."))
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Problems in the lesson"))
        self.list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.list.itemActivated.connect(
            lambda entry: self.problem_activated.emit(entry.data(Qt.ItemDataRole.UserRole))
        )

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self.list.clear()
        errors = sum(1 for p in problems if p.severity == "error")
        warnings = len(problems) - errors
        if not problems:
            self.summary.setText(_("✓ No problems: the lesson passes every check."))
        else:
            counts = []
            if errors:
                counts.append(
                    ngettext("{count} error", "{count} errors", errors).format(count=errors)
                )
            if warnings:
                counts.append(
                    ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings)
                )
            self.summary.setText(
                _("{counts}. Double-click one to go to it.").format(counts=", ".join(counts))
            )
        for problem in problems:
            where = f"{problem.file.rsplit('/', 1)[-1]}:{problem.line}"
            mark = "✗" if problem.severity == "error" else "!"
            entry = QListWidgetItem(f"{mark} {problem.message}\n   {where} {problem.json_path}")
            entry.setData(Qt.ItemDataRole.UserRole, problem.json_path)
            entry.setToolTip(plain_tip(str(problem)))
            self.list.addItem(entry)
