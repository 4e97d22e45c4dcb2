"""The base of every result model, and the statuses a check or an indicator can have."""

import copy
import enum
import types
from collections.abc import Callable, Mapping, Set
from functools import cache
from typing import Any, Literal, Self, TypeVar, Union, cast, get_args, get_origin

from pydantic import BaseModel, ConfigDict

Status = Literal["met", "partial", "unmet", "unknown", "not_applicable"]


class Result(BaseModel):
    """Base of the result models: immutable, and the JSON field order is the declaration order."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    @classmethod
    def built(cls, **fields: Any) -> Self:
        """A result from values the scorer computed itself, without running pydantic's validator.

        The scorer reads only validated inputs, so validating what it builds would check nothing; yet
        building the validators of the result models and running them was about 20 ms of every
        `assess` (the terminal summary never needs them). The one conversion validation made is kept:
        a whole number given for a ``float`` field becomes a float (``3.0`` in the JSON, not ``3``), a
        tuple given for a ``list`` a list. A test re-validates every result of the examples and a
        generated corpus and holds the JSON to the same bytes.
        """
        values = converted(cls, fields)
        return constructed(cls, values, set(values))


R = TypeVar("R", bound=Result)


def constructed(model: type[R], fields: dict[str, Any], names: Set[str]) -> R:
    """An instance holding ``fields`` (and the defaults of the others), as ``model_construct`` makes it.

    The same state pydantic's ``model_construct`` sets (the result models have no aliases, private
    attributes or post-init hook), in a third of its time: the scorer builds some 250 results a file.
    Unlike it, a name that is not a field, or a required field left out, is an error. ``fields`` is
    the caller's own new dict: given every field in declaration order, it becomes the state as it is.
    """
    order = field_order(model)
    if tuple(fields) == order:  # every field, in order, as the scorer mostly gives them
        return with_state(model, fields, names)
    if fields.keys() == field_names(model):  # every field, in another order
        return with_state(model, {name: fields[name] for name in order}, names)
    unknown = fields.keys() - field_names(model)
    if unknown:
        raise TypeError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")
    values = {}
    for name, make_default in _defaults(model):
        if name in fields:
            values[name] = fields[name]
        elif make_default is None:
            raise TypeError(f"{model.__name__} needs {name}")
        else:
            values[name] = make_default()
    return with_state(model, values, names)


def with_state(model: type[R], values: dict[str, Any], names: Set[str]) -> R:
    """An instance whose state is exactly ``values`` (every field, in declaration order) and the set of
    fields given: what ``model_construct`` and pydantic's unpickling set, and nothing is checked."""
    instance = model.__new__(model)
    set_state = object.__setattr__
    set_state(instance, "__dict__", values)
    set_state(instance, "__pydantic_fields_set__", names)
    set_state(instance, "__pydantic_extra__", None)
    set_state(instance, "__pydantic_private__", None)
    return instance


@cache
def field_order(model: type[Result]) -> tuple[str, ...]:
    """The names of a model's fields in declaration order (the JSON's order)."""
    # pydantic's model_fields is a class property: a descriptor call on every access
    return tuple(model.model_fields)


@cache
def field_names(model: type[Result]) -> frozenset[str]:
    """The names of a model's fields, one set per model (shareable: nothing changes it)."""
    return frozenset(field_order(model))


@cache
def _defaults(model: type[Result]) -> tuple[tuple[str, Callable[[], Any] | None], ...]:
    """Each field in declaration order, with what makes its default (None: required)."""
    found: list[tuple[str, Callable[[], Any] | None]] = []
    for name, info in model.model_fields.items():
        if info.is_required():
            found.append((name, None))
        elif info.default_factory is not None:
            found.append((name, cast(Callable[[], Any], info.default_factory)))
        else:
            found.append((name, _copying(info.default)))
    return tuple(found)


# What deepcopy returns as it is (these exact types, and enum members): such a default needs no
# copying machinery on every result.
_ATOMS = frozenset({type(None), bool, int, float, str, bytes})


def _copying(default: Any) -> Callable[[], Any]:
    """A fresh copy of a default each time, as pydantic gives one (immutable ones are simply returned)."""
    if type(default) in _ATOMS or isinstance(default, enum.Enum):
        return lambda: default
    return lambda: copy.deepcopy(default)


def converted(model: type[Result], fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` with each value changed as validating it for ``model`` would change it (in place)."""
    for name, convert in _plan(model).items():
        if name in fields:
            fields[name] = convert(fields[name])
    return fields


Convert = Callable[[Any], Any]


@cache
def _plan(model: type[Result]) -> dict[str, Convert]:
    """For each field whose value validation would change, how to change it."""
    plan = {}
    for name, info in model.model_fields.items():
        convert = _converter(info.annotation)
        if convert is not None:
            plan[name] = convert
    return plan


def _converter(annotation: Any) -> Convert | None:
    if annotation is float:
        return _to_float
    origin, arguments = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        return _optional(arguments)
    if origin is list:
        return _list_of(arguments)
    if origin is tuple:
        return tuple
    if origin is dict:
        return _dict_of(arguments)
    return None


def _optional(arguments: tuple[Any, ...]) -> Convert | None:
    inner = [_converter(argument) for argument in arguments if argument is not type(None)]
    if len(inner) != 1 or inner[0] is None:
        return None
    one: Convert = inner[0]
    return lambda value: None if value is None else one(value)


def _list_of(arguments: tuple[Any, ...]) -> Convert:
    element_of = _converter(arguments[0]) if arguments else None
    if element_of is None:
        return _to_list
    each: Convert = element_of
    return lambda value: [each(element) for element in value]


def _dict_of(arguments: tuple[Any, ...]) -> Convert:
    value_of = _converter(arguments[1]) if len(arguments) == 2 else None
    if value_of is None:
        return _to_dict
    every: Convert = value_of
    return lambda value: {key: every(element) for key, element in value.items()}


def _to_float(value: Any) -> Any:
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _to_list(value: Any) -> Any:
    return value if isinstance(value, list) else list(value)


def _to_dict(value: Any) -> Any:
    return value if type(value) is dict else dict(value) if isinstance(value, Mapping) else value
