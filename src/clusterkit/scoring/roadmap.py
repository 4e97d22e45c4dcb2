"""The roadmap: a plan a board can adopt, gates first, then the least-effort fixes for the points.

Order: the blocking steps of prerequisite packs (without the ECCP floor no level is possible), then the
pack's own minimum requirements and level conditions, then the set of remaining fixes that closes the points
gap with the least total effort (``plan.least_effort``, exact). One step per underlying fix: checks in any
pack that read the same fields and expect the same are one step, listing every check it moves. Time-bound
gaps (kind ``cannot``, like the organisation's age) are listed apart and never counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from clusterkit.models.pack import Check, CriteriaPack, Level, LevelCondition
from clusterkit.results.assessment import (
    CheckResult,
    Gate,
    IndicatorResult,
    LevelResult,
    MovedCheck,
    PackAssessment,
    Roadmap,
    RoadmapItem,
)
from clusterkit.scoring.actions import action
from clusterkit.scoring.levels import required_indicators
from clusterkit.scoring.plan import least_effort
from clusterkit.scoring.points import exact, stored, total
from clusterkit.scoring.wording import summary


@dataclass
class Step:
    """A step while the roadmap is built: its first check, and the others the same fix moves."""

    item: RoadmapItem
    key: tuple[object, ...]
    also: list[MovedCheck] = field(default_factory=list)

    def done(self) -> RoadmapItem:
        if not self.also:  # most steps move one check: the item is the step as it is
            return self.item
        return self.item.model_copy(update={"also": [*self.item.also, *self.also]})


def fix_key(result: CheckResult) -> tuple[object, ...]:
    """Checks with the same key are closed by the same fix: recording a field, or the same change."""
    reads = tuple(sorted(result.reads))
    if result.status == "unknown":
        return ("record", reads)
    # The same field, seen the same (what is counted is in the observed words) and expected the same.
    return ("change", reads, result.observed, result.expected)


def _item(
    pack: CriteriaPack,
    title: str,
    indicator: str | None,
    spec: Check | LevelCondition,
    result: CheckResult,
    gate: Gate,
) -> RoadmapItem:
    kind = "record" if result.status == "unknown" else spec.kind.value
    return RoadmapItem.built(
        indicator=indicator,
        check=result.id,
        title=title,
        status=result.status,
        fix=result.fix or spec.fix,
        action=action(spec.rule, result) or _record(result),
        kind=kind,
        effort=pack.efforts.record
        if kind == "record" and result.status == "unknown"
        else spec.effort,
        gain=round(result.possible - result.points, 6),
        blocking=gate != "points",
        gate=gate,
        pack=pack.id,
    )


def _record(result: CheckResult) -> str | None:
    """A record step's first words: the value may exist, so writing it down comes before any work."""
    if result.status != "unknown" or not result.reads:
        return None
    fields = " and ".join(f"`{path}`" for path in result.reads)
    return f"If you have it, record {fields}. If not:"


def own_gaps(
    pack: CriteriaPack, indicators: list[IndicatorResult], blocking_ids: set[str]
) -> list[RoadmapItem]:
    """Every check that is not met, in pack order, with the points fixing it would add."""
    items = []
    for indicator in indicators:
        spec = pack.indicator(indicator.id)
        for result in indicator.checks:
            if result.status in ("met", "not_applicable") or spec is None:
                continue
            check = next(c for c in spec.checks if c.id == result.id)
            gate: Gate = "minimum" if indicator.id in blocking_ids else "points"
            title = f"{indicator.id} {indicator.title}: {result.title}"
            items.append(_item(pack, title, indicator.id, check, result, gate))
    return items


def _condition_gaps(pack: CriteriaPack, level: Level, result: LevelResult) -> list[RoadmapItem]:
    specs = {condition.id: condition for condition in level.requires.conditions}
    return [
        _item(pack, f"{result.title}: {c.title}", None, specs[c.id], c, "minimum")
        for c in result.conditions
        if c.status != "met"
    ]


def _prerequisite_gaps(level: Level, others: dict[str, PackAssessment]) -> list[RoadmapItem]:
    """The gate steps of other packs' levels this level needs and does not have."""
    items: list[RoadmapItem] = []
    for ref in level.requires.prerequisites:
        other = others.get(ref.pack or "")
        found = next((i for i in other.levels if i.id == ref.level), None) if other else None
        if other is not None and found is not None and not found.reached:
            for step in (*other.roadmap.steps, *other.roadmap.cannot):
                if step.blocking:
                    items.append(step.model_copy(update={"gate": "prerequisite"}))
    return items


def _key_of(
    item: RoadmapItem, results: dict[tuple[str, str | None, str], CheckResult]
) -> tuple[object, ...]:
    found = results.get((item.pack, item.indicator, item.check))
    return fix_key(found) if found else (item.pack, item.indicator, item.check)


