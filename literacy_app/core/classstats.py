"""Statistics over a whole class: gradebook, what to re-teach, a heat map, agreement.

An instructor hands out one lesson and collects a folder of submissions. Grading says how each
student did; this module says how the *class* did: which key items most students missed or
labelled wrongly (and with which category), which passages many students marked although the
key says nothing there (candidates for a new key item), and how far students agree with each
other and with the key (Krippendorff's alpha).

Everything here is Qt-free, deterministic (ties are broken by ids and positions, never by input
order or hashing) and fast enough for a lecture hall: the heat map is a sweep over mark
boundaries, and agreement works on run-length segments of the text, not on each character.
numpy and `krippendorff` are imported only when agreement is computed, so the command line does
not pay for them on every start.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple, Protocol

from literacy_app.core.key import AnswerKey
from literacy_app.core.marks import Mark
from literacy_app.core.scoring import GradeResult, Outcome
from literacy_app.core.submission import Submission

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

NONE = "none"  # the value of a unit no mark covers


class Marked(Protocol):
    """What the heat map and agreement read of a mark: a `Mark`, or a `MarkSpan`."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def category(self) -> str: ...

    @property
    def id(self) -> str: ...


class MarkSpan(NamedTuple):
    """A mark reduced to what class statistics use: cheap to send between processes."""

    start: int
    end: int
    category: str
    id: str

# --- gradebook --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GradebookRow:
    """One student's line in the gradebook: the same numbers the scorer gave that student."""

    student: str
    student_id: str
    file: str
    score: float  # 0-100 over required items
    found: int
    mislabeled: int
    imprecise: int
    missed: int
    not_in_key: int
    extra: int  # unpaired claims (hedges and stray marks), each costing a penalty
    penalty: float  # what they cost, in weight units
    precision: float | None  # over spans, as in GradeResult.spans; None: nothing marked
    recall: float
    f1: float
    attempts: int
    bonus: float  # bonus credit earned ...
    bonus_possible: float  # ... of this much


def gradebook_row(file: str, submission: Submission, result: GradeResult) -> GradebookRow:
    """One student's line. Precision is None for a blank submission: with no marks there is
    nothing to be precise about (the scorer's 1.0 would read as a perfect student)."""
    counts = result.counts()
    return GradebookRow(
        student=submission.student.name,
        student_id=submission.student.id,
        file=file,
        score=result.score,
        found=counts[Outcome.FOUND.value],
        mislabeled=counts[Outcome.MISLABELED.value],
        imprecise=counts[Outcome.IMPRECISE.value],
        missed=counts[Outcome.MISSED.value],
        not_in_key=counts["not_in_key"],
        extra=counts["extra"],
        penalty=result.penalty,
        precision=result.spans.precision if result.spans.marks else None,
        recall=result.spans.recall,
        f1=result.spans.f1,
        attempts=submission.attempts,
        bonus=result.bonus_earned,
        bonus_possible=result.bonus_possible,
    )


def gradebook(graded: Sequence[tuple[str, Submission, GradeResult]]) -> list[GradebookRow]:
    """One row per (file name, submission, result), sorted by student name, then id, then file.

    Sorted here rather than by the caller so that every view (table, CSV, GUI) lists students in
    the same order; names compare case-insensitively, the way people look names up.
    """
    rows = [gradebook_row(file, submission, result) for file, submission, result in graded]
    rows.sort(key=lambda r: (r.student.casefold(), r.student, r.student_id, r.file))
    return rows


# --- per key item -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ItemStat:
    """How the class did on one key item: what to praise and what to re-teach.

    Counts are kept as integers so that shares are exact fractions of `students`.
    `wrong_category` is the category students most often gave this item *instead of* one the key
    accepts (among mislabeled and imprecise pairs); it names the confusion to address.
    """

    item_id: str
    quote: str
    category: str
    required: bool
    students: int
    found: int
    mislabeled: int
    imprecise: int
    missed: int
    wrong_category: str | None
    wrong_count: int

    @property
    def credited(self) -> int:
        """Students who got any credit for it (found, mislabeled or imprecise)."""
        return self.found + self.mislabeled + self.imprecise

    def _share(self, count: int) -> float:
        return count / self.students if self.students else 0.0

    @property
    def share_found(self) -> float:
        return self._share(self.found)

    @property
    def share_credited(self) -> float:
        return self._share(self.credited)

    @property
    def share_missed(self) -> float:
        return self._share(self.missed)


