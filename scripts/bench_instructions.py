"""The `instructions` mode of scripts/bench.py: `python scripts/bench.py instructions`.

Counts the instructions each command of `bench.py` executes, with valgrind's callgrind (following the
child processes a command starts), after one warm-up run that fills the cache. On a shared machine wall
and CPU times move with the load; an instruction count does not (the same count on every run, with
PYTHONHASHSEED fixed), so it shows what a change saves where the timed table cannot tell 1.4x from 1.5x.
It is no substitute for the timed table: a start also waits on reading files, which costs time and few
instructions. Needs valgrind (`apt-get install valgrind`); about 20 seconds a command.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import CHILD_ENV, COMPARISON, ROOT, commands

COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(argv: list[str]) -> int:
    """Instructions executed by one run of ``argv`` and its children (callgrind's count)."""
    environ = {**CHILD_ENV, "PYTHONHASHSEED": "0"}
    warm = subprocess.run(argv, cwd=ROOT, env=environ, capture_output=True, check=False)
    if warm.returncode >= 2:
        raise SystemExit(f"bench.py: {' '.join(argv)} exited {warm.returncode}; fix it, then count")
    counted = subprocess.run(
        [
            *("valgrind", "--tool=callgrind", "--trace-children=yes"),
            "--callgrind-out-file=/dev/null",
            *argv,
        ],
        cwd=ROOT,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    totals = [int(found) for found in COLLECTED.findall(counted.stderr)]
    if not totals:
        raise SystemExit(f"bench.py: callgrind counted nothing for {' '.join(argv)}")
    return sum(totals)


def main(argv: list[str]) -> int:
    if argv:
        print("usage: python scripts/bench.py instructions", file=sys.stderr)
        return 2
    if shutil.which("valgrind") is None:
        print("bench.py instructions needs valgrind (apt-get install valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="clusterkit-bench-") as name:
        folder = Path(name)
        CHILD_ENV["CLUSTERKIT_CACHE_DIR"] = str(folder / "cache")
        compile_package = [sys.executable, "-m", "compileall", "-q", str(ROOT / "src")]
        subprocess.run(compile_package, env=CHILD_ENV, check=True, stdout=subprocess.DEVNULL)
        counts = {label: instructions(argv) for label, argv in commands(folder).items()}
    floor = counts["framework floor"]
    print("| command | M instructions | × framework floor | × its comparison |")
    print("|---|---|---|---|")
    for label, count in counts.items():
        against = COMPARISON.get(label)
        versus = f"{count / counts[against]:.2f} vs {against}" if against in counts else ""
        print(f"| `{label}` | {count / 1e6:,.1f} | {count / floor:.2f} | {versus} |")
    return 0
