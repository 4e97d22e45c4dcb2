"""Packs in the report's language: the wording file beside a pack laid over its texts, id by id."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from clusterkit.errors import InputError, Problem
from clusterkit.load.validation import document_locator, validate
from clusterkit.load.yamlfile import KeyPath, load_file
from clusterkit.models.pack import CriteriaPack
from clusterkit.packs.files import OUTSIDE_HINT, inside

if TYPE_CHECKING:
    from clusterkit.models.wording import CheckWording, PackWording

LOCALES = "locales"


def wording_path(pack_path: Path, pack_id: str, language: str) -> Path:
    """Where the translation of a pack lives: ``locales/<language>/<pack id>.yaml`` beside the pack."""
    return pack_path.parent / LOCALES / language / f"{pack_id}.yaml"


def translated(
    pack: CriteriaPack, pack_path: Path, language: str, root: Path | None = None
) -> CriteriaPack:
    """The pack with its texts in ``language`` where a wording file gives them; as it is otherwise.

    ``root`` confines the wording file as it confines the pack (see loader.load_pack): a link out of the
    repository is an error, and is not read.
    """
    path = wording_path(pack_path, pack.id, language)
    if not path.is_file():
        return pack
    if not inside(path, root):
        message = "the wording file points outside the repository (through a symbolic link)"
        raise InputError.single(str(path), message, "path-outside", hint=OUTSIDE_HINT)
    # Only a translated report reads a wording file: its models are imported then, not at start-up.
    from clusterkit.models.wording import PackWording

    document = load_file(path)
    wording = validate(PackWording, document)
    data = pack.model_dump(mode="python", exclude_none=False)
    unknown = _apply(data, wording)
    if unknown:
        locate = document_locator(document)
        problems = []
        for where in unknown:
            file, position = locate(where, True)  # at the id's key, not inside its texts
            problems.append(
                Problem(
                    file,
                    position.line,
                    position.column,
                    f"`{where[-1]}` is not an id of pack `{pack.id}`",
                    "unknown-id",
                    ".".join(str(part) for part in where),
                    "a wording file translates the ids its pack has; check the spelling",
                )
            )
        raise InputError(problems)
    return CriteriaPack.model_validate(data)


def _set(target: dict[str, Any], source: Any, *fields: str) -> None:
    for name in fields:
        value = getattr(source, name)
        if value is not None:
            target[name] = value


def _apply_checks(
    items: list[dict[str, Any]], words: dict[str, CheckWording], where: KeyPath
) -> list[KeyPath]:
    by_id = {item["id"]: item for item in items}
    unknown: list[KeyPath] = [(*where, key) for key in words if key not in by_id]
    for key, check in words.items():
        if key in by_id:
            _set(by_id[key], check, "title", "fix")
    return unknown


def _apply(data: dict[str, Any], wording: PackWording) -> list[KeyPath]:
    """Lay the wording over the pack's data in place; the key paths of ids the pack does not have."""
    _set(data, wording, "title", "description")
    unknown: list[KeyPath] = []
    levels = {level["id"]: level for level in data["levels"]}
    for key, level_words in wording.levels.items():
        if key not in levels:
            unknown.append(("levels", key))
            continue
        _set(levels[key], level_words, "title", "description")
        conditions = levels[key]["requires"]["conditions"]
        unknown += _apply_checks(conditions, level_words.conditions, ("levels", key, "conditions"))
    areas = {area["id"]: area for area in data["areas"]}
    unknown += [("areas", key) for key in wording.areas if key not in areas]
    for key, area_words in wording.areas.items():
        if key in areas:
            areas[key]["title"] = area_words.title
    indicators = {item["id"]: item for area in data["areas"] for item in area["indicators"]}
    for key, words in wording.indicators.items():
        if key not in indicators:
            unknown.append(("indicators", key))
            continue
        _set(indicators[key], words, "title", "guidance")
        where: KeyPath = ("indicators", key, "checks")
        unknown += _apply_checks(indicators[key]["checks"], words.checks, where)
    unknown += _apply_named(data, wording)
    return unknown


def _apply_named(data: dict[str, Any], wording: PackWording) -> list[KeyPath]:
    """Portfolio classes and strategic areas."""
    unknown: list[KeyPath] = []
    classes = {item["id"]: item for item in (data.get("portfolio") or {}).get("classes", [])}
    for key, class_words in wording.portfolio_classes.items():
        if key in classes:
            _set(classes[key], class_words, "title", "advice")
        else:
            unknown.append(("portfolio_classes", key))
    areas = {item["id"]: item for item in data.get("strategic_areas") or []}
    for key, area_words in wording.strategic_areas.items():
        if key in areas:
            areas[key]["title"] = area_words.title
        else:
            unknown.append(("strategic_areas", key))
    return unknown
