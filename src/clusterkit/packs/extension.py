"""Packs that extend another: validate the extension, merge its overrides, and locate every value.

An extending pack names its base (`extends`) and lists `overrides` of checks, indicators and levels;
the merged data is validated as a whole pack, and a locator maps each value back to the file it came from.
"""

from __future__ import annotations

import copy
import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clusterkit.errors import InputError, Problem
from clusterkit.load.validation import Locator, document_locator, validate, validate_data
from clusterkit.load.yamlfile import KeyPath, Position, YamlDocument, load_file
from clusterkit.models.pack import CriteriaPack, reference_problems
from clusterkit.packs.files import (
    OUTSIDE_HINT,
    PACK_SUFFIXES,
    inside,
    pack_hint,
    resolve_reference,
)

if TYPE_CHECKING:
    from clusterkit.models.extension import PackExtension


def validated_pack(data: Any, locate: Locator) -> CriteriaPack:
    """The pack model of merged data: field errors first, then broken cross-references."""
    pack = validate_data(CriteriaPack, data, locate)
    problems = [
        positioned(locate, where, message, code)
        for where, message, code in reference_problems(pack)
    ]
    if problems:
        raise InputError(problems)
    return pack


def positioned(locate: Locator, where: KeyPath, message: str, code: str, hint: str = "") -> Problem:
    file, position = locate(where, False)
    field = ".".join(str(part) for part in where)
    return Problem(file, position.line, position.column, message, code, field, hint)


def merged_data(
    path: Path, chain: tuple[Path, ...], read: list[Path] | None = None, root: Path | None = None
) -> tuple[Any, Locator]:
    """The pack's data with every `extends` applied, and a locator into the files it came from.

    ``read``, when given, receives each file read, the pack's own first, resolved. With ``root`` (the
    repository of the evidence file that named the pack), a base outside it is an error, and is not read.
    """
    document = load_file(path)
    if read is not None:
        read.append(path.resolve())
    if not (isinstance(document.data, dict) and "extends" in document.data):
        return document.data, document_locator(document)
    # Only a pack that extends another needs the extension model: imported here, not at start-up.
    from clusterkit.models.extension import PackExtension

    extension = validate(PackExtension, document)
    chain = (*chain, path.resolve())
    base = _base_path(document, extension, path.parent, chain, root)
    base_data, base_locate = merged_data(base, chain, read, root)
    # The base must be valid on its own, so every error after merging is the overrides' doing.
    validated_pack(base_data, base_locate)
    return _apply(document, extension, copy.deepcopy(base_data), base_locate)


