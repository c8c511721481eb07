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


@dataclass(frozen=True)
class KeyTables:
    """Every student's cross-tabulation with the key: `tables[s, k, v]` characters the key
    gives `values[k]` and student s gives `values[v]` ("none" included, values[0])."""

    values: list[str]
    tables: npt.NDArray[np.int64]

    def alphas(self) -> list[float | None]:
        """Each student's Krippendorff alpha (nominal) with the key: two coders, each
        character one ordered pair each way, so the coincidence matrix is the table plus its
        transpose (the formula of agreement.nominal_alpha, for the whole class at once)."""
        import numpy as np

        tables = self.tables.astype(np.float64)
        n = 2.0 * tables.sum(axis=(1, 2))
        per_value = tables.sum(axis=2) + tables.sum(axis=1)
        agreed = 2.0 * np.trace(tables, axis1=1, axis2=2)
        expected = n * n - (per_value * per_value).sum(axis=1)
        defined = (n >= 2) & (expected > 1e-12 * np.maximum(n * n, 1.0))
        alpha = 1.0 - (n - 1.0) * (n - agreed) / np.where(defined, expected, 1.0)
        return [float(a) if ok else None for a, ok in zip(alpha, defined, strict=True)]

    def pooled(self) -> npt.NDArray[np.float64]:
        """The class's coincidence matrix with the key: every student paired with it."""
        import numpy as np

        table = self.tables.sum(axis=0).astype(np.float64)
        result: npt.NDArray[np.float64] = table + table.T
        return result


@dataclass(frozen=True)
class ClassRuns:
    """Every student's runs, flat: run r is [bounds[r, 0], bounds[r, 1]) of student owner[r]
    with value values[codes[r]]; values[0] is "none". Made once per class (`class_runs`) for
    both the tally and the cross-tabulations with the key."""

    students: int
    values: list[str]
    bounds: npt.NDArray[np.int64]
    codes: npt.NDArray[np.int64]
    owner: npt.NDArray[np.int64]


def class_runs(codings: Sequence[Coding], text_length: int, also: Iterable[str] = ()) -> ClassRuns:
    """`ClassRuns` of `codings`, whose values include `also` (the key's, to compare with)."""
    import numpy as np

    used = {v for coding in codings for v in coding.values} | set(also)
    values = [NONE, *sorted(used - {NONE})]
    code = {value: index for index, value in enumerate(values)}
    flat = np.fromiter(chain.from_iterable(c.bounds for c in codings), dtype=np.int64)
    codes = np.fromiter(
        map(code.__getitem__, chain.from_iterable(c.values for c in codings)), dtype=np.int64
    )
    owner = np.repeat(np.arange(len(codings)), [len(c.values) for c in codings])
    return ClassRuns(
        len(codings), values, np.clip(flat, 0, max(text_length, 0)).reshape(-1, 2), codes, owner
    )


def key_tables(key: Coding, runs: ClassRuns, text_length: int) -> KeyTables:
    """`KeyTables` for a class, in one vectorised pass over every student's runs (`runs`
    must know the key's values: `class_runs(..., also=key.values)`).

    The key is a step function over the text; "characters of a run the key gives value k" is
    then the difference of its running total at the run's two ends, for all runs at once.
    """
    import numpy as np

    code = {value: index for index, value in enumerate(runs.values)}
    width, students = len(runs.values), runs.students
    key_runs = np.asarray(key.bounds, dtype=np.int64).reshape(-1, 2)
    points = np.unique(np.concatenate([[0, text_length], key_runs.ravel()]))
    points = points[(points >= 0) & (points <= text_length)]
    key_at = np.zeros(len(points), dtype=np.int64)  # the key's value from each point on
    for (start, end), value in zip(key_runs.tolist(), key.values, strict=True):
        first, last = np.searchsorted(points, [start, end])
        key_at[first:last] = code[value]
    lengths = np.append(np.diff(points), 0)
    # before[i, k]: characters before points[i] the key gives values[k]
    before = np.zeros((len(points), width), dtype=np.int64)
    before[1:] = np.cumsum(np.eye(width, dtype=np.int64)[key_at] * lengths[:, None], axis=0)[:-1]

    # each run's end and start: the point at or before it, and how far past that point it is
    at_end = np.searchsorted(points, runs.bounds[:, 1], side="right") - 1
    at_start = np.searchsorted(points, runs.bounds[:, 0], side="right") - 1
    past_end = runs.bounds[:, 1] - points[at_end]
    past_start = runs.bounds[:, 0] - points[at_start]
    key_at_end, key_at_start = key_at[at_end], key_at[at_start]
    cell = runs.owner * width + runs.codes
    tables = np.zeros((students, width, width), dtype=np.int64)
    for k in range(width):
        overlap = (
            before[at_end, k]
            - before[at_start, k]
            + past_end * (key_at_end == k)
            - past_start * (key_at_start == k)
        )
        counted = np.bincount(cell, weights=overlap, minlength=students * width)
        tables[:, k, :] = np.rint(counted).astype(np.int64).reshape(students, width)
    # where the student marked nothing, the key's own total for the value is left over
    tables[:, :, 0] = before[-1][None, :] - tables[:, :, 1:].sum(axis=2)
    return KeyTables(runs.values, tables)


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


def tally(text_length: int, runs: ClassRuns, extra_bounds: Iterable[int] = ()) -> Tally:
    """Every student's runs summed over the segments between all their boundaries (and
    `extra_bounds`, which split segments without changing any count): one sort and two counts
    over the class, however many marks it made."""
    import numpy as np

    bounds = np.unique(
        np.concatenate(
            [
                np.asarray([0, text_length], dtype=np.int64),
                runs.bounds.ravel(),
                np.fromiter(extra_bounds, dtype=np.int64),
            ]
        )
    )
    bounds = bounds[(bounds >= 0) & (bounds <= text_length)]
    segments = len(bounds) - 1
    width = len(runs.values)
    starts = np.searchsorted(bounds, runs.bounds[:, 0])
    ends = np.searchsorted(bounds, runs.bounds[:, 1])
    size = (segments + 1) * width
    delta = np.bincount(starts * width + runs.codes, minlength=size) - np.bincount(
        ends * width + runs.codes, minlength=size
    )
    counts = np.cumsum(delta.reshape(segments + 1, width), axis=0)[:segments]
    counts[:, 0] = runs.students - counts[:, 1:].sum(axis=1)
    return Tally(bounds, np.diff(bounds), runs.values, counts)
