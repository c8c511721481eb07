"""Cells for files a spreadsheet opens.

Names, ids, notes, quotes and file names come from files students and instructors wrote. A
cell that starts with = + - @ (or a tab or carriage return) is run as a formula by Excel,
LibreOffice and Google Sheets, so such text gets a leading apostrophe (the OWASP advice for CSV
injection); the apostrophe shows, and the text stays as it was otherwise. Numbers are written
by the app itself and never read as dates: a count is one number in its own column, never
"1/3" or "3-4", which spreadsheets turn into a date.

Text read from JSON may hold a lone UTF-16 surrogate ("\\ud800"), which no UTF-8 file can
hold: it becomes U+FFFD rather than stopping the whole report.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
_SURROGATE = re.compile("[\ud800-\udfff]")


class Figure(str):
    """Text the app wrote itself (a number, a yes/no): written as it is, never escaped."""

    __slots__ = ()


Cell = str | int | None  # str: text from a file (made safe); Figure, int: ours; None: empty


#: Control characters a cell cannot hold as they are: NUL ends the text for many importers,
#: ESC and the C1 controls drive a terminal the CSV is printed to. Tab, CR and newline are
#: text a quoted CSV cell keeps.
_CONTROLS = {
    code: f"\\x{code:02x}"
    for code in (*range(0x20), *range(0x7F, 0xA0))
    if code not in (0x09, 0x0A, 0x0D)
}


def scrub(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD, so it can be written as UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


def safe_text(text: str) -> str:
    """Text from a file, as a cell no spreadsheet runs as a formula, with control characters
    shown as escapes (\\x1b)."""
    text = scrub(text).translate(_CONTROLS)
    return "'" + text if text.startswith(FORMULA_START) else text


def cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Figure):
        return str(value)
    if isinstance(value, int):
        return str(value)
    return safe_text(value)


def fixed(value: float | None, decimals: int = 1) -> Figure:
    """A number with a decimal point whatever the locale; None (undefined) is an empty cell."""
    return Figure("" if value is None else f"{value:.{decimals}f}")


def percent(share: float | None, decimals: int = 1) -> Figure:
    """A share 0-1 as a percentage 0-100, the unit of every proportion in a CSV file."""
    return fixed(None if share is None else 100 * share, decimals)


def amount(value: float) -> Figure:
    """A credit or weight: as short as it is exact (1, 0.5, 2.25), never in a fraction."""
    return Figure(f"{round(value, 6):g}")


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]], bom: bool = False) -> str:
    """RFC 4180 CSV: CRLF line ends, quotes where needed, every text cell made safe.

    `bom` puts a UTF-8 byte-order mark first: Excel needs it to read UTF-8 (without it names
    with accents come out garbled), while LMS importers (Canvas, Moodle) are better without,
    because many glue it to the first column's name.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([scrub(h) for h in header])
    writer.writerows([cell(value) for value in row] for row in rows)
    return (BOM if bom else "") + buffer.getvalue()