def merge(
    items: list[RoadmapItem], results: dict[tuple[str, str | None, str], CheckResult]
) -> list[Step]:
    """One step per fix: a later item with the key of an earlier one joins it as a moved check."""
    steps: list[Step] = []
    by_key: dict[tuple[object, ...], Step] = {}
    for item in items:
        key = _key_of(item, results)
        if key in by_key:
            first = by_key[key]
            first.also.append(
                MovedCheck.built(
                    pack=item.pack,
                    indicator=item.indicator,
                    check=item.check,
                    title=item.title,
                    gain=item.gain,
                )
            )
            first.item = first.item.model_copy(
                update={"effort": max(first.item.effort, item.effort)}
            )
            continue
        by_key[key] = Step(item, key)
        steps.append(by_key[key])
    return steps


def gain_in(item: RoadmapItem, pack_id: str) -> Fraction:
    """The points a step adds in one pack: its own check's and those of the checks it also moves."""
    own = [exact(item.gain)] if item.pack == pack_id else []
    return total([*own, *(exact(m.gain) for m in item.also if m.pack == pack_id)])


def _results(
    pack_id: str, indicators: list[IndicatorResult], others: dict[str, PackAssessment]
) -> dict[tuple[str, str | None, str], CheckResult]:
    """Every check result by (pack, indicator, check): what the merge keys are computed from."""
    table: dict[tuple[str, str | None, str], CheckResult] = {
        (pack_id, i.id, c.id): c for i in indicators for c in i.checks
    }
    for other in others.values():
        for area in other.areas:
            for i in area.indicators:
                table.update({(other.pack, i.id, c.id): c for c in i.checks})
    return table


def build_roadmap(
    pack: CriteriaPack,
    target: str,
    indicators: list[IndicatorResult],
    levels: list[LevelResult],
    exact_points: tuple[Fraction, Fraction],
    others: dict[str, PackAssessment],
    points_plan: bool = True,
) -> Roadmap:
    """Gates (prerequisite packs, minimum requirements, conditions), then the least-effort points plan.

    Without ``points_plan`` only the gates are worked out: no least-effort search and no optional gaps
    (``further`` is empty), so the steps are the gates alone, the same as with the plan (a portfolio
    reads only those; the search was a tenth of a file, the optional gaps a twentieth).
    """
    level, result = pack.level(target), next((i for i in levels if i.id == target), None)
    if level is None or result is None:
        raise ValueError(f"unknown target level {target!r}")
    missing = {i.id for i in required_indicators(level, indicators) if i.status != "met"}
    gated = indicators if points_plan else [i for i in indicators if i.id in missing]
    gaps = own_gaps(pack, gated, missing)
    ordered = [
        *_prerequisite_gaps(level, others),
        *(item for item in gaps if item.blocking),
        *_condition_gaps(pack, level, result),
        *(item for item in gaps if not item.blocking),
    ]
    merged = [step.done() for step in merge(ordered, _results(pack.id, indicators, others))]
    cannot = [item for item in merged if item.kind == "cannot"]
    gates = [item for item in merged if item.blocking and item.kind != "cannot"]
    optional = [item for item in merged if not item.blocking and item.kind != "cannot"]
    points, possible = exact_points
    required = level.requires.score
    needed = max(Fraction(0), exact(required) * possible - points) if required else Fraction(0)
    still = needed - total(gain_in(item, pack.id) for item in gates)
    chosen: list[int] | None = []
    if points_plan:
        chosen = least_effort([(exact(i.effort), gain_in(i, pack.id)) for i in optional], still)
    picked = set(range(len(optional)) if chosen is None else chosen)
    plan = sorted(
        (optional[n] for n in picked), key=lambda i: -gain_in(i, pack.id) / exact(i.effort)
    )
    steps = [*gates, *plan]
    further = sorted(
        (item for n, item in enumerate(optional) if n not in picked),
        key=lambda i: -gain_in(i, pack.id),
    )
    planned = total(gain_in(item, pack.id) for item in steps)
    effort = total(exact(item.effort) for item in steps)
    return Roadmap.built(
        target_level=target,
        reached=result.reached,
        points_needed=stored(needed),
        points_planned=stored(planned),
        effort=stored(effort),
        effort_basis=pack.efforts.basis.value,
        summary=summary(
            level.title,
            result.reached,
            needed=needed,
            steps=steps,
            planned=planned,
            effort=effort,
            missing=len(missing),
            scored=required is not None,
            further=bool(further),
            cannot=len(cannot),
            records=sum(i.kind == "record" for i in steps),
        ),
        steps=steps,
        further=further,
        cannot=cannot,
    )
