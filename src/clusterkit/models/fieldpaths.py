"""Resolve a rule's dotted field path against the evidence model's types, without any evidence.

Packs are checked with it when they load (a misspelt path is a positioned error in the pack), and the
scorer reads values along the same paths.
"""

import datetime as dt
import difflib
import sys
import types
from enum import Enum
from functools import cache
from typing import Annotated, Any, Literal, NamedTuple, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel

from clusterkit.models.base import DocumentPath, FieldError

FieldKind = Literal["number", "bool", "date", "text", "document", "list", "record", "mapping"]


class FieldType(NamedTuple):
    """What a path leads to: its kind and, for lists and records, the model of the items."""

    kind: FieldKind
    model: type[BaseModel] | None = None
    item_kind: FieldKind | None = None


def _strip(annotation: Any) -> Any:
    """Drop Optional and Annotated wrappers: ``Annotated[int, ...] | None`` is ``int``."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [arg for arg in get_args(annotation) if arg is not type(None)]
            annotation = options[0] if len(options) == 1 else annotation
            if len(options) != 1:
                return annotation
        else:
            return annotation


def classify(annotation: Any) -> FieldType:  # noqa: PLR0911 - one return per kind reads best
    annotation = _strip(annotation)
    origin = get_origin(annotation)
    if origin is list:
        item = classify(get_args(annotation)[0])
        return FieldType("list", item.model, item.kind)
    if origin is dict:
        value = classify(get_args(annotation)[1])
        return FieldType("mapping", value.model, value.kind)
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return FieldType("record", annotation)
        if issubclass(annotation, bool):
            return FieldType("bool")
        if issubclass(annotation, int | float):
            return FieldType("number")
        if issubclass(annotation, dt.date):
            return FieldType("date")
        if issubclass(annotation, DocumentPath):
            return FieldType("document")
        if issubclass(annotation, str | Enum):
            return FieldType("text")
    return FieldType("text")


def field_annotation(model: type[BaseModel], name: str) -> Any | None:
    """The annotation of a stored or computed field of ``model``, or None if it has no such field."""
    if name in model.model_fields:
        return model.model_fields[name].annotation
    computed = model.model_computed_fields.get(name)
    if computed is None:
        return None
    if isinstance(computed.return_type, type | types.UnionType) or get_origin(computed.return_type):
        return computed.return_type
    # Models build their schemas lazily (defer_build), so a computed field's return type may still be
    # the text of its annotation: read it from the property itself.
    getter = computed.wrapped_property.fget
    namespace = vars(sys.modules[model.__module__])
    return get_type_hints(getter, globalns=namespace)["return"]


def resolve(model: type[BaseModel], path: str) -> FieldType:
    """The type a dotted path leads to from ``model``; FieldError naming the first bad segment."""
    current: FieldType = FieldType("record", model)
    walked: list[str] = []
    for segment in path.split("."):
        if current.kind != "record" or current.model is None:
            raise FieldError(f"`{'.'.join(walked)}` has no fields, so `{segment}` cannot follow it")
        annotation = field_annotation(current.model, segment)
        if annotation is None:
            where = ".".join(walked) or "the evidence file"
            close = closest_field(current.model, segment)
            hint = f"did you mean `{'.'.join([*walked, close])}`?" if close else ""
            raise FieldError(f"`{segment}` is not a field of {where}", hint=hint)
        current = classify(annotation)
        walked.append(segment)
    return current


def field_names(model: type[BaseModel]) -> list[str]:
    """Stored and computed field names of a model, for 'did you mean' hints."""
    return [*model.model_fields, *model.model_computed_fields]


def closest_field(model: type[BaseModel], name: str) -> str | None:
    """The field of ``model`` a misspelt ``name`` most likely meant, if any is close."""
    close = difflib.get_close_matches(name, field_names(model), n=1)
    return close[0] if close else None


@cache  # by the model's types alone; the scorer asks for every value it finds missing
def owner_of(model: type[BaseModel], path: str) -> tuple[type[BaseModel] | None, str]:
    """The model that owns the last segment of a dotted path, and that segment (None where the
    types do not tell: a union, or a field that is no record)."""
    *parents, last = path.split(".")
    owner: type[BaseModel] | None = model
    for segment in parents:
        if owner is None:
            break
        annotation = field_annotation(owner, segment)
        owner = classify(annotation).model if annotation is not None else None
    return owner, last


def is_computed(model: type[BaseModel], path: str) -> bool:
    """Whether a dotted path ends in a derived (computed) field rather than one a person writes."""
    owner, last = owner_of(model, path)
    return owner is not None and last in owner.model_computed_fields


def computed_description(model: type[BaseModel], path: str) -> str:
    """The description of the computed field a path ends in ('' if it is not one)."""
    owner, last = owner_of(model, path)
    field = owner.model_computed_fields.get(last) if owner is not None else None
    return (field.description or "") if field is not None else ""
