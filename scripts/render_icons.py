"""Render the PNG icons in assets/icons/ from their SVG sources.

The SVGs are the artwork; the PNGs are what the app, desktop menus and file managers use where
an SVG cannot be read (a window icon without loading QtSvg at start-up, older icon themes,
Windows). Run it after changing an SVG and commit the PNGs with it:

    .venv/bin/python scripts/render_icons.py            # into assets/icons/
    .venv/bin/python scripts/render_icons.py --out DIR  # elsewhere (tests compare the two)

Small sizes are drawn from the `-small.svg` variant when there is one: the same picture with
fewer, thicker strokes, since the full drawing's 5-unit lines fall between pixels at 16 px.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "assets" / "icons"

APP_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MIME_SIZES = (16, 24, 32, 48, 64, 128, 256)
SMALL_UP_TO = 32  # sizes at or below this come from NAME-small.svg when it exists

#: (SVG stem, sizes): every icon the app ships.
SOURCES = (
    ("literacy-app", APP_SIZES),
    ("application-x-literacy-lesson+zip", MIME_SIZES),
    ("application-x-literacy-submission+json", MIME_SIZES),
)


def png_name(stem: str, size: int) -> str:
    return f"{stem}-{size}.png"


def source_for(folder: Path, stem: str, size: int) -> Path:
    small = folder / f"{stem}-small.svg"
    if size <= SMALL_UP_TO and small.is_file():
        return small
    return folder / f"{stem}.svg"


def render(svg: Path, size: int) -> object:
    """The SVG drawn on a transparent size x size image (a QImage)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG (QSvgRenderer could not read it)")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def render_all(out: Path, sources: Path = ICONS) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage

    _app = QGuiApplication.instance() or QGuiApplication([])  # alive while painting
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, sizes in SOURCES:
        for size in sizes:
            image = render(source_for(sources, stem, size), size)
            target = out / png_name(stem, size)
            assert isinstance(image, QImage)
            if not image.save(str(target), "PNG"):
                raise SystemExit(f"{target}: cannot write")
            written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ICONS, help="where to write the PNGs")
    args = parser.parse_args(argv)
    for path in render_all(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
