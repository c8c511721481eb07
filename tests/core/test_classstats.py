"""Class statistics: gradebook, per-item shares, heat map, hot spots and agreement."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from literacy_app.core.classstats import (
    Segment,
    agreement,
    class_review,
    coverage,
    gradebook,
    hot_spots,
    item_stats,
    nominal_alpha,
    plain_words,
)
from literacy_app.core.key import AnswerKey, KeyItem
from literacy_app.core.marks import Mark, context_of
from literacy_app.core.scoring import GradeResult, PreparedKey, grade
from literacy_app.core.submission import Student, Submission
from tests.core.scoring_helpers import TAXONOMY

TEXT = "The reckless plan will ruin the city, experts say, and 90% of residents agree. Officials"
#       0         1         2         3         4         5         6         7         8
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567


def span(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


def mark(mark_id: str, quote: str, category: str) -> Mark:
    start, end = span(quote)
    return Mark(mark_id, start, end, category, **context_of(TEXT, start, end))


def item(
    item_id: str, quote: str, category: str, required: bool = True, also: tuple[str, ...] = ()
) -> KeyItem:
    return KeyItem(mark(item_id, quote, category), "why", also_accept=also, required=required)


KEY = AnswerKey(
    (
        item("k1", "reckless", "loaded_language"),
        item("k2", "ruin the city", "exaggeration", also=("appeal_to_fear",)),
        item("k3", "experts say", "vague_attribution"),
        item("k4", "90% of residents", "unsourced_figure", required=False),
    )
)
PREPARED = PreparedKey(KEY, TAXONOMY, TEXT)


def submission(name: str, marks: list[Mark], attempts: int = 1) -> Submission:
    return Submission(tuple(marks), lesson="t", student=Student(name, name[:2]), attempts=attempts)


def graded(*subs: Submission) -> list[tuple[str, Submission, GradeResult]]:
    return [(f"{s.student.name}.json", s, grade(PREPARED, s.marks)) for s in subs]


# A hand-built class of four (shares are exact quarters):
#   k1 reckless:      Ann found, Ben found, Cy mislabeled (name_calling), Di missed
#   k2 ruin the city: Ann found (accepted alternative), Ben imprecise with the accepted
#                     alternative, Cy mislabeled (doubt), Di mislabeled (doubt)
#   k3 experts say:   Ann imprecise (name_calling), Ben mislabeled (unsourced_figure),
#                     Cy imprecise (unsourced_figure), Di missed
#   k4 90%...:        nobody
CLASS = [
    submission(
        "Ann",
        [
            mark("a1", "reckless", "loaded_language"),
            mark("a2", "ruin the city", "appeal_to_fear"),
            mark("a3", "exp", "name_calling"),
        ],
    ),
    submission(
        "Ben",
        [
            mark("b1", "reckless plan", "loaded_language"),
            mark("b2", "ruin", "appeal_to_fear"),
            mark("b3", "experts say", "unsourced_figure"),
        ],
        attempts=3,
    ),
    submission(
        "Cy",
        [
            mark("c1", "reckless", "name_calling"),
            mark("c2", "ruin the city", "doubt"),
            mark("c3", "say", "unsourced_figure"),
            mark("c4", "Officials", "doubt"),
        ],
    ),
    submission("Di", [mark("d1", "ruin the city,", "doubt")]),
]


# --- gradebook --------------------------------------------------------------------------------


def test_gradebook_numbers_are_the_scorers_for_every_student() -> None:
    rows = gradebook(graded(*reversed(CLASS)))
    assert [r.student for r in rows] == ["Ann", "Ben", "Cy", "Di"]  # sorted by name
    for row in rows:
        [sub] = [s for s in CLASS if s.student.name == row.student]
        result = grade(PREPARED, sub.marks)
        counts = result.counts()
        assert row.file == f"{row.student}.json"
        assert row.student_id == sub.student.id
        assert row.score == result.score
        assert (row.found, row.mislabeled, row.imprecise, row.missed, row.not_in_key) == (
            counts["found"],
            counts["mislabeled"],
            counts["imprecise"],
            counts["missed"],
            counts["not_in_key"],
        )
        assert (row.precision, row.recall, row.f1) == (
            result.spans.precision,
            result.spans.recall,
            result.spans.f1,
        )
        assert (row.bonus, row.bonus_possible) == (result.bonus_earned, result.bonus_possible)
        assert row.attempts == sub.attempts
    cy = rows[2]
    assert (cy.mislabeled, cy.imprecise, cy.missed, cy.not_in_key) == (2, 1, 1, 1)


def test_a_blank_submission_has_no_precision_in_the_gradebook() -> None:
    """The scorer says 1.0 for no marks; the gradebook says undefined, so no report shows a
    student who marked nothing as perfectly precise."""
    blank = submission("Eve", [])
    [row] = gradebook(graded(blank))
    assert grade(PREPARED, blank.marks).spans.precision == 1.0
    assert row.precision is None
    assert (row.recall, row.f1, row.found) == (0.0, 0.0, 0)


def test_gradebook_sorts_names_ignoring_case_then_by_id() -> None:
    subs = [
        Submission((), student=Student("bea", "2")),
        Submission((), student=Student("Bea", "1")),
        Submission((), student=Student("al", "9")),
    ]
    rows = gradebook([(f"f{i}", s, grade(PREPARED, s.marks)) for i, s in enumerate(subs)])
    assert [(r.student, r.student_id) for r in rows] == [("al", "9"), ("Bea", "1"), ("bea", "2")]


# --- items ------------------------------------------------------------------------------------


def test_item_shares_on_a_class_of_four_are_exact() -> None:
    results = [r for _, _, r in graded(*CLASS)]
    stats = {s.item_id: s for s in item_stats(KEY, results, [s.marks for s in CLASS])}
    k1, k2, k3, k4 = stats["k1"], stats["k2"], stats["k3"], stats["k4"]
    assert (k1.quote, k1.category, k1.required, k1.students) == (
        "reckless",
        "loaded_language",
        True,
        4,
    )
    assert (k1.share_found, k1.share_credited, k1.share_missed) == (
        Fraction(2, 4),
        Fraction(3, 4),
        Fraction(1, 4),
    )
    assert (k2.found, k2.mislabeled, k2.imprecise, k2.missed) == (1, 2, 1, 0)
    assert (k2.share_found, k2.share_credited, k2.share_missed) == (Fraction(1, 4), 1, 0)
    assert (k3.found, k3.mislabeled, k3.imprecise, k3.missed) == (0, 1, 2, 1)
    assert (k3.share_found, k3.share_credited, k3.share_missed) == (
        0,
        Fraction(3, 4),
        Fraction(1, 4),
    )
    assert (k4.required, k4.share_found, k4.share_credited, k4.share_missed) == (False, 0, 0, 1)


def test_most_common_wrong_category_is_what_to_reteach() -> None:
    results = [r for _, _, r in graded(*CLASS)]
    stats = {s.item_id: s for s in item_stats(KEY, results, [s.marks for s in CLASS])}
    # k1: one student called "reckless" name-calling
    assert (stats["k1"].wrong_category, stats["k1"].wrong_count) == ("name_calling", 1)
    # k2: "doubt" twice; Ben's imprecise mark used an accepted alternative, which is not wrong
    assert (stats["k2"].wrong_category, stats["k2"].wrong_count) == ("doubt", 2)
    # k3: unsourced_figure (a mislabeled and an imprecise pair) beats name_calling (one)
    assert (stats["k3"].wrong_category, stats["k3"].wrong_count) == ("unsourced_figure", 2)
    assert (stats["k4"].wrong_category, stats["k4"].wrong_count) == (None, 0)


def test_wrong_category_ties_break_alphabetically_whatever_the_order() -> None:
    subs = [
        submission("A", [mark("m1", "reckless", "name_calling")]),
        submission("B", [mark("m1", "reckless", "doubt")]),
    ]
    for order in (subs, subs[::-1]):
        results = [r for _, _, r in graded(*order)]
        [k1, *_] = item_stats(KEY, results, [s.marks for s in order])
        assert (k1.wrong_category, k1.wrong_count) == ("doubt", 1)


def test_item_stats_of_an_empty_class() -> None:
    stats = item_stats(KEY, [], [])
    assert [s.students for s in stats] == [0, 0, 0, 0]
    assert all(s.share_found == s.share_missed == 0.0 for s in stats)


def test_item_stats_needs_one_mark_list_per_result() -> None:
    with pytest.raises(ValueError, match="same students"):
        item_stats(KEY, [grade(PREPARED, [])], [])


# --- coverage ---------------------------------------------------------------------------------


def m(start: int, end: int, category: str = "doubt", mark_id: str = "m") -> Mark:
    return Mark(mark_id, start, end, category)


def test_coverage_counts_a_student_once_where_their_marks_overlap() -> None:
    ann = [m(2, 8), m(5, 12)]  # overlapping: 2-12 once
    ben = [m(6, 10), m(10, 14)]  # touching: 6-14
    cy: list[Mark] = []
    assert coverage(20, [ann, ben, cy]) == [
        Segment(0, 2, 0),
        Segment(2, 6, 1),
        Segment(6, 12, 2),
        Segment(12, 14, 1),
        Segment(14, 20, 0),
    ]


def test_coverage_merges_equal_neighbours_and_clips_to_the_text() -> None:
    assert coverage(10, [[m(0, 4)], [m(4, 30)]]) == [Segment(0, 10, 1)]
    assert coverage(10, []) == [Segment(0, 10, 0)]
    assert coverage(0, [[m(0, 4)]]) == []


@st.composite
def classes(draw: st.DrawFn) -> tuple[int, list[list[Mark]]]:
    length = draw(st.integers(min_value=1, max_value=60))
    students = []
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        marks = []
        for n in range(draw(st.integers(min_value=0, max_value=5))):
            start = draw(st.integers(min_value=0, max_value=length))
            end = draw(st.integers(min_value=start, max_value=length + 3))
            marks.append(m(start, end, draw(st.sampled_from(["a", "b", "c"])), f"m{n}"))
        students.append(marks)
    return length, students


@settings(max_examples=300, deadline=None)
@given(classes())
def test_coverage_equals_a_brute_force_count_per_position(
    case: tuple[int, list[list[Mark]]],
) -> None:
    length, students = case
    segments = coverage(length, students)
    expected = [
        sum(any(mk.start <= p < mk.end for mk in marks) for marks in students)
        for p in range(length)
    ]
    per_position = [s.count for s in segments for _ in range(s.start, s.end)]
    assert per_position == expected
    assert segments[0].start == 0
    assert segments[-1].end == length
    for before, after in itertools.pairwise(segments):
        assert before.end == after.start  # a partition ...
        assert before.count != after.count  # ... of maximal runs


# --- hot spots --------------------------------------------------------------------------------


def test_hot_spots_are_popular_passages_no_key_item_touches() -> None:
    officials = span("Officials")
    the_plan = (span("The reckless")[0], span("plan")[1])  # overlaps k1 "reckless"
    agree = span("agree")
    students = [
        [m(*officials), m(*the_plan)],
        [m(*officials), m(*the_plan), m(*agree)],
        [m(officials[0] + 2, officials[1]), m(*the_plan)],
        [],
        [m(*agree)],
        [],
        [],
        [],
        [],
        [],
    ]
    segments = coverage(len(TEXT), students)
    spots = hot_spots(segments, KEY, len(students))
    # "Officials": 2 students at its start, 3 from its third letter on (3/10 reaches 0.3);
    # "The reckless plan" is popular but overlaps a key item; "agree" has only 2 of 10.
    assert spots == [Segment(officials[0] + 2, officials[1], 3)]
    merged = hot_spots(segments, KEY, len(students), min_share=0.2)
    assert merged == [Segment(agree[0], agree[1], 2), Segment(officials[0], officials[1], 3)]
    assert hot_spots(segments, KEY, len(students), min_share=0.2, min_length=6) == [
        Segment(officials[0], officials[1], 3)
    ]
    assert hot_spots(segments, KEY, 0) == []


# --- agreement --------------------------------------------------------------------------------

# Krippendorff's binary example (Content Analysis, 2004; "Computing Krippendorff's
# alpha-reliability", 2011): two coders, ten units.
#   coder A: 0 1 0 0 0 0 0 0 1 0
#   coder B: 1 1 1 0 0 1 0 0 0 0
# Coincidences: o00 = 10, o01 = o10 = 4, o11 = 2; n0 = 14, n1 = 6, n = 20.
# alpha = 1 - (n - 1) * (o01 + o10) / (2 * n0 * n1) = 1 - 19 * 8 / 168 = 16 / 168 = 0.0952...
CODER_A = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
CODER_B = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
TEXTBOOK_ALPHA = 16 / 168


def one_char_marks(values: list[int], category: str = "loaded_language") -> list[Mark]:
    """Each unit is one character; value 1 is a mark on it, value 0 is no mark ("none")."""
    return [Mark(f"m{i}", i, i + 1, category) for i, v in enumerate(values) if v]


def test_textbook_example_among_students() -> None:
    result = agreement(10, [one_char_marks(CODER_A), one_char_marks(CODER_B)], None)
    assert result.among_students is not None
    assert result.among_students == pytest.approx(TEXTBOOK_ALPHA, abs=1e-12)
    assert round(result.among_students, 3) == 0.095  # as Krippendorff reports it
    assert (result.units, result.unit_count, result.students) == ("characters", 10, 2)
    assert result.with_key is None


def test_textbook_example_between_key_and_a_student() -> None:
    key = AnswerKey(tuple(KeyItem(mk, "why") for mk in one_char_marks(CODER_A)))
    result = agreement(10, [one_char_marks(CODER_B)], key)
    assert result.with_key == pytest.approx(TEXTBOOK_ALPHA, abs=1e-12)
    assert result.with_key_by_student == (pytest.approx(TEXTBOOK_ALPHA, abs=1e-12),)
    assert result.among_students is None  # one student has nobody to agree with


def test_nominal_alpha_from_the_textbook_coincidence_matrix() -> None:
    assert nominal_alpha([[10, 4], [4, 2]]) == pytest.approx(TEXTBOOK_ALPHA, abs=1e-12)
    assert nominal_alpha([[6, 0], [0, 0]]) is None  # one value: nothing to agree about
    assert nominal_alpha([[0, 0], [0, 0]]) is None


def test_identical_students_agree_perfectly() -> None:
    marks = [mark("a", "reckless plan", "loaded_language"), mark("b", "experts say", "doubt")]
    result = agreement(len(TEXT), [marks, list(marks), list(reversed(marks))], KEY)
    assert result.among_students == 1.0
    assert result.with_key is not None
    assert result.with_key < 1.0


def test_students_who_mark_like_the_key_agree_with_it_perfectly() -> None:
    like_key = [it.mark for it in KEY.items]
    result = agreement(len(TEXT), [like_key, like_key[::-1]], KEY)
    assert result.with_key == 1.0
    assert result.with_key_by_student == (1.0, 1.0)
    blank = agreement(len(TEXT), [[], like_key], KEY)
    assert blank.with_key_by_student[1] == 1.0
    assert blank.with_key_by_student[0] is not None
    assert blank.with_key_by_student[0] <= 0.0
    assert blank.with_key is not None
    assert 0.0 < blank.with_key < 1.0


def test_nobody_marking_anything_leaves_agreement_undefined() -> None:
    result = agreement(20, [[], [], []], AnswerKey(()))
    assert result.among_students is None
    assert result.with_key is None
    assert result.with_key_by_student == (None, None, None)
    assert agreement(0, [[m(0, 1)]], None).among_students is None
    assert agreement(10, [], KEY).with_key_by_student == ()


def test_the_innermost_mark_gives_the_value_where_a_coder_overlaps() -> None:
    # Ann: "a" over 0-10 with "b" inside 3-5; Ben: "a" 0-3, "b" 3-5, "a" 5-10. The same
    # reading, so perfect agreement, whichever order Ann's marks come in.
    ann = [m(0, 10, "a", "x"), m(3, 5, "b", "y")]
    ben = [m(0, 3, "a"), m(3, 5, "b"), m(5, 10, "a")]
    for order in (ann, ann[::-1]):
        assert agreement(12, [order, ben], None).among_students == 1.0


def _per_character(length: int, marks: list[Mark]) -> list[str]:
    values = []
    for p in range(length):
        covering = [mk for mk in marks if mk.start <= p < mk.end]
        if not covering:
            values.append("none")
            continue
        inner = min(covering, key=lambda mk: (mk.end - mk.start, mk.start, mk.category, mk.id))
        values.append(inner.category)
    return values


def _package_alpha(rows: list[list[str]]) -> float | None:
    data = np.array(rows)
    if len(set(data.ravel())) < 2:
        return None
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


@settings(max_examples=150, deadline=None)
@given(classes())
def test_agreement_equals_the_package_on_per_character_data(
    case: tuple[int, list[list[Mark]]],
) -> None:
    """Run-length segments give exactly the per-character alpha of the `krippendorff` package,
    among students and (through the length-weighted coincidence path) with the key."""
    length, students = case
    if not students:
        return
    key_marks = [
        Mark(f"k{i}", s, min(length, s + 4), "a") for i, s in enumerate(range(0, length, 9))
    ]
    key = AnswerKey(tuple(KeyItem(mk, "why") for mk in key_marks))
    result = agreement(length, students, key)
    clipped = [
        [Mark(mk.id, mk.start, min(mk.end, length), mk.category) for mk in marks]
        for marks in students
    ]
    rows = [_per_character(length, marks) for marks in clipped]
    expected = _package_alpha(rows) if len(rows) > 1 else None
    if expected is None:
        assert result.among_students is None
    else:
        assert result.among_students == pytest.approx(expected, abs=1e-9)
    key_row = _per_character(length, key_marks)
    for row, alpha in zip(rows, result.with_key_by_student, strict=True):
        pair = _package_alpha([key_row, row])
        assert alpha == (None if pair is None else pytest.approx(pair, abs=1e-9))


def test_a_larger_class_agrees_with_the_package_per_character() -> None:
    rng = random.Random(5)
    students = [
        [m(s := rng.randrange(300), s + rng.randrange(1, 40), rng.choice("abc")) for _ in range(6)]
        for _ in range(8)
    ]
    rows = [_per_character(400, marks) for marks in students]
    expected = _package_alpha(rows)
    assert expected is not None
    assert agreement(400, students, None).among_students == pytest.approx(expected, abs=1e-12)


def test_agreement_is_deterministic() -> None:
    sets = [list(s.marks) for s in CLASS]
    first = agreement(len(TEXT), sets, KEY)
    shuffled = [list(reversed(ms)) for ms in sets]
    assert agreement(len(TEXT), shuffled, KEY) == first


@pytest.mark.parametrize(
    ("alpha", "words"),
    [
        (1.0, "strong agreement"),
        (0.7, "fair agreement"),
        (0.5, "moderate agreement"),
        (0.2, "weak agreement"),
        (0.0, "about chance"),
        (-0.4, "below chance"),
        (None, "cannot be measured"),
    ],
)
def test_plain_words_explain_the_scale(alpha: float | None, words: str) -> None:
    text = plain_words(alpha)
    assert words in text
    assert "1 means students marked the same passages with the same categories" in text
    assert "0 means no more agreement than chance" in text


# --- the whole review -------------------------------------------------------------------------


def test_class_review_puts_it_together() -> None:
    review = class_review(KEY, len(TEXT), graded(*CLASS))
    assert review.files == ["Ann.json", "Ben.json", "Cy.json", "Di.json"]
    assert [r.student for r in review.gradebook] == ["Ann", "Ben", "Cy", "Di"]
    assert [s.item_id for s in review.items] == ["k1", "k2", "k3", "k4"]
    assert review.coverage == coverage(len(TEXT), [s.marks for s in CLASS])
    assert review.hot_spots == []  # "Officials": 1 of 4 is below 30%
    assert review.agreement.students == 4
    assert len(review.agreement.with_key_by_student) == 4
