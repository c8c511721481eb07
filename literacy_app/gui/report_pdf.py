"""Reports on paper: an HTML report laid out by Qt's own QTextDocument into A4 pages, as PDF
(QPdfWriter) or as PNG pictures of the first pages (for the docs; QPdfWriter cannot rasterise).

No browser engine: the reports' HTML keeps to the CSS subset QTextDocument reads (see
reports/printable.py). Each page is drawn by hand rather than by QTextDocument.print(), so the
footer can carry the report's title and "page N of M", and the PNG pages are laid out exactly
as the PDF's (same page size in points, same margins, same fonts).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from literacy_app.formats.atomic import atomic_write_bytes
from literacy_app.i18n import _

MARGIN_MM = 18.0
FOOTER_PT = 22.0  # room below the text for the footer line, in points
PDF_DPI = 300
PNG_DPI = 110


def _layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def _document(html: str, dpi: int) -> tuple[QTextDocument, QRectF, float]:
    """`html` laid out for a page `dpi` dots per inch: (document, the text area on the page in
    dots, the footer's height in dots). Fonts in points scale with `dpi` because the layout
    measures with a device of that resolution."""
    layout = _layout()
    paint = layout.paintRectPixels(dpi)
    footer = FOOTER_PT * dpi / 72.0
    document = QTextDocument()
    document.setUseDesignMetrics(True)
    font = QFont("DejaVu Serif")
    font.setPointSizeF(11.0)
    document.setDefaultFont(font)
    image = QImage(8, 8, QImage.Format.Format_RGB32)  # only measures: its resolution matters
    _set_dpi(image, dpi)
    document.documentLayout().setPaintDevice(image)
    document.setDocumentMargin(0)
    document.setHtml(html)
    area = QRectF(paint.x(), paint.y(), paint.width(), paint.height() - footer)
    document.setPageSize(QSizeF(area.width(), area.height()))
    return document, area, footer


def _set_dpi(image: QImage, dpi: int) -> None:
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)


def _draw_page(
    painter: QPainter,
    document: QTextDocument,
    area: QRectF,
    footer: float,
    number: int,
    title: str,
    dpi: int,
) -> None:
    """Page `number` (from 1) of the laid-out `document`, its footer under the text area."""
    count = document.pageCount()
    painter.save()
    painter.translate(area.topLeft())
    top = (number - 1) * area.height()
    painter.translate(QPointF(0, -top))
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = QRectF(0, top, area.width(), area.height())
    painter.setClipRect(context.clip)
    document.documentLayout().draw(painter, context)
    painter.restore()
    font = QFont("DejaVu Sans")
    font.setPixelSize(max(1, round(8.0 * dpi / 72.0)))
    painter.setFont(font)
    painter.setPen(QColor("#555555"))
    line_y = area.bottom() + footer * 0.35
    painter.drawLine(QPointF(area.left(), line_y), QPointF(area.right(), line_y))
    text_box = QRectF(area.left(), line_y, area.width(), footer * 0.65)
    elided = painter.fontMetrics().elidedText(
        title, Qt.TextElideMode.ElideRight, round(area.width() * 0.75)
    )
    painter.drawText(text_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
    painter.drawText(
        text_box,
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        _("page {number} of {count}").format(number=number, count=count),
    )


def pdf_bytes(html: str, title: str) -> bytes:
    """The PDF of `html` on A4 pages, with `title` in each page's footer and document info."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setTitle(title)
    writer.setCreator("Media Literacy Lab")
    writer.setPageLayout(_layout())
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    document, area, footer = _document(html, PDF_DPI)
    painter = QPainter(writer)
    try:
        for number in range(1, document.pageCount() + 1):
            if number > 1:
                writer.newPage()
            _draw_page(painter, document, area, footer, number, title, PDF_DPI)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def write_pdf(html: str, path: Path, title: str) -> None:
    """`html` as a PDF at `path`, written whole or not at all (a sibling renamed into place, as
    formats/atomic.py writes text). Raises OSError when the file cannot be written."""
    atomic_write_bytes(path, pdf_bytes(html, title))


def render_pages_png(
    html: str, out_prefix: Path, pages: int = 2, title: str = "", dpi: int = PNG_DPI
) -> list[Path]:
    """The first `pages` pages of `html`, as the PDF lays them out, saved as
    `<out_prefix>-1.png`, `-2.png`...; returns the files written (fewer for a shorter report).
    Raises OSError when a picture cannot be saved."""
    document, area, footer = _document(html, dpi)
    layout = _layout().fullRectPixels(dpi)
    written = []
    for number in range(1, min(pages, document.pageCount()) + 1):
        image = QImage(layout.width(), layout.height(), QImage.Format.Format_RGB32)
        _set_dpi(image, dpi)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        try:
            _draw_page(painter, document, area, footer, number, title, dpi)
        finally:
            painter.end()
        target = out_prefix.with_name(f"{out_prefix.name}-{number}.png")
        if not image.save(str(target)):
            raise OSError(f"{target}: cannot save the picture")
        written.append(target)
    return written
