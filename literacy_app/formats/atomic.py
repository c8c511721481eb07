"""Saving without ever leaving a half-written file: write a sibling, flush to disk, rename.

A full disk or a crash mid-write leaves the previous file untouched (rename is atomic on POSIX
and on NTFS for same-volume files).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from literacy_app.core.text import sha256


def atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def text_digest(text: str) -> str:
    """The `file_digest` of the file `atomic_write(path, text)` writes."""
    return sha256(text)


def file_digest(path: Path) -> str | None:
    """SHA-256 of the file's bytes, None when there is no file to read. Kept by a window that
    saves to a file it opened, to notice that something else wrote it meanwhile (another
    window of the app, a sync client) before writing over that."""
    try:
        return sha256(path.read_bytes())
    except OSError:
        return None
