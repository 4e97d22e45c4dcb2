"""The improvement plan: `plan:` items followed up against the checks, overdue in every report format,
`check --fail-on overdue`, and `plan add`, `plan list` and `plan export` at the command line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from junitparser import Failure, JUnitXml

from clusterkit.models.plan import PlanItem
from clusterkit.render import RenderOptions, render
from clusterkit.scoring.followup import progress
from conftest import EXAMPLES

# hydrogen-start as of 2026-10-01 has a plan: plan-budget (4.1.3, unmet: with_budget is false), owner
# Jana Novak, due 2026-06-30, in progress, is overdue; "4.1.2", owner Board, due 2026-12-31, is open.
BUDGET_LINE = (
    "    with_budget: false                  # one overall budget; no budget per action yet\n"
)


@pytest.fixture
def young(tmp_path: Path) -> Path:
    """hydrogen-start in a folder of its own, with its plan: one item past due, one not due yet."""
    repo = tmp_path / "young"
    shutil.copytree(EXAMPLES / "hydrogen-start", repo)
    return repo


@pytest.fixture
def planless(tmp_path: Path) -> Path:
    """agrifood-midlands, which has no plan, in a folder of its own."""
    repo = tmp_path / "planless"
    shutil.copytree(EXAMPLES / "agrifood-midlands", repo)
    return repo


def set_budget(repo: Path) -> None:
    """Give the actions a budget: 4.1.3's plan-budget check is met from then on."""
    path = repo / "cluster.yaml"
    text = path.read_text(encoding="utf-8")
    assert BUDGET_LINE in text
    path.write_text(text.replace(BUDGET_LINE, "    with_budget: true\n"), encoding="utf-8")


# --- acceptance 3 ------------------------------------------------------------------------------------


def test_an_overdue_item_fails_the_check_naming_owner_and_item(cli, young: Path) -> None:
    result = cli("check", "--fail-on", "overdue", cwd=young)
    assert result.code == 1, result
    assert "plan item 1 (4.1.3 Implementation Plan: Actions have a budget; owner Jana Novak, " in (
        result.stderr
    )
    assert "due 2026-06-30, in progress) is overdue: still unmet as of 2026-10-01" in result.stderr
    assert "plan item 2" not in result.stderr  # due 2026-12-31: open, not overdue
    assert "FAILED (--fail-on overdue" in result.stderr


def test_the_same_item_done_with_its_check_met_passes(cli, young: Path) -> None:
    cli("plan", "add", "--fixes", "plan-budget", "--status", "done", cwd=young)
    set_budget(young)
    result = cli("check", "--fail-on", "overdue", cwd=young)
    assert result.code == 0, result
    assert "overdue" not in result.stderr.replace("--fail-on overdue", ""), result
    assert "passed (--fail-on overdue" in result.stderr


def test_done_is_not_enough_while_the_check_still_fails(cli, young: Path) -> None:
    cli("plan", "add", "--fixes", "plan-budget", "--status", "done", cwd=young)
    result = cli("check", "--fail-on", "overdue", cwd=young)
    assert result.code == 1, result
    assert "owner Jana Novak, due 2026-06-30, done) is overdue" in result.stderr


def test_a_dropped_item_and_an_earlier_date_are_not_overdue(cli, young: Path) -> None:
    assert cli("check", "--fail-on", "overdue", "--today", "2026-06-30", cwd=young).code == 0
    cli("plan", "add", "--fixes", "plan-budget", "--status", "dropped", cwd=young)
    assert cli("check", "--fail-on", "overdue", cwd=young).code == 0


def test_without_a_plan_nothing_is_overdue(cli, planless: Path) -> None:
    result = cli("check", "--fail-on", "overdue", cwd=planless)
    assert result.code == 0, result
    assert "has no plan items" in cli("plan", "list", cwd=planless).stdout


