"""Warnings beside the verdict: stale declarations, refused not-applicable claims, undated documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from clusterkit.models.evidence import Evidence
from clusterkit.models.facts import Facts
from clusterkit.models.pack import CriteriaPack
from clusterkit.models.vocab import DeclaredStatus
from clusterkit.scoring.economics import portfolio_warnings
from clusterkit.scoring.sections import document_rules, unknown_sections


def assessment_warnings(
    evidence: Evidence,
    facts: Facts,
    packs: Sequence[CriteriaPack],
    today: dt.date,
    portfolio: bool,
) -> list[str]:
    """Every warning of an assessment, in the order reports list them (``portfolio``: services are
    placed, so what keeps one from being classed is said too)."""
    return [
        *facts.document_warnings,
        *(facts.date_warnings if reads_document_dates(packs) else ()),
        *stale_declarations(evidence, today),
        *refused_not_applicable(evidence, packs),
        *unknown_sections(evidence, packs),
        *(portfolio_warnings(evidence) if portfolio else ()),
    ]


def stale_declarations(evidence: Evidence, today: dt.date) -> list[str]:
    """One warning per declaration whose ``expires`` date lies before the assessment date."""
    return [
        f"declaration {key} expired on {declared.expires}: it counts as unknown until renewed"
        for key, declared in sorted((evidence.declarations or {}).items())
        if declared.expires is not None and declared.expires < today
    ]


def refused_not_applicable(evidence: Evidence, packs: Sequence[CriteriaPack]) -> list[str]:
    """One warning per `not_applicable` declaration of an indicator whose pack does not allow it."""
    declared = {
        key
        for key, item in (evidence.declarations or {}).items()
        if item.status == DeclaredStatus.NOT_APPLICABLE
    }
    return [
        f"declaration {item.id} says not applicable, which {pack.id} does not allow for this "
        "indicator: it is scored like any other"
        for pack in packs
        for item in pack.indicators()
        if item.id in declared and not item.allow_not_applicable
    ]


def reads_document_dates(packs: Sequence[CriteriaPack]) -> bool:
    """Whether any check or level condition judges a document by when it last changed."""
    return any(rule.max_age_months for rule in document_rules(packs))


def reads_document_contents(packs: Sequence[CriteriaPack]) -> frozenset[str]:
    """The fields whose documents a check or level condition reads: their sections or their length."""
    return frozenset(
        rule.field for rule in document_rules(packs) if rule.sections or rule.min_words
    )
