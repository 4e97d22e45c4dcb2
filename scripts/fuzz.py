"""Fuzz the whole pipeline with mutated evidence files: python scripts/fuzz.py --minutes N.

A hypothesis-based mutator starts from the example files (and the valid corpus) and applies a few of:
byte flips, line deletions, duplications and swaps, indentation changes, and scalar swaps (a value
replaced by one known to be hard: `true`, a 400-digit number, `0001-01-01`, an escape sequence, a path out
of the repository...). Every mutant goes through load, validate, the document facts and the assessment;
one in RENDER_EVERY also through every renderer. The project's own input errors (exit 2) are the
expected outcome of a bad file; any other exception is a crash. Hypothesis shrinks a crash to its
smallest mutant, which is written to ``--out`` (default ``fuzz-crashes/``) as a reproducer: run
``clusterkit validate`` and ``clusterkit report`` on it. Each crash found becomes a case in
``tests/data/invalid/`` with its expected message.

The run prints the iterations, their rate and the crashes; exit 1 when there was a crash. The test suite
runs the same loop with a small budget (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import shutil
import sys
import tempfile
import time
import traceback
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
RENDER_EVERY = 25
CHUNK = 200  # examples per hypothesis run; the loop starts runs until the time is up
TODAY = dt.date(2026, 10, 1)

# Values known to be hard for a loader, a model or a scorer; a scalar swap puts one in place of a value.
HARD_SCALARS = (
    "true",
    "false",
    '"5"',
    "1.0",
    "-1",
    "0",
    "9" * 400,
    "1e400",
    "-1e308",
    ".nan",
    ".inf",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "1899-12-31",
    "2201-01-01",
    '"\\e]0;TITLE\\a"',
    '"line\\nbreak"',
    '"\\0"',
    '"\\r"',
    "/etc/passwd",
    "../outside.md",
    "docs/" + "n" * 300 + ".md",
    "~",
    "[]",
    "{}",
    "[1, 2]",
    "!!binary aGk=",
    "!!python/object:os.system x",
    "*undefined",
    "&anchor value",
    "esca-gold",
    "no-such-pack",
    "4.1.44",
    "yes",
    "NO",
    "0150",
    "12:30",
    "'",
    '"',
    "- item",
    "key: value",
    "x" * 1000,
)


@dataclass
class Tally:
    """What one fuzzing session did."""

    iterations: int = 0
    rendered: int = 0
    input_errors: int = 0
    crashes: dict[str, str] = field(default_factory=dict)  # signature -> reproducer path
    last_crash: tuple[str, bytes, str] | None = None  # signature, mutant, traceback


@dataclass(frozen=True)
class Seed:
    """A starting file and the folder it is assessed in (a copy, outside any git work tree)."""

    name: str
    text: bytes
    folder: Path


def seeds(workdir: Path) -> list[Seed]:
    """The examples (each with its documents) and the valid corpus, copied under ``workdir``."""
    found: list[Seed] = []
    for example in sorted((ROOT / "examples").iterdir()):
        if (example / "cluster.yaml").is_file():
            folder = workdir / example.name
            shutil.copytree(example, folder)
            found.append(Seed(example.name, (folder / "cluster.yaml").read_bytes(), folder))
    corpus = workdir / "valid"
    shutil.copytree(ROOT / "tests" / "data" / "valid", corpus)
    for case in sorted(corpus.glob("*.yaml")):
        if not case.name.endswith(".expected.yaml"):
            found.append(Seed(case.stem, case.read_bytes(), corpus))
    return found


# --- mutations ---------------------------------------------------------------------------------------


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def flip(data: bytes, at: int, value: int) -> bytes:
    if not data:
        return bytes([value])
    index = at % len(data)
    return data[:index] + bytes([value]) + data[index + 1 :]


def delete_line(data: bytes, at: int) -> bytes:
    lines = _lines(data)
    del lines[at % len(lines)]
    return b"\n".join(lines)


def duplicate_line(data: bytes, at: int) -> bytes:
    lines = _lines(data)
    index = at % len(lines)
    lines.insert(index, lines[index])
    return b"\n".join(lines)


def swap_lines(data: bytes, at: int, other: int) -> bytes:
    lines = _lines(data)
    i, j = at % len(lines), other % len(lines)
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def indent(data: bytes, at: int, delta: int) -> bytes:
    lines = _lines(data)
    index = at % len(lines)
    line = lines[index]
    lines[index] = (
        b" " * delta + line if delta > 0 else line[min(-delta, len(line) - len(line.lstrip())) :]
    )
    return b"\n".join(lines)


def swap_scalar(data: bytes, at: int, value: str) -> bytes:
    """Replace the value after the first `: ` (or `- `) on a line with a hard scalar."""
    lines = _lines(data)
    candidates = [
        n for n, line in enumerate(lines) if b": " in line or line.lstrip().startswith(b"- ")
    ]
    if not candidates:
        return data
    index = candidates[at % len(candidates)]
    line = lines[index]
    cut = line.find(b": ") + 2 if b": " in line else line.find(b"- ") + 2
    lines[index] = line[:cut] + value.encode("utf-8")
    return b"\n".join(lines)


POSITIONS = st.integers(min_value=0, max_value=10**6)
MUTATION = st.one_of(
    st.tuples(st.just(flip), POSITIONS, st.integers(0, 255)),
    st.tuples(st.just(delete_line), POSITIONS),
    st.tuples(st.just(duplicate_line), POSITIONS),
    st.tuples(st.just(swap_lines), POSITIONS, POSITIONS),
    st.tuples(st.just(indent), POSITIONS, st.sampled_from([-4, -2, -1, 1, 2, 4])),
    st.tuples(st.just(swap_scalar), POSITIONS, st.sampled_from(HARD_SCALARS)),
)
MUTATIONS = st.lists(MUTATION, min_size=1, max_size=4)


def mutate(data: bytes, mutations: list[tuple[Callable[..., bytes], ...]]) -> bytes:
    for function, *arguments in mutations:
        data = function(data, *arguments)
    return data


# --- the target --------------------------------------------------------------------------------------


class Pipeline:
    """Everything loaded once per session: the bundled packs the examples use, the renderers."""

    def __init__(self) -> None:
        from clusterkit.pipeline import load_packs
        from clusterkit.render import RENDERERS

        self.packs = {
            name: load_packs([name])
            for name in ("esca-gold", "eccp-validation", "strategy-process")
        }
        # The text formats: a binary one (PDF) is laid out from the HTML, which is fuzzed already, and
        # takes seconds a mutant.
        self.formats = [name for name, spec in RENDERERS["assessment"].items() if not spec.binary]

    def exercise(self, text: bytes, folder: Path, render: bool) -> bool:
        """Run one mutant through the pipeline; True when it was an input error (as it should be)."""
        from clusterkit.errors import ClusterkitError, ExitCode
        from clusterkit.facts.documents import collect
        from clusterkit.load.validation import validate
        from clusterkit.load.yamlfile import load_text
        from clusterkit.models.evidence import Evidence
        from clusterkit.pipeline import DEFAULT_PACK, LoadedEvidence, check_named_packs, run

        try:
            document = load_text(text, "cluster.yaml")
            evidence = validate(Evidence, document)
            path = folder / "cluster.yaml"
            loaded = LoadedEvidence(path, document, evidence, collect(evidence, document, path))
            check_named_packs(loaded)
            named = (evidence.criteria or [DEFAULT_PACK])[0]
            packs = self.packs.get(named, self.packs[DEFAULT_PACK])
            assessment = run(loaded, packs=packs, clock=lambda: TODAY)
        except ClusterkitError as error:
            if error.exit_code != ExitCode.INPUT_ERROR:
                raise
            return True
        if render:
            self.render_all(assessment)
        return False

    def render_all(self, assessment: object) -> None:
        from clusterkit.cli.formats import produce
        from clusterkit.render import render

        for name in self.formats:
            render(assessment, name)
        produce("assess", "table", assessment)


def signature(error: BaseException) -> str:
    """Where a crash happened: its type and the innermost frame in clusterkit's code."""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if "clusterkit" in frame.filename
    ]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(error).__name__} at {where}"


