"""How the strict loader types plain scalars (YAML 1.2 core schema, stricter) and which tags it allows."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, Final, Protocol

import yaml

from clusterkit.models.base import WrittenFloat

TAG_PREFIX: Final = "tag:yaml.org,2002:"
STR: Final = TAG_PREFIX + "str"
INT: Final = TAG_PREFIX + "int"
FLOAT: Final = TAG_PREFIX + "float"
BOOL: Final = TAG_PREFIX + "bool"
NULL: Final = TAG_PREFIX + "null"
MAP: Final = TAG_PREFIX + "map"
SEQ: Final = TAG_PREFIX + "seq"
MERGE: Final = TAG_PREFIX + "merge"

LINE_BREAK: Final = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML (1.1, as both of PyYAML's parsers read it) counts as a line break, for 1-based positions."""

CORE_TAGS: Final = frozenset({STR, INT, FLOAT, BOOL, NULL, MAP, SEQ})
"""The only tags a document may carry explicitly; `!` (the non-specific tag) is allowed too."""

# "Any case" on purpose: `TRUE` and `tRuE` are both booleans, so no spelling of true/false is a string.
_BOOL: Final = re.compile(r"(?:true|false)\Z", re.IGNORECASE)
_NULL: Final = re.compile(r"(?:~|null|)\Z", re.IGNORECASE)
# No leading zeros, so a postcode such as 0150 stays text; no octal, hex, sexagesimal or underscores.
_INT: Final = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
# Needs a point or an exponent: bare digit strings are ints above or text (0150), never floats.
_FLOAT: Final = re.compile(
    r"[-+]?(?:(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:e[-+]?[0-9]+)?|[0-9]+e[-+]?[0-9]+|\.inf)\Z|\.nan\Z",
    re.IGNORECASE,
)
# What an explicit `!!int` / `!!float` accepts: the author asked for a number, so 0150 is 150 there.
_DIGITS: Final = re.compile(r"[-+]?[0-9]+\Z")


class StrictLoader(yaml.SafeLoader):
    """The pure-Python loader with the strict resolvers; PyYAML's own loaders stay untouched."""

    # A dict of our own: add_implicit_resolver must never reach SafeLoader's shared table.
    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's class-level registry


def _install_resolvers() -> None:
    # PyYAML tries the resolvers registered for a scalar's first character in order: int before float.
    for tag, pattern, first in (
        (BOOL, _BOOL, list("tTfF")),
        (NULL, _NULL, ["~", "n", "N", ""]),
        (INT, _INT, list("-+0123456789")),
        (FLOAT, _FLOAT, list("-+.0123456789")),
        (MERGE, re.compile(r"<<\Z"), ["<"]),
    ):
        StrictLoader.add_implicit_resolver(tag, pattern, first)


_install_resolvers()


def resolve_plain(text: str) -> str:
    """The tag of a plain scalar, as PyYAML's resolver picks it from StrictLoader's table."""
    # The table is keyed by first character ('' for the empty scalar); first match wins, else text.
    for tag, pattern in StrictLoader.yaml_implicit_resolvers.get(text[:1], ()):
        if pattern.match(text):
            return str(tag)
    return STR


class EventSource(Protocol):
    """The part of a PyYAML loader (pure or C) the strict loader drives."""

    def check_event(self, *choices: Any) -> bool: ...
    def get_event(self) -> Any: ...
    def get_single_node(self) -> yaml.Node | None: ...
    def dispose(self) -> None: ...


def _c_loader() -> Callable[[str], EventSource] | None:
    """The libyaml twin of StrictLoader, sharing its resolver table, when PyYAML was built with it."""
    if not getattr(yaml, "__with_libyaml__", False):
        return None

    class CStrictLoader(yaml.CSafeLoader):
        yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers

    return CStrictLoader


PURE_LOADER: Final[Callable[[str], EventSource]] = StrictLoader
LOADER: Final[Callable[[str], EventSource]] = _c_loader() or StrictLoader
"""libyaml when available: about ten times faster, with plainer error messages, and it accepts a tab
after `key:` as YAML allows (the pure scanner rejects it). The test suite runs on both."""


def tag_text(tag: str) -> str:
    """A tag as an author writes it: `!!binary`, `!custom`, `!<tag:example.com:x>`."""
    if tag.startswith(TAG_PREFIX):
        return "!!" + tag.removeprefix(TAG_PREFIX)
    return tag if tag.startswith("!") else f"!<{tag}>"


def scalar_value(tag: str, text: str) -> Any:
    """The Python value of a scalar with a resolved or explicit core tag.

    Raises ValueError when the text does not fit an explicit tag (`!!int abc`, `!!bool yes`).
    """
    if tag in (STR, MERGE):  # `<<` outside a key position is ordinary text
        return text
    if tag == NULL and _NULL.match(text):
        return None
    if tag == BOOL and _BOOL.match(text):
        return text.lower() == "true"
    if tag == INT and _DIGITS.match(text):
        return _to_int(text)
    if tag == FLOAT and (_FLOAT.match(text) or _DIGITS.match(text)):
        return _to_float(text)
    raise ValueError(f"{text} is not a valid {tag_text(tag)}")


def _to_int(text: str) -> int | str:
    try:
        return int(text)
    except ValueError:
        # Past Python's 4300-digit conversion limit; kept as text so the model rejects it with a position.
        return text


def _to_float(text: str) -> float:
    special = text.lower().lstrip("+-")
    if special == ".nan":
        return math.nan
    if special == ".inf":
        return -math.inf if text.startswith("-") else math.inf
    # The written text travels with the number, so a money field can tell `250.000` from `250.0`.
    return WrittenFloat(text)