def test_with_other_packs_the_items_are_unassessed_not_overdue(cli, young: Path) -> None:
    result = cli("check", "--fail-on", "overdue", "--criteria", "strategy-process", cwd=young)
    assert result.code == 0, result
    listed = cli("plan", "export", "-f", "csv", cwd=young).stdout
    assert ",overdue," in listed  # the file's own packs: still overdue
    data = json.loads(
        cli("assess", "-f", "json", "--criteria", "strategy-process", cwd=young).stdout
    )
    assert [item["state"] for item in data["plan"]] == ["unassessed", "unassessed"]


# --- the states, pure ----------------------------------------------------------------------------------


def test_states_follow_the_check_and_the_assessment_date() -> None:
    from scoring_support import assess_example

    packs = assess_example("hydrogen-start").packs
    day = dt.date(2026, 10, 1)

    def state(fixes: str, due: str, status: str = "planned") -> str:
        item = PlanItem(fixes=fixes, owner="A", due=dt.date.fromisoformat(due), status=status)
        return progress(packs, [item], day)[0].state

    assert state("plan-budget", "2026-09-30") == "overdue"
    assert state("plan-budget", "2026-10-01") == "open"  # due today is not late
    assert state("plan-budget", "2026-09-30", "done") == "overdue"
    assert state("plan-budget", "2026-09-30", "dropped") == "dropped"
    assert state("4.6.2", "2020-01-01") == "met"  # a met indicator: met, however late
    assert state("two-strategic-areas", "2020-01-01") == "met"  # a level condition
    assert state("9.9.9", "2020-01-01") == "unassessed"


# --- unknown ids ---------------------------------------------------------------------------------------


def test_an_id_no_pack_has_is_an_error_at_its_line(cli, young: Path) -> None:
    path = young / "cluster.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("fixes: plan-budget", "fixes: plan-budgt"),
        encoding="utf-8",
    )
    line = next(
        n
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "plan-budgt" in text
    )
    for command in ("assess", "check", "report"):
        result = cli(command, cwd=young)
        assert result.code == 2, result
        assert f"cluster.yaml:{line}:5: error: plan.0.fixes: " in result.stderr, result
        assert "did you mean `plan-budget`? [unknown-plan-id]" in result.stderr, result


# --- every report format -------------------------------------------------------------------------------


def test_every_report_format_shows_the_overdue_item(cli, young: Path) -> None:
    for fmt in ("md", "html", "json", "github", "junit"):
        command = "check" if fmt in ("github", "junit") else "report"
        result = cli(command, "--format", fmt, "-o", "-", cwd=young)
        assert result.code in (0, 1), result
        text = result.stdout
        assert "Jana Novak" in text, fmt
        assert "overdue" in text, fmt
    assert "owner: Jana Novak" in cli("report", "-f", "html", "-o", "-", cwd=young).stdout


def test_markdown_report_shows_plan_on_the_step_and_overdue_in_the_summary(
    cli, young: Path
) -> None:
    text = cli("report", cwd=young).stdout
    summary, annex = text.split("## Annex: the full report")
    assert "### ⚠ Overdue in the improvement plan" in summary
    assert (
        "- **4.1.3 Implementation Plan: Actions have a budget**: owner Jana Novak, due 30 June 2026"
        " (in progress); still unmet." in summary
    )
    assert "**Plan:** owner Jana Novak, due 30 June 2026, in progress, **⚠ overdue**." in annex
    assert "**Plan:** owner Board, due 31 December 2026, planned." in annex
    assert "| 2 | 4.1.2 Documentation of the Cluster Strategy | Board |" in annex


def test_json_carries_the_plan_and_the_step_notes(cli, young: Path) -> None:
    data = json.loads(cli("assess", "--format", "json", cwd=young).stdout)
    states = [(item["item"], item["state"], item["check_status"]) for item in data["plan"]]
    assert states == [(1, "overdue", "unmet"), (2, "open", "partial")]
    steps = [s for p in data["packs"] for s in p["roadmap"]["steps"] if s["check"] == "plan-budget"]
    assert steps[0]["plan"] == {
        "item": 1,
        "owner": "Jana Novak",
        "due": "2026-06-30",
        "status": "in_progress",
        "overdue": True,
    }


