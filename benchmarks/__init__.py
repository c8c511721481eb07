"""Benchmarks: `python -m benchmarks` prints a table of medians against the issues' targets."""
