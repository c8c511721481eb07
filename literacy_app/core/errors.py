"""Errors as values with a place.

A malformed file must be reported with the file, the line and column, the JSON path (for JSON)
and what was expected, identically in the CLI, the GUI dialog and the log. `Problem` is that
value; `FormatError` carries one or more of them through the call stack.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


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
        where = f" (at {self.json_path})" if self.json_path else ""
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}:{self.column}: {prefix}{self.message}{where}"


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
