"""The progress file: months of a learner's attempts, so it is never lost to a corrupt file, a
newer app, two windows writing at once, or a kill mid-write."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.progress import Attempt, DrillTally, Progress, Tally
from literacy_app.formats import progress_file
from literacy_app.formats.progress_file import (
    PROGRESS_FILE,
    load_progress,
    progress_to_dict,
    update_progress,
)
from literacy_app.formats.validation import PATTERN_WORDS, schema

WHEN = "2026-11-25T10:10:00+00:00"
ROOT = Path(__file__).resolve().parents[2]


def attempt(score: float = 50.0, **tallies: Tally) -> Attempt:
    return Attempt(1, WHEN, score, score + 10, 125, 1, False, tallies)


def sample() -> Progress:
    progress = Progress()
    progress = progress.with_attempt(
        "tiny", "A tiny lesson", attempt(40.0, doubt=Tally(1, 2, 0, 3))
    )
    progress = progress.with_answers_revealed("tiny", "A tiny lesson", 1)
    progress = progress.with_attempt("tiny", "", attempt(90.0, loaded_language=Tally(found=4)))
    progress = progress.with_work("bus-lanes", "Bus lanes “café” ✓", "/home/ada/b.submission.json")
    return progress.with_drill_answer("doubt", True).with_drill_answer("not-a-device", False)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / PROGRESS_FILE


def set_aside_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("progress.corrupt-*.json"))


# --- round trip -------------------------------------------------------------------------------


def test_progress_round_trips_through_the_file(path: Path) -> None:
    written = update_progress(path, lambda _: sample())
    loaded, problems = load_progress(path)
    assert problems == []
    assert loaded == written == sample()
    assert loaded.lessons["tiny"].answers_revealed_at == 1
    assert loaded.drills == {"doubt": DrillTally(1, 0), "not-a-device": DrillTally(0, 1)}
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("literacy-progress", 1)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_file_is_the_learners_alone(path: Path) -> None:
    update_progress(path, lambda _: sample())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_no_file_yet_is_an_empty_progress_and_no_problem(path: Path) -> None:
    assert load_progress(path) == (Progress(), [])
    assert not path.exists()


def test_each_update_starts_from_what_is_on_disk(path: Path) -> None:
    update_progress(path, lambda p: p.with_attempt("tiny", "Tiny", attempt()))
    update_progress(path, lambda p: p.with_attempt("tiny", "Tiny", attempt()))
    progress, _ = load_progress(path)
    assert [a.number for a in progress.lessons["tiny"].attempts] == [1, 2]


def test_a_change_that_would_not_read_back_is_refused_and_nothing_written(path: Path) -> None:
    """A lesson id with a space would make the next start set months of attempts aside."""
    update_progress(path, lambda _: sample())
    before = path.read_bytes()
    bad = Attempt(1, "yesterday", 50.0, 50.0, 0)
    with pytest.raises(FormatError, match="nothing was written"):
        update_progress(path, lambda p: p.with_attempt("two words", "X", attempt()))
    with pytest.raises(FormatError, match="ISO 8601"):
        update_progress(path, lambda p: p.with_attempt("tiny", "X", bad))
    assert path.read_bytes() == before


lesson_ids = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_-]{0,20}\Z")
category_ids = st.from_regex(r"\A[a-z][a-z0-9_]{0,15}\Z")
attempts = st.builds(
    Attempt,
    number=st.just(1),
    finished=st.datetimes().map(lambda d: d.isoformat()),
    score=st.floats(0, 100),
    raw_score=st.floats(0, 100),
    seconds=st.integers(0, 10**9),
    hints=st.integers(0, 50),
    answers_revealed=st.booleans(),
    categories=st.dictionaries(
        category_ids, st.builds(Tally, *(st.integers(0, 10**6) for _ in range(4))), max_size=4
    ),
)
steps = st.lists(st.tuples(lesson_ids, st.text(max_size=50), attempts), max_size=8)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps, st.lists(st.tuples(st.sampled_from(["doubt", "not-a-device"]), st.booleans())))
def test_any_progress_reads_back_exactly(
    path: Path,
    entries: list[tuple[str, str, Attempt]],
    answers: list[tuple[str, bool]],
) -> None:
    progress = Progress()
    for lesson, title, made in entries:
        progress = progress.with_attempt(lesson, title, made)
    for category, right in answers:
        progress = progress.with_drill_answer(category, right)
    update_progress(path, lambda _: progress)
    assert load_progress(path) == (progress, [])


def test_every_pattern_of_the_schema_is_explained_in_words() -> None:
    """A learner must never be shown a regular expression as the reason."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            found.extend(v for k, v in value.items() if k == "pattern")
            for item in value.values():
                walk(item)

    walk(schema("progress"))
    assert found
    assert [p for p in found if p not in PATTERN_WORDS] == []


