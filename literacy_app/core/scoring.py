"""The classroom metric: how a student's marks compare with the instructor's key.

Rules (docs/scoring.md has worked examples):

* spans are compared after trimming whitespace and edge punctuation (`text.trim_span`);
* overlap is the Jaccard ratio of the two character ranges; at or above the key's threshold the
  span *matches*, below it (but overlapping) it is *imprecise* and its credit is multiplied down;
* the category earns full credit when the key accepts it, partial credit within the same group,
  a little across groups;
* marks and items are paired one to one so that credit on required items is maximal, then credit
  on bonus items, then closeness of spans (an exact assignment, so ties never depend on order);
* an unpaired mark is "not in key": neutral unless the key sets a penalty, which applies only to
  marks that touch no key item at all (a second mark on an item already credited is redundant,
  not wrong, and adding a correct mark must never lower a score).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from literacy_app.core.assignment import max_weight_assignment
from literacy_app.core.key import AnswerKey, KeyItem, ScoringSettings
from literacy_app.core.marks import Mark
from literacy_app.core.taxonomy import Group, Taxonomy
from literacy_app.core.text import trim_span


class Outcome(StrEnum):
    FOUND = "found"
    MISLABELED = "mislabeled"
    IMPRECISE = "imprecise"
    MISSED = "missed"


class SpanRelation(StrEnum):
    MATCH = "match"
    TOO_BROAD = "too_broad"  # the mark contains the item but is much longer
    TOO_NARROW = "too_narrow"  # the mark lies inside the item but covers too little
    OVERLAP = "overlap"  # they share some characters, neither contains the other


@dataclass(frozen=True, slots=True)
class ItemResult:
    item_id: str
    outcome: Outcome
    credit: float
    max_credit: float
    required: bool
    category: str
    mark_id: str | None = None
    given_category: str | None = None
    category_credit: float = 0.0
    jaccard: float = 0.0
    relation: SpanRelation | None = None

    @property
    def mark_ids(self) -> list[str]:
        return [self.mark_id] if self.mark_id else []


@dataclass(frozen=True, slots=True)
class MarkResult:
    mark_id: str
    item_id: str | None  # None: not in the key
    near_item_id: str | None = None  # unpaired, but overlaps this item (credited to another mark)

    @property
    def in_key(self) -> bool:
        return self.item_id is not None


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 with the counts behind them."""

    precision: float
    recall: float
    f1: float
    correct_marks: int
    marks: int
    found_items: int
    items: int

    @classmethod
    def from_counts(cls, correct_marks: int, marks: int, found_items: int, items: int) -> PRF:
        precision = correct_marks / marks if marks else 1.0
        recall = found_items / items if items else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1, correct_marks, marks, found_items, items)


@dataclass(frozen=True)
class GradeResult:
    score: float  # 0-100 over required items, after any penalty
    earned: float
    possible: float
    bonus_earned: float
    bonus_possible: float
    penalty: float
    items: tuple[ItemResult, ...]
    marks: tuple[MarkResult, ...]
    spans: PRF  # location only: a mark is right when its span matches an item's
    labelled: PRF  # location and category
    per_category: dict[str, PRF] = field(default_factory=dict)
    per_group: dict[str, PRF] = field(default_factory=dict)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for item in self.items if item.outcome is outcome)

    @property
    def not_in_key(self) -> int:
        return sum(1 for mark in self.marks if not mark.in_key)

    def counts(self) -> dict[str, int]:
        result = {outcome.value: self.count(outcome) for outcome in Outcome}
        result["not_in_key"] = self.not_in_key
        return result


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    index: int


@dataclass(frozen=True, slots=True)
class _Candidate:
    item: int
    mark: int
    jaccard: float
    relation: SpanRelation
    category_credit: float
    credit: float


class PreparedKey:
    """A key with its spans trimmed and groups resolved once, reused for a whole class."""

    def __init__(self, key: AnswerKey, taxonomy: Taxonomy, text: str | None = None) -> None:
        self.key = key
        self.taxonomy = taxonomy
        self.text = text
        self.settings: ScoringSettings = key.scoring
        self.items: tuple[KeyItem, ...] = key.items
        self._groups: dict[str, Group | None] = {c.id: c.group for c in taxonomy}
        self.spans = [self._trim(item.start, item.end) for item in key.items]
        self.groups = [taxonomy.group_of(item.category) for item in key.items]
        self.accepted = [item.accepted_categories for item in key.items]
        self.by_start = sorted(
            (_Span(s, e, i) for i, (s, e) in enumerate(self.spans)),
            key=lambda span: (span.start, span.end, span.index),
        )
        self.starts = [span.start for span in self.by_start]
        self.longest = max((e - s for s, e in self.spans), default=0)
        self.possible = sum(item.weight for item in key.items if item.required)
        self.bonus_possible = sum(item.weight for item in key.items if not item.required)

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        return trim_span(self.text, start, end) if self.text is not None else (start, end)

    def group_of(self, category: str) -> Group | None:
        group = self._groups.get(category)
        if group is None:
            group = self._groups[category] = self.taxonomy.group_of(category)
        return group

    def category_credit(self, item: int, category: str) -> float:
        if category in self.accepted[item]:
            return 1.0
        mark_group = self.group_of(category)
        if mark_group is not None and mark_group is self.groups[item]:
            return self.settings.same_group_credit
        return self.settings.other_group_credit


