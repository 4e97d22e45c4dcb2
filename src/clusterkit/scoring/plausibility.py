"""An assessor would ask: numbers that do not fit together, as warnings beside the verdict, never in it.

A 15-member cluster with half a person claiming 24 events and 13 services may be right, but an assessor
would ask how. Each question is a pack rule (thresholds with their basis); it is asked when the rule fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from clusterkit.models.evidence import Evidence
from clusterkit.models.facts import Facts
from clusterkit.models.pack import CriteriaPack
from clusterkit.results.assessment import AssessorQuestion
from clusterkit.scoring.evaluation import Context, evaluate


def questions(
    packs: Sequence[CriteriaPack], evidence: Evidence, facts: Facts, today: dt.date
) -> list[AssessorQuestion]:
    """Every plausibility rule of every pack that does not hold; unknown values ask nothing."""
    asked = []
    for pack in packs:
        ctx = Context(evidence, facts, today, "")
        for item in pack.plausibility:
            outcome = evaluate(item.rule, ctx)
            if outcome.status in ("met", "unknown"):
                continue
            asked.append(
                AssessorQuestion.built(
                    pack=pack.id,
                    id=item.id,
                    question=item.question,
                    observed=f"{outcome.observed} {item.unit}",
                    expected=outcome.expected,
                    basis=item.basis.value,
                    source=item.source,
                    reads=list(outcome.reads),
                )
            )
    return asked