# --- corrupt files are set aside --------------------------------------------------------------


def valid_dict() -> dict[str, Any]:
    return progress_to_dict(sample())


def with_change(change: Any) -> bytes:
    data = valid_dict()
    change(data)
    return json.dumps(data).encode()


def _attempt0(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = data["lessons"]["tiny"]["attempts"][0]
    return result


CORRUPT: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "invalid JSON"),
    "truncated": (json.dumps(valid_dict()).encode()[:-40], "invalid JSON"),
    "not utf-8": (b'{"format": "literacy-progress", "x": "\xff"}', "not UTF-8"),
    "NaN score": (json.dumps(valid_dict()).replace("40.0", "NaN").encode(), "NaN"),
    "a list": (b"[]", "expected an object"),
    "nested too deeply": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "endless integer": (
        json.dumps(valid_dict()).replace('"seconds": 125', '"seconds": ' + "9" * 40).encode(),
        "40 digits",
    ),
    "another format": (
        with_change(lambda d: d.update(format="literacy-submission")),
        'expected "literacy-progress"',
    ),
    "score over 100": (
        with_change(lambda d: _attempt0(d).update(score=101)),
        "at most 100",
    ),
    "negative seconds": (
        with_change(lambda d: _attempt0(d).update(seconds=-5)),
        "at least 0",
    ),
    "hints as text": (
        with_change(lambda d: _attempt0(d).update(hints="2")),
        "expected a whole number",
    ),
    "unknown field": (
        with_change(lambda d: _attempt0(d).update(grade="A")),
        "unknown field 'grade'",
    ),
    "bad lesson id": (
        with_change(lambda d: d["lessons"].update({"../../etc": d["lessons"]["tiny"]})),
        "is not an id",
    ),
    "bad drill category": (
        with_change(lambda d: d["drills"].update({"Not A Device": {"right": 1, "wrong": 0}})),
        "is not a category id or not-a-device",
    ),
    "numbering": (
        with_change(lambda d: _attempt0(d).update(number=2)),
        "expected attempt number 1",
    ),
    "bad date": (
        with_change(lambda d: _attempt0(d).update(finished="last Tuesday")),
        "ISO 8601",
    ),
    "old version with no migration": (
        with_change(lambda d: d.update(version=0)),
        "no way to read version 0",
    ),
}


@pytest.mark.parametrize("case", sorted(CORRUPT))
def test_a_corrupt_file_is_set_aside_with_a_message(path: Path, case: str) -> None:
    content, expected = CORRUPT[case]
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    progress, problems = load_progress(path)
    assert progress == Progress()
    [aside] = set_aside_files(path.parent)
    assert aside.read_bytes() == content  # kept whole, never deleted
    assert not path.exists()
    assert expected in str(problems[0])
    assert problems[0].file == str(aside)  # the place is in the file as it is now named
    assert f"set aside as {aside.name}" in problems[-1].message
    assert problems[-1].file == str(path)