def item_stats(
    key: AnswerKey,
    results: Sequence[GradeResult],
    marks_by_student: Sequence[Sequence[Mark]],
) -> list[ItemStat]:
    """One `ItemStat` per key item, in key order.

    `results[s]` must be student s's grade and `marks_by_student[s]` the marks it was computed
    from: the category a student chose is read from the paired mark itself (the source of
    truth), falling back to the result's `given_category` when the mark is not in the list.
    A wrong category is one the item does not accept: an imprecise span with an accepted
    category is a span problem, not a labelling one.
    """
    if len(results) != len(marks_by_student):
        raise ValueError("results and marks_by_student must list the same students")
    outcomes = [
        student_outcomes(key, marks, result)
        for marks, result in zip(marks_by_student, results, strict=True)
    ]
    return _tally_items(key, outcomes)


# --- heat map ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """[start, end) of the text, covered by `count` students (or, for a hot spot, at most)."""

    start: int
    end: int
    count: int

    @property
    def length(self) -> int:
        return self.end - self.start


def _union(marks: Sequence[Marked], text_length: int) -> list[tuple[int, int]]:
    """One student's marks as disjoint ranges, clipped to the text.

    Merging first is what makes a student count once where two of their marks overlap.
    """
    spans = sorted(
        (max(0, m.start), min(text_length, m.end))
        for m in marks
        if min(text_length, m.end) > max(0, m.start)
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def coverage(text_length: int, mark_sets: Sequence[Sequence[Marked]]) -> list[Segment]:
    """The heat map: how many students' marks cover each stretch of the text.

    Returns maximal runs partitioning [0, text_length) (runs covered by nobody included, with
    count 0), so a view can colour the whole text from one list. Each student's marks are
    merged first, then +1/-1 events at the range ends are summed in one sweep over the sorted
    boundaries: the cost grows with the number of marks, not with the length of the text.
    """
    if text_length <= 0:
        return []
    delta: Counter[int] = Counter()
    for marks in mark_sets:
        for start, end in _union(marks, text_length):
            delta[start] += 1
            delta[end] -= 1
    segments: list[Segment] = []
    position, count = 0, 0
    for boundary in sorted({0, text_length, *delta}):
        if boundary > position:
            if segments and segments[-1].count == count:
                segments[-1] = Segment(segments[-1].start, boundary, count)
            else:
                segments.append(Segment(position, boundary, count))
            position = boundary
        count += delta[boundary]
    return segments


def hot_spots(
    segments: Sequence[Segment],
    key: AnswerKey,
    n_students: int,
    min_share: float = 0.3,
    min_length: int = 3,
) -> list[Segment]:
    """Passages many students marked but the key does not: candidates for a new key item.

    Adjacent segments each covered by at least `min_share` of the students are merged into one
    passage; passages shorter than `min_length` characters, or touching any key item at all,
    are dropped (a passage overlapping an item is the item, marked a little wide or narrow).
    A passage's count is its peak: the most students covering any of its characters.
    Returned in text order.
    """
    if n_students <= 0:
        return []
    passages: list[Segment] = []
    for segment in sorted(segments, key=lambda s: s.start):
        if segment.count <= 0 or segment.count / n_students < min_share:
            continue
        if passages and passages[-1].end == segment.start:
            last = passages[-1]
            passages[-1] = Segment(last.start, segment.end, max(last.count, segment.count))
        else:
            passages.append(segment)
    items = [(item.start, item.end) for item in key.items]
    return [
        p
        for p in passages
        if p.length >= min_length and not any(s < p.end and p.start < e for s, e in items)
    ]


# --- agreement --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Agreement:
    """Krippendorff's alpha (nominal) over the characters of the article.

    `among_students`: how far students agree with one another. `with_key`: how far students
    agree with the key, pooled over the class (every student paired with the key);
    `with_key_by_student[i]` is that figure for the i-th mark set alone. None where alpha is
    undefined: fewer than two coders, or every unit has the same value (nobody marked
    anything), so there is no disagreement that chance could explain.
    """

    units: str
    unit_count: int
    students: int
    among_students: float | None
    with_key: float | None
    with_key_by_student: tuple[float | None, ...]
    pending: bool = False  # not computed yet (`review_of(..., agreement_later=True)`)


def pending_agreement(students: int) -> Agreement:
    """The stand-in for an agreement still to be computed: a window shows the class first and
    the agreement figure a moment later (it is the slowest statistic: over a second for a
    district's class)."""
    return Agreement("characters", 0, students, None, None, (), pending=True)


# Above this many cells (units x values x values) the package's coincidence step would allocate
# hundreds of megabytes; the length-weighted path below gives the same number in O(values^2).
_PACKAGE_CELL_LIMIT = 20_000_000


def agreement(
    text_length: int, mark_sets: Sequence[Sequence[Marked]], key: AnswerKey | None
) -> Agreement:
    """Krippendorff's alpha, nominal, among students and between the key and students.

    Units are the article's characters. Each coder (student, or the key) gives each character
    one value: the category of the mark covering it, or "none". Where a coder's marks overlap,
    the innermost mark wins (the shortest; then the earliest; then the smaller category and id),
    so the value does not depend on the order marks were made. Characters nobody marked count
    as agreement on "none"; alpha's chance correction weighs that by how common "none" is, so a
    mostly unmarked text does not inflate the figure.

    Why characters: marks start and end anywhere, so characters are the finest unit on which
    every mark is exact, and a selection one character wider than a classmate's costs one
    character of disagreement, not a whole unit. Word tokens would need the text and a
    tokenizer and would still have to decide about half-covered words; run-length segments as
    units of equal weight would let a one-character jitter count as much as a whole paragraph.
    Characters are still computed fast: every coder's value is constant between two consecutive
    mark boundaries, so the work is done on those run-length segments and each segment counts
    as many times as it has characters, which gives exactly the per-character alpha.

    Among students the number comes from the `krippendorff` package (per-character value
    counts; runs on which every student agrees are pooled into one unit per value, which leaves
    the coincidence matrix, and so alpha, unchanged). Between the key and students every
    student is paired with the key; running the package once per student costs several
    milliseconds each, so those figures come from the length-weighted coincidence matrix with
    the standard formula (`nominal_alpha`), which the tests check against the package.
    Note that alpha is strict about categories: a category the key merely accepts as an
    alternative still counts as a different value here.
    """
    import numpy as np

    students = [list(marks) for marks in mark_sets]
    if text_length <= 0 or not students:
        return Agreement("characters", max(text_length, 0), len(students), None, None, ())
    key_marks: list[Marked] = [item.mark for item in key.items] if key is not None else []
    coders = [*students, key_marks]
    bounds = sorted(
        {0, text_length}
        | {min(max(p, 0), text_length) for marks in coders for m in marks for p in (m.start, m.end)}
    )
    values = [NONE, *sorted({m.category for marks in coders for m in marks})]
    code = {value: index for index, value in enumerate(values)}
    index_of = {position: index for index, position in enumerate(bounds)}
    lengths = np.asarray([b - a for a, b in pairwise(bounds)], dtype=np.int64)

    def paint(marks: Sequence[Marked]) -> npt.NDArray[np.int64]:
        painted = np.zeros(len(lengths), dtype=np.int64)
        spans = [
            (min(max(m.start, 0), text_length), min(max(m.end, 0), text_length), m) for m in marks
        ]
        # outermost first, so the innermost (and, among equals, the first) is painted last
        spans.sort(key=lambda s: (s[1] - s[0], s[0], s[2].category, s[2].id), reverse=True)
        for start, end, mark in spans:
            if end > start:
                painted[index_of[start] : index_of[end]] = code[mark.category]
        return painted

    painted = np.stack([paint(marks) for marks in students])
    among = _among_students(painted, lengths, len(values))
    if key is None:
        return Agreement("characters", text_length, len(students), among, None, ())

    key_codes = paint(key_marks)
    width = len(values)
    pooled = np.zeros((width, width))
    by_student: list[float | None] = []
    for row in painted:
        table = np.bincount(
            key_codes * width + row, weights=lengths, minlength=width * width
        ).reshape(width, width)
        pair = table + table.T  # two coders: each character is one ordered pair each way
        pooled += pair
        by_student.append(nominal_alpha(pair))
    return Agreement(
        "characters", text_length, len(students), among, nominal_alpha(pooled), tuple(by_student)
    )


def _among_students(
    painted: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64], width: int
) -> float | None:
    """Alpha among the rows of `painted` (coders x segments), by the `krippendorff` package."""
    import krippendorff
    import numpy as np

    coders, segments = painted.shape
    if coders < 2:
        return None
    offsets = np.arange(segments, dtype=np.int64) * width
    counts = np.bincount((painted + offsets).ravel(), minlength=segments * width).reshape(
        segments, width
    )
    used = counts.sum(axis=0) > 0
    if used.sum() < 2:
        return None
    counts = counts[:, used]
    unanimous = counts.max(axis=1) == coders
    # A character every coder gives value v adds `coders` to o[v, v] and nothing elsewhere; one
    # unit holding all those values adds the same, so those runs shrink to one row per value.
    pooled = np.diag((counts[unanimous] * lengths[unanimous, None]).sum(axis=0))
    pooled = pooled[pooled.sum(axis=1) > 0]
    # decided before the per-character rows are made: on a long text they are most of the time
    units = pooled.shape[0] + int(lengths[~unanimous].sum())
    if units * counts.shape[1] ** 2 > _PACKAGE_CELL_LIMIT:
        return nominal_alpha(_coincidences(counts, lengths))
    mixed = np.repeat(counts[~unanimous], lengths[~unanimous], axis=0)
    value_counts = np.concatenate([pooled, mixed])
    return float(krippendorff.alpha(value_counts=value_counts, level_of_measurement="nominal"))


