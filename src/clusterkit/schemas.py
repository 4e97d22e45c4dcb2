"""JSON Schemas of the two input files, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from clusterkit.models.evidence import Evidence
from clusterkit.models.pack import CriteriaPack

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str) -> dict[str, Any]:
    """The validation-mode schema of ``evidence`` or ``criteria`` files, with a dialect and a title."""
    model: type[BaseModel] = Evidence if kind == "evidence" else CriteriaPack
    body = model.model_json_schema(mode="validation")
    title = {
        "evidence": "clusterkit evidence file (cluster.yaml)",
        "criteria": "clusterkit criteria pack",
    }[kind]
    return {
        "$schema": SCHEMA_DIALECT,
        "title": title,
        **{k: v for k, v in body.items() if k != "title"},
    }
