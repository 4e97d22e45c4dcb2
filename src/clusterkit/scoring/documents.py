"""Rules about documents and self-declarations: do they exist, have their headings, are they current."""

from __future__ import annotations

from collections.abc import Sequence

from dateutil.relativedelta import relativedelta

from clusterkit.models import rules
from clusterkit.models.evidence import Evidence
from clusterkit.models.facts import Facts
from clusterkit.models.pack import CriteriaPack
from clusterkit.models.vocab import DeclaredStatus
from clusterkit.scoring.context import Context, Outcome, months, read, unknown


def document(rule: rules.DocumentRule, ctx: Context) -> Outcome:
    value = read(ctx.evidence, rule.field)
    expected = "an existing document"
    if rule.sections:
        expected += " with headings " + ", ".join(f"“{s}”" for s in rule.sections)
    if rule.max_age_months:
        expected += f", changed within {months(rule.max_age_months)}"
    if value is None:
        return unknown(expected, rule.field)
    paths = [str(item) for item in value] if isinstance(value, list) else [str(value)]
    if not paths:
        return Outcome(
            "unmet", "none", expected, f"`{rule.field}` names no document", (rule.field,)
        )
    for path in paths:
        outcome = _one_document(rule, ctx, path, expected)
        if outcome.status != "met":
            return outcome
    return Outcome("met", ", ".join(paths), expected, f"{', '.join(paths)} exists", (rule.field,))


def heading_documents(packs: Sequence[CriteriaPack], evidence: Evidence) -> set[str]:
    """The documents whose headings a rule of the packs reads: a document rule with sections."""
    found: set[str] = set()
    for rule in pack_rules(packs):
        if isinstance(rule, rules.DocumentRule) and rule.sections:
            value = read(evidence, rule.field)
            items = value if isinstance(value, list) else [] if value is None else [value]
            found.update(str(item) for item in items)
    return found


def pack_rules(packs: Sequence[CriteriaPack]) -> list[rules.Rule]:
    """Every rule of the packs: of their checks, and of their levels' conditions."""
    found = [check.rule for pack in packs for item in pack.indicators() for check in item.checks]
    found += [c.rule for pack in packs for level in pack.levels for c in level.requires.conditions]
    return found


def _one_document(rule: rules.DocumentRule, ctx: Context, path: str, expected: str) -> Outcome:
    fact = ctx.facts.document(path)
    reads = (rule.field,)
    if fact is None or not fact.exists:
        return Outcome("unmet", f"{path} (missing)", expected, f"{path} does not exist", reads)
    if rule.sections:
        found = {heading.casefold() for heading in fact.headings or ()}
        missing = [section for section in rule.sections if section.casefold() not in found]
        if missing:
            names = ", ".join(f"“{m}”" for m in missing)
            return Outcome("partial", path, expected, f"{path} has no heading {names}", reads)
    if rule.max_age_months and fact.last_changed is not None:
        oldest = ctx.today - relativedelta(months=rule.max_age_months)
        if fact.last_changed < oldest:
            source = "last commit" if fact.date_source == "git" else "file date"
            reason = f"{path} last changed {fact.last_changed} ({source}), more than {months(rule.max_age_months)} before {ctx.today}"
            return Outcome("unmet", f"{path} ({fact.last_changed})", expected, reason, reads)
    return Outcome("met", path, expected, f"{path} exists", reads)


def declaration(rule: rules.DeclarationRule, ctx: Context) -> Outcome:
    key = rule.indicator or ctx.indicator
    field = f"declarations.{key}"
    declared = (ctx.evidence.declarations or {}).get(key)
    expected = "declared met, with justification" + (
        " and documents" if rule.requires_documents else ""
    )
    if declared is None:
        return unknown(expected, field)
    if declared.expires is not None and declared.expires < ctx.today:
        reason = f"the declaration expired on {declared.expires}: stale, renew it"
        return Outcome("unknown", f"stale since {declared.expires}", expected, reason, (field,))
    status = declared.status.value
    if declared.status == DeclaredStatus.NOT_APPLICABLE:
        reason = "declared not applicable, which this indicator does not allow"
        return Outcome("unmet", "not_applicable", expected, reason, (field,))
    if declared.status == DeclaredStatus.MET and rule.requires_documents:
        documents = [str(doc) for doc in declared.documents or ()]
        missing = [doc for doc in documents if not _exists(ctx.facts, doc)]
        if not documents or missing:
            why = "names no document" if not documents else f"names missing {', '.join(missing)}"
            reason = f"declared met, but the declaration {why}; counted as partial"
            return Outcome("partial", "met (without proof)", expected, reason, (field,))
    reason = (
        f"declared {status}: {declared.justification}"
        if declared.justification
        else f"declared {status}"
    )
    return Outcome(status, status, expected, reason, (field,))  # type: ignore[arg-type]


def _exists(facts: Facts, path: str) -> bool:
    fact = facts.document(path)
    return fact is not None and fact.exists
