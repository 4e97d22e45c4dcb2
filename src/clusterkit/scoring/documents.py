"""Rules about documents and self-declarations: do they exist, have their sections and substance, are they current."""

from __future__ import annotations

from clusterkit.models import rules
from clusterkit.models.facts import Facts
from clusterkit.models.vocab import DeclaredStatus
from clusterkit.scoring.context import Context, Outcome, months, months_before, read, unknown
from clusterkit.scoring.sections import Wanted, described, find, wanted_sections

DATE_SOURCES = {"git": "last commit", "metadata": "the document's own date", "mtime": "file date"}


def document(rule: rules.DocumentRule, ctx: Context) -> Outcome:
    value = read(ctx.evidence, rule.field)
    wanted = _wanted(rule, ctx)
    expected = "an existing document"
    if wanted:
        expected += " with headings " + ", ".join(f"“{s.shown}”" for s in wanted)
    if rule.min_words:
        expected += f", at least {rule.min_words} words"
    if rule.max_age_months:
        expected += f", changed within {months(rule.max_age_months)}"
    if value is None:
        return unknown(expected, rule.field)
    paths = [str(item) for item in value] if isinstance(value, list) else [str(value)]
    if not paths:
        return Outcome(
            "unmet", "none", expected, f"`{rule.field}` names no document", (rule.field,)
        )
    outcomes = [_one_document(rule, ctx, path, expected, wanted) for path in paths]
    for outcome in outcomes:
        if outcome.status != "met":
            return outcome
    observed = "; ".join(outcome.observed or "" for outcome in outcomes)
    return Outcome("met", observed, expected, f"{', '.join(paths)} exists", (rule.field,))


def _wanted(rule: rules.DocumentRule, ctx: Context) -> list[Wanted]:
    language = ctx.evidence.cluster.language
    return wanted_sections(rule, language, ctx.evidence.sections)


def _one_document(
    rule: rules.DocumentRule, ctx: Context, path: str, expected: str, wanted: list[Wanted]
) -> Outcome:
    fact = ctx.facts.document(path)
    reads = (rule.field,)
    if fact is None or not fact.exists:
        return Outcome("unmet", f"{path} (missing)", expected, f"{path} does not exist", reads)
    observed = path
    if wanted or rule.min_words:
        if fact.content is None:
            why = fact.unreadable or f"{path} was not read"
            return Outcome(
                "partial", path, expected, f"{why}: its headings cannot be checked", reads
            )
        found = {section.id: find(section, fact.content.headings) for section in wanted}
        missing = [section.shown for section in wanted if found[section.id] is None]
        if missing:
            names = ", ".join(f"“{m}”" for m in missing)
            reason = f"{path} has no heading {names} (in any language the pack names; map your own heading in `sections:`)"
            return Outcome("partial", path, expected, reason, reads)
        if wanted:
            observed += ": " + ", ".join(described(h) for h in found.values() if h is not None)
        if rule.min_words:
            observed += f" ({fact.content.words} words)"
            if fact.content.words < rule.min_words:
                reason = f"{path} has {fact.content.words} words, fewer than the {rule.min_words} expected: too little for what it claims"
                return Outcome("partial", observed, expected, reason, reads)
    if rule.max_age_months and fact.last_changed is not None:
        oldest = months_before(ctx.today, rule.max_age_months)
        if fact.last_changed < oldest:
            source = DATE_SOURCES[fact.date_source or "mtime"]
            reason = f"{path} last changed {fact.last_changed} ({source}), more than {months(rule.max_age_months)} before {ctx.today}"
            return Outcome("unmet", f"{path} ({fact.last_changed})", expected, reason, reads)
    return Outcome("met", observed, expected, f"{path} exists", reads)


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
