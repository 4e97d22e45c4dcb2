"""PyYAML nodes composed from parse events the limits pass has already checked, so a file is parsed once.

PyYAML composes by parsing the text a second time (in C with libyaml); the events the limits pass reads
hold all a node needs, so building the nodes from them halves the parsing. The nodes are the ones
PyYAML's composer makes: same tags, values, marks and styles, an alias is its anchored node.
"""

from __future__ import annotations

from typing import Any, Final

import yaml

from clusterkit.load.scalars import MAP, SEQ, STR, resolve_plain

_NO_TAGS: Final = (None, "!")  # no tag, or the non-specific one: the tag is resolved


class NodeComposer:
    """Receives one checked event at a time; ``root`` is the document's node once its end arrives."""

    def __init__(self) -> None:
        self.root: yaml.Node | None = None
        self._open: list[yaml.CollectionNode] = []
        self._keys: list[
            yaml.Node | None
        ] = []  # per open mapping, a key still waiting for its value
        self._anchors: dict[str, yaml.Node] = {}
        self._on: Final = {
            yaml.ScalarEvent: self._scalar,
            yaml.AliasEvent: self._alias,
            yaml.MappingStartEvent: self._mapping,
            yaml.SequenceStartEvent: self._sequence,
            yaml.MappingEndEvent: self._end,
            yaml.SequenceEndEvent: self._end,
        }

    def feed(self, event: Any) -> None:
        """Add one event; stream and document boundaries carry no node."""
        handler = self._on.get(type(event))
        if handler is not None:
            handler(event)

    def _scalar(self, event: Any) -> None:
        tag = event.tag
        if tag in _NO_TAGS:
            # As PyYAML's resolver does: only plain scalars are typed by their text; quoted ones are text.
            tag = resolve_plain(event.value) if event.implicit[0] else STR
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        self._add(node, event.anchor)

    def _alias(self, event: Any) -> None:
        # The limits pass has refused an alias without an earlier anchor before it reaches here.
        self._add(self._anchors[event.anchor], None)

    def _mapping(self, event: Any) -> None:
        tag = MAP if event.tag in _NO_TAGS else event.tag
        node = yaml.MappingNode(tag, [], event.start_mark, None, event.flow_style)
        self._add(node, event.anchor)
        self._open.append(node)
        self._keys.append(None)

    def _sequence(self, event: Any) -> None:
        tag = SEQ if event.tag in _NO_TAGS else event.tag
        node = yaml.SequenceNode(tag, [], event.start_mark, None, event.flow_style)
        self._add(node, event.anchor)
        self._open.append(node)
        self._keys.append(None)

    def _end(self, event: Any) -> None:
        self._open.pop().end_mark = event.end_mark
        self._keys.pop()

    def _add(self, node: yaml.Node, anchor: str | None) -> None:
        """Register the anchor, then place the node in the open collection (or make it the root)."""
        if anchor is not None:
            self._anchors[anchor] = node
        if not self._open:
            self.root = node
            return
        parent = self._open[-1]
        if isinstance(parent, yaml.SequenceNode):
            parent.value.append(node)
            return
        key = self._keys[-1]
        if key is None:
            self._keys[-1] = node
        else:
            parent.value.append((key, node))
            self._keys[-1] = None
