"""An assessor would ask: plausibility warnings for numbers that do not fit, never for the examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES

INVENTED = """\
schema_version: 1
assessment_date: 2026-10-01
cluster: {name: Tiny But Busy, country: NO}
participants: {committed: 15}
management:
  staff: [{role: cluster manager, fte: 0.5}]
  member_contacts_per_year: 312
communication: {events_per_year: 24}
services: [SERVICES]
satisfaction_surveys: [{date: 2026-06-01, invited: 40, respondents: 20}]
financing:
  years: [{year: 2025, public: 100000, private: {membership_fees: 20000}, budget: 400000}]
""".replace("SERVICES", ", ".join(f"{{name: Service {n}}}" for n in range(13)))


def test_a_half_person_team_with_24_events_and_13_services_is_questioned(
    cli, tmp_path: Path
) -> None:
    path = tmp_path / "cluster.yaml"
    path.write_text(INVENTED, encoding="utf-8")
    result = cli("report", path, "--format", "json")
    assert result.code == 0, result
    asked = {q["id"]: q for q in json.loads(result.stdout)["questions"]}
    assert sorted(asked) == [
        "contacts-per-fte",
        "events-per-fte",
        "income-against-budget",
        "respondents-per-member",
        "services-per-fte",
    ]
    assert (
        asked["events-per-fte"]["observed"] == "48 events a year per full-time person of the team"
    )
    assert asked["events-per-fte"]["expected"] == "at most 20"
    assert asked["services-per-fte"]["basis"] == "assumption"
    markdown = cli("report", path, "--format", "md").stdout
    assert "## An assessor would ask" in markdown
    assert "**How does the team run this many events?** 48 events" in markdown


@pytest.mark.parametrize("name", ["nordic-maritime", "agrifood-midlands", "hydrogen-start"])
def test_the_examples_raise_no_question(cli, name: str) -> None:
    result = cli("report", EXAMPLES / name / "cluster.yaml", "--format", "json")
    assert json.loads(result.stdout)["questions"] == []
    assert (
        "An assessor would ask"
        not in cli("report", EXAMPLES / name / "cluster.yaml", "--format", "md").stdout
    )
