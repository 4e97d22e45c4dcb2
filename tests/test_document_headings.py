"""Headings are read only for the documents a rule reads them of, and the Markdown parser only then."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import clusterkit.facts.documents
from clusterkit.pipeline import load_evidence, run
from conftest import EXAMPLES

NORDIC = EXAMPLES / "nordic-maritime" / "cluster.yaml"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents whose headings are read from now on, by file name."""
    seen: list[str] = []
    real = clusterkit.facts.documents._headings

    def recording(file: Path) -> tuple[str, ...] | None:
        seen.append(file.name)
        return real(file)

    monkeypatch.setattr(clusterkit.facts.documents, "_headings", recording)
    return seen


def test_only_the_document_a_sections_rule_reads_is_parsed(parsed: list[str]) -> None:
    loaded = load_evidence(NORDIC)
    assert parsed == [], "loading the evidence reads no headings"
    assert len(loaded.facts.documents) > 10
    assessment = run(loaded)
    # esca-gold's 4.1.3 reads the headings of strategy.document alone.
    assert parsed == [Path(str(loaded.evidence.strategy.document)).name]  # type: ignore[union-attr]
    check = next(
        check
        for pack in assessment.packs
        for area in pack.areas
        for indicator in area.indicators
        for check in indicator.checks
        if "with headings" in check.expected
    )
    assert check.status == "met", check


def test_packs_without_a_sections_rule_read_no_headings(parsed: list[str]) -> None:
    run(load_evidence(NORDIC), criteria=["eccp-validation"])
    assert parsed == []


PROBE = """
import sys
from clusterkit.cli.app import app
sys.argv = ["clusterkit", *sys.argv[1:]]
try:
    app()
except SystemExit:
    pass
print("markdown_it" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize(("command", "imported"), [("validate", False), ("assess", True)])
def test_the_markdown_parser_is_imported_only_when_headings_are_read(
    command: str, imported: bool
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, command, str(NORDIC)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr.strip().splitlines()[-1] == str(imported), done.stderr
