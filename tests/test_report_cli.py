"""`clusterkit report`: where each format goes, exit codes, and what it refuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import EXAMPLES

MIDDLE = EXAMPLES / "agrifood-midlands" / "cluster.yaml"


def copy_example(tmp_path: Path, name: str = "agrifood-midlands") -> Path:
    target = tmp_path / name
    shutil.copytree(EXAMPLES / name, target)
    return target / "cluster.yaml"


def test_html_without_output_goes_beside_the_evidence_file(cli, tmp_path: Path) -> None:
    evidence = copy_example(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = cli("report", evidence, "--format", "html", cwd=elsewhere)
    assert result.code == 0, result
    written = evidence.parent / "report.html"
    assert written.is_file() and result.stdout == ""
    assert str(written) in result.stderr
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert list(elsewhere.iterdir()) == []


def test_markdown_and_json_go_to_stdout(cli, tmp_path: Path) -> None:
    evidence = copy_example(tmp_path)
    markdown = cli("report", evidence)
    assert markdown.code == 0, markdown
    assert markdown.stdout.startswith("# Agrifood Mittelland e.V.")
    data = cli("report", evidence, "--format", "json")
    assert data.code == 0, data
    assert json.loads(data.stdout)["schema_version"] == 1
    assert sorted(path.name for path in evidence.parent.iterdir()) == [
        "cluster.yaml",
        "docs",
        "expected.yaml",
    ]


def test_report_exits_0_even_when_the_level_is_not_reached(cli) -> None:
    assessed = cli("assess", MIDDLE)
    reported = cli("report", MIDDLE, "--format", "md", "--lang", "en")  # its cluster.language is de
    assert assessed.code == 1, assessed
    assert reported.code == 0, reported
    assert "✘ A pre-assessment: not yet ready for Gold on the evidence given." in reported.stdout


def test_output_option_writes_the_file_and_says_where(cli, tmp_path: Path) -> None:
    target = tmp_path / "board.html"
    result = cli("report", MIDDLE, "-f", "html", "-o", target)
    assert result.code == 0, result
    assert target.is_file() and f"wrote html report to {target}" in result.stderr


def test_bad_input_exits_2_without_a_traceback(cli, tmp_path: Path) -> None:
    broken = tmp_path / "cluster.yaml"
    broken.write_text("schema_version: 1\ncluster: [\n", encoding="utf-8")
    for args in (
        (broken,),
        (tmp_path / "missing.yaml",),
        (MIDDLE, "--today", "2026-02-30"),
        (MIDDLE, "--level", "platinum"),
    ):
        result = cli("report", *args, "--format", "html", "-o", tmp_path / "r.html")
        assert result.code == 2, result
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_report_never_overwrites_its_input(cli, tmp_path: Path) -> None:
    evidence = copy_example(tmp_path)
    before = evidence.read_bytes()
    result = cli("report", evidence, "-f", "md", "-o", evidence)
    assert result.code == 2, result
    assert evidence.read_bytes() == before


def test_today_option_is_shown_with_its_source(cli) -> None:
    result = cli("report", MIDDLE, "--today", "2027-01-15", "--lang", "en")
    assert result.code == 0, result
    assert "**15 January 2027** (set with --today)" in result.stdout