def test_the_place_of_a_schema_problem_is_given(path: Path) -> None:
    path.parent.mkdir(parents=True)
    text = json.dumps(valid_dict(), indent=2).replace('"hints": 1', '"hints": -1', 1)
    path.write_text(text, encoding="utf-8")
    _, problems = load_progress(path)
    line = text[: text.index('"hints": -1')].count("\n") + 1
    assert (problems[0].line, problems[0].json_path) == (line, "$.lessons.tiny.attempts[0].hints")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_is_set_aside_without_being_read(path: Path) -> None:
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    started = time.monotonic()
    progress, problems = load_progress(path)
    assert time.monotonic() - started < 5
    assert progress == Progress()
    assert "named pipe" in str(problems[0])
    [aside] = set_aside_files(path.parent)
    assert stat.S_ISFIFO(aside.lstat().st_mode)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_dev_zero_is_set_aside_not_read(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.symlink_to("/dev/zero")
    _, problems = load_progress(path)
    assert "character device" in str(problems[0])
    [aside] = set_aside_files(path.parent)
    assert aside.is_symlink()  # the link moved, /dev/zero untouched
    assert Path("/dev/zero").exists()


def test_a_folder_in_its_place_is_set_aside(path: Path) -> None:
    (path / "inside").mkdir(parents=True)
    _, problems = load_progress(path)
    assert "found a folder" in str(problems[0])
    [aside] = set_aside_files(path.parent)
    assert (aside / "inside").is_dir()


def test_a_huge_file_is_set_aside_unread(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress_file, "MAX_PROGRESS_BYTES", 1000)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(valid_dict()) + " " * 2000, encoding="utf-8")
    _, problems = load_progress(path)
    assert "too large to read" in str(problems[0])
    assert len(set_aside_files(path.parent)) == 1


def test_two_corrupt_files_in_one_second_get_two_names(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress_file, "_stamp", lambda: "20261125T101000Z")
    path.parent.mkdir(parents=True)
    for text in ("{", "["):
        path.write_text(text, encoding="utf-8")
        load_progress(path)
    names = {p.name: p.read_text(encoding="utf-8") for p in set_aside_files(path.parent)}
    assert names == {
        "progress.corrupt-20261125T101000Z.json": "{",
        "progress.corrupt-20261125T101000Z-2.json": "[",
    }


