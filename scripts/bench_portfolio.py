"""The `portfolio` mode of scripts/bench.py: `python scripts/bench.py portfolio N [--runs 3] [--jobs 2]`.

Generates N varied, valid evidence files (scripts/portfolio_corpus.py), then times, side by side and
alternating, the floor (one process: CSafeLoader + `Evidence.model_validate` of every file, nothing else)
and `clusterkit portfolio DIR --format csv --jobs J`. Prints the medians, the time per file, the ratio to
the floor and the peak memory of the portfolio's process tree (parent plus workers, summed RSS sampled
every 50 ms; shared pages count once per process, so the figure is an upper bound).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from portfolio_corpus import generate

FLOOR = """
import sys, yaml
from pathlib import Path
from clusterkit.models.evidence import Evidence
for path in sorted(Path(sys.argv[1]).rglob("cluster.yaml")):
    Evidence.model_validate(yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader))
"""


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(item) for item in task.read_text().split()]
        except OSError:
            continue
    return found


def _rss(pid: int) -> int:
    """Resident bytes of a process, 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree_rss(pid: int) -> int:
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        total += _rss(current)
        pending += _children(current)
    return total


def timed(argv: list[str]) -> tuple[float, int]:
    """Wall seconds of a command and the peak summed RSS of its process tree."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, errors = process.communicate()
    elapsed = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}): {errors.decode()}")
    return elapsed, peak


def measure(folder: Path, count: int, runs: int, jobs: int) -> dict[str, float]:
    """Medians of ``runs`` alternating runs of the floor and the portfolio over ``folder``."""
    # the clusterkit beside this interpreter, as bench.py runs it, also when the venv is not activated
    beside = Path(sys.executable).parent / "clusterkit"
    clusterkit = str(beside) if beside.exists() else shutil.which("clusterkit") or "clusterkit"
    floor_argv = [sys.executable, "-c", FLOOR, str(folder)]
    portfolio_argv = [clusterkit, "portfolio", str(folder), "--format", "csv", "--jobs", str(jobs)]
    floors, portfolios, peaks = [], [], []
    for _ in range(runs):
        floors.append(timed(floor_argv)[0])
        elapsed, peak = timed(portfolio_argv)
        portfolios.append(elapsed)
        peaks.append(peak)
    floor, portfolio = statistics.median(floors), statistics.median(portfolios)
    return {
        "files": count,
        "floor_s": floor,
        "portfolio_s": portfolio,
        "per_file_ms": 1000 * portfolio / count,
        "floor_per_file_ms": 1000 * floor / count,
        "ratio": portfolio / floor,
        "peak_mib": max(peaks) / 2**20,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench.py portfolio", description=__doc__)
    parser.add_argument("count", type=int, help="how many evidence files to generate")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="clusterkit-portfolio-") as folder:
        generate(Path(folder), args.count)
        figures = measure(Path(folder), args.count, args.runs, args.jobs)
    print(
        f"| {figures['files']} files, --jobs {args.jobs}, median of {args.runs} "
        f"| floor {figures['floor_s']:.1f} s ({figures['floor_per_file_ms']:.1f} ms/file) "
        f"| portfolio {figures['portfolio_s']:.1f} s ({figures['per_file_ms']:.1f} ms/file) "
        f"| {figures['ratio']:.1f}× the floor | peak {figures['peak_mib']:.0f} MiB |"
    )
    return 0
