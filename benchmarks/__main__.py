"""`python -m benchmarks`: every benchmark, medians against the targets in the issues."""

from __future__ import annotations

from benchmarks import bench_grading, bench_review


def main() -> None:
    rows = bench_grading.run()
    rows.extend(bench_review.run())
    try:
        from benchmarks import bench_startup
    except ImportError:
        bench_startup = None
    if bench_startup is not None:
        rows.extend(bench_startup.run())
    for name, value, target in rows:
        unit = " x" if "ratio" in name else " s"  # the start-up ratio has no unit
        verdict = "" if target is None else ("ok" if value < target else "SLOW")
        limit = f"{target:8.3f}{unit}" if target else "        -  "
        print(f"{name:<62} {value:8.3f}{unit}   target {limit}  {verdict}")


if __name__ == "__main__":
    main()
