"""The roadmap as a plan: gates first, one step per fix, time-bound gaps never counted, least effort."""

from __future__ import annotations

import copy
import itertools
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from clusterkit.results.assessment import PackAssessment, RoadmapItem
from clusterkit.scoring.plan import least_effort
from clusterkit.scoring.roadmap import gain_in
from scoring_support import assess_data, example
from test_exact_verdicts import assessed, pack_of

BASE = example("nordic-maritime")


def gold_of(data: dict[str, Any]) -> PackAssessment:
    return next(p for p in assess_data(data, BASE.facts).packs if p.pack == "esca-gold")


def every_check(steps: list[RoadmapItem]) -> list[tuple[str, str | None, str]]:
    return [
        key
        for step in steps
        for key in [(step.pack, step.indicator, step.check)]
        + [(m.pack, m.indicator, m.check) for m in step.also]
    ]


def test_a_missed_eccp_floor_comes_before_the_minimum_requirements_and_no_step_twice() -> None:
    data = copy.deepcopy(BASE.document.data)
    data["participants"].update(committed=12, formally_committed=12, in_region=7)
    del data["strategy"]["last_review"]  # 4.1.5, a minimum requirement, becomes unknown
    data["cluster"]["founded"] = 2024  # 2.1: the organisation's age comes only with time
    roadmap = gold_of(data).roadmap
    first = roadmap.steps[0]
    assert (first.pack, first.gate, first.check) == (
        "eccp-validation",
        "prerequisite",
        "committed-members",
    )
    # ECCP E.2 and Gold 1.1.2 read the same fact and expect the same: one step moves both.
    assert [(m.pack, m.indicator, m.check) for m in first.also] == [
        ("esca-gold", "1.1.2", "eccp-floor")
    ]
    gates = [step.gate for step in roadmap.steps]
    assert gates == sorted(gates, key=["prerequisite", "minimum", "points"].index)
    assert "minimum" in gates
    checks = every_check([*roadmap.steps, *roadmap.further, *roadmap.cannot])
    assert len(checks) == len(set(checks)), "a check appears in two steps"
    # The organisation's age is shown, never counted.
    assert [step.check for step in roadmap.cannot] == ["organisation-age", "staff-departures"]
    assert all(step.kind != "cannot" for step in [*roadmap.steps, *roadmap.further])
    planned = sum(gain_in(step, "esca-gold") for step in roadmap.steps)
    assert Fraction(repr(roadmap.points_planned)) == planned
    assert "2 gaps come only with time and are not counted" in roadmap.summary


def test_a_recorded_value_says_what_to_change_not_record() -> None:
    data = copy.deepcopy(BASE.document.data)
    data["communication"]["newsletters_per_year"] = 4
    roadmap = gold_of(data).roadmap
    step = next(s for s in [*roadmap.steps, *roadmap.further] if s.check == "newsletters")
    assert step.kind == "do"
    assert step.action == "Raise `communication.newsletters_per_year` from 4 to at least 6."


def test_half_a_point_short_the_plan_takes_the_newsletters_not_the_financing() -> None:
    # Gold at 80 % of 20 points is 16. Met: 14.5; two gaps: financing (+3, 30 days), newsletters (+1.5, 4 days).
    checks: list[tuple[Decimal, Decimal | None]] = [
        (Decimal("14.5"), None),
        (Decimal(3), None),
        (Decimal("2.5"), Decimal(1)),
    ]
    pack = pack_of(checks, Decimal("0.8"))
    data = pack.model_dump(mode="python", exclude_none=True)
    indicators = data["areas"][0]["indicators"]
    indicators[1]["checks"][0].update(effort=30, fix="Secure financing for two years.")
    indicators[2]["checks"][0].update(effort=4, fix="Send two more newsletters.")
    pack = type(pack).model_validate(data)
    result = assessed(pack, ["met", "unmet", "partial"])
    assert result.roadmap.points_needed == 0.5
    assert [step.fix for step in result.roadmap.steps] == ["Send two more newsletters."]
    assert result.roadmap.effort == 4 and result.roadmap.points_planned == 1.5
    assert "1 step gives 1.5 (about 4 person-days)" in result.roadmap.summary


def brute_force(
    candidates: list[tuple[Fraction, Fraction]], needed: Fraction
) -> tuple[Fraction, Fraction] | None:
    """(least effort, most points at that effort) over every subset that reaches ``needed``."""
    best: tuple[Fraction, Fraction] | None = None
    for size in range(len(candidates) + 1):
        for subset in itertools.combinations(candidates, size):
            effort = sum((e for e, _ in subset), Fraction(0))
            gain = sum((g for _, g in subset), Fraction(0))
            if gain >= needed and (best is None or (effort, -gain) < (best[0], -best[1])):
                best = (effort, gain)
    return best


QUARTERS = st.integers(min_value=1, max_value=40).map(lambda n: Fraction(n, 4))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(QUARTERS, QUARTERS), max_size=9), QUARTERS)
def test_least_effort_equals_brute_force_over_all_subsets(
    candidates: list[tuple[Fraction, Fraction]], needed: Fraction
) -> None:
    chosen = least_effort(candidates, needed)
    best = brute_force(candidates, needed)
    if best is None:
        assert chosen is None
        return
    assert chosen is not None
    effort = sum((candidates[n][0] for n in chosen), Fraction(0))
    gain = sum((candidates[n][1] for n in chosen), Fraction(0))
    assert (effort, gain) == best


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 40), st.sampled_from([1, 2, 5, 30])), min_size=1, max_size=7),
    st.integers(1, 99),
)
def test_the_roadmap_plan_equals_brute_force_on_small_packs(
    gaps: list[tuple[int, int]], share: int
) -> None:
    # One met check of 10 points, and one unmet check per gap (points in quarters, effort in days).
    points = [Decimal(10)] + [Decimal(quarters) / 4 for quarters, _ in gaps]
    pack = pack_of([(p, None) for p in points], Decimal(share) / 100)
    data = pack.model_dump(mode="python", exclude_none=True)
    for indicator, (_, effort) in zip(data["areas"][0]["indicators"][1:], gaps, strict=True):
        indicator["checks"][0]["effort"] = effort
    result = assessed(type(pack).model_validate(data), ["met"] + ["unmet"] * len(gaps))
    needed = Fraction(share, 100) * sum(Fraction(p) for p in points) - 10
    candidates = [(Fraction(effort), Fraction(q, 4)) for q, effort in gaps]
    best = brute_force(candidates, needed)
    steps = result.roadmap.steps
    if best is None:  # nothing closes it: every fix is proposed
        assert len(steps) == len(gaps)
        return
    assert (
        Fraction(repr(result.roadmap.effort)),
        Fraction(repr(result.roadmap.points_planned)),
    ) == best
