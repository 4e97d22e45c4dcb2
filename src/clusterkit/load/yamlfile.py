"""The one strict YAML loader: typed values plus the line and column of every key and value.

Checks run cheapest first and nothing is built past a failed one: the bytes (size, binary formats, NUL,
UTF-8, control characters: ``load.text``), then the one parse, a streaming pass over parse events
(syntax, tags, documents, anchors and aliases, nesting depth and alias-expanded size: ``load.limits``,
worded by ``load.problems``) that composes the node graph from the events it has checked
(``load.compose``), then ``_Builder`` turns the nodes into data, keeping positions and reporting
duplicate and non-scalar keys. Scalars resolve as ``load.scalars`` says
(``1_000`` is text). Besides the codes the design lists, ``tag-mismatch`` (``!!int abc``) and
``bad-merge`` (``<<: 5``) cover what no listed code fits.

Parser: libyaml's (a ``yaml.CSafeLoader`` subclass) whenever PyYAML has it, else the pure-Python
``yaml.SafeLoader`` subclass; every rule holds with both and the tests run on both. On a 4 MiB file
it takes less time than ``yaml.load(text, yaml.CSafeLoader)`` (docs/performance.md has the figures).

Merge keys (``<<: *base`` or ``<<: [*a, *b]``) are supported: the mapping's own keys win, then earlier
merged mappings over later ones. A value reached through an alias is located at its anchor.
"""

from __future__ import annotations

import contextlib
import gc
import pathlib
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

import yaml

from clusterkit.errors import InputError, Problem
from clusterkit.load.files import read_regular
from clusterkit.load.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, scan
from clusterkit.load.problems import empty_file, not_a_mapping, problem_at
from clusterkit.load.scalars import (
    LOADER,
    MAP,
    MERGE,
    PURE_LOADER,
    SEQ,
    EventSource,
    scalar_value,
    tag_text,
)
from clusterkit.load.text import control_problem, decode

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "KeyPath",
    "Position",
    "YamlDocument",
    "load_file",
    "load_text",
]

KeyPath = tuple[str | int, ...]
"""Where a value sits: ``("participants", "by_type", "smes")``, ``("services", 3, "name")``."""


class Position(NamedTuple):
    """A place in a file, both 1-based (a tuple: cheap to make for every value of a large file)."""

    line: int
    column: int


class YamlDocument(NamedTuple):
    """One loaded file: its data and where each part of it was written."""

    path: str  # the display path, as the user gave it
    data: Any  # a dict with str keys, once load_text returns
    value_positions: Mapping[KeyPath, Position]  # where each value starts; the root is ()
    key_positions: Mapping[KeyPath, Position]  # where the key of each mapping entry starts

    def locate(self, path: KeyPath, *, prefer_key: bool = False) -> Position:
        """Position of `path`, else of its nearest ancestor's value (a missing field's mapping).

        With `prefer_key`, the key's position when the path is a mapping entry ("unknown field").
        """
        if prefer_key and path in self.key_positions:
            return self.key_positions[path]
        for length in range(len(path), -1, -1):
            found = self.value_positions.get(path[:length])
            if found is not None:
                return found
        return Position(0, 0)


LIBYAML_DEPTH_ERROR = "maximum nesting depth"


def load_text(text: str | bytes, path: str) -> YamlDocument:
    """Load one YAML document strictly; InputError lists every problem that could be found."""
    try:
        with _without_cycle_collection():
            # LOADER is looked up per call so the tests can run every rule on the pure parser too.
            return _load(text, path, LOADER)
    except RecursionError:  # defence in depth: the depth limit should make this unreachable
        raise InputError.single(path, "the file is nested too deeply to read", "too-deep") from None
    except MemoryError:
        raise InputError.single(path, "the file is too large to read", "too-large") from None


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector while loading, and restore it as it was.

    A load makes an object or more per value (events, nodes, positions, data) and none of them in a
    cycle, so the collector's passes over the growing heap find nothing; on a 4 MiB file they took
    more than half of the load time. Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_file(
    path: pathlib.Path, display: str | None = None, missing: str = "check the path and spelling"
) -> YamlDocument:
    """Read and load `path`; problems name it as `display` (default: as given), ``missing`` is the
    hint when it does not exist."""
    shown = str(path) if display is None else display
    # One byte past the limit is enough to know the file is too large without reading it all.
    data = read_regular(path, MAX_FILE_BYTES, shown, missing)
    return load_text(data, shown)


