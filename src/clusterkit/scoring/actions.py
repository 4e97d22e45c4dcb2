"""What to change when a value is recorded and falls short: "raise X from A to B", never "record X"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clusterkit.models import rules
from clusterkit.results.assessment import CheckResult, ProgressResult
from clusterkit.results.numbers import fmt


def _bound_action(bounds: rules._Bounds, what: str, seen: str, display: rules.Display) -> str:
    if bounds.min is not None and bounds.max is not None:
        low, high = fmt(bounds.min, display), fmt(bounds.max, display)
        return f"Bring {what} from {seen} to between {low} and {high}"
    if bounds.min is not None:
        return f"Raise {what} from {seen} to at least {fmt(bounds.min, display)}"
    return f"Lower {what} from {seen} to at most {fmt(bounds.max or 0.0, display)}"


def _threshold(rule: rules.ThresholdRule, result: CheckResult, seen: str) -> str:
    return _bound_action(rule, f"`{rule.field}`", seen, rule.display)


def _ratio(rule: rules.RatioRule, result: CheckResult, seen: str) -> str:
    return _bound_action(rule, f"`{rule.numerator}` / `{rule.denominator}`", seen, rule.display)


def _count(rule: rules.CountRule, result: CheckResult, seen: str) -> str:
    return _bound_action(rule, f"the count of `{rule.field}`", seen, "number")


def _recency(rule: rules.RecencyRule, result: CheckResult, seen: str) -> str:
    return f"Renew `{rule.field}`: {seen}, it must be {result.expected}"


def _horizon(rule: rules.HorizonRule, result: CheckResult, seen: str) -> str:
    return f"Extend `{rule.field}` from {seen} to {result.expected}"


def _flag(rule: rules.FlagRule, result: CheckResult, seen: str) -> str:
    return f"Change `{rule.field}` from {seen} to {result.expected}"


def _age(rule: rules.AgeRule, result: CheckResult, seen: str) -> str:
    return f"Comes with time: `{rule.field}` is {seen}; it must be {result.expected}"


def _present(rule: rules.PresentRule, result: CheckResult, seen: str) -> str:
    return f"Fill in `{rule.field}`, now {seen}"


def _document(rule: rules.DocumentRule, result: CheckResult, seen: str) -> str:
    return f"Complete or update the document in `{rule.field}` ({seen}): {result.expected}"


def _declaration(rule: rules.DeclarationRule, result: CheckResult, seen: str) -> str:
    return f"Change the declaration from {seen}: {result.expected}"


def _improvement(rule: rules.ImprovementRule, result: CheckResult, seen: str) -> str:
    measured = isinstance(result, ProgressResult) and result.progress.measured == "baseline"
    if measured or rule.declared is None:
        return f"Improve more indicators that were gaps in the baseline: {seen}, it needs {result.expected}"
    return (
        _count(rule.declared, result, seen) + ", or measure the progress with --baseline REV|FILE"
    )


ACTIONS: dict[type, Callable[[Any, CheckResult, str], str]] = {
    rules.ThresholdRule: _threshold,
    rules.RatioRule: _ratio,
    rules.CountRule: _count,
    rules.RecencyRule: _recency,
    rules.HorizonRule: _horizon,
    rules.AgeRule: _age,
    rules.PresentRule: _present,
    rules.FlagRule: _flag,
    rules.DocumentRule: _document,
    rules.DeclarationRule: _declaration,
    rules.ImprovementRule: _improvement,
}


def action(rule: rules.Rule, result: CheckResult) -> str | None:
    """The change a known, failing value needs; None when the value is not known (record it first)."""
    if result.status not in ("partial", "unmet") or result.observed is None:
        return None
    return ACTIONS[type(rule)](rule, result, result.observed) + "."
