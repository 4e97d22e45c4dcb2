"""The roadmap's one-sentence summary: effort and points, in words a board reads."""

from __future__ import annotations

from fractions import Fraction

from clusterkit.results.assessment import RoadmapItem
from clusterkit.results.numbers import fmt


def _number(value: Fraction) -> str:
    return fmt(round(float(value), 2))


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def summary(
    title: str,
    reached: bool,
    *,
    needed: Fraction,
    steps: list[RoadmapItem],
    planned: Fraction,
    effort: Fraction,
    missing: int,
    scored: bool,
    further: bool,
    cannot: int,
    records: int,
) -> str:
    """What the roadmap says in one sentence: what blocks, how many points, at what effort."""
    if reached:
        more = " The gaps below would raise the score further." if further else ""
        return f"{title} is reached.{more}"
    parts = []
    if missing:
        are = "minimum requirements are" if missing > 1 else "minimum requirement is"
        parts.append(f"{missing} {are} not met: fix those first")
    days = f"(about {_number(effort)} person-days)"
    if needed > 0:
        gives = "gives" if len(steps) == 1 else "give"
        shortfall = "" if planned >= needed else " (not enough: record what is not known yet)"
        parts.append(
            f"you need {_number(needed)} more points for {title}; "
            f"{_plural(len(steps), 'step', 'steps')} {gives} {_number(planned)} {days}{shortfall}"
        )
    elif steps:
        gaps = _plural(len(steps), "blocking gap remains", "blocking gaps remain")
        parts.append(f"the score is enough; {gaps} {days}" if scored else f"{gaps} {days}")
    if records:
        parts.append(
            f"{_plural(records, 'step records a fact', 'steps record facts')} that may already exist"
        )
    if cannot:
        parts.append(
            f"{_plural(cannot, 'gap comes', 'gaps come')} only with time and {'is' if cannot == 1 else 'are'} not counted"
        )
    text = "; ".join(parts) or f"{title} is not reached"
    return text[0].upper() + text[1:] + "."
