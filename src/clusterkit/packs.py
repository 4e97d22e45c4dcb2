"""Find, load and validate criteria packs: bundled ids or paths, with `extends` and prerequisite packs."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field

from clusterkit.errors import InputError, Problem
from clusterkit.models.base import Strict
from clusterkit.models.pack import CriteriaPack, reference_problems
from clusterkit.resources import bundled_dir
from clusterkit.validation import Locator, document_locator, validate, validate_data
from clusterkit.yamlio import KeyPath, Position, YamlDocument, load_file

PACK_SUFFIXES = (".yaml", ".yml")


class PackOverrides(Strict):
    """What an extending pack changes in its base; each entry is merged into the base's item."""

    checks: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Keyed `indicator/check`, e.g. 4.1.5/strategy-reviewed."
    )
    indicators: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Keyed by indicator id."
    )
    levels: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Keyed by level id."
    )


class PackExtension(Strict):
    """A pack that extends another: its own identity plus overrides, not a copy of the base."""

    schema_version: int = Field(description="Version of the pack format; 1.")
    id: str = Field(description="The new pack's id.")
    extends: str = Field(description="The base pack: a bundled id or a path relative to this file.")
    title: str | None = Field(None, description="New title; default the base's.")
    version: str = Field(description="Version of the new pack.")
    description: str | None = Field(None, description="What the variant changes and why.")
    overrides: PackOverrides = Field(default_factory=PackOverrides, description="The changes.")


@dataclass(frozen=True)
class LoadedPack:
    """A validated pack, the file it came from, and where each of its values is in its file(s)."""

    pack: CriteriaPack
    path: Path
    locate: Locator


def bundled_pack_paths() -> dict[str, Path]:
    """Bundled pack ids (file stems) to their files, sorted by id."""
    folder = bundled_dir("criteria")
    return {path.stem: path for path in sorted(folder.iterdir()) if path.suffix in PACK_SUFFIXES}


def resolve_reference(reference: str, relative_to: Path | None = None) -> Path:
    """A pack reference (bundled id, or a path, relative to ``relative_to`` if given) to its file."""
    bundled = bundled_pack_paths()
    if reference in bundled:
        return bundled[reference]
    candidate = Path(reference)
    if relative_to is not None and not candidate.is_absolute():
        candidate = relative_to / candidate
    if candidate.suffix in PACK_SUFFIXES or candidate.exists():
        return candidate
    known = ", ".join(bundled)
    raise InputError.single(
        reference,
        f"no bundled criteria pack `{reference}` and no such file",
        "unknown-pack",
        hint=f"bundled packs: {known}; or give a path to a .yaml pack",
    )


def load_pack(reference: str, relative_to: Path | None = None) -> LoadedPack:
    """Load and validate one pack (following `extends`), by id or path."""
    path = resolve_reference(reference, relative_to)
    data, locate = _merged_data(path, ())
    pack = validate_data(CriteriaPack, data, locate)
    problems = [
        _positioned(locate, where, message, code)
        for where, message, code in reference_problems(pack)
    ]
    if problems:
        raise InputError(problems)
    return LoadedPack(pack, path, locate)


def _positioned(locate: Locator, where: KeyPath, message: str, code: str) -> Problem:
    file, position = locate(where, False)
    field = ".".join(str(part) for part in where)
    return Problem(file, position.line, position.column, message, code, field)


def _merged_data(path: Path, chain: tuple[Path, ...]) -> tuple[Any, Locator]:
    """The pack's data with every `extends` applied, and a locator into the files it came from."""
    document = load_file(path)
    if not (isinstance(document.data, dict) and "extends" in document.data):
        return document.data, document_locator(document)
    extension = validate(PackExtension, document)
    resolved = path.resolve()
    if resolved in chain:
        cycle = " -> ".join(p.name for p in (*chain, resolved))
        position = document.locate(("extends",))
        message = f"`extends` makes a cycle: {cycle}"
        raise InputError.single(
            document.path, message, "extends-cycle", line=position.line, column=position.column
        )
    base_path = resolve_reference(extension.extends, path.parent)
    base_data, base_locate = _merged_data(base_path, (*chain, resolved))
    return _apply(document, extension, copy.deepcopy(base_data), base_locate)


