"""The research metric: SemEval-2020 Task 11's span-level partial-overlap measure.

Da San Martino et al. score propaganda span detection by giving partial credit in proportion to
character overlap, so results here can be compared with the literature. Spans are sets of
character positions; overlapping spans on the same side are merged first (per technique when
labels count). With S the student's spans and T the key's:

    P = (1/|S|) * sum over s in S, t in T of |s & t| / |s|
    R = (1/|T|) * sum over s in S, t in T of |s & t| / |t|

F1 is their harmonic mean (1, with P = R = 0, when both sides are empty, as in the
organisers' scorer). Unlabelled, every pair counts; labelled, only same-technique pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple


class Span(NamedTuple):
    start: int
    end: int  # exclusive
    label: str = ""


@dataclass(frozen=True, slots=True)
class SpanScores:
    precision: float
    recall: float
    f1: float
    student_spans: int
    gold_spans: int


def merge_spans(spans: Iterable[Span], labelled: bool) -> list[Span]:
    """Union overlapping spans (per label when `labelled`), so a position is never counted twice."""
    by_label: dict[str, list[Span]] = {}
    for span in spans:
        if span.end > span.start:
            by_label.setdefault(span.label if labelled else "", []).append(span)
    merged: list[Span] = []
    for label, group in by_label.items():
        group.sort()
        start, end = group[0].start, group[0].end
        for span in group[1:]:
            if span.start < end:  # overlapping (sharing a position), not merely touching
                end = max(end, span.end)
            else:
                merged.append(Span(start, end, label))
                start, end = span.start, span.end
        merged.append(Span(start, end, label))
    merged.sort()
    return merged


def _overlap_sums(student: Sequence[Span], gold: Sequence[Span]) -> tuple[float, float]:
    """sum |s&t|/|s| and sum |s&t|/|t| over same-label overlapping pairs (labels already
    blanked when unlabelled), both sides merged and sorted.

    After merging, the spans of one label never overlap each other, so a linear sweep finds
    every overlapping pair: step past whichever of the two current spans ends first. Comparing
    every student span with every key span (the organisers' way) costs |S| x |T|.
    """
    precision_sum = recall_sum = 0.0
    gold_by_label = _by_label(gold)
    for label, ours in _by_label(student).items():
        theirs = gold_by_label.get(label)
        if not theirs:
            continue
        i = j = 0
        while i < len(ours) and j < len(theirs):
            s, t = ours[i], theirs[j]
            inter = min(s.end, t.end) - max(s.start, t.start)
            if inter > 0:
                precision_sum += inter / (s.end - s.start)
                recall_sum += inter / (t.end - t.start)
            if s.end <= t.end:
                i += 1
            else:
                j += 1
    return precision_sum, recall_sum


def _by_label(spans: Sequence[Span]) -> dict[str, list[Span]]:
    """Sorted spans split by label, each list still sorted."""
    groups: dict[str, list[Span]] = {}
    for span in spans:
        groups.setdefault(span.label, []).append(span)
    return groups


def _scores(s_spans: Sequence[Span], t_spans: Sequence[Span]) -> SpanScores:
    precision_sum, recall_sum = _overlap_sums(s_spans, t_spans)
    precision = precision_sum / len(s_spans) if s_spans else 0.0
    recall = recall_sum / len(t_spans) if t_spans else 0.0
    if not s_spans and not t_spans:
        # The organisers' scorer reports P = R = 0 but F1 = 1 when nothing was to be found.
        return SpanScores(0.0, 0.0, 1.0, 0, 0)
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    return SpanScores(precision, recall, f1, len(s_spans), len(t_spans))


def semeval_scores(
    student: Sequence[Span], gold: Sequence[Span], labelled: bool = False
) -> SpanScores:
    return _scores(merge_spans(student, labelled), merge_spans(gold, labelled))


class SemevalKey:
    """The key's spans merged once, both ways, for scoring a whole class against them."""

    def __init__(self, gold: Sequence[Span]) -> None:
        self._merged = {labelled: merge_spans(gold, labelled) for labelled in (False, True)}

    def scores(self, student: Sequence[Span], labelled: bool) -> SpanScores:
        return _scores(merge_spans(student, labelled), self._merged[labelled])
