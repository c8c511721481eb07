"""What each coder (a student, or the key) says about each character of the article.

The heat map and agreement both read a class as "which value does each student give each
character": the category of the mark covering it, or "none". Worked out per student, that is a
short list of runs, small to send back from the worker process that graded the student; the
whole class is then tallied in one vectorised sweep (`tally`) instead of a Python loop over
every mark of every student. For a district's review that moved most of the class statistics
into the workers (issue #15).

Where a coder's marks overlap, the innermost mark gives the value (the shortest; then the
earliest; then the smaller category and id), so the value never depends on the order marks
were made.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

from literacy_app.core.marked import NONE, Marked

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


@dataclass(frozen=True, slots=True)
class Coding:
    """One coder's runs: run i covers [bounds[2i], bounds[2i+1]) with value values[i]. Runs are
    disjoint and in text order; characters outside every run are "none"."""

    bounds: tuple[int, ...]
    values: tuple[str, ...]

    def lengths(self) -> dict[str, int]:
        """Characters given each value other than "none"."""
        result: dict[str, int] = {}
        bounds = self.bounds
        for index, value in enumerate(self.values):
            result[value] = result.get(value, 0) + bounds[2 * index + 1] - bounds[2 * index]
        return result


def code_marks(marks: Iterable[Marked], text_length: int) -> Coding:
    """The coder's value for every character of a text `text_length` long, as runs."""
    spans = []
    for mark in marks:
        start = min(max(mark.start, 0), text_length)
        end = min(max(mark.end, 0), text_length)
        if end > start:
            spans.append((start, end, mark))
    if not spans:
        return Coding((), ())
    spans.sort(key=lambda s: (s[0], s[1]))
    if all(spans[n][1] <= spans[n + 1][0] for n in range(len(spans) - 1)):
        return _runs(spans)  # most students never overlap their own marks: nothing to decide
    points = sorted({p for start, end, _ in spans for p in (start, end)})
    index = {point: i for i, point in enumerate(points)}
    painted: list[str | None] = [None] * (len(points) - 1)
    # outermost first, so the innermost (and, among equals, the first) is painted last
    spans.sort(key=lambda s: (s[1] - s[0], s[0], s[2].category, s[2].id), reverse=True)
    for start, end, mark in spans:
        first, last = index[start], index[end]
        painted[first:last] = [mark.category] * (last - first)
    bounds: list[int] = []
    values: list[str] = []
    for i, value in enumerate(painted):
        if value is None:
            continue
        if values and values[-1] == value and bounds[-1] == points[i]:
            bounds[-1] = points[i + 1]  # the same value goes on: one run
        else:
            bounds += (points[i], points[i + 1])
            values.append(value)
    return Coding(tuple(bounds), tuple(values))


def _runs(spans: list[tuple[int, int, Marked]]) -> Coding:
    """The coding of disjoint spans in text order: touching spans of one category join."""
    bounds: list[int] = []
    values: list[str] = []
    for start, end, mark in spans:
        if values and values[-1] == mark.category and bounds[-1] == start:
            bounds[-1] = end
        else:
            bounds += (start, end)
            values.append(mark.category)
    return Coding(tuple(bounds), tuple(values))


