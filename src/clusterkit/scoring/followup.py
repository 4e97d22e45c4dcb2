"""Following up the improvement plan (pure): each item's state, and the plan beside the roadmap's steps.

An item fixes what its id names in any pack of the run: an indicator, every check of that id, every
level condition of that id. It is met when all of those are met (or not applicable). Its state:

- ``met``: whatever the owner reports, the evidence now meets it;
- ``dropped``: not met, and given up (status ``dropped``): never overdue;
- ``overdue``: not met and its due date is before the assessment date, whatever the status, also
  ``done``: the owner's word does not close a gap, the check does (a done item whose check still
  fails needs the evidence recorded, or the work redone);
- ``open``: not met, not due yet (due on the assessment date is not late);
- ``unassessed``: no pack of this run has the id (possible only with --criteria; the file's own packs
  are checked when it is loaded).

The assessment date is the "today": no clock is read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from clusterkit.models.plan import PlanItem
from clusterkit.models.vocab import PlanStatus
from clusterkit.results.assessment import (
    CheckResult,
    PackAssessment,
    PlanNote,
    PlanProgress,
    RoadmapItem,
    Status,
)
from clusterkit.results.plan import PlanState

DONE_STATUSES = frozenset({"met", "not_applicable"})


def _named(packs: Sequence[PackAssessment], fixes: str) -> Iterator[tuple[str, Status]]:
    """(title, status) of everything ``fixes`` names in the packs, in pack order."""
    for pack in packs:
        for area in pack.areas:
            for indicator in area.indicators:
                if indicator.id == fixes:
                    yield f"{indicator.id} {indicator.title}", indicator.status
                for check in indicator.checks:
                    if check.id == fixes:
                        yield f"{indicator.id} {indicator.title}: {check.title}", check.status
        for level in pack.levels:
            yield from _conditions(level.title, level.conditions, fixes)


def _conditions(
    title: str, conditions: list[CheckResult], fixes: str
) -> Iterator[tuple[str, Status]]:
    for condition in conditions:
        if condition.id == fixes:
            yield f"{title}: {condition.title}", condition.status


def _state(item: PlanItem, status: Status | None, today: dt.date) -> PlanState:
    if status is None:
        return "unassessed"
    if status in DONE_STATUSES:
        return "met"
    if item.status == PlanStatus.DROPPED:
        return "dropped"
    return "overdue" if item.due < today else "open"


def progress(
    packs: Sequence[PackAssessment], plan: Sequence[PlanItem], today: dt.date
) -> list[PlanProgress]:
    """Every plan item with its state as of ``today``, in file order."""
    results = []
    for number, item in enumerate(plan, start=1):
        named = list(dict.fromkeys(_named(packs, item.fixes)))
        statuses = [status for _, status in named]
        status = next(
            (s for s in statuses if s not in DONE_STATUSES), statuses[0] if statuses else None
        )
        results.append(
            PlanProgress(
                item=number,
                fixes=item.fixes,
                title=named[0][0] if named else item.fixes,
                owner=item.owner,
                due=item.due,
                status=item.status.value,
                note=item.note,
                check_status=status,
                state=_state(item, status, today),
            )
        )
    return results


def _ids(step: RoadmapItem) -> set[str | None]:
    return {
        step.indicator,
        step.check,
        *(m.indicator for m in step.also),
        *(m.check for m in step.also),
    }


def _noted(steps: list[RoadmapItem], items: Sequence[PlanProgress]) -> list[RoadmapItem]:
    """The steps, each with the first plan item (in file order) that names its check or indicator."""
    noted = []
    for step in steps:
        ids = _ids(step)
        found = next((item for item in items if item.fixes in ids), None)
        noted.append(step if found is None else step.model_copy(update={"plan": _note(found)}))
    return noted


def _note(item: PlanProgress) -> PlanNote:
    return PlanNote(
        item=item.item,
        owner=item.owner,
        due=item.due,
        status=item.status,
        overdue=item.state == "overdue",
    )


def with_plan(pack: PackAssessment, items: Sequence[PlanProgress]) -> PackAssessment:
    """The pack with its roadmap's steps (needed, further, time-bound) showing their plan items."""
    if not items:
        return pack
    roadmap = pack.roadmap
    update = {
        "steps": _noted(roadmap.steps, items),
        "further": _noted(roadmap.further, items),
        "cannot": _noted(roadmap.cannot, items),
    }
    return pack.model_copy(update={"roadmap": roadmap.model_copy(update=update)})