def _apply(
    document: YamlDocument, extension: PackExtension, data: Any, base_locate: Locator
) -> tuple[Any, Locator]:
    """Apply the overrides to the base data; remember which merged paths came from this file."""
    data["id"], data["version"] = extension.id, extension.version
    for key in ("title", "description"):
        if getattr(extension, key) is not None:
            data[key] = getattr(extension, key)
    origins: dict[KeyPath, KeyPath] = {}  # merged path -> path in this file
    problems: list[Problem] = []
    for group, key, target in _targets(data, extension.overrides):
        source: KeyPath = ("overrides", group, key)
        if target is None:
            position = document.locate(source, prefer_key=True)
            message = f"no {group[:-1]} `{key}` in the base pack"
            field = f"overrides.{group}.{key}"
            problems.append(
                Problem(
                    document.path, position.line, position.column, message, "unknown-ref", field
                )
            )
            continue
        merged_path, item = target
        _deep_merge(item, getattr(extension.overrides, group)[key])
        origins[merged_path] = source
    if problems:
        raise InputError(problems)

    def locate(path: KeyPath, prefer_key: bool) -> tuple[str, Position]:
        for merged_path, source in origins.items():
            # Inside an overridden item, point at the override: the nearest part of it the user wrote.
            if path[: len(merged_path)] == merged_path:
                inner = source + path[len(merged_path) :]
                return document.path, document.locate(inner, prefer_key=prefer_key)
        for key in ("id", "version", "title", "description"):
            if path[:1] == (key,) and key in document.data:
                return document.path, document.locate(path, prefer_key=prefer_key)
        return base_locate(path, prefer_key)

    return data, locate


def _targets(
    data: Any, overrides: PackOverrides
) -> list[tuple[str, str, tuple[KeyPath, dict[str, Any]] | None]]:
    """Each override with the base item it changes (path and dict), or None when there is none."""
    found: list[tuple[str, str, tuple[KeyPath, dict[str, Any]] | None]] = []
    indicators: dict[str, tuple[KeyPath, dict[str, Any]]] = {}
    for a, area in enumerate(data.get("areas") or []):
        for i, indicator in enumerate(area.get("indicators") or []):
            indicators[str(indicator.get("id"))] = (("areas", a, "indicators", i), indicator)
    for key in overrides.indicators:
        found.append(("indicators", key, indicators.get(key)))
    for key in overrides.checks:
        indicator_id, _, check_id = key.partition("/")
        target = None
        if indicator_id in indicators:
            base_path, indicator = indicators[indicator_id]
            for c, check in enumerate(indicator.get("checks") or []):
                if check.get("id") == check_id:
                    target = ((*base_path, "checks", c), check)
        found.append(("checks", key, target))
    levels = {
        str(level.get("id")): (("levels", n), level)
        for n, level in enumerate(data.get("levels") or [])
    }
    for key in overrides.levels:
        found.append(("levels", key, levels.get(key)))
    return found


def _deep_merge(target: dict[str, Any], changes: dict[str, Any]) -> None:
    """Mappings merge key by key; lists and scalars replace."""
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _deep_merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def load_with_prerequisites(
    references: list[str], relative_to: Path | None = None
) -> list[LoadedPack]:
    """The requested packs, then every pack their levels need first (bundled ids or siblings), once each."""
    loaded: dict[str, LoadedPack] = {}
    queue = [(reference, relative_to) for reference in references]
    while queue:
        reference, base = queue.pop(0)
        item = load_pack(reference, base)
        if item.pack.id in loaded:
            continue
        loaded[item.pack.id] = item
        queue.extend((reference, None) for reference in _prerequisite_packs(item, loaded))
    return list(loaded.values())


def _prerequisite_packs(item: LoadedPack, loaded: dict[str, LoadedPack]) -> list[str]:
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
            if sibling is None and ref.pack not in bundled:
                where = ("levels", n, "requires", "prerequisites", k, "pack")
                message = f"level `{level.id}` needs unknown pack `{ref.pack}`"
                problems.append(_positioned(item.locate, where, message, "unknown-ref"))
            found.append(sibling or ref.pack)
    if problems:
        raise InputError(problems)
    return found
