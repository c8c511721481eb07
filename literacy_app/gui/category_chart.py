"""Strengths and weak spots: one bar per category, how the learner's key items came out.

Drawn with QPainter, not a chart library (Qt Charts is not in PySide6-Essentials, and a few
stacked bars need none). Every count is also written out beside its bar, so nothing is told by
colour alone, and text takes the palette's colours so a dark theme stays readable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from literacy_app.core.drills import NOT_A_DEVICE, NOT_A_DEVICE_NAME
from literacy_app.core.progress import DrillTally, Progress, Tally
from literacy_app.i18n import N_, _, ngettext

#: (what, colour, pattern over it): the patterns tell missed and imprecise apart in grey print.
SEGMENTS: tuple[tuple[str, str, Qt.BrushStyle], ...] = (
    ("found", "#2e7d32", Qt.BrushStyle.NoBrush),
    ("mislabeled", "#f9a825", Qt.BrushStyle.NoBrush),
    ("imprecise", "#64b5f6", Qt.BrushStyle.Dense6Pattern),
    ("missed", "#c62828", Qt.BrushStyle.BDiagPattern),
)
DRILL_RIGHT = "#2e7d32"
DRILL_WRONG = "#c62828"
#: At or above: a weak spot; at or below: a strength (miss rates, see core/progress.py).
WEAK = 0.5
STRONG = 0.25
EMPTY_TEXT = N_("Check a lesson or answer a drill to see your strengths and weak spots here.")
#: The legend's words for each segment (SEGMENTS names Tally's fields, which stay English).
LEGEND = {
    "found": N_("found"),
    "mislabeled": N_("mislabeled"),
    "imprecise": N_("imprecise"),
    "missed": N_("missed"),
}

MARGIN = 12
GAP = 6
DRILL_BAR = 5
NAME_SHARE = 0.4  # of the width at most, for the category's name


def rate_text(rate: float) -> str:
    """ "40% missed": a category's miss rate beside its bar."""
    return _("{rate} missed").format(rate=f"{rate:.0%}")


def outcome_count(outcome: str, count: int) -> str:
    """ "3 found": `count` key items with `outcome` (a Tally field), in words."""
    if outcome == "found":
        words = ngettext("{count} found", "{count} found", count)
    elif outcome == "mislabeled":
        words = ngettext("{count} mislabeled", "{count} mislabeled", count)
    elif outcome == "imprecise":
        words = ngettext("{count} imprecise", "{count} imprecise", count)
    else:
        words = ngettext("{count} missed", "{count} missed", count)
    return words.format(count=count)


def drills_text(drill: DrillTally) -> str:
    return _("drills: {right} right, {wrong} wrong").format(right=drill.right, wrong=drill.wrong)


@dataclass(frozen=True)
class ChartRow:
    category: str
    name: str
    tally: Tally
    drill: DrillTally
    rate: float

    @property
    def verdict(self) -> str:
        if self.rate >= WEAK:
            return _("weak spot")
        return _("strength") if self.rate <= STRONG else ""

    def counts_text(self) -> str:
        """The counts in words; outcomes that never happened are left out (the legend names
        them all) so that the drill answers still fit beside a narrow bar."""
        parts = []
        if self.tally.total:
            counts = [(getattr(self.tally, name), name) for name, _c, _p in SEGMENTS]
            parts.append(
                " · ".join(outcome_count(name, count) for count, name in counts if count)
            )
        else:
            parts.append(_("no lesson items yet"))
        if self.drill.total:
            parts.append(drills_text(self.drill))
        return "  ·  ".join(parts)

    def describe(self) -> str:
        verdict = self.verdict
        name = (
            _("{category} ({verdict})").format(category=self.name, verdict=verdict)
            if verdict
            else self.name
        )
        counts = ", ".join(outcome_count(n, getattr(self.tally, n)) for n, _c, _p in SEGMENTS)
        drills = f"; {drills_text(self.drill)}" if self.drill.total else ""
        text = _("{category}: {counts}{drills}; missed {rate} of the time (counting drills)")
        return text.format(category=name, counts=counts, drills=drills, rate=f"{self.rate:.0%}")


