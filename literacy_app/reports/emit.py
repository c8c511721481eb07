"""Where a report goes: stdout, or a file replaced atomically."""

from __future__ import annotations

import sys
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
