"""Service economics: figures and survey class a service over its hand marks, and the reports say so."""

from __future__ import annotations

from typing import Any

import pytest

from clusterkit.errors import InputError
from clusterkit.load.validation import validate
from clusterkit.load.yamlfile import load_text
from clusterkit.models.evidence import Evidence
from clusterkit.models.facts import Facts
from clusterkit.models.portfolio import Portfolio
from clusterkit.models.strategy import Service
from clusterkit.packs.loader import load_pack
from clusterkit.render import RenderOptions
from clusterkit.render.html import render as render_html
from clusterkit.render.markdown import render as render_md
from clusterkit.results.assessment import Assessment, ServicePlacement
from clusterkit.scoring.engine import assess
from clusterkit.scoring.portfolio import place
from scoring_support import TODAY

STRATEGY = load_pack("strategy-process").pack
PORTFOLIO: Portfolio = STRATEGY.portfolio  # type: ignore[assignment]


def _evidence(services: list[dict[str, Any]], **sections: Any) -> Evidence:
    return Evidence.model_validate(
        {
            "schema_version": 1,
            "cluster": {"name": "Economics Test Cluster", "country": "DE"},
            "participants": {"committed": 30},
            "services": services,
            **sections,
        }
    )


def _assess(evidence: Evidence) -> Assessment:
    return assess(
        [STRATEGY],
        evidence,
        Facts(),
        TODAY,
        evidence_file="cluster.yaml",
        date_source="option",
        requested=["strategy-process"],
        portfolio=STRATEGY,
    )


def _placed(assessment: Assessment, name: str) -> ServicePlacement:
    assert assessment.portfolio is not None
    return next(item for item in assessment.portfolio.services if item.name == name)


MISSION = {
    "name": "Trade fair missions",
    "area": "internationalisation",
    "contribution": ["earns"],
    "appreciation": ["positive"],
    "cost": {"external": 30000},
    "income": {"fees": 12000},
}


def test_income_12000_against_cost_30000_costs_money_whatever_the_hand_mark_says() -> None:
    assessment = _assess(_evidence([MISSION]))
    placed = _placed(assessment, "Trade fair missions")
    assert placed.money is not None
    assert (placed.money.cost, placed.money.income, placed.money.net) == (30000, 12000, -18000)
    assert placed.contribution == ["costs"] and placed.contribution_by == "figures"
    assert placed.contribution_mark == ["earns"]
    assert placed.disagreements == ["contribution"]
    assert placed.class_id == "re-price", "costs money, members love it"
    assert placed.x == -1.0, "the matrix places it by its figures"


def test_the_reports_show_the_disagreement() -> None:
    assessment = _assess(_evidence([MISSION]))
    md = render_md(assessment, RenderOptions())
    sentence = (
        "**Trade fair missions**: the figures say costs (cost EUR 30,000, income EUR 12,000, net "
        "EUR -18,000); the hand mark says earns. Classed by the figures."
    )
    assert "### Where the hand marks and the numbers disagree" in md
    assert f"- {sentence}" in md
    assert "| EUR 30,000 | EUR 12,000 | EUR -18,000 | costs (figures) |" in md
    html = render_html(assessment, RenderOptions())
    assert "<strong>Trade fair missions</strong>: the figures say costs" in html
    assert "the hand mark says earns. Classed by the figures.</li>" in html


def test_a_hand_mark_wins_only_when_the_evidence_says_why() -> None:
    reason = "the fair organiser pays our stand in kind, worth about EUR 25,000"
    kept = {**MISSION, "marks_win_because": reason}
    placed = _placed(_assess(_evidence([kept])), "Trade fair missions")
    assert placed.contribution == ["earns"] and placed.contribution_by == "mark"
    assert placed.disagreements == ["contribution"], "still shown"
    assert placed.class_id == "scale-up"
    md = render_md(_assess(_evidence([kept])), RenderOptions())
    assert f"Classed by the hand mark, because: {reason}" in md


def test_marks_win_because_needs_a_mark_to_keep() -> None:
    with pytest.raises(ValueError, match="contribution and appreciation are blank"):
        Service.model_validate({"name": "Lab", "marks_win_because": "in kind"})


@pytest.mark.parametrize(
    ("cost", "income", "expected"),
    [
        (10000, 11000, "neutral"),  # net +10 % of the cost: inside the band (inclusive)
        (10000, 11001, "earns"),
        (10000, 9000, "neutral"),  # net -10 %
        (10000, 8999, "costs"),
        (0, 0, "neutral"),
        (0, 1, "earns"),
    ],
)
def test_the_neutral_band_at_its_boundaries(cost: float, income: float, expected: str) -> None:
    service = Service.model_validate(
        {"name": "S", "cost": {"external": cost}, "income": {"sponsors": income}}
    )
    placed = place(service, PORTFOLIO)
    assert placed.money is not None and placed.money.contribution == expected
    assert placed.contribution == [expected] and placed.contribution_by == "figures"
    assert placed.disagreements == [], "no hand mark, nothing to disagree with"


