"""A coder's runs say, character by character, what a brute-force reading of their marks says,
and the cross-tabulation with the key counts every character of the text exactly once."""

from __future__ import annotations

from collections import Counter

import krippendorff
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from literacy_app.core.coding import class_runs, code_marks, key_tables, tally
from literacy_app.core.marked import NONE, MarkSpan

LENGTH = 60
CATEGORIES = ["fear", "loaded", "vague"]


@st.composite
def marks(draw: st.DrawFn) -> list[MarkSpan]:
    result = []
    for number in range(draw(st.integers(0, 8))):
        start = draw(st.integers(-3, LENGTH + 2))
        end = draw(st.integers(start, LENGTH + 5))
        result.append(MarkSpan(start, end, draw(st.sampled_from(CATEGORIES)), f"m{number}"))
    return result


def brute(spans: list[MarkSpan], length: int = LENGTH) -> list[str]:
    """Each character's value: the innermost covering mark's category (shortest, earliest,
    then smallest category and id), else none. Marks are clipped to the text first."""
    spans = [
        MarkSpan(max(0, min(m.start, length)), max(0, min(m.end, length)), m.category, m.id)
        for m in spans
    ]
    values = []
    for position in range(length):
        covering = [m for m in spans if m.start <= position < m.end]
        best = min(
            covering, key=lambda m: (m.end - m.start, m.start, m.category, m.id), default=None
        )
        values.append(best.category if best else NONE)
    return values


def expand(bounds: tuple[int, ...], values: tuple[str, ...], length: int = LENGTH) -> list[str]:
    result = [NONE] * length
    for index, value in enumerate(values):
        for position in range(bounds[2 * index], bounds[2 * index + 1]):
            result[position] = value
    return result


@given(marks())
def test_runs_give_every_character_the_innermost_marks_category(spans: list[MarkSpan]) -> None:
    coding = code_marks(spans, LENGTH)
    assert list(coding.bounds) == sorted(coding.bounds)
    assert all(a < b for a, b in zip(coding.bounds[::2], coding.bounds[1::2], strict=True))
    assert NONE not in coding.values
    assert expand(coding.bounds, coding.values) == brute(spans)
    # no two touching runs with one value: a run is maximal
    for index in range(len(coding.values) - 1):
        touching = coding.bounds[2 * index + 1] == coding.bounds[2 * index + 2]
        assert not (touching and coding.values[index] == coding.values[index + 1])


@given(marks())
def test_the_order_marks_were_made_in_does_not_matter(spans: list[MarkSpan]) -> None:
    assert code_marks(spans, LENGTH) == code_marks(list(reversed(spans)), LENGTH)


@given(marks(), st.lists(marks(), max_size=5))
def test_each_students_cross_tabulation_with_the_key_counts_each_character_once(
    key: list[MarkSpan], students: list[list[MarkSpan]]
) -> None:
    key_coding = code_marks(key, LENGTH)
    codings = [code_marks(s, LENGTH) for s in students]
    found = key_tables(key_coding, class_runs(codings, LENGTH, key_coding.values), LENGTH)
    for index, student in enumerate(students):
        expected = Counter(zip(brute(key), brute(student), strict=True))
        table = {
            (found.values[k], found.values[v]): int(found.tables[index, k, v])
            for k in range(len(found.values))
            for v in range(len(found.values))
            if found.tables[index, k, v]
        }
        assert table == dict(expected)


@given(marks(), st.lists(marks(), min_size=1, max_size=4))
def test_each_students_alpha_with_the_key_is_the_packages(
    key: list[MarkSpan], students: list[list[MarkSpan]]
) -> None:
    key_coding = code_marks(key, LENGTH)
    codings = [code_marks(s, LENGTH) for s in students]
    found = key_tables(key_coding, class_runs(codings, LENGTH, key_coding.values), LENGTH)
    for student, ours in zip(students, found.alphas(), strict=True):
        per_character = [brute(key), brute(student)]
        values = sorted(set(per_character[0]) | set(per_character[1]))
        if len(values) < 2:
            assert ours is None
            continue
        data = np.array([[values.index(v) for v in row] for row in per_character], dtype=float)
        theirs = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        assert ours == pytest.approx(theirs, abs=1e-9)


@given(st.lists(marks(), max_size=6))
def test_the_tally_counts_each_students_value_per_character(students: list[list[MarkSpan]]) -> None:
    counted = tally(LENGTH, class_runs([code_marks(spans, LENGTH) for spans in students], LENGTH))
    per_character = [brute(spans) for spans in students]
    for index in range(len(counted.lengths)):
        for position in range(int(counted.bounds[index]), int(counted.bounds[index + 1])):
            here = Counter(row[position] for row in per_character)
            assert {
                value: int(counted.counts[index, column])
                for column, value in enumerate(counted.values)
                if counted.counts[index, column]
            } == dict(here)
    assert int(counted.lengths.sum()) == LENGTH
