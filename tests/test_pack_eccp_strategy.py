"""The bundled eccp-validation and strategy-process packs: the floor's numbers, the checklist, the portfolio."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from clusterkit.models import fieldpaths
from clusterkit.models.evidence import Evidence
from clusterkit.models.pack import Basis, Check, CriteriaPack, Indicator, reference_problems
from clusterkit.models.vocab import Appreciation, Contribution, StrategicArea

CRITERIA = Path(__file__).resolve().parents[1] / "criteria"

# Worst first: a service with two values is classed by the worse one.
CONTRIBUTION_ORDER = [Contribution.COSTS, Contribution.NEUTRAL, Contribution.EARNS]
APPRECIATION_ORDER = [Appreciation.NEGATIVE, Appreciation.NEUTRAL, Appreciation.POSITIVE]


def _load(name: str) -> CriteriaPack:
    with (CRITERIA / f"{name}.yaml").open(encoding="utf-8") as handle:
        return CriteriaPack.model_validate(yaml.safe_load(handle))


@pytest.fixture(scope="module")
def eccp() -> CriteriaPack:
    return _load("eccp-validation")


@pytest.fixture(scope="module")
def strategy() -> CriteriaPack:
    return _load("strategy-process")


@pytest.fixture(params=["eccp-validation", "strategy-process"])
def pack(request: pytest.FixtureRequest) -> CriteriaPack:
    return _load(request.param)


def _checks(pack: CriteriaPack) -> Iterator[tuple[Indicator, Check]]:
    for indicator in pack.indicators():
        for check in indicator.checks:
            yield indicator, check


def _check_reading(pack: CriteriaPack, field: str) -> Check:
    found = [check for _, check in _checks(pack) if getattr(check.rule, "field", None) == field]
    assert len(found) == 1, f"expected one check reading {field}, found {len(found)}"
    return found[0]


def class_of(pack: CriteriaPack, contribution: Contribution, appreciation: Appreciation) -> str:
    """The id of the portfolio class that holds one cell of the grid."""
    assert pack.portfolio is not None
    owners = [
        item.id for item in pack.portfolio.classes if (contribution, appreciation) in item.cells
    ]
    assert len(owners) == 1, f"cell {contribution}/{appreciation} is in {owners}"
    return owners[0]


def class_of_service(
    pack: CriteriaPack, contributions: list[Contribution], appreciations: list[Appreciation]
) -> str:
    """A service's class: its worst contribution and its worst appreciation."""
    worst_contribution = min(contributions, key=CONTRIBUTION_ORDER.index)
    worst_appreciation = min(appreciations, key=APPRECIATION_ORDER.index)
    return class_of(pack, worst_contribution, worst_appreciation)


# --- both packs -------------------------------------------------------------------------------


def test_pack_has_no_broken_references(pack: CriteriaPack) -> None:
    assert reference_problems(pack) == []
    assert pack.schema_version == 1
    assert pack.version == "2026.1"


def test_every_check_has_points_basis_and_a_source_where_needed(pack: CriteriaPack) -> None:
    for indicator, check in _checks(pack):
        where = f"{indicator.id}/{check.id}"
        assert check.points > 0, where
        assert isinstance(check.basis, Basis), where
        if check.basis in (Basis.SEED, Basis.VERIFIED, Basis.REPORTED):
            assert (check.source or "").strip(), where


def test_every_fix_is_unique_and_names_an_evidence_field(pack: CriteriaPack) -> None:
    fixes = [check.fix for _, check in _checks(pack)]
    assert len(fixes) == len(set(fixes))
    for indicator, check in _checks(pack):
        assert check.fix.rstrip().endswith("."), f"{indicator.id}/{check.id}"
        named = [word for word in re.findall(r"[a-z_]+(?:\.[a-z_]+)*", check.fix) if _is_leaf(word)]
        assert named, f"{indicator.id}/{check.id}: the fix names no evidence field"


def _is_leaf(path: str) -> bool:
    """True for a path to a value or a list (not a bare section such as `cluster`)."""
    try:
        return fieldpaths.resolve(Evidence, path).kind != "record"
    except ValueError:
        return False


def test_indicator_ids_are_strings_and_unique(pack: CriteriaPack) -> None:
    ids = [indicator.id for indicator in pack.indicators()]
    assert all(isinstance(item, str) for item in ids)
    assert len(ids) == len(set(ids))


