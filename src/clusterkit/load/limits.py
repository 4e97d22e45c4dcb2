"""The strict loader's limits, and the one pass over parse events that enforces them while composing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, NamedTuple

import yaml

from clusterkit.errors import Problem
from clusterkit.load.compose import NodeComposer
from clusterkit.load.problems import empty_file, problem_at, syntax_problem
from clusterkit.load.scalars import CORE_TAGS, EventSource, tag_text

MAX_FILE_BYTES: Final = 4 * 1024 * 1024
"""Largest file accepted. Evidence files are a few kilobytes; 4 MiB leaves room for generated ones while
bounding what the parser, the node graph and the position tables can cost."""

MAX_DEPTH: Final = 64
"""Deepest nesting of lists and mappings accepted, counted through aliases. Real evidence files nest fewer
than 10 levels; the bound keeps PyYAML's recursive composer and our builder far from the recursion limit."""

MAX_NODES: Final = 100_000
"""Most nodes (keys, values, lists, mappings) a document may hold with every alias expanded. Stops "billion
laughs" alias bombs, and flat files too big to hold with positions, before any Python object is built.
Evidence files hold hundreds; a 680 KB file of 100,000 nodes still loads in under 2 s with libyaml."""


class _Open:
    """A list or mapping whose end event has not arrived yet."""

    __slots__ = ("anchor", "counted", "deepest", "start")

    def __init__(self, anchor: str | None, start: Any, counted: int, deepest: int) -> None:
        self.anchor = anchor
        self.start = start  # the mark where it (or its anchor) begins
        self.counted = (
            counted  # nodes counted before it; the count at its end, less this, is its size
        )
        self.deepest = deepest  # most lists and mappings open at once inside it, aliases expanded


class _Anchored(NamedTuple):
    size: int  # the value plus every value inside, aliases expanded
    height: int  # nesting levels from the value down, aliases expanded (a scalar has 0)
    line: int  # 1-based, for the duplicate-anchor message


