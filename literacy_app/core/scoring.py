"""The classroom metric: how a student's marks compare with the instructor's key.

Rules (docs/scoring.md has worked examples and the table of gaming strategies):

* spans are compared after trimming whitespace and edge punctuation (`text.trim_span`);
* a mark *matches* an item when its overlap (Jaccard) with the item's span, or with one of the
  item's alternatives, reaches the key's threshold, or when it covers the item's core without
  leaving the item; otherwise an overlapping mark is *imprecise* and its credit is multiplied down;
* the category earns full credit when the key accepts it, partial credit within the same group,
  a little across groups;
* a mark made mostly of two or more separate items (`Fake “Proxy Invasion of Russia”`) is a mark
  on each of them; an item made of parts (a repetition) takes one mark per part, each earning
  its share, and a mark on the whole item covers every part;
* marks and items are paired one to one so that the score is maximal, then credit on bonus items,
  then closeness of spans (an exact assignment, so ties never depend on order);
* one item, one credit: a mark left unpaired costs a penalty: `hedge_penalty` times the item's
  weight when it overlaps an item another mark was paired with (a hedge: another category or
  another span for a passage already marked); marks touching no item are free up to a quarter
  of the key's item count (keys are never complete) and cost `extra_mark_penalty` beyond.
  So hedging never pays, while a mark on an item nobody has marked yet never lowers the score.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from literacy_app.core.assignment import max_weight_assignment
from literacy_app.core.grade_result import PRF as PRF
from literacy_app.core.grade_result import GradeResult as GradeResult
from literacy_app.core.grade_result import ItemResult as ItemResult
from literacy_app.core.grade_result import MarkResult as MarkResult
from literacy_app.core.grade_result import Outcome as Outcome
from literacy_app.core.grade_result import SpanRelation as SpanRelation
from literacy_app.core.key import AnswerKey
from literacy_app.core.marks import Mark
from literacy_app.core.prepared_key import PreparedKey as PreparedKey
from literacy_app.core.prepared_key import (
    jaccard_of,
    relation_of,
    spanned_items,
)
from literacy_app.core.taxonomy import Group, Taxonomy
from literacy_app.core.text import trim_span

Range = tuple[int, int]


class _Candidate(NamedTuple):
    """One way a slot could be paired with a row (a tuple: grading makes thousands a second)."""

    row: int
    slot: int
    jaccard: float
    relation: SpanRelation
    category_credit: float
    credit: float


@dataclass
class _Slots:
    """Each mark becomes one or more slots; a slot is one claim, paired with at most one row."""

    owner: list[int] = field(default_factory=list)  # slot -> mark
    cost: list[float] = field(default_factory=list)  # slot -> what leaving it unpaired costs
    candidates: list[_Candidate] = field(default_factory=list)


def _claims(prepared: PreparedKey, marks: Sequence[Mark], spans: list[Range]) -> _Slots:
    """Every claim each mark makes and every row it could be paired with.

    What a mark claims depends only on its span and category, and a class marks the same
    passages over and over: each (span, category) is worked out once per prepared key
    (`_claims_of`), and each mark then only takes its slots."""
    slots = _Slots()
    cache = prepared.claim_cache
    owner = slots.owner
    candidates = slots.candidates
    for mark_index, span in enumerate(spans):
        category = marks[mark_index].category
        known = cache.get((span, category))
        if known is None:
            known = _claims_of(prepared, span, category)
            if len(cache) >= _CLAIM_CACHE_SIZE:
                cache.clear()  # a bound on memory; a class rarely gets near it
            cache[(span, category)] = known
        for claim in known:
            slot = len(owner)
            owner.append(mark_index)
            candidates += [
                _Candidate(row, slot, jaccard, relation, category_credit, credit)
                for row, jaccard, relation, category_credit, credit in claim
            ]
    _price(prepared, slots)
    return slots


_CLAIM_CACHE_SIZE = 200_000
Claim = tuple[tuple[int, float, SpanRelation, float, float], ...]  # one slot's candidates


def _claims_of(prepared: PreparedKey, span: Range, category: str) -> tuple[Claim, ...]:
    """The claims one mark with this span and category makes: one per slot, each the rows it
    could be paired with (row, jaccard, relation, category credit, credit)."""
    threshold = prepared.settings.match_threshold
    rows = prepared.rows
    near = prepared.rows_near(span)
    related = [(r, *relation_of(rows[r], span, threshold)) for r in near]
    if prepared.has_parts:
        spanned = spanned_items(prepared, span)
        whole = [
            i
            for i in sorted({rows[r].item for r in near})
            if prepared.items[i].parts
            and any(jaccard_of(s, span) >= threshold for s in prepared.whole[i])
        ]
    else:
        # Without parts every item is one row whose hull holds the item's span, so a mark
        # near fewer than two rows is near fewer than two items and spans none of them.
        spanned = spanned_items(prepared, span) if len(near) > 1 else []
        whole = []
    if spanned or (whole and not any(rel is SpanRelation.MATCH for _, rel, _ in related)):
        return tuple(
            (
                _candidate(
                    prepared,
                    r,
                    category,
                    SpanRelation.MATCH,
                    max(jaccard_of(s, span) for s in rows[r].matches),
                ),
            )
            for item in spanned or whole[:1]
            for r in prepared.rows_of[item]
        )
    return (
        tuple(
            _candidate(prepared, r, category, relation, jaccard) for r, relation, jaccard in related
        ),
    )


def _price(prepared: PreparedKey, slots: _Slots) -> None:
    """What each claim costs if it is left unpaired.

    A claim that touches an item can only be unpaired because a better claim has that item: it
    is a hedge, and costs `hedge_penalty` times the most the item (or part) is worth. Claims
    touching nothing are never paired: keys are never complete, so a few of them
    (`free_extra_marks` times the number of items) are free and each one beyond costs
    `extra_mark_penalty`, shared evenly among them. Either way the price is fixed before
    pairing, so the pairing that maximises the score is still an exact assignment.
    """
    settings = prepared.settings
    worth = [0.0] * len(slots.owner)
    row_weight = prepared.row_weight  # an item's weight times the row's share of it
    for c in slots.candidates:
        if row_weight[c.row] > worth[c.slot]:
            worth[c.slot] = row_weight[c.row]
    strays = worth.count(0.0)
    free = int(settings.free_extra_marks * len(prepared.items))
    stray_cost = max(0, strays - free) * settings.extra_mark_penalty / strays if strays else 0.0
    slots.cost = [settings.hedge_penalty * value if value else stray_cost for value in worth]


def _candidate(
    prepared: PreparedKey,
    row: int,
    category: str,
    relation: SpanRelation,
    jaccard: float,
) -> tuple[int, float, SpanRelation, float, float]:
    category_credit = prepared.category_credit(prepared.rows[row].item, category)
    settings = prepared.settings
    if relation is SpanRelation.MATCH:
        multiplier = 1.0
    elif relation is SpanRelation.TOO_NARROW or jaccard >= settings.near_miss_threshold:
        multiplier = settings.imprecise_multiplier
    else:
        multiplier = 0.0  # far too broad, or barely touching: feedback, but no credit
    return (
        row,
        jaccard,
        relation,
        category_credit,
        prepared.row_weight[row] * category_credit * multiplier,
    )


def _components(prepared: PreparedKey, slots: _Slots) -> Iterable[list[_Candidate]]:
    """Connected groups of the overlap graph; each is solved on its own.

    Nodes are rows (0 .. rows - 1) then slots (rows + slot), so that, as before, a group's
    root is its smallest row."""
    candidates = slots.candidates
    offset = len(prepared.rows)
    parent = list(range(offset + len(slots.owner)))

    def find(node: int) -> int:
        root = node
        while parent[root] != root:
            root = parent[root]
        while parent[node] != root:
            parent[node], node = root, parent[node]
        return root

    for c in candidates:
        a, b = find(c.row), find(offset + c.slot)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[_Candidate]] = {}
    for c in candidates:
        groups.setdefault(find(c.row), []).append(c)
    return groups.values()


_CREDIT_UNITS = 10**6  # credit is compared exactly in millionths of a weight unit
_BONUS_SCALE = 10**13  # above any possible sum of closeness tie-breakers
_SCORE_SCALE = 10**26  # above any possible sum of bonus credit


def _pair(prepared: PreparedKey, slots: _Slots) -> list[_Candidate]:
    """The one-to-one pairing with lexicographically best (score, bonus credit, closeness).

    The score counts required credit minus the price of every unpaired slot, so every pair is
    also worth the price it saves.
    """
    saved = [round(cost * _CREDIT_UNITS) for cost in slots.cost]
    chosen: list[_Candidate] = []
    for component in _components(prepared, slots):
        if len(component) == 1:
            chosen.append(component[0])
            continue
        rows = sorted({c.row for c in component})
        columns = sorted({c.slot for c in component})
        row_at = {row: r for r, row in enumerate(rows)}
        col_at = {slot: k for k, slot in enumerate(columns)}
        weights = [[0] * len(columns) for _ in rows]
        by_cell: dict[tuple[int, int], _Candidate] = {}
        for c in component:
            credit = round(c.credit * _CREDIT_UNITS)
            required = prepared.row_required[c.row]
            primary = (credit if required else 0) + saved[c.slot]
            secondary = 0 if required else credit
            closeness = round(c.jaccard * 1000) + 1
            cell = row_at[c.row], col_at[c.slot]
            weights[cell[0]][cell[1]] = (
                primary * _SCORE_SCALE + secondary * _BONUS_SCALE + closeness
            )
            by_cell[cell] = c
        chosen.extend(by_cell[cell] for cell in max_weight_assignment(weights))
    return chosen


def grade(prepared: PreparedKey, marks: Sequence[Mark], breakdown: bool = True) -> GradeResult:
    """Compare `marks` with the key. The order of `marks` never changes the result.

    `breakdown=False` leaves the per-category and per-group figures empty: a class review of
    thousands shows none of them, and they were a sixth of each grade."""
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
    slots = _claims(prepared, marks, mark_spans)
    pairs = _pair(prepared, slots)
    paired_slots = {c.slot for c in pairs}

    # Every item starts missed (one shared result each); only the items a pair reached are
    # worked out, each with its pairs in row order (a row is paired at most once).
    item_results = list(prepared.missed)
    by_item: dict[int, list[_Candidate]] = {}
    rows = prepared.rows
    for c in sorted(pairs, key=lambda c: c.row):
        by_item.setdefault(rows[c.row].item, []).append(c)
    for index, its_pairs in by_item.items():
        item_results[index] = _item_result(prepared, index, its_pairs, marks, slots)
    earned = sum(r.credit for r in item_results if r.required)
    bonus_earned = sum(r.credit for r in item_results if not r.required)
    mark_results = _mark_results(prepared, marks, slots, pairs, paired_slots)
    unpaired = [slot for slot in range(len(slots.owner)) if slot not in paired_slots]
    extras = len(unpaired)
    penalty = sum(slots.cost[slot] for slot in unpaired)
    possible = prepared.possible
    score = 100.0 * max(0.0, earned - penalty) / possible if possible else 100.0
    spans, labelled, per_category, per_group = _statistics(prepared, marks, item_results, breakdown)
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
        extra_marks=extras,
    )


def _item_result(
    prepared: PreparedKey,
    index: int,
    pairs: list[_Candidate],
    marks: Sequence[Mark],
    slots: _Slots,
) -> ItemResult:
    if not pairs:
        return prepared.missed[index]
    item = prepared.items[index]
    n_parts = len(item.parts)
    if len(pairs) == 1:  # most items: one mark on one row
        return _one_pair(prepared, index, pairs[0], marks, slots)
    pairs = sorted(pairs, key=lambda c: c.row)
    all_rows = len(pairs) == len(prepared.rows_of[index])
    matched = all_rows and all(c.relation is SpanRelation.MATCH for c in pairs)
    category_credit = min(c.category_credit for c in pairs)
    if not matched:
        outcome = Outcome.IMPRECISE
    elif category_credit == 1.0:
        outcome = Outcome.FOUND
    else:
        outcome = Outcome.MISLABELED
    relation: SpanRelation | None = next(
        (c.relation for c in pairs if c.relation is not SpanRelation.MATCH), None
    )
    if relation is None:
        relation = SpanRelation.MATCH if all_rows else SpanRelation.TOO_NARROW
    mark_ids = list(dict.fromkeys(marks[slots.owner[c.slot]].id for c in pairs))
    first = marks[slots.owner[pairs[0].slot]]
    return ItemResult(
        item.id,
        outcome,
        sum(c.credit for c in pairs),
        item.weight,
        item.required,
        item.category,
        first.id,
        first.category,
        category_credit,
        min(c.jaccard for c in pairs),
        relation,
        tuple(mark_ids[1:]),
        parts_found=len(pairs) if n_parts else 0,
        parts=n_parts,
    )


def _one_pair(
    prepared: PreparedKey, index: int, pair: _Candidate, marks: Sequence[Mark], slots: _Slots
) -> ItemResult:
    """`_item_result` for an item with a single pair, without the sorting and sums."""
    item = prepared.items[index]
    n_parts = len(item.parts)
    all_rows = len(prepared.rows_of[index]) == 1
    relation = pair.relation
    category_credit = pair.category_credit
    if not (all_rows and relation is SpanRelation.MATCH):
        outcome = Outcome.IMPRECISE
    elif category_credit == 1.0:
        outcome = Outcome.FOUND
    else:
        outcome = Outcome.MISLABELED
    if relation is SpanRelation.MATCH:
        relation = SpanRelation.MATCH if all_rows else SpanRelation.TOO_NARROW
    first = marks[slots.owner[pair.slot]]
    return ItemResult(
        item.id,
        outcome,
        pair.credit,
        item.weight,
        item.required,
        item.category,
        first.id,
        first.category,
        category_credit,
        pair.jaccard,
        relation,
        (),
        parts_found=1 if n_parts else 0,
        parts=n_parts,
    )


def _mark_results(
    prepared: PreparedKey,
    marks: Sequence[Mark],
    slots: _Slots,
    pairs: list[_Candidate],
    paired_slots: set[int],
) -> tuple[MarkResult, ...]:
    item_ids = prepared.item_ids
    rows = prepared.rows
    owner = slots.owner
    found: dict[int, list[str]] = {}
    for c in sorted(pairs, key=lambda c: (c.slot, c.row)):
        item_id = item_ids[rows[c.row].item]
        ids = found.setdefault(owner[c.slot], [])
        if item_id not in ids:
            ids.append(item_id)
    nearest: dict[int, _Candidate] = {}
    for c in slots.candidates:
        mark = owner[c.slot]
        if mark not in found and (mark not in nearest or c.jaccard > nearest[mark].jaccard):
            nearest[mark] = c
    unpaired = [0] * len(marks)
    cost: dict[int, float] = {}
    for slot, mark in enumerate(owner):
        if slot not in paired_slots:
            unpaired[mark] += 1
            cost[mark] = cost.get(mark, 0.0) + slots.cost[slot]
    results = []
    for i, m in enumerate(marks):
        paired = found.get(i)
        near = item_ids[rows[nearest[i].row].item] if i in nearest else None
        results.append(
            MarkResult(
                m.id,
                paired[0] if paired else None,
                near,
                tuple(paired[1:]) if paired else (),
                unpaired[i],
                cost.get(i, 0.0),
            )
        )
    return tuple(results)


def _statistics(
    prepared: PreparedKey,
    marks: Sequence[Mark],
    items: Sequence[ItemResult],
    breakdown: bool = True,
) -> tuple[PRF, PRF, dict[str, PRF], dict[str, PRF]]:
    """Precision/recall/F1 overall (by span, and by span and label), per category, per group."""
    matched = [r for r in items if r.outcome in (Outcome.FOUND, Outcome.MISLABELED)]
    found = [r for r in items if r.outcome is Outcome.FOUND]
    matched_marks = {m for r in matched for m in r.mark_ids}
    found_marks = {m for r in found for m in r.mark_ids}
    n_items, n_marks = len(items), len(marks)
    spans = PRF.from_counts(len(matched_marks), n_marks, len(matched), n_items)
    labelled = PRF.from_counts(len(found_marks), n_marks, len(found), n_items)
    if not breakdown:
        return spans, labelled, {}, {}

    category_of = {m.id: m.category for m in marks}
    marks_c = Counter(m.category for m in marks)
    items_c = prepared.items_by_category
    correct_c = Counter(category_of[m] for m in found_marks)
    found_c = Counter(r.category for r in found)
    per_category = {
        category: PRF.from_counts(
            correct_c[category], marks_c[category], found_c[category], items_c[category]
        )
        for category in sorted(marks_c.keys() | items_c.keys())
    }

    group_of_mark = {m.id: prepared.group_of(m.category) for m in marks}
    marks_g = Counter(group_of_mark.values())
    items_g = prepared.items_by_group
    hits_g = Counter(
        prepared.groups[index]
        for index, r in enumerate(items)
        if r.outcome in (Outcome.FOUND, Outcome.MISLABELED)
        and all(group_of_mark[m] is prepared.groups[index] for m in r.mark_ids)
    )
    per_group = {
        group.value: PRF.from_counts(hits_g[group], marks_g[group], hits_g[group], items_g[group])
        for group in Group
    }
    return spans, labelled, per_category, per_group


def charged(result: GradeResult, hints_used: int, hint_penalty: float) -> GradeResult:
    """`result` with what the hints used cost in a lesson that charges for them: the one place
    the charge is made, for the student's window, the gradebook and every report alike."""
    if not (hints_used and hint_penalty):
        return result
    return replace(result, hints_used=hints_used, hint_deduction=hint_penalty * hints_used)


def grade_marks(
    key: AnswerKey, marks: Sequence[Mark], taxonomy: Taxonomy, text: str | None = None
) -> GradeResult:
    """One-off convenience: prepare the key and grade one set of marks."""
    return grade(PreparedKey(key, taxonomy, text), marks)
