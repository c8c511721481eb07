"""Where a report goes: stdout, or a file replaced atomically; whole, or in parts."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from literacy_app.reports.cells import scrub


def emit(text: str, destination: str | None, binary: bool = False) -> None:
    """Write `text` to `destination` ("-" or None: stdout).

    A file is written whole or not at all (formats/atomic.py), as UTF-8 with the line ends
    given. `binary` writes stdout's bytes directly: CSV rows end in CRLF already, and a
    text-mode stdout on Windows would make that CR CR LF. Lone surrogates (from hostile JSON)
    become U+FFFD here, so one bad name never stops the report. Raises OSError when the file
    cannot be written; the caller says which file.
    """
    from literacy_app.formats.atomic import atomic_write

    text = scrub(text)
    if destination is not None and destination != "-":
        atomic_write(Path(destination), text)
        return
    buffer = getattr(sys.stdout, "buffer", None)
    if binary and buffer is not None:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        sys.stdout.write(text)


def emit_parts(parts: Iterable[str], destination: str | None) -> None:
    """`emit` for a report too large to hold as one string (a district's JSON): written as the
    parts come, to stdout or to a sibling of the file that replaces it once complete, so a
    reader never sees half a report. Text mode only (JSON and tables, never CSV)."""

    if destination is None or destination == "-":
        for part in parts:
            sys.stdout.write(scrub(part))
        sys.stdout.flush()
        return
    from literacy_app.formats.atomic import atomic_file

    with atomic_file(Path(destination)) as handle:
        for part in parts:
            handle.write(scrub(part))


class Spool:
    """Texts parked in a temporary file until the report is written: each `put` returns where
    its text is, `get` reads it back. Ten thousand JSON entries of 60 kB each would otherwise
    be 600 MB held in memory at once."""

    def __init__(self) -> None:
        # closed by close() or the with block; deleted on close, even after a crash (POSIX)
        self._file = tempfile.TemporaryFile()  # noqa: SIM115
        self._end = 0

    def put(self, text: str) -> tuple[int, int]:
        data = text.encode("utf-8", "surrogatepass")
        self._file.seek(self._end)
        self._file.write(data)
        place = (self._end, len(data))
        self._end += len(data)
        return place

    def get(self, place: tuple[int, int]) -> str:
        self._file.seek(place[0])
        return self._file.read(place[1]).decode("utf-8", "surrogatepass")

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
