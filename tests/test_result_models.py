"""Results the scorer builds without validation (`Result.built`) are what validation would have made."""

from __future__ import annotations

import datetime as dt
import sys
import warnings
from pathlib import Path

from clusterkit.pipeline import load_evidence, run
from clusterkit.results.assessment import Assessment, CheckResult, Roadmap
from conftest import EXAMPLE_NAMES, EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from portfolio_corpus import generate


def _files(folder: Path) -> list[Path]:
    return [EXAMPLES / name / "cluster.yaml" for name in EXAMPLE_NAMES] + generate(folder, 30)


def test_every_built_result_is_what_validation_makes_of_it(tmp_path: Path) -> None:
    for path in _files(tmp_path):
        for levels in ((), ("bronze",)):
            assessment = run(load_evidence(path), levels=levels, today=dt.date(2026, 11, 1))
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # pydantic warns when a value does not fit its field
                built = assessment.model_dump_json(indent=2)
                validated = Assessment.model_validate(assessment.model_dump())
            assert validated.model_dump_json(indent=2) == built, path
            assert validated == assessment, path


def test_built_converts_what_validation_would() -> None:
    check = CheckResult.built(
        id="x",
        title="t",
        status="met",
        points=3,
        possible=4,
        observed=None,
        expected="e",
        reason="r",
        basis="seed",
        source=None,
        fix=None,
        reads=("a", "b"),
    )
    assert (check.points, check.possible, check.reads) == (3.0, 4.0, ["a", "b"])
    assert isinstance(check.points, float) and isinstance(check.reads, list)
    assert check == CheckResult.model_validate(check.model_dump())
    roadmap = Roadmap.built(
        target_level="gold",
        reached=True,
        points_needed=0,
        points_planned=0,
        effort=0,
        effort_basis="seed",
        summary="s",
        steps=[],
        further=(),
    )
    assert roadmap.cannot == [] and roadmap.further == []  # the default, and a tuple made a list
    assert isinstance(roadmap.effort, float) and '"effort":0.0' in roadmap.model_dump_json()
