"""JSON Schemas of the two input files, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from clusterkit.models.evidence import Evidence
from clusterkit.models.extension import PackExtension
from clusterkit.models.pack import CriteriaPack

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLES = {
    "evidence": "clusterkit evidence file (cluster.yaml)",
    "criteria": "clusterkit criteria pack: a complete pack, or one that extends another",
}


def json_schema(kind: str) -> dict[str, Any]:
    """The validation-mode schema of ``evidence`` files, or of ``criteria`` packs (complete or extending)."""
    shape: Any = Evidence if kind == "evidence" else CriteriaPack | PackExtension
    body = TypeAdapter(shape).json_schema(mode="validation")
    return {
        "$schema": SCHEMA_DIALECT,
        "title": TITLES[kind],
        **{k: v for k, v in body.items() if k != "title"},
    }
