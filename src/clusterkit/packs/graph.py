"""The graph of level prerequisites across the packs of one run, checked before anything is scored.

A level may need another level first, of its own pack or of another. The scorer assesses packs in
prerequisite order and resolves levels recursively, so it relies on this graph being sound: every
prerequisite names a pack and a level that exist, no level needs itself through a chain of prerequisites,
and no two packs need each other's levels (the packs could not be put in an order). Each problem is
reported at the prerequisite entry that breaks the rule, in the file that wrote it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from clusterkit.errors import InputError, Problem
from clusterkit.packs.extension import positioned

if TYPE_CHECKING:
    from clusterkit.load.yamlfile import KeyPath
    from clusterkit.packs.loader import LoadedPack

Node = tuple[str, str]  # (pack id, level id)
N = TypeVar("N", bound=Hashable)


def check_graph(packs: Sequence[LoadedPack]) -> None:
    """Raise one InputError with every broken prerequisite, cycle of levels or cycle of packs."""
    by_id = {item.pack.id: item for item in packs}
    problems = [problem for item in packs for problem in _unknown_levels(item, by_id)]
    if not problems:
        problems = _level_cycles(by_id) or _pack_cycles(by_id)
    if problems:
        raise InputError(problems)


def _edges(item: LoadedPack) -> Iterator[tuple[Node, Node, KeyPath]]:
    """Every prerequisite of the pack: from level, to level, and where the entry is written."""
    for n, level in enumerate(item.pack.levels):
        for k, ref in enumerate(level.requires.prerequisites):
            where: KeyPath = ("levels", n, "requires", "prerequisites", k)
            yield (item.pack.id, level.id), (ref.pack or item.pack.id, ref.level), where


def _unknown_levels(item: LoadedPack, by_id: dict[str, LoadedPack]) -> list[Problem]:
    """Prerequisites naming a level another pack does not have (the pack's own are checked on load)."""
    problems: list[Problem] = []
    for (_, level), (pack_id, wanted), where in _edges(item):
        other = by_id.get(pack_id)
        if other is None:  # a sibling file whose id is not the one named
            message = f"level `{level}` needs pack `{pack_id}`, but its file has another id"
            problems.append(positioned(item.locate, (*where, "pack"), message, "unknown-ref"))
        elif other is not item and other.pack.level(wanted) is None:
            message = f"level `{level}` needs unknown level `{wanted}` of `{pack_id}`"
            known = ", ".join(other_level.id for other_level in other.pack.levels)
            hint = f"the levels of {pack_id}: {known}"
            problems.append(
                positioned(item.locate, (*where, "level"), message, "unknown-ref", hint)
            )
    return problems


def _level_cycles(by_id: dict[str, LoadedPack]) -> list[Problem]:
    """A level that needs itself through its prerequisites, at the entry that closes the circle."""
    edges: dict[Node, list[tuple[Node, KeyPath]]] = {}
    for item in by_id.values():
        for source, target, where in _edges(item):
            edges.setdefault(source, []).append((target, where))
    problems: list[Problem] = []
    for circle in _circles(edges):
        source, target = circle[0], circle[1]
        path = " → ".join(_name(node) for node in circle)
        message = (
            f"level `{source[1]}` of `{source[0]}` needs itself through its prerequisites: {path}"
        )
        hint = "a level may only need levels that do not need it in turn"
        where = _where(edges, source, target)
        problems.append(positioned(by_id[source[0]].locate, where, message, "level-cycle", hint))
    return problems


def _pack_cycles(by_id: dict[str, LoadedPack]) -> list[Problem]:
    """Two packs whose levels need each other's (no level circle, but no order to assess them in)."""
    edges: dict[str, list[tuple[str, KeyPath]]] = {}
    for item in by_id.values():
        for (pack_id, _), (other, _), where in _edges(item):
            if other != pack_id:
                edges.setdefault(pack_id, []).append((other, where))
    problems: list[Problem] = []
    for circle in _circles(edges):
        source, target = circle[0], circle[1]
        path = " → ".join(f"`{node}`" for node in circle)
        message = (
            f"criteria pack `{source}` needs a level of `{target}`, which needs one of it: {path}"
        )
        hint = (
            "levels of two packs may need each other's only one way; move the shared level into one"
        )
        where = _where(edges, source, target)
        problems.append(positioned(by_id[source].locate, where, message, "pack-cycle", hint))
    return problems


def _where(edges: dict[N, list[tuple[N, KeyPath]]], source: N, target: N) -> KeyPath:
    return next(where for node, where in edges[source] if node == target)


def _circles(edges: dict[N, list[tuple[N, KeyPath]]]) -> list[list[N]]:
    """One circle per back edge of a depth-first walk, each starting at its smallest node.

    Starting each circle at its smallest node makes the report the same whichever pack was loaded
    first, so a circle found from both of its packs is one problem, not two.
    """
    circles: list[list[N]] = []
    for source, target in _back_edges(edges):
        nodes = _cycle(edges, target, source)[:-1]
        first = nodes.index(min(nodes, key=str))
        circle = [*nodes[first:], *nodes[:first], nodes[first]]
        if circle not in circles:
            circles.append(circle)
    return circles


def _back_edges(edges: dict[N, list[tuple[N, KeyPath]]]) -> Iterator[tuple[N, N]]:
    """The edges a depth-first walk finds going back to a node on its own path: one per circle."""
    done: set[N] = set()
    on_path: set[N] = set()

    def walk(node: N) -> Iterator[tuple[N, N]]:
        on_path.add(node)
        for target, _ in edges.get(node, []):
            if target in on_path:
                yield node, target
            elif target not in done:
                yield from walk(target)
        on_path.discard(node)
        done.add(node)

    for node in list(edges):
        if node not in done:
            yield from walk(node)


def _cycle(edges: dict[N, list[tuple[N, KeyPath]]], start: N, end: N) -> list[N]:
    """The nodes from ``start`` to ``end`` and back to ``start`` (a shortest path, breadth first)."""
    previous: dict[N, N] = {}
    queue = [start]
    while queue and end not in previous and end != start:
        node = queue.pop(0)
        for target, _ in edges.get(node, []):
            if target not in previous and target != start:
                previous[target] = node
                queue.append(target)
    path: list[N] = [end]
    while path[-1] != start:
        path.append(previous[path[-1]])
    return [*reversed(path), start]


def _name(node: Node) -> str:
    return f"`{node[0]}` {node[1]}"
