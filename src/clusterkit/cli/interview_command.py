"""Body of `clusterkit interview`: indicator by indicator, ask for the facts its checks read.

The unknown indicators come first. Each answer is checked against the evidence model, written into
cluster.yaml at once (through the evidence writer, which keeps comments, order and formatting) and the
score shown again; so a run stopped with Ctrl-C keeps every answer given, and the next run asks only for
what is still missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import typer

from clusterkit.cli.evidence_writer import EvidenceEdit, KeyPath, check_evidence, replace_file
from clusterkit.errors import ExitCode, InputError, UsageError
from clusterkit.load.files import read_text
from clusterkit.results.numbers import counted

# Kinds of field a typed answer can fill; lists of records are edited in the file itself.
_ASKABLE = ("number", "text", "date", "bool", "document", "list of text")
_STATUS_ORDER = {"unknown": 0, "unmet": 1, "partial": 2, "met": 3, "not_applicable": 4}


class Fact(NamedTuple):
    """One field an indicator's checks read, and what the model says it is."""

    path: KeyPath
    kind: str
    description: str


def _read(kind: str, answer: str) -> Any:
    """A typed answer as the value to write; ValueError says what was expected."""
    text = answer.strip()
    if kind == "list of text":  # innovation, internationalisation
        return [item.strip() for item in text.split(",") if item.strip()]
    if kind == "number":
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            raise ValueError(f"`{text}` is not a number") from None
        return int(number) if number.is_integer() and "." not in text else number
    if kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"`{text}` is not a date; write YYYY-MM-DD") from None
    if kind == "bool":
        if text.lower() in ("y", "yes", "true"):
            return True
        if text.lower() in ("n", "no", "false"):
            return False
        raise ValueError("answer yes or no")
    return text


def facts_of(indicator: Any) -> list[Fact]:
    """The plain fields (numbers, dates, texts, documents) the indicator's checks read."""
    from clusterkit.models import fieldpaths
    from clusterkit.models.evidence import Evidence

    found: dict[str, Fact] = {}
    for check in indicator.checks:
        path = getattr(check.rule, "field", None)
        if path is None or str(path) in found or fieldpaths.is_computed(Evidence, str(path)):
            continue
        try:
            found_type = fieldpaths.resolve(Evidence, str(path))
        except ValueError:
            continue  # a path through a list or a derived value: not one typed answer
        kind = str(found_type.kind)
        if kind == "list" and found_type.item_kind == "text":
            kind = "list of text"
        if kind in _ASKABLE:
            found[str(path)] = Fact(tuple(str(path).split(".")), kind, _description(str(path)))
    return list(found.values())


def _description(path: str) -> str:
    from clusterkit.models import fieldpaths
    from clusterkit.models.evidence import Evidence

    parent, _, name = path.rpartition(".")
    model = fieldpaths.resolve(Evidence, parent).model if parent else Evidence
    info = model.model_fields.get(name) if model is not None else None
    return (info.description or "") if info is not None else ""


def _indicators(assessment: Any, pack: Any, only: str | None, unknown_only: bool) -> Iterator[Any]:
    """The pack's indicators in the order to ask: unknown first, then by how far they are from met."""
    statuses = {
        result.id: str(result.status)
        for area in assessment.packs[0].areas
        for result in area.indicators
    }
    chosen = [i for i in pack.indicators() if only is None or i.id == only]
    if only is not None and not chosen:
        raise UsageError(f"no indicator `{only}` in {pack.id}")
    if unknown_only:
        chosen = [i for i in chosen if statuses.get(i.id) == "unknown"]
    yield from sorted(chosen, key=lambda i: _STATUS_ORDER.get(statuses.get(i.id, ""), 5))


def _score(file: Path, today: str | None) -> str:
    from clusterkit.cli.common import parse_date
    from clusterkit.pipeline import load_evidence, run
    from clusterkit.results.numbers import fmt_score

    pack = run(load_evidence(file, str(file)), today=parse_date(today)).packs[0]
    return f"{fmt_score(pack.score)} ({pack.pack})"


def _answer(text: str, fact: Fact, ask: Callable[[str], str], file: Path) -> str | None:
    """Ask for one fact until the file with it validates: the new text, or None for an empty answer."""
    while True:
        shown = "text, comma-separated" if fact.kind == "list of text" else fact.kind
        answer = ask(f"{'.'.join(map(str, fact.path))} ({shown}): {fact.description}")
        if not answer.strip():
            return None
        edit = EvidenceEdit(text)  # a fresh copy per try: a refused answer leaves no trace
        try:
            edit.set(fact.path, _read(fact.kind, answer))
            edited = edit.text()
            check_evidence(edited, str(file))
        except ValueError as error:
            typer.echo(f"  {error}", err=True)
            continue
        except InputError as error:
            for problem in error.problems:
                typer.echo(f"  {problem.message}; {problem.hint}".rstrip("; "), err=True)
            continue
        replace_file(file, edited)
        if fact.kind == "document" and not (file.parent / answer.strip()).is_file():
            typer.echo(
                f"  note: {answer.strip()} does not exist yet; its checks count once it does",
                err=True,
            )
        return edited


def interview(
    file: Path,
    indicator: str | None,
    unknown_only: bool,
    today: str | None,
    ask: Callable[[str], str],
) -> ExitCode:
    """Walk the indicators, ask for each missing fact, write it, show the new score."""
    from clusterkit.cli.common import parse_date
    from clusterkit.packs.loader import load_pack
    from clusterkit.pipeline import load_evidence, run

    assessment = run(load_evidence(file, str(file)), today=parse_date(today))

    pack = load_pack(assessment.packs[0].pack).pack
    text = read_text(file, str(file))
    typer.echo(f"score now: {_score(file, today)}; Enter skips a question, Ctrl-C stops", err=True)
    answered = 0
    try:
        for item in _indicators(assessment, pack, indicator, unknown_only):
            missing = [f for f in facts_of(item) if EvidenceEdit(text).get(f.path) is None]
            if not missing:
                continue
            typer.echo(f"\n{item.id} {item.title}\n  {' '.join(item.guidance.split())}", err=True)
            for fact in missing:
                edited = _answer(text, fact, ask, file)
                if edited is not None:
                    text, answered = edited, answered + 1
                    typer.echo(f"  saved; score now: {_score(file, today)}", err=True)
    except (KeyboardInterrupt, EOFError):
        typer.echo("", err=True)
    typer.echo(f"{counted(answered, 'answer')} written to {file}", err=True)
    return ExitCode.OK