def _base_path(
    document: YamlDocument,
    extension: PackExtension,
    folder: Path,
    chain: tuple[Path, ...],
    root: Path | None,
) -> Path:
    """The file `extends` names; a positioned error at `extends` for a cycle or a missing pack."""
    reference = extension.extends
    is_path = Path(reference).suffix in PACK_SUFFIXES or "/" in reference
    try:
        path: Path | None = resolve_reference(reference, folder)
    except InputError:
        path = None
    if path is not None and path.resolve() in chain:
        cycle = " -> ".join(item.name for item in (*chain, path.resolve()))
        message, code, hint = f"`extends` makes a cycle: {cycle}", "extends-cycle", ""
    elif path is None or not path.is_file():
        message = (
            f"no pack file `{reference}`"
            if is_path
            else f"no bundled criteria pack `{reference}` and no such file"
        )
        code = "unknown-pack"
        hint = "a path in `extends` is relative to this file" if is_path else pack_hint(reference)
    elif not inside(path, root):
        message, code, hint = (
            f"`{reference}` points outside the repository",
            "path-outside",
            OUTSIDE_HINT,
        )
    else:
        return path
    position = document.locate(("extends",))
    raise InputError.single(
        document.path,
        message,
        code,
        line=position.line,
        column=position.column,
        field="extends",
        hint=hint,
    )


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
    # Indicators first: an override that replaces an indicator's checks makes them the checks to override.
    for group in ("indicators", "checks", "levels"):
        items = _items(data, group)
        for key, changes in getattr(extension.overrides, group).items():
            source: KeyPath = ("overrides", group, key)
            if key not in items:
                message = f"no {group[:-1]} `{key}` in the base pack"
                hint = _unknown_hint(group, key, items)
                problems.append(_at(document, source, message, "unknown-ref", hint))
                continue
            merged_path, item = items[key]
            if group == "checks" and _changes_kind(item, changes):
                message = (
                    f"an override cannot change a rule's kind (base: `{item['rule']['kind']}`)"
                )
                hint = "replace the indicator's checks under overrides.indicators instead"
                where = (*source, "rule", "kind")
                problems.append(_at(document, where, message, "invalid-value", hint))
                continue
            _deep_merge(item, changes)
            origins[merged_path] = source
    if problems:
        raise InputError(problems)
    # Longest first: inside an overridden check of an overridden indicator, the check's override wins.
    ordered = sorted(origins.items(), key=lambda entry: len(entry[0]), reverse=True)

    def locate(path: KeyPath, prefer_key: bool) -> tuple[str, Position]:
        for merged_path, source in ordered:
            # Inside an overridden item, point at the override: the nearest part of it the user wrote.
            if path[: len(merged_path)] == merged_path:
                inner = source + path[len(merged_path) :]
                return document.path, document.locate(inner, prefer_key=prefer_key)
        for key in ("id", "version", "title", "description"):
            if path[:1] == (key,) and key in document.data:
                return document.path, document.locate(path, prefer_key=prefer_key)
        return base_locate(path, prefer_key)

    return data, locate


def _at(document: YamlDocument, where: KeyPath, message: str, code: str, hint: str) -> Problem:
    position = document.locate(where, prefer_key=True)
    field = ".".join(str(part) for part in where)
    return Problem(document.path, position.line, position.column, message, code, field, hint)


def _items(data: Any, group: str) -> dict[str, tuple[KeyPath, dict[str, Any]]]:
    """The base's indicators (by id), checks (by `indicator/check`) or levels (by id), with their paths."""
    found: dict[str, tuple[KeyPath, dict[str, Any]]] = {}
    if group == "levels":
        for n, level in enumerate(data.get("levels") or []):
            found[str(level.get("id"))] = (("levels", n), level)
        return found
    for a, area in enumerate(data.get("areas") or []):
        for i, indicator in enumerate(area.get("indicators") or []):
            where: KeyPath = ("areas", a, "indicators", i)
            if group == "indicators":
                found[str(indicator.get("id"))] = (where, indicator)
                continue
            for c, check in enumerate(indicator.get("checks") or []):
                key = f"{indicator.get('id')}/{check.get('id')}"
                found[key] = ((*where, "checks", c), check)
    return found


def _unknown_hint(group: str, key: str, items: dict[str, Any]) -> str:
    if group == "checks" and "/" not in key:
        return "name a check as `indicator id/check id`, e.g. `4.1.5/strategy-reviewed`"
    close = difflib.get_close_matches(key, list(items), n=1)
    if close:
        return f"did you mean `{close[0]}`?"
    if group == "checks":
        prefix = key.partition("/")[0] + "/"
        siblings = [item for item in items if item.startswith(prefix)]
        return f"its checks: {', '.join(siblings)}" if siblings else ""
    return f"the base's {group}: {', '.join(items)}" if group == "levels" else ""


def _changes_kind(check: dict[str, Any], changes: dict[str, Any]) -> bool:
    """Whether an override sets a different rule kind (the old kind's keys would stay and fail)."""
    rule, base_rule = changes.get("rule"), check.get("rule")
    if not (isinstance(rule, dict) and isinstance(base_rule, dict) and "kind" in rule):
        return False
    return bool(rule["kind"] != base_rule.get("kind"))


def _deep_merge(target: dict[str, Any], changes: dict[str, Any]) -> None:
    """Mappings merge key by key; lists and scalars replace."""
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _deep_merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)
