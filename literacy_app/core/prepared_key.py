"""The key as grading reads it: each item's rows (the whole item, or each of its parts), its
core and alternatives, the scoring settings, and how a mark's span relates to a row (exact,
too broad, too narrow, overlapping) or joins adjacent items. Prepared once per key and
lesson; core/scoring.py pairs marks with it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from literacy_app.core.grade_result import ItemResult, Outcome, SpanRelation
from literacy_app.core.key import AnswerKey, KeyItem, ScoringSettings
from literacy_app.core.taxonomy import Group, Taxonomy
from literacy_app.core.text import trim_span

Range = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Row:
    """What one mark may be paired with: a whole item, or one part of an item made of parts."""

    item: int
    share: float  # the fraction of the item's weight this row carries
    target: Range  # the span the relation (too broad, too narrow...) is judged against
    matches: tuple[Range, ...]  # a mark with Jaccard >= threshold against one of these matches
    core: Range | None  # a mark covering this without leaving `target` matches too
    hull: Range  # everything above, for finding candidates


def jaccard_of(a: Range, b: Range) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def overlap_of(a: Range, b: Range) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


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
        self.rows: list[Row] = []
        self.rows_of: list[list[int]] = []  # item -> its rows
        self.whole: list[tuple[Range, ...]] = []  # item -> spans a mark on the whole may match
        for index, item in enumerate(key.items):
            main = self.spans[index]
            alternatives = tuple(self._trim(a.start, a.end) for a in item.alternatives)
            self.whole.append((main, *alternatives))
            first = len(self.rows)
            if item.parts:
                share = 1.0 / len(item.parts)
                for part in item.parts:
                    span = self._trim(part.start, part.end)
                    self.rows.append(Row(index, share, span, (span,), None, span))
            else:
                core = self._trim(item.core.start, item.core.end) if item.core else None
                spans = (main, *alternatives)
                hull = (min(s for s, _ in spans), max(e for _, e in spans))
                self.rows.append(Row(index, 1.0, main, spans, core, hull))
            self.rows_of.append(list(range(first, len(self.rows))))
        # A class is graded against one key: what every mark looks up is worked out here once.
        self.has_parts = any(item.parts for item in key.items)
        self.item_ids = [item.id for item in key.items]
        self.items_by_category = Counter(item.category for item in key.items)
        self.items_by_group = Counter(self.groups)
        self.row_weight = [self.items[row.item].weight * row.share for row in self.rows]
        self.row_required = [self.items[row.item].required for row in self.rows]
        self.hulls = [row.hull for row in self.rows]
        self.by_start = sorted(range(len(self.rows)), key=lambda r: (self.rows[r].hull, r))
        self.starts = [self.rows[r].hull[0] for r in self.by_start]
        self.longest = max((e - s for s, e in (row.hull for row in self.rows)), default=0)
        self.items_by_start = sorted(range(len(self.items)), key=lambda i: (self.spans[i], i))
        self.item_starts = [self.spans[i][0] for i in self.items_by_start]
        self.longest_item = max((e - s for s, e in self.spans), default=0)
        self.possible = sum(item.weight for item in key.items if item.required)
        self.bonus_possible = sum(item.weight for item in key.items if not item.required)
        # (span, category) -> what a mark there claims: filled by scoring._claims
        self.claim_cache: dict[tuple[Range, str], Any] = {}
        # What grading gives an item nobody paired: the same for every student, and results are
        # immutable, so one per item (most of a class's items are missed by most students).
        self.missed = [
            ItemResult(
                item.id,
                Outcome.MISSED,
                0.0,
                item.weight,
                item.required,
                item.category,
                parts=len(item.parts),
            )
            for item in key.items
        ]

    def _trim(self, start: int, end: int) -> Range:
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

    def rows_near(self, span: Range) -> list[int]:
        """Rows whose hull overlaps `span`: hulls sorted by start, none longer than `longest`."""
        start, end = span
        low = bisect.bisect_right(self.starts, start - self.longest)
        high = bisect.bisect_left(self.starts, end)
        hulls = self.hulls
        return [r for r in self.by_start[low:high] if hulls[r][1] > start and hulls[r][0] < end]

    def items_near(self, span: Range) -> list[int]:
        start, end = span
        low = bisect.bisect_right(self.item_starts, start - self.longest_item)
        high = bisect.bisect_left(self.item_starts, end)
        spans = self.spans
        return [
            i for i in self.items_by_start[low:high] if spans[i][1] > start and spans[i][0] < end
        ]


def relation_of(row: Row, mark: Range, threshold: float) -> tuple[SpanRelation, float]:
    """How the mark sits against the row, and the Jaccard that decided it."""
    jaccard = max(jaccard_of(span, mark) for span in row.matches)
    if jaccard >= threshold:
        return SpanRelation.MATCH, jaccard
    target = row.target
    covers_core = row.core is not None and mark[0] <= row.core[0] and row.core[1] <= mark[1]
    if covers_core and target[0] <= mark[0] and mark[1] <= target[1]:
        assert row.core is not None
        return SpanRelation.MATCH, max(jaccard, jaccard_of(row.core, mark))
    if mark[0] <= target[0] and target[1] <= mark[1]:
        return SpanRelation.TOO_BROAD, jaccard
    if target[0] <= mark[0] and mark[1] <= target[1]:
        return SpanRelation.TOO_NARROW, jaccard
    return SpanRelation.OVERLAP, jaccard


WORD = re.compile(r"\w+")


def spanned_items(prepared: PreparedKey, span: Range) -> list[int]:
    """The separate items a mark is made of, when it is made of two or more adjacent items.

    An item counts when the mark holds at least `match_threshold` of it (or its whole core);
    overlapping items are resolved closest first, so a mark is never two claims on one passage
    and a mark on exactly one item is a mark on that item. Around and between the items there
    may be nothing but spaces, punctuation and single joining words ("Fake “Proxy Invasion”",
    "reckless and ruinous"): a sentence with two devices in it is one imprecise mark, not two
    finds.
    """
    threshold = prepared.settings.match_threshold
    held = []
    for index in prepared.items_near(span):
        item_span = prepared.spans[index]
        core = prepared.items[index].core
        inter = overlap_of(item_span, span)
        if inter >= threshold * (item_span[1] - item_span[0]) or (
            core is not None and span[0] <= core.start and core.end <= span[1]
        ):
            held.append(index)
    if len(held) < 2:
        return []
    chosen: list[int] = []
    closest_first = sorted(held, key=lambda i: (-jaccard_of(prepared.spans[i], span), i))
    for index in closest_first:
        if all(overlap_of(prepared.spans[index], prepared.spans[other]) == 0 for other in chosen):
            chosen.append(index)
    if len(chosen) < 2 or not only_joins(prepared.text, span, [prepared.spans[i] for i in chosen]):
        return []
    return sorted(chosen)


def only_joins(text: str | None, span: Range, items: list[Range]) -> bool:
    """True when what the mark holds outside `items` is at most one word in each gap."""
    position = span[0]
    gaps = []
    for start, end in sorted(items):
        gaps.append((position, max(position, start)))
        position = max(position, end)
    gaps.append((position, max(position, span[1])))
    if text is None:  # no words to count: only touching items are adjacent
        return all(end - start <= 1 for start, end in gaps)
    return all(len(WORD.findall(text[start:end])) <= 1 for start, end in gaps)