def _relation(
    item: tuple[int, int], mark: tuple[int, int], jaccard: float, threshold: float
) -> SpanRelation:
    if jaccard >= threshold:
        return SpanRelation.MATCH
    if mark[0] <= item[0] and item[1] <= mark[1]:
        return SpanRelation.TOO_BROAD
    if item[0] <= mark[0] and mark[1] <= item[1]:
        return SpanRelation.TOO_NARROW
    return SpanRelation.OVERLAP


def _candidates(
    prepared: PreparedKey, marks: Sequence[Mark], mark_spans: list[tuple[int, int]]
) -> list[_Candidate]:
    """Every (item, mark) pair that overlaps.

    Items are sorted by start, and none is longer than `longest`, so an item overlapping
    [m_start, m_end) starts in (m_start - longest, m_end): two binary searches bound the scan.
    """
    settings = prepared.settings
    starts, items, longest = prepared.starts, prepared.by_start, prepared.longest
    candidates: list[_Candidate] = []
    for mark_index, (m_start, m_end) in enumerate(mark_spans):
        low = bisect.bisect_right(starts, m_start - longest)
        high = bisect.bisect_left(starts, m_end)
        for span in items[low:high]:
            inter = min(span.end, m_end) - max(span.start, m_start)
            if inter <= 0:
                continue
            union = max(span.end, m_end) - min(span.start, m_start)
            jaccard = inter / union
            relation = _relation(
                (span.start, span.end), (m_start, m_end), jaccard, settings.match_threshold
            )
            category_credit = prepared.category_credit(span.index, marks[mark_index].category)
            multiplier = 1.0 if relation is SpanRelation.MATCH else settings.imprecise_multiplier
            credit = prepared.items[span.index].weight * category_credit * multiplier
            candidates.append(
                _Candidate(span.index, mark_index, jaccard, relation, category_credit, credit)
            )
    return candidates


