"""JSON Schemas of the two input files, for editors (yaml-language-server) and other tools."""

from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from clusterkit.models.evidence import Evidence
from clusterkit.models.extension import PackExtension
from clusterkit.models.pack import CriteriaPack

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLES = {
    "evidence": "clusterkit evidence file (cluster.yaml)",
    "criteria": "clusterkit criteria pack: a complete pack, or one that extends another",
}


class _InputSchema(GenerateJsonSchema):
    """The schema of what the models accept, not only of what they hold.

    Input models take a number where text is expected (``coerce_numbers_to_str``: a postcode, a legal
    form code), and editors read ``region: 0150`` as the number 150 (YAML 1.2), so every text field also
    allows a number; without this, an editor would flag values that ``clusterkit validate`` accepts.
    """

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        return {"anyOf": [super().str_schema(schema), {"type": "number"}]}


def json_schema(kind: str) -> dict[str, Any]:
    """The validation-mode schema of ``evidence`` files, or of ``criteria`` packs (complete or extending)."""
    shape: Any = Evidence if kind == "evidence" else CriteriaPack | PackExtension
    body = TypeAdapter(shape).json_schema(mode="validation", schema_generator=_InputSchema)
    return {
        "$schema": SCHEMA_DIALECT,
        "title": TITLES[kind],
        **{k: v for k, v in body.items() if k != "title"},
    }
