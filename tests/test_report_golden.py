"""Golden reports: every example in md, html and json, byte for byte as `clusterkit report` writes them.

Regenerate after a deliberate change with `pytest tests/test_report_golden.py --update-golden` (or
CLUSTERKIT_UPDATE_GOLDEN=1) and review the diff like code.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE_NAMES, EXAMPLES, ROOT

FORMATS = ("md", "html", "json")


def report_text(cli, name: str, output_format: str, tmp_path: Path) -> str:
    """The report exactly as a user gets it from the repository root: md on stdout, the others in a file."""
    evidence = f"examples/{name}/cluster.yaml"
    if output_format == "md":
        result = cli("report", evidence, "--format", "md", cwd=ROOT)
        assert result.code == 0, result
        return result.stdout
    target = tmp_path / f"report.{output_format}"
    result = cli("report", evidence, "--format", output_format, "-o", target, cwd=ROOT)
    assert result.code == 0, result
    return target.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_examples_set_their_assessment_date(name: str) -> None:
    # The goldens rely on it: without assessment_date the report would show the clock's date.
    data = yaml.safe_load((EXAMPLES / name / "cluster.yaml").read_text(encoding="utf-8"))
    assert str(data["assessment_date"]) == "2026-10-01"


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_report_is_golden(cli, golden, tmp_path: Path, name: str, output_format: str) -> None:
    text = report_text(cli, name, output_format, tmp_path)
    assert text.endswith("\n") and not text.endswith("\n\n\n")
    # The JSON report is the Assessment itself: one golden file serves this test and test_examples.
    golden(
        f"{name}.assessment.json" if output_format == "json" else f"{name}.report.{output_format}",
        text,
    )


def test_reports_are_byte_stable(cli, tmp_path: Path) -> None:
    name = EXAMPLE_NAMES[0]
    for output_format in FORMATS:
        first = report_text(cli, name, output_format, tmp_path)
        assert report_text(cli, name, output_format, tmp_path) == first, output_format
