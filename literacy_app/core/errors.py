"""Errors as values with a place.

A malformed file must be reported with the file, the line and column, the JSON path (for JSON)
and what was expected, identically in the CLI, the GUI dialog and the log. `Problem` is that
value; `FormatError` carries one or more of them through the call stack.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from literacy_app.i18n import _


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file, with where it is (1-based line and column)."""

    file: str
    message: str
    line: int = 1
    column: int = 1
    json_path: str = ""
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        """`FILE:LINE:COL: message`, always one line of printable text: file names, quoted
        values and student names come from strangers, and a newline would split one problem
        into two for every tool that reads these lines, an ESC or CR would rewrite the
        terminal, a lone surrogate would stop the print."""
        if self.severity == "warning":
            message = _("warning: {message}").format(message=self.message)
        else:
            message = self.message
        if self.json_path:
            message = _("{message} (at {json_path})").format(
                message=message, json_path=self.json_path
            )
        text = f"{self.file}:{self.line}:{self.column}: {message}"
        return printable(text)


#: C0 and C1 controls and DEL (tab included: a problem line is one field), and the line and
#: paragraph separators some terminals also break on.
_CONTROLS = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))}
_CONTROLS.update({0x2028: "\\u2028", 0x2029: "\\u2029"})


_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with control characters shown as escapes (a newline as \\x0a) and lone
    surrogates, which cannot be printed or written as UTF-8, as U+FFFD."""
    if text.isascii() and text.isprintable():  # nearly every cell of a class's table
        return text
    return _SURROGATE.sub("\ufffd", text.translate(_CONTROLS))


class FormatError(Exception):
    """Raised by loaders when a file cannot be used; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        if not self.problems:
            raise ValueError("FormatError needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(
        cls, file: str | Path, message: str, line: int = 1, column: int = 1, json_path: str = ""
    ) -> FormatError:
        return cls([Problem(str(file), message, line, column, json_path)])
