"""A file with only the cluster's profile: valid, assessed as unknown, and the report leads with the unknowns."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

PROFILE = "schema_version: 1\ncluster:\n  name: Fjord Food Cluster\n  country: NO\n"


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "cluster.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


def test_a_profile_only_file_validates_and_fails_gold_with_exit_1(cli, profile: Path) -> None:
    assert cli("validate", profile).code == 0
    result = cli("assess", profile, "--today", "2026-10-01")
    assert result.code == 1, result
    assert "Traceback" not in result.stderr


def test_almost_every_indicator_is_unknown_and_every_step_records_a_fact(
    cli, profile: Path
) -> None:
    result = cli("report", profile, "--today", "2026-10-01", "--format", "json")
    assert result.code == 0, result
    gold = next(p for p in json.loads(result.stdout)["packs"] if p["pack"] == "esca-gold")
    assert len(gold["unknown"]) >= 25 and gold["possible"] == 310
    assert {step["kind"] for step in gold["roadmap"]["steps"]} == {"record"}
    sections = [group["section"] for group in json.loads(result.stdout)["unknowns"]]
    assert sections[:3] == ["cluster", "participants", "management"]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_first_section_after_the_verdict_is_what_we_do_not_know(
    cli, profile: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"report.{fmt}"
    result = cli("report", profile, "--today", "2026-10-01", "--format", fmt, "-o", out)
    assert result.code == 0, result
    text = out.read_text(encoding="utf-8")
    heading = r"^## (.+)$" if fmt == "md" else r"<h2[^>]*>(.+?)</h2>"
    headings = re.findall(heading, text, flags=re.MULTILINE)
    # The summary comes first (issue 16); the full report, its annex, leads with what we don't know.
    assert headings[0] == "Summary"
    assert headings[headings.index("Annex: the full report") + 1] in (
        "What we don't know yet",
        "What we don&#39;t know yet",
    )
    assert "Record `cluster.website`" in text or "Record <code>cluster.website</code>" in text
