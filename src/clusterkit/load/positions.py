"""Where the evidence fields an assessment read are written in the evidence file (for CI annotations)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from clusterkit.load.yamlfile import KeyPath, YamlDocument
from clusterkit.results.assessment import FILE_START, Assessment, CheckResult, SourcePosition

# Top-level computed fields of the evidence are written nowhere: point at the field they are computed from.
# (Nested computed fields such as financing.latest fall back to their written parent.)
COMPUTED_FROM: dict[str, str] = {
    "kpi_achievement": "kpis",
    "latest_survey": "satisfaction_surveys",
    "services_mapped": "services",
    "strategic_areas_served": "services",
    "services_earning": "services",
}


def key_path(data: Any, dotted: str) -> KeyPath:
    """The longest written prefix of a dotted field path, as a key path into the loaded data.

    Keys may contain dots themselves (``declarations.4.1.4`` reads the key ``4.1.4``), so at each mapping
    the longest run of segments that is a key wins. Computed fields (``financing.latest``) are not written
    anywhere: the path stops at their parent.
    """
    parts = dotted.split(".")
    path: list[str] = []
    node, start = data, 0
    while start < len(parts) and isinstance(node, dict):
        for end in range(len(parts), start, -1):
            key = ".".join(parts[start:end])
            if key in node:
                path.append(key)
                node, start = node[key], end
                break
        else:
            break
    return tuple(path)


def locate(document: YamlDocument, dotted: str) -> SourcePosition:
    """The line and column of a field's key, else of its nearest written parent's, else line 1."""
    written = COMPUTED_FROM.get(dotted.partition(".")[0], dotted)
    path = key_path(document.data, written)
    for length in range(len(path), 0, -1):
        found = document.key_positions.get(path[:length]) or document.value_positions.get(
            path[:length]
        )
        if found is not None and found.line > 0:
            return SourcePosition.built(line=found.line, column=max(found.column, 1))
    return FILE_START


def _checks(assessment: Assessment) -> Iterator[CheckResult]:
    for pack in assessment.packs:
        for area in pack.areas:
            for indicator in area.indicators:
                yield from indicator.checks
        for level in pack.levels:
            yield from level.conditions


def source_positions(assessment: Assessment, document: YamlDocument) -> dict[str, SourcePosition]:
    """A position for every field any check or level condition read, and for the `fixes` of every
    plan item (``plan.0.fixes``: where an annotation about the item points), sorted by path."""
    reads = {path for check in _checks(assessment) for path in check.reads}
    found = {path: locate(document, path) for path in reads}
    for item in assessment.plan:
        where = ("plan", item.item - 1, "fixes")
        position = document.key_positions.get(where) or document.value_positions.get(where)
        if position is not None and position.line > 0:
            column = max(position.column, 1)
            found[f"plan.{item.item - 1}.fixes"] = SourcePosition(line=position.line, column=column)
    return dict(sorted(found.items()))


def with_positions(assessment: Assessment, document: YamlDocument) -> Assessment:
    """The assessment with the positions of what it read in ``document`` filled in."""
    return assessment.model_copy(update={"positions": source_positions(assessment, document)})
