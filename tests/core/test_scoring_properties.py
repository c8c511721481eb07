"""Properties the classroom metric must hold for any key and any marks (Hypothesis)."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from literacy_app.core.key import AnswerKey
from literacy_app.core.marks import Mark
from literacy_app.core.prepared_key import spanned_items as _spanned_items
from literacy_app.core.scoring import PreparedKey, grade_marks
from literacy_app.core.text import trim_span
from tests.core.scoring_helpers import TAXONOMY, key_of, marks_of

CATEGORIES = ["loaded_language", "name_calling", "vague_attribution", "unsourced_figure"]
WORDS = ["alpha", "beta", "gamma", "delta", "eps"]
SEPARATORS = [" ", ", ", ". ", " “", "” ", " - "]


@st.composite
def texts(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A text of words and separators, and the (start, end) of each word."""
    count = draw(st.integers(min_value=3, max_value=30))
    text, words = "", []
    for _ in range(count):
        text += draw(st.sampled_from(SEPARATORS))
        word = draw(st.sampled_from(WORDS))
        words.append((len(text), len(text) + len(word)))
        text += word
    return text + ".", words


@st.composite
def word_spans(
    draw: st.DrawFn, words: list[tuple[int, int]], max_count: int
) -> list[tuple[int, int, str]]:
    spans = []
    for _ in range(draw(st.integers(min_value=0, max_value=max_count))):
        first = draw(st.integers(min_value=0, max_value=len(words) - 1))
        last = draw(st.integers(min_value=first, max_value=min(first + 3, len(words) - 1)))
        spans.append((words[first][0], words[last][1], draw(st.sampled_from(CATEGORIES))))
    return spans


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, AnswerKey, list[Mark]]:
    text, words = draw(texts())
    key_spans = draw(word_spans(words, 6))
    required = [draw(st.booleans()) or i == 0 for i in range(len(key_spans))]
    weights = [draw(st.sampled_from([1.0, 2.0, 0.5])) for _ in key_spans]
    key = key_of(
        key_spans,
        required=required,
        weights=weights,
        extra_mark_penalty=draw(st.sampled_from([0.0, 0.25, 0.5])),
        hedge_penalty=draw(st.sampled_from([0.0, 0.5, 1.0])),
    )
    marks = marks_of(draw(word_spans(words, 8)))
    return text, key, marks


def _perfect(key: AnswerKey) -> list[Mark]:
    return [Mark(f"p{i.id}", i.start, i.end, i.category) for i in key.items]


@given(cases())
def test_perfect_submission_scores_100(case: tuple[str, AnswerKey, list[Mark]]) -> None:
    text, key, _ = case
    result = grade_marks(key, _perfect(key), TAXONOMY, text)
    assert result.score == 100.0
    assert result.bonus_earned == result.bonus_possible


@given(cases())
def test_empty_submission_scores_0(case: tuple[str, AnswerKey, list[Mark]]) -> None:
    text, key, _ = case
    result = grade_marks(key, [], TAXONOMY, text)
    assert result.score == (100.0 if result.possible == 0 else 0.0)


@given(cases(), st.randoms(use_true_random=False))
def test_order_of_marks_never_changes_the_result(
    case: tuple[str, AnswerKey, list[Mark]], rng: random.Random
) -> None:
    text, key, marks = case
    shuffled = list(marks)
    rng.shuffle(shuffled)
    assert grade_marks(key, marks, TAXONOMY, text) == grade_marks(key, shuffled, TAXONOMY, text)


@given(cases(), st.data())
def test_edge_whitespace_and_punctuation_never_change_it(
    case: tuple[str, AnswerKey, list[Mark]], data: st.DataObject
) -> None:
    text, key, marks = case
    widened = []
    for mark in marks:
        start, end = mark.start, mark.end
        # grow over separator characters only (spaces, commas, quotes, dashes, full stops)
        while start > 0 and not text[start - 1].isalnum() and data.draw(st.booleans()):
            start -= 1
        while end < len(text) and not text[end].isalnum() and data.draw(st.booleans()):
            end += 1
        assert trim_span(text, start, end) == (mark.start, mark.end)
        widened.append(Mark(mark.id, start, end, mark.category))
    before = grade_marks(key, marks, TAXONOMY, text)
    after = grade_marks(key, widened, TAXONOMY, text)
    assert after.score == before.score
    assert after.items == before.items


