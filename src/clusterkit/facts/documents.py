"""Gather facts about the documents an evidence file names: do they exist, when did they change, headings.

This is the I/O half of an assessment; the scorer only reads the Facts it returns. Paths may not leave the
evidence file's repository (the git work tree around it, or its folder outside git).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from clusterkit.errors import InputError, Problem
from clusterkit.facts.git import last_commit_dates, work_tree_root
from clusterkit.facts.headings import MARKDOWN_SUFFIXES, read_headings
from clusterkit.load.yamlfile import KeyPath, YamlDocument
from clusterkit.models.base import DocumentPath
from clusterkit.models.facts import DocumentFact, Facts


def document_references(model: BaseModel) -> list[tuple[KeyPath, DocumentPath]]:
    """Every document path in a validated evidence model, with where it stands in the file."""
    return list(_walk(model, ()))


def _walk(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, DocumentPath]]:
    if isinstance(value, DocumentPath):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))


def repository_root(folder: Path) -> Path:
    """The git work tree that holds ``folder``, or the folder itself outside git."""
    return work_tree_root(folder) or folder.resolve()


def collect(evidence: BaseModel, source: YamlDocument, evidence_file: Path) -> Facts:
    """Facts for every document the evidence names; a path outside the repository is an input error.

    No document gets a change date here (git is not asked): `with_dates` adds them when a rule needs them.
    """
    base = evidence_file.resolve().parent
    root = repository_root(base)
    problems: list[Problem] = []
    files: dict[str, Path] = {}
    for where, reference in document_references(evidence):
        reason = _outside(reference, base, root)
        if reason:
            position = source.locate(where)
            field = ".".join(str(part) for part in where)
            hint = "name documents relative to the evidence file, inside its repository"
            problems.append(
                Problem(
                    source.path, position.line, position.column, reason, "path-outside", field, hint
                )
            )
            continue
        files[str(reference)] = base / reference
    if problems:
        raise InputError(problems)
    return Facts(documents={ref: _fact(ref, file) for ref, file in sorted(files.items())})


def with_dates(facts: Facts, evidence_file: Path) -> Facts:
    """The facts with each existing document's last change: its last commit when committed and clean,
    else its modification time. Git is asked once, for all of them."""
    base = evidence_file.resolve().parent
    files = {ref: base / ref for ref, fact in facts.documents.items() if fact.exists}
    history = last_commit_dates(base, list(files.values()))
    documents = dict(facts.documents)
    for ref, file in files.items():
        committed = history.dates.get(file.resolve())
        if committed is not None:
            documents[ref] = replace(documents[ref], last_changed=committed, date_source="git")
        else:
            changed = dt.datetime.fromtimestamp(file.stat().st_mtime, tz=dt.UTC).date()
            documents[ref] = replace(documents[ref], last_changed=changed, date_source="mtime")
    return Facts(documents=documents, date_warnings=history.warnings)


def _outside(reference: str, base: Path, root: Path) -> str:
    """Why a document path may not be used, or '' when it is fine."""
    if Path(reference).is_absolute() or reference.startswith(("/", "\\")) or ":" in reference[:3]:
        return f"`{reference}` is an absolute path"
    resolved = (base / reference).resolve()
    if not resolved.is_relative_to(root):
        via = " (through a symbolic link)" if ".." not in Path(reference).parts else ""
        return f"`{reference}` points outside the repository{via}"
    return ""


def _fact(reference: str, file: Path) -> DocumentFact:
    """A document's facts without dates or headings: whether it exists."""
    if not file.is_file():
        return DocumentFact(reference, exists=False)
    return DocumentFact(reference, True)


def with_headings(facts: Facts, evidence_file: Path, references: Collection[str]) -> Facts:
    """The facts with the headings of the documents ``references`` names (those a rule reads).

    Reading headings means a parser (and its import), so it is done only for these (and cached).
    """
    base = evidence_file.resolve().parent
    documents = dict(facts.documents)
    for reference in sorted(references):
        fact = documents.get(reference)
        file = base / reference
        if fact is not None and fact.exists and file.suffix.lower() in MARKDOWN_SUFFIXES:
            documents[reference] = replace(fact, headings=read_headings(file))
    return replace(facts, documents=documents)
