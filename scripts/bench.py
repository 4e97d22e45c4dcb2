"""Median wall times of the commands docs/performance.md reports: python scripts/bench.py [--runs N]."""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LARGEST = ROOT / "examples" / "nordic-maritime" / "cluster.yaml"
COMMANDS = {
    "clusterkit --help": ["--help"],
    "clusterkit validate examples/nordic-maritime/cluster.yaml": ["validate", str(LARGEST)],
    "clusterkit assess examples/nordic-maritime/cluster.yaml": ["assess", str(LARGEST)],
    "clusterkit assess examples/nordic-maritime/cluster.yaml --format json": [
        "assess",
        str(LARGEST),
        "--format",
        "json",
    ],
}


def median_seconds(argv: list[str], runs: int) -> float:
    """Median wall time of ``argv`` over ``runs`` runs, after one warm-up run."""
    times = []
    for n in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=False)
        if n:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    executable = shutil.which("clusterkit")
    if executable is None:
        print("clusterkit is not installed in this environment", file=sys.stderr)
        return 2
    for label, argv in COMMANDS.items():
        seconds = median_seconds([executable, *argv], args.runs)
        print(f"| `{label}` | {seconds * 1000:.0f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