# --- eccp-validation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "minimum"),
    [
        ("management.fte", 0.5),
        ("participants.committed", 15),
        ("participants.by_type.types_present", 2),
    ],
)
def test_eccp_floor_numbers_are_verified(eccp: CriteriaPack, field: str, minimum: float) -> None:
    check = _check_reading(eccp, field)
    assert check.rule.kind == "threshold"
    assert check.rule.min == minimum
    assert check.rule.partial_min is None
    assert check.basis is Basis.VERIFIED
    assert "European Cluster Collaboration Platform" in (check.source or "")


def test_eccp_website_with_english_version_is_verified(eccp: CriteriaPack) -> None:
    website = _check_reading(eccp, "cluster.website")
    english = _check_reading(eccp, "cluster.website_in_english")
    assert website.rule.kind == "present"
    assert english.rule.kind == "flag"
    assert english.rule.expected is True
    for check in (website, english):
        assert check.basis is Basis.VERIFIED
        assert "European Cluster Collaboration Platform" in (check.source or "")


def test_eccp_current_activity_threshold_is_an_assumption(eccp: CriteriaPack) -> None:
    check = _check_reading(eccp, "cluster.website_updated")
    assert check.rule.kind == "recency"
    assert check.basis is Basis.ASSUMPTION


def test_eccp_floor_is_every_indicator_a_minimum_requirement(eccp: CriteriaPack) -> None:
    assert eccp.id == "eccp-validation"
    assert eccp.default_level == "floor"
    floor = eccp.level("floor")
    assert floor is not None
    assert floor.requires.minimum_requirements == "all"
    assert floor.requires.score is None
    assert floor.basis is Basis.VERIFIED
    assert [indicator.id for indicator in eccp.indicators()] == ["E.1", "E.2", "E.3", "E.4"]
    for indicator in eccp.indicators():
        assert indicator.minimum_requirement, indicator.id
        assert indicator.basis is Basis.VERIFIED, indicator.id


# --- strategy-process --------------------------------------------------------------------------


def test_strategy_checklist_covers_the_seed_questions(strategy: CriteriaPack) -> None:
    fields = {
        getattr(check.rule, "field", None) or getattr(check.rule, "numerator", None)
        for _, check in _checks(strategy)
    }
    for expected in [
        "strategy.process.companies_involved",
        "strategy.process.market_analysis",
        "strategy.process.value_chain_analysis",
        "strategy.process.external_knowledge",
        "strategy.process.new_business_models",
        "strategy.related_strategies",
        "strategy.process.swot",
        "strategy.process.participant_feedback",
        "strategy.strategic_areas",
        "services_mapped",
        "strategic_areas_served",
        "services",
        "services_earning",
    ]:
        assert expected in fields, expected
    for indicator in strategy.indicators():
        assert re.fullmatch(r"SP\.[0-9]+", indicator.id), indicator.id
        assert indicator.basis is Basis.SEED, indicator.id


def test_strategy_two_areas_rule_is_reported(strategy: CriteriaPack) -> None:
    check = _check_reading(strategy, "strategy.strategic_areas")
    assert check.rule.kind == "count"
    assert check.rule.min == 2
    assert check.basis is Basis.REPORTED
    assert "2024" in (check.source or "")


def test_strategy_services_assessed_counts_complete_rows(strategy: CriteriaPack) -> None:
    check = _check_reading(strategy, "services")
    assert check.rule.kind == "count"
    assert check.rule.require == ["contribution", "appreciation"]


def test_strategy_levels(strategy: CriteriaPack) -> None:
    assert strategy.default_level == "complete"
    complete = strategy.level("complete")
    assert complete is not None
    assert complete.requires.minimum_requirements == "all"
    minimum = [indicator.id for indicator in strategy.indicators() if indicator.minimum_requirement]
    assert minimum == ["SP.1", "SP.8", "SP.9", "SP.11"]


def test_nine_strategic_areas_with_seed_titles(strategy: CriteriaPack) -> None:
    assert strategy.strategic_areas is not None
    titles = {area.id: area.title for area in strategy.strategic_areas}
    assert list(titles) == list(StrategicArea)
    assert titles[StrategicArea.INNOVATION] == "Improving innovation capabilities"
    assert titles[StrategicArea.BUSINESS_OPPORTUNITIES] == "Exploring business opportunities"
    assert titles[StrategicArea.ENTREPRENEURSHIP] == "Fostering entrepreneurship"
    assert (
        titles[StrategicArea.EDUCATION_TRAINING]
        == "Education, training, human resources development"
    )
    assert titles[StrategicArea.MARKETING_BRANDING] == "Marketing and branding"
    assert (
        titles[StrategicArea.FRAMEWORK_CONDITIONS]
        == "Improving cluster-specific framework conditions"
    )
    assert titles[StrategicArea.CLUSTER_DEVELOPMENT] == "Developing the cluster"
    assert titles[StrategicArea.INTERNATIONALISATION] == "Internationalisation"
    assert titles[StrategicArea.OTHER] == "Other priorities"
    assert all(area.examples for area in strategy.strategic_areas)


