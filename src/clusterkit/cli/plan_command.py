"""Bodies of `clusterkit plan add`, `plan list` and `plan export`: the improvement plan in and out."""

from __future__ import annotations

from pathlib import Path

import typer

from clusterkit.cli.common import assess_file, parse_date
from clusterkit.cli.output import write_output
from clusterkit.cli.plan_into import PlanEntry
from clusterkit.errors import ExitCode, UsageError


def _check_fixes(file: Path, fixes: str) -> None:
    """The id must be an indicator, check or level condition of the file's own packs (a UsageError
    with the closest one otherwise), as the assessment will check it; so must the items already there
    (an InputError at their lines), so that what is written is a plan the assessment reads."""
    from clusterkit.packs.declarations import check_plan, plan_ids, unknown_plan_id
    from clusterkit.pipeline import load_evidence, load_packs, pack_references

    loaded = load_evidence(file, str(file))
    packs = load_packs(*pack_references(loaded, ())).packs
    check_plan(loaded.evidence, loaded.document, packs)
    found = unknown_plan_id(fixes, plan_ids(packs), ", ".join(pack.id for pack in packs))
    if found is not None:
        message, hint = found
        raise UsageError(f"--fixes: {message}; {hint}")


def add(file: Path, entry: PlanEntry, due: str | None) -> ExitCode:
    """Write (or update) one plan item in the evidence file, checked before the file is replaced."""
    from clusterkit.cli.evidence_writer import write_evidence
    from clusterkit.cli.plan_into import merged_text

    if entry.owner is not None and not entry.owner.strip():
        raise UsageError("--owner is empty; name a person or a role")
    if entry.note is not None and not entry.note.strip():
        raise UsageError("--note is empty; leave it out, or say something")
    entry = PlanEntry(entry.fixes, entry.owner, parse_date(due, "--due"), entry.status, entry.note)
    _check_fixes(file, entry.fixes)
    text, added = merged_text(file.read_text(encoding="utf-8-sig"), entry)
    write_evidence(file, text)
    verb = "added to" if added else "updated in"
    typer.echo(f"plan item for {entry.fixes} {verb} {file}", err=True)
    return ExitCode.OK


def list_items(file: Path, today: str | None) -> ExitCode:
    """Print the plan's items with the state the assessment gives them."""
    from clusterkit.cli.plan_table import render

    assessment = assess_file(file, [], [], today)
    typer.echo(render(assessment), nl=False)
    return ExitCode.OK


def export(file: Path, today: str | None, output_format: str, output: Path | None) -> ExitCode:
    """Write the plan as a board checklist (md) or issue-tracker rows (csv)."""
    from clusterkit.cli.formats import produce

    assessment = assess_file(file, [], [], today)
    write_output(produce("plan export", output_format, assessment), output, protected=(file,))
    return ExitCode.OK
