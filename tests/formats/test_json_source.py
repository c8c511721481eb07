"""json_source: where each value of a JSON document stands, and where a syntax error is."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from literacy_app.core.errors import FormatError
from literacy_app.formats.json_source import Position, format_path, locate, parse, source_map

JsonPath = tuple[str | int, ...]

# Written by hand so that every expected position below can be read off the text.
DOCUMENT = (
    "{\n"  # line 1
    '  "plain": 1,\n'  # line 2
    '  "esc\\"aped": "a\\"b\\\\c\\n",\n'  # line 3
    '  "caf\\u00e9": "\\ud83d\\ude8c",\n'  # line 4
    '  "bus 🚌": "é🚌", "after": false,\n'  # line 5
    '  "nested": {"list": [10, -2.5e3, {"deep": null}], "empty": []},\n'  # line 6
    '  "rows": [\n'  # line 7
    "    [1, 2],\n"  # line 8
    '    {"x": "y"}\n'  # line 9
    "  ]\n"  # line 10
    "}\n"
)


def _value_at(data: Any, path: JsonPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _index_of(text: str, position: Position) -> int:
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[: position.line - 1]) + position.column - 1


def _all_paths(data: Any, path: JsonPath = ()) -> list[JsonPath]:
    paths = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            paths.extend(_all_paths(value, (*path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            paths.extend(_all_paths(value, (*path, index)))
    return paths


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ((), (1, 1)),
        (("plain",), (2, 12)),
        (('esc"aped',), (3, 16)),  # the key's escaped quote counts as two characters of source
        (("café",), (4, 16)),  # the key is written as a \\u escape
        (("bus 🚌",), (5, 12)),  # columns count code points: the emoji is one column
        (("after",), (5, 27)),
        (("nested",), (6, 13)),
        (("nested", "list"), (6, 22)),
        (("nested", "list", 0), (6, 23)),
        (("nested", "list", 1), (6, 27)),
        (("nested", "list", 2), (6, 35)),
        (("nested", "list", 2, "deep"), (6, 44)),
        (("nested", "empty"), (6, 61)),
        (("rows",), (7, 11)),
        (("rows", 0), (8, 5)),
        (("rows", 0, 1), (8, 9)),
        (("rows", 1), (9, 5)),
        (("rows", 1, "x"), (9, 11)),
    ],
)
def test_source_map_positions_of_nested_values(path: JsonPath, expected: tuple[int, int]) -> None:
    positions = source_map(DOCUMENT)
    assert (positions[path].line, positions[path].column) == expected


def test_source_map_covers_every_value_and_each_position_decodes_to_that_value() -> None:
    data = json.loads(DOCUMENT)
    positions = source_map(DOCUMENT)
    decoder = json.JSONDecoder()
    assert set(positions) == set(_all_paths(data))
    for path, position in positions.items():
        value, _ = decoder.raw_decode(DOCUMENT, _index_of(DOCUMENT, position))
        assert value == _value_at(data, path), format_path(path)


_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
_json_values = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None)
@given(data=_json_values, indent=st.sampled_from([None, 2]), ascii_only=st.booleans())
def test_source_map_points_at_each_value_for_any_document(
    data: Any, indent: int | None, ascii_only: bool
) -> None:
    text = json.dumps(data, indent=indent, ensure_ascii=ascii_only)
    positions = source_map(text)
    decoder = json.JSONDecoder()
    assert set(positions) == set(_all_paths(data))
    for path, position in positions.items():
        value, _ = decoder.raw_decode(text, _index_of(text, position))
        assert value == _value_at(data, path)


def test_locate_falls_back_to_the_nearest_existing_ancestor() -> None:
    assert locate(DOCUMENT, ("nested", "list", 2, "missing")) == Position(6, 35)
    assert locate(DOCUMENT, ("rows", 7, "x")) == Position(7, 11)
    assert locate(DOCUMENT, ("nope", "deeper")) == Position(1, 1)


def test_locate_finds_an_existing_path_exactly() -> None:
    assert locate(DOCUMENT, ("rows", 1, "x")) == Position(9, 11)


def test_format_path_renders_keys_and_indexes() -> None:
    assert format_path(()) == "$"
    assert format_path(("items", 3, "start")) == "$.items[3].start"


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('{"a": 1,\n "b": }', 2, 7, "Expecting value"),
        ('{"a": [1, 2\n', 2, 1, "Expecting ',' delimiter"),
        ('{"a": 1}\n  x', 2, 3, "Extra data"),
        ('{\n  "é🚌": tru\n}', 2, 9, "Expecting value"),  # columns in code points
    ],
)
def test_parse_reports_syntax_errors_with_line_and_column(
    text: str, line: int, column: int, words: str
) -> None:
    with pytest.raises(FormatError) as caught:
        parse(text, "broken.json")
    [problem] = caught.value.problems
    assert problem.file == "broken.json"
    assert (problem.line, problem.column) == (line, column)
    assert problem.message.startswith("invalid JSON")
    assert words in problem.message


def test_parse_returns_the_data_of_valid_json() -> None:
    assert parse(DOCUMENT, "ok.json") == json.loads(DOCUMENT)
