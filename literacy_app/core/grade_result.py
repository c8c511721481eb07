"""What grading says (core/scoring.py computes it): each key item's outcome with the student's
mark and the instructor's rationale at hand, each mark's fate (which item it found, what it
cost), precision, recall and F1, and the score. Plain data, shared by the results panel, the
reports and the class statistics.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum


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
    part_mark_ids: tuple[str, ...] = ()  # the other marks of an item found in parts
    parts_found: int = 0
    parts: int = 0  # 0: the item is not made of parts

    @property
    def mark_ids(self) -> list[str]:
        return [self.mark_id, *self.part_mark_ids] if self.mark_id else []


@dataclass(frozen=True, slots=True)
class MarkResult:
    mark_id: str
    item_id: str | None  # None: not paired with any item
    near_item_id: str | None = None  # unpaired, but overlaps this item (credited to another mark)
    also_item_ids: tuple[str, ...] = ()  # a mark spanning several items: the others it found
    extra: int = 0  # how many of this mark's claims went unpaired
    penalty: float = 0.0  # what they cost, in weight units

    @property
    def in_key(self) -> bool:
        return self.item_id is not None

    @property
    def item_ids(self) -> tuple[str, ...]:
        return (self.item_id, *self.also_item_ids) if self.item_id else ()


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
    extra_marks: int = 0  # unpaired claims, each costing the penalty
    # The hints the student used and what the lesson's hint_penalty takes for them: `score`
    # stays the key's verdict on the marks; `final_score` is what the student and the
    # gradebook are given.
    hints_used: int = 0
    hint_deduction: float = 0.0

    @property
    def final_score(self) -> float:
        return max(0.0, self.score - self.hint_deduction)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for item in self.items if item.outcome is outcome)

    @property
    def not_in_key(self) -> int:
        return sum(1 for mark in self.marks if not mark.in_key)

    def counts(self) -> dict[str, int]:
        tally = Counter(item.outcome for item in self.items)  # one pass: a gradebook row each
        result = {outcome.value: tally[outcome] for outcome in Outcome}
        result["not_in_key"] = self.not_in_key
        result["extra"] = self.extra_marks
        return result
