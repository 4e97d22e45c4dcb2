"""What we don't know yet: the fields the evidence file does not give, grouped by the section to fill.

A newcomer's first file says little; every check it does not speak to is unknown. Reports lead with this
list, phrased as facts to record (they may well exist), before any work to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from clusterkit.models.evidence import Evidence
from clusterkit.results.assessment import PackAssessment, UnknownField, UnknownSection
from clusterkit.scoring.context import read, staleness

# Fields the evidence model works out at its top level, and the section a person fills in for them.
DERIVED_SECTION = {
    "kpi_achievement": "kpis",
    "latest_survey": "satisfaction_surveys",
    "services_mapped": "services",
    "strategic_areas_served": "services",
    "services_earning": "services",
}


def section_of(path: str) -> str:
    head = path.split(".", 1)[0]
    return DERIVED_SECTION.get(head, head)


def what_we_do_not_know(
    evidence: Evidence, packs: Sequence[PackAssessment], today: dt.date
) -> list[UnknownSection]:
    """Every field an unknown check reads that the file does not give, once, with the checks it blocks.

    A ratio is unknown when one side is missing; the side that is given is not listed.
    """
    moves: dict[str, list[str]] = {}
    reasons: dict[str, str | None] = {}
    for pack in packs:
        for area in pack.areas:
            for indicator in area.indicators:
                for check in indicator.checks:
                    if check.status != "unknown":
                        continue
                    for path in check.reads:
                        stale = staleness(evidence, path, today)
                        if read(evidence, path) is not None and stale is None:
                            continue
                        reasons[path] = stale
                        where = f"{pack.pack} {indicator.id}"
                        listed = moves.setdefault(path, [])
                        if where not in listed:
                            listed.append(where)
    order = list(Evidence.model_fields) + sorted(set(DERIVED_SECTION.values()))
    sections: dict[str, list[UnknownField]] = {}
    for path, checks in moves.items():
        field = UnknownField.built(field=path, checks=checks, stale=reasons[path])
        sections.setdefault(section_of(path), []).append(field)
    return [
        UnknownSection.built(section=name, fields=sections[name])
        for name in sorted(
            sections, key=lambda name: (order.index(name) if name in order else len(order), name)
        )
    ]
