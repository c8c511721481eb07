"""The article: read-only text the student selects and marks, with marks drawn over it.

Offsets cross the Qt boundary here and only here: Qt counts UTF-16 units, the core counts code
points (`Utf16Index`). Marks are drawn as extra selections (the document itself never changes),
and review outlines, the current mark and the flash are painted over the viewport.

Signals:
    selection_changed(object): the selected span in code points, or None.
    mark_clicked(str): the id of the mark under a click (repeated clicks cycle through nested
        marks, innermost first).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

from literacy_app.core import colours
from literacy_app.core.markset import Change, MarkSet
from literacy_app.core.taxonomy import Group, Taxonomy
from literacy_app.core.text import Utf16Index
from literacy_app.gui.rich_text import escaped
from literacy_app.i18n import _

READING_WIDTH = 760  # px: about 75 characters a line at the default size
READING_POINT_SIZE = 11.0  # the article is read closely: a comfortable size, zoomable
# Highlights are the category colour itself, opaque, with dark ink on them whatever the theme
# (a highlighter pen on paper): a translucent fill is a different, paler colour on every page
# and pale fills of 20 categories blur together (measured in core/colours.py). The category
# colours are chosen so that the ink stays readable on them and each stands out from light and
# dark pages (tests/core/test_colours.py).
HIGHLIGHT_INK = QColor(colours.HIGHLIGHT_INK)
HIGHLIGHT_MARGIN = 3_000  # characters highlighted beyond the visible text, either side
UNDERLINE = {
    Group.FRAMING: QTextCharFormat.UnderlineStyle.SingleUnderline,
    Group.CLAIM: QTextCharFormat.UnderlineStyle.DashUnderline,
}


@dataclass(frozen=True)
class Outline:
    """A span to outline in review mode."""

    start: int
    end: int
    color: QColor
    style: Qt.PenStyle
    width: float = 2.0


class ArticleView(QTextEdit):
    selection_changed = Signal(object)
    mark_clicked = Signal(str)
    first_painted = Signal()  # once, after the first paint: a deferred start's cue (MainWindow)

    def __init__(
        self,
        text: str,
        marks: MarkSet,
        taxonomy: Taxonomy,
        parent: QWidget | None = None,
        headline: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("article_view")
        self.setAccessibleName(_("Article"))
        self.setAccessibleDescription(
            _(
                "The article to mark. Select words with the mouse or with Shift and the arrow "
                "keys, then choose a category."
            )
        )
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setCursorWidth(2)
        self.setMouseTracking(True)
        self._text = text
        self._index = Utf16Index(text)
        self._marks = marks
        self._taxonomy = taxonomy
        self._current: str | None = None
        self._outlines: list[Outline] = []
        self._neutral: set[str] = set()  # marks shown as "not in the key" while reviewing
        self._heat: list[tuple[int, int, QColor]] = []  # class review: shaded runs
        self._highlighted = False  # extra selections are on the text now
        self._flash: tuple[int, int] | None = None
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._end_flash)
        self._last_click: tuple[int, int] = (-1, 0)  # (position, how many times)
        self._painted = False
        self._stale = True  # highlights not built yet (see refresh_highlights)
        self._window_check = QTimer(self)
        self._window_check.setSingleShot(True)
        self._window_check.setInterval(0)
        self._window_check.timeout.connect(self._check_window)
        self._window = (0, 0)  # the characters that have highlights
        self._formats: dict[str, QTextCharFormat] = {}
        self._neutral_format = QTextCharFormat()  # "not in the key" while reviewing
        self._neutral_format.setBackground(QColor(150, 150, 150, 60))
        self._neutral_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        self._neutral_format.setUnderlineColor(QColor(120, 120, 120))
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), READING_POINT_SIZE))
        self.setFont(font)
        self._load_text(headline)
        marks.subscribe(self._on_marks_changed)
        self.selectionChanged.connect(self._on_selection_changed)
        self.refresh_highlights()

    # --- text ----------------------------------------------------------------------------------
    def _load_text(self, headline: str) -> None:
        """The text exactly as given (offsets must match), styled by block: spacing for reading,
        and the headline, when the article starts with it, set larger and bold."""
        document = self.document()
        document.setUndoRedoEnabled(False)
        document.setDocumentMargin(28)
        self.setPlainText(self._text)
        cursor = QTextCursor(document)
        cursor.select(QTextCursor.SelectionType.Document)
        block = QTextBlockFormat()
        block.setLineHeight(150.0, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setBottomMargin(4.0)
        cursor.mergeBlockFormat(block)
        first = document.firstBlock()
        if headline and first.text().strip() == headline.strip():
            cursor = QTextCursor(first)
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            heading = QTextCharFormat()
            heading.setFontWeight(QFont.Weight.Bold)
            heading.setFontPointSize(self.font().pointSizeF() * 1.35)
            cursor.mergeCharFormat(heading)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def to_qt(self, offset: int) -> int:
        return self._index.to_utf16(offset)

    def from_qt(self, position: int) -> int:
        return self._index.from_utf16(position)

    # --- selection -----------------------------------------------------------------------------
    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.from_qt(cursor.selectionStart()), self.from_qt(cursor.selectionEnd())

    def select_span(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.to_qt(start))
        cursor.setPosition(self.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    @Slot()
    def _on_selection_changed(self) -> None:
        self.selection_changed.emit(self.selected_span())

    # --- marks ---------------------------------------------------------------------------------
    def _on_marks_changed(self, change: Change) -> None:
        if change.kind == "remove" and change.mark.id == self._current:
            self._current = None
        low, high = self._window
        if self._stale or change.mark.overlaps(low, high):  # else: nothing on screen changed
            self.refresh_highlights()

    def refresh_highlights(self) -> None:
        """Highlights for the marks in and around the visible text (`_visible_window`), not
        for all of them: a highlight is a QTextCursor on the document, and placing 5,000 of
        them on a 1 MB article took ~0.1 s on every edit. Scrolling past the window
        (`scrollContentsBy`) or resizing builds it again, and a hidden view builds nothing
        until it is shown."""
        if not self.isVisible():
            self._stale = True
            return
        self._apply_highlights(*self._visible_window())

    def _visible_window(self) -> tuple[int, int]:
        """The article's characters on screen, and HIGHLIGHT_MARGIN more either side."""
        top, bottom = self._on_screen()
        return max(0, top - HIGHLIGHT_MARGIN), min(len(self._text), bottom + HIGHLIGHT_MARGIN)

    def _on_screen(self) -> tuple[int, int]:
        """The first and last character on screen, hit-tested down the middle of the text
        column: a corner falls in the document's margin, where Qt's fuzzy hit test answers
        with positions anywhere in the document. (The widget's size stands for the
        viewport's: asking for the viewport early costs start-up time, see above.)"""
        middle = self.width() // 2
        top = self.cursorForPosition(QPoint(middle, 1)).position()
        bottom = self.cursorForPosition(QPoint(middle, max(1, self.height() - 1))).position()
        top, bottom = self.from_qt(min(top, bottom)), self.from_qt(max(top, bottom))
        # What a screen can hold at most, with room to spare: a bound on the answer while the
        # layout is unfinished (see `_check_window`), never reached once it is.
        metrics = self.fontMetrics()
        lines = self.height() // max(1, metrics.lineSpacing()) + 1
        per_line = self.width() // max(1, metrics.averageCharWidth()) + 1
        return top, min(bottom, top + 4 * lines * per_line)

    def _apply_highlights(self, low: int, high: int) -> None:
        self._stale = False
        self._window = (low, high)
        selections = []
        for start, end, color in self._heat:
            if end <= low or start >= high:
                continue
            fmt = QTextCharFormat()
            fmt.setBackground(color)
            selections.append(self._selection(start, end, fmt))
        for mark in self._marks.overlapping(low, high):
            fmt = self._neutral_format if mark.id in self._neutral else self._format(mark.category)
            selections.append(self._selection(mark.start, mark.end, fmt))
        if not selections and not self._highlighted:
            return  # nothing shown, nothing to show: a new lesson's first frames
        self._highlighted = bool(selections)
        self.setExtraSelections(selections)
        if self.isVisible():
            # For the outlines painted over the text. Not before the first show, which paints
            # everything anyway: the first viewport() call makes PySide resolve every QWidget
            # subclass to wrap a widget it did not create (~20 ms of start-up).
            self.viewport().update()

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_qt(start))
        cursor.setPosition(self.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _format(self, category_id: str) -> QTextCharFormat:
        """A category's highlight, made once per category (a taxonomy lookup normalises the
        id with a regular expression: 5,000 of them were a tenth of every refresh)."""
        fmt = self._formats.get(category_id)
        if fmt is None:
            category = self._taxonomy.get(category_id)
            color = QColor(category.color if category else "#999999")
            fmt = QTextCharFormat()
            # The current mark keeps its colour: the outline painted over it says which.
            fmt.setBackground(color)
            fmt.setForeground(HIGHLIGHT_INK)
            group = category.group if category else Group.FRAMING
            fmt.setUnderlineStyle(UNDERLINE[group])
            fmt.setUnderlineColor(color.darker(140))
            fmt.setToolTip(category.display_name if category else category_id)
            self._formats[category_id] = fmt
        return fmt

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh_highlights()
        self._window_check.start()

    def _check_window(self) -> None:
        """Once the layout has settled after a show or a resize, fit the highlighted window to
        the screen again: while Qt is still laying the document out for a new width, a hit
        test below the laid-out part answers with the document's end, and the first window
        can cover the whole article (correct, but every later edit then pays for it)."""
        if not self.isVisible():
            return
        top, bottom = self._on_screen()
        low, high = self._window
        if top < low or bottom > high or high - low > bottom - top + 4 * HIGHLIGHT_MARGIN:
            self._apply_highlights(*self._visible_window())

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if not self.isVisible():
            return
        top, bottom = self._on_screen()
        low, high = self._window
        if top < low or bottom > high:  # scrolled past what has highlights: build them here
            self._apply_highlights(*self._visible_window())

    def set_current_mark(self, mark_id: str | None) -> None:
        if mark_id != self._current:
            self._current = mark_id
            if self.isVisible():  # only the outline changes; highlights keep their colours
                self.viewport().update()

    @property
    def current_mark(self) -> str | None:
        return self._current

    def marks_at_point(self, point: QPoint) -> list[str]:
        cursor = self.cursorForPosition(point)
        position = self.from_qt(cursor.position())
        rect = self.cursorRect(cursor)
        # cursorForPosition gives the nearest gap between characters: pick the character on the
        # side of the gap where the pointer is.
        if point.x() < rect.center().x() and position > 0:
            position -= 1
        return [m.id for m in self._marks.at(position)]

    # --- review --------------------------------------------------------------------------------
    def set_review(self, outlines: list[Outline], neutral_marks: set[str]) -> None:
        self._outlines = outlines
        self._neutral = neutral_marks
        self.refresh_highlights()
        if self.isVisible():  # the outlines are painted over the text, marks or none
            self.viewport().update()

    def set_heat(self, runs: list[tuple[int, int, QColor]]) -> None:
        """Shade runs of text (the class heat map); drawn under any marks."""
        self._heat = runs
        self.refresh_highlights()

    def clear_review(self) -> None:
        self.set_review([], set())

    # --- navigation ----------------------------------------------------------------------------
    def scroll_to(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_qt(end))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        cursor.setPosition(self.to_qt(start))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def flash(self, start: int, end: int, milliseconds: int = 900) -> None:
        self._flash = (start, end)
        self._flash_timer.start(milliseconds)
        self.viewport().update()

    @Slot()
    def _end_flash(self) -> None:
        self._flash = None
        self.viewport().update()

    @property
    def flashing(self) -> tuple[int, int] | None:
        return self._flash

    # --- geometry ------------------------------------------------------------------------------
    def range_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles covering [start, end), one per line."""
        start16, end16 = self.to_qt(start), self.to_qt(end)
        document = self.document()
        layout = document.documentLayout()
        offset = QPointF(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        rects: list[QRectF] = []
        block = document.findBlock(start16)
        while block.isValid() and block.position() < end16:
            text_layout = block.layout()
            origin = layout.blockBoundingRect(block).topLeft()
            base = block.position()
            for number in range(text_layout.lineCount()):
                line = text_layout.lineAt(number)
                line_start = base + line.textStart()
                line_end = line_start + line.textLength()
                low, high = max(start16, line_start), min(end16, line_end)
                if low >= high:
                    continue
                x1 = _x(line.cursorToX(low - base))
                x2 = _x(line.cursorToX(high - base))
                rect = QRectF(x1, line.y(), x2 - x1, line.height())
                rects.append(rect.translated(origin).translated(offset))
            block = block.next()
        return rects

    def resizeEvent(self, event: QResizeEvent) -> None:
        spare = self.width() - READING_WIDTH - self.verticalScrollBar().sizeHint().width()
        side = max(0, spare // 2)
        self.setViewportMargins(side, 0, side, 0)
        super().resizeEvent(event)
        if self.isVisible():  # other lines on screen now
            self._apply_highlights(*self._visible_window())
            self._window_check.start()

    # --- painting and events -------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
        if not (self._outlines or self._current or self._flash):
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for outline in self._outlines:
            pen = QPen(outline.color, outline.width, outline.style)
            painter.setPen(pen)
            for rect in self.range_rects(outline.start, outline.end):
                painter.drawRoundedRect(rect.adjusted(-2, 0, 2, 0), 3, 3)
        if self._current:
            try:
                mark = self._marks.get(self._current)
            except KeyError:
                mark = None
            if mark is not None:
                painter.setPen(QPen(self.palette().text().color(), 1.5, Qt.PenStyle.SolidLine))
                for rect in self.range_rects(mark.start, mark.end):
                    painter.drawRoundedRect(rect.adjusted(-1, 0, 1, 0), 2, 2)
        if self._flash:
            color = self.palette().highlight().color()
            color.setAlpha(110)
            for rect in self.range_rects(*self._flash):
                painter.fillRect(rect, color)
        painter.end()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        point = event.position().toPoint()
        ids = self.marks_at_point(point)
        if not ids:
            return
        position = self.cursorForPosition(point).position()
        previous, count = self._last_click
        count = count + 1 if previous == position else 0
        self._last_click = (position, count)
        self.mark_clicked.emit(ids[count % len(ids)])

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            ids = self.marks_at_point(event.pos())
            if ids:
                QToolTip.showText(event.globalPos(), self._tooltip(ids), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _tooltip(self, ids: list[str]) -> str:
        lines = []
        for mark_id in ids:
            mark = self._marks.get(mark_id)
            category = self._taxonomy.get(mark.category)
            name = category.display_name if category else mark.category
            line = f"<b>{escaped(name)}</b>"
            if mark.note:
                line += f"<br>{escaped(mark.note)}"
            lines.append(line)
        return "<hr>".join(lines)

    def extra_selection_count(self) -> int:
        self._highlight_everything_if_hidden()
        return len(self.extraSelections())

    def _highlight_everything_if_hidden(self) -> None:
        """For the questions tests ask of a view never shown: the highlights it would have."""
        if self._stale and not self.isVisible():
            self._apply_highlights(0, len(self._text))

    def format_at(self, offset: int) -> QTextCharFormat | None:
        """The highlight format covering `offset` (a copy: the selections Qt hands back are
        temporaries). Used to check the visual cues."""
        self._highlight_everything_if_hidden()
        position = self.to_qt(offset)
        for selection in self.extraSelections():
            cursor = selection.cursor
            if cursor.selectionStart() <= position < cursor.selectionEnd():
                return QTextCharFormat(selection.format)
        return None


def _x(cursor_to_x: object) -> float:
    """PySide returns QTextLine.cursorToX as (x, position); the x is what we want."""
    if isinstance(cursor_to_x, tuple):
        return float(cursor_to_x[0])
    return float(cursor_to_x)  # type: ignore[arg-type]
