"""What every rule evaluation shares: the context it reads and the outcome it gives."""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache
from typing import Any, NamedTuple

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel

from clusterkit.models import fieldpaths, rules
from clusterkit.models.evidence import Evidence
from clusterkit.models.facts import Facts
from clusterkit.results.assessment import Assessment, IndicatorResult, Status
from clusterkit.results.improvement import Progress
from clusterkit.results.numbers import fmt


class BaselineAssessment(NamedTuple):
    """An earlier assessment that progress is measured against, and how it is named in reports."""

    label: str  # REV:path for a git revision, or the snapshot file's name
    assessment: Assessment


class Context(NamedTuple):
    """What every rule may look at: the evidence, the document facts, the date, the indicator.

    A level condition also sees its pack's id, the pack's indicator results and the baseline, if any:
    an improvement rule compares the two.
    """

    evidence: Evidence
    facts: Facts
    today: dt.date
    indicator: str
    pack: str = ""
    indicators: tuple[IndicatorResult, ...] = ()
    baseline: BaselineAssessment | None = None


class Outcome(NamedTuple):
    """A rule's verdict, what it saw, what it expected, why, and which fields it read."""

    status: Status
    observed: str | None
    expected: str
    reason: str
    reads: tuple[str, ...]
    progress: Progress | None = None  # only an improvement rule's


def read(evidence: Evidence, path: str) -> Any:
    """The value at a dotted path, or None where any step is not given."""
    value: Any = evidence
    for segment in path.split("."):
        value = getattr(value, segment, None)
        if value is None:
            return None
    return value


def _window_of(owner: Any, name: str) -> int | None:
    """The window in months of a count the evidence model marks as aging (``window``), else None."""
    return _window(type(owner), name) if isinstance(owner, BaseModel) else None


@cache
def _window(model: type[BaseModel], name: str) -> int | None:
    # by model and field: the scorer asks for every value it reads (some 100 times a file)
    info = model.model_fields.get(name) or model.model_computed_fields.get(name)
    extra = getattr(info, "json_schema_extra", None)
    window = extra.get("window_months") if isinstance(extra, dict) else None
    return window if isinstance(window, int) else None


def _as_of(owner: Any) -> dt.date | None:
    """The `as_of` date of a section; a model without the field is not asked (pydantic's attribute
    lookup of a missing name raises and catches inside, a few microseconds each time)."""
    if isinstance(owner, BaseModel):
        found = owner.__dict__.get("as_of")
        return found if isinstance(found, dt.date) else None
    return getattr(owner, "as_of", None)


def staleness(
    evidence: Evidence, path: str, today: dt.date, item_fields: tuple[str, ...] = ()
) -> str | None:
    """Why a value at a path no longer counts (a 12-month count taken too long ago), else None.

    The count's date is the nearest `as_of` of the sections along the path, else the file's
    assessment_date, else the assessment date itself (a file that says nothing of when is read as current).
    ``item_fields`` are fields of the items of a list at ``path`` that a count rule reads.
    """
    return stale_values(evidence, path, today, item_fields) if may_age(path, item_fields) else None


@cache
def may_age(path: str, item_fields: tuple[str, ...] = ()) -> bool:
    """Whether a value at ``path`` can have a window at all, by the evidence model's types alone.

    False only where the types settle it: the model owning the path's last field gives that field no
    window, and it has no ``item_fields`` or is a list of a model that gives them none. Where the
    types leave it open (a union, a computed field), the values are looked at. Most values a rule
    reads never age: their path is not walked again for every check of every file.
    """
    owner, last = fieldpaths.owner_of(Evidence, path)
    if owner is None or last in owner.model_computed_fields or _window(owner, last) is not None:
        return True
    if not item_fields:
        return False
    annotation = fieldpaths.field_annotation(owner, last)
    found = fieldpaths.classify(annotation) if annotation is not None else None
    if found is None or found.kind != "list" or found.model is None:
        return True
    return any(_window(found.model, name) is not None for name in item_fields)


def stale_values(
    evidence: Evidence, path: str, today: dt.date, item_fields: tuple[str, ...] = ()
) -> str | None:
    """``staleness`` from the values along the path, whatever their types say."""
    value: Any = evidence
    owners: list[Any] = []  # the sections along the path, the evidence first
    for segment in path.split("."):
        owners.append(value)
        value = getattr(value, segment, None)
        if value is None:
            return None
    owner = owners[-1]
    windows = [_window_of(owner, path.rsplit(".", 1)[-1])]
    if isinstance(value, list) and value:
        windows += [_window_of(value[0], name) for name in item_fields]
    window = max((w for w in windows if w is not None), default=None)
    if window is None:  # most values do not age: their date is not looked for
        return None
    taken = evidence.assessment_date
    for section in owners:
        taken = _as_of(section) or taken
    when = taken or today
    if when >= months_before(today, window):
        return None
    return f"as of {when}, older than {months(window)}"


# Every count, age and staleness check of a file measures from the same assessment date by the same few
# windows (a count rule asks once per item): each date is worked out once.
@lru_cache(maxsize=1024)
def months_before(day: dt.date, count: int) -> dt.date:
    """``day`` less ``count`` calendar months, as dateutil counts them (31 March less 1 is 28/29 February)."""
    return day - relativedelta(months=count)


@lru_cache(maxsize=1024)
def months_after(day: dt.date, count: int) -> dt.date:
    """``day`` plus ``count`` calendar months, as dateutil counts them."""
    return day + relativedelta(months=count)


def months(count: int) -> str:
    return f"{count} month" + ("" if count == 1 else "s")


def bounds_status(
    bounds: rules._Bounds, value: float, display: rules.Display
) -> tuple[Status, str]:
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


def unknown(expected: str, *reads: str) -> Outcome:
    """Nothing to judge: name the fields a person would fill in, not the derived ones."""
    derived = [path for path in reads if fieldpaths.is_computed(Evidence, path)]
    given = [path for path in reads if path not in derived]
    parts = []
    if given:
        parts.append(f"{' and '.join(f'`{path}`' for path in given)} not given")
    for path in derived:
        what = fieldpaths.computed_description(Evidence, path).rstrip(".")
        parts.append(
            f"`{path}` cannot be worked out from the evidence given ({what[:1].lower()}{what[1:]})"
        )
    return Outcome("unknown", None, expected, "; ".join(parts), reads)


def numeric(status: Status, observed: str, expected: str, reads: tuple[str, ...]) -> Outcome:
    reason = {
        "met": f"{observed}; meets {expected}",
        "partial": f"{observed}; needs {expected} for full points (partial credit)",
    }.get(status, f"{observed}; needs {expected}")
    return Outcome(status, observed, expected, reason, reads)