def display_name(category: str, names: Mapping[str, str]) -> str:
    """The taxonomy's name; "Not a device" (the drills' answer, in no taxonomy) in the current
    language; another id made readable ("flag_waving" -> "Flag waving")."""
    if category in names:
        return names[category]
    if category == NOT_A_DEVICE:
        return _(NOT_A_DEVICE_NAME)
    words = category.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else category


def chart_rows(progress: Progress, names: Mapping[str, str]) -> list[ChartRow]:
    """Weak spots first (highest miss rate), then by name: what to practise is on top."""
    picture = progress.category_picture()
    rows = [
        ChartRow(
            category,
            display_name(category, names),
            picture.get(category, Tally()),
            progress.drills.get(category, DrillTally()),
            rate,
        )
        for category, rate in progress.miss_rates().items()
    ]
    rows.sort(key=lambda row: (-row.rate, row.name.casefold()))
    return rows


class CategoryChart(QWidget):
    def __init__(self, names: Mapping[str, str] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.names = dict(names or {})
        self.rows: list[ChartRow] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(_("Strengths and weak spots"))
        self._describe()

    def set_progress(self, progress: Progress) -> None:
        self.rows = chart_rows(progress, self.names)
        self._describe()
        self.updateGeometry()
        self.update()

    def order(self) -> list[str]:
        return [row.category for row in self.rows]

    def _describe(self) -> None:
        """The whole chart in words, for screen readers."""
        text = "\n".join(row.describe() for row in self.rows) or _(EMPTY_TEXT)
        self.setAccessibleDescription(text)

    # --- geometry -----------------------------------------------------------------------------

    def _line(self) -> int:
        return self.fontMetrics().height()

    def _row_height(self) -> int:
        line = self._line()
        return line + 3 + DRILL_BAR + 3 + line + 2 * GAP

    def _legend_height(self) -> int:
        return self._line() + 2 * GAP

    def sizeHint(self) -> QSize:
        rows = max(1, len(self.rows))
        return QSize(560, 2 * MARGIN + self._legend_height() + rows * self._row_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(360, self.sizeHint().height())

    def _row_rect(self, index: int) -> QRect:
        top = MARGIN + self._legend_height() + index * self._row_height()
        return QRect(MARGIN, top, self.width() - 2 * MARGIN, self._row_height())

    def _name_width(self, width: int) -> int:
        """As wide as the longest name, up to NAME_SHARE of the chart (then names elide)."""
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        longest = max((metrics.horizontalAdvance(row.name) for row in self.rows), default=0)
        return min(longest + 4, int(width * NAME_SHARE))

    def row_at(self, point: QPoint) -> ChartRow | None:
        for index, row in enumerate(self.rows):
            if self._row_rect(index).contains(point):
                return row
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self.row_at(event.pos())
            if row is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), row.describe(), self)
            return True
        return super().event(event)

    # --- painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            text = self.palette().color(QPalette.ColorRole.WindowText)
            painter.setPen(text)
            if not self.rows:
                area = self.rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
                flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
                painter.drawText(area, int(flags), _(EMPTY_TEXT))
                return
            self._paint_legend(painter, text)
            for index, row in enumerate(self.rows):
                self._paint_row(painter, self._row_rect(index), row, text)
        finally:
            painter.end()

    def _swatch(self, painter: QPainter, rect: QRect, colour: str, pattern: Qt.BrushStyle) -> None:
        painter.fillRect(rect, QColor(colour))
        if pattern != Qt.BrushStyle.NoBrush:
            painter.fillRect(rect, QBrush(QColor(0, 0, 0, 90), pattern))

    def _paint_legend(self, painter: QPainter, text: QColor) -> None:
        metrics = self.fontMetrics()
        line = self._line()
        x, y = MARGIN, MARGIN
        entries = [(_(LEGEND[name]), colour, pattern, False) for name, colour, pattern in SEGMENTS]
        entries += [
            (_("drill right"), DRILL_RIGHT, Qt.BrushStyle.NoBrush, True),
            (_("drill wrong"), DRILL_WRONG, Qt.BrushStyle.NoBrush, True),
        ]
        for name, colour, pattern, thin in entries:
            box = QRect(x, y + (line - 12) // 2, 12, 12)
            if thin:
                box = QRect(x, y + (line - DRILL_BAR) // 2, 12, DRILL_BAR)
            self._swatch(painter, box, colour, pattern)
            painter.setPen(text)
            painter.drawText(x + 16, y + metrics.ascent(), name)
            x += 16 + metrics.horizontalAdvance(name) + 14
            if x > self.width() - MARGIN - 100 and name != entries[-1][0]:
                x, y = MARGIN, y + line  # wraps on a narrow window rather than clipping

    def _paint_row(self, painter: QPainter, rect: QRect, row: ChartRow, text: QColor) -> None:
        metrics = self.fontMetrics()
        line = self._line()
        top = rect.top() + GAP
        name_width = self._name_width(rect.width())
        rate_width = metrics.horizontalAdvance(rate_text(1.0)) + 8
        bar_left = rect.left() + name_width + 8
        bar_width = max(40, rect.right() - rate_width - bar_left)

        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text)
        name = painter.fontMetrics().elidedText(row.name, Qt.TextElideMode.ElideRight, name_width)
        painter.drawText(rect.left(), top + metrics.ascent(), name)
        painter.setFont(self.font())
        if row.verdict:
            muted = QColor(text)
            muted.setAlphaF(0.75)
            painter.setPen(muted)
            painter.drawText(
                rect.left(), top + line + 3 + DRILL_BAR + 3 + metrics.ascent(), row.verdict
            )
            painter.setPen(text)

        track = QRect(bar_left, top + 1, bar_width, line - 2)
        painter.fillRect(track, self.palette().color(QPalette.ColorRole.Midlight))
        total = row.tally.total
        x = float(track.left())
        for segment, colour, pattern in SEGMENTS:
            count = getattr(row.tally, segment)
            if not total or not count:
                continue
            width = track.width() * count / total
            piece = QRect(
                round(x), track.top(), max(1, round(x + width) - round(x)), track.height()
            )
            self._swatch(painter, piece, colour, pattern)
            x += width
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid)))
        painter.drawRect(track.adjusted(0, 0, -1, -1))
        painter.setPen(text)

        drill_top = top + line + 3
        if row.drill.total:
            right_width = round(bar_width * row.drill.right / row.drill.total)
            painter.fillRect(
                QRect(bar_left, drill_top, right_width, DRILL_BAR), QColor(DRILL_RIGHT)
            )
            painter.fillRect(
                QRect(bar_left + right_width, drill_top, bar_width - right_width, DRILL_BAR),
                QColor(DRILL_WRONG),
            )

        # Under the bar; when that is too short (a longer language, a narrow window) the line
        # starts further left, up to the verdict beside it, before it is elided.
        counts_text = row.counts_text()
        counts_left = bar_left
        needed = metrics.horizontalAdvance(counts_text)
        if needed > rect.right() - bar_left:
            verdict_end = rect.left() + (metrics.horizontalAdvance(row.verdict) + 12)
            counts_left = max(verdict_end, rect.right() - needed)
        counts = metrics.elidedText(
            counts_text, Qt.TextElideMode.ElideRight, rect.right() - counts_left
        )
        painter.drawText(counts_left, drill_top + DRILL_BAR + 3 + metrics.ascent(), counts)
        rate = rate_text(row.rate)
        painter.drawText(
            QRect(rect.right() - rate_width, top, rate_width, line),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            rate,
        )
