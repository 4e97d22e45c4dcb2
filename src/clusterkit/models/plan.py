"""The improvement plan of the evidence file (`plan:`): who fixes which gap by when, and how far they are.

An item names what it fixes by an id the run's packs have: an indicator (`4.1.5`), a check
(`strategy-reviewed`) or a level condition (`three-improvement-areas`); an id no pack has is an error
with the closest one (packs/declarations.py), as for declarations. Whether the item worked is not the
owner's word but the check's: the scorer reads both (scoring/followup.py).
"""

from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from clusterkit.models.base import Date, Strict, Text, WrittenFloat
from clusterkit.models.vocab import PlanStatus


def _as_written(value: Any) -> Any:
    # `fixes: 4.10` unquoted is the float 4.1 to YAML; the loader kept what was written, and that is the id.
    return value.written if isinstance(value, WrittenFloat) else value


# An indicator id (4.1.5), a check or level-condition id (strategy-reviewed): letters, digits, dots, dashes.
FixedId = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", min_length=1, max_length=64),
    BeforeValidator(_as_written),
]


class PlanItem(Strict):
    """One item of the improvement plan: the gap it closes, its owner, its due date and its status."""

    fixes: FixedId = Field(
        description="What the item fixes: an indicator id (4.1.5), a check id (strategy-reviewed) or a level-condition id (three-improvement-areas) of the run's packs."
    )
    owner: Text = Field(description="Who is responsible: a person or a role.")
    due: Date = Field(
        description="When it is due; past it, an item whose check is still not met is overdue."
    )
    status: PlanStatus = Field(
        PlanStatus.PLANNED,
        description="planned, in_progress, done or dropped (default planned). A dropped item is never overdue; a done one whose check is still not met is.",
    )
    note: Text | None = Field(None, description="Anything the board should know about it.")