@given(cases(), st.data())
def test_adding_a_correct_mark_never_lowers_the_score(
    case: tuple[str, AnswerKey, list[Mark]], data: st.DataObject
) -> None:
    """A mark on an item that no mark touches yet can only help (hedges may cost; finds never)."""
    text, key, marks = case
    if not key.items:
        return
    item = data.draw(st.sampled_from(key.items))
    if any(m.overlaps(item.start, item.end) for m in marks):
        return  # a second mark on a passage already marked is a hedge, which may cost
    before = grade_marks(key, marks, TAXONOMY, text)
    added = [*marks, Mark("new", item.start, item.end, item.category)]
    after = grade_marks(key, added, TAXONOMY, text)
    assert after.score >= before.score
    assert after.earned + after.bonus_earned >= before.earned + before.bonus_earned - 1e-9


@given(cases(), st.data())
def test_a_hedge_never_raises_the_score(
    case: tuple[str, AnswerKey, list[Mark]], data: st.DataObject
) -> None:
    """The same passage marked again, in any category, never earns more: one item, one credit."""
    text, key, marks = case
    if not marks:
        return
    if key.scoring.hedge_penalty < 1.0:
        return  # a key may make hedges cheap; the default (1.0) makes them never pay
    copied = data.draw(st.sampled_from(marks))
    if sum(1 for item in key.items if copied.overlaps(item.start, item.end)) > 1:
        return  # two items on one passage: a second mark there may be a second find
    category = data.draw(st.sampled_from(CATEGORIES))
    before = grade_marks(key, marks, TAXONOMY, text)
    after = grade_marks(
        key, [*marks, Mark("hedge", copied.start, copied.end, category)], TAXONOMY, text
    )
    assert after.score <= before.score
    if key.scoring.extra_mark_penalty > 0 and category == copied.category:
        assert after.extra_marks == before.extra_marks + 1


@given(cases())
def test_pairing_is_consistent(case: tuple[str, AnswerKey, list[Mark]]) -> None:
    """Items and marks tell the same story, and the penalty counts exactly the unpaired claims."""
    text, key, marks = case
    result = grade_marks(key, marks, TAXONOMY, text)
    by_mark = {m.mark_id: m for m in result.marks}
    credited: dict[str, set[str]] = {}
    for item in result.items:
        for mark_id in item.mark_ids:
            credited.setdefault(mark_id, set()).add(item.item_id)
            assert item.item_id in by_mark[mark_id].item_ids
    for mark in result.marks:
        assert set(mark.item_ids) == credited.get(mark.mark_id, set())
        assert mark.in_key or mark.extra >= 1
    assert result.extra_marks == sum(m.extra for m in result.marks)
    assert result.penalty == pytest.approx(sum(m.penalty for m in result.marks))
    strays = [m for m in result.marks if m.extra and m.near_item_id is None and not m.in_key]
    free = int(key.scoring.free_extra_marks * len(key.items))
    assert sum(m.penalty for m in strays) == pytest.approx(
        max(0, len(strays) - free) * key.scoring.extra_mark_penalty
    )
    assert 0.0 <= result.score <= 100.0


@settings(max_examples=60)
@given(cases())
def test_pairing_is_optimal_against_brute_force(case: tuple[str, AnswerKey, list[Mark]]) -> None:
    """No other one-to-one pairing gives a better score (checked exhaustively).

    Marks made of two items make claims a one-mark-one-item search cannot see; those cases are
    left to the example tests.
    """
    text, key, marks = case
    if len(marks) > 6:
        marks = marks[:6]
    prepared = PreparedKey(key, TAXONOMY, text)
    if any(_spanned_items(prepared, trim_span(text, m.start, m.end)) for m in marks):
        return
    result = grade_marks(key, marks, TAXONOMY, text)
    settings_ = key.scoring
    singles = {}
    for mark in marks:
        for index, item in enumerate(key.items):
            one = grade_marks(AnswerKey((item,), scoring=key.scoring), [mark], TAXONOMY, text)
            if one.items[0].mark_id:
                singles[mark.id, index] = one.items[0].credit if item.required else 0.0

    def unpaired_cost(mark: Mark) -> float:
        worth = [key.items[i].weight for (m, i) in singles if m == mark.id]
        return settings_.hedge_penalty * max(worth) if worth else settings_.extra_mark_penalty

    best = -1e9
    n_items = len(key.items)
    for chosen in itertools.product([None, *range(n_items)], repeat=len(marks)):
        used = [c for c in chosen if c is not None]
        if len(used) != len(set(used)):
            continue
        total = sum(
            singles.get((m.id, c), -1e9) if c is not None else -unpaired_cost(m)
            for m, c in zip(marks, chosen, strict=True)
        )
        best = max(best, total)
    assert result.earned - result.penalty >= best - 1e-9
