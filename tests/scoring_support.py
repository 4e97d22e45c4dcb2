"""Helpers for scoring tests: load an example and assess it in-process, with a fixed date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from clusterkit.models.evidence import Evidence
from clusterkit.models.facts import Facts
from clusterkit.packs.loader import load_pack, load_with_prerequisites
from clusterkit.pipeline import LoadedEvidence, load_evidence, run
from clusterkit.results.assessment import Assessment
from clusterkit.scoring.engine import assess

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TODAY = dt.date(2026, 10, 1)


def example(name: str) -> LoadedEvidence:
    return load_evidence(EXAMPLES / name / "cluster.yaml", f"examples/{name}/cluster.yaml")


def assess_example(name: str, **options: Any) -> Assessment:
    return run(example(name), **options)


_PACKS = None


def gold_packs() -> list[Any]:
    global _PACKS  # noqa: PLW0603 - packs are immutable; loading them once keeps property tests fast
    if _PACKS is None:
        _PACKS = [item.pack for item in load_with_prerequisites(["esca-gold"])]
    return _PACKS


def assess_data(data: dict[str, Any], facts: Facts) -> Assessment:
    """Assess raw evidence data against esca-gold (and its prerequisite) without touching the disk."""
    evidence = Evidence.model_validate(data)
    portfolio = load_pack("strategy-process").pack
    return assess(
        gold_packs(),
        evidence,
        facts,
        TODAY,
        evidence_file="generated.yaml",
        date_source="option",
        requested=["esca-gold"],
        portfolio=portfolio,
    )
