"""A JSON file read for validation: its text, its data and where each value stands."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.text import decode
from literacy_app.formats import json_source, limits
from literacy_app.formats.json_source import Position
from literacy_app.i18n import N_, _

_KINDS = (
    (stat.S_ISFIFO, N_("a named pipe (FIFO), not an ordinary file: refusing to read it")),
    (stat.S_ISCHR, N_("a character device, not an ordinary file: refusing to read it")),
    (stat.S_ISBLK, N_("a block device, not an ordinary file: refusing to read it")),
    (stat.S_ISSOCK, N_("a socket, not an ordinary file: refusing to read it")),
)
_NOT_A_FILE = N_("not a file, not an ordinary file: refusing to read it")


def read_bytes(path: Path, limit: int = limits.MAX_FILE_BYTES) -> bytes:
    """A regular file's bytes, at most `limit` of them; anything else is a FormatError that
    names the file (see `open_regular`).

    Read from the checked descriptor in pieces the size the file says it has (plus one, to
    see that it ended): asking a buffered reader for `limit + 1` bytes made it set aside the
    whole limit, tens of megabytes, for every small submission of a class."""
    descriptor, info = _open_checked(path, limit)
    try:
        pieces: list[bytes] = []
        size = 0
        while True:
            piece = os.read(descriptor, max(info.st_size + 1 - size, _PIECE))
            if not piece:
                break
            pieces.append(piece)
            size += len(piece)
            if size > limit:  # it grew while being read
                raise FormatError.single(path, _too_large(size, limit))
    except OSError as err:
        raise FormatError.single(path, _cannot_read(err)) from None
    finally:
        os.close(descriptor)
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)


# What a file that grows while it is read is read in, beyond the size it had.
_PIECE = 64 * 1024


def open_regular(path: Path, limit: int = limits.MAX_FILE_BYTES) -> BinaryIO:
    """A regular file of at most `limit` bytes, open for reading; anything else is a
    FormatError that names the file. For readers that seek rather than read it whole (a zip)."""
    descriptor, _info = _open_checked(path, limit)
    return os.fdopen(descriptor, "rb")


def _open_checked(path: Path, limit: int) -> tuple[int, os.stat_result]:
    """An open descriptor on a regular file of at most `limit` bytes, and its status.

    Opened without blocking and checked after opening (`fstat` of what was opened, so a file
    swapped for a FIFO in between is still caught): a FIFO or a device, or a link to one,
    would otherwise block forever or feed bytes without end."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise FormatError.single(path, _("file not found")) from None
    except IsADirectoryError:
        raise FormatError.single(path, _("expected a file, found a folder")) from None
    except OSError as err:
        if os.path.isdir(path):  # Windows refuses to open a folder with a permission error
            raise FormatError.single(path, _("expected a file, found a folder")) from None
        raise FormatError.single(path, _cannot_read(err)) from None
    except ValueError:  # a NUL in the name: no file can have it
        raise FormatError.single(path, _("file not found")) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise FormatError.single(path, _("expected a file, found a folder"))
        if not stat.S_ISREG(info.st_mode):
            refusal = next((why for test, why in _KINDS if test(info.st_mode)), _NOT_A_FILE)
            raise FormatError.single(path, _(refusal))
        if info.st_size > limit:
            raise FormatError.single(path, _too_large(info.st_size, limit))
    except OSError as err:
        os.close(descriptor)
        raise FormatError.single(path, _cannot_read(err)) from None
    except FormatError:
        os.close(descriptor)
        raise
    return descriptor, info


def _cannot_read(err: OSError) -> str:
    return _("cannot read: {reason}").format(reason=err.strerror or err)


def _too_large(size: int, limit: int) -> str:
    return _(
        "too large to read ({size:.1f} MiB; the limit for this file is {limit:.0f} MiB, "
        "see docs/formats.md)"
    ).format(size=size / limits.MiB, limit=limit / limits.MiB)


def read_text(path: Path, limit: int = limits.MAX_FILE_BYTES) -> str:
    """Read a UTF-8 file (BOM allowed), turning OS errors into a FormatError with the file."""
    text = decode(read_bytes(path, limit), path)
    return text[1:] if text.startswith("\ufeff") else text


@dataclass
class JsonDocument:
    file: str
    text: str
    data: Any
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> JsonDocument:
        return cls.parse(read_text(path, limits.MAX_JSON_BYTES), str(path))

    @classmethod
    def parse(cls, text: str, file: str) -> JsonDocument:
        try:
            return cls(file, text, json_source.parse(text, file))
        except RecursionError:  # deep enough for the parser, too deep for a walk after it
            raise FormatError.single(file, _("invalid JSON: nested too deeply")) from None

    @cached_property
    def _positions(self) -> dict[tuple[str | int, ...], Position]:
        try:
            return json_source.source_map(self.text)
        except (IndexError, ValueError, RecursionError):  # no places, still the message
            return {}

    def locate(self, path: tuple[str | int, ...]) -> Position:
        while path not in self._positions and path:
            path = path[:-1]
        return self._positions.get(path, Position(1, 1))

    def problem(
        self, path: tuple[str | int, ...], message: str, severity: str = "error"
    ) -> Problem:
        position = self.locate(path)
        return Problem(
            self.file,
            message,
            position.line,
            position.column,
            json_source.format_path(path),
            severity,
        )

    def error(self, path: tuple[str | int, ...], message: str) -> None:
        self.problems.append(self.problem(path, message))

    def warn(self, path: tuple[str | int, ...], message: str) -> None:
        self.problems.append(self.problem(path, message, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise FormatError(self.problems)
