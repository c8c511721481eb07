"""How each outcome looks in the review: a colour and a line style, plus words, never colour
alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from literacy_app.core.scoring import Outcome
from literacy_app.i18n import N_

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
# Marked for the catalogue: translate with _() where shown.
OUTCOME_LABEL = {
    Outcome.FOUND: N_("Found"),
    Outcome.MISLABELED: N_("Different category"),
    Outcome.IMPRECISE: N_("Near miss"),
    Outcome.MISSED: N_("Missed"),
}
OUTCOME_SYMBOL = {
    Outcome.FOUND: "✓",
    Outcome.MISLABELED: "≈",
    Outcome.IMPRECISE: "◐",
    Outcome.MISSED: "✗",
}
