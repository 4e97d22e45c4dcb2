"""Ids in an evidence file that none of its packs has: a typo, not silence.

A declaration must name an indicator; a plan item an indicator, a check or a level condition.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from clusterkit.errors import InputError, Problem
from clusterkit.load.yamlfile import KeyPath, YamlDocument

if TYPE_CHECKING:
    from clusterkit.models.evidence import Evidence
    from clusterkit.models.pack import CriteriaPack


def check_declarations(
    evidence: Evidence, document: YamlDocument, packs: Sequence[CriteriaPack]
) -> None:
    """A declaration that none of the file's packs reads (`4.1.44`, `9.9.9`) is an error at its key, with
    the closest indicator id. The caller passes the packs the file itself names (or the default): packs
    chosen with --criteria may be other ones, for which the file's declarations were never meant."""
    from clusterkit.models.rules import DeclarationRule

    known = {indicator.id for pack in packs for indicator in pack.indicators()}
    known |= {
        check.rule.indicator
        for pack in packs
        for indicator in pack.indicators()
        for check in indicator.checks
        if isinstance(check.rule, DeclarationRule) and check.rule.indicator
    }
    names = ", ".join(pack.id for pack in packs)
    problems = []
    for key in evidence.declarations or {}:
        if key in known:
            continue
        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
        hint = f"did you mean `{close[0]}`?" if close else f"the indicators are those of {names}"
        message = f"no criteria pack of this run ({names}) has the indicator `{key}`"
        problems.append(
            located(document, ("declarations", key), message, "unknown-indicator", hint)
        )
    if problems:
        raise InputError(problems)


def plan_ids(packs: Sequence[CriteriaPack]) -> set[str]:
    """What a plan item may fix: every indicator, check and level-condition id of ``packs``."""
    ids = {indicator.id for pack in packs for indicator in pack.indicators()}
    ids |= {
        check.id for pack in packs for indicator in pack.indicators() for check in indicator.checks
    }
    ids |= {c.id for pack in packs for level in pack.levels for c in level.requires.conditions}
    return ids


def unknown_plan_id(fixes: str, known: set[str], names: str) -> tuple[str, str] | None:
    """The message and hint for a plan item's id that no pack has (None when one has it)."""
    if fixes in known:
        return None
    close = difflib.get_close_matches(fixes, sorted(known), n=1, cutoff=0.6)
    hint = (
        f"did you mean `{close[0]}`?"
        if close
        else f"name an indicator, check or level condition of {names} (clusterkit criteria show)"
    )
    return (
        f"no criteria pack of this run ({names}) has an indicator, check or level condition `{fixes}`",
        hint,
    )


def check_plan(evidence: Evidence, document: YamlDocument, packs: Sequence[CriteriaPack]) -> None:
    """A plan item whose `fixes` none of the file's packs has is an error at its line (as for
    declarations: only for the packs the file itself names)."""
    known, names = plan_ids(packs), ", ".join(pack.id for pack in packs)
    problems = []
    for index, item in enumerate(evidence.plan or ()):
        found = unknown_plan_id(item.fixes, known, names)
        if found is not None:
            where = ("plan", index, "fixes")
            problems.append(located(document, where, found[0], "unknown-plan-id", found[1]))
    if problems:
        raise InputError(problems)


def located(document: YamlDocument, where: KeyPath, message: str, code: str, hint: str) -> Problem:
    """A problem at ``where`` in ``document`` (a mapping entry at its key)."""
    position = document.locate(where, prefer_key=True)
    field = ".".join(str(part) for part in where)
    return Problem(document.path, position.line, position.column, message, code, field, hint)
