"""Statistics over a whole class: gradebook, what to re-teach, a heat map, agreement.

An instructor hands out one lesson and collects a folder of submissions. Grading says how each
student did; this module says how the *class* did: which key items most students missed or
labelled wrongly (and with which category), which passages many students marked although the
key says nothing there (candidates for a new key item), and how far students agree with each
other and with the key (Krippendorff's alpha).

Everything here is Qt-free, deterministic (ties are broken by ids and positions, never by input
order or hashing) and fast enough for a lecture hall: the heat map is a sweep over mark
boundaries, and agreement works on run-length segments of the text, not on each character
(core/agreement.py, where numpy and `krippendorff` are imported only when agreement is
computed, so the command line does not pay for them on every start).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from literacy_app.core.agreement import Agreement as Agreement
from literacy_app.core.agreement import agreement as agreement
from literacy_app.core.agreement import agreement_with
from literacy_app.core.agreement import nominal_alpha as nominal_alpha
from literacy_app.core.agreement import pending_agreement as pending_agreement
from literacy_app.core.agreement import plain_words as plain_words
from literacy_app.core.coding import ClassRuns, Coding, Tally, class_runs, code_marks, tally
from literacy_app.core.key import AnswerKey
from literacy_app.core.marked import NONE as NONE
from literacy_app.core.marked import Marked as Marked
from literacy_app.core.marked import MarkSpan as MarkSpan
from literacy_app.core.marks import Mark
from literacy_app.core.scoring import GradeResult, Outcome
from literacy_app.core.submission import Submission

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
    hints: int = 0  # hint levels used, which the lesson may charge for (score is after that)


def gradebook_row(file: str, submission: Submission, result: GradeResult) -> GradebookRow:
    """One student's line. Precision is None for a blank submission: with no marks there is
    nothing to be precise about (the scorer's 1.0 would read as a perfect student)."""
    counts = result.counts()
    return GradebookRow(
        student=submission.student.name,
        student_id=submission.student.id,
        file=file,
        score=result.final_score,
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
        hints=submission.hints_used,
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
    codes = ["".join(OUTCOME_CODES[outcome] for outcome, _ in each) for each in outcomes]
    return _tally_items(key, codes, [[given for _, given in each] for each in outcomes])


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


def coverage(text_length: int, mark_sets: Sequence[Sequence[Marked]]) -> list[Segment]:
    """The heat map: how many students' marks cover each stretch of the text.

    Returns maximal runs partitioning [0, text_length) (runs covered by nobody included, with
    count 0), so a view can colour the whole text from one list. A student counts once where
    their marks overlap: each student's marks become disjoint runs first (`code_marks`), then
    the class is summed in one sweep over the sorted boundaries (`tally`): the cost grows with
    the number of marks, not with the length of the text.
    """
    if text_length <= 0:
        return []
    codings = [code_marks(marks, text_length) for marks in mark_sets]
    return _segments(tally(text_length, class_runs(codings, text_length)))


def _segments(counted: Tally) -> list[Segment]:
    """The heat map of a tallied class: neighbours covered by as many students merged."""
    segments: list[Segment] = []
    bounds = counted.bounds.tolist()
    for index, count in enumerate(counted.covered.tolist()):
        if segments and segments[-1].count == count:
            segments[-1] = Segment(segments[-1].start, bounds[index + 1], count)
        else:
            segments.append(Segment(bounds[index], bounds[index + 1], count))
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


# --- the whole review -------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassReview:
    """Everything the class review shows, computed once from a graded class.

    `files` lists the files in the order they were given, which is the order of
    `agreement.with_key_by_student` (the gradebook itself is sorted by name). `codings` are
    the students' codings in that order, kept for an agreement computed later
    (`later_agreement`), not part of what the review says.
    """

    files: list[str]
    gradebook: list[GradebookRow]
    items: list[ItemStat]
    coverage: list[Segment]
    hot_spots: list[Segment]
    agreement: Agreement
    codings: tuple[Coding, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class StudentSummary:
    """One graded student as the class review uses them, and nothing more: made where the file
    was graded (a worker process, for a large class), it is small to send back, and the review
    is then the same whether it was made from these or from full grades.

    `codes[i]` is key item i's outcome as one letter (`OUTCOME_CODES`) and `given[i]` the
    category the student gave it instead of one the item accepts (None when right, or missed):
    see `item_stats`. `coding` is the student's value for every character, worked out here,
    in the worker: the heat map and agreement then tally the class in one vectorised pass.
    """

    file: str
    row: GradebookRow
    codes: str
    given: tuple[str | None, ...]
    coding: Coding

    @property
    def outcomes(self) -> tuple[tuple[Outcome, str | None], ...]:
        """As `student_outcomes` gives them."""
        return tuple(zip(map(_CODE_OUTCOME.__getitem__, self.codes), self.given, strict=True))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Workers send these back by the thousand: as plain strings, numbers and flat tuples
        they pickle and unpickle several times faster than as dataclasses and enums."""
        row = self.row
        return (
            _unpacked_summary,
            (
                self.file,
                tuple(getattr(row, name) for name in _ROW_FIELDS),
                self.codes,
                self.given,
                self.coding.bounds,
                self.coding.values,
            ),
        )


_ROW_FIELDS = tuple(GradebookRow.__dataclass_fields__)
OUTCOME_CODES = {Outcome.FOUND: "f", Outcome.MISLABELED: "l", Outcome.IMPRECISE: "i"}
OUTCOME_CODES[Outcome.MISSED] = "m"
_CODE_OUTCOME = {code: outcome for outcome, code in OUTCOME_CODES.items()}


def _unpacked_summary(
    file: str,
    row: tuple[Any, ...],
    codes: str,
    given: tuple[str | None, ...],
    bounds: tuple[int, ...],
    values: tuple[str, ...],
) -> StudentSummary:
    return StudentSummary(file, GradebookRow(*row), codes, given, Coding(bounds, values))


def summarise(
    key: AnswerKey, file: str, submission: Submission, result: GradeResult, text_length: int
) -> StudentSummary:
    outcomes = student_outcomes(key, submission.marks, result)
    return StudentSummary(
        file,
        gradebook_row(file, submission, result),
        "".join(OUTCOME_CODES[outcome] for outcome, _ in outcomes),
        tuple(given for _, given in outcomes),
        code_marks(submission.marks, text_length),
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
    key: AnswerKey, codes: Sequence[str], given: Sequence[Sequence[str | None]]
) -> list[ItemStat]:
    """`ItemStat`s from every student's outcome letters and wrong categories (see
    `StudentSummary`), counted a key item at a time: a column of the class."""
    stats = []
    outcome_columns = list(zip(*codes, strict=True)) if codes else [()] * len(key.items)
    given_columns = list(zip(*given, strict=True)) if given else [()] * len(key.items)
    for index, item in enumerate(key.items):
        outcome_counts = Counter(outcome_columns[index])
        wrong = Counter(given_columns[index])
        wrong.pop(None, None)
        top = min(wrong.items(), key=lambda kv: (-kv[1], kv[0]), default=None)
        stats.append(
            ItemStat(
                item_id=item.id,
                quote=item.mark.quote,
                category=item.category,
                required=item.required,
                students=len(codes),
                found=outcome_counts[OUTCOME_CODES[Outcome.FOUND]],
                mislabeled=outcome_counts[OUTCOME_CODES[Outcome.MISLABELED]],
                imprecise=outcome_counts[OUTCOME_CODES[Outcome.IMPRECISE]],
                missed=outcome_counts[OUTCOME_CODES[Outcome.MISSED]],
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
    `agreement_later`, the agreement is `pending_agreement` (see `later_agreement`)."""
    codings = [summary.coding for summary in summaries]
    key_coding = code_marks([item.mark for item in key.items], text_length)
    segments: list[Segment] = []
    runs: ClassRuns | None = None
    counted: Tally | None = None
    if text_length > 0:
        runs = class_runs(codings, text_length, key_coding.values)
        counted = tally(text_length, runs, key_coding.bounds)
        segments = _segments(counted)
    rows = [summary.row for summary in summaries]
    rows.sort(key=lambda r: (r.student.casefold(), r.student, r.student_id, r.file))
    if agreement_later:
        agreed = pending_agreement(len(summaries))
    else:
        agreed = agreement_with(text_length, codings, key_coding, runs, counted)
    return ClassReview(
        files=[summary.file for summary in summaries],
        gradebook=rows,
        items=_tally_items(
            key, [summary.codes for summary in summaries], [summary.given for summary in summaries]
        ),
        coverage=segments,
        hot_spots=hot_spots(segments, key, len(summaries), min_share, min_length),
        agreement=agreed,
        codings=tuple(codings),
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
    summaries = [
        summarise(key, file, submission, result, text_length) for file, submission, result in graded
    ]
    return review_of(key, text_length, summaries, min_share, min_length, agreement_later)


def later_agreement(review: ClassReview, key: AnswerKey, text_length: int) -> Agreement:
    """The agreement `review_of(..., agreement_later=True)` left pending, from the codings the
    review already made: what a window showing the class first computes after its first frame."""
    key_coding = code_marks([item.mark for item in key.items], text_length)
    return agreement_with(text_length, review.codings, key_coding)
