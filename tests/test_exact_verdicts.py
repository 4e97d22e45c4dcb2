"""Verdicts compare exact points: random packs with arbitrary partial points against exact rationals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from clusterkit.models.evidence import Evidence
from clusterkit.models.facts import Facts
from clusterkit.models.pack import CriteriaPack
from clusterkit.results.assessment import PackAssessment
from clusterkit.results.numbers import fmt_score
from clusterkit.scoring.engine import assess
from clusterkit.scoring.points import exact, total

TODAY = dt.date(2026, 10, 1)
# Points with two decimals, as a pack author writes them: 0.01 to 10.
POINTS = st.integers(min_value=1, max_value=1000).map(lambda cents: Decimal(cents) / 100)
STATUS = st.sampled_from(["met", "partial", "unmet"])


def pack_of(checks: list[tuple[Decimal, Decimal | None]], score: Decimal) -> CriteriaPack:
    """A pack with one indicator per check, each read from a declaration of that indicator."""
    indicators = [
        {
            "id": f"i{n}",
            "title": f"Indicator {n}",
            "basis": "assumption",
            "guidance": "Generated.",
            "checks": [
                {
                    "id": "declared",
                    "title": "Declared",
                    "points": float(points),
                    **({"partial_points": float(partial)} if partial is not None else {}),
                    "rule": {"kind": "declaration", "requires_documents": False},
                    "basis": "assumption",
                    "fix": "Declare it.",
                    "effort": 1,
                    "kind": "do",
                }
            ],
        }
        for n, (points, partial) in enumerate(checks)
    ]
    return CriteriaPack.model_validate(
        {
            "schema_version": 1,
            "id": "generated",
            "title": "Generated",
            "version": "1",
            "partial_credit": 0.5,
            "default_level": "top",
            "levels": [
                {
                    "id": "top",
                    "title": "Top",
                    "basis": "assumption",
                    "requires": {"score": float(score)},
                }
            ],
            "areas": [{"id": "1", "title": "All", "indicators": indicators}],
        }
    )


def evidence_of(statuses: list[str]) -> Evidence:
    data: dict[str, Any] = {
        "schema_version": 1,
        "cluster": {"name": "Generated", "country": "NO"},
        "declarations": {
            f"i{n}": {"status": status, "justification": "generated"}
            for n, status in enumerate(statuses)
        },
    }
    return Evidence.model_validate(data)


def assessed(pack: CriteriaPack, statuses: list[str]) -> PackAssessment:
    result = assess(
        [pack],
        evidence_of(statuses),
        Facts(),
        TODAY,
        evidence_file="generated.yaml",
        date_source="option",
        requested=[pack.id],
    )
    return result.packs[0]


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[tuple[Decimal, Decimal | None]], list[str], Decimal]:
    size = draw(st.integers(min_value=1, max_value=12))
    checks = []
    for _ in range(size):
        points = draw(POINTS)
        below = st.integers(min_value=0, max_value=int(points * 100) - 1).map(
            lambda c: Decimal(c) / 100
        )
        partial = draw(st.one_of(st.none(), below))
        checks.append((points, partial))
    statuses = draw(st.lists(STATUS, min_size=size, max_size=size))
    score = draw(st.integers(min_value=1, max_value=100).map(lambda n: Decimal(n) / 100))
    return checks, statuses, score


@settings(max_examples=300, deadline=None)
@given(cases())
def test_verdict_equals_an_exact_rational_computation(
    case: tuple[list[tuple[Decimal, Decimal | None]], list[str], Decimal],
) -> None:
    checks, statuses, score = case
    earned = Fraction(0)
    for (points, partial), status in zip(checks, statuses, strict=True):
        if status == "met":
            earned += Fraction(points)
        elif status == "partial":
            earned += Fraction(partial) if partial is not None else Fraction(points) / 2
    possible = sum((Fraction(points) for points, _ in checks), Fraction(0))
    result = assessed(pack_of(checks, score), statuses)
    assert result.target_reached == (earned / possible >= Fraction(score))
    # The shown score never rounds up past what the points give.
    assert Fraction(repr(result.score or 0.0)) <= earned / possible


def test_gold_is_not_reached_at_247_99_of_310_points() -> None:
    # 31 indicators of 10 points; 24 met, the rest partial at 0.99 + ... chosen to give 247.99 exactly.
    checks: list[tuple[Decimal, Decimal | None]] = [(Decimal(10), None)] * 24
    checks += [(Decimal(10), Decimal("0.99"))] + [(Decimal(10), Decimal(1))] * 6
    statuses = ["met"] * 24 + ["partial"] * 7
    # 240 + 0.99 + 6 = 246.99: one more point from a partial check of 1 point makes 247.99.
    checks[-1] = (Decimal(10), Decimal(2))
    result = assessed(pack_of(checks, Decimal("0.8")), statuses)
    assert result.points == 247.99 and result.possible == 310
    assert not result.target_reached
    assert fmt_score(result.score) == "79.9 %"
    assert result.levels[0].reasons == ["excellence score 79.9 % is below 80 %"]
    # One hundredth of a point more is exactly 80 %: inclusive, reached.
    checks[24] = (Decimal(10), Decimal("1.00"))
    assert assessed(pack_of(checks, Decimal("0.8")), statuses).target_reached


@given(st.lists(st.fractions(max_denominator=1000), max_size=30))
def test_points_are_summed_exactly_whatever_their_denominators(values: list[Fraction]) -> None:
    assert total(values) == sum(values, Fraction(0))
    assert total(iter(values)) == sum(values, Fraction(0))
    assert type(total(values)) is Fraction


def test_a_packs_numbers_are_the_decimals_written_and_shared() -> None:
    assert exact(0.1) == Fraction(1, 10) and exact(1) == exact(1.0) == Fraction(1)
    assert exact(247.99) == Fraction(24799, 100)
    assert exact(0.3) is exact(0.3)  # read once, then kept