def test_staff_days_are_priced_at_the_management_day_rate() -> None:
    service = {
        "name": "Seminar",
        "cost": {"external": 1000, "staff_days": 10},
        "income": {"fees": 4000, "sponsors": 500, "public_projects": 1500},
    }
    assessment = _assess(_evidence([service], management={"day_rate": 500}))
    placed = _placed(assessment, "Seminar")
    assert placed.money is not None
    assert (placed.money.cost, placed.money.income, placed.money.net) == (6000, 6000, 0)
    assert placed.money.contribution == "neutral"


def test_staff_days_without_a_day_rate_leave_the_hand_mark_and_say_why() -> None:
    service = {"name": "Seminar", "contribution": ["earns"], "cost": {"staff_days": 10}}
    assessment = _assess(_evidence([{**service, "income": {"fees": 100}}]))
    placed = _placed(assessment, "Seminar")
    assert placed.money is None and placed.contribution_by == "mark"
    assert any("management.day_rate is not given" in text for text in assessment.warnings)


def test_cost_and_income_need_a_figure_each_at_their_line() -> None:
    text = (
        "schema_version: 1\ncluster: {name: X, country: DE}\nparticipants: {committed: 1}\n"
        "services:\n  - name: Seminar\n    cost: {}\n"
    )
    with pytest.raises(InputError) as caught:
        validate(Evidence, load_text(text, "cluster.yaml"))
    problem = caught.value.problems[0]
    assert (problem.line, problem.field) == (6, "services.0.cost")
    assert "give external (EUR), staff_days, or both" in problem.message


def _rated(mean: float, answers: int) -> Evidence:
    return _evidence(
        [{"name": "Matchmaking", "contribution": ["neutral"], "appreciation": ["positive"]}],
        satisfaction_surveys=[
            {
                "date": "2026-05-01",
                "services": [{"service": "matchmaking ", "answers": answers, "mean": mean}],
            }
        ],
    )


@pytest.mark.parametrize(
    ("mean", "face"),
    [(4.0, "positive"), (3.99, "neutral"), (2.5, "neutral"), (2.49, "negative")],
)
def test_the_survey_scale_at_its_boundaries(mean: float, face: str) -> None:
    placed = _placed(_assess(_rated(mean, 5)), "Matchmaking")
    assert placed.survey is not None and placed.survey.appreciation == face
    assert placed.appreciation == [face] and placed.appreciation_by == "survey"
    assert placed.disagreements == ([] if face == "positive" else ["appreciation"])


def test_too_few_answers_say_nothing_and_the_hand_mark_stays() -> None:
    placed = _placed(_assess(_rated(1.5, 4)), "Matchmaking")
    assert placed.survey is not None and placed.survey.answers == 4
    assert placed.survey.appreciation is None
    assert placed.appreciation == ["positive"] and placed.appreciation_by == "mark"
    assert placed.disagreements == []


def test_a_rating_of_a_service_the_file_does_not_list_is_a_warning() -> None:
    evidence = _rated(4.5, 10).model_copy(update={"services": [Service(name="Other")]})
    assessment = _assess(evidence)
    assert assessment.warnings == [
        "the survey of 2026-05-01 rates `matchmaking `, which is not in services: its rating is not used"
    ]


def test_the_checks_count_what_the_figures_decide() -> None:
    # Both marked earns; the figures say one costs money: SP.12 sees one earning service, not two.
    earning = {**MISSION, "name": "Course", "income": {"fees": 40000}}
    assessment = _assess(_evidence([MISSION, earning]))
    sp12 = next(
        item for area in assessment.packs[0].areas for item in area.indicators if item.id == "SP.12"
    )
    check = next(item for item in sp12.checks if item.id == "services-earning")
    assert (check.status, check.observed) == ("partial", "1")


def test_strategic_areas_carry_the_money_of_their_services() -> None:
    course = {"name": "Course", "area": "education_training", "cost": {"external": 5000}}
    assessment = _assess(
        _evidence(
            [MISSION, {**course, "income": {"fees": 7000}}, {"name": "Lobbying", "area": "other"}]
        )
    )
    assert assessment.portfolio is not None
    areas = {area.id: area for area in assessment.portfolio.coverage}
    trips = areas["internationalisation"]
    assert (trips.cost, trips.income, trips.net, trips.with_figures) == (30000, 12000, -18000, 1)
    assert areas["other"].services == ["Lobbying"] and areas["other"].net is None
    portfolio = assessment.portfolio
    assert (portfolio.cost, portfolio.income, portfolio.net) == (35000, 19000, -16000)


def test_the_mature_example_shows_figures_survey_and_one_disagreement() -> None:
    from scoring_support import assess_example

    assessment = assess_example("nordic-maritime")
    assert assessment.portfolio is not None
    disagreeing = [s.name for s in assessment.portfolio.services if s.disagreements]
    assert disagreeing == ["Green Shipping Lab test bed access"]
    lab = _placed(assessment, "Green Shipping Lab test bed access")
    # 52,000 external + 60 days at EUR 520 = 83,200 against 79,000 in fees: -4,200, within 10 %.
    assert lab.money is not None and (lab.money.cost, lab.money.net) == (83200, -4200)
    assert lab.class_id == "keep"
    database = _placed(assessment, "Competence database")
    assert database.survey is not None and database.survey.appreciation == "neutral"
