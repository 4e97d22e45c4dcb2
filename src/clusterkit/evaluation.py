"""Evaluate one rule against the evidence: one small pure function per rule kind, in one table."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta

from clusterkit.assessment import Status
from clusterkit.evidence import Facts
from clusterkit.models import rules
from clusterkit.models.evidence import Evidence
from clusterkit.models.vocab import DeclaredStatus


@dataclass(frozen=True)
class Context:
    """What every rule may look at: the evidence, the document facts, the date, the indicator."""

    evidence: Evidence
    facts: Facts
    today: dt.date
    indicator: str


@dataclass(frozen=True)
class Outcome:
    """A rule's verdict, what it saw, what it expected, why, and which fields it read."""

    status: Status
    observed: str | None
    expected: str
    reason: str
    reads: tuple[str, ...]


def read(evidence: Evidence, path: str) -> Any:
    """The value at a dotted path, or None where any step is not given."""
    value: Any = evidence
    for segment in path.split("."):
        value = getattr(value, segment, None)
        if value is None:
            return None
    return value


def fmt(value: float, display: rules.Display = "number") -> str:
    """A number as reports show it: 30 %, EUR 12,000, 0.5, 15."""
    if display == "percent":
        return f"{value * 100:.0f} %"
    if display == "money":
        return f"EUR {value:,.0f}"
    if value == int(value):
        return f"{int(value)}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def fmt_score(value: float) -> str:
    """A score as a percentage with one decimal, rounded down: 79.96 % must never read as 80 %."""
    return f"{math.floor(value * 1000 + 1e-9) / 10:.1f} %"


def _months(count: int) -> str:
    return f"{count} month" + ("" if count == 1 else "s")


def _bounds(bounds: rules._Bounds, value: float, display: rules.Display) -> tuple[Status, str]:
    """Status of a value against min/max with their partial bounds, and the expectation in words."""
    parts = []
    if bounds.min is not None:
        parts.append(f"at least {fmt(bounds.min, display)}")
    if bounds.max is not None:
        parts.append(f"at most {fmt(bounds.max, display)}")
    expected = " and ".join(parts)
    low_ok = bounds.min is None or value >= bounds.min
    high_ok = bounds.max is None or value <= bounds.max
    if low_ok and high_ok:
        return "met", expected
    partial_low = low_ok or (bounds.partial_min is not None and value >= bounds.partial_min)
    partial_high = high_ok or (bounds.partial_max is not None and value <= bounds.partial_max)
    has_partial = bounds.partial_min is not None or bounds.partial_max is not None
    return ("partial" if has_partial and partial_low and partial_high else "unmet"), expected


def _unknown(expected: str, *reads: str) -> Outcome:
    return Outcome(
        "unknown", None, expected, f"{' and '.join(f'`{r}`' for r in reads)} not given", reads
    )


def _numeric(status: Status, observed: str, expected: str, reads: tuple[str, ...]) -> Outcome:
    reason = {
        "met": f"{observed}; meets {expected}",
        "partial": f"{observed}; needs {expected} for full points (partial credit)",
    }.get(status, f"{observed}; needs {expected}")
    return Outcome(status, observed, expected, reason, reads)


def threshold(rule: rules.ThresholdRule, ctx: Context) -> Outcome:
    value = read(ctx.evidence, rule.field)
    if value is None:
        return _unknown(_bounds(rule, 0.0, rule.display)[1], rule.field)
    status, expected = _bounds(rule, float(value), rule.display)
    return _numeric(status, fmt(float(value), rule.display), expected, (rule.field,))


def ratio(rule: rules.RatioRule, ctx: Context) -> Outcome:
    numerator, denominator = (
        read(ctx.evidence, rule.numerator),
        read(ctx.evidence, rule.denominator),
    )
    expected = _bounds(rule, 0.0, rule.display)[1]
    if numerator is None or denominator is None or float(denominator) == 0:
        return _unknown(expected, rule.numerator, rule.denominator)
    value = float(numerator) / float(denominator)
    status, expected = _bounds(rule, value, rule.display)
    return _numeric(status, fmt(value, rule.display), expected, (rule.numerator, rule.denominator))