def test_portfolio_covers_the_grid_once(strategy: CriteriaPack) -> None:
    assert strategy.portfolio is not None
    cells = [cell for item in strategy.portfolio.classes for cell in item.cells]
    grid = [(c, a) for c in Contribution for a in Appreciation]
    assert sorted(cells) == sorted(grid)
    ids = [item.id for item in strategy.portfolio.classes]
    assert ids == ["scale-up", "keep", "re-price", "redesign", "drop"]
    assert strategy.portfolio.basis is Basis.SEED
    assert all(item.advice.strip() for item in strategy.portfolio.classes)


@pytest.mark.parametrize(
    ("contribution", "appreciation", "expected"),
    [
        (Contribution.EARNS, Appreciation.POSITIVE, {"scale-up"}),
        (Contribution.COSTS, Appreciation.NEUTRAL, {"redesign", "drop"}),
        (Contribution.NEUTRAL, Appreciation.POSITIVE, {"keep"}),
        (Contribution.COSTS, Appreciation.POSITIVE, {"re-price"}),
        (Contribution.COSTS, Appreciation.NEGATIVE, {"drop"}),
    ],
)
def test_required_placements(
    strategy: CriteriaPack,
    contribution: Contribution,
    appreciation: Appreciation,
    expected: set[str],
) -> None:
    assert class_of(strategy, contribution, appreciation) in expected


C, A = Contribution, Appreciation

# The seed's "Cluster Services" table; "Company visits" is blank there, so not assessed and not classed.
SEED_SERVICES: list[tuple[str, list[Contribution], list[Appreciation], set[str]]] = [
    ("Organisation of trade fair missions", [C.NEUTRAL, C.EARNS], [A.POSITIVE], {"keep"}),
    ("Face-to-face visits", [C.NEUTRAL], [A.POSITIVE], {"keep"}),
    ("VIP event", [C.COSTS, C.NEUTRAL], [A.POSITIVE], {"re-price"}),
    ("Seminar / training", [C.EARNS], [A.POSITIVE], {"scale-up"}),
    (
        "PR / promotion of cluster",
        [C.COSTS, C.NEUTRAL],
        [A.POSITIVE, A.NEUTRAL],
        {"redesign", "drop"},
    ),
    ("PR / promotion for members", [C.EARNS], [A.POSITIVE], {"scale-up"}),
    ("Connecting members", [C.NEUTRAL], [A.POSITIVE], {"keep"}),
    ("Project management", [C.NEUTRAL, C.EARNS], [A.POSITIVE], {"keep"}),
    ("Publication", [C.COSTS], [A.NEUTRAL], {"redesign", "drop"}),
    ("Competence mapping", [C.COSTS], [A.NEUTRAL], {"redesign", "drop"}),
]


@pytest.mark.parametrize(
    ("name", "contributions", "appreciations", "expected"),
    SEED_SERVICES,
    ids=[row[0] for row in SEED_SERVICES],
)
def test_seed_services_are_classed_by_their_worst_values(
    strategy: CriteriaPack,
    name: str,
    contributions: list[Contribution],
    appreciations: list[Appreciation],
    expected: set[str],
) -> None:
    assert class_of_service(strategy, contributions, appreciations) in expected


# --- the evidence field the strategy-process pack added ------------------------------------------


def _evidence(services: list[dict[str, Any]] | None) -> Evidence:
    data: dict[str, Any] = {
        "schema_version": 1,
        "cluster": {"name": "Test cluster", "country": "NO"},
        "participants": {"committed": 20},
    }
    if services is not None:
        data["services"] = services
    return Evidence.model_validate(data)


@pytest.mark.parametrize(
    ("services", "expected"),
    [
        (None, None),
        ([], 0),
        ([{"name": "Company visits"}], None),
        (
            [
                {"name": "Seminar", "contribution": ["earns"]},
                {"name": "Trade fair missions", "contribution": ["neutral", "earns"]},
                {"name": "Publication", "contribution": ["costs"]},
                {"name": "Company visits"},
            ],
            2,
        ),
    ],
)
def test_services_earning(services: list[dict[str, Any]] | None, expected: int | None) -> None:
    assert _evidence(services).services_earning == expected
