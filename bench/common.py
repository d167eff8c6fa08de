"""Shared helpers for the benchmarks: medians of repeated subprocess runs."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def runs_from_arguments(default: int = 5) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=default, help="how many runs to take the median of")
    return parser.parse_args().runs


def median_seconds(command: list[str], runs: int = 5, cwd: Path = ROOT, before=None) -> float:
    """Median wall time of `runs` runs of `command` (each must succeed);
    `before`, if given, is called before each run, untimed."""
    times = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)