def _load(source: str | bytes, path: str, loader: Callable[[str], EventSource]) -> YamlDocument:
    text = decode(source, path)
    problems, root = scan(loader, text, path)
    if loader is not PURE_LOADER and any(LIBYAML_DEPTH_ERROR in p.message for p in problems):
        # Newer libyaml stops deep nesting with its own limit (1000) before our events reach ours
        # (64), at a less useful place and as a syntax error: let the pure parser find our limit.
        problems, root = scan(PURE_LOADER, text, path)
    if problems or root is None:  # no problem and no node cannot happen: scan reports empty files
        raise InputError(problems or [empty_file(path)])
    root_problem = not_a_mapping(root, path)
    if root_problem is not None:
        raise InputError([root_problem])
    builder = _Builder(path)
    data = builder.build(root, ())
    if builder.problems:
        raise InputError(builder.problems)
    return YamlDocument(
        path, data, MappingProxyType(builder.values), MappingProxyType(builder.keys)
    )


class _Builder:
    """Turns a checked node graph into Python data, recording positions and key problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.values: dict[KeyPath, Position] = {}
        self.keys: dict[KeyPath, Position] = {}
        # Problems found through an alias repeat; the set keeps one of each.
        self.problems: set[Problem] = set()

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        mark = node.start_mark
        self.values[path] = Position(mark.line + 1, mark.column + 1)
        if type(node) is yaml.ScalarNode:  # the common case first: most values are scalars
            self._check_controls(node, path)
            return self._scalar(node)
        if isinstance(node, yaml.MappingNode):
            self._expect_tag(node, MAP, "a mapping")
            result: dict[str, Any] = {}
            for key, key_node, value_node in self._entries(node):
                inner = (*path, key)
                key_mark = key_node.start_mark
                self.keys[inner] = Position(key_mark.line + 1, key_mark.column + 1)
                result[key] = self.build(value_node, inner)
            return result
        if isinstance(node, yaml.SequenceNode):
            self._expect_tag(node, SEQ, "a list")
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        self._check_controls(node, path)
        return self._scalar(node)

    def _entries(self, node: yaml.MappingNode) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """The mapping's own entries in order, then merged-in ones for keys it does not set."""
        own: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        merged: list[tuple[str, yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag == MERGE:
                merged.extend(self._merged(key_node, value_node))
                continue
            key = self._key(key_node)
            if key is None:
                continue
            if key in own:
                first = own[key][0].start_mark.line + 1
                self._add(
                    key_node,
                    f"duplicate key `{key}` (first defined on line {first})",
                    "duplicate-key",
                    "each key may appear once per mapping; remove one",
                )
                continue
            own[key] = (key_node, value_node)
        entries = [(key, key_node, value_node) for key, (key_node, value_node) in own.items()]
        for key, key_node, value_node in merged:
            if key not in own:
                own[key] = (key_node, value_node)
                entries.append((key, key_node, value_node))
        return entries

    def _merged(self, key: yaml.Node, value: yaml.Node) -> list[tuple[str, yaml.Node, yaml.Node]]:
        if isinstance(value, yaml.MappingNode):
            sources = [value]
        elif isinstance(value, yaml.SequenceNode) and all(
            isinstance(item, yaml.MappingNode) for item in value.value
        ):
            sources = value.value
        else:
            self._add(
                key,
                "'<<' must be followed by a mapping or a list of mappings",
                "bad-merge",
                "write '<<: *name' where &name marks a mapping",
            )
            return []
        return [entry for source in sources for entry in self._entries(source)]

    def _key(self, node: yaml.Node) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
            self._add(
                node,
                f"a key must be a plain value, not {kind}",
                "complex-key",
                "write the key as text, such as 'name:'",
            )
            return None
        self._scalar(node)  # only to report text that contradicts an explicit tag
        # The source text, not the typed value: `4.10:` is indicator "4.10", not the float 4.1.
        key = str(node.value)
        self._check_controls(node, (), "key")
        return key

    def _check_controls(self, node: yaml.Node, path: KeyPath, what: str = "value") -> None:
        # A scalar's text after escapes are processed: what a value (or key) of any type came from.
        if (
            found := control_problem(self.path, node.start_mark, node.value, path, what)
        ) is not None:
            self.problems.add(found)

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            return scalar_value(node.tag, node.value)
        except ValueError:
            self._add(
                node,
                f"`{node.value}` is not a valid {tag_text(node.tag)} value",
                "tag-mismatch",
                "fix the value or remove the tag",
            )
            return node.value

    def _expect_tag(self, node: yaml.Node, tag: str, kind: str) -> None:
        if node.tag != tag:
            self._add(
                node,
                f"the tag {tag_text(node.tag)} cannot be used on {kind}",
                "tag-mismatch",
                "remove the tag",
            )

    def _add(self, node: yaml.Node, message: str, code: str, hint: str) -> None:
        self.problems.add(problem_at(self.path, node.start_mark, message, code, hint))


def _position(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)
