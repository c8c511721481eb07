"""The learner's progress file (`progress.json` in the user's data folder): read, validated,
migrated, and changed under a lock.

Months of a learner's attempts live in one file, so it is treated with more care than a
save: every change is a locked read-modify-write (two windows of the app never drop each
other's attempts) written beside the file and renamed into place (a kill mid-write leaves the
previous file). A file that cannot be used is never deleted and never silently replaced: a
corrupt one is renamed aside (`progress.corrupt-<UTC stamp>.json`) and reported, and one
written by a newer version of the app is left alone and nothing is recorded until the app is
updated, since writing our older form over it would drop whatever the newer one added.
"""

from __future__ import annotations

import contextlib
import math
import os
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from literacy_app import __version__
from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.progress import Attempt, DrillTally, LessonRecord, Progress, Tally
from literacy_app.core.text import decode
from literacy_app.formats import limits
from literacy_app.formats.atomic import atomic_write
from literacy_app.formats.document import JsonDocument, read_bytes
from literacy_app.formats.native import dumps_compact
from literacy_app.formats.validation import validate
from literacy_app.i18n import _

if TYPE_CHECKING:
    from filelock import FileLock

PROGRESS_FILE = "progress.json"
FORMAT = "literacy-progress"
VERSION = 1
#: Far above a real learner (a thousand attempts are ~300 KB), far below memory trouble.
MAX_PROGRESS_BYTES = 16 * limits.MiB
#: How long a change waits for another window's change to finish (each takes milliseconds).
LOCK_SECONDS = 10.0

#: Version N's data -> version N+1's. Applied in turn to an older file as it is read; the file
#: itself is rewritten in the current version at the next change, and a copy of the old one
#: is kept beside it (`progress.v<N>.json`) for an app that is downgraded again.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


@dataclass(frozen=True)
class _Read:
    """What reading found: the progress, what to tell the user, and whether the file may be
    written over (`writable`) and was of an older version (`old_text`, to keep a copy)."""

    progress: Progress
    problems: list[Problem]
    writable: bool = True
    old_version: int | None = None
    old_text: str = ""


def load_progress(path: Path) -> tuple[Progress, list[Problem]]:
    """The progress in `path` (empty when there is none yet) and what the user should hear
    about it. Never raises for what is in the file: a corrupt file is set aside, a newer one
    left alone, and an empty Progress returned with a problem saying which."""
    with _locked(path, patient=False) as locked:
        read = _read(path, may_move=locked)
    return read.progress, read.problems


def update_progress(
    path: Path,
    change: Callable[[Progress], Progress],
    problems: list[Problem] | None = None,
) -> Progress:
    """Apply `change` to the progress on disk at this moment and write the result; returns it.

    FormatError when the file may not be written over (written by a newer version, or
    unreadable for a reason that is not its content, such as permissions) or the lock cannot
    be had; OSError when the disk refuses the write. A corrupt file is set aside first, and
    what was said about it is added to `problems` when given."""
    with _locked(path, patient=True):
        read = _read(path, may_move=True)
        if problems is not None:
            problems.extend(read.problems)
        if not read.writable:
            raise FormatError(read.problems)
        changed = change(read.progress)
        text = _checked_text(changed, path)
        if read.old_version is not None:
            kept = path.with_name(f"{path.stem}.v{read.old_version}{path.suffix}")
            if not kept.exists():
                atomic_write(kept, read.old_text, private=True)
        atomic_write(path, text, private=True)
    return changed


def _checked_text(progress: Progress, path: Path) -> str:
    """The file's new text, refused (FormatError, nothing written) unless it would read back:
    a lesson id with a space in it would otherwise make the next start set the whole file
    aside, months of attempts with it."""
    text = dumps_compact(progress_to_dict(progress))
    doc = JsonDocument.parse(text, str(path))
    problems = validate(doc.data, "progress", doc.file, doc.locate) or _check_meaning(doc, doc.data)
    if problems:
        unwritten = _("{message} (in the change; nothing was written)")
        raise FormatError(_suffixed(p, unwritten) for p in problems)
    return text


# --- locking ----------------------------------------------------------------------------------


