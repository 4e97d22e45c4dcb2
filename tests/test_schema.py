"""`clusterkit schema`: valid JSON Schemas that agree with the models on the corpus and the bundled packs.

Files are read with the project's loader (so ``NO`` is "NO" and dates are text, as an editor sees them) and
checked with format assertions on, so ``2026-02-30`` fails ``format: date`` as it does in pydantic.
An invalid case tagged ``schema_level: true`` in its NAME.expected.yaml must fail the schema too; cases
tagged false (loader errors, cross-field rules, paths outside the repository) are beyond a JSON Schema.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from clusterkit.load.yamlfile import load_file
from clusterkit.resources import bundled_dir
from conftest import EXAMPLES
from test_corpus import INVALID_CASES, VALID_CASES, read_expectation

KINDS = ("evidence", "criteria")
SCHEMA_LEVEL_CASES = [case for case in INVALID_CASES if read_expectation(case)["schema_level"]]
PACKS = sorted(bundled_dir("criteria").glob("*.yaml"))


@pytest.fixture
def schemas(cli: Callable[..., Any]) -> dict[str, dict[str, Any]]:
    """Both schemas as `clusterkit schema KIND` prints them."""
    printed = {}
    for kind in KINDS:
        result = cli("schema", kind)
        assert result.code == 0, result
        printed[kind] = json.loads(result.stdout)
    return printed


def validator(schemas: dict[str, dict[str, Any]], kind: str) -> Draft202012Validator:
    return Draft202012Validator(schemas[kind], format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(schemas: dict[str, dict[str, Any]], kind: str, path: Path) -> list[str]:
    data = load_file(path).data
    found = validator(schemas, kind).iter_errors(data)
    return sorted(f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in found)


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_a_valid_draft_2020_12_schema(
    kind: str, schemas: dict[str, dict[str, Any]]
) -> None:
    Draft202012Validator.check_schema(schemas[kind])
    assert schemas[kind]["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schemas[kind]["title"]


@pytest.mark.parametrize("kind", KINDS)
def test_output_option_writes_the_same_text(
    kind: str, cli: Callable[..., Any], tmp_path: Path
) -> None:
    printed = cli("schema", kind)
    assert printed.code == 0, printed
    target = tmp_path / f"{kind}.schema.json"
    written = cli("schema", kind, "-o", target)
    assert written.code == 0, written
    assert written.stdout == ""
    assert target.read_text(encoding="utf-8") == printed.stdout


@pytest.mark.parametrize("case", VALID_CASES, ids=[case.stem for case in VALID_CASES])
def test_every_valid_evidence_file_passes_the_schema(
    case: Path, schemas: dict[str, dict[str, Any]]
) -> None:
    assert errors(schemas, "evidence", case) == []


@pytest.mark.parametrize("case", SCHEMA_LEVEL_CASES, ids=[case.stem for case in SCHEMA_LEVEL_CASES])
def test_every_schema_level_invalid_file_fails_the_schema(
    case: Path, schemas: dict[str, dict[str, Any]]
) -> None:
    assert errors(schemas, "evidence", case), f"the evidence schema accepts {case.name}"


@pytest.mark.parametrize("pack", PACKS, ids=[pack.stem for pack in PACKS])
def test_every_bundled_pack_passes_the_criteria_schema(
    pack: Path, schemas: dict[str, dict[str, Any]]
) -> None:
    assert errors(schemas, "criteria", pack) == []


def test_there_are_bundled_packs_and_schema_level_cases() -> None:
    # An empty parametrisation would pass silently; these lists must never be empty.
    assert PACKS
    assert SCHEMA_LEVEL_CASES


def test_an_extending_pack_passes_the_criteria_schema_and_a_typo_in_it_does_not(
    schemas: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    extension = tmp_path / "my-gold.yaml"
    extension.write_text(
        "schema_version: 1\nid: my-gold\nextends: esca-gold\nversion: '2026.1-x'\n"
        "overrides:\n  levels:\n    gold: {requires: {score: 0.85}}\n"
    )
    assert errors(schemas, "criteria", extension) == []
    extension.write_text(extension.read_text().replace("overrides:", "overides:"))
    assert errors(schemas, "criteria", extension) != []


def test_every_example_and_valid_file_passes_check_jsonschema(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    # The tool editors and pre-commit use, with its own YAML 1.2 reader: `region: 0150` is a number there.
    schema = tmp_path / "evidence.schema.json"
    assert cli("schema", "evidence", "-o", schema).code == 0
    files = [*sorted(EXAMPLES.glob("*/cluster.yaml")), *VALID_CASES]
    assert len(files) >= 9
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