class Crash(Exception):
    """A mutant made the pipeline raise something that is not the project's input error."""


def session(
    pipeline: Pipeline, pool: list[Seed], tally: Tally, examples: int
) -> Callable[[], None]:
    """One hypothesis run of ``examples`` mutants; a new crash stops it (after shrinking)."""

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
        print_blob=False,
    )
    @given(
        seed=st.sampled_from(pool),
        mutations=MUTATIONS,
    )
    def target(seed: Seed, mutations: list[tuple[Callable[..., bytes], ...]]) -> None:
        mutant = mutate(seed.text, mutations)
        # Decided by the mutant, not drawn: hypothesis favours small draws, so a drawn 1-in-25 would
        # render far more often than that.
        render = zlib.crc32(mutant) % RENDER_EVERY == 0
        tally.iterations += 1
        tally.rendered += render
        try:
            tally.input_errors += pipeline.exercise(mutant, seed.folder, render=render)
        except Exception as error:
            found = signature(error)
            if found in tally.crashes:
                return  # known already: keep looking for new ones
            tally.last_crash = (found, mutant, traceback.format_exc())
            raise Crash(found) from error

    return target


def write_reproducer(out: Path, found: str, mutant: bytes, trace: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    name = f"crash-{hashlib.sha256(mutant).hexdigest()[:12]}.yaml"
    header = "".join(f"# {line}\n" for line in [f"fuzz crash: {found}", *trace.splitlines()[-6:]])
    (out / name).write_bytes(header.encode("utf-8", "replace") + mutant)
    return out / name


@contextmanager
def workspace() -> Iterator[Path]:
    # Outside any git work tree, so documents get file dates and no git process runs per mutant.
    folder = Path(tempfile.mkdtemp(prefix="clusterkit-fuzz-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def fuzz(seconds: float, out: Path, chunk: int = CHUNK) -> Tally:
    """Fuzz for ``seconds``; crashes are shrunk and written to ``out``."""
    tally = Tally()
    with workspace() as folder:
        pool = seeds(folder)
        pipeline = Pipeline()
        stop = time.monotonic() + seconds
        while time.monotonic() < stop:
            try:
                session(pipeline, pool, tally, chunk)()
            except Crash:
                assert tally.last_crash is not None
                found, mutant, trace = tally.last_crash
                tally.crashes[found] = str(write_reproducer(out, found, mutant, trace))
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to fuzz")
    parser.add_argument(
        "--out", type=Path, default=Path("fuzz-crashes"), help="reproducers go here"
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    tally = fuzz(args.minutes * 60, args.out)
    elapsed = time.monotonic() - started
    print(
        f"{tally.iterations} iterations in {elapsed:.0f} s ({tally.iterations / elapsed:.1f}/s), "
        f"{tally.rendered} rendered in every format, {tally.input_errors} input errors, "
        f"{len(tally.crashes)} crashes"
    )
    for found, path in tally.crashes.items():
        print(f"crash: {found}: {path}")
    return 1 if tally.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
