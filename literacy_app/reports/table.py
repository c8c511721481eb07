"""Fixed-width tables for the terminal: what a person reads, not what a program parses."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from literacy_app.core.errors import printable
from literacy_app.i18n import _, decimal


def grid(header: Sequence[str], rows: Sequence[Sequence[str]], left: Collection[int]) -> list[str]:
    """Header, a rule and the rows; columns in `left` are left-aligned, the rest (numbers)
    right-aligned. Trailing spaces are cut so that a copied table pastes cleanly.

    Cells are shown as `printable` text: a student's name holding an ESC would rewrite the
    teacher's terminal, a CR or newline would split a row and shift every column after it."""
    header = [printable(h) for h in header]
    rows = [[printable(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.ljust(w) if i in left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def figure(value: float | None, decimals: int = 3) -> str:
    """A number for a table; "n/a" where it is undefined (precision with nothing marked)."""
    return _("n/a") if value is None else decimal(f"{value:.{decimals}f}")