@contextlib.contextmanager
def _locked(path: Path, patient: bool) -> Iterator[bool]:
    """An OS lock on `progress.json.lock` while the file is read (and written); yields
    whether it is held.

    filelock, as the recovery files use: the kernel releases it when a process dies, so a
    crash never leaves the file locked. Where no lock can be taken at all (a folder that
    cannot be written, a file system without locks) the work goes ahead unlocked: there is
    no other window to guard against that the OS would let us see. A change waits up to
    LOCK_SECONDS for another window's change (each takes milliseconds) and then gives up; a
    plain read waits as long, then reads what is there (whole, since every write is a
    rename) but moves nothing aside."""
    from filelock import FileLock, Timeout

    lock: FileLock | None = None
    held = False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(
            path.with_name(path.name + ".lock"),
            timeout=LOCK_SECONDS,
            mode=0o600,
            thread_local=False,
            fallback_to_soft=False,
        )
        lock.acquire()
        held = True
    except Timeout:
        if patient:
            raise FormatError.single(
                path,
                _(
                    "another window of the app has held this file for {seconds:.0f} s; "
                    "progress was not recorded"
                ).format(seconds=LOCK_SECONDS),
            ) from None
    except OSError:
        held = True  # nothing to share a lock with: act as its holder
        lock = None
    try:
        yield held
    finally:
        if lock is not None and lock.is_locked:
            lock.release()


# --- reading ----------------------------------------------------------------------------------


def _read(path: Path, may_move: bool) -> _Read:
    try:
        raw = read_bytes(path, MAX_PROGRESS_BYTES)
    except FormatError as err:
        if not os.path.lexists(path):
            return _Read(Progress(), [])
        if _ordinary_file_within_cap(path):  # permissions or an I/O error: not its content
            unreadable = _("{message}; progress is not recorded until it can be read")
            problems = [_suffixed(p, unreadable) for p in err.problems]
            return _Read(Progress(), problems, writable=False)
        return _set_aside(path, err.problems, may_move)
    try:
        doc = JsonDocument.parse(_text(raw, path), str(path))
    except FormatError as err:
        return _set_aside(path, err.problems, may_move)
    data = doc.data
    version = _version_of(data)
    if version is not None and version > VERSION:
        message = _(
            "written by a newer version of the app (progress format version {version}; this "
            "app reads up to {supported}); progress is not recorded until you update the app"
        ).format(version=version, supported=VERSION)
        return _Read(Progress(), [doc.problem(("version",), message)], writable=False)
    old_version = None
    if version is not None and version < VERSION:
        try:
            data = _migrated(data, version)
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            message = _(
                "cannot be brought up to date from format version {version}: {reason}"
            ).format(version=version, reason=err)
            return _set_aside(path, [doc.problem(("version",), message)], may_move)
        old_version = version
    # A pass is remembered for this text (formats/memo.py): the library reads the progress at
    # every start, and it changes only when the learner checks their work.
    source = doc.text if old_version is None else None
    problems = validate(data, "progress", doc.file, doc.locate, source)
    if not problems:
        problems = _check_meaning(doc, data)
    if problems:
        return _set_aside(path, problems, may_move)
    return _Read(
        progress_from_dict(data), [], True, old_version, doc.text if old_version is not None else ""
    )