def count(rule: rules.CountRule, ctx: Context) -> Outcome:
    items = read(ctx.evidence, rule.field)
    expected = _bounds(rule, 0.0, "number")[1]
    what = f" complete items (with {', '.join(rule.require)})" if rule.require else " items"
    if rule.where:
        what += " where " + ", ".join(f"{key} is {value}" for key, value in rule.where.items())
    if rule.within_months:
        what += f" from the last {_months(rule.within_months)}"
    if items is None:
        return _unknown(expected + what, rule.field)
    counted = [item for item in items if _counts(rule, item, ctx.today)]
    status, expected = _bounds(rule, float(len(counted)), "number")
    return _numeric(status, f"{len(counted)}{what}", expected, (rule.field,))


def _counts(rule: rules.CountRule, item: Any, today: dt.date) -> bool:
    if any(getattr(item, name, None) in (None, "", []) for name in rule.require or ()):
        return False
    if any(getattr(item, name, None) != value for name, value in (rule.where or {}).items()):
        return False
    if rule.within_months and rule.date_field:
        when = getattr(item, rule.date_field, None)
        start = today - relativedelta(months=rule.within_months)
        return isinstance(when, dt.date) and start <= when <= today
    return True


def recency(rule: rules.RecencyRule, ctx: Context) -> Outcome:
    when = read(ctx.evidence, rule.field)
    expected = f"at most {_months(rule.max_age_months)} before {ctx.today}"
    if when is None:
        return _unknown(expected, rule.field)
    if when > ctx.today:
        reason = (
            f"{when} is after the assessment date {ctx.today}; a past event cannot be dated later"
        )
        return Outcome("unmet", str(when), expected, reason, (rule.field,))
    if when >= ctx.today - relativedelta(months=rule.max_age_months):
        status: Status = "met"
    elif rule.partial_max_age_months and when >= ctx.today - relativedelta(
        months=rule.partial_max_age_months
    ):
        status = "partial"
    else:
        status = "unmet"
    age = relativedelta(ctx.today, when)
    observed = f"{when} ({_months(age.years * 12 + age.months)} old)"
    return _numeric(status, observed, expected, (rule.field,))


def horizon(rule: rules.HorizonRule, ctx: Context) -> Outcome:
    when = read(ctx.evidence, rule.field)
    expected = f"at least {_months(rule.min_ahead_months)} after {ctx.today}"
    if when is None:
        return _unknown(expected, rule.field)
    if when >= ctx.today + relativedelta(months=rule.min_ahead_months):
        status: Status = "met"
    elif rule.partial_min_ahead_months is not None and when >= ctx.today + relativedelta(
        months=rule.partial_min_ahead_months
    ):
        status = "partial"
    else:
        status = "unmet"
    return _numeric(status, str(when), expected, (rule.field,))


def age(rule: rules.AgeRule, ctx: Context) -> Outcome:
    value = read(ctx.evidence, rule.field)
    expected = f"at least {_months(rule.min_age_months)} before {ctx.today}"
    if value is None:
        return _unknown(expected, rule.field)
    # A bare year is read as its last day: the cautious reading of "founded 2024".
    when = value if isinstance(value, dt.date) else dt.date(int(value), 12, 31)
    if when <= ctx.today - relativedelta(months=rule.min_age_months):
        status: Status = "met"
    elif rule.partial_min_age_months and when <= ctx.today - relativedelta(
        months=rule.partial_min_age_months
    ):
        status = "partial"
    else:
        status = "unmet"
    observed = str(value) if isinstance(value, dt.date) else f"{value} (read as {when})"
    return _numeric(status, observed, expected, (rule.field,))


def present(rule: rules.PresentRule, ctx: Context) -> Outcome:
    value = read(ctx.evidence, rule.field)
    if value is None:
        return _unknown("given", rule.field)
    if value in ("", [], {}):
        return Outcome("unmet", "empty", "given", f"`{rule.field}` is empty", (rule.field,))
    shown = f"{len(value)} items" if isinstance(value, list | dict) else str(value)[:80]
    return Outcome("met", shown, "given", f"`{rule.field}` is given", (rule.field,))


