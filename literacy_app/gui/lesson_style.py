"""How the lesson panel looks: colours that stay readable on any palette (WCAG contrast),
tinted cards for hints and the debrief, and fonts scaled from the user's own. Kept apart
from the panel's behaviour (gui/lesson_view.py)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`a` moved `amount` of the way towards `b`: tints that follow the palette, light or dark."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(color: QColor, background: QColor, text: QColor) -> QColor:
    """`color`, or as little of the way towards `text` as needed for 4.5:1 on `background`.

    Some dark palettes keep the light theme's dark-blue link colour; links must stay legible.
    """
    for step in range(11):
        candidate = mix(color, text, step / 10)
        if contrast(candidate, background) >= 4.5:
            return candidate
    return text


def scaled_font(font: QFont, factor: float, minimum: float = 0.0) -> QFont:
    scaled = QFont(font)
    if font.pointSizeF() > 0:
        scaled.setPointSizeF(max(font.pointSizeF() * factor, minimum))
    elif font.pixelSize() > 0:
        scaled.setPixelSize(max(round(font.pixelSize() * factor), round(minimum * 4 / 3)))
    return scaled


def card(body: str, background: str, border: str) -> str:
    """A tinted box; a one-cell table is how Qt rich text does padding and backgrounds."""
    return (
        f'<table width="100%" cellspacing="0" cellpadding="12" border="1" '
        f'style="border-style: solid; border-color: {border}; border-collapse: separate; '
        f'background-color: {background}; margin-top: 4px; margin-bottom: 12px;">'
        f'<tr><td style="border-style: none; padding: 12px;">{body}</td></tr></table>'
    )
