"""Exact points: verdicts compare rationals, never rounded floats, so 247.99 of 310 is not 80 %.

A pack writes points as decimals (``0.99``); ``exact`` reads each one as the decimal its author wrote, so
sums and the threshold comparison are exact. Floats appear only in the result models, for display and JSON.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from functools import lru_cache

from clusterkit.models.pack import Check
from clusterkit.results.assessment import Status

# Scores are stored with four decimals, rounded down, so a stored score never reads as more than it is.
SCORE_SCALE = 10_000
ZERO = Fraction(0)


# Fractions are immutable and a pack has few distinct numbers, read for every check of every file:
# parsing the decimal again each time was a tenth of a portfolio worker's time. Equal keys (1, 1.0)
# have the same float, so they share one entry rightly.
@lru_cache(maxsize=4096)
def exact(value: float) -> Fraction:
    """A pack's number as the decimal written in the pack (``0.1`` is 1/10, not the nearest binary float)."""
    return Fraction(repr(float(value)))


def check_points(check: Check, status: Status, partial_credit: float) -> Fraction:
    """Points a check earns with a status, exactly."""
    if status == "met":
        return exact(check.points)
    if status == "partial":
        if check.partial_points is not None:
            return exact(check.partial_points)
        return exact(check.points) * exact(partial_credit)
    return ZERO


def total(values: Iterable[Fraction]) -> Fraction:
    """The exact sum, adding the numerators of equal denominators as integers first: a pack's points
    are decimals with a few denominators, and each Fraction addition (a gcd and a new Fraction) was
    most of what summing a file's hundreds of points cost."""
    numerators: dict[int, int] = {}
    for value in values:
        denominator = value.denominator
        numerators[denominator] = numerators.get(denominator, 0) + value.numerator
    parts = [Fraction(numerator, denominator) for denominator, numerator in numerators.items()]
    return parts[0] if len(parts) == 1 else sum(parts, ZERO)


def stored(value: Fraction) -> float:
    """Points as the result models hold them: a float, exact to six decimals for every pack we ship."""
    return round(float(value), 6)


def score_of(points: Fraction, possible: Fraction) -> float | None:
    """The score for display and JSON, rounded down to four decimals; None when nothing is possible."""
    if possible <= 0:
        return None
    floored = int(points * SCORE_SCALE // possible)
    return floored / SCORE_SCALE


def reaches(points: Fraction, possible: Fraction, required: float) -> bool:
    """Whether points of possible reach a required share, inclusive: exactly 80 % reaches 0.8."""
    return possible > 0 and points >= exact(required) * possible
