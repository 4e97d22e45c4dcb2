"""Gather facts about the documents an evidence file names: do they exist, what they hold, when they changed.

This is the I/O half of an assessment; the scorer only reads the Facts it returns. Paths may not leave the
evidence file's repository (the git work tree around it, or its folder outside git). A document is read
(its sections and length) only where a rule reads it, and only then are the PDF, Word and OpenDocument
libraries imported.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Collection
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from clusterkit.errors import InputError, Problem
from clusterkit.facts.dates import document_dates
from clusterkit.facts.git import work_tree_root
from clusterkit.facts.readers import READERS, DocumentError, Identity, identify, read
from clusterkit.facts.readers.base import a_file
from clusterkit.load.files import note_resolved
from clusterkit.load.yamlfile import KeyPath, YamlDocument
from clusterkit.models.base import DocumentPath, unusable_path
from clusterkit.models.facts import DocumentContent, DocumentFact, Facts

Named = dict[str, tuple[KeyPath, Path]]  # reference -> where it first stands, its file


def document_references(model: BaseModel) -> list[tuple[KeyPath, DocumentPath]]:
    """Every document path in a validated evidence model, with where it stands in the file."""
    found: list[tuple[KeyPath, DocumentPath]] = []
    _walk(model, (), found)
    return found


# Values of these exact types hold no document path (DocumentPath is a subclass of str, not str):
# most of an evidence file's values are such scalars, and the walk runs twice for every file.
_SCALARS = frozenset({str, int, float, bool, type(None), dt.date, dt.datetime})


def _walk(value: Any, path: KeyPath, found: list[tuple[KeyPath, DocumentPath]]) -> None:
    if isinstance(value, DocumentPath):
        found.append((path, value))
    elif isinstance(value, BaseModel):
        for name in _field_names(type(value)):
            item = getattr(value, name)
            if type(item) not in _SCALARS:
                _walk(item, (*path, name), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if type(item) not in _SCALARS:
                _walk(item, (*path, index), found)
    elif isinstance(value, dict):
        for key, item in value.items():
            if type(item) not in _SCALARS:
                _walk(item, (*path, key), found)


@cache
def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    # pydantic's model_fields is a class property: a descriptor call on every access
    return tuple(model.model_fields)


def field_of(where: KeyPath) -> str:
    """The dotted field a rule names for a document at ``where`` (list indices left out)."""
    return ".".join(str(part) for part in where if isinstance(part, str))


def repository_root(folder: Path) -> Path:
    """The git work tree that holds ``folder``, or the folder itself outside git."""
    return work_tree_root(folder) or folder.resolve()


def sections(file: Path) -> DocumentContent | None:
    """A document's sections and length, read on demand; None for a format no reader knows.

    Raises ``DocumentError`` for a document that cannot be read as what it is (encrypted, corrupt).
    """
    identity = identify(file)
    return _content(file, identity)


def collect(evidence: BaseModel, source: YamlDocument, evidence_file: Path) -> Facts:
    """Facts for every document the evidence names: does it exist, what format it holds (cheap: its first
    bytes). A path outside the repository, an empty or oversized document is an input error at its line.

    No document gets a change date here (git is not asked) and none is read: `with_dates` and
    `with_sections` add those when a rule needs them.
    """
    base = evidence_file.resolve().parent
    named = _named(evidence, source, base, repository_root(base))
    problems: list[Problem] = []
    documents: dict[str, DocumentFact] = {}
    warnings: list[str] = []
    for reference, (where, file) in sorted(named.items()):
        if not file.is_file():
            documents[reference] = DocumentFact(reference, exists=False)
            continue
        try:
            identity = identify(file)
        except DocumentError as error:
            problems.append(_problem(source, where, reference, error))
            continue
        documents[reference] = DocumentFact(reference, exists=True)
        note = _name_warning(reference, identity)
        if note:
            warnings.append(_positioned(source, where, note))
    if problems:
        raise InputError(problems)
    return Facts(documents, document_warnings=tuple(warnings))


def with_dates(facts: Facts, evidence_file: Path) -> Facts:
    """The facts with each existing document's last change: its last commit when committed and clean,
    else its own metadata date (PDF, Word, OpenDocument), else its file time. Git is asked once."""
    base = evidence_file.resolve().parent
    files = {ref: base / ref for ref, fact in facts.documents.items() if fact.exists}
    dated, warnings = document_dates(
        base, files, {ref: _identity(file) for ref, file in files.items()}
    )
    documents = dict(facts.documents)
    for ref, (changed, source) in dated.items():
        documents[ref] = documents[ref]._replace(last_changed=changed, date_source=source)
    return facts._replace(documents=documents, date_warnings=warnings)


def with_sections(
    facts: Facts,
    evidence: BaseModel,
    source: YamlDocument,
    evidence_file: Path,
    fields: Collection[str],
) -> Facts:
    """The facts with the sections and length of the documents named in ``fields`` (dotted, without list
    indices): only those are read. A document that cannot be read is an input error at its line."""
    base = evidence_file.resolve().parent
    problems: list[Problem] = []
    documents = dict(facts.documents)
    for where, reference in document_references(evidence):
        fact = documents.get(str(reference))
        if field_of(where) not in fields or fact is None or not fact.exists or fact.content:
            continue
        try:
            content, unreadable = _read(base / reference, str(reference))
        except DocumentError as error:
            problems.append(_problem(source, where, str(reference), error))
            continue
        documents[str(reference)] = fact._replace(content=content, unreadable=unreadable)
    if problems:
        raise InputError(problems)
    return facts._replace(documents=documents)


def _named(evidence: BaseModel, source: YamlDocument, base: Path, root: Path) -> Named:
    """Each document reference with where it first stands and its file; paths outside are errors."""
    problems: list[Problem] = []
    named: Named = {}
    folders: dict[Path, Path] = {}  # each folder resolved once for all the documents in it
    for where, reference in document_references(evidence):
        if reference in named:  # named again: checked and noted the first time
            continue
        reason, resolved = _outside(reference, base, root, folders)
        reason = reason or unusable_path(reference)
        if reason or resolved is None:
            position = source.locate(where)
            hint = "name documents relative to the evidence file, inside its repository"
            problems.append(
                Problem(
                    source.path,
                    position.line,
                    position.column,
                    reason,
                    "invalid-path" if reason.startswith("the path") else "path-outside",
                    ".".join(str(part) for part in where),
                    hint,
                )
            )
            continue
        named[str(reference)] = (where, base / reference)
        note_resolved(resolved)  # no output may replace it, even before it exists
    if problems:
        raise InputError(problems)
    return named


def _read(file: Path, reference: str) -> tuple[DocumentContent | None, str]:
    """Sections and length of one document; the reason where no reader knows its format."""
    identity = identify(file)
    content = _content(file, identity)
    why = "" if content else f"{reference} is {identity.holds}, which clusterkit does not read"
    return content, why


def _identity(file: Path) -> Identity | None:
    try:
        return identify(file)
    except DocumentError:
        return None  # refused by collect already; here only a date is sought


def _content(file: Path, identity: Identity) -> DocumentContent | None:
    if identity.kind is not None:
        return read(file, identity)
    if identity.named and READERS[identity.named].binary:
        label = READERS[identity.named].label
        raise DocumentError(
            f"is {identity.holds}, not {a_file(label)}",
            f"name the document saved as {label}",
            "document-format",
        )
    return None


def _name_warning(reference: str, identity: Identity) -> str:
    """What to say when a document's name promises another format than it holds."""
    if identity.mismatch and identity.kind is not None and identity.named is not None:
        suffix = READERS[identity.kind].suffixes[0]
        return (
            f"`{reference}` is {identity.holds}, not {READERS[identity.named].label} as its name says: "
            f"read as {READERS[identity.kind].label}; rename it to end in {suffix}"
        )
    return ""


