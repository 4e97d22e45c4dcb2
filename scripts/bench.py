"""Times and ratios for docs/performance.md: python scripts/bench.py [--pairs N] | portfolio N | instructions.

Each round runs every command once, in an order that rotates from round to round, so a command and the
floors it is compared with run side by side under the same load; a ratio is taken within each round,
and the table shows the median and the range over the rounds. The floors: the import floor (the
interpreter importing typer, pydantic and yaml) and the framework floor (a typer app set up as
clusterkit's, with the options of `assess`, importing pydantic's BaseModel, yaml and rich, doing
nothing; for the HTML report also jinja2). Wall time is what the acceptance counts; CPU time (user
and system, of the child) is shown beside it because it moves less when the machine is shared.
Children run with compiled bytecode as a wheel install has it (the package is compiled first, and
PYTHONDONTWRITEBYTECODE is dropped), and with a cache folder of their own, filled by the warm-up round. `validate` is compared with check-jsonschema on the same file (`pip install -e ".[bench]"`).
The strict YAML loader is compared with `yaml.load(..., CSafeLoader)` on a generated 4 MiB file, in
one interpreter, alternating.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

Times = dict[str, list[float]]

ROOT = Path(__file__).resolve().parents[1]
MATURE = "examples/nordic-maritime/cluster.yaml"
BIN = Path(sys.executable).parent

FRAMEWORK_FLOOR = '''
"""A typer app set up as clusterkit's, with the options of `assess`, importing its libraries; no work."""
from pathlib import Path
from typing import Annotated, Optional

import typer
import yaml
from pydantic import BaseModel
from rich.console import Console
{extra}
app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


@app.callback()
def main(debug: bool = False) -> None:
    pass


@app.command()
def assess(
    file: Annotated[Path, typer.Argument()] = Path("cluster.yaml"),
    criteria: Annotated[Optional[list[str]], typer.Option("--criteria", "-c")] = None,
    level: Annotated[Optional[list[str]], typer.Option("--level", "-l")] = None,
    today: Annotated[Optional[str], typer.Option("--today")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f")] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o")] = None,
) -> None:
    pass


