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


def test_a_result_is_the_same_whatever_order_its_fields_are_given_in() -> None:
    """All fields in declaration order take a shorter way (the given dict is the state): same result."""
    fields = {
        "id": "x",
        "title": "t",
        "status": "partial",
        "points": 1,
        "possible": 2.5,
        "observed": "o",
        "expected": "e",
        "reason": "r",
        "basis": "seed",
        "source": None,
        "fix": "f",
        "reads": ("a",),
    }
    validated = CheckResult.model_validate(fields)
    in_order = CheckResult.built(**fields)
    reversed_order = CheckResult.built(**dict(reversed(fields.items())))
    for built in (in_order, reversed_order):
        assert built == validated
        assert list(built.__dict__) == list(validated.__dict__)
        assert built.__pydantic_fields_set__ == validated.__pydantic_fields_set__
        assert built.model_dump_json() == validated.model_dump_json()
    assert in_order.model_copy(update={"fix": None}).fix is None  # its own set of names, not shared


def test_portfolio_results_are_what_validation_makes_of_them(tmp_path: Path) -> None:
    import pickle

    from clusterkit.cli.portfolio_pool import RunSpec, assess_with
    from clusterkit.pipeline import load_packs
    from clusterkit.results.portfolio_result import PortfolioResult
    from clusterkit.results.portfolio_rows import ClusterRecord, IndicatorRecord, outline
    from clusterkit.scoring.peers import PeerOptions, portfolio

    packs = load_packs(["esca-gold"])
    spec = RunSpec(("esca-gold",), None, (), dt.date(2026, 11, 1), "cluster.field")
    records = [assess_with((path, path.name), spec, packs) for path in _files(tmp_path)]
    # records come back from the workers pickled: leaf records as their values alone
    returned = pickle.loads(pickle.dumps(records))
    assert returned == records
    assert all(type(item) is IndicatorRecord for item in returned[0].packs[0].indicators)
    for record in returned:
        assert ClusterRecord.model_validate(record.model_dump()) == record
    outlines = [outline(item.pack) for item in packs.loaded if item.pack.id in packs.requested]
    result = portfolio(returned, outlines, PeerOptions())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        built = result.model_dump_json(indent=2)
        validated = PortfolioResult.model_validate(result.model_dump())
    assert validated.model_dump_json(indent=2) == built


def test_the_default_efforts_are_what_validation_makes_of_them() -> None:
    # built with model_construct, so that importing the models builds no validator
    from clusterkit.models.basis import Basis
    from clusterkit.models.effort import DEFAULT_EFFORTS, Efforts

    validated = Efforts.model_validate({"basis": "assumption"})
    assert validated == DEFAULT_EFFORTS
    assert DEFAULT_EFFORTS.model_fields_set == validated.model_fields_set == {"basis"}
    assert DEFAULT_EFFORTS.basis is Basis.ASSUMPTION
    assert DEFAULT_EFFORTS.model_dump_json() == validated.model_dump_json()


def test_a_default_is_copied_unless_deepcopy_would_return_it_as_it_is() -> None:
    from clusterkit.models.vocab import DeclaredStatus
    from clusterkit.results.base import _copying

    for atom in (None, True, 3, 2.5, "text", b"raw", DeclaredStatus.MET):
        assert _copying(atom)() is atom
    mutable: dict[str, list[int]] = {"a": [1]}
    made = _copying(mutable)()
    assert made == mutable and made is not mutable and made["a"] is not mutable["a"]