def flag(rule: rules.FlagRule, ctx: Context) -> Outcome:
    value = read(ctx.evidence, rule.field)
    expected = str(rule.expected).lower()
    if value is None:
        return _unknown(expected, rule.field)
    status: Status = "met" if bool(value) == rule.expected else "unmet"
    reason = f"`{rule.field}` is {str(bool(value)).lower()}, expected {expected}"
    return Outcome(status, str(bool(value)).lower(), expected, reason, (rule.field,))


def document(rule: rules.DocumentRule, ctx: Context) -> Outcome:
    value = read(ctx.evidence, rule.field)
    expected = "an existing document"
    if rule.sections:
        expected += " with headings " + ", ".join(f"“{s}”" for s in rule.sections)
    if rule.max_age_months:
        expected += f", changed within {_months(rule.max_age_months)}"
    if value is None:
        return _unknown(expected, rule.field)
    paths = [str(item) for item in value] if isinstance(value, list) else [str(value)]
    if not paths:
        return Outcome(
            "unmet", "none", expected, f"`{rule.field}` names no document", (rule.field,)
        )
    for path in paths:
        outcome = _one_document(rule, ctx, path, expected)
        if outcome.status != "met":
            return outcome
    return Outcome("met", ", ".join(paths), expected, f"{', '.join(paths)} exists", (rule.field,))


def _one_document(rule: rules.DocumentRule, ctx: Context, path: str, expected: str) -> Outcome:
    fact = ctx.facts.document(path)
    reads = (rule.field,)
    if fact is None or not fact.exists:
        return Outcome("unmet", f"{path} (missing)", expected, f"{path} does not exist", reads)
    if rule.sections:
        found = {heading.casefold() for heading in fact.headings or ()}
        missing = [section for section in rule.sections if section.casefold() not in found]
        if missing:
            names = ", ".join(f"“{m}”" for m in missing)
            return Outcome("partial", path, expected, f"{path} has no heading {names}", reads)
    if rule.max_age_months and fact.last_changed is not None:
        oldest = ctx.today - relativedelta(months=rule.max_age_months)
        if fact.last_changed < oldest:
            source = "last commit" if fact.date_source == "git" else "file date"
            reason = f"{path} last changed {fact.last_changed} ({source}), more than {_months(rule.max_age_months)} before {ctx.today}"
            return Outcome("unmet", f"{path} ({fact.last_changed})", expected, reason, reads)
    return Outcome("met", path, expected, f"{path} exists", reads)


def declaration(rule: rules.DeclarationRule, ctx: Context) -> Outcome:
    key = rule.indicator or ctx.indicator
    field = f"declarations.{key}"
    declared = (ctx.evidence.declarations or {}).get(key)
    expected = "declared met, with justification" + (
        " and documents" if rule.requires_documents else ""
    )
    if declared is None:
        return _unknown(expected, field)
    if declared.expires is not None and declared.expires < ctx.today:
        reason = f"the declaration expired on {declared.expires}: stale, renew it"
        return Outcome("unknown", f"stale since {declared.expires}", expected, reason, (field,))
    status = declared.status.value
    if declared.status == DeclaredStatus.NOT_APPLICABLE:
        reason = "declared not applicable, which this indicator does not allow"
        return Outcome("unmet", "not_applicable", expected, reason, (field,))
    if declared.status == DeclaredStatus.MET and rule.requires_documents:
        documents = [str(doc) for doc in declared.documents or ()]
        missing = [doc for doc in documents if not _exists(ctx.facts, doc)]
        if not documents or missing:
            why = "names no document" if not documents else f"names missing {', '.join(missing)}"
            reason = f"declared met, but the declaration {why}; counted as partial"
            return Outcome("partial", "met (without proof)", expected, reason, (field,))
    reason = (
        f"declared {status}: {declared.justification}"
        if declared.justification
        else f"declared {status}"
    )
    return Outcome(status, status, expected, reason, (field,))  # type: ignore[arg-type]


def _exists(facts: Facts, path: str) -> bool:
    fact = facts.document(path)
    return fact is not None and fact.exists


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
}


def evaluate(rule: rules.Rule, ctx: Context) -> Outcome:
    """Evaluate any rule by its kind."""
    return EVALUATORS[type(rule)](rule, ctx)
