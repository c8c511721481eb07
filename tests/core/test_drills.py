"""Technique drills: questions from every bundled key, fair choices, and a session that leans on
what the learner misses and brings a miss back a few questions later."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from literacy_app.core.drills import (
    CONTEXT_LIMIT,
    MAX_REPEATS,
    NOT_A_DEVICE,
    DrillItem,
    DrillSession,
    category_names,
    choices,
    drill_items,
)
from literacy_app.core.lesson import Lesson
from literacy_app.core.taxonomy import Group, Taxonomy
from literacy_app.core.text import trim_span
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.formats.native import default_taxonomy
from literacy_app.resources import bundled_lessons
from tests.conftest import key_dict, write_json


@cache
def lessons() -> tuple[Lesson, ...]:
    return tuple(load_lesson(folder) for folder in bundled_lessons())


@cache
def items() -> tuple[DrillItem, ...]:
    return tuple(drill_items(lessons()))


def absolute(item: DrillItem, text: str) -> tuple[int, int]:
    """Where an item's passage is in its article, found through its context (whose line
    breaks became spaces and whose cut ends carry "…")."""
    context, (start, end) = item.context, item.span
    cut = 1 if context.startswith("…") else 0
    body = context[cut:].removesuffix("…")
    found = text.replace("\n", " ").find(body)
    assert found != -1, f"context of {item.lesson_id}/{item.item_id} is not in the article"
    return found + start - cut, found + end - cut


# --- the questions ------------------------------------------------------------------------------


def test_every_key_item_of_every_bundled_lesson_is_asked_about_once() -> None:
    asked = Counter((i.lesson_id, i.item_id) for i in items() if not i.is_decoy)
    expected = Counter(
        (lesson.id, item.id) for lesson in lessons() if lesson.key for item in lesson.key.items
    )
    assert asked == expected
    assert len(expected) > 150  # every bundled lesson has a key


def test_the_context_holds_the_passage_where_the_key_puts_it() -> None:
    by_id = {lesson.id: lesson for lesson in lessons()}
    for item in items():
        lesson = by_id[item.lesson_id]
        text = lesson.article.text
        start, end = absolute(item, text)
        if not item.is_decoy:
            assert lesson.key is not None
            key_item = lesson.key.item(item.item_id)
            assert (start, end) == trim_span(text, key_item.start, key_item.end)
            assert item.answer == key_item.category
            assert item.rationale == key_item.rationale
        assert item.passage == text[start:end].replace("\n", " ")
        assert item.passage
        assert item.passage.strip() == item.passage
        if end - start < CONTEXT_LIMIT:
            assert len(item.context) <= CONTEXT_LIMIT + 2  # and the two "…"


def test_an_item_made_of_parts_is_asked_about_whole() -> None:
    lesson = next(lesson for lesson in lessons() if lesson.id == "bakhmut-op-ed")
    assert lesson.key is not None
    with_parts = [item for item in lesson.key.items if item.parts]
    assert with_parts, "the bakhmut key has a repetition in parts"
    for key_item in with_parts:
        (drill,) = [i for i in items() if (i.lesson_id, i.item_id) == (lesson.id, key_item.id)]
        trimmed = trim_span(lesson.article.text, key_item.start, key_item.end)
        assert drill.passage == lesson.article.text[slice(*trimmed)].replace("\n", " ")
        assert len(drill.passage) > sum(len(p.quote) for p in key_item.parts)


def test_decoys_are_fair_passages_about_one_in_five() -> None:
    by_id = {lesson.id: lesson for lesson in lessons()}
    decoys = [i for i in items() if i.is_decoy]
    devices = len(items()) - len(decoys)
    assert devices / 7 <= len(decoys) <= devices / 4
    for decoy in decoys:
        lesson = by_id[decoy.lesson_id]
        assert lesson.key is not None
        text = lesson.article.text
        start, end = absolute(decoy, text)
        paragraph_start = text.rfind("\n\n", 0, start) + 1
        paragraph_end = text.find("\n\n", end) % (len(text) + 1)
        for key_item in lesson.key.items:
            for span in (key_item.mark, *key_item.spans):
                assert not (span.start < paragraph_end and paragraph_start < span.end), (
                    f"decoy {decoy.passage!r} shares a paragraph with {key_item.id}"
                )
        assert decoy.item_id == ""
        assert "marks nothing" in decoy.rationale
        assert 2 <= len(decoy.passage.split()) <= 20


def test_a_lesson_without_a_key_gives_no_question(make_lesson: Callable[..., Path]) -> None:
    assert drill_items([load_lesson(make_lesson(key=False))]) == []


def test_a_long_paragraph_is_cut_at_words_around_the_passage(
    make_lesson: Callable[..., Path],
) -> None:
    text = "Title\n\n" + "plain words here " * 60 + "a reckless plan " + "more words " * 60 + "\n"
    folder = make_lesson(text=text, key=False)
    write_json(folder / "key.json", key_dict(text, [("reckless", "loaded_language", True, [])]))
    (item,) = [i for i in drill_items([load_lesson(folder)]) if not i.is_decoy]
    assert item.passage == "reckless"
    assert item.context.startswith("…")
    assert item.context.endswith("…")
    assert len(item.context) <= CONTEXT_LIMIT + 2
    inner = item.context.strip("…")
    assert inner.split()[0] in {"plain", "words", "here"}
    assert inner == inner.strip()


def test_offsets_count_code_points_past_an_emoji(make_lesson: Callable[..., Path]) -> None:
    lesson = load_lesson(make_lesson())
    drill = {i.item_id: i for i in drill_items([lesson])}
    assert drill["k7"].passage == "Buses will stop running"
    assert "🚌" in drill["k7"].context


# --- choices ------------------------------------------------------------------------------------


def check_choices(item: DrillItem, options: tuple[str, ...], taxonomy: Taxonomy) -> None:
    assert len(options) == len(set(options))
    assert options[-1] == NOT_A_DEVICE
    assert NOT_A_DEVICE not in options[:-1]
    assert all(taxonomy.get(option) for option in options[:-1])
    assert not set(item.also_accept) & set(options)
    if item.is_decoy:
        assert item.answer not in options[:-1]
    else:
        assert item.answer in options


def test_four_choices_of_one_group_for_every_bundled_question() -> None:
    rng = random.Random(4)
    for item in items():
        assert item.taxonomy is not None
        options = choices(item, item.taxonomy, rng)
        check_choices(item, options, item.taxonomy)
        assert len(options) == 4
        groups = {item.taxonomy.group_of(option) for option in options[:-1]}
        assert {g.value for g in groups if g} == {item.group}


def test_a_small_palette_is_filled_from_the_taxonomy_and_keeps_the_group() -> None:
    claims = [i for i in items() if i.lesson_id == "getting-started" and i.group == "claim"]
    assert claims
    for item in claims:
        assert item.taxonomy is not None
        palette_claims = [c for c in item.palette if item.taxonomy.group_of(c) == "claim"]
        assert len(palette_claims) == 2  # the right one and one other: one more is needed
        options = choices(item, item.taxonomy, random.Random(1))
        assert {item.taxonomy.group_of(o) for o in options[:-1]} == {Group.CLAIM}
        assert set(palette_claims) <= set(options)


def test_the_right_answer_is_not_always_in_the_same_place() -> None:
    item = next(i for i in items() if not i.is_decoy)
    assert item.taxonomy is not None
    places = {
        choices(item, item.taxonomy, random.Random(seed)).index(item.answer) for seed in range(40)
    }
    assert places == {0, 1, 2}


def test_a_taxonomy_too_small_for_four_gives_what_it_has() -> None:
    item = next(i for i in items() if not i.is_decoy)
    tiny = default_taxonomy().restricted([item.answer])
    options = choices(item, tiny, random.Random(0))
    assert options == (item.answer, NOT_A_DEVICE)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(range(200)),
    st.randoms(use_true_random=False),
    st.lists(st.sampled_from(default_taxonomy().ids), max_size=8, unique=True),
)
def test_choices_invariants(index: int, rng: random.Random, palette: list[str]) -> None:
    base = items()[index % len(items())]
    taxonomy = default_taxonomy()
    item = DrillItem(
        base.lesson_id, base.lesson_title, base.item_id, base.context, base.span, base.answer,
        base.group, base.rationale, tuple(palette), base.also_accept, taxonomy,
    )  # fmt: skip
    options = choices(item, taxonomy, rng)
    check_choices(item, options, taxonomy)
    assert len(options) == 4
    wrong = {item.answer, *item.also_accept}
    in_palette = [c for c in palette if taxonomy.group_of(c) == item.group and c not in wrong]
    others = [o for o in options[:-1] if o != item.answer]
    if len(in_palette) >= len(others):
        assert set(others) <= set(in_palette)  # the lesson's own categories first


# --- a session ----------------------------------------------------------------------------------


def run(session: DrillSession, wrong: Callable[[int, DrillItem], bool]) -> list[tuple[str, bool]]:
    """Answer every question (wrongly when `wrong(number, item)`); (item key, repeat) asked."""
    asked = []
    while not session.done:
        question = session.current()
        assert question is not None
        item = question.item
        right_choice = item.answer
        bad = next(c for c in question.choices if c != item.answer)
        feedback = session.answer(bad if wrong(question.number, item) else right_choice)
        assert feedback.answer == item.answer
        assert feedback.rationale == item.rationale
        asked.append((f"{item.lesson_id}/{item.item_id}/{item.context[:20]}", question.repeat))
        session.advance()
    return asked


def test_high_miss_rate_categories_come_up_far_more_often() -> None:
    loaded = [i for i in items() if i.answer == "loaded_language"]
    vague = [i for i in items() if i.answer == "vague_attribution"]
    rates = {"loaded_language": 0.9, "vague_attribution": 0.0}
    counts: Counter[str] = Counter()
    for seed in range(150):
        session = DrillSession(loaded + vague, rates, length=10, seed=seed)
        while not session.done:
            question = session.current()
            assert question is not None
            counts[question.item.answer] += 1
            session.answer(question.item.answer)
            session.advance()
    per_loaded = counts["loaded_language"] / len(loaded)
    per_vague = counts["vague_attribution"] / len(vague)
    assert per_loaded > 2.5 * per_vague  # weights 1.1 against 0.2
    assert counts["vague_attribution"] > 0  # never missed is still asked now and then


def test_a_missed_question_comes_back_three_questions_later_at_most_twice() -> None:
    session = DrillSession(items(), {}, length=10, seed=7)
    first = session.current()
    assert first is not None
    target = first.item
    asked = run(session, lambda number, item: item is target)
    keys = [key for key, _ in asked]
    target_key = keys[0]
    places = [n for n, key in enumerate(keys) if key == target_key]
    assert places == [0, 3, 6]  # missed three times: back twice, then no more
    assert [asked[n][1] for n in places] == [False, True, True]
    assert len(asked) == 10 + MAX_REPEATS


def test_repeats_come_on_top_of_the_fresh_questions_and_never_twice_in_a_row() -> None:
    for seed in range(60):
        coin = random.Random(seed).random
        few = items()[: (2, 3, 12)[seed % 3]]  # two items: each is asked five times
        session = DrillSession(few, {}, length=10, seed=seed)
        asked = run(session, lambda number, item, coin=coin: coin() < 0.5)
        fresh = [key for key, repeat in asked if not repeat]
        assert len(fresh) == 10
        assert all(a != b for (a, _), (b, _) in itertools.pairwise(asked))
        assert len(asked) <= 10 + 10 * MAX_REPEATS


def test_a_miss_at_the_end_comes_back_unless_it_was_the_very_last() -> None:
    session = DrillSession(items(), {}, length=4, seed=2)
    asked = run(session, lambda number, item: number in (3, 4))
    keys = [key for key, _ in asked]
    assert [repeat for _, repeat in asked] == [False, False, False, False, True, True]
    assert keys[4:] == keys[2:4]  # both missed: asked again after the last fresh one

    session = DrillSession(items(), {}, length=4, seed=2)
    asked = run(session, lambda number, item: number == 4)
    # Asking it straight after its own answer and rationale would test the memory of a second
    # ago: the drill ends instead, and the summary lists its category to practise.
    assert [repeat for _, repeat in asked] == [False] * 4
    assert session.summary().to_practise


def test_same_seed_same_drill() -> None:
    def drill(seed: int) -> list[tuple[str, tuple[str, ...]]]:
        session = DrillSession(items(), {"doubt": 0.8}, seed=seed)
        seen = []
        while not session.done:
            question = session.current()
            assert question is not None
            seen.append((question.item.context, question.choices))
            session.answer(question.choices[len(seen) % 4])
            session.advance()
        return seen

    assert drill(11) == drill(11)
    assert drill(11) != drill(12)


def test_summary_counts_first_answers_and_repeats() -> None:
    session = DrillSession(items(), {}, length=5, seed=3)
    run(session, lambda number, item: number in (1, 2))
    summary = session.summary()
    assert (summary.fresh, summary.first_time_right) == (5, 3)
    assert (summary.asked, summary.right) == (7, 5)
    assert sum(r + w for r, w in summary.per_category.values()) == summary.asked
    assert set(summary.to_practise) == {c for c, (_, w) in summary.per_category.items() if w}


def test_misuse_is_refused_clearly() -> None:
    session = DrillSession(items(), {}, length=2, seed=0)
    question = session.current()
    assert question is not None
    with pytest.raises(ValueError, match="answer the question"):
        session.advance()
    with pytest.raises(ValueError, match="not one of the choices"):
        session.answer("no_such_category")
    session.answer(question.choices[0])
    with pytest.raises(ValueError, match="already answered"):
        session.answer(question.choices[0])


def test_an_empty_drill_is_over_before_it_starts() -> None:
    session = DrillSession([], {"loaded_language": 1.0}, length=10, seed=0)
    assert session.done
    assert session.current() is None
    assert session.total == 0
    with pytest.raises(ValueError, match="over"):
        session.answer(NOT_A_DEVICE)
    assert session.summary().asked == 0


def test_hostile_miss_rates_are_tamed() -> None:
    rates = {"loaded_language": float("nan"), "doubt": -4.0, "slogans": 1e9, NOT_A_DEVICE: 2}
    session = DrillSession(items(), rates, length=30, seed=5)
    assert len(run(session, lambda number, item: False)) == 30


def test_practising_again_leans_on_what_was_just_missed() -> None:
    session = DrillSession(items(), {}, length=4, seed=9)
    run(session, lambda number, item: True)
    missed = session.summary().to_practise
    again = session.again()
    assert (again.items, again.length) == (session.items, 4)
    assert not again.done
    assert all(again.miss_rates[c] > 0.5 for c in missed)
    assert session.again({"doubt": 1.0}).miss_rates == {"doubt": 1.0}


def test_names_cover_every_category_and_not_a_device() -> None:
    names = category_names(lessons())
    assert names[NOT_A_DEVICE] == "Not a device"
    assert {i.answer for i in items()} <= set(names)


@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 8),
    st.integers(0, 15),
    st.integers(0, 2**16),
    st.lists(st.booleans(), min_size=50, max_size=50),
)
def test_any_drill_ends_with_its_fresh_questions_and_bounded_repeats(
    size: int, length: int, seed: int, misses: list[bool]
) -> None:
    session = DrillSession(items()[:size], {}, length=length, seed=seed)
    asked = run(session, lambda number, item: misses[number - 1])
    assert sum(1 for _, repeat in asked if not repeat) == length
    assert sum(1 for _, repeat in asked if repeat) <= min(length, sum(misses)) * MAX_REPEATS
    if size > 1:
        assert all(a != b for (a, _), (b, _) in itertools.pairwise(asked))
    assert session.summary().asked == len(asked)


def test_a_single_item_is_the_only_thing_to_ask() -> None:
    session = DrillSession(items()[:1], {}, length=3, seed=0)
    asked = run(session, lambda number, item: False)
    assert len(asked) == 3
    assert len({key for key, _ in asked}) == 1


def test_a_passage_longer_than_the_limit_is_its_own_context(
    make_lesson: Callable[..., Path],
) -> None:
    long_claim = " ".join(["they all knew it was coming"] * 15)  # ~400 characters
    text = "Title\n\nIt began. " + long_claim + ". " + "Then more words came. " * 30 + "\n"
    folder = make_lesson(text=text, key=False)
    write_json(folder / "key.json", key_dict(text, [(long_claim, "speculation_as_fact", True, [])]))
    (item,) = [i for i in drill_items([load_lesson(folder)]) if not i.is_decoy]
    assert item.passage == long_claim
    assert item.context in (long_claim, "…" + long_claim, long_claim + "…", f"…{long_claim}…")
