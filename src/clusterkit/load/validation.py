"""Turn pydantic's validation errors into positioned, plain-language problems with hints."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from clusterkit.errors import InputError, Problem
from clusterkit.load.messages import describe
from clusterkit.load.yamlfile import KeyPath, Position, YamlDocument
from clusterkit.models.base import FieldError

ModelT = TypeVar("ModelT", bound=BaseModel)

# Where a key path is in the input: (file, position). Packs that extend another map into two files.
Locator = Callable[[KeyPath, bool], tuple[str, Position]]

# pydantic error type -> our short code; anything unlisted is `invalid-value`.
_CODES: dict[str, str] = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "enum": "invalid-choice",
    "literal_error": "invalid-choice",
    "union_tag_invalid": "invalid-choice",
    "union_tag_not_found": "missing-field",
    "finite_number": "not-finite",
    "string_pattern_mismatch": "invalid-format",
    "greater_than": "out-of-range",
    "greater_than_equal": "out-of-range",
    "less_than": "out-of-range",
    "less_than_equal": "out-of-range",
    "too_short": "too-short",
    "too_long": "too-long",
    "string_too_short": "too-short",
    "date_from_datetime_parsing": "invalid-date",
    "date_parsing": "invalid-date",
    "date_from_datetime_inexact": "invalid-date",
    "date_type": "invalid-date",
}


def document_locator(document: YamlDocument) -> Locator:
    """A locator for one loaded file."""

    def locate(path: KeyPath, prefer_key: bool) -> tuple[str, Position]:
        return document.path, document.locate(path, prefer_key=prefer_key)

    return locate


def validate(model: type[ModelT], document: YamlDocument) -> ModelT:
    """Validate a loaded document; every error becomes a positioned Problem in one InputError."""
    return validate_data(model, document.data, document_locator(document))


def validate_data(model: type[ModelT], data: Any, locate: Locator) -> ModelT:
    """Validate data that came from one or more files, located by ``locate``."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = [problem(model, data, item, locate) for item in error.errors()]
        raise InputError(merge_misspellings(problems)) from None


def merge_misspellings(problems: list[Problem]) -> list[Problem]:
    """A misspelt required key is one mistake, not two: keep the unknown key, whose hint names the
    missing one, and drop the "missing" problem it explains."""
    unknown = {
        (p.path, p.field.rpartition(".")[0], p.hint): p
        for p in problems
        if p.code == "unknown-field"
    }
    explained = set()
    for item in problems:
        if item.code != "missing-field":
            continue
        parent, _, name = item.field.rpartition(".")
        match = unknown.get((item.path, parent, f"did you mean `{name}`?"))
        if match is not None:
            explained.add(item)
    return [
        p._replace(hint=f"{p.hint} (a required field)") if _explains(p, explained) else p
        for p in problems
        if p not in explained
    ]


def _explains(unknown: Problem, missing: set[Problem]) -> bool:
    parent = unknown.field.rpartition(".")[0]
    return any(
        m.path == unknown.path
        and m.field.rpartition(".")[0] == parent
        and unknown.hint == f"did you mean `{m.field.rpartition('.')[2]}`?"
        for m in missing
    )


def key_path(data: Any, loc: Sequence[str | int], *, names_new_key: bool = False) -> KeyPath:
    """pydantic's error location as a path into the data: drop union tags and dict-key markers.

    A last segment that is not in the data is kept only when the error names a key that is missing or
    unknown (``names_new_key``); otherwise it is a union tag.
    """
    path: list[str | int] = []
    current = data
    for n, segment in enumerate(loc):
        last = n == len(loc) - 1
        found, child = _child(current, segment)
        if found:
            current = child
        elif segment == "[key]" or (isinstance(segment, str) and not (last and names_new_key)):
            continue  # a discriminated-union tag or a dict-key marker: not a place in the file
        path.append(segment)
    return tuple(path)


def _child(container: Any, segment: str | int) -> tuple[bool, Any]:
    """The item of a mapping or list at ``segment``, if it has one."""
    if isinstance(container, dict) and segment in container:
        return True, container[segment]
    if isinstance(container, list) and isinstance(segment, int) and 0 <= segment < len(container):
        return True, container[segment]
    return False, None


def _blamed_field(data: Any, path: KeyPath, message: str) -> KeyPath:
    """A cross-field rule's message starts with the field it blames ("smes (15) cannot exceed
    companies (12)"): report it there, not at the first key of the mapping that holds both."""
    container = data
    for segment in path:
        found, container = _child(container, segment)
        if not found:
            return path
    first = re.match(r"(?:Value error, )?([A-Za-z_]\w*)", message)
    if isinstance(container, dict) and first is not None and first[1] in container:
        return (*path, first[1])
    return path


def problem(model: type[BaseModel], data: Any, error: ErrorDetails, locate: Locator) -> Problem:
    """One pydantic error as a Problem: where, what, and a hint when one helps."""
    kind = error["type"]
    path = key_path(data, error["loc"], names_new_key=kind in ("missing", "extra_forbidden"))
    raised = (error.get("ctx") or {}).get("error")
    if isinstance(raised, FieldError):
        path = (*path, *raised.at)  # the validator names the field it blames
    elif kind == "value_error":
        path = _blamed_field(data, path, str(error["msg"]))
    elif kind == "union_tag_invalid":  # point at the tag itself (`kind: treshold`)
        path = (*path, str((error.get("ctx") or {}).get("discriminator", "kind")).strip("'"))
    is_extra = kind == "extra_forbidden"
    file, position = locate(path, is_extra)
    message, hint = describe(model, error, path)
    if isinstance(raised, FieldError) and raised.hint:
        hint = raised.hint
    field = ".".join(str(part) for part in path)
    code = _CODES.get(kind) or (
        "wrong-type" if kind.endswith(("_type", "_parsing")) else "invalid-value"
    )
    return Problem(file, position.line, position.column, message, code, field, hint)
