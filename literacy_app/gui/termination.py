"""Termination signals: SIGTERM (`kill`, logout, shutdown) and SIGHUP (the terminal that
started the app closes).

Python's default ends the process on the spot, between two autosaves, which loses the edits
of the last 0.4 s. Here the pending work is written to the recovery files at once, and then
the app ends as a crash would (no questions, recovery files kept), so the next start offers
the work back.

Python runs a signal handler only when the interpreter gets control, and Qt's event loop may
sleep in C++ for as long as nobody touches the app; the signal module's wake-up descriptor,
watched by a QSocketNotifier, wakes the loop so the handler runs at once.
"""

from __future__ import annotations

import os
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSocketNotifier

SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
_ALIVE: list[object] = []  # the wake-up sockets and their notifier, for the process's life


def flush_on_termination(app: QCoreApplication, flush: Callable[[], None]) -> None:
    """On SIGTERM or SIGHUP, call `flush` (write what is unsaved to recovery files), then exit
    with the status a shell gives a process killed by that signal (128 + its number)."""
    receiver, sender = socket.socketpair()
    receiver.setblocking(False)
    sender.setblocking(False)
    signal.set_wakeup_fd(sender.fileno())
    notifier = QSocketNotifier(receiver.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda *_: _drain(receiver))
    _ALIVE.extend((receiver, sender, notifier))

    def terminate(number: int, _frame: object) -> None:
        try:
            flush()
        finally:
            os._exit(128 + number)  # as a crash: no close events, no "save?" during a logout

    for number in SIGNALS:
        signal.signal(number, terminate)


def _drain(receiver: socket.socket) -> None:
    try:
        while receiver.recv(64):
            pass
    except OSError:  # nothing more to read: the handler has already run
        pass
