"""Saving replaces the file a name points at, and nothing else: a link is followed, and a device
or a pipe is written to as it is (renamed over, /dev/null would become an ordinary file for
every program on the machine: it happened once here, from `-o /dev/null`)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from literacy_app.formats.atomic import atomic_write, atomic_write_bytes


def test_dev_null_stays_a_device() -> None:
    atomic_write(Path("/dev/null"), "nothing to keep\n")
    atomic_write_bytes(Path("/dev/null"), b"%PDF-1.4")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_link_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no sibling left


def test_a_dangling_link_gets_its_target_written(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "later.json")
    atomic_write(link, "made")
    assert link.is_symlink()
    assert (tmp_path / "later.json").read_text(encoding="utf-8") == "made"


def test_a_pipe_with_a_reader_receives_the_text(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read)
    reader.start()
    for _ in range(200):  # until the reader has opened its end
        try:
            atomic_write(fifo, "through the pipe\n")
            break
        except OSError:
            threading.Event().wait(0.01)
    reader.join(5)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_pipe_nobody_reads_is_an_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="No such device or address"):  # ENXIO: no reader
        atomic_write(fifo, "nobody listens")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        atomic_write(tmp_path, "x")
