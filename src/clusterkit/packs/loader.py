"""Load and validate criteria packs by id or path, and the packs their levels need first."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from clusterkit.errors import InputError, Problem
from clusterkit.load.validation import Locator
from clusterkit.load.yamlfile import KeyPath, Position
from clusterkit.models.pack import CriteriaPack
from clusterkit.packs import cache
from clusterkit.packs.extension import merged_data, positioned, validated_pack
from clusterkit.packs.files import (
    OUTSIDE_HINT,
    PACK_SUFFIXES,
    bundled_pack_paths,
    inside,
    pack_hint,
    resolve_reference,
)
from clusterkit.packs.graph import check_graph

__all__ = [
    "LoadedPack",
    "bundled_pack_paths",
    "load_pack",
    "load_with_prerequisites",
    "resolve_reference",
]


class LoadedPack(NamedTuple):
    """A validated pack, the file it came from, and where each of its values is in its file(s)."""

    pack: CriteriaPack
    path: Path
    locate: Locator


def load_pack(
    reference: str, relative_to: Path | None = None, root: Path | None = None
) -> LoadedPack:
    """Load and validate one pack (following `extends`), by id or path; from the cache when it is there.

    With ``root``, the pack was named by an evidence file in that repository: every file it extends must
    be bundled or inside it (a positioned error at `extends` otherwise, before the file is read).
    """
    path = resolve_reference(reference, relative_to)
    key, pack = cache.lookup(path, accept=lambda file: inside(file, root))
    if pack is not None:
        return LoadedPack(pack, path, _LocatorOnDemand(path))
    read: list[Path] = []
    data, locate = merged_data(path, (), read, root)
    pack = validated_pack(data, locate)
    if key is not None:
        cache.store(key, pack, read)
    return LoadedPack(pack, path, locate)


class _LocatorOnDemand:
    """Where the values of a cached pack are, read from its files only if a problem must be placed."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._locate: Locator | None = None

    def __call__(self, where: KeyPath, prefer_key: bool) -> tuple[str, Position]:
        if self._locate is None:
            self._locate = merged_data(self._path, ())[1]
        return self._locate(where, prefer_key)


def load_with_prerequisites(
    references: list[str], relative_to: Path | None = None, root: Path | None = None
) -> list[LoadedPack]:
    """The requested packs, then every pack their levels need first (bundled ids or siblings), once each.

    ``root``: the repository of the evidence file that named the packs, which confines them (see load_pack).
    """
    loaded: dict[str, LoadedPack] = {}
    files: set[Path] = set()  # two levels may name the same prerequisite: it is loaded once
    queue = [(reference, relative_to) for reference in references]
    while queue:
        reference, base = queue.pop(0)
        file = resolve_reference(reference, base).resolve()
        if file in files:
            continue
        files.add(file)
        item = load_pack(reference, base, root)
        if item.pack.id in loaded:
            continue
        loaded[item.pack.id] = item
        queue.extend((reference, None) for reference in _prerequisite_packs(item, loaded, root))
    packs = list(loaded.values())
    check_graph(packs)
    return packs


def _prerequisite_packs(
    item: LoadedPack, loaded: dict[str, LoadedPack], root: Path | None
) -> list[str]:
    """Files or ids of the packs the levels of ``item`` need; a positioned error for an unknown one."""
    bundled = bundled_pack_paths()
    found: list[str] = []
    problems: list[Problem] = []
    for n, level in enumerate(item.pack.levels):
        for k, ref in enumerate(level.requires.prerequisites):
            if not ref.pack or ref.pack == item.pack.id or ref.pack in loaded:
                continue
            siblings = [item.path.parent / f"{ref.pack}{suffix}" for suffix in PACK_SUFFIXES]
            sibling = next((str(path) for path in siblings if path.is_file()), None)
            where = ("levels", n, "requires", "prerequisites", k, "pack")
            if sibling is not None and not inside(Path(sibling), root):
                message = f"level `{level.id}` needs pack `{ref.pack}`, which points outside the repository"
                problems.append(
                    positioned(item.locate, where, message, "path-outside", OUTSIDE_HINT)
                )
            elif sibling is None and ref.pack not in bundled:
                message = f"level `{level.id}` needs unknown pack `{ref.pack}`"
                hint = pack_hint(ref.pack, paths=False)
                problems.append(positioned(item.locate, where, message, "unknown-ref", hint))
            found.append(sibling or ref.pack)
    if problems:
        raise InputError(problems)
    return found
