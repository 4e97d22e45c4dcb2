"""Headings are read only for the documents a rule reads them of, and the Markdown parser only then."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import clusterkit.facts.documents
from clusterkit.facts.headings import read_headings
from clusterkit.pipeline import load_evidence, run
from conftest import EXAMPLES

NORDIC = EXAMPLES / "nordic-maritime" / "cluster.yaml"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents whose headings are read from now on, by file name."""
    seen: list[str] = []
    real = clusterkit.facts.documents.read_headings

    def recording(file: Path) -> tuple[str, ...] | None:
        seen.append(file.name)
        return real(file)

    monkeypatch.setattr(clusterkit.facts.documents, "read_headings", recording)
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


def parser_imported(command: str, cache: Path) -> bool:
    env = {**os.environ, "CLUSTERKIT_CACHE_DIR": str(cache)}
    argv = [sys.executable, "-c", PROBE, command, str(NORDIC)]
    done = subprocess.run(argv, capture_output=True, text=True, check=True, env=env)
    return done.stderr.strip().splitlines()[-1] == "True"


def test_the_markdown_parser_is_imported_only_to_read_headings_not_read_before(
    tmp_path: Path,
) -> None:
    assert not parser_imported("validate", tmp_path), "validate reads no headings"
    assert parser_imported("assess", tmp_path), "the first assess parses strategy.md"
    assert not parser_imported("assess", tmp_path), "its headings come from the cache now"


def test_cached_headings_follow_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLUSTERKIT_CACHE_DIR", str(tmp_path / "cache"))
    document = tmp_path / "strategy.md"
    document.write_text("# Strategy\n\nVision\n------\n\n    # not a heading\n", encoding="utf-8")
    assert read_headings(document) == ("Strategy", "Vision")
    assert read_headings(document) == ("Strategy", "Vision")
    document.write_text("# Strategy\n\n## Objectives\n", encoding="utf-8")
    assert read_headings(document) == ("Strategy", "Objectives")
    for entry in (tmp_path / "cache" / "headings").glob("*.json"):
        entry.write_bytes(entry.read_bytes()[:-3])  # damaged: parsed again, not trusted
    assert read_headings(document) == ("Strategy", "Objectives")
