"""Turn pydantic's validation errors into positioned, plain-language problems with hints."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from clusterkit.errors import InputError, Problem
from clusterkit.load.yamlfile import KeyPath, Position, YamlDocument
from clusterkit.models import fieldpaths
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
_BOUNDS: dict[str, tuple[str, str]] = {
    "greater_than_equal": ("at least", "ge"),
    "greater_than": ("more than", "gt"),
    "less_than_equal": ("at most", "le"),
    "less_than": ("less than", "lt"),
}
_TYPE_WORDS: dict[str, str] = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "string": "text",
    "list": "a list",
    "dict": "a mapping (key: value lines)",
    "model": "a mapping (key: value lines)",
    "model_attributes": "a mapping (key: value lines)",
    "tuple": "a list",
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
        raise InputError(problem(model, data, item, locate) for item in error.errors()) from None


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


def _model_at(model: type[BaseModel], path: KeyPath) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``path`` (for 'did you mean' field names)."""
    current = fieldpaths.FieldType("record", model)
    for segment in path:
        if current.kind in ("list", "mapping"):
            current = fieldpaths.FieldType("record", current.model) if current.model else current
            continue  # a list index or a mapping key: the items' model applies
        if current.model is None or not isinstance(segment, str):
            return None
        annotation = fieldpaths.field_annotation(current.model, segment)
        if annotation is None:
            return None
        current = fieldpaths.classify(annotation)
    return current.model if current.kind == "record" else None


def _suggest(word: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(word.lower(), [o.lower() for o in options], n=1, cutoff=0.6)
    if not close:
        return ""
    original = next(o for o in options if o.lower() == close[0])
    return f"did you mean `{original}`?"


def _shown(value: Any) -> str:
    text = str(value)
    return f"`{text[:60]}…`" if len(text) > 60 else f"`{text}`"


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
    message, hint = _describe(model, error, path)
    if isinstance(raised, FieldError) and raised.hint:
        hint = raised.hint
    field = ".".join(str(part) for part in path)
    code = _CODES.get(kind) or (
        "wrong-type" if kind.endswith(("_type", "_parsing")) else "invalid-value"
    )
    return Problem(file, position.line, position.column, message, code, field, hint)


def _describe(  # noqa: PLR0911 - one return per kind of error reads best
    model: type[BaseModel], error: ErrorDetails, path: KeyPath
) -> tuple[str, str]:
    kind, ctx = error["type"], error.get("ctx") or {}
    value = error.get("input")
    if kind == "extra_forbidden":
        container = _model_at(model, path[:-1])
        options = fieldpaths.field_names(container) if container else []
        options = [o for o in options if container is None or o in container.model_fields]
        return f"unknown field `{path[-1]}`", _suggest(str(path[-1]), options)
    if kind == "missing":
        return f"required field `{path[-1]}` is missing", ""
    if kind in ("enum", "literal_error", "union_tag_invalid"):
        return _choice(ctx, ctx.get("tag", value))
    if kind == "union_tag_not_found":
        return f"`{ctx.get('discriminator', 'kind')}` is missing", "say which kind of rule this is"
    if kind.startswith("date"):
        return f"{_shown(value)} is not a valid date", "write dates as YYYY-MM-DD, e.g. 2026-03-01"
    if kind.endswith(("_type", "_parsing")):
        expected = _TYPE_WORDS.get(kind.rsplit("_", 1)[0], kind.rsplit("_", 1)[0])
        return f"expected {expected}, got {_shown(value)}", ""
    if kind == "finite_number":
        return f"expected a finite number, got {_shown(value)}", ".nan and .inf are not allowed"
    if kind in _BOUNDS:
        word, key = _BOUNDS[kind]
        return f"must be {word} {ctx.get(key)}, got {_shown(value)}", ""
    if kind == "string_pattern_mismatch":
        return f"{_shown(value)} is not in the expected format", _format_hint(model, path)
    message = str(error["msg"]).removeprefix("Value error, ")
    return message[:1].lower() + message[1:], ""


def _choice(ctx: dict[str, Any], given: Any) -> tuple[str, str]:
    """An enum or literal miss; pydantic quotes text choices ('rare', 'usual') but not numbers (1)."""
    expected = str(ctx.get("expected") or ctx.get("expected_tags", ""))  # tags: a union's `kind`
    options = re.findall(r"'([^']*)'", expected) or [o for o in re.split(r", | or ", expected) if o]
    if len(options) == 1:
        return f"must be {options[0]}, got {_shown(given)}", ""
    return f"{_shown(given)} is not one of {', '.join(options)}", _suggest(str(given), options)


def _format_hint(model: type[BaseModel], path: KeyPath) -> str:
    """The field's own description says what it expects (e.g. the ISO country code)."""
    container = _model_at(model, path[:-1])
    name = path[-1] if path else ""
    if container is None or not isinstance(name, str) or name not in container.model_fields:
        return ""
    description = container.model_fields[name].description or ""
    return f"expected: {description}" if description else ""
