"""The words of a validation problem: what was expected, in plain language, and a hint that helps.

Every message must read without knowing Python: shapes in words (a list of 2 items, a mapping), one-line
YAML examples, hints only where they fit the mistake (a country name gets no word about Norway).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from clusterkit.load.yamlfile import KeyPath
from clusterkit.models import fieldpaths

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


def model_at(model: type[BaseModel], path: KeyPath) -> type[BaseModel] | None:
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
    """A value as the user wrote it; a list or mapping by its shape, never as a Python repr."""
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    text = str(value)
    return f"`{text[:60]}…`" if len(text) > 60 else f"`{text}`"


def _typed(value: Any) -> str:
    """A value of the wrong type as the file wrote it: `true`, not `True`; text that looks like a number or
    a boolean with its quotes, since the quotes are what made it text (`"5"`)."""
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str) and _LOOKS_TYPED.fullmatch(value.strip()):
        return f'the text `"{value}"` (quoted)'
    return _shown(value)


_LOOKS_TYPED = re.compile(r"[-+]?[0-9][0-9_.,eE+-]*|true|false", re.IGNORECASE)


_GROUPED = re.compile(r"[0-9]{1,3}([.,])[0-9]{3}(\1[0-9]{3})*")


def _plain_number(written: str) -> str:
    """The number as YAML reads it: `12.000` and `1,234` lose their thousands separators, `12,5` and
    `1.234,56` get a decimal point; the suggestion must not be one the loader refuses in turn."""
    if "." in written and "," in written:
        decimal = max(written.rfind("."), written.rfind(","))
        whole = written[:decimal].replace(".", "").replace(",", "")
        return f"{whole}.{written[decimal + 1 :]}"
    if _GROUPED.fullmatch(written):
        return written.replace(".", "").replace(",", "")
    return written.replace(",", ".")


def _shape_hint(model: type[BaseModel], path: KeyPath, expected: str, value: Any) -> str:
    """How to write the expected shape, as a one-line YAML example."""
    name = str(path[-1]) if path else "key"
    if expected.startswith("a mapping"):
        if isinstance(value, list) and all(isinstance(i, dict) and len(i) == 1 for i in value):
            pairs = ", ".join(f"{k}: {v}" for item in value for k, v in item.items())
            return (
                f"drop the `- ` dashes: a mapping is `key: value` lines, e.g. `{name}: {{{pairs}}}`"
            )
        container = model_at(model, path)
        fields = list(container.model_fields)[:2] if container else []
        shown = ", ".join(f"{field}: …" for field in fields) or "key: value"
        return f"write `key: value` lines indented under `{name}:`, e.g. `{name}: {{{shown}}}`"
    if expected in ("a whole number", "a number") and re.match(r"\s*[\d.,]+\s*\S", str(value)):
        number = re.match(r"\s*([\d.,]+)", str(value))
        plain = _plain_number(number[1] if number else "0")
        return f"write the number alone, without a unit or words: `{name}: {plain}`"
    if isinstance(value, list) and value and expected not in ("a list",):
        return f"write one value, not a list: `{name}: {value[0]}`"
    if expected == "a list":
        return f"write one item per line starting with `- `, or `{name}: [first, second]`"
    return ""


def describe(  # noqa: PLR0911 - one return per kind of error reads best
    model: type[BaseModel], error: ErrorDetails, path: KeyPath
) -> tuple[str, str]:
    kind, ctx = error["type"], error.get("ctx") or {}
    value = error.get("input")
    if kind == "extra_forbidden":
        container = model_at(model, path[:-1])
        options = fieldpaths.field_names(container) if container else []
        options = [o for o in options if container is None or o in container.model_fields]
        return f"unknown field `{path[-1]}`", _suggest(str(path[-1]), options) or _elsewhere(
            model, str(path[-1])
        )
    if kind == "missing":
        return f"required field `{path[-1]}` is missing", ""
    if kind in ("enum", "literal_error", "union_tag_invalid"):
        return _choice(ctx, ctx.get("tag", value))
    if kind == "union_tag_not_found":
        return f"`{ctx.get('discriminator', 'kind')}` is missing", "say which kind of rule this is"
    if kind.startswith("date"):
        return f"{_shown(value)} is not a valid date", _date_hint(value)
    if kind.endswith(("_type", "_parsing")):
        expected = _TYPE_WORDS.get(kind.rsplit("_", 1)[0], kind.rsplit("_", 1)[0])
        return f"expected {expected}, got {_typed(value)}", _shape_hint(
            model, path, expected, value
        )
    if kind == "finite_number":
        return f"expected a finite number, got {_shown(value)}", ".nan and .inf are not allowed"
    if kind in _BOUNDS:
        return _out_of_range(kind, ctx, value)
    if kind == "string_pattern_mismatch":
        if "https?://" in str(ctx.get("pattern", "")) and not str(value).startswith("http"):
            return (
                f"{_shown(value)} is not a web address",
                f"start it with https://: `https://{value}`",
            )
        return f"{_shown(value)} is not in the expected format", _format_hint(model, path)
    message = str(error["msg"]).removeprefix("Value error, ")
    return message[:1].lower() + message[1:], ""


def _out_of_range(kind: str, ctx: dict[str, Any], value: Any) -> tuple[str, str]:
    word, key = _BOUNDS[kind]
    bound = ctx.get(key)
    hint = ""
    # a whole number above 1 for a share is a percentage (75 for 75 %), not a typo of 0.75
    # (the range test first: float() of a 400-digit count overflows)
    percent = isinstance(value, int | float) and 1 < value <= 100 and float(value).is_integer()
    if kind == "less_than_equal" and bound == 1 and percent:
        hint = (
            f"a share is written from 0 to 1: {value:g} % is {value / 100:g}, "
            f"so write {value / 100:.2f}"
        )
    return f"must be {word} {_number(bound)}, got {_shown(value)}", hint


def _date_hint(value: Any) -> str:
    """Dates are YYYY-MM-DD; a day-first date (01.10.2026, 1/10/2026) is shown turned round."""
    day_first = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", str(value).strip())
    if day_first:
        day, month, year = day_first.groups()
        return f"write dates as YYYY-MM-DD: `{year}-{int(month):02d}-{int(day):02d}`"
    return "write dates as YYYY-MM-DD, e.g. 2026-03-01"


def _number(value: Any) -> str:
    """A bound as people write it: 1, not 1.0; 1,000,000,000,000, not 1e+12."""
    large = isinstance(value, int | float) and abs(value) >= 1_000_000 and float(value).is_integer()
    if large:
        return f"{int(value):,}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _choice(ctx: dict[str, Any], given: Any) -> tuple[str, str]:
    """An enum or literal miss; pydantic quotes text choices ('rare', 'usual') but not numbers (1)."""
    expected = str(ctx.get("expected") or ctx.get("expected_tags", ""))  # tags: a union's `kind`
    options = re.findall(r"'([^']*)'", expected) or [o for o in re.split(r", | or ", expected) if o]
    if len(options) == 1:
        return f"must be {options[0]}, got {_shown(given)}", ""
    return f"{_shown(given)} is not one of {', '.join(options)}", _suggest(str(given), options)


def _elsewhere(model: type[BaseModel], name: str, prefix: str = "", depth: int = 3) -> str:
    """Where a key that is unknown here is a field: a key at the wrong indentation."""
    places = _places(model, name, prefix, depth)
    if not places:
        return ""
    listed = " or ".join(f"`{place}`" for place in places[:3])
    return f"`{name}` is a field of {listed}: indent it under that section"


def _places(model: type[BaseModel], name: str, prefix: str, depth: int) -> list[str]:
    found: list[str] = []
    for field in model.model_fields:
        annotation = fieldpaths.field_annotation(model, field)
        inner = fieldpaths.classify(annotation).model if annotation is not None else None
        if inner is None or depth == 0:
            continue
        where = f"{prefix}{field}"
        if name in inner.model_fields:
            found.append(where)
        found.extend(_places(inner, name, f"{where}.", depth - 1))
    return found


def _format_hint(model: type[BaseModel], path: KeyPath) -> str:
    """The field's own description says what it expects (e.g. the ISO country code)."""
    container = model_at(model, path[:-1])
    name = path[-1] if path else ""
    if container is None or not isinstance(name, str) or name not in container.model_fields:
        return ""
    # The first sentence says what is expected; the rest (why NO is Norway) is for other mistakes.
    description = (container.model_fields[name].description or "").split(". ")[0].rstrip(".")
    return f"expected: {description}" if description else ""
