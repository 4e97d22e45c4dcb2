"""The scorer on real data: the seed's services table, the roadmap order, statuses and points."""

from __future__ import annotations

import pytest

from clusterkit.models.evidence import Evidence
from clusterkit.models.strategy import Service
from clusterkit.packs.loader import load_pack
from clusterkit.scoring.engine import indicator_status
from clusterkit.scoring.portfolio import place
from clusterkit.scoring.roadmap import gain_in
from scoring_support import assess_example

# The seed's "Cluster Services" table, typed from the slides in clean form:
# (service, applied, contribution, appreciation, expected class). Blank cells are None.
SEED_SERVICES = [
    ("Organisation of trade fair missions", "often", ["neutral", "earns"], ["positive"], "keep"),
    ("Company visits (by members)", "usual", None, None, None),
    (
        "Face-to-face visits (CM visits individual members)",
        "often",
        ["neutral"],
        ["positive"],
        "keep",
    ),
    ("VIP event", "rare", ["costs", "neutral"], ["positive"], "re-price"),
    ("Seminar / training", "usual", ["earns"], ["positive"], "scale-up"),
    (
        "PR / promotion of cluster",
        "usual",
        ["costs", "neutral"],
        ["positive", "neutral"],
        "redesign",
    ),
    ("PR / promotion for members", "rare", ["earns"], ["positive"], "scale-up"),
    ("Connecting members", "usual", ["neutral"], ["positive"], "keep"),
    ("Project management", "rare", ["neutral", "earns"], ["positive"], "keep"),
    ("Publication", "usual", ["costs"], ["neutral"], "redesign"),
    ("Competence mapping", "rare", ["costs"], ["neutral"], "redesign"),
]


@pytest.mark.parametrize(
    ("name", "applied", "contribution", "appreciation", "expected"), SEED_SERVICES
)
def test_seed_services_table_rows_get_their_class(
    name: str,
    applied: str,
    contribution: list[str] | None,
    appreciation: list[str] | None,
    expected: str | None,
) -> None:
    portfolio = load_pack("strategy-process").pack.portfolio
    assert portfolio is not None
    service = Service.model_validate(
        {
            "name": name,
            "applied": applied,
            "contribution": contribution,
            "appreciation": appreciation,
        }
    )
    placement = place(service, portfolio)
    assert placement.class_id == expected
    assert placement.assessed is (expected is not None)
    if name in ("Publication", "Competence mapping"):  # cost money, members lukewarm
        assert placement.class_id in ("redesign", "drop")


def test_the_middle_example_carries_the_seed_table_and_it_is_classed_row_by_row() -> None:
    assessment = assess_example("agrifood-midlands")
    assert assessment.portfolio is not None
    placed = [
        (s.name, s.applied, s.contribution, s.appreciation, s.class_id)
        for s in assessment.portfolio.services
    ]
    assert placed == [tuple(row) for row in SEED_SERVICES]
    assert assessment.portfolio.not_assessed == ["Company visits (by members)"]


def test_roadmap_puts_every_unmet_minimum_requirement_first_and_closes_the_distance() -> None:
    assessment = assess_example("agrifood-midlands")
    gold = next(item for item in assessment.packs if item.pack == "esca-gold")
    indicators = {item.id: item for area in gold.areas for item in area.indicators}
    unmet_minimums = {i for i in gold.minimum_requirements if indicators[i].status != "met"}
    assert unmet_minimums, "the middle example is meant to fail minimum requirements"
    steps = gold.roadmap.steps
    blocking_flags = [step.blocking for step in steps]
    assert blocking_flags == sorted(blocking_flags, reverse=True), (
        "a blocking step comes after another gap"
    )
    covered = {step.indicator for step in steps if step.blocking}
    assert unmet_minimums <= covered
    gains = [float(gain_in(step, "esca-gold")) for step in steps]
    gain = sum(gains)
    assert gold.roadmap.points_needed > 0
    assert gain >= gold.roadmap.points_needed - 1e-9
    assert gold.roadmap.points_planned == pytest.approx(gain)
    needed_points = 0.8 * gold.possible - gold.points
    assert gold.roadmap.points_needed == pytest.approx(needed_points)
    # No proposed non-blocking step is there without need: dropping any one of them falls short.
    for step, step_gain in zip(steps, gains, strict=True):
        if not step.blocking:
            assert gain - step_gain < gold.roadmap.points_needed, step.title


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["met", "met"], "met"),
        (["unknown", "unknown"], "unknown"),
        (["met", "unknown"], "partial"),
        (["partial", "unmet"], "partial"),
        (["unmet", "unknown"], "unmet"),
        (["unmet"], "unmet"),
    ],
)
def test_indicator_status_from_checks(statuses: list[str], expected: str) -> None:
    assert indicator_status(statuses) == expected  # type: ignore[arg-type]


def test_unknown_stays_in_the_denominator() -> None:
    assessment = assess_example("hydrogen-start")
    gold = next(item for item in assessment.packs if item.pack == "esca-gold")
    assert gold.unknown, "the early-stage example is meant to leave indicators unknown"
    assert gold.possible == pytest.approx(310.0)


def test_an_indicator_declared_not_applicable_leaves_the_denominator() -> None:
    from clusterkit.models.facts import Facts
    from scoring_support import assess_data, example

    data = dict(example("nordic-maritime").document.data)
    declarations = dict(data.get("declarations") or {})
    declarations["4.5"] = {
        "status": "not_applicable",
        "justification": "22 members meet in plenary",
    }
    declarations["4.6.1"] = {
        "status": "not_applicable",
        "justification": "not allowed for this one",
    }
    data["declarations"] = declarations
    gold = next(p for p in assess_data(data, Facts()).packs if p.pack == "esca-gold")
    indicators = {item.id: item for area in gold.areas for item in area.indicators}
    assert indicators["4.5"].status == "not_applicable"
    assert (
        indicators["4.5"].possible == 0
        and indicators["4.5"].justification == "22 members meet in plenary"
    )
    assert all(
        check.status == "not_applicable" and check.fix is None for check in indicators["4.5"].checks
    )
    assert gold.possible == pytest.approx(300.0)
    # 4.6.1 does not allow it: the declaration changes nothing there.
    assert indicators["4.6.1"].status != "not_applicable" and indicators["4.6.1"].possible == 10
    assessment = assess_data(data, Facts())
    assert assessment.warnings == [
        "declaration 4.6.1 says not applicable, which esca-gold does not allow for this indicator: "
        "it is scored like any other"
    ]


def test_roadmap_of_a_level_without_a_score_does_not_talk_about_the_score() -> None:
    from clusterkit.models.facts import Facts
    from clusterkit.scoring.engine import assess
    from scoring_support import TODAY, gold_packs

    floor = next(pack for pack in gold_packs() if pack.id == "eccp-validation")
    evidence = Evidence.model_validate(
        {
            "schema_version": 1,
            "cluster": {"name": "Tiny", "country": "NO"},
            "participants": {"committed": 3},
        }
    )
    result = assess(
        [floor],
        evidence,
        Facts(),
        TODAY,
        evidence_file="tiny.yaml",
        date_source="option",
        requested=["eccp-validation"],
    ).packs[0]
    assert (
        result.roadmap.summary
        == "4 minimum requirements are not met: fix those first; 6 blocking gaps remain "
        "(about 31.25 person-days); 5 steps record facts that may already exist."
    )
    assert [step.check for step in result.roadmap.steps][:2] == ["team-fte", "committed-members"]
