"""Every rule kind: met, partial, unmet, unknown, and the boundary values, through the real evaluators."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import TypeAdapter

from clusterkit.models import rules
from clusterkit.models.evidence import Evidence
from clusterkit.models.facts import DocumentContent, DocumentFact, Facts, Heading
from clusterkit.scoring.evaluation import EVALUATORS, Context, evaluate

TODAY = dt.date(2026, 10, 1)
RULE = TypeAdapter(rules.Rule)


def evidence(**sections: Any) -> Evidence:
    base: dict[str, Any] = {
        "schema_version": 1,
        "cluster": {"name": "Test cluster", "country": "NO"},
        "participants": {"committed": 40},
    }
    base.update(sections)
    return Evidence.model_validate(base)


def outcome(
    rule: dict[str, Any], ev: Evidence, facts: Facts | None = None, indicator: str = "4.1.4"
):
    return evaluate(RULE.validate_python(rule), Context(ev, facts or Facts(), TODAY, indicator))


def status(rule: dict[str, Any], ev: Evidence, facts: Facts | None = None) -> str:
    return outcome(rule, ev, facts).status


THRESHOLD = {"kind": "threshold", "field": "participants.committed", "min": 30, "partial_min": 15}


@pytest.mark.parametrize(
    ("committed", "expected"),
    [(31, "met"), (30, "met"), (29, "partial"), (15, "partial"), (14, "unmet"), (0, "unmet")],
)
def test_threshold_min_boundaries(committed: int, expected: str) -> None:
    assert status(THRESHOLD, evidence(participants={"committed": committed})) == expected


def test_threshold_max_with_partial() -> None:
    rule = {"kind": "threshold", "field": "participants.committed", "max": 50, "partial_max": 80}
    assert status(rule, evidence(participants={"committed": 50})) == "met"
    assert status(rule, evidence(participants={"committed": 80})) == "partial"
    assert status(rule, evidence(participants={"committed": 81})) == "unmet"


def test_threshold_unknown_when_field_not_given() -> None:
    rule = {"kind": "threshold", "field": "management.fte", "min": 0.5}
    result = outcome(rule, evidence())
    assert result.status == "unknown"
    assert result.observed is None
    assert "management.fte" in result.reason


def test_threshold_on_computed_ratio_displays_percent() -> None:
    rule = {
        "kind": "threshold",
        "field": "financing.latest.private_share",
        "min": 0.3,
        "display": "percent",
    }
    years = [{"year": 2025, "public": 82, "private": {"membership_fees": 18}}]
    result = outcome(rule, evidence(financing={"years": years}))
    assert (result.status, result.observed, result.expected) == ("unmet", "18 %", "at least 30 %")


def test_ratio_rule_and_zero_denominator() -> None:
    rule = {
        "kind": "ratio",
        "numerator": "participants.by_type.companies",
        "denominator": "participants.committed",
        "min": 0.5,
    }
    assert (
        status(rule, evidence(participants={"committed": 40, "by_type": {"companies": 20}}))
        == "met"
    )
    assert (
        status(rule, evidence(participants={"committed": 40, "by_type": {"companies": 19}}))
        == "unmet"
    )
    assert (
        status(rule, evidence(participants={"committed": 0, "by_type": {"companies": 0}}))
        == "unknown"
    )
    assert status(rule, evidence()) == "unknown"


def _story(day: dt.date | None) -> dict[str, Any]:
    return {"title": "A story", "date": day.isoformat() if day else None}


def test_count_within_window_counts_exactly_n_months_back() -> None:
    rule = {
        "kind": "count",
        "field": "communication.success_stories",
        "min": 2,
        "within_months": 24,
        "date_field": "date",
    }
    edge, outside = dt.date(2024, 10, 1), dt.date(2024, 9, 30)
    assert (
        status(rule, evidence(communication={"success_stories": [_story(edge), _story(TODAY)]}))
        == "met"
    )
    assert (
        status(rule, evidence(communication={"success_stories": [_story(outside), _story(TODAY)]}))
        == "unmet"
    )
    future = dt.date(2026, 10, 2)
    assert (
        status(rule, evidence(communication={"success_stories": [_story(future), _story(TODAY)]}))
        == "unmet"
    )


def test_count_empty_list_is_unmet_and_missing_list_unknown() -> None:
    rule = {"kind": "count", "field": "communication.success_stories", "min": 1}
    assert status(rule, evidence(communication={"success_stories": []})) == "unmet"
    assert status(rule, evidence(communication={})) == "unknown"


def test_count_require_and_where_filter_items() -> None:
    rule = {
        "kind": "count",
        "field": "kpis",
        "min": 2,
        "require": ["target"],
        "where": {"scope": "management"},
    }
    kpis = [
        {"name": "a", "target": 1},
        {"name": "b", "target": 1, "scope": "cluster"},
        {"name": "c"},
    ]
    result = outcome(rule, evidence(kpis=kpis))
    assert result.status == "unmet"
    assert result.observed is not None and result.observed.startswith("1 ")
    assert status(rule, evidence(kpis=[*kpis, {"name": "d", "target": 2}])) == "met"


RECENCY = {
    "kind": "recency",
    "field": "strategy.last_review",
    "max_age_months": 36,
    "partial_max_age_months": 48,
}


@pytest.mark.parametrize(
    ("reviewed", "expected"),
    [
        ("2023-10-01", "met"),  # exactly 36 months back
        ("2023-09-30", "partial"),
        ("2022-10-01", "partial"),  # exactly 48 months back
        ("2022-09-30", "unmet"),
        ("2026-10-01", "met"),
        ("2026-10-02", "unmet"),  # a review after the assessment date cannot have happened
    ],
)
def test_recency_boundaries(reviewed: str, expected: str) -> None:
    assert status(RECENCY, evidence(strategy={"last_review": reviewed})) == expected


def test_recency_month_end_arithmetic() -> None:
    rule = {"kind": "recency", "field": "strategy.last_review", "max_age_months": 1}
    today = dt.date(2026, 3, 31)
    ev = evidence(strategy={"last_review": "2026-02-28"})
    result = evaluate(RULE.validate_python(rule), Context(ev, Facts(), today, "x"))
    assert result.status == "met"  # one month before 31 March is 28 February


def test_horizon() -> None:
    rule = {
        "kind": "horizon",
        "field": "financing.secured_until",
        "min_ahead_months": 24,
        "partial_min_ahead_months": 12,
    }
    assert status(rule, evidence(financing={"secured_until": "2028-10-01"})) == "met"
    assert status(rule, evidence(financing={"secured_until": "2028-09-30"})) == "partial"
    assert status(rule, evidence(financing={"secured_until": "2027-10-01"})) == "partial"
    assert status(rule, evidence(financing={"secured_until": "2027-09-30"})) == "unmet"
    assert status(rule, evidence(financing={})) == "unknown"


def test_age_reads_a_year_as_its_last_day() -> None:
    rule = {
        "kind": "age",
        "field": "cluster.founded",
        "min_age_months": 24,
        "partial_min_age_months": 12,
    }
    assert status(rule, evidence(cluster={"name": "x", "country": "NO", "founded": 2023})) == "met"
    assert (
        status(rule, evidence(cluster={"name": "x", "country": "NO", "founded": 2024})) == "partial"
    )
    assert (
        status(rule, evidence(cluster={"name": "x", "country": "NO", "founded": 2025})) == "unmet"
    )
    assert status(rule, evidence()) == "unknown"


def test_present_and_flag() -> None:
    present = {"kind": "present", "field": "cluster.region"}
    assert (
        status(present, evidence(cluster={"name": "x", "country": "NO", "region": "NO0A2"}))
        == "met"
    )
    assert status(present, evidence()) == "unknown"
    assert status({"kind": "present", "field": "kpis"}, evidence(kpis=[])) == "unmet"
    flag = {"kind": "flag", "field": "financing.controlling.cost_tracking_per_service"}
    assert (
        status(flag, evidence(financing={"controlling": {"cost_tracking_per_service": True}}))
        == "met"
    )
    assert (
        status(flag, evidence(financing={"controlling": {"cost_tracking_per_service": False}}))
        == "unmet"
    )
    assert status(flag, evidence(financing={"controlling": {}})) == "unknown"


def _facts(
    path: str,
    *,
    exists: bool = True,
    headings: tuple[str, ...] = (),
    changed: dt.date | None = None,
) -> Facts:
    content = DocumentContent("markdown", tuple(Heading(title) for title in headings), 300)
    return Facts(
        documents={path: DocumentFact(path, exists, changed, "git" if changed else None, content)}
    )


def test_document_exists_missing_sections_and_age() -> None:
    rule = {
        "kind": "document",
        "field": "strategy.document",
        "sections": ["Vision", "Objectives"],
        "max_age_months": 36,
    }
    ev = evidence(strategy={"document": "docs/strategy.md"})
    ok = _facts("docs/strategy.md", headings=("vision", "Objectives"), changed=dt.date(2024, 1, 1))
    assert status(rule, ev, ok) == "met"
    no_heading = outcome(
        rule, ev, _facts("docs/strategy.md", headings=("Vision",), changed=dt.date(2024, 1, 1))
    )
    assert no_heading.status == "partial" and "Objectives" in no_heading.reason
    old = outcome(
        rule,
        ev,
        _facts("docs/strategy.md", headings=("Vision", "Objectives"), changed=dt.date(2023, 6, 1)),
    )
    assert old.status == "unmet" and "2023-06-01" in old.reason
    assert status(rule, ev, _facts("docs/strategy.md", exists=False)) == "unmet"
    assert status(rule, evidence(strategy={})) == "unknown"


DECLARATION = {"kind": "declaration"}


def test_declaration_statuses() -> None:
    facts = _facts("docs/controlling.md")
    met = {
        "4.1.4": {
            "status": "met",
            "justification": "monthly reports",
            "documents": ["docs/controlling.md"],
        }
    }
    assert status(DECLARATION, evidence(declarations=met), facts) == "met"
    no_docs = {"4.1.4": {"status": "met", "justification": "monthly reports"}}
    assert status(DECLARATION, evidence(declarations=no_docs), facts) == "partial"
    missing_doc = {"4.1.4": {"status": "met", "justification": "x", "documents": ["docs/gone.md"]}}
    assert status(DECLARATION, evidence(declarations=missing_doc), facts) == "partial"
    assert (
        status({"kind": "declaration", "requires_documents": False}, evidence(declarations=no_docs))
        == "met"
    )
    assert status(DECLARATION, evidence(declarations={"4.1.4": {"status": "unmet"}})) == "unmet"
    assert (
        status(
            DECLARATION,
            evidence(declarations={"4.1.4": {"status": "partial", "justification": "y"}}),
        )
        == "partial"
    )
    assert status(DECLARATION, evidence()) == "unknown"


def test_stale_declaration_is_not_evidence() -> None:
    stale = {
        "4.1.4": {
            "status": "met",
            "justification": "x",
            "documents": ["docs/c.md"],
            "expires": "2026-09-30",
        }
    }
    result = outcome(DECLARATION, evidence(declarations=stale), _facts("docs/c.md"))
    assert result.status == "unknown" and "stale" in result.reason
    fresh = {
        "4.1.4": {
            "status": "met",
            "justification": "x",
            "documents": ["docs/c.md"],
            "expires": "2026-10-01",
        }
    }
    assert status(DECLARATION, evidence(declarations=fresh), _facts("docs/c.md")) == "met"


def test_not_applicable_declaration_where_the_rule_reads_it_is_unmet() -> None:
    declared = {"4.1.4": {"status": "not_applicable", "justification": "we are small"}}
    assert status(DECLARATION, evidence(declarations=declared)) == "unmet"


def test_every_rule_kind_has_an_evaluator() -> None:
    kinds = set(rules.Rule.__origin__.__args__) if hasattr(rules.Rule, "__origin__") else set()
    union = rules.Rule.__metadata__ and rules.Rule.__args__[0]  # type: ignore[attr-defined]
    members = set(union.__args__)
    assert members == set(EVALUATORS), members ^ set(EVALUATORS)
    assert kinds == set() or kinds


def test_every_rule_kind_has_an_action_text() -> None:
    """A failing check of any kind becomes a roadmap step with its "raise X from A to B" text."""
    from clusterkit.scoring.actions import ACTIONS

    assert set(ACTIONS) == set(EVALUATORS), set(ACTIONS) ^ set(EVALUATORS)


@pytest.mark.parametrize(
    ("score", "shown"),
    [
        (0.79996, "79.9 %"),
        (0.8, "80 %"),
        (0.6169, "61.6 %"),
        (1.0, "100 %"),
        (0.0, "0 %"),
        (None, "n/a"),
    ],
)
def test_scores_are_shown_rounded_down(score: float, shown: str) -> None:
    from clusterkit.results.numbers import fmt_score

    assert fmt_score(score) == shown
