"""A portfolio worker skips what no row reads (positions, the points plan and optional gaps, the
service portfolio, questions, unknowns and warnings): the row of every file is still the row of its
full single-file assessment."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from clusterkit.pipeline import load_evidence, run
from clusterkit.results.portfolio_rows import cluster_record
from conftest import EXAMPLE_NAMES, EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from portfolio_corpus import generate


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("rows")
    return [EXAMPLES / name / "cluster.yaml" for name in EXAMPLE_NAMES] + generate(folder, 40)


@pytest.mark.parametrize("levels", [(), ("bronze",), ("silver",)])
def test_a_row_of_the_lean_assessment_is_the_row_of_the_full_one(
    files: list[Path], levels: tuple[str, ...]
) -> None:
    today = dt.date(2026, 11, 1)
    gates_seen = 0
    for path in files:
        loaded = load_evidence(path)
        full = run(loaded, levels=levels, today=today)
        lean = run(
            loaded, levels=levels, today=today, positions=False, points_plan=False, details=False
        )
        row, lean_row = cluster_record(full, str(path), None), cluster_record(lean, str(path), None)
        assert lean_row == row, path
        assert lean_row.model_dump_json() == row.model_dump_json(), path
        for whole, gated in zip(full.packs, lean.packs, strict=True):
            # every gate, in order, not only the first five a row keeps
            gates = [
                (s.pack, s.indicator, s.check, s.gate) for s in whole.roadmap.steps if s.blocking
            ]
            assert [(s.pack, s.indicator, s.check, s.gate) for s in gated.roadmap.steps] == gates
            assert gated.roadmap.further == [] and gated.areas == whole.areas
            gates_seen += len(gates)
    assert gates_seen  # the corpus has gates to compare at every level
