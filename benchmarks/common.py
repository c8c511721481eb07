"""What every benchmark shares: a row of the table (median, min, max against a target), timing
a command in a fresh process with the peak memory of its whole process tree, and classes of
submission files written fast enough that a 10,000-file district takes seconds to set up."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from literacy_app.core.submission import Student, Submission
from literacy_app.formats import native


@dataclass
class Row:
    """One line of `make bench`: the runs' median against `target` (None: shown, not judged).
    `higher` rows pass at or above the target (speed-ups); the others below it."""

    name: str
    values: list[float]
    target: float | None = None
    unit: str = "s"
    higher: bool = False

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def passed(self) -> bool | None:
        if self.target is None:
            return None
        return self.median >= self.target if self.higher else self.median < self.target

    def line(self) -> str:
        verdict = {None: "", True: "PASS", False: "MISS"}[self.passed]
        sign = ">=" if self.higher else "<"
        target = f"{sign} {self.target:g} {self.unit}" if self.target is not None else "-"
        low, middle, high = (_number(v) for v in (min(self.values), self.median, max(self.values)))
        return f"{self.name:<66} {middle} {low} {high} {self.unit:<4} {target:>13}  {verdict}"


def _number(value: float) -> str:
    """Nine characters; tiny values (differences between scorers) in scientific notation."""
    return f"{value:9.3f}" if value == 0 or abs(value) >= 0.001 else f"{value:9.1e}"


HEADER = f"{'benchmark':<66} {'median':>9} {'min':>9} {'max':>9} {'':<4} {'target':>13}"


def legacy(rows: Sequence[tuple[str, float, float | None]]) -> list[Row]:
    """Rows from benchmarks that report (name, value, target)."""
    out = []
    for name, value, target in rows:
        unit = "x" if "ratio" in name else ("MB" if "memory" in name else "s")
        out.append(Row(name, [value], target, unit))
    return out


def peak_rss_mib() -> float:
    """This process's peak resident memory. On Linux, VmHWM from /proc: getrusage's ru_maxrss
    is carried across fork and exec, so a benchmark started by `python -m benchmarks` would
    report the parent's size (a class of 5,000 held in memory) instead of its own."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(function: Callable[[], object], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return times


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and all its descendants (Linux /proc; 0 elsewhere)."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return 0
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry))
    total, stack = 0, [root]
    page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
                total += int(handle.read().split()[1]) * page
        except (OSError, ValueError, IndexError):
            pass
        stack.extend(children.get(pid, ()))
    return total


def run_measured(
    command: Sequence[str], env: dict[str, str] | None = None, memory: bool = True
) -> tuple[float, float]:
    """(seconds, peak MiB of the process tree) for one run of `command`, which must succeed
    or exit 1 (files left out). The tree is sampled every 20 ms: pool workers count too.
    Each sample reads every process's /proc entry (about 1 ms of CPU): a row that reports only
    time says `memory=False` (peak 0), so that the sampling does not take CPU the command's own
    processes need on a machine with two cores."""
    began = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or os.environ.copy()
    )
    peak = 0
    if memory:
        while process.poll() is None:
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.02)
    else:
        process.wait()
    seconds = time.perf_counter() - began
    errors = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}): {errors[-2000:]}")
    return seconds, peak / 2**20


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "literacy_app", *args]


def write_copies(folder: Path, bases: Sequence[Submission], count: int) -> None:
    """`count` files, student i handing in base i % len(bases) under a name and id of their
    own (so nobody is set aside as a resubmission). Written from one JSON text per base with
    the student swapped in, which is what makes 10,000 files quick to set up."""
    folder.mkdir(parents=True, exist_ok=True)
    templates = []
    for base in bases:
        data = native.submission_to_dict(
            Submission(
                base.marks,
                lesson=base.lesson,
                article_sha256=base.article_sha256,
                student=Student("@@NAME@@", "@@ID@@"),
                created=base.created,
                modified=base.modified,
                app_version=base.app_version,
                attempts=base.attempts,
            )
        )
        templates.append(json.dumps(data))
    for index in range(count):
        text = templates[index % len(templates)]
        text = text.replace("@@NAME@@", f"Student {index:05d}").replace("@@ID@@", f"s{index:05d}")
        (folder / f"s{index:05d}.json").write_text(text, encoding="utf-8")
