"""Recovery files: the student's work written a moment after every edit, so that a crash, a
kill or a power cut loses at most the last second.

A recovery file is a native submission plus where it belongs (lesson folder, save path). It is
removed when the work is saved or deliberately discarded; one left behind means the app did not
close normally, and the next start offers to restore it, keep it for later, or discard it.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from literacy_app.core.submission import Submission
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.formats.atomic import atomic_write
from literacy_app.formats.document import JsonDocument
from literacy_app.formats.native import (
    ArticleRef,
    dumps_compact,
    parse_submission,
    submission_to_dict,
)

if TYPE_CHECKING:
    from filelock import FileLock

SUFFIX = ".recovery.json"
AUTHOR_SUFFIX = ".author-recovery.json"  # instructor mode's drafts: never offered to students
_SERIAL = itertools.count(1)  # two files made by one process in the same second still differ


@dataclass(frozen=True)
class Recovery:
    file: Path
    lesson_folder: Path
    save_path: Path | None
    submission_text: str
    modified: str
    marks: int


class RecoveryFile:
    """One session's recovery file, and the lock that tells other sessions it is in use.

    Each session writes a file of its own (lesson id, time and process in the name), never a
    file another session could be writing or a crashed one left behind: a student who answers
    "Keep for later" and goes on working on the same lesson must not overwrite the work they
    kept. An OS lock on a sibling `.lock` file marks the session as alive; the kernel drops it
    when the process dies in any way (crash, kill, power cut), so a start never offers the
    work of an instance that is still running, and pid reuse after a reboot cannot hide a file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock: FileLock | _Unlocked | None = None

    @classmethod
    def new(cls, folder: Path, lesson_id: str, suffix: str = SUFFIX) -> RecoveryFile:
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in lesson_id) or "lesson"
        stamp = time.strftime("%Y%m%d-%H%M%S")
        return cls(folder / f"{safe}.{stamp}-{os.getpid()}-{next(_SERIAL)}{suffix}")

    def claim(self) -> None:
        """Mark the file as this session's, before its first write or when adopting restored
        work, so that no other start offers it meanwhile."""
        if self._lock is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock = _lock(_lock_path(self.path))

    def write(self, lesson_folder: Path, save_path: Path | None, submission: Submission) -> None:
        """A student's whole submission, atomically (OSError when the disk refuses)."""
        self.write_data(
            {
                "lesson_folder": str(lesson_folder),
                "save_path": str(save_path) if save_path else None,
                "submission": submission_to_dict(submission),
            }
        )

    def write_data(self, data: dict[str, Any]) -> None:
        self.claim()
        atomic_write(self.path, dumps_compact(data), private=True)  # the owner's alone

    def discard(self) -> None:
        """The work is saved or deliberately thrown away: nothing left to recover."""
        self.path.unlink(missing_ok=True)
        _lock_path(self.path).unlink(missing_ok=True)
        self.release()

    def release(self) -> None:
        """Let go of the lock without removing the file: what the OS does when the process
        dies. The file is then offered at the next start."""
        if self._lock is not None:
            self._lock.release()
        self._lock = None


def _lock_path(recovery: Path) -> Path:
    return recovery.with_name(recovery.name + ".lock")


class _Unlocked:
    """A lock that could not be taken for a reason other than another session holding it
    (an unwritable folder, a file system without locks, as some network homes are): treated
    as free, so that work is never hidden because of where it is kept."""

    def release(self) -> None:
        pass


def _lock(path: Path) -> FileLock | _Unlocked | None:
    """An exclusive lock on `path`, held until released or the process dies; None when
    another live process holds it.

    filelock (a maintained cross-platform library) takes an OS lock: fcntl's flock on POSIX,
    msvcrt's on Windows, where the hand-written fcntl code locked nothing at all. Never a
    "soft" lock (a file that merely exists): a crash would leave it behind and hide the very
    work it was meant to protect."""
    from filelock import FileLock, Timeout

    lock = FileLock(
        path,
        timeout=0,
        mode=0o600,
        thread_local=False,
        fallback_to_soft=False,
        preserve_lock_file=True,  # `discard` removes it with the work
    )
    try:
        lock.acquire(blocking=False)
    except Timeout:  # held: a session that is still running
        return None
    except OSError:
        return _Unlocked()
    return lock


def in_use(recovery: Path) -> bool:
    """True while a running session owns the file."""
    lock_path = _lock_path(recovery)
    if not lock_path.exists():
        return False
    held = _lock(lock_path)
    if held is None:
        return True
    held.release()
    return False


def pending_recoveries(folder: Path) -> list[Recovery]:
    """Recovery files left by a session that did not end normally, newest first (not those
    of a session still running)."""
    found: list[Recovery] = []
    if not folder.is_dir():
        return found
    _remove_orphan_locks(folder)
    for path in folder.glob(f"*{SUFFIX}"):
        if in_use(path):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            submission = data["submission"]
            found.append(
                Recovery(
                    path,
                    Path(data["lesson_folder"]),
                    Path(data["save_path"]) if data.get("save_path") else None,
                    json.dumps(submission),
                    submission.get("modified", ""),
                    len(submission["marks"]),
                )
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue  # unreadable: leave it for the user to inspect, never delete their work
    found.sort(key=lambda r: r.modified, reverse=True)
    return found


def _remove_orphan_locks(folder: Path) -> None:
    """Lock files whose session ended before its first autosave (a crash, or a disk that
    refused the write) and left no work: nothing to offer, so nothing to keep."""
    for lock_path in folder.glob("*.json.lock"):
        recovery = lock_path.with_name(lock_path.name.removesuffix(".lock"))
        if not recovery.exists() and not in_use(recovery):
            lock_path.unlink(missing_ok=True)


def read_recovered(recovery: Recovery, taxonomy: Taxonomy, article_text: str) -> Submission:
    """The recovered submission, placed on the lesson's article (FormatError if unusable)."""
    doc = JsonDocument.parse(recovery.submission_text, str(recovery.file))
    return parse_submission(doc, taxonomy, ArticleRef.of(article_text)).value


@dataclass(frozen=True)
class AuthorDraft:
    """Instructor-mode work left unsaved: the lesson files as Save would have written them."""

    file: Path
    lesson_folder: Path
    files: dict[str, str]  # name relative to the lesson folder -> text
    modified: float  # seconds since the epoch
    items: int


def write_author_draft(
    recovery: RecoveryFile, lesson_folder: Path, files: dict[str, str], items: int
) -> None:
    recovery.write_data({"lesson_folder": str(lesson_folder), "files": files, "items": items})


def pending_author_drafts(folder: Path, lesson_folder: Path) -> list[AuthorDraft]:
    """Unsaved instructor-mode drafts of the lesson in `lesson_folder`, newest first."""
    found: list[AuthorDraft] = []
    if not folder.is_dir():
        return found
    wanted = lesson_folder.resolve()
    for path in folder.glob(f"*{AUTHOR_SUFFIX}"):
        if in_use(path):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            files = {str(name): str(text) for name, text in data["files"].items()}
            draft = AuthorDraft(
                path, Path(data["lesson_folder"]), files, path.stat().st_mtime, int(data["items"])
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue  # unreadable: left for the user to inspect, never deleted
        if draft.lesson_folder.resolve() == wanted:
            found.append(draft)
    found.sort(key=lambda draft: draft.modified, reverse=True)
    return found
