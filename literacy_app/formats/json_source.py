"""JSON with a source map: where (line, column) each value stands in the file.

`json.loads` tells where a *syntax* error is, but not where a well-formed yet wrong value is.
Instructors editing a key by hand need "key.json:41:16: expected an integer", so this module
re-scans a document (only when a problem must be located) and maps each JSON path to the
position of its value.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from literacy_app.core.errors import FormatError
from literacy_app.formats import limits
from literacy_app.i18n import _

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


class _RefusedValueError(ValueError):
    """A value the app does not accept even though Python's json module would."""


def _no_constant(name: str) -> Any:
    raise _RefusedValueError(
        _("{value} is not a number this app accepts (only finite numbers)").format(value=name)
    )


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _RefusedValueError(
            _("{value} is too large a number (only finite numbers)").format(value=text)
        )
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > limits.MAX_INTEGER_DIGITS:
        raise _RefusedValueError(
            _("a whole number of {digits} digits (at most {limit})").format(
                digits=len(text.lstrip("-")), limit=limits.MAX_INTEGER_DIGITS
            )
        )
    return int(text)


#: A run of more digits than an integer may have, found as a run of nines once every digit is
#: a nine: one C-speed pass, where a regex took 0.28 ms on a 25 KB submission (more than
#: parsing it), a good part of grading a district's class.
_DIGITS_AS_NINES = str.maketrans("012345678", "999999999")
_TOO_MANY_DIGITS = "9" * (limits.MAX_INTEGER_DIGITS + 1)


def _invalid(detail: str) -> str:
    return _("invalid JSON: {detail}").format(detail=detail)


def parse(text: str, file: str) -> Any:
    """Parse JSON, raising FormatError with line and column on a syntax error.

    Stricter than `json.loads` where its leniency would hurt: `NaN`, `Infinity` and numbers too
    large for a float (1e999) are refused, since a NaN weight or threshold silently turns every
    grade into NaN and then into invalid JSON output; so are integers of more digits than any
    offset needs (Python itself raises on 4,300). Nesting deeper than Python's parser takes
    (about a thousand levels) is reported, not raised."""
    # Checking each integer costs a Python call per number (a tenth of grading a class); a
    # run of more digits than any integer may have is rare, so only then are they checked.
    bounded = _bounded_int if _TOO_MANY_DIGITS in text.translate(_DIGITS_AS_NINES) else int
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_float=_finite, parse_int=bounded)
    except json.JSONDecodeError as err:
        raise FormatError.single(file, _invalid(err.msg), err.lineno, err.colno) from None
    except _RefusedValueError as err:
        raise FormatError.single(file, _invalid(str(err))) from None
    except RecursionError:
        raise FormatError.single(file, _("invalid JSON: nested too deeply")) from None
    if _SURROGATE_ESCAPE.search(text):  # rare: only then walk the data
        data = _without_lone_surrogates(data)
    return data


#: A \uD800-\uDFFF escape: JSON lets a string hold half a UTF-16 pair, which Python keeps as
#: a lone surrogate that no file, terminal or Qt label can take ("\ud800" in a student's name
#: crashed grade, review and export).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(value: Any) -> Any:
    """`value` with every lone surrogate in its strings (keys too) replaced by U+FFFD. Pairs
    written as two escapes are already one character by now and are left as they are."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {
            _without_lone_surrogates(key): _without_lone_surrogates(item)
            for key, item in value.items()
        }
    return value


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
