from __future__ import annotations

import pytest

from literacy_app.core.key import AnswerKey, KeyItem, ScoringSettings, Span
from literacy_app.core.marks import Mark
from literacy_app.core.scoring import Outcome, PreparedKey, SpanRelation, grade, grade_marks
from tests.core.scoring_helpers import TAXONOMY, key_of, marks_of

TEXT = "The reckless plan will ruin the city, experts say, and 90% agree."
#       0123456789012345678901234567890123456789012345678901234567890123


def span(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


def test_exact_match_with_right_category_is_found_with_full_credit() -> None:
    key = key_of([(*span("reckless"), "loaded_language")])
    result = grade_marks(key, marks_of([(*span("reckless"), "loaded_language")]), TAXONOMY, TEXT)
    item = result.items[0]
    assert item.outcome is Outcome.FOUND
    assert item.credit == 1.0
    assert item.relation is SpanRelation.MATCH
    assert result.score == 100.0


@pytest.mark.parametrize(
    ("given", "credit", "outcome"),
    [
        ("exaggeration", 1.0, Outcome.FOUND),  # accepted alternative
        ("name_calling", 0.5, Outcome.MISLABELED),  # same group (framing)
        ("vague_attribution", 0.25, Outcome.MISLABELED),  # other group (claim)
    ],
)
def test_category_credit(given: str, credit: float, outcome: Outcome) -> None:
    key = key_of([(*span("ruin the city"), "appeal_to_fear")], also={0: ("exaggeration",)})
    result = grade_marks(key, marks_of([(*span("ruin the city"), given)]), TAXONOMY, TEXT)
    assert result.items[0].credit == pytest.approx(credit)
    assert result.items[0].outcome is outcome


def test_key_settings_change_the_credit() -> None:
    key = key_of([(*span("ruin the city"), "appeal_to_fear")], same_group_credit=0.8)
    result = grade_marks(
        key, marks_of([(*span("ruin the city"), "loaded_language")]), TAXONOMY, TEXT
    )
    assert result.items[0].credit == pytest.approx(0.8)


def test_too_broad_and_too_narrow_are_imprecise_with_multiplier() -> None:
    key = key_of([(*span("ruin the city"), "exaggeration")])
    broad = grade_marks(
        key,
        marks_of([(*span("The reckless plan will ruin the city"), "exaggeration")]),
        TAXONOMY,
        TEXT,
    )
    assert broad.items[0].outcome is Outcome.IMPRECISE
    assert broad.items[0].relation is SpanRelation.TOO_BROAD
    assert broad.items[0].credit == pytest.approx(0.5)
    narrow = grade_marks(key, marks_of([(*span("ruin"), "exaggeration")]), TAXONOMY, TEXT)
    assert narrow.items[0].relation is SpanRelation.TOO_NARROW
    assert narrow.items[0].outcome is Outcome.IMPRECISE


def test_jaccard_threshold_is_inclusive() -> None:
    # "ruin the" (8) inside "ruin the city" (13) -> 8/13 >= 0.5 match; "ruin" 4/13 not.
    key = key_of([(*span("ruin the city"), "exaggeration")])
    result = grade_marks(key, marks_of([(*span("ruin the"), "exaggeration")]), TAXONOMY, TEXT)
    assert result.items[0].outcome is Outcome.FOUND
    assert result.items[0].jaccard == pytest.approx(8 / 13)
    strict = key_of([(*span("ruin the city"), "exaggeration")], match_threshold=0.7)
    result = grade_marks(strict, marks_of([(*span("ruin the"), "exaggeration")]), TAXONOMY, TEXT)
    assert result.items[0].outcome is Outcome.IMPRECISE


def test_edge_whitespace_and_punctuation_are_trimmed_before_comparison() -> None:
    key = key_of([(*span("ruin the city"), "exaggeration")])
    start, end = span("ruin the city")
    result = grade_marks(key, marks_of([(start - 1, end + 2, "exaggeration")]), TAXONOMY, TEXT)
    assert result.items[0].jaccard == 1.0


def test_one_mark_cannot_earn_two_items() -> None:
    key = key_of(
        [(*span("reckless"), "loaded_language"), (*span("reckless plan"), "loaded_language")]
    )
    result = grade_marks(key, marks_of([(*span("reckless"), "loaded_language")]), TAXONOMY, TEXT)
    assert [i.outcome for i in result.items].count(Outcome.MISSED) == 1
    assert result.items[0].outcome is Outcome.FOUND  # the better pairing wins


def test_pairing_maximizes_total_credit_not_greedy() -> None:
    # m0 overlaps both items; m1 overlaps only item 0. Greedy (m0->k0) would leave k1 missed.
    key = key_of([(0, 10, "loaded_language"), (10, 20, "loaded_language")])
    marks = marks_of([(2, 12, "loaded_language"), (0, 8, "loaded_language")])
    result = grade_marks(key, marks, TAXONOMY, None)
    assert {i.item_id: i.mark_id for i in result.items} == {"k0": "m1", "k1": "m0"}


def test_required_items_are_preferred_over_bonus_items() -> None:
    key = key_of([(0, 10, "loaded_language"), (0, 10, "exaggeration")], required=[False, True])
    result = grade_marks(key, marks_of([(0, 10, "loaded_language")]), TAXONOMY, None)
    assert result.items[1].mark_id == "m0"  # half credit on the required item beats full bonus
    assert result.score == 50.0


def test_a_mark_outside_the_key_costs_the_penalty_and_none_without_one() -> None:
    marks = marks_of([(*span("reckless"), "loaded_language"), (*span("experts"), "doubt")])
    neutral = key_of([(*span("reckless"), "loaded_language")], extra_mark_penalty=0.0)
    assert grade_marks(neutral, marks, TAXONOMY, TEXT).score == 100.0
    penalised = key_of([(*span("reckless"), "loaded_language")], extra_mark_penalty=0.25)
    result = grade_marks(penalised, marks, TAXONOMY, TEXT)
    assert result.score == 75.0
    assert result.not_in_key == 1
    assert result.extra_marks == 1
    assert result.marks[1].item_id is None
    assert result.marks[1].extra == 1


def test_by_default_stray_marks_beyond_a_quarter_of_the_items_cost_an_item_each() -> None:
    items = ["reckless", "ruin the city", "experts say", "90%"]
    key = key_of([(*span(q), "loaded_language") for q in items])
    found = [(*span(q), "loaded_language") for q in items]
    one_stray = marks_of([*found, (*span("The"), "doubt")])
    assert grade_marks(key, one_stray, TAXONOMY, TEXT).score == 100.0  # keys are never complete
    two_strays = marks_of([*found, (*span("The"), "doubt"), (*span("agree"), "doubt")])
    result = grade_marks(key, two_strays, TAXONOMY, TEXT)
    assert result.score == 75.0
    assert [m.penalty for m in result.marks if not m.in_key] == [0.5, 0.5]


def test_score_ignores_bonus_and_reports_it_separately() -> None:
    key = key_of(
        [(*span("reckless"), "loaded_language"), (*span("90%"), "unsourced_figure")],
        required=[True, False],
        weights=[2.0, 1.0],
    )
    result = grade_marks(key, marks_of([(*span("90%"), "unsourced_figure")]), TAXONOMY, TEXT)
    assert result.score == 0.0
    assert result.bonus_earned == 1.0
    assert result.bonus_possible == 1.0
    assert result.possible == 2.0


def test_weights_scale_the_score() -> None:
    key = key_of(
        [(*span("reckless"), "loaded_language"), (*span("90%"), "unsourced_figure")],
        weights=[3.0, 1.0],
    )
    result = grade_marks(key, marks_of([(*span("reckless"), "loaded_language")]), TAXONOMY, TEXT)
    assert result.score == 75.0


def test_precision_recall_per_group_and_category() -> None:
    key = key_of(
        [
            (*span("reckless"), "loaded_language"),
            (*span("90%"), "unsourced_figure"),
            (*span("experts say"), "vague_attribution"),
        ]
    )
    marks = marks_of(
        [
            (*span("reckless"), "loaded_language"),
            (*span("90%"), "loaded_language"),
            (*span("The"), "doubt"),
        ]
    )
    result = grade_marks(key, marks, TAXONOMY, TEXT)
    assert (result.spans.correct_marks, result.spans.marks) == (2, 3)
    assert result.spans.recall == pytest.approx(2 / 3)
    assert result.labelled.correct_marks == 1
    assert result.per_category["loaded_language"].precision == 0.5
    assert result.per_category["unsourced_figure"].recall == 0.0
    assert result.per_group["framing"].marks == 3
    assert result.per_group["claim"].items == 2


def test_empty_key_and_empty_submission_are_defined() -> None:
    result = grade_marks(key_of([]), [], TAXONOMY, TEXT)
    assert result.score == 100.0
    assert result.spans.f1 == 1.0
    empty = grade_marks(key_of([(0, 3, "doubt")]), [], TAXONOMY, TEXT)
    assert empty.score == 0.0
    assert empty.spans.f1 == 0.0


def test_prepared_key_is_reusable() -> None:
    prepared = PreparedKey(key_of([(*span("reckless"), "loaded_language")]), TAXONOMY, TEXT)
    first = grade(prepared, marks_of([(*span("reckless"), "loaded_language")]))
    second = grade(prepared, [])
    assert (first.score, second.score) == (100.0, 0.0)


def test_a_hedge_on_a_credited_item_costs_the_penalty() -> None:
    """One item, one credit: the best of several marks on an item is paired, the rest are extra."""
    key = key_of([(*span("reckless"), "loaded_language")], hedge_penalty=0.5)
    marks = marks_of(
        [
            (*span("reckless"), "loaded_language"),
            (*span("reckless plan"), "exaggeration"),
            (*span("reckless"), "name_calling"),
        ]
    )
    result = grade_marks(key, marks, TAXONOMY, TEXT)
    assert result.items[0].mark_id == "m0"
    assert result.extra_marks == 2
    assert result.score == 0.0  # 1 - 2 x 0.5
    assert {m.mark_id: m.near_item_id for m in result.marks if not m.in_key} == {
        "m1": "k0",
        "m2": "k0",
    }


CORE_TEXT = "Reports say the so-called “Freedom Legion” attacked, purely for propaganda, again."


def core_span(quote: str) -> tuple[int, int]:
    start = CORE_TEXT.index(quote)
    return start, start + len(quote)


def core_key(**settings: float) -> AnswerKey:
    start, end = core_span("so-called “Freedom Legion”")
    core = Span(*core_span("so-called"), "so-called")
    item = KeyItem(Mark("k0", start, end, "scare_quotes"), "why", core=core)
    return AnswerKey((item,), scoring=ScoringSettings(**settings))


@pytest.mark.parametrize(
    "quote",
    [
        "so-called",
        "so-called “Freedom",
        "so-called “Freedom Legion”",
        "the so-called “Freedom Legion",
    ],
)
def test_a_mark_on_the_core_or_up_to_the_whole_item_is_found(quote: str) -> None:
    result = grade_marks(
        core_key(), marks_of([(*core_span(quote), "scare_quotes")]), TAXONOMY, CORE_TEXT
    )
    assert result.items[0].outcome is Outcome.FOUND
    assert result.score == 100.0


@pytest.mark.parametrize(
    "quote", ["Legion", "Reports say the so-called “Freedom Legion” attacked, purely"]
)
def test_a_mark_that_misses_the_core_or_goes_far_beyond_is_a_near_miss(quote: str) -> None:
    result = grade_marks(
        core_key(), marks_of([(*core_span(quote), "scare_quotes")]), TAXONOMY, CORE_TEXT
    )
    assert result.items[0].outcome is Outcome.IMPRECISE


def test_an_alternative_span_earns_full_credit() -> None:
    start, end = core_span("purely for propaganda")
    alternative = Span(*core_span("attacked, purely for propaganda"), "")
    item = KeyItem(Mark("k0", start, end, "unsupported_motive"), "why", alternatives=(alternative,))
    key = AnswerKey((item,))
    for quote in ("purely for propaganda", "attacked, purely for propaganda", "attacked, purely"):
        marks = marks_of([(*core_span(quote), "unsupported_motive")])
        assert grade_marks(key, marks, TAXONOMY, CORE_TEXT).score == 100.0, quote


REPEAT_TEXT = "Doomed to fail. A provocation. Again: doomed to fail, a provocation, for propaganda."


def repeat_key() -> AnswerKey:
    start = REPEAT_TEXT.index("doomed to fail, a provocation, for propaganda")
    end = len(REPEAT_TEXT) - 1
    parts = tuple(
        Span(REPEAT_TEXT.index(q, start), REPEAT_TEXT.index(q, start) + len(q), q)
        for q in ("doomed to fail", "a provocation", "for propaganda")
    )
    return AnswerKey((KeyItem(Mark("k0", start, end, "repetition"), "why", parts=parts),))


def repeat_marks(*quotes: str, category: str = "repetition") -> list[Mark]:
    start = REPEAT_TEXT.index("Again")
    spans = [(REPEAT_TEXT.index(q, start), REPEAT_TEXT.index(q, start) + len(q)) for q in quotes]
    return marks_of([(s, e, category) for s, e in spans])


def test_a_repetition_marked_as_its_parts_is_one_find() -> None:
    result = grade_marks(
        repeat_key(),
        repeat_marks("doomed to fail", "a provocation", "for propaganda"),
        TAXONOMY,
        REPEAT_TEXT,
    )
    item = result.items[0]
    assert (item.outcome, item.credit, item.parts_found, item.parts) == (Outcome.FOUND, 1.0, 3, 3)
    assert sorted(item.mark_ids) == ["m0", "m1", "m2"]
    assert result.score == 100.0
    assert result.extra_marks == 0


def test_some_parts_earn_their_share_and_the_whole_passage_earns_all() -> None:
    two = grade_marks(
        repeat_key(), repeat_marks("doomed to fail", "for propaganda"), TAXONOMY, REPEAT_TEXT
    )
    assert two.items[0].outcome is Outcome.IMPRECISE
    assert two.score == pytest.approx(200 / 3, abs=1e-4)
    whole = grade_marks(
        repeat_key(),
        repeat_marks("doomed to fail, a provocation, for propaganda"),
        TAXONOMY,
        REPEAT_TEXT,
    )
    assert whole.items[0].outcome is Outcome.FOUND
    assert whole.score == 100.0


ADJACENT_TEXT = "followed by Fake “Proxy Invasion of Russia” and more"


def adjacent_key() -> AnswerKey:
    fake = ADJACENT_TEXT.index("Fake")
    proxy = ADJACENT_TEXT.index("Proxy")
    return AnswerKey(
        (
            KeyItem(Mark("k0", fake, fake + 4, "loaded_language"), "why"),
            KeyItem(
                Mark("k1", proxy, proxy + len("Proxy Invasion of Russia"), "scare_quotes"),
                "why",
                also_accept=("loaded_language",),
            ),
        )
    )


def test_a_mark_spanning_two_adjacent_items_finds_both() -> None:
    start = ADJACENT_TEXT.index("Fake")
    end = ADJACENT_TEXT.index(" and")
    result = grade_marks(
        adjacent_key(), marks_of([(start, end, "loaded_language")]), TAXONOMY, ADJACENT_TEXT
    )
    assert [i.outcome for i in result.items] == [Outcome.FOUND, Outcome.FOUND]
    assert result.marks[0].item_ids == ("k0", "k1")
    assert result.score == 100.0


def test_a_long_mark_with_two_items_in_it_is_not_two_finds() -> None:
    text = "The plan is reckless, said a council member who has studied it for years, and ruinous."
    key = key_of(
        [(12, 20, "loaded_language"), (text.index("ruinous"), len(text) - 1, "loaded_language")]
    )
    result = grade_marks(key, marks_of([(0, len(text), "loaded_language")]), TAXONOMY, text)
    assert sorted(i.outcome for i in result.items) == [Outcome.IMPRECISE, Outcome.MISSED]


def test_a_mark_on_an_item_and_another_on_both_items_is_a_hedge() -> None:
    fake = ADJACENT_TEXT.index("Fake")
    end = ADJACENT_TEXT.index(" and")
    marks = marks_of([(fake, fake + 4, "loaded_language"), (fake, end, "loaded_language")])
    result = grade_marks(adjacent_key(), marks, TAXONOMY, ADJACENT_TEXT)
    assert result.score == 50.0  # both items found; the second claim on "Fake" costs its worth
    assert result.extra_marks == 1
