"""A progress bar on the terminal, for commands that read a whole district's files."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from literacy_app.i18n import _

WIDTH = 30
INTERVAL = 0.1  # seconds between redraws: more is flicker, and costs time on slow terminals


class Bar:
    """`bar(done, total)` redraws one line on `stream` (stderr); `clear()` wipes it, so the
    messages printed after it start on a clean line. Draws nothing unless `stream` is a
    terminal: a log file or a pipe gets no carriage returns."""

    def __init__(self, label: str | None = None, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.label = _("grading") if label is None else label
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self._drawn = 0.0
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        if done < total and now - self._drawn < INTERVAL:
            return
        self._drawn = now
        filled = WIDTH * done // total
        files = _("{done}/{total} files").format(done=f"{done:,}", total=f"{total:,}")
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] {files}")
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False
