from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from literacy_app.core.edits import AddMark
from literacy_app.core.workspace import Workspace
from literacy_app.formats.atomic import atomic_write
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.formats.recovery import (
    discard_recovery,
    pending_recoveries,
    read_recovered,
    write_recovery,
)
from tests.conftest import span_of


def test_selection_is_trimmed_and_snapped(make_lesson: Callable[..., Path]) -> None:
    workspace = Workspace(load_lesson(make_lesson()))
    text = workspace.text
    start, end = span_of(text, "reckless plan")
    assert workspace.span_for_selection(start - 1, end + 1) == (start, end)
    assert workspace.span_for_selection(start + 2, end - 2, snap=True) == (start, end)
    assert workspace.span_for_selection(end, start) == (start, end)  # backwards drag
    assert workspace.span_for_selection(start - 1, start) is None  # only a space


def test_check_counts_attempts_and_reviews(make_lesson: Callable[..., Path]) -> None:
    workspace = Workspace(load_lesson(make_lesson()))
    mark = workspace.new_mark(*span_of(workspace.text, "reckless"), "loaded_language")
    workspace.apply(AddMark(mark))
    result = workspace.check()
    assert workspace.reviewing
    assert workspace.attempts == 1
    assert result.items[0].mark_id == mark.id
    workspace.back_to_marking()
    assert not workspace.reviewing
    assert len(workspace.marks) == 1
    workspace.check()
    assert workspace.to_submission().attempts == 2


def test_recovery_round_trip(make_lesson: Callable[..., Path], tmp_path: Path) -> None:
    lesson = load_lesson(make_lesson())
    workspace = Workspace(lesson)
    for quote, category in (("reckless", "loaded_language"), ("Experts say", "vague_attribution")):
        workspace.apply(AddMark(workspace.new_mark(*span_of(workspace.text, quote), category)))
    folder = tmp_path / "recovery"
    write_recovery(folder, lesson.id, lesson.folder, None, workspace.to_submission())
    [recovery] = pending_recoveries(folder)
    assert recovery.marks == 2
    assert recovery.lesson_folder == lesson.folder
    restored = read_recovered(recovery, lesson.taxonomy, lesson.article.text)
    assert [(m.start, m.end, m.category) for m in restored.marks] == [
        (m.start, m.end, m.category) for m in workspace.marks
    ]
    discard_recovery(folder, lesson.id)
    assert pending_recoveries(folder) == []


def test_unreadable_recovery_file_is_left_alone(tmp_path: Path) -> None:
    bad = tmp_path / "x.recovery.json"
    bad.write_text("{not json", encoding="utf-8")
    assert pending_recoveries(tmp_path) == []
    assert bad.exists()


def test_atomic_write_keeps_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "work.json"
    atomic_write(target, "old")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["work.json"]  # no temporary left behind
