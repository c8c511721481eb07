"""A JSON file read for validation: its text, its data and where each value stands."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.text import decode
from literacy_app.formats import json_source
from literacy_app.formats.json_source import Position


def read_bytes(path: Path) -> bytes:
    """A file's bytes, with OS errors turned into a FormatError that names the file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise FormatError.single(path, "file not found") from None
    except IsADirectoryError:
        raise FormatError.single(path, "expected a file, found a folder") from None
    except OSError as err:
        raise FormatError.single(path, f"cannot read: {err.strerror or err}") from None


def read_text(path: Path) -> str:
    """Read a UTF-8 file (BOM allowed), turning OS errors into a FormatError with the file."""
    text = decode(read_bytes(path), path)
    return text[1:] if text.startswith("\ufeff") else text


@dataclass
class JsonDocument:
    file: str
    text: str
    data: Any
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> JsonDocument:
        return cls.parse(read_text(path), str(path))

    @classmethod
    def parse(cls, text: str, file: str) -> JsonDocument:
        return cls(file, text, json_source.parse(text, file))

    @cached_property
    def _positions(self) -> dict[tuple[str | int, ...], Position]:
        try:
            return json_source.source_map(self.text)
        except (IndexError, ValueError):
            return {}

    def locate(self, path: tuple[str | int, ...]) -> Position:
        while path not in self._positions and path:
            path = path[:-1]
        return self._positions.get(path, Position(1, 1))

    def problem(
        self, path: tuple[str | int, ...], message: str, severity: str = "error"
    ) -> Problem:
        position = self.locate(path)
        return Problem(
            self.file,
            message,
            position.line,
            position.column,
            json_source.format_path(path),
            severity,
        )

    def error(self, path: tuple[str | int, ...], message: str) -> None:
        self.problems.append(self.problem(path, message))

    def warn(self, path: tuple[str | int, ...], message: str) -> None:
        self.problems.append(self.problem(path, message, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise FormatError(self.problems)
