"""Median wall times for docs/performance.md: python scripts/bench.py [--runs N].

Three kinds of figure: whole commands as a user runs them (interpreter start, imports and work), the
assessment alone in a fresh interpreter (load the evidence and packs, score, render; imports done),
and the same once the interpreter has done it before (warm).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LARGEST = "examples/nordic-maritime/cluster.yaml"
COMMANDS = {
    "python -c pass (the interpreter alone)": [sys.executable, "-c", "pass"],
    "clusterkit --help": ["clusterkit", "--help"],
    f"clusterkit validate {LARGEST}": ["clusterkit", "validate", LARGEST],
    f"clusterkit assess {LARGEST}": ["clusterkit", "assess", LARGEST],
    f"clusterkit assess {LARGEST} --format json": ["clusterkit", "assess", LARGEST, "-f", "json"],
    f"clusterkit report {LARGEST} --format html -o /tmp/r.html": [
        "clusterkit",
        "report",
        LARGEST,
        "-f",
        "html",
        "-o",
        "/tmp/clusterkit-bench-report.html",
    ],
}
# Imports first, then time one assessment of the largest example, as a command would do it.
ASSESS_ONLY = f"""
import time
from pathlib import Path
from clusterkit.pipeline import load_evidence, run
from clusterkit.render import render
import clusterkit.cli.table, rich.console
start = time.perf_counter()
render(run(load_evidence(Path({LARGEST!r}))), "table")
print(time.perf_counter() - start)
"""


def median_command(argv: list[str], runs: int) -> float:
    """Median wall time of a command over ``runs`` runs, after one warm-up run (disk cache)."""
    times = []
    for n in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=False, cwd=ROOT)
        if n:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_assessment(runs: int) -> tuple[float, float]:
    """Median seconds of one assessment in a fresh interpreter, and of one in a warm interpreter."""
    cold = [
        float(
            subprocess.run(
                [sys.executable, "-c", ASSESS_ONLY],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            ).stdout
        )
        for _ in range(runs)
    ]
    sys.path.insert(0, str(ROOT / "src"))
    from clusterkit.pipeline import load_evidence, run
    from clusterkit.render import render

    warm = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        render(run(load_evidence(ROOT / LARGEST)), "table")
        warm.append(time.perf_counter() - start)
    return statistics.median(cold), statistics.median(warm[1:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if shutil.which("clusterkit") is None:
        print("clusterkit is not installed in this environment", file=sys.stderr)
        return 2
    for label, argv in COMMANDS.items():
        print(f"| `{label}` | {median_command(argv, args.runs) * 1000:.0f} ms |")
    cold, warm = median_assessment(args.runs)
    print(
        f"| assessment of {LARGEST} in a fresh interpreter (imports done) | {cold * 1000:.0f} ms |"
    )
    print(f"| assessment of {LARGEST}, warm interpreter | {warm * 1000:.0f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
