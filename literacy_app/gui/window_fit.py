"""The student window on the screen it opens on (issue #12): never larger than the screen's
free area, with its title bar, the hint button and the status bar on screen, whatever size was
saved, on whatever screen and at whatever scale factor.

Geometry is kept in the screen's device pixels (`WindowFrame`): a window saved on a laptop at
150 % comes back the same size on the glass at 100 %, not two thirds of it. These functions
are plain arithmetic on rectangles, so that they can be tested for any screen without one.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize

from literacy_app.gui.settings import WindowFrame

DEFAULT_SIZE = QSize(1400, 900)
# Before a window is first shown nobody knows how much its title bar and borders take; the
# default size leaves this much room, so that a window manager never pushes the bottom (the
# status bar, the hint button) off the screen.
FRAME_ALLOWANCE = QMargins(8, 40, 8, 8)
# The narrowest each pane of the main splitter (lesson, article, marks) may become: the lesson's
# headings and hint button keep whole words, the article a line of five or six words, and the
# palette (which asks for ~290 itself) its labels. Together, with the handles, they fit in 800
# pixels: a 1024-pixel screen at 125 % scaling is 819 wide.
PANE_MINIMUM_WIDTHS = (200, 300, 260)


def default_geometry(available: QRect) -> QRect:
    """The first window ever: DEFAULT_SIZE, or less on a small screen, centred in the room left
    once a title bar and borders are allowed for."""
    area = available.marginsRemoved(FRAME_ALLOWANCE)
    size = DEFAULT_SIZE.boundedTo(area.size())
    corner = area.topLeft() + QPoint(
        (area.width() - size.width()) // 2, (area.height() - size.height()) // 2
    )
    return QRect(corner, size)


def fit(wanted: QRect, available: QRect, frame: QMargins) -> QRect:
    """`wanted` (a window's inner geometry) made to fit `available` with its `frame` around it:
    first shrunk, then moved, never larger than the screen nor partly off it."""
    area = available.marginsRemoved(frame)
    size = wanted.size().boundedTo(area.size())
    x = min(max(wanted.x(), area.left()), area.left() + area.width() - size.width())
    y = min(max(wanted.y(), area.top()), area.top() + area.height() - size.height())
    return QRect(x, y, size.width(), size.height())


def to_device(
    geometry: QRect,
    frame: QMargins,
    available: QRect,
    ratio: float,
    screen: str,
    maximized: bool,
) -> WindowFrame:
    """What to store for a window with `geometry` (logical pixels, as Qt gives it) on a screen
    whose available area is `available` and whose device pixel ratio is `ratio`."""

    def device(value: int) -> int:
        return round(value * ratio)

    return WindowFrame(
        screen,
        device(geometry.x() - available.x()),
        device(geometry.y() - available.y()),
        device(geometry.width()),
        device(geometry.height()),
        (device(frame.left()), device(frame.top()), device(frame.right()), device(frame.bottom())),
        maximized,
    )


def from_device(saved: WindowFrame, available: QRect, ratio: float) -> QRect:
    """The stored window on a screen with `available` area and device pixel `ratio`, in
    logical pixels and fitted to that area (the screen may be smaller than the one it was
    saved on, or scaled differently). A window saved with no frame at all (no window manager
    then, or a damaged value) is fitted with FRAME_ALLOWANCE: one may be drawn this time."""

    def logical(value: int) -> int:
        return round(value / ratio)

    left, top, right, bottom = (logical(side) for side in saved.frame)
    frame = QMargins(left, top, right, bottom) if any(saved.frame) else FRAME_ALLOWANCE
    wanted = QRect(
        available.x() + logical(saved.x),
        available.y() + logical(saved.y),
        logical(saved.width),
        logical(saved.height),
    )
    return fit(wanted, available, frame)


def frame_margins(geometry: QRect, frame_geometry: QRect) -> QMargins:
    """What the window manager draws around a window (title bar, borders); none is negative."""
    return QMargins(
        max(0, geometry.left() - frame_geometry.left()),
        max(0, geometry.top() - frame_geometry.top()),
        max(0, frame_geometry.right() - geometry.right()),
        max(0, frame_geometry.bottom() - geometry.bottom()),
    )


__all__ = [
    "DEFAULT_SIZE",
    "FRAME_ALLOWANCE",
    "PANE_MINIMUM_WIDTHS",
    "default_geometry",
    "fit",
    "frame_margins",
    "from_device",
    "to_device",
]
