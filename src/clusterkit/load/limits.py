"""The strict loader's limits, and the pass over parse events that enforces them before composing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

import yaml

from clusterkit.errors import Problem
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

_COLLECTION_START: Final = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_COLLECTION_END: Final = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


@dataclass
class _Open:
    """A list or mapping whose end event has not arrived yet."""

    anchor: str | None
    start: Any  # the mark where it (or its anchor) begins
    size: int = 1  # itself plus every value inside, aliases expanded
    height: int = 1  # nesting levels from here down, aliases expanded


@dataclass
class _Anchored:
    size: int
    height: int
    line: int  # 1-based, for the duplicate-anchor message


@dataclass
class _EventScan:
    """Checks a stream event by event, collecting problems."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    documents: int = 0
    expanded: int = 0
    via_alias: bool = False
    open: list[_Open] = field(default_factory=list)
    anchors: dict[str, _Anchored] = field(default_factory=dict)

    def feed(self, event: Any) -> bool:
        """Check one event; False once going on is pointless."""
        if isinstance(event, yaml.DocumentStartEvent):
            return self._document(event)
        if isinstance(event, yaml.AliasEvent):
            return self._alias(event)
        if isinstance(event, yaml.ScalarEvent):
            self._check_tag(event)
            if self._count(1, event.start_mark):
                self._finish(event.anchor, 1, 0, event.start_mark)
                return True
            return False
        if isinstance(event, _COLLECTION_START):
            return self._start(event)
        if isinstance(event, _COLLECTION_END):
            done = self.open.pop()
            self._finish(done.anchor, done.size, done.height, done.start)
        return True  # stream and document boundaries carry no values

    def _document(self, event: yaml.DocumentStartEvent) -> bool:
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

    def _start(self, event: yaml.CollectionStartEvent) -> bool:
        self._check_tag(event)
        if not self._count(1, event.start_mark):
            return False
        if len(self.open) >= MAX_DEPTH:
            self._add(
                event.start_mark,
                f"lists and mappings are nested more than {MAX_DEPTH} deep",
                "too-deep",
                "flatten the structure",
            )
            return False
        self.open.append(_Open(event.anchor, event.start_mark))
        return True

    def _alias(self, event: yaml.AliasEvent) -> bool:
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
        if not self._count(target.size, event.start_mark):
            return False
        self._grow_parent(target.size, target.height)
        return True

    def _finish(self, anchor: str | None, size: int, height: int, mark: Any) -> None:
        """Record a completed value: its anchor, and its share of the enclosing value."""
        if anchor is not None:
            earlier = self.anchors.get(anchor)
            if earlier is not None:
                self._add(
                    mark,
                    f"the anchor &{anchor} is defined twice (first on line {earlier.line})",
                    "yaml-syntax",
                    "give each anchor a different name",
                )
            self.anchors[anchor] = _Anchored(size, height, mark.line + 1 if mark else 0)
        self._grow_parent(size, height)

    def _grow_parent(self, size: int, height: int) -> None:
        if self.open:
            parent = self.open[-1]
            parent.size += size
            parent.height = max(parent.height, height + 1)

    def _count(self, size: int, mark: Any) -> bool:
        self.expanded += size
        if self.expanded <= MAX_NODES:
            return True
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


def scan(loader: Callable[[str], EventSource], text: str, path: str) -> list[Problem]:
    """Every problem the event stream shows, found without composing a node or building a value."""
    checks = _EventScan(path)
    source = loader(text)
    try:
        while source.check_event():
            if not checks.feed(source.get_event()):
                break
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
    return checks.problems