class _EventScan:
    """Checks a stream event by event, collecting problems.

    Sizes and heights are kept per list or mapping, not per value: a scalar without an anchor costs
    one count, which keeps the pass cheap on large files.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.documents = 0
        self.expanded = 0
        self.via_alias = False
        self.open: list[_Open] = []
        self.anchors: dict[str, _Anchored] = {}
        # One dict lookup per event instead of a chain of isinstance checks.
        self._on: dict[type, Callable[[Any], bool]] = {
            yaml.DocumentStartEvent: self._document,
            yaml.AliasEvent: self._alias,
            yaml.ScalarEvent: self._scalar,
            yaml.SequenceStartEvent: self._start,
            yaml.MappingStartEvent: self._start,
            yaml.SequenceEndEvent: self._end,
            yaml.MappingEndEvent: self._end,
        }

    def feed(self, event: Any) -> bool:
        """Check one event; False once going on is pointless."""
        handler = self._on.get(type(event))
        # Stream and document ends carry no values.
        return True if handler is None else handler(event)

    def _scalar(self, event: Any) -> bool:
        if event.tag is not None:
            self._check_tag(event)
        self.expanded += 1
        if self.expanded > MAX_NODES:
            return self._too_many(event.start_mark)
        if event.anchor is not None:
            self._anchor(event.anchor, _Anchored(1, 0, event.start_mark.line + 1), event.start_mark)
        return True

    def _end(self, event: Any) -> bool:
        done = self.open.pop()
        if self.open and done.deepest > self.open[-1].deepest:
            self.open[-1].deepest = done.deepest
        if done.anchor is not None:
            height = done.deepest - len(self.open)
            line = done.start.line + 1 if done.start else 0
            anchored = _Anchored(self.expanded - done.counted, height, line)
            self._anchor(done.anchor, anchored, done.start)
        return True

    def _document(self, event: Any) -> bool:
        self.documents += 1
        if self.documents == 1:
            return True
        self._add(
            event.start_mark,
            "the file holds more than one YAML document",
            "multiple-documents",
            "keep one document per file; remove this '---' and what follows",
        )
        return False

    def _start(self, event: Any) -> bool:
        if event.tag is not None:
            self._check_tag(event)
        counted = self.expanded
        self.expanded += 1
        if self.expanded > MAX_NODES:
            return self._too_many(event.start_mark)
        if len(self.open) >= MAX_DEPTH:
            self._add(
                event.start_mark,
                f"lists and mappings are nested more than {MAX_DEPTH} deep",
                "too-deep",
                "flatten the structure",
            )
            return False
        self.open.append(_Open(event.anchor, event.start_mark, counted, len(self.open) + 1))
        return True

    def _alias(self, event: Any) -> bool:
        name = event.anchor or ""
        target = self.anchors.get(name)
        if any(frame.anchor == name for frame in self.open):
            self._add(
                event.start_mark,
                f"the alias *{name} is used inside the value it names, which would repeat forever",
                "alias-bomb",
                f"do not refer to &{name} from within itself",
            )
            return False
        if target is None:
            self._add(
                event.start_mark,
                f"the alias *{name} refers to no anchor &{name} before it",
                "undefined-alias",
                f"define &{name} earlier in the file, or fix the spelling",
            )
            target = _Anchored(1, 0, 0)
        if len(self.open) + target.height > MAX_DEPTH:
            self._add(
                event.start_mark,
                f"through the alias *{name}, lists and mappings are nested more "
                f"than {MAX_DEPTH} deep",
                "too-deep",
                "flatten the structure",
            )
            return False
        self.via_alias = self.via_alias or target.size > 1
        self.expanded += target.size
        if self.expanded > MAX_NODES:
            return self._too_many(event.start_mark)
        if self.open and len(self.open) + target.height > self.open[-1].deepest:
            self.open[-1].deepest = len(self.open) + target.height
        return True

    def _anchor(self, anchor: str, anchored: _Anchored, mark: Any) -> None:
        """Record a completed anchored value, for the aliases after it."""
        earlier = self.anchors.get(anchor)
        if earlier is not None:
            self._add(
                mark,
                f"the anchor &{anchor} is defined twice (first on line {earlier.line})",
                "yaml-syntax",
                "give each anchor a different name",
            )
        self.anchors[anchor] = anchored

    def _too_many(self, mark: Any) -> bool:
        if self.via_alias:
            self._add(
                mark,
                f"aliases expand this file to more than {MAX_NODES:,} keys and values",
                "alias-bomb",
                "repeat fewer aliases, or write the values out",
            )
        else:
            self._add(
                mark,
                f"the file holds more than {MAX_NODES:,} keys and values",
                "too-large",
                "split the file into smaller ones",
            )
        return False

    def _check_tag(self, event: Any) -> None:
        tag = event.tag
        if tag is not None and tag != "!" and tag not in CORE_TAGS:
            shown = tag_text(tag)
            self._add(
                event.start_mark,
                f"the tag {shown} is not allowed",
                "forbidden-tag",
                "remove the tag; only text, numbers, true/false, null, lists and mappings are "
                "accepted",
            )

    def _add(self, mark: Any, message: str, code: str, hint: str = "") -> None:
        self.problems.append(problem_at(self.path, mark, message, code, hint))


def scan(
    loader: Callable[[str], EventSource], text: str, path: str
) -> tuple[list[Problem], yaml.Node | None]:
    """Every problem the event stream shows, and the document's node when there is none.

    The one parse of the file: each event is checked, then handed to the composer, which stops
    receiving them at the first problem, so no node is made past a limit.
    """
    checks = _EventScan(path)
    composer = NodeComposer()
    source = loader(text)
    try:
        while source.check_event():
            event = source.get_event()
            if not checks.feed(event):
                break
            if not checks.problems:
                composer.feed(event)
    except yaml.MarkedYAMLError as exc:
        checks.problems.append(syntax_problem(exc, text, path))
    except yaml.YAMLError as exc:  # a reader error; the text checks before us should leave none
        checks.problems.append(
            Problem(path, 0, 0, f"the file cannot be read as YAML: {exc}", "yaml-syntax")
        )
    finally:
        source.dispose()
    if checks.documents == 0 and not checks.problems:
        checks.problems.append(empty_file(path))
    return checks.problems, None if checks.problems else composer.root
