"""`python -m benchmarks`: every benchmark, a table of medians (with min and max) against the
targets in the issues, each row PASS or MISS.

`python -m benchmarks --quick` is CI's guard (`make bench-quick`): grading, SemEval, the
class review and the lesson library at smaller sizes, with limits three times the targets, in
well under a minute, so that a tenfold slow-down cannot land; it exits 1 when a row misses. The
editing and start-up benchmarks run in fresh processes of their own (nothing warm from another
benchmark).
"""

from __future__ import annotations

import json
import subprocess
import sys

from benchmarks import bench_grading, bench_library, bench_review
from benchmarks.common import HEADER, Row, legacy

_FRESH = "import json, sys; from benchmarks import {0}; print(json.dumps({0}.run()))"


def _fresh(module: str) -> list[Row]:
    """A benchmark that reports (name, value, target), run in a new interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", _FRESH.format(module)],
        check=True,
        capture_output=True,
        text=True,
    )
    return legacy([tuple(row) for row in json.loads(done.stdout.strip().splitlines()[-1])])


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    print(HEADER, flush=True)
    rows: list[Row] = []
    parts = [
        lambda: bench_grading.run(quick),
        lambda: bench_review.run(quick),
        lambda: bench_library.run(quick),  # fresh processes of its own, a few seconds
    ]
    if not quick:
        parts += [lambda: _fresh("bench_editing"), lambda: _fresh("bench_startup")]
    for part in parts:
        for row in part():
            print(row.line(), flush=True)
            rows.append(row)
    missed = [row.name for row in rows if row.passed is False]
    if missed:
        print(f"\n{len(missed)} row(s) MISS: " + "; ".join(missed))
    return 1 if quick and missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
