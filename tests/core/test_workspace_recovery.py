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
    RecoveryFile,
    pending_recoveries,
    read_recovered,
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
    workspace.check()  # the same marks: not a new attempt
    assert workspace.to_submission().attempts == 1
    workspace.back_to_marking()
    experts = workspace.new_mark(*span_of(workspace.text, "Experts say"), "vague_attribution")
    workspace.apply(AddMark(experts))
    workspace.check()
    assert workspace.to_submission().attempts == 2


def test_recovery_round_trip(make_lesson: Callable[..., Path], tmp_path: Path) -> None:
    lesson = load_lesson(make_lesson())
    workspace = Workspace(lesson)
    for quote, category in (("reckless", "loaded_language"), ("Experts say", "vague_attribution")):
        workspace.apply(AddMark(workspace.new_mark(*span_of(workspace.text, quote), category)))
    folder = tmp_path / "recovery"
    session = RecoveryFile.new(folder, lesson.id)
    session.write(lesson.folder, None, workspace.to_submission())
    assert pending_recoveries(folder) == []  # its session is still running
    session.release()  # the process dies
    [recovery] = pending_recoveries(folder)
    assert recovery.marks == 2
    assert recovery.lesson_folder == lesson.folder
    restored = read_recovered(recovery, lesson.taxonomy, lesson.article.text)
    assert [(m.start, m.end, m.category) for m in restored.marks] == [
        (m.start, m.end, m.category) for m in workspace.marks
    ]
    RecoveryFile(recovery.file).discard()
    assert pending_recoveries(folder) == []
    assert list(folder.iterdir()) == []  # the lock file goes too


def test_sessions_never_share_a_recovery_file(
    make_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    """Work kept for later is never overwritten by a later session on the same lesson."""
    lesson = load_lesson(make_lesson())
    kept = Workspace(lesson)
    kept.apply(AddMark(kept.new_mark(*span_of(kept.text, "reckless"), "loaded_language")))
    folder = tmp_path / "recovery"
    crashed = RecoveryFile.new(folder, lesson.id)
    crashed.write(lesson.folder, None, kept.to_submission())
    crashed.release()

    later = RecoveryFile.new(folder, lesson.id)  # the next start, same lesson, new work
    assert later.path != crashed.path
    later.write(lesson.folder, None, Workspace(lesson).to_submission())
    [offered] = pending_recoveries(folder)  # the running session's own file is not offered
    assert offered.file == crashed.path
    assert offered.marks == 1
    later.discard()  # saved or quit normally: only its own file goes
    assert [r.file for r in pending_recoveries(folder)] == [crashed.path]


def test_a_running_session_in_another_process_is_never_offered(
    make_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    import subprocess
    import sys

    lesson = load_lesson(make_lesson())  # OS locks through filelock: POSIX and Windows alike
    folder = tmp_path / "recovery"
    session = RecoveryFile.new(folder, lesson.id)
    session.write(lesson.folder, None, Workspace(lesson).to_submission())
    session.release()
    holder = (  # another app instance that owns the file, then dies
        "import sys\nfrom pathlib import Path\n"
        "from literacy_app.formats.recovery import RecoveryFile\n"
        "held = RecoveryFile(Path(sys.argv[1]))\nheld.claim()\nprint('claimed', flush=True)\n"
        "sys.stdin.read()\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", holder, str(session.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as other:
        assert other.stdout is not None
        assert other.stdout.readline().strip() == "claimed"
        assert pending_recoveries(folder) == []
        other.kill()
    assert [r.file for r in pending_recoveries(folder)] == [session.path]


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


def test_a_file_system_without_locks_never_hides_work(
    make_lesson: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some network home folders refuse flock (ENOLCK): the work is offered, not taken for a
    running session's."""
    import errno

    fcntl = pytest.importorskip("fcntl")
    lesson = load_lesson(make_lesson())
    folder = tmp_path / "recovery"
    crashed = RecoveryFile.new(folder, lesson.id)
    crashed.write(lesson.folder, None, Workspace(lesson).to_submission())
    crashed.release()

    def no_locks(_descriptor: int, _operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    assert [r.file for r in pending_recoveries(folder)] == [crashed.path]
    later = RecoveryFile.new(folder, lesson.id)
    later.write(lesson.folder, None, Workspace(lesson).to_submission())  # autosave still works
    assert later.path.exists()


def test_a_lock_left_without_work_is_cleared_but_a_live_one_is_not(tmp_path: Path) -> None:
    pytest.importorskip("fcntl")
    folder = tmp_path / "recovery"
    orphan = RecoveryFile.new(folder, "tiny")
    orphan.claim()  # the session died before its first autosave could be written
    orphan.release()
    live = RecoveryFile.new(folder, "tiny")
    live.claim()
    assert pending_recoveries(folder) == []
    assert sorted(p.name for p in folder.iterdir()) == [live.path.name + ".lock"]
    live.discard()
