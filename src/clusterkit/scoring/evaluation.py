"""Evaluate one rule against the evidence: one small pure function per rule kind, in one table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from dateutil.relativedelta import relativedelta

from clusterkit.models import rules
from clusterkit.results.assessment import CheckResult, ProgressResult, Status
from clusterkit.results.numbers import counted, fmt
from clusterkit.scoring.context import (
    Context,
    Outcome,
    bounds_status,
    months,
    months_after,
    months_before,
    numeric,
    read,
    staleness,
    unknown,
)
from clusterkit.scoring.documents import declaration, document
from clusterkit.scoring.improvement import declared, measured

__all__ = ["EVALUATORS", "Context", "Outcome", "evaluate", "result_of"]


def threshold(rule: rules.ThresholdRule, ctx: Context) -> Outcome:
    value = read(ctx.evidence, rule.field)
    if value is None:
        return unknown(bounds_status(rule, 0.0, rule.display)[1], rule.field)
    status, expected = bounds_status(rule, float(value), rule.display)
    return numeric(status, fmt(float(value), rule.display), expected, (rule.field,))


def ratio(rule: rules.RatioRule, ctx: Context) -> Outcome:
    numerator, denominator = (
        read(ctx.evidence, rule.numerator),
        read(ctx.evidence, rule.denominator),
    )
    # "EUR 778 per participant", not a bare "EUR 778" a reader cannot place.
    unit = f" {rule.unit}" if rule.unit else ""
    expected = bounds_status(rule, 0.0, rule.display)[1] + unit
    if numerator is None or denominator is None or float(denominator) == 0:
        return unknown(expected, rule.numerator, rule.denominator)
    value = float(numerator) / float(denominator)
    status, expected = bounds_status(rule, value, rule.display)
    observed = fmt(value, rule.display) + unit
    return numeric(status, observed, expected + unit, (rule.numerator, rule.denominator))


def count(rule: rules.CountRule, ctx: Context) -> Outcome:
    items = read(ctx.evidence, rule.field)
    expected = bounds_status(rule, 0.0, "number")[1]
    if items is None:
        bound = rule.min if rule.min is not None else rule.max
        return unknown(f"{expected} {_counted(rule, int(bound or 0))}", rule.field)
    counted = sum(1 for item in items if _counts(rule, item, ctx.today))
    status, expected = bounds_status(rule, float(counted), "number")
    return numeric(status, f"{counted} {_counted(rule, counted)}", expected, (rule.field,))


def _counted(rule: rules.CountRule, number: int) -> str:
    """What a count rule counts, in words: "2 complete items (with x) where y is true from the last ..."."""
    noun = "item" if number == 1 else "items"
    words = f"complete {noun} (with {', '.join(rule.require)})" if rule.require else noun
    if rule.where:
        shown = {
            key: str(value).lower() if isinstance(value, bool) else value
            for key, value in rule.where.items()
        }
        words += " where " + ", ".join(f"{key} is {value}" for key, value in shown.items())
    if rule.within_months:
        words += f" from the last {months(rule.within_months)}"
    return words


def _counts(rule: rules.CountRule, item: Any, today: dt.date) -> bool:
    if any(getattr(item, name, None) in (None, "", []) for name in rule.require or ()):
        return False
    if any(getattr(item, name, None) != value for name, value in (rule.where or {}).items()):
        return False
    if rule.within_months and rule.date_field:
        when = getattr(item, rule.date_field, None)
        start = months_before(today, rule.within_months)
        return isinstance(when, dt.date) and start <= when <= today
    return True


def recency(rule: rules.RecencyRule, ctx: Context) -> Outcome:
    when = read(ctx.evidence, rule.field)
    expected = f"at most {months(rule.max_age_months)} before {ctx.today}"
    if when is None:
        return unknown(expected, rule.field)
    if when > ctx.today:
        reason = (
            f"{when} is after the assessment date {ctx.today}; a past event cannot be dated later"
        )
        return Outcome("unmet", str(when), expected, reason, (rule.field,))
    if when >= months_before(ctx.today, rule.max_age_months):
        status: Status = "met"
    elif rule.partial_max_age_months and when >= months_before(
        ctx.today, rule.partial_max_age_months
    ):
        status = "partial"
    else:
        status = "unmet"
    age = relativedelta(ctx.today, when)
    observed = f"{when} ({_age_words(age)} old)"
    return numeric(status, observed, expected, (rule.field,))


def _age_words(age: relativedelta) -> str:
    """12 months and 1 day, never "12 months" beside "at most 12 months"; 16 days, not 0 months."""
    count = age.years * 12 + age.months
    days = f"{age.days} day{'' if age.days == 1 else 's'}"
    if count and age.days:
        return f"{months(count)} and {days}"
    return months(count) if count else days


def horizon(rule: rules.HorizonRule, ctx: Context) -> Outcome:
    when = read(ctx.evidence, rule.field)
    expected = f"at least {months(rule.min_ahead_months)} after {ctx.today}"
    if when is None:
        return unknown(expected, rule.field)
    if when >= months_after(ctx.today, rule.min_ahead_months):
        status: Status = "met"
    elif rule.partial_min_ahead_months is not None and when >= months_after(
        ctx.today, rule.partial_min_ahead_months
    ):
        status = "partial"
    else:
        status = "unmet"
    return numeric(status, str(when), expected, (rule.field,))


def age(rule: rules.AgeRule, ctx: Context) -> Outcome:
    value = read(ctx.evidence, rule.field)
    expected = f"at least {months(rule.min_age_months)} before {ctx.today}"
    if value is None:
        return unknown(expected, rule.field)
    # A bare year is read as its last day: the cautious reading of "founded 2024".
    when = value if isinstance(value, dt.date) else dt.date(int(value), 12, 31)
    if when <= months_before(ctx.today, rule.min_age_months):
        status: Status = "met"
    elif rule.partial_min_age_months and when <= months_before(
        ctx.today, rule.partial_min_age_months
    ):
        status = "partial"
    else:
        status = "unmet"
    observed = str(value) if isinstance(value, dt.date) else f"{value} (read as {when})"
    return numeric(status, observed, expected, (rule.field,))


def present(rule: rules.PresentRule, ctx: Context) -> Outcome:
    value = read(ctx.evidence, rule.field)
    if value is None:
        return unknown("given", rule.field)
    if value in ("", [], {}):
        return Outcome("unmet", "empty", "given", f"`{rule.field}` is empty", (rule.field,))
    shown = counted(len(value), "item") if isinstance(value, list | dict) else str(value)[:80]
    return Outcome("met", shown, "given", f"`{rule.field}` is given", (rule.field,))


def flag(rule: rules.FlagRule, ctx: Context) -> Outcome:
    value = read(ctx.evidence, rule.field)
    expected = str(rule.expected).lower()
    if value is None:
        return unknown(expected, rule.field)
    status: Status = "met" if bool(value) == rule.expected else "unmet"
    reason = f"`{rule.field}` is {str(bool(value)).lower()}, expected {expected}"
    return Outcome(status, str(bool(value)).lower(), expected, reason, (rule.field,))


def improvement(rule: rules.ImprovementRule, ctx: Context) -> Outcome:
    """Measured against the baseline when there is one, else the declared count (labelled as such)."""
    if ctx.baseline is not None:
        return measured(rule, ctx)
    fallback = rule.declared
    if fallback is None:
        return declared(rule, None, ())
    items = read(ctx.evidence, fallback.field) or []
    counted_items = [item for item in items if _counts(fallback, item, ctx.today)]
    return declared(rule, count(fallback, ctx), counted_items)


RuleFunction = Callable[[Any, Context], Outcome]

EVALUATORS: dict[type, RuleFunction] = {
    rules.ThresholdRule: threshold,
    rules.RatioRule: ratio,
    rules.CountRule: count,
    rules.RecencyRule: recency,
    rules.HorizonRule: horizon,
    rules.AgeRule: age,
    rules.PresentRule: present,
    rules.FlagRule: flag,
    rules.DocumentRule: document,
    rules.DeclarationRule: declaration,
    rules.ImprovementRule: improvement,
}


def evaluate(rule: rules.Rule, ctx: Context) -> Outcome:
    """Evaluate any rule by its kind; a count past its window reads as unknown, with the reason."""
    outcome = EVALUATORS[type(rule)](rule, ctx)
    if outcome.status == "unknown":
        return outcome
    # A count rule may filter on item fields that age (a working group's meetings in 12 months).
    names = (
        (*(rule.require or ()), *(rule.where or {})) if isinstance(rule, rules.CountRule) else ()
    )
    stale = [
        f"`{path}` {why}"
        for path in outcome.reads
        if (why := staleness(ctx.evidence, path, ctx.today, names)) is not None
    ]
    if not stale:
        return outcome
    observed = f"{outcome.observed} (stale)" if outcome.observed else None
    reason = "; ".join(stale) + ": stale, so unknown until counted again"
    return outcome._replace(status="unknown", observed=observed, reason=reason)


def result_of(
    outcome: Outcome,
    *,
    id: str,
    title: str,
    basis: str,
    source: str | None,
    fix: str,
    points: float,
    possible: float,
) -> CheckResult:
    """A check's (or a level condition's) result from its rule's outcome; the reason carries the basis.

    An improvement rule's outcome carries its progress, and gives a ProgressResult.
    """
    result = CheckResult.built(
        id=id,
        title=title,
        status=outcome.status,
        points=points,
        possible=possible,
        observed=outcome.observed,
        expected=outcome.expected,
        reason=f"{title}: {outcome.reason} [{basis}]",
        basis=basis,
        source=source,
        fix=None if outcome.status == "met" else fix,
        reads=list(outcome.reads),
    )
    if outcome.progress is not None:
        return ProgressResult.built(**dict(result), progress=outcome.progress)
    return result
