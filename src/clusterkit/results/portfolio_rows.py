"""A portfolio's rows: one compact record per assessed evidence file, and the outline of its packs.

A portfolio run assesses hundreds or thousands of files in worker processes. Sending each full
`Assessment` back (over 100 KB of JSON each) would cost more than the assessment; a worker sends a
`ClusterRecord` instead: the numbers every portfolio view reads, taken unchanged from the Assessment, so a
row of the portfolio equals the single-file `assess --format json` of the same file. Titles are the packs'
and the same for every row: they travel once, in the `PackOutline`.
"""

import datetime as dt
import sys
from typing import Any, Self, TypeVar

from clusterkit.models.pack import CriteriaPack
from clusterkit.results.assessment import Assessment, PackAssessment, Result, Status
from clusterkit.results.base import constructed, converted, field_names, field_order, with_state

# The blocking gaps a row lists (a roadmap's first must-fix indicators): enough to see the pattern.
TOP_BLOCKING = 5


class Leaf(Result):
    """A record a portfolio holds by the hundred thousand (10,000 files of 30 to 50 indicators each).

    Each instance built by `built` or unpickled shares one frozen set of its field names (pydantic keeps
    a set per instance, about a third of a small record) and its texts are interned; it pickles as its
    values alone. Nothing copies or changes a leaf record (they are frozen), so the shared set stays as
    it is, and the JSON is the same.
    """

    @classmethod
    def built(cls, **fields: Any) -> Self:
        values = {name: _interned(value) for name, value in converted(cls, fields).items()}
        return constructed(cls, values, field_names(cls))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restored, (type(self), tuple(self.__dict__.values())))


def _interned(value: Any) -> Any:
    return sys.intern(value) if type(value) is str else value


def _restored(model: "type[L]", values: tuple[Any, ...]) -> "L":
    """A leaf record from its pickled values (in the parent of a portfolio's workers).

    The state pydantic's own unpickling sets (``BaseModel.__setstate__``), set directly: going through
    ``model_construct`` took twice as long as unpickling the model, in the one process that waits for
    every record.
    """
    state = dict(zip(field_order(model), map(_interned, values), strict=True))
    return with_state(model, state, field_names(model))


L = TypeVar("L", bound=Leaf)


class IndicatorRecord(Leaf):
    """One indicator of one cluster: status and points as the assessment gave them."""

    id: str
    status: Status
    points: float
    possible: float


class AreaRecord(Leaf):
    """One area of one cluster: points over its applicable indicators, and the score."""

    id: str
    points: float
    possible: float
    score: float | None


class PackRecord(Result):
    """One requested pack of one cluster."""

    pack: str
    target_level: str
    target_reached: bool
    reached: list[str]  # the levels reached, in pack order
    score: float | None
    points: float
    possible: float
    minimum_met: int  # minimum requirements with status met
    minimum_total: int
    unknown: int
    blocking: list[str]  # indicator (or level-condition) ids of the first must-fix gaps
    areas: list[AreaRecord]
    indicators: list[IndicatorRecord]


class ClusterRecord(Result):
    """One input file of the portfolio: its numbers, or the error that stopped it loading."""

    file: str
    name: str | None
    group: str | None  # the peer group: the value of the --group-by field
    assessment_date: dt.date | None
    error: str | None  # the first problem, formatted; null when the file was assessed
    error_codes: list[str]  # the problems' codes: what an anonymised row keeps of an error
    packs: list[PackRecord]


class IndicatorOutline(Result):
    id: str
    title: str
    area: str
    minimum_requirement: bool


class AreaOutline(Result):
    id: str
    title: str


class LevelOutline(Result):
    id: str
    title: str
    score_required: float | None


class PackOutline(Result):
    """A requested pack's areas, indicators and levels, for headings and titles."""

    id: str
    title: str
    version: str
    areas: list[AreaOutline]
    indicators: list[IndicatorOutline]
    levels: list[LevelOutline]


def outline(pack: CriteriaPack) -> PackOutline:
    """The titles of a pack, in pack order."""
    return PackOutline.built(
        id=pack.id,
        title=pack.title,
        version=pack.version,
        areas=[AreaOutline.built(id=area.id, title=area.title) for area in pack.areas],
        indicators=[
            IndicatorOutline.built(
                id=indicator.id,
                title=indicator.title,
                area=area.id,
                minimum_requirement=indicator.minimum_requirement,
            )
            for area in pack.areas
            for indicator in area.indicators
        ],
        levels=[
            LevelOutline.built(id=level.id, title=level.title, score_required=level.requires.score)
            for level in pack.levels
        ],
    )


def pack_record(result: PackAssessment) -> PackRecord:
    """The portfolio's numbers of one pack assessment, unchanged."""
    indicators = [item for area in result.areas for item in area.indicators]
    status = {item.id: item.status for item in indicators}
    blocking: list[str] = []
    for step in result.roadmap.steps:
        key = step.indicator or step.check
        if step.blocking and key not in blocking:
            blocking.append(key)
    return PackRecord.built(
        pack=result.pack,
        target_level=result.target_level,
        target_reached=result.target_reached,
        reached=[level.id for level in result.levels if level.reached],
        score=result.score,
        points=result.points,
        possible=result.possible,
        minimum_met=sum(1 for i in result.minimum_requirements if status.get(i) == "met"),
        minimum_total=len(result.minimum_requirements),
        unknown=len(result.unknown),
        blocking=blocking[:TOP_BLOCKING],
        areas=[
            AreaRecord.built(id=a.id, points=a.points, possible=a.possible, score=a.score)
            for a in result.areas
        ],
        indicators=[
            IndicatorRecord.built(id=i.id, status=i.status, points=i.points, possible=i.possible)
            for i in indicators
        ],
    )


def cluster_record(assessment: Assessment, file: str, group: str | None) -> ClusterRecord:
    """The row of an assessed file: its requested packs only (prerequisites block through roadmaps)."""
    return ClusterRecord.built(
        file=file,
        name=assessment.cluster.name,
        group=group,
        assessment_date=assessment.assessment_date,
        error=None,
        error_codes=[],
        packs=[pack_record(result) for result in assessment.packs if result.requested],
    )


def error_record(file: str, error: str, codes: list[str]) -> ClusterRecord:
    """The row of a file that could not be assessed: its error, no numbers."""
    return ClusterRecord.built(
        file=file,
        name=None,
        group=None,
        assessment_date=None,
        error=error,
        error_codes=codes,
        packs=[],
    )
