"""The Assessment as JSON: the one machine-readable shape, with its schema_version."""

from __future__ import annotations

from clusterkit.render import RenderOptions
from clusterkit.results.assessment import Assessment


def render(assessment: Assessment, options: RenderOptions) -> str:
    """Indented JSON, keys in model order, ending in a newline: stable bytes for golden files and diffs."""
    return assessment.model_dump_json(indent=2) + "\n"