def _version_of(data: Any) -> int | None:
    """The format version of a progress file; None for anything else (the schema says why)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    version = data.get("version")
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def _text(raw: bytes, path: Path) -> str:
    text = decode(raw, path)
    return text[1:] if text.startswith("\ufeff") else text


def _ordinary_file_within_cap(path: Path) -> bool:
    try:
        info = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size <= MAX_PROGRESS_BYTES


def _migrated(data: dict[str, Any], version: int) -> dict[str, Any]:
    while version < VERSION:
        if version not in MIGRATIONS:
            raise ValueError(
                _("this app has no way to read version {version}").format(version=version)
            )
        data = MIGRATIONS[version](data)
        version += 1
        data["version"] = version
    return data


def _check_meaning(doc: JsonDocument, data: dict[str, Any]) -> list[Problem]:
    """What the schema cannot say: attempts numbered 1, 2, 3… and dates that are dates."""
    problems = []
    for lesson_id, lesson in data["lessons"].items():
        for index, attempt in enumerate(lesson["attempts"]):
            here = ("lessons", lesson_id, "attempts", index)
            if attempt["number"] != index + 1:
                problems.append(
                    doc.problem(
                        (*here, "number"),
                        _(
                            "expected attempt number {expected} (attempts are numbered 1, 2, 3… "
                            "in order), got {got}"
                        ).format(expected=index + 1, got=attempt["number"]),
                    )
                )
            if not _is_date(attempt["finished"]):
                problems.append(
                    doc.problem(
                        (*here, "finished"),
                        _(
                            "expected a date and time written ISO 8601 style "
                            "(2026-11-25T10:10:00+00:00), got {got}"
                        ).format(got=repr(attempt["finished"][:40])),
                    )
                )
    return problems


def _is_date(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _suffixed(problem: Problem, template: str) -> Problem:
    """`problem` with its message put into `template` (a translated "{message}; ...")."""
    message = template.format(message=problem.message)
    return Problem(problem.file, message, problem.line, problem.column, problem.json_path)


def _stamp() -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())


def _set_aside(path: Path, problems: list[Problem], may_move: bool = True) -> _Read:
    """Rename the unusable file out of the way, never deleting it: the learner (or whoever
    helps them) can still open it and recover what it held. Only under the lock: a reader
    without it could otherwise move a good file another window had just written."""
    if not may_move:
        note = _("the progress file cannot be used; it will be set aside at the next change")
        return _Read(Progress(), [*problems, Problem(str(path), note)], writable=False)
    stamp = _stamp()
    target = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    serial = 1
    while os.path.lexists(target):
        serial += 1
        target = path.with_name(f"{path.stem}.corrupt-{stamp}-{serial}{path.suffix}")
    try:
        os.rename(path, target)
    except OSError as err:
        note = _(
            "the progress file cannot be used and could not be set aside "
            "({reason}); progress is not recorded until it is moved away"
        ).format(reason=err.strerror or err)
        return _Read(Progress(), [*problems, Problem(str(path), note)], writable=False)
    note = _(
        "the progress file cannot be used; it was set aside as {name} (nothing was "
        "deleted) and progress is recorded afresh"
    ).format(name=target.name)
    moved = [replace(p, file=str(target)) if p.file == str(path) else p for p in problems]
    return _Read(Progress(), [*moved, Problem(str(path), note)])


# --- data <-> dict ----------------------------------------------------------------------------


def progress_from_dict(data: dict[str, Any]) -> Progress:
    """A validated file's data as a Progress."""
    lessons = {
        lesson_id: LessonRecord(
            lesson=lesson_id,
            title=entry["title"],
            attempts=tuple(_attempt(a) for a in entry["attempts"]),
            answers_revealed_at=entry.get("answers_revealed_at"),
            work=entry.get("work", ""),
        )
        for lesson_id, entry in data["lessons"].items()
    }
    drills = {
        category: DrillTally(entry["right"], entry["wrong"])
        for category, entry in data["drills"].items()
    }
    return Progress(lessons, drills)


def _attempt(entry: dict[str, Any]) -> Attempt:
    return Attempt(
        number=entry["number"],
        finished=entry["finished"],
        score=float(entry["score"]),
        raw_score=float(entry["raw_score"]),
        seconds=int(entry["seconds"]),
        hints=int(entry["hints"]),
        answers_revealed=entry["answers_revealed"],
        categories={
            category: Tally(t["found"], t["mislabeled"], t["imprecise"], t["missed"])
            for category, t in entry["categories"].items()
        },
    )


def progress_to_dict(progress: Progress) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "app_version": __version__,
        "lessons": {
            lesson_id: {
                "title": record.title,
                "attempts": [_attempt_to_dict(a) for a in record.attempts],
                "answers_revealed_at": record.answers_revealed_at,
                "work": record.work,
            }
            for lesson_id, record in progress.lessons.items()
        },
        "drills": {
            category: {"right": tally.right, "wrong": tally.wrong}
            for category, tally in progress.drills.items()
        },
    }


def _attempt_to_dict(attempt: Attempt) -> dict[str, Any]:
    if not (math.isfinite(attempt.score) and math.isfinite(attempt.raw_score)):
        raise ValueError(f"attempt {attempt.number}: a score that is not a number")
    return {
        "number": attempt.number,
        "finished": attempt.finished,
        "score": attempt.score,
        "raw_score": attempt.raw_score,
        "seconds": attempt.seconds,
        "hints": attempt.hints,
        "answers_revealed": attempt.answers_revealed,
        "categories": {
            category: {
                "found": t.found,
                "mislabeled": t.mislabeled,
                "imprecise": t.imprecise,
                "missed": t.missed,
            }
            for category, t in attempt.categories.items()
        },
    }
