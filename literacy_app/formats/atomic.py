"""Saving without ever leaving a half-written file: write a sibling, flush to disk, rename.

A full disk or a crash mid-write leaves the previous file untouched (rename is atomic on POSIX
and on NTFS for same-volume files). The sibling is created the way `open()` creates a file, so
the kernel applies the user's umask to it (a lesson folder shared with colleagues stays
readable to them; `tempfile.mkstemp` would make every saved file 0600), and a file that is
replaced keeps the permissions its owner gave it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from literacy_app.core.text import sha256
from literacy_app.i18n import _

_ATTEMPTS = 100
# O_BINARY: Windows would otherwise turn every "\n" written into "\r\n" at the descriptor.
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def create_sibling(path: Path, suffix: str = ".tmp") -> tuple[int, Path]:
    """A new, empty hidden file beside `path`, opened for writing: (descriptor, its path).

    Mode 0o666 filtered by the umask, as any program's new file; O_EXCL, so a name another
    process (or an attacker) already holds is never reused."""
    for _attempt in range(_ATTEMPTS):
        candidate = path.parent / f".{path.name}.{os.urandom(4).hex()}{suffix}"
        try:
            return os.open(candidate, _CREATE, 0o666), candidate
        except FileExistsError:
            continue
    raise FileExistsError(
        _("{folder}: could not create a temporary file beside {name}").format(
            folder=path.parent, name=path.name
        )
    )


def create_sibling_folder(path: Path, suffix: str = ".tmp") -> Path:
    """A new, empty hidden folder beside `path` (0o777 filtered by the umask, as `mkdir`
    makes it, where `tempfile.mkdtemp` would make it 0700): renamed into place once filled."""
    for _attempt in range(_ATTEMPTS):
        candidate = path.parent / f".{path.name}.{os.urandom(4).hex()}{suffix}"
        try:
            candidate.mkdir(0o777)
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(
        _("{folder}: could not create a temporary folder beside {name}").format(
            folder=path.parent, name=path.name
        )
    )


def keep_mode(temporary: Path, path: Path) -> None:
    """Give `temporary` the permission bits of the file it is about to replace, if any."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return  # nothing there yet: the umask already decided
    with contextlib.suppress(OSError):  # a file system without modes (FAT, some shares)
        os.chmod(temporary, mode)


@contextlib.contextmanager
def atomic_file(path: Path, binary: bool = False, private: bool = False) -> Iterator[IO[Any]]:
    """A handle on a sibling of `path` that replaces `path` when the block ends, or vanishes
    if the block raises: the one write-then-rename every save, report and PDF goes through.

    `private` files (recovery files: a student's unsaved work, in their own data folder) are
    readable by their owner alone, whatever the umask; others keep the mode of the file they
    replace (see above).

    What the name points at is written, never replaced: a symbolic link is followed (its target
    gets the new text, the link stays), and a device or a pipe (`-o /dev/null`, `/dev/stdout`, a
    FIFO) is written to as it is: renamed over, /dev/null would become an ordinary file for
    every program on the machine."""
    path = Path(os.path.realpath(path)) if os.path.islink(path) else path
    try:
        kind = os.stat(path).st_mode
    except OSError:
        kind = None
    if kind is not None and stat.S_ISDIR(kind):
        raise IsADirectoryError(21, "Is a directory", str(path))
    if kind is not None and not stat.S_ISREG(kind):
        with _opened_special(path, kind, binary) as special:
            yield special
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = create_sibling(path)
    try:
        if private:
            with contextlib.suppress(OSError):  # a file system without modes
                os.chmod(temporary, 0o600)
        handle: IO[Any]
        if binary:
            handle = os.fdopen(descriptor, "wb")
        else:
            handle = os.fdopen(descriptor, "w", encoding="utf-8", newline="\n")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if not private:
            keep_mode(temporary, path)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _opened_special(path: Path, kind: int, binary: bool) -> IO[Any]:
    """A device or a pipe opened for writing. A pipe nobody reads is an error at once (opened
    without waiting, which would otherwise hang until a reader came), then written as usual."""
    flags = os.O_WRONLY | (os.O_NONBLOCK if stat.S_ISFIFO(kind) else 0)
    descriptor = os.open(path, flags)
    os.set_blocking(descriptor, True)
    if binary:
        return os.fdopen(descriptor, "wb")
    return os.fdopen(descriptor, "w", encoding="utf-8", newline="\n")


def atomic_write(path: Path, text: str, private: bool = False) -> None:
    with atomic_file(path, private=private) as handle:
        handle.write(text)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_file(path, binary=True) as handle:
        handle.write(data)


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