def _coincidences(
    counts: npt.NDArray[np.int64], weights: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """The coincidence matrix of units with value counts `counts`, each unit counted `weights`
    times: o[c, k] = sum over units of weight * n_c * (n_k - [c == k]) / (m - 1)."""
    import numpy as np

    pairable = counts.sum(axis=1)
    keep = pairable > 1
    counts, weights, pairable = counts[keep], weights[keep], pairable[keep]
    scale = weights / (pairable - 1)
    scaled = counts * scale[:, None]
    result: npt.NDArray[np.float64] = scaled.T @ counts - np.diag(scaled.sum(axis=0))
    return result


def nominal_alpha(coincidences: npt.ArrayLike) -> float | None:
    """Krippendorff's alpha for nominal data from a coincidence matrix (Krippendorff 2011):

        alpha = 1 - (n - 1) * (n - sum_c o[c, c]) / (n^2 - sum_c n_c^2)

    with n_c the row sums and n their total. None when undefined (n < 2, or a single value in
    use so no disagreement is expected by chance).
    """
    import numpy as np

    o = np.asarray(coincidences, dtype=np.float64)
    n_c = o.sum(axis=1)
    n = float(n_c.sum())
    expected = n * n - float((n_c * n_c).sum())
    if n < 2 or expected <= 1e-12 * max(n * n, 1.0):
        return None
    observed = n - float(np.trace(o))
    return 1.0 - (n - 1.0) * observed / expected


def plain_words(alpha: float | None) -> str:
    """What an alpha means, for a tooltip: the scale first, then where this value sits on it.

    The bands follow Krippendorff's advice (0.8 and above: reliable; 0.667 to 0.8: tentative)
    and read the rest as a teacher would: how much of the marking is shared understanding.
    """
    scale = (
        "1 means students marked the same passages with the same categories; 0 means no more "
        "agreement than chance; below 0 means they disagree more than chance would make them."
    )
    if alpha is None:
        return (
            "Agreement cannot be measured yet: it needs at least two sets of marks and at "
            "least one marked passage. " + scale
        )
    if alpha >= 0.8:
        band = "strong agreement: the class reads this text largely the same way"
    elif alpha >= 0.667:
        band = "fair agreement: the main passages are shared, some categories or edges differ"
    elif alpha >= 0.4:
        band = "moderate agreement: students often mark different passages or categories"
    elif alpha > 0.05:
        band = "weak agreement: most marks are not shared; worth discussing together"
    elif alpha >= -0.05:
        band = "about chance: the marks have no more in common than random ones would"
    else:
        band = "below chance: students systematically mark differently"
    return f"Alpha {alpha:.2f}, {band}. {scale}"


# --- the whole review -------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassReview:
    """Everything the class review shows, computed once from a graded class.

    `files` lists the files in the order they were given, which is the order of
    `agreement.with_key_by_student` (the gradebook itself is sorted by name).
    """

    files: list[str]
    gradebook: list[GradebookRow]
    items: list[ItemStat]
    coverage: list[Segment]
    hot_spots: list[Segment]
    agreement: Agreement


@dataclass(frozen=True, slots=True)
class StudentSummary:
    """One graded student as the class review uses them, and nothing more: made where the file
    was graded (a worker process, for a large class), it is small to send back, and the review
    is then the same whether it was made from these or from full grades.

    `outcomes[i]` is key item i's outcome and the category the student gave it instead of one
    the item accepts (None when right, or missed): see `item_stats`.
    """

    file: str
    row: GradebookRow
    outcomes: tuple[tuple[Outcome, str | None], ...]
    marks: tuple[MarkSpan, ...]


def summarise(
    key: AnswerKey, file: str, submission: Submission, result: GradeResult
) -> StudentSummary:
    outcomes = student_outcomes(key, submission.marks, result)
    return StudentSummary(
        file,
        gradebook_row(file, submission, result),
        outcomes,
        tuple(MarkSpan(m.start, m.end, m.category, m.id) for m in submission.marks),
    )


def student_outcomes(
    key: AnswerKey, marks: Sequence[Mark], result: GradeResult
) -> tuple[tuple[Outcome, str | None], ...]:
    """Each key item's outcome for one student, in key order, with the category they gave
    when it is one the item does not accept. The category is read from the paired mark itself
    (the source of truth), falling back to the result's `given_category`; an imprecise span
    with an accepted category is a span problem, not a labelling one."""
    categories = {m.id: m.category for m in marks}
    by_item = {r.item_id: r for r in result.items}
    outcomes: list[tuple[Outcome, str | None]] = []
    for item in key.items:
        entry = by_item.get(item.id)
        if entry is None:
            outcomes.append((Outcome.MISSED, None))
            continue
        wrong = None
        if entry.outcome in (Outcome.MISLABELED, Outcome.IMPRECISE) and entry.mark_id:
            given = categories.get(entry.mark_id, entry.given_category)
            if given is not None and given not in item.accepted_categories:
                wrong = given
        outcomes.append((entry.outcome, wrong))
    return tuple(outcomes)


def _tally_items(
    key: AnswerKey, by_student: Sequence[Sequence[tuple[Outcome, str | None]]]
) -> list[ItemStat]:
    """`ItemStat`s from every student's `student_outcomes`."""
    stats = []
    for index, item in enumerate(key.items):
        tally: Counter[Outcome] = Counter()
        wrong: Counter[str] = Counter()
        for outcomes in by_student:
            outcome, given = outcomes[index]
            tally[outcome] += 1
            if given is not None:
                wrong[given] += 1
        top = min(wrong.items(), key=lambda kv: (-kv[1], kv[0]), default=None)
        stats.append(
            ItemStat(
                item_id=item.id,
                quote=item.mark.quote,
                category=item.category,
                required=item.required,
                students=len(by_student),
                found=tally[Outcome.FOUND],
                mislabeled=tally[Outcome.MISLABELED],
                imprecise=tally[Outcome.IMPRECISE],
                missed=tally[Outcome.MISSED],
                wrong_category=top[0] if top else None,
                wrong_count=top[1] if top else 0,
            )
        )
    return stats


def review_of(
    key: AnswerKey,
    text_length: int,
    summaries: Sequence[StudentSummary],
    min_share: float = 0.3,
    min_length: int = 3,
    agreement_later: bool = False,
) -> ClassReview:
    """Gradebook, item statistics, heat map, hot spots and agreement from summaries. With
    `agreement_later`, the agreement is `pending_agreement` (see `agreement_of`)."""
    mark_sets = [summary.marks for summary in summaries]
    segments = coverage(text_length, mark_sets)
    rows = [summary.row for summary in summaries]
    rows.sort(key=lambda r: (r.student.casefold(), r.student, r.student_id, r.file))
    return ClassReview(
        files=[summary.file for summary in summaries],
        gradebook=rows,
        items=_tally_items(key, [summary.outcomes for summary in summaries]),
        coverage=segments,
        hot_spots=hot_spots(segments, key, len(summaries), min_share, min_length),
        agreement=(
            pending_agreement(len(summaries))
            if agreement_later
            else agreement(text_length, mark_sets, key)
        ),
    )


def class_review(
    key: AnswerKey,
    text_length: int,
    graded: Sequence[tuple[str, Submission, GradeResult]],
    min_share: float = 0.3,
    min_length: int = 3,
    agreement_later: bool = False,
) -> ClassReview:
    """Gradebook, item statistics, heat map, hot spots and agreement for one graded class."""
    summaries = [summarise(key, file, submission, result) for file, submission, result in graded]
    return review_of(key, text_length, summaries, min_share, min_length, agreement_later)


def agreement_of(
    key: AnswerKey, text_length: int, graded: Sequence[tuple[str, Submission, GradeResult]]
) -> Agreement:
    """The agreement `class_review` would give for `graded`, on its own: what a window showing
    the class first computes after its first frame."""
    mark_sets = [
        tuple(MarkSpan(m.start, m.end, m.category, m.id) for m in submission.marks)
        for _file, submission, _result in graded
    ]
    return agreement(text_length, mark_sets, key)
