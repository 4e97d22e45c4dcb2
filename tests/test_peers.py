"""The pure peer statistics: percentiles, distributions, the latest assessment per cluster, codes."""

from __future__ import annotations

import datetime as dt

from clusterkit.results.portfolio_rows import ClusterRecord, error_record
from clusterkit.scoring.peers import code, distribution, latest_flags, percentile


def test_percentile_is_mid_rank_so_ties_share_one_value() -> None:
    ordered = [0.1, 0.5, 0.5, 0.9]
    assert percentile(ordered, 0.1) == 12.5
    assert percentile(ordered, 0.5) == 50.0
    assert percentile(ordered, 0.9) == 87.5
    assert percentile([0.3], 0.3) == 50.0


def test_distribution_quartiles_are_inclusive_and_small_groups_can_be_withheld() -> None:
    item = distribution([0.0, 0.25, 0.5, 0.75, 1.0], suppressed=False)
    assert (item.minimum, item.q1, item.median, item.q3, item.maximum) == (
        0.0,
        0.25,
        0.5,
        0.75,
        1.0,
    )
    single = distribution([0.4], suppressed=False)
    assert single.q1 == single.median == single.q3 == 0.4
    withheld = distribution([0.1, 0.2], suppressed=True)
    assert withheld.n == 2 and withheld.suppressed
    assert withheld.median is None and withheld.minimum is None


def _record(name: str, day: int) -> ClusterRecord:
    return ClusterRecord(
        file=f"{name}-{day}.yaml",
        name=name,
        group=None,
        assessment_date=dt.date(2026, 1, day),
        error=None,
        error_codes=[],
        packs=[],
    )


def test_the_latest_assessment_of_a_cluster_counts_and_the_earlier_are_flagged() -> None:
    records = [_record("A", 5), _record("B", 1), _record("A", 9), _record("A", 2)]
    records.append(error_record("broken.yaml", "broken", ["yaml-syntax"]))
    assert latest_flags(records) == [False, True, True, False, True]


def test_codes_are_stable_and_depend_on_the_key() -> None:
    assert code("", "Agrifood Mittelland e.V.") == code("", "Agrifood Mittelland e.V.")
    assert code("", "Agrifood Mittelland e.V.") != code("secret", "Agrifood Mittelland e.V.")
    assert code("", "x").startswith("C-") and len(code("", "x")) == 10
