"""A student's summary crosses from a worker process to the review by pickle, in a compact form
of its own: what arrives must be the very summary that left, whatever it holds."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from literacy_app.core.classstats import OUTCOME_CODES, GradebookRow, StudentSummary
from literacy_app.core.coding import Coding
from literacy_app.core.grade_result import Outcome

_TEXT = st.text(max_size=12)
_ROW = st.builds(
    GradebookRow,
    student=_TEXT,
    student_id=_TEXT,
    file=_TEXT,
    score=st.floats(0, 100),
    found=st.integers(0, 50),
    mislabeled=st.integers(0, 50),
    imprecise=st.integers(0, 50),
    missed=st.integers(0, 50),
    not_in_key=st.integers(0, 50),
    extra=st.integers(0, 50),
    penalty=st.floats(0, 10),
    precision=st.none() | st.floats(0, 1),
    recall=st.floats(0, 1),
    f1=st.floats(0, 1),
    attempts=st.integers(0, 9),
    bonus=st.floats(0, 5),
    bonus_possible=st.floats(0, 5),
)


_OUTCOME_LETTERS = st.text(alphabet="".join(OUTCOME_CODES.values()), max_size=40)


@given(
    _TEXT,
    _ROW,
    _OUTCOME_LETTERS.flatmap(
        lambda codes: st.tuples(
            st.just(codes), st.lists(st.none() | _TEXT, min_size=len(codes), max_size=len(codes))
        )
    ),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6), _TEXT), max_size=40),
)
def test_a_summary_arrives_as_it_left(
    file: str,
    row: GradebookRow,
    outcomes: tuple[str, list[str | None]],
    runs: list[tuple[int, int, str]],
) -> None:
    codes, wrong = outcomes
    coding = Coding(
        tuple(p for start, end, _ in runs for p in (start, end)), tuple(v for _, _, v in runs)
    )
    summary = StudentSummary(file, row, codes, tuple(wrong), coding)
    again = pickle.loads(pickle.dumps(summary))
    assert again == summary
    assert all(type(outcome) is Outcome for outcome, _ in again.outcomes)
    assert [given for _, given in again.outcomes] == wrong
    assert type(again.coding) is Coding
