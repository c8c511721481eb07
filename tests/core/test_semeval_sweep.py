"""The SemEval metric's linear sweep against the definition itself: every student span
compared with every key span, as the organisers' scorer does (and as this app did before).

The sweep relies on merged spans of one label never overlapping each other; Hypothesis
looks for the overlapping, nested, touching and duplicated spans that would break it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from literacy_app.core.semeval import SemevalKey, Span, SpanScores, merge_spans, semeval_scores

LABELS = ["a", "b", "c"]


@st.composite
def spans(draw: st.DrawFn) -> list[Span]:
    rows = draw(
        st.lists(
            st.tuples(st.integers(0, 60), st.integers(1, 25), st.sampled_from(LABELS)),
            max_size=25,
        )
    )
    return [Span(start, start + length, label) for start, length, label in rows]


def all_pairs(student: list[Span], gold: list[Span], labelled: bool) -> SpanScores:
    """The definition: P = (1/|S|) sum |s&t|/|s|, R = (1/|T|) sum |s&t|/|t|, every pair."""
    s_spans, t_spans = merge_spans(student, labelled), merge_spans(gold, labelled)
    precision_sum = recall_sum = 0.0
    for s in s_spans:
        for t in t_spans:
            if s.label != t.label:
                continue
            inter = len(set(range(s.start, s.end)) & set(range(t.start, t.end)))
            precision_sum += inter / (s.end - s.start)
            recall_sum += inter / (t.end - t.start)
    if not s_spans and not t_spans:
        return SpanScores(0.0, 0.0, 1.0, 0, 0)
    p = precision_sum / len(s_spans) if s_spans else 0.0
    r = recall_sum / len(t_spans) if t_spans else 0.0
    f1 = 2 * p * r / (p + r) if p and r else 0.0
    return SpanScores(p, r, f1, len(s_spans), len(t_spans))


def _close(a: SpanScores, b: SpanScores) -> None:
    assert a.precision == pytest.approx(b.precision, abs=1e-9)
    assert a.recall == pytest.approx(b.recall, abs=1e-9)
    assert a.f1 == pytest.approx(b.f1, abs=1e-9)
    assert (a.student_spans, a.gold_spans) == (b.student_spans, b.gold_spans)


@settings(max_examples=400, deadline=None)
@given(spans(), spans(), st.booleans())
def test_the_sweep_finds_every_overlapping_pair(
    student: list[Span], gold: list[Span], labelled: bool
) -> None:
    _close(semeval_scores(student, gold, labelled), all_pairs(student, gold, labelled))


@settings(max_examples=200, deadline=None)
@given(spans(), spans(), st.booleans())
def test_a_key_prepared_once_scores_as_the_function_does(
    student: list[Span], gold: list[Span], labelled: bool
) -> None:
    key = SemevalKey(gold)
    assert key.scores(student, labelled) == semeval_scores(student, gold, labelled)
    assert key.scores(list(reversed(student)), labelled) == semeval_scores(student, gold, labelled)


def test_one_long_span_against_many_short_ones_counts_each() -> None:
    gold = [Span(i * 10, i * 10 + 5, "a") for i in range(50)]
    student = [Span(0, 500, "a")]
    _close(semeval_scores(student, gold), all_pairs(student, gold, False))
    scores = semeval_scores(student, gold)
    assert scores.recall == pytest.approx(1.0)
    assert scores.precision == pytest.approx(250 / 500)


def test_labelled_pairs_of_different_labels_never_count() -> None:
    scores = semeval_scores([Span(0, 10, "a")], [Span(0, 10, "b")], labelled=True)
    assert (scores.precision, scores.recall, scores.f1) == (0.0, 0.0, 0.0)
    plain = semeval_scores([Span(0, 10, "a")], [Span(0, 10, "b")], labelled=False)
    assert (plain.precision, plain.recall, plain.f1) == (1.0, 1.0, 1.0)
