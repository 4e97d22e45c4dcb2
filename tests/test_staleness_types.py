"""Staleness is decided by the evidence model's types where they settle it (most values never age):
the same answer as walking the values, for every value every bundled rule reads, on every example
and a generated corpus, on the assessment date and years after it (when counts have gone stale)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from clusterkit.models import rules
from clusterkit.packs.files import bundled_pack_paths
from clusterkit.packs.loader import load_with_prerequisites
from clusterkit.pipeline import load_evidence
from clusterkit.scoring.context import may_age, stale_values, staleness
from conftest import EXAMPLE_NAMES, EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from portfolio_corpus import generate


def _read_paths() -> set[tuple[str, tuple[str, ...]]]:
    """Each path a bundled rule reads, with the item fields a count rule filters on."""
    found: set[tuple[str, tuple[str, ...]]] = set()
    packs = [item.pack for item in load_with_prerequisites(sorted(bundled_pack_paths()), None)]
    every = [check.rule for pack in packs for i in pack.indicators() for check in i.checks]
    every += [c.rule for pack in packs for level in pack.levels for c in level.requires.conditions]
    every += [r.declared for r in every if isinstance(r, rules.ImprovementRule) and r.declared]
    for rule in every:
        names = (
            (*(rule.require or ()), *(rule.where or {}))
            if isinstance(rule, rules.CountRule)
            else ()
        )
        for attribute in ("field", "numerator", "denominator"):
            path = getattr(rule, attribute, None)
            if isinstance(path, str):
                found |= {(path, names), (path, ())}
    return found


def test_the_types_and_the_values_agree_on_every_value_a_rule_reads(tmp_path: Path) -> None:
    paths = _read_paths()
    assert any(may_age(path, names) for path, names in paths)  # some values age
    assert not all(may_age(path, names) for path, names in paths)  # and most do not
    files = [EXAMPLES / name / "cluster.yaml" for name in EXAMPLE_NAMES] + generate(tmp_path, 20)
    stale = 0
    for file in files:
        evidence = load_evidence(file).evidence
        start = evidence.assessment_date or dt.date(2026, 11, 1)
        for today in (start, start + dt.timedelta(days=400), start + dt.timedelta(days=2000)):
            for path, names in paths:
                expected = stale_values(evidence, path, today, names)
                assert staleness(evidence, path, today, names) == expected, (file, path, names)
                stale += expected is not None
    assert stale  # the later dates make counts stale: the comparison saw both answers
