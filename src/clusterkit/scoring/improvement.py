"""The improvement rule (pure): indicators that were gaps in a baseline assessment and improved since.

ESCA's Silver label asks for three improvement areas tied to the quality indicators, each with its
effect. Measured here: an indicator of the pack that the baseline found a gap (the rule's `gaps`) and
that is better now (the rule's `by`), named with the checks that moved it and the values seen then
and now. Without a baseline the pack's `declared` count (a hand-written list) decides, and the result
says it is declared, not measured.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from clusterkit.models import rules
from clusterkit.results.assessment import IndicatorResult, Status
from clusterkit.results.improvement import Baseline, DeclaredImprovement, Improvement, Progress
from clusterkit.results.numbers import counted, fmt
from clusterkit.scoring.context import Context, Outcome

EPSILON = 1e-9
Measured = Literal["baseline", "declaration", "none"]


def _progress(rule: rules.ImprovementRule, measured: Measured, **parts: Any) -> Progress:
    return Progress(
        measured=measured,
        baseline=parts.get("baseline"),
        counts_as_improved=rule.improved.words(),
        counts_as_improved_basis=rule.improved.basis.value,
        improved=parts.get("improved", []),
        declared=parts.get("declared", []),
    )


def _expected(rule: rules.ImprovementRule) -> str:
    return f"at least {counted(rule.min, 'indicator')} improved since the baseline"


def improved(
    measure: rules.ImprovedMeasure, old: IndicatorResult | None, new: IndicatorResult
) -> Improvement | None:
    """The improvement of one indicator by the pack's measure, or None (no gap then, or no better now)."""
    if old is None or old.status not in measure.gaps or new.status == "not_applicable":
        return None
    # Only a run with a baseline compares: the comparison's models are imported then, not at start-up.
    from clusterkit.results.comparison import RANK, check_changes

    better = {
        "status": RANK.get(new.status, 0) > RANK.get(old.status, 0),
        "points": new.points > old.points + EPSILON,
        "met": new.status == "met",
    }[measure.by]
    if not better:
        return None
    return Improvement(
        indicator=new.id,
        title=new.title,
        old=old.status,
        new=new.status,
        points_old=old.points,
        points_new=new.points,
        checks=check_changes(old, new),
    )


def named(item: Improvement) -> str:
    """4.1.1 Strategy building process: partial → met (companies involved: 3 → 5)."""
    moved = "; ".join(
        f"{check.title}: {check.observed_old or 'not given'} → {check.observed_new or 'not given'}"
        for check in item.checks
    )
    points = f"{fmt(item.points_old, 'number')} → {fmt(item.points_new, 'number')} points"
    change = f"{item.old} → {item.new}" if item.old != item.new else f"{item.old}, {points}"
    return f"{item.indicator} {item.title}: {change}" + (f" ({moved})" if moved else "")


def measured(rule: rules.ImprovementRule, ctx: Context) -> Outcome:
    """Count the indicators improved since ``ctx.baseline`` (which must be given)."""
    assert ctx.baseline is not None  # the caller chose this branch
    then = ctx.baseline.assessment
    baseline = Baseline(label=ctx.baseline.label, assessment_date=then.assessment_date)
    counting = f"counted: {rule.improved.words()} [{rule.improved.basis.value}]"
    before = next((pack for pack in then.packs if pack.pack == ctx.pack), None)
    if before is None or then.assessment_date > ctx.today:
        problem = (
            f"the baseline {baseline.label} has no assessment against the pack {ctx.pack}"
            if before is None
            else f"the baseline {baseline.label} is dated {then.assessment_date}, after {ctx.today}"
        )
        progress = _progress(rule, "baseline", baseline=baseline)
        return Outcome("unknown", None, _expected(rule), problem, (), progress)
    old = {item.id: item for area in before.areas for item in area.indicators}
    found = [
        change
        for item in ctx.indicators
        if (change := improved(rule.improved, old.get(item.id), item))
    ]
    status: Status = "met" if len(found) >= rule.min else "unmet"
    since = f"since {baseline.label} (assessed {baseline.assessment_date})"
    names = f": {'; '.join(named(item) for item in found)}" if found else ""
    verdict = "meets" if status == "met" else "needs"
    reason = f"{counted(len(found), 'indicator')} improved {since}{names}; {verdict} {_expected(rule)} ({counting})"
    observed = f"{counted(len(found), 'indicator')} improved since {baseline.label}"
    progress = _progress(rule, "baseline", baseline=baseline, improved=found)
    return Outcome(status, observed, _expected(rule), reason, (), progress)


def declared(rule: rules.ImprovementRule, outcome: Outcome | None, items: Sequence[Any]) -> Outcome:
    """Without a baseline: the declared count's outcome (``outcome``, over the counted ``items``),
    labelled as declared, not measured; unknown when the rule declares no fallback."""
    if outcome is None or rule.declared is None:
        reason = (
            "no baseline assessment to measure progress against (give one with --baseline REV|FILE)"
        )
        return Outcome("unknown", None, _expected(rule), reason, (), _progress(rule, "none"))
    listed = [
        DeclaredImprovement(
            indicator=_text(item, "indicator"),
            change=_text(item, "change"),
            effect=_text(item, "effect"),
        )
        for item in items
    ]
    observed = f"{outcome.observed}, declared, not measured" if outcome.observed else None
    reason = f"declared, not measured (no baseline assessment given): {outcome.reason}"
    progress = _progress(rule, "declaration", declared=listed)
    return Outcome(outcome.status, observed, outcome.expected, reason, outcome.reads, progress)


def _text(item: Any, name: str) -> str | None:
    value = getattr(item, name, None)
    return None if value is None else str(value)
