"""Gold 5.3 from an imported survey: its checks at their boundaries, the indicator met, partial and unmet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from clusterkit.pipeline import load_evidence, run
from clusterkit.results.assessment import IndicatorResult
from conftest import CliResult

Cli = Callable[..., CliResult]

EVIDENCE = """\
schema_version: 1
assessment_date: 2026-10-01
criteria: esca-gold
cluster:
  name: Survey Test Cluster
  country: DE
participants:
  committed: 40
{surveys}"""

# What the cluster management wrote down about a survey before its results were imported: the date it
# closed, its results report and what it changed because of it. No figure: those come from the export.
RECORDED = """\
satisfaction_surveys:
  - date: {date}
    report: docs/survey.md
    actions: [Shorter newsletter, Second trade fair mission]
"""


def _export(folder: Path, satisfied: int, answers: int, date: str) -> Path:
    """An export of ``answers`` respondents, ``satisfied`` of them answering 4 or 5 overall."""
    rows = [
        f"{number};{date};{5 if number <= satisfied else 3}" for number in range(1, answers + 1)
    ]
    export = folder / "survey.csv"
    export.write_text(
        "respondent;submitted;overall_satisfaction\n" + "\n".join(rows) + "\n", "utf-8"
    )
    return export


def _indicator(
    cli: Cli,
    tmp_path: Path,
    *,
    satisfied: int,
    answers: int = 100,
    invited: int = 200,
    date: str = "2026-06-30",
    recorded: bool = False,
) -> IndicatorResult:
    evidence = tmp_path / "cluster.yaml"
    surveys = RECORDED.format(date=date) if recorded else ""
    evidence.write_text(EVIDENCE.format(surveys=surveys), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "survey.md").write_text("# Member survey\n\nResults.\n", "utf-8")
    export = _export(tmp_path, satisfied, answers, date)
    result = cli(
        "survey", "import", export, "--into", evidence, "--invited", str(invited), "--today", date
    )
    assert result.code == 0, result
    loaded = load_evidence(evidence)
    latest = loaded.evidence.latest_survey
    assert latest is not None and latest.source is not None
    assert (latest.source.file, latest.source.rows) == ("survey.csv", answers)
    assert latest.source.imported == dt.date.fromisoformat(date)
    gold = next(pack for pack in run(loaded).packs if pack.pack == "esca-gold")
    return next(item for area in gold.areas for item in area.indicators if item.id == "5.3")


def _check(indicator: IndicatorResult, check_id: str) -> str:
    return next(check.status for check in indicator.checks if check.id == check_id)


@pytest.mark.parametrize(
    ("satisfied", "status"),
    [(80, "met"), (79, "partial"), (60, "partial"), (59, "unmet")],
    ids=["80%-met", "79%-partial", "60%-partial", "59%-unmet"],
)
def test_share_satisfied_at_its_boundaries(
    cli: Cli, tmp_path: Path, satisfied: int, status: str
) -> None:
    # The pack: met at 80 %, partial from 60 %.
    indicator = _indicator(cli, tmp_path, satisfied=satisfied)
    assert _check(indicator, "participants-satisfied") == status


@pytest.mark.parametrize(
    ("invited", "status"),
    [(333, "met"), (334, "partial"), (666, "partial"), (667, "unmet")],
    ids=["30.03%-met", "29.94%-partial", "15.02%-partial", "14.99%-unmet"],
)
def test_response_rate_at_its_boundaries(
    cli: Cli, tmp_path: Path, invited: int, status: str
) -> None:
    # 100 respondents; the pack: met at 30 %, partial from 15 %.
    indicator = _indicator(cli, tmp_path, satisfied=90, invited=invited)
    assert _check(indicator, "response-rate") == status


def test_satisfied_share_just_under_the_threshold_is_never_rounded_up(
    cli: Cli, tmp_path: Path
) -> None:
    # 7999 of 10000 would print as 80.0 % if rounded; stored rounded down, it stays partial.
    indicator = _indicator(cli, tmp_path, satisfied=7999, answers=10000, invited=20000)
    assert _check(indicator, "participants-satisfied") == "partial"


def test_recent_survey_with_good_figures_and_recorded_actions_is_met(
    cli: Cli, tmp_path: Path
) -> None:
    indicator = _indicator(cli, tmp_path, satisfied=85, invited=250, recorded=True)
    assert indicator.status == "met", [(c.id, c.status, c.reason) for c in indicator.checks]


def test_recent_survey_with_weak_figures_is_partial(cli: Cli, tmp_path: Path) -> None:
    indicator = _indicator(cli, tmp_path, satisfied=40, invited=1000)
    assert _check(indicator, "survey-recent") == "met"
    assert indicator.status == "partial"


def test_an_old_survey_with_weak_figures_is_unmet(cli: Cli, tmp_path: Path) -> None:
    # Closed more than 24 months before the assessment date (2026-10-01), 10 % answered, 40 % satisfied,
    # and nothing recorded as acted upon: nothing in the import earns a point.
    indicator = _indicator(cli, tmp_path, satisfied=40, invited=1000, date="2024-09-30")
    assert _check(indicator, "survey-recent") == "unmet"
    assert indicator.status == "unmet"