def test_an_update_over_a_corrupt_file_records_afresh_and_says_so(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    told: list[Problem] = []
    progress = update_progress(path, lambda p: p.with_attempt("t", "T", attempt()), told)
    assert len(progress.lessons["t"].attempts) == 1
    assert load_progress(path) == (progress, [])
    assert "set aside" in told[-1].message
    [aside] = set_aside_files(path.parent)
    assert aside.read_text(encoding="utf-8") == "{not json"


def test_an_unreadable_file_is_neither_set_aside_nor_written_over(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permissions (or a failing disk) say nothing about the content: moving it aside would
    hide good progress, writing over it would lose it."""
    update_progress(path, lambda _: sample())
    before = path.read_bytes()

    def refuse(file: Path, limit: int) -> bytes:
        raise FormatError.single(file, "cannot read: Permission denied")

    monkeypatch.setattr(progress_file, "read_bytes", refuse)
    progress, problems = load_progress(path)
    assert progress == Progress()
    assert "Permission denied; progress is not recorded" in str(problems[0])
    with pytest.raises(FormatError, match="Permission denied"):
        update_progress(path, lambda p: p.with_drill_answer("doubt", True))
    assert path.read_bytes() == before
    assert set_aside_files(path.parent) == []


# --- versions ---------------------------------------------------------------------------------


def test_a_newer_file_is_never_overwritten(path: Path) -> None:
    path.parent.mkdir(parents=True)
    newer = json.dumps({"format": "literacy-progress", "version": 2, "lessons": {}, "x": [1]})
    path.write_text(newer, encoding="utf-8")
    progress, [problem] = load_progress(path)
    assert progress == Progress()
    assert "written by a newer version of the app" in problem.message
    assert "progress is not recorded until you update" in problem.message
    with pytest.raises(FormatError, match="newer version"):
        update_progress(path, lambda p: p.with_drill_answer("doubt", True))
    assert path.read_text(encoding="utf-8") == newer
    assert set_aside_files(path.parent) == []


def test_an_older_file_is_migrated_and_a_copy_of_it_kept(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Version 0 is made up here: the table is empty until the format first changes, but the
    path through it must work before that day."""

    def from_0(data: dict[str, Any]) -> dict[str, Any]:
        lessons = {
            entry["id"]: {"title": entry["name"], "attempts": []} for entry in data.pop("history")
        }
        return {**data, "lessons": lessons, "drills": {}}

    monkeypatch.setitem(progress_file.MIGRATIONS, 0, from_0)
    old = json.dumps(
        {"format": "literacy-progress", "version": 0, "history": [{"id": "t", "name": "T"}]}
    )
    path.parent.mkdir(parents=True)
    path.write_text(old, encoding="utf-8")
    progress, problems = load_progress(path)
    assert problems == []
    assert progress.lessons["t"].title == "T"
    assert path.read_text(encoding="utf-8") == old  # reading changes nothing
    update_progress(path, lambda p: p.with_attempt("t", "T", attempt()))
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1
    assert path.with_name("progress.v0.json").read_text(encoding="utf-8") == old
    progress, _ = load_progress(path)
    assert len(progress.lessons["t"].attempts) == 1


def test_a_migration_that_fails_sets_the_file_aside(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(progress_file.MIGRATIONS, 0, lambda data: data["missing"])
    path.parent.mkdir(parents=True)
    path.write_text('{"format": "literacy-progress", "version": 0}', encoding="utf-8")
    _, problems = load_progress(path)
    assert "cannot be brought up to date from format version 0" in str(problems[0])
    assert len(set_aside_files(path.parent)) == 1


# --- two windows, locks and kills -------------------------------------------------------------


def add_attempts(file: str, lesson: str, count: int) -> None:
    """Run in another process: `count` checks of one lesson, each its own update."""
    for _ in range(count):
        update_progress(Path(file), lambda p: p.with_attempt(lesson, lesson, attempt()))


def test_two_processes_updating_at_once_lose_nothing(path: Path) -> None:
    update_progress(path, lambda p: p)
    spawn = multiprocessing.get_context("spawn")  # no fork of a process that may hold Qt
    workers = [
        spawn.Process(target=add_attempts, args=(str(path), lesson, 15))
        for lesson in ("shared", "shared", "other")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    progress, problems = load_progress(path)
    assert problems == []
    assert [a.number for a in progress.lessons["shared"].attempts] == list(range(1, 31))
    assert len(progress.lessons["other"].attempts) == 15


def test_a_change_waits_for_the_lock_then_gives_up_clearly(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    update_progress(path, lambda _: sample())
    monkeypatch.setattr(progress_file, "LOCK_SECONDS", 0.2)
    other_window = FileLock(path.with_name(path.name + ".lock"), thread_local=False)
    with other_window:
        with pytest.raises(FormatError, match="another window of the app"):
            update_progress(path, lambda p: p.with_drill_answer("doubt", True))
        assert load_progress(path) == (sample(), [])  # reading still works
        path.write_text("{", encoding="utf-8")
        _, problems = load_progress(path)  # but moves nothing behind the holder's back
        assert "will be set aside at the next change" in problems[-1].message
        assert path.exists()
    assert set_aside_files(path.parent) == []


KILL_MID_WRITE = """
import os, sys
from pathlib import Path
from literacy_app.core.progress import Attempt
from literacy_app.formats import atomic
from literacy_app.formats.progress_file import update_progress

def die(descriptor):  # the data is in the temporary file, the rename never happens
    os._exit(9)

atomic.os.fsync = die
update_progress(Path(sys.argv[1]), lambda p: p.with_attempt(
    "tiny", "Tiny", Attempt(1, "2026-11-25T10:10:00+00:00", 1.0, 1.0, 1)))
"""


def test_a_kill_mid_write_leaves_the_old_file_and_its_leftover_is_ignored(path: Path) -> None:
    update_progress(path, lambda _: sample())
    before = path.read_bytes()
    done = subprocess.run(
        [sys.executable, "-c", KILL_MID_WRITE, str(path)], cwd=ROOT, timeout=60, check=False
    )
    assert done.returncode == 9
    leftovers = list(path.parent.glob(".progress.json.*.tmp"))
    assert len(leftovers) == 1  # the half-made sibling...
    assert path.read_bytes() == before  # ...and the file as it was
    assert load_progress(path) == (sample(), [])
    update_progress(path, lambda p: p.with_drill_answer("doubt", True))
    progress, _ = load_progress(path)
    assert progress.drills["doubt"] == DrillTally(2, 0)
    assert len(progress.lessons["tiny"].attempts) == 2
