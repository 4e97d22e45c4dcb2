"""Counts over the last 12 (or 24) months age: past their window they read as unknown, with the reason."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from clusterkit.models.evidence import Evidence
from clusterkit.results.assessment import CheckResult
from clusterkit.scoring.engine import assess
from scoring_support import example, gold_packs

BASE = example("nordic-maritime")  # assessment_date 2026-10-01, no as_of anywhere
LATER = dt.date(2029, 10, 1)

# (section whose as_of dates the count, indicator, check, months of its window)
CASES = [
    ("communication", "4.6.1", "newsletters", 12),
    ("communication", "4.3", "events-per-year", 12),
    ("management", "2.5", "contacts-per-participant", 12),
    ("management", "2.4", "board-meetings", 12),  # governance counts are dated by management.as_of
    ("management", "4.5", "working-groups-described", 12),  # items: meetings in the last 12 months
    ("management", "2.2.4", "staff-departures", 24),
    ("financing.controlling", "4.1.4", "board-reports", 12),
    ("cooperation", "2.6", "joint-projects", 24),
]


def check_of(data: dict[str, Any], today: dt.date, indicator: str, check: str) -> CheckResult:
    result = assess(
        gold_packs(),
        Evidence.model_validate(data),
        BASE.facts,
        today,
        evidence_file="generated.yaml",
        date_source="option",
        requested=["esca-gold"],
    )
    gold = next(p for p in result.packs if p.pack == "esca-gold")
    item = next(i for a in gold.areas for i in a.indicators if i.id == indicator)
    return next(c for c in item.checks if c.id == check)


def with_as_of(section: str, when: str) -> dict[str, Any]:
    data = copy.deepcopy(BASE.document.data)
    target = data
    for key in section.split("."):
        target = target[key]
    target["as_of"] = when
    return data


@pytest.mark.parametrize(("section", "indicator", "check", "window"), CASES)
def test_three_years_on_an_undated_count_is_unknown_with_the_reason(
    section: str, indicator: str, check: str, window: int
) -> None:
    data = copy.deepcopy(BASE.document.data)
    assert check_of(data, dt.date(2026, 10, 1), indicator, check).status != "unknown"
    stale = check_of(data, LATER, indicator, check)
    assert stale.status == "unknown" and stale.points == 0
    assert f"as of 2026-10-01, older than {window} months" in stale.reason


@pytest.mark.parametrize(("section", "indicator", "check", "window"), CASES)
def test_a_recent_as_of_keeps_the_count(
    section: str, indicator: str, check: str, window: int
) -> None:
    fresh = check_of(with_as_of(section, "2029-09-01"), LATER, indicator, check)
    assert fresh.status != "unknown", fresh.reason
    old = check_of(with_as_of(section, "2025-01-31"), dt.date(2026, 10, 1), indicator, check)
    if window == 12:
        assert old.status == "unknown" and "as of 2025-01-31, older than 12 months" in old.reason


def test_a_review_12_months_and_a_day_old_says_so() -> None:
    data = copy.deepcopy(BASE.document.data)
    data["strategy"]["last_review"] = "2025-09-30"
    check = check_of(data, dt.date(2026, 10, 1), "4.1.5", "strategy-reviewed")
    assert check.status == "partial"
    assert check.observed == "2025-09-30 (12 months and 1 day old)"