def test_github_annotates_the_item_line_and_junit_fails_its_case(cli, young: Path) -> None:
    lines = (young / "cluster.yaml").read_text(encoding="utf-8").splitlines()
    item_line = next(n for n, text in enumerate(lines, 1) if "fixes: plan-budget" in text)
    github = cli("check", "-f", "github", cwd=young).stdout
    assert (
        f"::error file=cluster.yaml,line={item_line},col=5,"
        "title=clusterkit%3A overdue plan item 1 (Jana Novak)::plan item 1" in github
    )
    report = JUnitXml.fromstring(cli("check", "-f", "junit", cwd=young).stdout.encode())
    suite = next(s for s in report if s.name == "plan")
    cases = {case.name: case.result for case in suite}
    failed = cases["item 1: 4.1.3 Implementation Plan: Actions have a budget"]
    assert isinstance(failed[0], Failure) and failed[0].type == "overdue"
    assert cases["item 2: 4.1.2 Documentation of the Cluster Strategy"] == []


def test_the_summary_and_the_terminal_name_the_overdue_item(cli, young: Path) -> None:
    from clusterkit.pipeline import load_evidence, run

    assessment = run(load_evidence(young / "cluster.yaml"))
    summary = render(assessment, "summary", RenderOptions())
    assert "**Overdue in the improvement plan**" in summary
    assert "owner Jana Novak, due 2026-06-30, in progress" in summary
    terminal = cli("assess", cwd=young).stdout
    assert "overdue: plan item 1 (4.1.3 Implementation Plan" in terminal
    assert "plan: Jana Novak, due 2026-06-30, in progress, OVERDUE" in terminal


# --- plan add --------------------------------------------------------------------------------------------


def test_plan_add_writes_an_item_and_keeps_every_other_line(cli, young: Path) -> None:
    path = young / "cluster.yaml"
    before = path.read_text(encoding="utf-8")
    result = cli(
        "plan",
        "add",
        "--fixes",
        "4.1.5",
        "--owner",
        "Anna Berg",
        "--due",
        "2027-03-31",
        "--note",
        "Review with the board",
        cwd=young,
    )
    assert result.code == 0, result
    after = path.read_text(encoding="utf-8")
    added = '  - fixes: "4.1.5"\n    owner: Anna Berg\n    due: 2027-03-31\n'
    assert after == before + added + "    note: Review with the board\n"
    listed = cli("plan", "list", cwd=young)
    assert "Anna Berg" in listed.stdout and "open (unknown)" in listed.stdout, listed


def test_plan_add_starts_a_plan_where_there_is_none(cli, planless: Path) -> None:
    repo = planless
    path = repo / "cluster.yaml"
    before = path.read_text(encoding="utf-8")
    args = ("--fixes", "two-strategic-areas", "--owner", "Board", "--due", "2027-01-31")
    assert cli("plan", "add", *args, "--status", "in_progress", cwd=repo).code == 0
    after = path.read_text(encoding="utf-8")
    block = (
        "\nplan:\n  - fixes: two-strategic-areas\n    owner: Board\n    due: 2027-01-31\n"
        "    status: in_progress\n"
    )
    # after the last entry, above the closing comments; every other line and comment as it was
    assert block in after
    assert after.replace(block, "", 1) == before


def test_plan_add_updates_the_item_of_the_same_id(cli, young: Path) -> None:
    path = young / "cluster.yaml"
    before = path.read_text(encoding="utf-8")
    assert cli("plan", "add", "--fixes", "plan-budget", "--status", "done", cwd=young).code == 0
    after = path.read_text(encoding="utf-8")
    # one line changed; the comment on the item's first line stays
    assert after == before.replace("status: in_progress", "status: done")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--fixes", "4.1.55", "--owner", "X", "--due", "2027-01-01"), "did you mean `4.1.5`?"),
        (("--fixes", "4.1.5", "--owner", "X", "--due", "2027-02-30"), "--due '2027-02-30'"),
        (("--fixes", "4.1.5", "--owner", "X", "--due", "1800-01-01"), "outside 1900-01-01"),
        (("--fixes", "4.1.5", "--owner", "X"), "a new plan item needs --due"),
        (("--fixes", "4.1.5", "--owner", " ", "--due", "2027-01-01"), "--owner is empty"),
        (("--fixes", "4.1.5", "--due", "2027-01-01", "--status", "finished"), "finished"),
    ],
)
def test_plan_add_refuses_bad_input_and_leaves_the_file_alone(
    cli, young: Path, args: tuple[str, ...], words: str
) -> None:
    path = young / "cluster.yaml"
    before = path.read_bytes()
    result = cli("plan", "add", *args, cwd=young)
    assert result.code == 2, result
    assert words in result.stderr, result
    assert "Traceback" not in result.stdout + result.stderr
    assert path.read_bytes() == before


