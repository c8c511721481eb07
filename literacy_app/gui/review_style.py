"""How each outcome looks in the review: a colour and a line style, plus words, never colour
alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from literacy_app.core.scoring import Outcome

OUTCOME_COLOR = {
    Outcome.FOUND: QColor("#2e7d32"),
    Outcome.MISLABELED: QColor("#e65100"),
    Outcome.IMPRECISE: QColor("#8d6e00"),
    Outcome.MISSED: QColor("#c62828"),
}
OUTCOME_LINE = {
    Outcome.FOUND: Qt.PenStyle.SolidLine,
    Outcome.MISLABELED: Qt.PenStyle.SolidLine,
    Outcome.IMPRECISE: Qt.PenStyle.DotLine,
    Outcome.MISSED: Qt.PenStyle.DashLine,
}
OUTCOME_LABEL = {
    Outcome.FOUND: "Found",
    Outcome.MISLABELED: "Different category",
    Outcome.IMPRECISE: "Near miss",
    Outcome.MISSED: "Missed",
}
OUTCOME_SYMBOL = {
    Outcome.FOUND: "✓",
    Outcome.MISLABELED: "≈",
    Outcome.IMPRECISE: "◐",
    Outcome.MISSED: "✗",
}
