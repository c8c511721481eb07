"""What every command shares: the error for a wrong call, and the check that a window can be
opened at all. Below both `cli.py` and the command modules, so that every import points down
(the commands used to import these from `cli`, which imports the commands: a circle)."""

from __future__ import annotations

import os
import sys

__all__ = ["UsageError", "require_display"]


class UsageError(Exception):
    """A problem with how the command was called, reported as one line on stderr."""


def require_display(screenshot: bool) -> None:
    """Called before any window. A screenshot needs no display, so it is drawn offscreen; a
    window does, and without one Qt aborts with a core dump instead of a message."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return
    unix_desktop = sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))
    if unix_desktop and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise UsageError(
            "no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set): "
            "run it in a desktop session, or pass --screenshot FILE.png, which needs none"
        )
