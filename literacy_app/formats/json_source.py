"""JSON with a source map: where (line, column) each value stands in the file.

`json.loads` tells where a *syntax* error is, but not where a well-formed yet wrong value is.
Instructors editing a key by hand need "key.json:41:16: expected an integer", so this module
re-scans a document (only when a problem must be located) and maps each JSON path to the
position of its value.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from literacy_app.core.errors import FormatError

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


def parse(text: str, file: str) -> Any:
    """Parse JSON, raising FormatError with line and column on a syntax error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise FormatError.single(file, f"invalid JSON: {err.msg}", err.lineno, err.colno) from None
    except RecursionError:
        raise FormatError.single(file, "invalid JSON: nested too deeply") from None


def format_path(path: tuple[str | int, ...]) -> str:
    """Render a path the way users see it in messages: `$.items[3].start`."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def source_map(text: str) -> dict[tuple[str | int, ...], Position]:
    """Map every value's path to its position. Assumes `text` is valid JSON."""
    positions: dict[tuple[str | int, ...], Position] = {}
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(index: int) -> Position:
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:  # last line start <= index
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= index:
                lo = mid
            else:
                hi = mid - 1
        return Position(lo + 1, index - line_starts[lo] + 1)

    def skip(index: int) -> int:
        match = _WHITESPACE.match(text, index)
        return match.end() if match else index

    def value(index: int, path: tuple[str | int, ...]) -> int:
        index = skip(index)
        positions[path] = position(index)
        char = text[index]
        if char == "{":
            index = skip(index + 1)
            if text[index] == "}":
                return index + 1
            while True:
                key, index = scanstring(text, skip(index) + 1)
                index = skip(index) + 1  # the colon
                index = skip(value(index, (*path, key)))
                if text[index] == "}":
                    return index + 1
                index += 1  # the comma
        if char == "[":
            index = skip(index + 1)
            if text[index] == "]":
                return index + 1
            item = 0
            while True:
                index = skip(value(index, (*path, item)))
                item += 1
                if text[index] == "]":
                    return index + 1
                index += 1
        if char == '"':
            return int(scanstring(text, index + 1)[1])
        match = _SCALAR.match(text, index)
        return match.end() if match else index + 1

    value(0, ())
    return positions


def locate(text: str, path: tuple[str | int, ...]) -> Position:
    """Position of the value at `path`, or of its nearest existing ancestor."""
    try:
        positions = source_map(text)
    except (IndexError, ValueError):
        return Position(1, 1)
    while path not in positions and path:
        path = path[:-1]
    return positions.get(path, Position(1, 1))
