"""The pairing behind every grade: maximal total weight, one to one, the same answer for the same
matrix, and the one-row shortcut gives exactly what the full algorithm gives."""

from __future__ import annotations

from itertools import permutations

from hypothesis import given
from hypothesis import strategies as st

from literacy_app.core.assignment import _hungarian, max_weight_assignment

# Scoring's weights are never negative (a cell with no candidate is 0): the contract is for those.
WEIGHT = st.integers(0, 6)


def matrices(max_side: int = 4) -> st.SearchStrategy[list[list[int]]]:
    return st.integers(1, max_side).flatmap(
        lambda rows: st.integers(1, max_side).flatmap(
            lambda cols: st.lists(
                st.lists(WEIGHT, min_size=cols, max_size=cols), min_size=rows, max_size=rows
            )
        )
    )


def best_total(weights: list[list[int]]) -> int:
    """Brute force over every one-to-one pairing, keeping only positive cells."""
    rows, cols = len(weights), len(weights[0])
    best = 0
    if rows <= cols:
        for chosen in permutations(range(cols), rows):
            best = max(best, sum(max(0, weights[r][c]) for r, c in enumerate(chosen)))
    else:
        for chosen in permutations(range(rows), cols):
            best = max(best, sum(max(0, weights[r][c]) for c, r in enumerate(chosen)))
    return best


@given(matrices())
def test_the_pairing_is_one_to_one_positive_and_maximal(weights: list[list[int]]) -> None:
    pairs = max_weight_assignment(weights)
    assert len({r for r, _ in pairs}) == len(pairs) == len({c for _, c in pairs})
    assert all(weights[r][c] > 0 for r, c in pairs)
    assert sum(weights[r][c] for r, c in pairs) == best_total(weights)
    assert pairs == sorted(pairs)
    assert max_weight_assignment([list(row) for row in weights]) == pairs


@given(st.lists(st.integers(-3, 6), min_size=1, max_size=8))
def test_one_row_or_one_column_is_what_the_full_algorithm_gives(row: list[int]) -> None:
    assert max_weight_assignment([row]) == _hungarian([row], False)
    column = [[w] for w in row]
    assert max_weight_assignment(column) == _hungarian([row], True)


def test_ties_go_to_the_first_best_cell() -> None:
    assert max_weight_assignment([[5, 7, 7]]) == [(0, 1)]
    assert max_weight_assignment([[7], [7], [5]]) == [(0, 0)]
    assert max_weight_assignment([[0, -1]]) == []
    assert max_weight_assignment([]) == []