app()
'''

LOADER_PAIRS = """
import gc, statistics, sys, time, yaml
from clusterkit.load.yamlfile import load_text
text = open(sys.argv[1], encoding="utf-8").read()
ratios, strict_times, c_times = [], [], []
for n in range(int(sys.argv[2]) + 1):
    gc.collect()
    start = time.perf_counter()
    load_text(text, "big.yaml")
    strict = time.perf_counter() - start
    gc.collect()
    start = time.perf_counter()
    yaml.load(text, Loader=yaml.CSafeLoader)
    c = time.perf_counter() - start
    if n:  # the first pair warms the caches
        ratios.append(strict / c)
        strict_times.append(strict)
        c_times.append(c)
print(*strict_times)
print(*c_times)
print(*ratios)
"""


def large_file(limit: int) -> str:
    """A valid evidence-like file of at most ``limit`` bytes and under the loader's node limit."""
    parts = ["schema_version: 1\ncluster:\n  name: Generated cluster\nservices:\n"]
    size, n = len(parts[0]), 0
    while True:
        item = (
            f"  - name: Service {n} for the members of the generated cluster organisation\n"
            f"    description: >-\n"
            f"      A long description of service {n}, written out so that the file is large\n"
            f"      and each value carries text the way a real evidence file does, with words and\n"
            f"      more words about matchmaking, training, internationalisation and the rest.\n"
            f"    started: 2024-0{n % 9 + 1}-1{n % 9}\n"
            f"    users: {n * 7 % 500}\n"
        )
        if size + len(item.encode()) > limit:
            return "".join(parts)
        parts.append(item)
        size += len(item.encode())
        n += 1


def commands(folder: Path) -> dict[str, list[str]]:
    """What is timed, by the label the table shows."""
    floor = folder / "framework_floor.py"
    floor.write_text(FRAMEWORK_FLOOR.format(extra=""), encoding="utf-8")
    floor_jinja = folder / "framework_floor_jinja2.py"
    floor_jinja.write_text(FRAMEWORK_FLOOR.format(extra="import jinja2\n"), encoding="utf-8")
    clusterkit = str(BIN / "clusterkit")
    found = {
        "import floor": [sys.executable, "-c", "import typer, pydantic, yaml"],
        "framework floor": [sys.executable, str(floor), "assess", MATURE],
        "framework floor + jinja2": [sys.executable, str(floor_jinja), "assess", MATURE],
        "assess": [clusterkit, "assess", MATURE],
        "assess --format json": [clusterkit, "assess", MATURE, "-f", "json"],
        "validate": [clusterkit, "validate", MATURE],
        "report --format html": [
            *(clusterkit, "report", MATURE, "-f", "html"),
            *("-o", str(folder / "report.html")),
        ],
        "report --format md": [clusterkit, "report", MATURE, "-f", "md"],
    }
    checker = BIN / "check-jsonschema"
    if checker.exists():
        schema = "docs/schema/evidence.schema.json"
        found["check-jsonschema"] = [str(checker), "--schemafile", schema, MATURE]
    return found


CHILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def timed_run(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        argv,
        cwd=ROOT,
        env=CHILD_ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    wall = time.perf_counter() - start
    # Exit 1 is a verdict (a level not reached); 2 or more is a usage error or a crash, which is no
    # measurement: the framework floor once timed typer's usage error instead of a command that runs.
    if done.returncode >= 2:
        raise SystemExit(
            f"bench.py: {' '.join(argv)} exited {done.returncode}; fix it, then measure"
        )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def rounds(timed: dict[str, list[str]], pairs: int) -> tuple[Times, Times]:
    """Wall and CPU seconds per command per round, after one warm-up round; the order rotates."""
    labels = list(timed)
    wall: Times = {label: [] for label in labels}
    cpu: Times = {label: [] for label in labels}
    for n in range(pairs + 1):
        shift = n % len(labels)
        for label in labels[shift:] + labels[:shift]:
            seconds, used = timed_run(timed[label])
            if n:
                wall[label].append(seconds)
                cpu[label].append(used)
    return wall, cpu


def spread(values: list[float], scale: float = 1.0, digits: int = 0) -> str:
    median = statistics.median(values) * scale
    return (
        f"{median:.{digits}f} ({min(values) * scale:.{digits}f}–{max(values) * scale:.{digits}f})"
    )


def ratio(times: Times, label: str, floor: str) -> str:
    if floor not in times:
        return "—"
    return spread([a / b for a, b in zip(times[label], times[floor], strict=True)], digits=2)


COMPARISON = {
    "validate": "check-jsonschema",
    "report --format html": "framework floor + jinja2",
    "report --format md": "framework floor + jinja2",
}


def command_table(wall: Times, cpu: Times) -> list[str]:
    lines = [
        "| command | wall ms | × import floor | × framework floor | × its comparison "
        "| CPU ms | CPU × framework floor | CPU × its comparison |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label in wall:
        against = COMPARISON.get(label)
        versus = f"{ratio(wall, label, against)} vs {against}" if against else ""
        cpu_versus = ratio(cpu, label, against) if against else ""
        lines.append(
            f"| `{label}` | {spread(wall[label], 1000)} | {ratio(wall, label, 'import floor')} "
            f"| {ratio(wall, label, 'framework floor')} | {versus} "
            f"| {spread(cpu[label], 1000)} | {ratio(cpu, label, 'framework floor')} | {cpu_versus} |"
        )
    return lines


def loader_table(folder: Path, pairs: int) -> list[str]:
    big = folder / "big.yaml"
    text = large_file(4 * 1024 * 1024)
    big.write_text(text, encoding="utf-8")
    output = subprocess.run(
        [sys.executable, "-c", LOADER_PAIRS, str(big), str(pairs)],
        env=CHILD_ENV,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.splitlines()
    strict, c, ratios = ([float(value) for value in line.split()] for line in output)
    size = len(text.encode()) / 1024 / 1024
    return [
        f"| strict loader, {size:.2f} MiB file | {spread(strict, 1000)} ms |",
        f"| `yaml.load(..., CSafeLoader)`, same file | {spread(c, 1000)} ms |",
        f"| strict / CSafeLoader | {spread(ratios, digits=2)} |",
    ]


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == [
        "portfolio"
    ]:  # `bench.py portfolio N`: its own arguments, in its own module
        sys.path.insert(0, str(ROOT / "scripts"))
        from bench_portfolio import main as portfolio_main

        return portfolio_main(arguments[1:])
    if arguments[:1] == ["instructions"]:  # `bench.py instructions`: counted, not timed
        sys.path.insert(0, str(ROOT / "scripts"))
        from bench_instructions import main as instructions_main

        return instructions_main(arguments[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=11, help="rounds timed (after one warm-up)")
    args = parser.parse_args(argv)
    if not (BIN / "clusterkit").exists():
        print(f"clusterkit is not installed beside {sys.executable}", file=sys.stderr)
        return 2
    before = load_average()
    with tempfile.TemporaryDirectory(prefix="clusterkit-bench-") as name:
        folder = Path(name)
        CHILD_ENV["CLUSTERKIT_CACHE_DIR"] = str(folder / "cache")  # filled by the warm-up round
        timed = commands(folder)
        # As a wheel install has them: bytecode compiled once, not by every run.
        compile_package = [sys.executable, "-m", "compileall", "-q", str(ROOT / "src")]
        subprocess.run(compile_package, env=CHILD_ENV, check=True, stdout=subprocess.DEVNULL)
        wall, cpu = rounds(timed, args.pairs)
        lines = [*command_table(wall, cpu), "", "| loader | median (min–max) |", "|---|---|"]
        lines += loader_table(folder, args.pairs)
    print("\n".join(lines))
    print(
        f"\n{args.pairs} rounds (medians, min–max); load average {before} before, {load_average()} after"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