def pair_table(key: Coding, student: Coding, text_length: int) -> dict[tuple[str, str], int]:
    """How many characters the key gives value k and the student value s, for every (k, s) with
    at least one character, "none" included: the two coders' cross-tabulation, from which
    their agreement follows (`two_coder_alpha`)."""
    table: dict[tuple[str, str], int] = {}
    kb, kv, sb, sv = key.bounds, key.values, student.bounds, student.values
    key_left = [kb[2 * i + 1] - kb[2 * i] for i in range(len(kv))]  # not yet paired
    student_left = [sb[2 * j + 1] - sb[2 * j] for j in range(len(sv))]
    i = j = 0
    while i < len(kv) and j < len(sv):  # a merge of the two sorted run lists
        key_end, student_end = kb[2 * i + 1], sb[2 * j + 1]
        overlap = min(key_end, student_end) - max(kb[2 * i], sb[2 * j])
        if overlap > 0:
            pair = (kv[i], sv[j])
            table[pair] = table.get(pair, 0) + overlap
            key_left[i] -= overlap
            student_left[j] -= overlap
        if key_end <= student_end:
            i += 1
        else:
            j += 1
    # the rest of each run is where the other coder said "none"
    for value, left in zip(kv, key_left, strict=True):
        if left:
            table[(value, NONE)] = table.get((value, NONE), 0) + left
    for value, left in zip(sv, student_left, strict=True):
        if left:
            table[(NONE, value)] = table.get((NONE, value), 0) + left
    unmarked = text_length - sum(table.values())
    if unmarked > 0:
        table[(NONE, NONE)] = unmarked
    return table


def two_coder_alpha(table: dict[tuple[str, str], int]) -> float | None:
    """Krippendorff's alpha (nominal) of two coders from their cross-tabulation (`pair_table`):
    each character is one ordered pair each way, so the coincidence matrix is table + its
    transpose (see agreement.nominal_alpha, which gives the same number from that matrix)."""
    n = 2.0 * sum(table.values())
    per_value: dict[str, float] = {}
    agreed = 0.0
    for (k, s), count in table.items():
        per_value[k] = per_value.get(k, 0.0) + count
        per_value[s] = per_value.get(s, 0.0) + count
        if k == s:
            agreed += 2.0 * count
    expected = n * n - sum(v * v for v in per_value.values())
    if n < 2 or expected <= 1e-12 * max(n * n, 1.0):
        return None
    return 1.0 - (n - 1.0) * (n - agreed) / expected


@dataclass(frozen=True)
class Tally:
    """A class's codings summed per segment: `bounds` are every run boundary (with 0 and the
    text's end), segment i is [bounds[i], bounds[i+1]) with `lengths[i]` characters, and
    `counts[i, v]` students give it `values[v]` (values[0] is "none")."""

    bounds: npt.NDArray[np.int64]
    lengths: npt.NDArray[np.int64]
    values: list[str]
    counts: npt.NDArray[np.int64]

    @property
    def covered(self) -> npt.NDArray[np.int64]:
        """Per segment, how many students marked it (with any category): the heat map."""
        covered: npt.NDArray[np.int64] = self.counts[:, 1:].sum(axis=1)
        return covered


def tally(text_length: int, codings: Sequence[Coding], extra_bounds: Iterable[int] = ()) -> Tally:
    """Every coding summed over the segments between all their boundaries (and `extra_bounds`,
    which split segments without changing any count): one sort and two counts over the class,
    however many marks it made."""
    import numpy as np

    values = [NONE, *sorted({v for coding in codings for v in coding.values} - {NONE})]
    code = {value: index for index, value in enumerate(values)}
    flat = np.fromiter(
        chain.from_iterable(coding.bounds for coding in codings), dtype=np.int64
    ).reshape(-1, 2)
    codes = np.fromiter(
        (code[v] for coding in codings for v in coding.values), dtype=np.int64, count=len(flat)
    )
    bounds = np.unique(
        np.concatenate(
            [
                np.asarray([0, text_length], dtype=np.int64),
                flat.ravel(),
                np.fromiter(extra_bounds, dtype=np.int64),
            ]
        )
    )
    bounds = bounds[(bounds >= 0) & (bounds <= text_length)]
    segments = len(bounds) - 1
    width = len(values)
    starts = np.searchsorted(bounds, flat[:, 0])
    ends = np.searchsorted(bounds, flat[:, 1])
    size = (segments + 1) * width
    delta = np.bincount(starts * width + codes, minlength=size) - np.bincount(
        ends * width + codes, minlength=size
    )
    counts = np.cumsum(delta.reshape(segments + 1, width), axis=0)[:segments]
    counts[:, 0] = len(codings) - counts[:, 1:].sum(axis=1)
    return Tally(bounds, np.diff(bounds), values, counts)
