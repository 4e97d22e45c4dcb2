"""Assess the files of a portfolio, in worker processes: packs loaded once per worker, a record per file.

The parent loads the packs first (a broken pack is one error, exit 2, before any work); each worker loads
them again once, in its initializer, from the same references, and then assesses file after file against
them. A file that fails to load is a row with its error: one bad file among a thousand does not stop the
run. A worker returns a compact `ClusterRecord`, not the whole Assessment, because pickling a full
Assessment back costs more than computing it.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

from clusterkit.errors import InputError
from clusterkit.load.files import forget_inputs
from clusterkit.pipeline import PackSet, load_evidence, load_packs, run
from clusterkit.results.portfolio_rows import ClusterRecord, cluster_record, error_record
from clusterkit.scoring.context import read


class RunSpec(NamedTuple):
    """What every worker needs to assess a file the way the parent would: picklable, no packs in it."""

    references: tuple[str, ...]
    relative_to: Path | None
    levels: tuple[str, ...]
    today: dt.date | None
    group_by: str


_WORKER: dict[str, object] = {}


def start_worker(spec: RunSpec) -> None:
    """Worker initializer: load the packs once for every file this worker will assess."""
    _WORKER["spec"] = spec
    _WORKER["packs"] = load_packs(spec.references, spec.relative_to)


def assess_one(item: tuple[Path, str]) -> ClusterRecord:
    """One file's record in a worker; a file that cannot be assessed is a record with its error."""
    # The inputs a file names are noted so that no output replaces them; a worker writes no output,
    # and the notes of thousands of files (paths of every document) grew a worker by 7 KB a file.
    forget_inputs()
    spec = _WORKER["spec"]
    packs = _WORKER["packs"]
    assert isinstance(spec, RunSpec) and isinstance(packs, PackSet)
    record = assess_with(item, spec, packs)
    if "frozen" not in _WORKER:
        # After the first file, what is left (modules, models, the packs: some 50,000 objects) lives
        # as long as the worker; the collector's full passes walked it all and freed none of it, about
        # a quarter of a millisecond a file (gc.callbacks over 300 files). Frozen, they leave it out.
        gc.freeze()
        _WORKER["frozen"] = True
    return record


def assess_with(item: tuple[Path, str], spec: RunSpec, packs: PackSet) -> ClusterRecord:
    path, display = item
    try:
        loaded = load_evidence(path, display)
        # a row reads the levels, scores, statuses and the roadmap's gates: nothing else is worked out
        assessment = run(
            loaded,
            levels=spec.levels,
            today=spec.today,
            packs=packs,
            positions=False,
            points_plan=False,
            details=False,
        )
    except InputError as error:
        first, more = error.problems[0], len(error.problems) - 1
        text = first.format() + (f" (and {more} more)" if more else "")
        return error_record(display, text, sorted({p.code for p in error.problems}))
    except Exception as error:
        # A bug on one file must not lose the other rows: the row says so and the command exits 3 at the end: it is a bug, not bad input.
        return error_record(
            display, f"internal error: {type(error).__name__}: {error}", ["internal"]
        )
    value = read(loaded.evidence, spec.group_by)
    group = None if value is None or value == "" else str(value)
    return cluster_record(assessment, display, group)


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def assess_all(
    items: Sequence[tuple[Path, str]],
    spec: RunSpec,
    packs: PackSet,
    jobs: int,
    advance: Callable[[], None],
) -> list[ClusterRecord]:
    """Every file's record, in input order; in this process for one job (or one file), else a pool."""
    if jobs <= 1 or len(items) <= 1:
        records = []
        for item in items:
            records.append(assess_with(item, spec, packs))
            advance()
        return records
    # Chunks amortise the inter-process round trip; small enough that every worker stays busy.
    chunk = max(1, min(32, len(items) // (jobs * 8)))
    # forkserver, not fork: the progress bar's thread is running, and forking a process with threads
    # can leave a child waiting on a lock that no thread of the child will ever release.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=start_worker, initargs=(spec,)
    ) as pool:
        return list(_advancing(pool.map(assess_one, items, chunksize=chunk), advance))


def _advancing(
    records: Iterator[ClusterRecord], advance: Callable[[], None]
) -> Iterator[ClusterRecord]:
    for record in records:
        advance()
        yield record