def _problem(source: YamlDocument, where: KeyPath, reference: str, error: DocumentError) -> Problem:
    position = source.locate(where)
    return Problem(
        source.path,
        position.line,
        position.column,
        f"`{reference}` {error.message}",
        error.code,
        ".".join(str(part) for part in where),
        error.hint,
    )


def _positioned(source: YamlDocument, where: KeyPath, message: str) -> str:
    position = source.locate(where)
    field = ".".join(str(part) for part in where)
    return f"{source.path}:{position.line}:{position.column}: {field}: {message}"


def outside_repository(reference: str, base: Path, root: Path) -> str:
    """Why a path named in the evidence file (a document, a pack) leaves ``root``, or '' when it does not."""
    return _outside(reference, base, root)[0]


def _outside(
    reference: str, base: Path, root: Path, folders: dict[Path, Path] | None = None
) -> tuple[str, Path | None]:
    """Why ``reference`` leaves ``root`` ('' when it does not), and where it leads (None when it does);
    ``folders`` keeps the folders resolved already."""
    if Path(reference).is_absolute() or reference.startswith(("/", "\\")) or ":" in reference[:3]:
        return f"`{reference}` is an absolute path", None
    try:
        resolved = _resolved(base / reference, {} if folders is None else folders)
    except RuntimeError:  # a loop of symbolic links (Python 3.11-3.12)
        return f"`{reference}` is a loop of symbolic links", None
    except (OSError, ValueError) as error:
        return (
            f"`{reference}` cannot be followed: {getattr(error, 'strerror', None) or error}",
            None,
        )
    if not resolved.is_relative_to(root):
        via = " (through a symbolic link)" if ".." not in Path(reference).parts else ""
        return f"`{reference}` points outside the repository{via}", None
    return "", resolved


def _resolved(target: Path, folders: dict[Path, Path]) -> Path:
    """``target.resolve()``, with the folder holding it resolved once for every document in it.

    Resolving costs a system call per part of the path, and a file's documents share a few folders.
    With the folder resolved, only the last part may still be a link; it is resolved as before if so.
    """
    if target.name == "..":
        return target.resolve()
    folder = folders.get(target.parent)
    if folder is None:
        folder = folders[target.parent] = target.parent.resolve()
    candidate = folder / target.name
    try:
        link = stat.S_ISLNK(os.lstat(candidate).st_mode)
    except OSError:  # missing, or not in a folder: resolve() keeps such a part as it is written
        link = False
    return candidate.resolve() if link else candidate