def test_plan_add_refuses_a_broken_evidence_file(cli, young: Path) -> None:
    path = young / "cluster.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "unknown_key: 1\n", encoding="utf-8")
    before = path.read_bytes()
    args = ("--fixes", "4.1.5", "--owner", "X", "--due", "2027-01-01")
    result = cli("plan", "add", *args, cwd=young)
    assert result.code == 2, result
    assert "unknown field `unknown_key`" in result.stderr
    assert path.read_bytes() == before


def test_plan_add_refuses_a_file_whose_plan_names_an_unknown_id(cli, young: Path) -> None:
    path = young / "cluster.yaml"
    text = path.read_text(encoding="utf-8").replace('fixes: "4.1.2"', 'fixes: "4.1.22"')
    path.write_text(text, encoding="utf-8")
    args = ("--fixes", "4.1.5", "--owner", "X", "--due", "2027-01-01")
    result = cli("plan", "add", *args, cwd=young)
    assert result.code == 2, result
    assert "plan.1.fixes: " in result.stderr and "did you mean `4.1.2`?" in result.stderr
    assert path.read_text(encoding="utf-8") == text


# --- plan list and export ------------------------------------------------------------------------------


def test_plan_list_shows_each_item_with_its_state(cli, young: Path) -> None:
    result = cli("plan", "list", cwd=young)
    assert result.code == 0, result
    assert "overdue (unmet)" in result.stdout and "open (partial)" in result.stdout
    assert "1 overdue of 2 items" in result.stdout
    set_budget(young)
    assert "met (met)" in cli("plan", "list", cwd=young).stdout


def test_plan_export_md_is_a_board_checklist(cli, young: Path, golden) -> None:
    result = cli("plan", "export", cwd=young)
    assert result.code == 0, result
    golden("hydrogen-start.plan.md", result.stdout)
    set_budget(young)
    ticked = cli("plan", "export", "--format", "md", cwd=young).stdout
    assert "- [x] **4.1.3 Implementation Plan: Actions have a budget**" in ticked


def test_plan_export_csv_is_one_row_per_item(cli, young: Path, golden) -> None:
    result = cli("plan", "export", "--format", "csv", cwd=young)
    assert result.code == 0, result
    golden("hydrogen-start.plan.csv", result.stdout)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(row["item"], row["owner"], row["state"]) for row in rows] == [
        ("1", "Jana Novak", "overdue"),
        ("2", "Board", "open"),
    ]


def test_plan_export_csv_keeps_an_owner_written_like_a_formula_as_text(cli, young: Path) -> None:
    added = cli(
        "plan", "add", "--fixes", "4.1.2", "--owner", "=cmd|' /C calc'!A0", "--due", "2027-03-31",
        cwd=young,
    )  # fmt: skip
    assert added.code == 0, added
    rows = list(csv.DictReader(io.StringIO(cli("plan", "export", "-f", "csv", cwd=young).stdout)))
    assert [row["owner"] for row in rows if row["fixes"] == "4.1.2"] == ["'=cmd|' /C calc'!A0"]


def test_plan_export_writes_through_the_output_policy(cli, young: Path) -> None:
    result = cli("plan", "export", "-f", "csv", "-o", "plan.csv", cwd=young)
    assert result.code == 0, result
    assert (young / "plan.csv").read_text(encoding="utf-8").startswith("item,title,")
    before = (young / "cluster.yaml").read_bytes()
    refused = cli("plan", "export", "-o", "cluster.yaml", cwd=young)
    assert refused.code == 2, refused
    assert (young / "cluster.yaml").read_bytes() == before
