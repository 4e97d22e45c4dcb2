"""Silver from evidence: improvement areas measured against a baseline (a git revision or a snapshot),
with the hand-written `improvement_areas` as the labelled fallback (issue 18, acceptance 2)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from clusterkit.models.rules import ImprovedMeasure
from clusterkit.results.assessment import Assessment, ProgressResult
from clusterkit.scoring.context import BaselineAssessment
from clusterkit.scoring.improvement import improved
from git_support import commit, git, init
from scoring_support import EXAMPLES, assess_example

pytestmark = pytest.mark.git

# The last benchmarking, a year on, and now. The file's assessment_date stays 2026-10-01 in all three, so
# only the three fields below move (an earlier date would age the recency checks as well).
LAST, MIDDLE, NOW = "2024-10-01", "2025-10-01", "2026-09-30"
BOARD, CONTACTED, NEWSLETTERS = (
    ("board_meetings_per_year: 6 ", "board_meetings_per_year: 3 "),  # 2.4: partial then
    ("participants_contacted_share: 0.86", "participants_contacted_share: 0.40"),  # 2.5
    ("newsletters_per_year: 11", "newsletters_per_year: 4"),  # 4.6.1
)


def _set(repo: Path, *changes: tuple[str, str]) -> None:
    evidence = repo / "cluster.yaml"
    text = evidence.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    evidence.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def progress_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """nordic-maritime: three indicators partial at the last benchmarking; a year later one of them
    (4.6.1) is met; now all three are. Its improvement_areas (a declaration of three) stay throughout."""
    repo = tmp_path_factory.mktemp("silver") / "strategy"
    shutil.copytree(EXAMPLES / "nordic-maritime", repo)
    init(repo)
    _set(repo, BOARD, CONTACTED, NEWSLETTERS)
    commit(repo, "the last benchmarking", LAST)
    _set(repo, (NEWSLETTERS[1], NEWSLETTERS[0]))
    commit(repo, "a newsletter every month", MIDDLE)
    _set(repo, (BOARD[1], BOARD[0]), (CONTACTED[1], CONTACTED[0]))
    commit(repo, "a quarterly board and more visits", NOW)
    return repo


def _silver(assessment: dict) -> dict:  # type: ignore[type-arg]
    levels = assessment["packs"][0]["levels"]
    return next(level for level in levels if level["id"] == "silver-readiness")


def _progress(level: dict) -> dict:  # type: ignore[type-arg]
    (condition,) = level["conditions"]
    return condition["progress"]


def test_three_improved_areas_since_the_baseline_reach_silver_and_are_named(
    progress_repo: Path, cli
) -> None:
    done = cli(
        "assess", "--level", "silver", "--baseline", "HEAD~2", "-f", "json", cwd=progress_repo
    )
    assert done.code == 0, done
    silver = _silver(json.loads(done.stdout))
    assert silver["reached"] is True, silver["reasons"]
    progress = _progress(silver)
    assert progress["measured"] == "baseline"
    assert progress["baseline"] == {"label": "HEAD~2", "assessment_date": "2026-10-01"}
    assert [(i["indicator"], i["old"], i["new"]) for i in progress["improved"]] == [
        ("2.4", "partial", "met"),
        ("2.5", "partial", "met"),
        ("4.6.1", "partial", "met"),
    ]
    assert progress["declared"] == []  # measured: the declaration no longer counts
    assert progress["counts_as_improved_basis"] == "assumption"

    report = cli("report", "--level", "silver", "--baseline", "HEAD~2", cwd=progress_repo)
    assert report.code == 0, report
    assert "Measured against the baseline `HEAD~2`" in report.stdout
    assert "Board meets quarterly 3 → 6" in report.stdout
    assert "Half the participants met 40 % → 86 %" in report.stdout
    assert "Regular newsletter 4 → 11" in report.stdout
    assert "Declared, not measured" not in report.stdout
    assert "(basis: assumption)" in report.stdout


def test_two_improved_areas_do_not_reach_silver_even_with_three_declared(
    progress_repo: Path, cli
) -> None:
    done = cli(
        "assess", "--level", "silver", "--baseline", "HEAD~1", "-f", "json", cwd=progress_repo
    )
    assert done.code == 1, done
    silver = _silver(json.loads(done.stdout))
    assert silver["reached"] is False
    assert [i["indicator"] for i in _progress(silver)["improved"]] == ["2.4", "2.5"]
    (reason,) = silver["reasons"]
    assert "2 indicators improved since HEAD~1" in reason
    assert "needs at least 3 indicators improved" in reason
    check = cli("check", "--level", "silver", "--baseline", "HEAD~1", cwd=progress_repo)
    assert check.code == 1, check
    assert "2.4 Clarity of roles" in check.stdout and "2.5 Direct contacts" in check.stdout


def test_a_saved_assessment_is_a_baseline_too(progress_repo: Path, cli, tmp_path: Path) -> None:
    snapshot = tmp_path / "benchmarking-2024.json"
    git(progress_repo, "checkout", "-q", "--detach", "HEAD~2")
    try:
        saved = cli("assess", "-f", "json", "-o", snapshot, cwd=progress_repo)
    finally:
        git(progress_repo, "checkout", "-q", "main")
    assert saved.code == 0, saved
    done = cli(
        "assess", "--level", "silver", "--baseline", snapshot, "-f", "json", cwd=progress_repo
    )
    assert done.code == 0, done
    progress = _progress(_silver(json.loads(done.stdout)))
    assert progress["baseline"]["label"] == "benchmarking-2024.json"
    assert len(progress["improved"]) == 3


def test_without_a_baseline_the_declaration_counts_and_is_labelled(
    progress_repo: Path, cli, tmp_path: Path
) -> None:
    done = cli("assess", "--level", "silver", "-f", "json", cwd=progress_repo)
    assert done.code == 0, done  # nordic-maritime declares three improvement areas
    silver = _silver(json.loads(done.stdout))
    progress = _progress(silver)
    assert progress["measured"] == "declaration" and progress["baseline"] is None
    assert [item["indicator"] for item in progress["declared"]] == ["4.1.6", "5.3", "3.2"]
    assert "declared, not measured" in silver["conditions"][0]["observed"]
    report = cli("report", cwd=progress_repo)
    assert "**Declared, not measured**" in report.stdout
    # Without the declaration and without a baseline, nothing counts.
    bare = tmp_path / "cluster.yaml"
    text = (progress_repo / "cluster.yaml").read_text(encoding="utf-8")
    bare.write_text(text.split("\nimprovement_areas:")[0] + "\n", encoding="utf-8")
    shutil.copytree(progress_repo / "docs", tmp_path / "docs")
    none = cli("assess", bare, "--level", "silver", "-f", "json")
    assert none.code == 1, none
    assert "`improvement_areas` not given" in _silver(json.loads(none.stdout))["reasons"][0]


def test_history_measures_silver_against_the_point_before(progress_repo: Path, cli) -> None:
    done = cli("history", "-f", "json", cwd=progress_repo)
    assert done.code == 0, done
    levels = [
        next(lv for lv in point["packs"][0]["levels"] if lv["id"] == "silver-readiness")
        for point in json.loads(done.stdout)["points"]
    ]
    assert [(lv["progress"], lv["improved"], lv["reached"]) for lv in levels] == [
        ("declaration", None, True),
        ("baseline", 1, False),  # 4.6.1 since the last benchmarking
        ("baseline", 2, False),  # 2.4 and 2.5 since the year before
    ]
    table = cli("history", cwd=progress_repo).stdout
    assert "✅ declared" in table and "❌ 1 improved" in table and "❌ 2 improved" in table


def test_a_baseline_that_is_neither_a_file_nor_a_revision_is_a_usage_error(
    progress_repo: Path, cli, tmp_path: Path
) -> None:
    done = cli("assess", "--baseline", "no-such-benchmarking", cwd=progress_repo)
    assert done.code == 2, done
    assert "--baseline no-such-benchmarking: no such file" in done.stderr
    assert "git does not know the revision" in done.stderr
    broken = progress_repo / "docs" / "not-an-assessment.json"
    broken.write_text("{}", encoding="utf-8")
    try:
        bad = cli("assess", "--baseline", broken, cwd=progress_repo)
    finally:
        broken.unlink()
    assert bad.code == 2, bad
    assert "not an assessment saved by clusterkit" in bad.stderr
    outside = tmp_path / "copy"
    shutil.copytree(EXAMPLES / "nordic-maritime", outside)
    no_git = cli("assess", "--baseline", "HEAD~1", cwd=outside)
    assert no_git.code == 2, no_git
    assert "no git repository around" in no_git.stderr


def test_what_counts_as_improved_follows_the_measure() -> None:
    """status: a rise in status; points: any rise in points; met: met now; gaps: which baseline
    statuses count (unknown only when the pack says so)."""
    now = assess_example("nordic-maritime", today=None)
    items = {i.id: i for area in now.packs[0].areas for i in area.indicators}
    met, partial = items["2.4"], items["2.3"]  # 2.3 is partial now, 6.5 points
    by_status = ImprovedMeasure(by="status", basis="assumption")  # type: ignore[arg-type]
    by_points = ImprovedMeasure(by="points", basis="assumption")  # type: ignore[arg-type]
    by_met = ImprovedMeasure(by="met", basis="assumption")  # type: ignore[arg-type]
    with_unknown = ImprovedMeasure(by="status", gaps=["unknown"], basis="assumption")  # type: ignore[arg-type]
    lower = partial.model_copy(update={"points": 5.0})
    assert improved(by_points, lower, partial) is not None  # partial → partial, 5 → 6.5 points
    assert improved(by_status, lower, partial) is None
    assert improved(by_met, lower, partial) is None
    was_partial = met.model_copy(update={"status": "partial", "points": 8.5})
    assert improved(by_met, was_partial, met) is not None
    was_unknown = met.model_copy(update={"status": "unknown", "points": 0.0})
    assert improved(by_status, was_unknown, met) is None  # unknown then is no gap by default
    assert improved(with_unknown, was_unknown, met) is not None
    assert improved(by_status, met, met) is None  # no gap then
    assert improved(by_status, None, met) is None  # not in the baseline


def _silver_condition(assessment: Assessment) -> ProgressResult:
    level = next(lv for lv in assessment.packs[0].levels if lv.id == "silver-readiness")
    (condition,) = level.conditions
    assert isinstance(condition, ProgressResult)
    return condition


def test_a_baseline_without_the_pack_or_dated_later_leaves_progress_unknown() -> None:
    other_pack = assess_example("nordic-maritime", criteria=["strategy-process"])
    later = assess_example("nordic-maritime", today=dt.date(2027, 1, 4))
    for baseline, why in (
        (other_pack, "has no assessment against the pack esca-gold"),
        (later, "is dated 2027-01-04, after 2026-10-01"),
    ):
        done = assess_example("nordic-maritime", baseline=BaselineAssessment("then", baseline))
        condition = _silver_condition(done)
        assert condition.status == "unknown", condition
        assert why in condition.reason
        assert condition.progress.measured == "baseline" and condition.progress.improved == []


def test_the_same_assessment_as_baseline_improves_nothing() -> None:
    now = assess_example("nordic-maritime")
    again = assess_example("nordic-maritime", baseline=BaselineAssessment("same", now))
    condition = _silver_condition(again)
    assert condition.status == "unmet" and condition.progress.improved == []
    assert "0 indicators improved since same" in condition.reason


NO_FALLBACK_PACK = """\
schema_version: 1
id: progress-only
title: Progress only
version: "1"
default_level: better
levels:
  - id: better
    title: Better than last time
    basis: assumption
    requires:
      conditions:
        - id: one-better
          title: One indicator better
          rule: {kind: improvement, min: 1, improved: {by: points, basis: assumption}}
          basis: assumption
          fix: Improve one indicator.
areas:
  - id: "P"
    title: Participants
    indicators:
      - id: "P.1"
        title: Committed participants
        basis: assumption
        guidance: Many committed participants.
        checks:
          - id: many
            title: At least 100 committed participants
            points: 2
            rule: {kind: threshold, field: participants.committed, min: 100, partial_min: 50}
            basis: assumption
            fix: Recruit participants.
"""


def test_without_a_fallback_and_without_a_baseline_the_condition_is_unknown(
    cli, tmp_path: Path
) -> None:
    pack = tmp_path / "progress-only.yaml"
    pack.write_text(NO_FALLBACK_PACK, encoding="utf-8")
    evidence = EXAMPLES / "nordic-maritime" / "cluster.yaml"
    done = cli("assess", evidence, "-c", pack, "-f", "json")
    assert done.code == 1, done
    (condition,) = json.loads(done.stdout)["packs"][0]["levels"][0]["conditions"]
    assert condition["status"] == "unknown"
    assert condition["progress"]["measured"] == "none"
    assert "no baseline assessment to measure progress against" in condition["reason"]
    report = cli("report", evidence, "-c", pack)
    assert "Not measured: no baseline assessment was given" in report.stdout
