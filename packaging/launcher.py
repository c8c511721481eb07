"""The bundle's entry point: the same CLI as `literacy-app`, run as a frozen program.

A script rather than literacy_app/__main__.py because a frozen program must call
`freeze_support()` before anything else: the class review's worker pool starts this very
executable again under the spawn method (Windows, macOS, and Linux once Qt is running), and
without it each worker would run the CLI instead of doing its share (it hangs the review).
"""

import multiprocessing
import sys
from pathlib import Path

#: The windowed program of the Windows and macOS bundles (packaging/literacy-app.spec).
WINDOWED = "Media Literacy Lab"


def arguments() -> list[str]:
    """The command line, with `open` put first for the windowed program: a file association
    or the Finder (through argv emulation) hands it a bare file name, which the CLI would take
    for an unknown command, and a program without a console cannot even say so."""
    given = sys.argv[1:]
    if Path(sys.executable).stem == WINDOWED and given and given[0] != "open":
        return ["open", *given]
    return given


if __name__ == "__main__":
    multiprocessing.freeze_support()
    from literacy_app.cli import main

    sys.exit(main(arguments()))
