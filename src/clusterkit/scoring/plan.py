"""The least-effort set of fixes that closes a points gap: an exact 0/1 knapsack over effort.

Each candidate fix has an effort (person-days) and a gain (points). We want the set whose gains reach the
points needed with the least total effort, and among those the most points. Efforts and gains are exact
decimals; both are scaled to integers of their smallest unit, and a dynamic programme over the total effort
(``best[b]`` = the most points any set of effort at most ``b`` gives) finds the least ``b`` that reaches the
points needed. Packs have about a hundred checks of at most a few hundred person-days in all, so the table
stays in the tens of thousands of cells; the answer is exact, not a greedy guess.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction


def _scale(values: Sequence[Fraction]) -> int:
    """The least common multiple of the denominators: every value times it is an integer."""
    return math.lcm(1, *(value.denominator for value in values))


def least_effort(
    candidates: Sequence[tuple[Fraction, Fraction]], needed: Fraction
) -> list[int] | None:
    """Indices (ascending) of the least-effort subset of (effort, gain) pairs whose gains reach ``needed``.

    Ties on effort go to the subset with more points, then to earlier candidates. None when even every
    candidate together does not reach ``needed``; an empty list when nothing is needed.
    """
    if needed <= 0:
        return []
    if sum((gain for _, gain in candidates), Fraction(0)) < needed:
        return None
    effort_unit = _scale([effort for effort, _ in candidates])
    gain_unit = _scale([gain for _, gain in candidates] + [needed])
    efforts = [int(effort * effort_unit) for effort, _ in candidates]
    gains = [int(gain * gain_unit) for _, gain in candidates]
    target = math.ceil(needed * gain_unit)
    capacity = sum(efforts)
    best = [0] * (capacity + 1)
    taken: list[bytearray] = []
    for effort, gain in zip(efforts, gains, strict=True):
        row = bytearray(capacity + 1)
        # Downwards, so each candidate is used at most once (0/1, not unbounded).
        for budget in range(capacity, effort - 1, -1):
            with_it = best[budget - effort] + gain
            if with_it > best[budget]:
                best[budget] = with_it
                row[budget] = 1
        taken.append(row)
    budget = next(b for b in range(capacity + 1) if best[b] >= target)
    chosen = []
    for index in range(len(candidates) - 1, -1, -1):
        if taken[index][budget]:
            chosen.append(index)
            budget -= efforts[index]
    return sorted(chosen)
