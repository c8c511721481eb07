from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from literacy_app.core.edits import AddMark, RemoveMark, change_category, change_note
from literacy_app.core.marks import Mark
from literacy_app.core.markset import Change, MarkSet


def test_marks_stay_in_document_order_and_notify_before_and_after() -> None:
    marks = MarkSet()
    events: list[tuple[str, str, int, int]] = []
    marks.subscribe(
        lambda c: events.append(("after", c.kind, c.row, len(marks))),
        lambda c: events.append(("before", c.kind, c.row, len(marks))),
    )
    marks.add(Mark("m1", 10, 20, "doubt"))
    marks.add(Mark("m2", 0, 5, "doubt"))
    assert [m.id for m in marks] == ["m2", "m1"]
    assert events == [
        ("before", "insert", 0, 0),
        ("after", "insert", 0, 1),
        ("before", "insert", 0, 1),
        ("after", "insert", 0, 2),
    ]


def test_overlap_queries_find_nested_marks_innermost_first() -> None:
    marks = MarkSet(
        [
            Mark("outer", 0, 30, "doubt"),
            Mark("inner", 5, 10, "doubt"),
            Mark("apart", 40, 50, "doubt"),
        ]
    )
    assert [m.id for m in marks.at(7)] == ["inner", "outer"]
    assert [m.id for m in marks.overlapping(9, 45)] == ["outer", "inner", "apart"]
    assert marks.at(35) == []


def test_replace_keeps_span() -> None:
    marks = MarkSet([Mark("m1", 0, 3, "doubt")])
    with pytest.raises(ValueError, match="keeps the span"):
        marks.replace(Mark("m1", 0, 4, "doubt"))
    with pytest.raises(ValueError, match="duplicate"):
        marks.add(Mark("m1", 5, 6, "doubt"))


def test_edits_undo_exactly() -> None:
    marks = MarkSet()
    mark = Mark("m1", 0, 8, "doubt", quote="reckless")
    add = AddMark(mark)
    add.apply(marks)
    note = change_note(mark, "why")
    note.apply(marks)
    category = change_category(marks.get("m1"), "loaded_language", "Loaded language")
    category.apply(marks)
    assert marks.get("m1").category == "loaded_language"
    assert marks.get("m1").note == "why"
    assert category.text == "Change category to Loaded language"
    for edit in (category, note, add):
        edit.revert(marks)
    assert len(marks) == 0
    RemoveMark(mark).revert(marks)
    assert marks.get("m1") == mark


@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10)), max_size=25),
    st.integers(0, 60),
    st.integers(1, 10),
)
def test_overlapping_agrees_with_a_scan(
    spans: list[tuple[int, int]], start: int, length: int
) -> None:
    marks = MarkSet(Mark(f"m{i}", s, s + n, "doubt") for i, (s, n) in enumerate(spans))
    expected = {m.id for m in marks if m.overlaps(start, start + length)}
    assert {m.id for m in marks.overlapping(start, start + length)} == expected


def test_change_carries_the_mark() -> None:
    seen: list[Change] = []
    marks = MarkSet()
    marks.subscribe(seen.append)
    mark = Mark("m1", 0, 1, "doubt")
    marks.add(mark)
    marks.remove("m1")
    assert [(c.kind, c.mark) for c in seen] == [("insert", mark), ("remove", mark)]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["add", "remove", "replace"]),
            st.integers(0, 60),
            st.integers(1, 8),
            st.integers(0, 9),
        ),
        max_size=60,
    )
)
def test_rows_ids_and_overlaps_agree_with_a_plain_list_after_any_edits(
    steps: list[tuple[str, int, int, int]],
) -> None:
    """MarkSet keeps indexes (rows by bisection, marks by id) for speed with thousands of
    marks; after any sequence of edits they must answer exactly as a sorted list would."""
    marks = MarkSet()
    reference: dict[str, Mark] = {}
    for serial, (kind, start, length, pick) in enumerate(steps):
        if kind == "add" or not reference:
            mark = Mark(f"m{serial}", start, start + length, "loaded_language")
            marks.add(mark)
            reference[mark.id] = mark
        elif kind == "remove":
            victim = sorted(reference)[pick % len(reference)]
            assert marks.remove(victim) == reference.pop(victim)
        else:
            target = reference[sorted(reference)[pick % len(reference)]]
            changed = Mark(target.id, target.start, target.end, "name_calling", note=str(serial))
            marks.replace(changed)
            reference[target.id] = changed
        ordered = sorted(reference.values(), key=lambda m: (m.start, m.end, m.id))
        assert list(marks) == ordered
        assert all(marks.row_of(m.id) == row for row, m in enumerate(ordered))
        assert all(marks.get(m.id) == m for m in ordered)
        assert marks.ids == set(reference)
        for probe in range(0, 70, 7):
            expected = [m for m in ordered if m.overlaps(probe, probe + 3)]
            assert marks.overlapping(probe, probe + 3) == expected
