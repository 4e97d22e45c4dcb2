"""What a service's figures and the latest survey say about it, and whether they beat its hand marks.

The seed's table marks each service by hand (€-, €0, €+; 😊 😐 😞). Where the evidence has the numbers
behind a mark (cost and income per year; the members' ratings in the latest survey), the numbers class the
service and the hand mark is shown beside them; where the two differ, the report says so. A hand mark wins
only when the service says why (``marks_win_because``): figures can miss sponsoring in kind, and a survey
can miss the members who matter for a service.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, TypeVar

from clusterkit.models.economics import cost_per_year
from clusterkit.models.evidence import Evidence
from clusterkit.models.portfolio import NeutralBand, Portfolio, SurveyScale
from clusterkit.models.strategy import Service
from clusterkit.models.surveys import SatisfactionSurvey, ServiceRating
from clusterkit.models.vocab import Appreciation, Contribution
from clusterkit.results.portfolio import Decider, ServiceMoney, ServiceSurvey

T = TypeVar("T", Contribution, Appreciation)


class ServiceJudgement(NamedTuple):
    """A service's contribution and appreciation as decided, with what each decision rests on."""

    contribution: list[Contribution] | None
    appreciation: list[Appreciation] | None
    contribution_by: Decider | None
    appreciation_by: Decider | None
    disagreements: list[str]
    money: ServiceMoney | None
    survey: ServiceSurvey | None


def contribution_class(cost: float, income: float, band: NeutralBand) -> Contribution:
    """costs, neutral or earns: the net against plus or minus the band's share of the cost (inclusive)."""
    net, margin = income - cost, band.share_of_cost * cost
    if net > margin:
        return Contribution.EARNS
    if net < -margin:
        return Contribution.COSTS
    return Contribution.NEUTRAL


def appreciation_class(mean: float, scale: SurveyScale) -> Appreciation:
    """positive at or above ``positive_from``, negative below ``negative_below``, neutral between."""
    if mean >= scale.positive_from:
        return Appreciation.POSITIVE
    if mean < scale.negative_below:
        return Appreciation.NEGATIVE
    return Appreciation.NEUTRAL


def service_money(
    service: Service, rate: float | None, band: NeutralBand | None
) -> ServiceMoney | None:
    """The service's cost, income and net; None unless both cost and income are given."""
    if service.cost is None or service.income is None:
        return None
    cost = cost_per_year(service.cost, rate)
    if cost is None:
        return None
    income = service.income.total
    return ServiceMoney.built(
        cost=cost,
        income=income,
        net=income - cost,
        contribution=contribution_class(cost, income, band).value if band else None,
    )


def _rating(survey: SatisfactionSurvey | None, name: str) -> ServiceRating | None:
    """The survey's rating of a service, matched by name (case and surrounding spaces ignored)."""
    key = name.strip().casefold()
    ratings = survey.services or () if survey else ()
    return next((item for item in ratings if item.service.strip().casefold() == key), None)


def service_survey(
    survey: SatisfactionSurvey | None, name: str, scale: SurveyScale | None
) -> ServiceSurvey | None:
    """What the latest survey said about the service; its face only with enough answers."""
    rating = _rating(survey, name)
    if survey is None or rating is None:
        return None
    enough = scale is not None and rating.mean is not None and rating.answers >= scale.min_answers
    face = appreciation_class(rating.mean, scale) if enough and rating.mean and scale else None
    return ServiceSurvey.built(
        survey_date=survey.date,
        answers=rating.answers,
        mean=rating.mean,
        appreciation=face.value if face else None,
        willing_to_pay_share=rating.willing_to_pay_share,
        pay_answers=rating.pay_answers,
    )


def _decide(
    mark: Sequence[T] | None, measured: T | None, keep_mark: bool, by: Decider
) -> tuple[list[T] | None, Decider | None, bool]:
    """The values a column is classed by, who decided, and whether mark and measurement disagree."""
    disagree = measured is not None and mark is not None and measured not in mark
    if mark and (keep_mark or measured is None):
        return list(mark), "mark", disagree
    if measured is not None:
        return [measured], by, disagree
    return None, None, False


def day_rate(evidence: Evidence) -> float | None:
    return evidence.management.day_rate if evidence.management else None


def judge(
    service: Service,
    portfolio: Portfolio,
    rate: float | None = None,
    latest: SatisfactionSurvey | None = None,
) -> ServiceJudgement:
    """Decide a service's contribution and appreciation from its figures, the survey and its marks.

    ``rate`` is the management's day rate, ``latest`` the latest survey.
    """
    money = service_money(service, rate, portfolio.neutral_band)
    survey = service_survey(latest, service.name, portfolio.survey_scale)
    keep = service.marks_win_because is not None
    measured_c = Contribution(money.contribution) if money and money.contribution else None
    measured_a = Appreciation(survey.appreciation) if survey and survey.appreciation else None
    contribution, c_by, c_differs = _decide(service.contribution, measured_c, keep, "figures")
    appreciation, a_by, a_differs = _decide(service.appreciation, measured_a, keep, "survey")
    return ServiceJudgement(
        contribution=contribution,
        appreciation=appreciation,
        contribution_by=c_by,
        appreciation_by=a_by,
        disagreements=[
            column
            for column, differs in (("contribution", c_differs), ("appreciation", a_differs))
            if differs
        ],
        money=money,
        survey=survey,
    )


def decided_evidence(evidence: Evidence, portfolio: Portfolio | None) -> Evidence:
    """The evidence as the checks should read it: each service's marks replaced by the decided values.

    So "services that earn money" and "services assessed" count what the figures and the survey say,
    the same values the portfolio shows. The file's own marks stay in the portfolio, beside them.
    """
    if portfolio is None or not evidence.services:
        return evidence
    services = []
    for service in evidence.services:
        verdict = judge(service, portfolio, day_rate(evidence), evidence.latest_survey)
        update = {"contribution": verdict.contribution, "appreciation": verdict.appreciation}
        services.append(service.model_copy(update=update))
    return evidence.model_copy(update={"services": services})


def unpriced_staff_days(evidence: Evidence) -> list[str]:
    """One warning per service whose staff days cannot become a cost: no day rate in the evidence."""
    if day_rate(evidence) is not None:
        return []
    return [
        f"service `{service.name}` gives staff_days but management.day_rate is not given: its cost, "
        "and so its figures, cannot be worked out"
        for service in evidence.services or ()
        if service.cost is not None and service.cost.staff_days is not None
    ]


def unmatched_ratings(evidence: Evidence) -> list[str]:
    """One warning per rating in the latest survey that names no service of the evidence file."""
    latest = evidence.latest_survey
    if latest is None:
        return []
    names = {service.name.strip().casefold() for service in evidence.services or ()}
    return [
        f"the survey of {latest.date} rates `{rating.service}`, which is not in services: its rating "
        "is not used"
        for rating in latest.services or ()
        if rating.service.strip().casefold() not in names
    ]


def portfolio_warnings(evidence: Evidence) -> list[str]:
    """What keeps figures or survey ratings from classing a service."""
    return [*unpriced_staff_days(evidence), *unmatched_ratings(evidence)]
