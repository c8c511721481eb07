"""Which lesson pictures may be handed to Qt's image readers.

A lesson's images come from a stranger's package. Raster formats are just pixels, but an SVG
is a document that can point elsewhere: `<image xlink:href="/home/ada/photo.png">`, a
`../../..` path, `<use href="other.svg#x">`, `url(...)` in a style, an external DTD or entity,
or a `data:` URI holding another SVG that does any of these. Qt's SVG renderer follows such
references, so a package could show files from anywhere on the student's disk. An SVG is
accepted only when every reference it makes is to itself (`#id`) or to an embedded raster
image (`data:image/png;base64,...`); compressed SVG (.svgz) cannot be checked cheaply and is
refused. The check is syntactic and errs on the side of refusing: a lesson author can always
export a PNG.

Nothing here imports Qt (tests/core/test_qt_free.py).
"""

from __future__ import annotations

import re

__all__ = ["refusal"]

GZIP_MAGIC = b"\x1f\x8b"
#: Embedded images an SVG may carry: pixels only, never another document.
RASTER_DATA = re.compile(r"data:image/(?:png|jpeg|jpg|gif|webp|bmp);base64,", re.IGNORECASE)

_DECLARATIONS = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_PROCESSING = re.compile(rb"<\?xml-stylesheet", re.IGNORECASE)
#: Any attribute whose local name is href (href, xlink:href, or another prefix) or src.
_REFERENCE = re.compile(
    r"""(?:^|[\s"'])(?:[\w.-]+:)?(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE
)
_URL_FUNCTION = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_IMPORT = re.compile(r"@import", re.IGNORECASE)
_ENTITY_REFERENCE = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)[\w.-]+;")


def looks_like_svg(data: bytes) -> bool:
    """SVG or some other XML, whatever the file is called: Qt's readers go by content too."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") or b"<svg" in data[:4096].lower()


def refusal(data: bytes) -> str | None:
    """Why this image must not be shown, or None when it may be."""
    if data.startswith(GZIP_MAGIC):
        return "compressed SVG (.svgz) is not shown: export the picture as PNG or plain SVG"
    if not looks_like_svg(data):
        return None  # pixels: PNG, JPEG, GIF, WebP...
    if _DECLARATIONS.search(data):
        return "an SVG with a DOCTYPE or ENTITY declaration is not shown"
    if _PROCESSING.search(data):
        return "an SVG with a stylesheet instruction is not shown"
    text = data.decode("utf-8", errors="replace")
    if _IMPORT.search(text):
        return "an SVG that imports a stylesheet is not shown"
    if _ENTITY_REFERENCE.search(text):
        return "an SVG that uses undeclared entities is not shown"
    for match in _REFERENCE.finditer(text):
        target = (match.group(1) if match.group(1) is not None else match.group(2)).strip()
        if not _internal(target):
            return f"an SVG that refers to {target[:60]!r} is not shown (only #ids and pixels)"
    for match in _URL_FUNCTION.finditer(text):
        target = match.group(2).strip()
        if not _internal(target):
            return f"an SVG that refers to {target[:60]!r} is not shown (only #ids and pixels)"
    return None


def _internal(target: str) -> bool:
    """A reference that stays inside this picture: to one of its own ids, or to pixels
    embedded in it."""
    return target.startswith("#") or RASTER_DATA.match(target) is not None