def _components(candidates: list[_Candidate]) -> Iterable[list[_Candidate]]:
    """Connected groups of the overlap graph; each is solved on its own."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        root = node
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[node] != root:
            parent[node], node = root, parent[node]
        return root

    for c in candidates:
        a, b = find(("i", c.item)), find(("m", c.mark))
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[tuple[str, int], list[_Candidate]] = {}
    for c in candidates:
        groups.setdefault(find(("i", c.item)), []).append(c)
    return groups.values()


_CREDIT_UNITS = 10**6  # credit is compared exactly in millionths of a weight unit
_BONUS_SCALE = 10**13  # above any possible sum of closeness tie-breakers
_REQUIRED_SCALE = 10**26  # above any possible sum of bonus credit


def _pair(prepared: PreparedKey, candidates: list[_Candidate]) -> list[_Candidate]:
    """The one-to-one pairing with lexicographically best (required, bonus, closeness)."""
    chosen: list[_Candidate] = []
    for component in _components(candidates):
        if len(component) == 1:
            chosen.append(component[0])
            continue
        items = sorted({c.item for c in component})
        marks = sorted({c.mark for c in component})
        row = {item: r for r, item in enumerate(items)}
        col = {mark: k for k, mark in enumerate(marks)}
        weights = [[0] * len(marks) for _ in items]
        by_cell: dict[tuple[int, int], _Candidate] = {}
        for c in component:
            credit = round(c.credit * _CREDIT_UNITS)
            required = prepared.items[c.item].required
            primary = credit if required else 0
            secondary = 0 if required else credit
            closeness = round(c.jaccard * 1000) + 1
            weights[row[c.item]][col[c.mark]] = (
                primary * _REQUIRED_SCALE + secondary * _BONUS_SCALE + closeness
            )
            by_cell[row[c.item], col[c.mark]] = c
        chosen.extend(by_cell[cell] for cell in max_weight_assignment(weights))
    return chosen


def grade(prepared: PreparedKey, marks: Sequence[Mark]) -> GradeResult:
    """Compare `marks` with the key. The order of `marks` never changes the result."""
    text = prepared.text
    trimmed = sorted(
        (
            (trim_span(text, m.start, m.end) if text is not None else (m.start, m.end), m)
            for m in marks
        ),
        key=lambda pair: (pair[0], pair[1].category, pair[1].id),
    )
    marks = [m for _, m in trimmed]
    mark_spans = [span for span, _ in trimmed]
    candidates = _candidates(prepared, marks, mark_spans)
    pairs = {c.item: c for c in _pair(prepared, candidates)}
    paired_marks = {c.mark: c.item for c in pairs.values()}
    nearest: dict[int, _Candidate] = {}
    for c in candidates:
        if c.mark not in paired_marks and (
            c.mark not in nearest or c.jaccard > nearest[c.mark].jaccard
        ):
            nearest[c.mark] = c

    item_results = []
    earned = bonus_earned = 0.0
    for index, item in enumerate(prepared.items):
        pair = pairs.get(index)
        if pair is None:
            outcome = Outcome.MISSED
            result = ItemResult(item.id, outcome, 0.0, item.weight, item.required, item.category)
        else:
            if pair.relation is not SpanRelation.MATCH:
                outcome = Outcome.IMPRECISE
            elif pair.category_credit == 1.0:
                outcome = Outcome.FOUND
            else:
                outcome = Outcome.MISLABELED
            mark = marks[pair.mark]
            result = ItemResult(
                item.id,
                outcome,
                pair.credit,
                item.weight,
                item.required,
                item.category,
                mark.id,
                mark.category,
                pair.category_credit,
                pair.jaccard,
                pair.relation,
            )
        if item.required:
            earned += result.credit
        else:
            bonus_earned += result.credit
        item_results.append(result)

    item_ids = [item.id for item in prepared.items]
    mark_results = tuple(
        MarkResult(
            m.id,
            item_ids[paired_marks[i]] if i in paired_marks else None,
            item_ids[nearest[i].item] if i in nearest else None,
        )
        for i, m in enumerate(marks)
    )
    extras = len(marks) - len(paired_marks) - len(nearest)
    penalty = prepared.settings.extra_mark_penalty * extras
    possible = prepared.possible
    score = 100.0 * max(0.0, earned - penalty) / possible if possible else 100.0
    spans, labelled, per_category, per_group = _statistics(prepared, marks, pairs.values())
    return GradeResult(
        score=round(score, 6),
        earned=earned,
        possible=possible,
        bonus_earned=bonus_earned,
        bonus_possible=prepared.bonus_possible,
        penalty=penalty,
        items=tuple(item_results),
        marks=mark_results,
        spans=spans,
        labelled=labelled,
        per_category=per_category,
        per_group=per_group,
    )


def _statistics(
    prepared: PreparedKey, marks: Sequence[Mark], pairs: Iterable[_Candidate]
) -> tuple[PRF, PRF, dict[str, PRF], dict[str, PRF]]:
    """Precision/recall/F1 overall (by span, and by span and label), per category, per group."""
    matched = [p for p in pairs if p.relation is SpanRelation.MATCH]
    labelled_hits = [p for p in matched if p.category_credit == 1.0]
    n_items, n_marks = len(prepared.items), len(marks)
    spans = PRF.from_counts(len(matched), n_marks, len(matched), n_items)
    labelled = PRF.from_counts(len(labelled_hits), n_marks, len(labelled_hits), n_items)

    item_category = [item.category for item in prepared.items]
    marks_c = Counter(m.category for m in marks)
    items_c = Counter(item_category)
    correct_c = Counter(marks[p.mark].category for p in labelled_hits)
    found_c = Counter(item_category[p.item] for p in labelled_hits)
    per_category = {
        category: PRF.from_counts(
            correct_c[category], marks_c[category], found_c[category], items_c[category]
        )
        for category in sorted(marks_c.keys() | items_c.keys())
    }

    mark_groups = [prepared.group_of(m.category) for m in marks]
    marks_g = Counter(mark_groups)
    items_g = Counter(prepared.groups)
    hits_g = Counter(
        mark_groups[p.mark] for p in matched if mark_groups[p.mark] is prepared.groups[p.item]
    )
    per_group = {
        group.value: PRF.from_counts(hits_g[group], marks_g[group], hits_g[group], items_g[group])
        for group in Group
    }
    return spans, labelled, per_category, per_group


def grade_marks(
    key: AnswerKey, marks: Sequence[Mark], taxonomy: Taxonomy, text: str | None = None
) -> GradeResult:
    """One-off convenience: prepare the key and grade one set of marks."""
    return grade(PreparedKey(key, taxonomy, text), marks)
