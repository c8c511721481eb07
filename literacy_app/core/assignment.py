"""Maximum-weight one-to-one assignment (Hungarian algorithm) on small integer matrices.

Scoring pairs student marks with key items so that total credit is maximal and nothing is used
twice. The overlap graph falls apart into tiny components, so a plain O(n²m) Kuhn-Munkres with
exact integer weights is fast here and, being exact, has no floating-point ties to break by luck.
"""

from __future__ import annotations

from collections.abc import Sequence


def max_weight_assignment(weights: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Pairs (row, column) maximizing the sum of weights, which must not be negative (a cell
    without a candidate is 0); only pairs with weight > 0 are kept.

    Deterministic: equal-weight alternatives resolve the same way for the same matrix.
    """
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if not rows or not cols:
        return []
    transposed = rows > cols
    matrix = [list(col) for col in zip(*weights, strict=True)] if transposed else weights
    if len(matrix) == 1:  # one row (a passage marked twice, or a mark near two items): what
        # `_hungarian` gives it, without the set-up: the first best column, if positive
        best = max(matrix[0])
        if best <= 0:
            return []
        column = matrix[0].index(best)
        return [(column, 0)] if transposed else [(0, column)]
    return _hungarian(matrix, transposed)


def _hungarian(matrix: Sequence[Sequence[int]], transposed: bool) -> list[tuple[int, int]]:
    """Kuhn-Munkres on `matrix` (no more rows than columns); pairs as (row, column) of the
    caller's matrix, which `transposed` says is this one's transpose."""
    n, m = len(matrix), len(matrix[0])
    top = max(max(row) for row in matrix)
    # Minimize cost = top - weight over an n x m matrix with n <= m (e-maxx formulation, 1-based).
    inf = float("inf")
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j] = row assigned to column j
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minv: list[float] = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta: float = inf
            j1 = 0
            row = matrix[i0 - 1]
            ui0 = u[i0]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = (top - row[j - 1]) - ui0 - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            step = int(delta)
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += step
                    v[j] -= step
                else:
                    minv[j] -= step
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    pairs = []
    for j in range(1, m + 1):
        i = owner[j]
        if i and matrix[i - 1][j - 1] > 0:
            pairs.append((j - 1, i - 1) if transposed else (i - 1, j - 1))
    pairs.sort()
    return pairs
