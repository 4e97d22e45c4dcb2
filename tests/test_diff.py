"""`clusterkit diff`: two revisions of an example repository, two files, regressions and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from clusterkit.facts.revisions import split_range
from clusterkit.results.comparison import compare, direction
from git_support import commit, git, init
from scoring_support import EXAMPLES, assess_example

pytestmark = pytest.mark.git

COMMIT_DATE = (
    "2026-09-01"  # before the example's assessment_date, so every document counts as fresh
)


@pytest.fixture
def example_repo(tmp_path: Path) -> Path:
    """nordic-maritime in a git repository with two commits: `base`, then `change`.

    The change wins 1.2 (all 86 participants in the region: partial -> met) and loses 4.1.1, a minimum
    requirement (the SWOT document is deleted: met -> partial), so Gold is lost and the score changes.
    """
    repo = tmp_path / "strategy"
    shutil.copytree(EXAMPLES / "nordic-maritime", repo)
    init(repo)
    commit(repo, "base", COMMIT_DATE)
    evidence = repo / "cluster.yaml"
    text = evidence.read_text(encoding="utf-8")
    assert text.count("\n  in_region: 50 ") == 1
    evidence.write_text(text.replace("\n  in_region: 50 ", "\n  in_region: 86 "), encoding="utf-8")
    git(repo, "rm", "-q", "docs/swot.md")
    commit(repo, "change", COMMIT_DATE)
    return repo


def diff_json(cli, *args: str | Path, cwd: Path) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = cli("diff", *args, "--format", "json", cwd=cwd)
    assert result.code in (0, 1), result
    return result.code, json.loads(result.stdout)


def changed(report: dict, pack: str = "esca-gold") -> dict[str, set[str]]:  # type: ignore[type-arg]
    found = next(item for item in report["packs"] if item["pack"] == pack)
    return {key: {c["id"] for c in found[key]} for key in ("won", "lost", "changed")}


def test_diff_between_two_revisions_reports_exactly_the_changed_indicators(
    example_repo: Path, cli
) -> None:
    code, report = diff_json(cli, "--rev", "HEAD~1..HEAD", "cluster.yaml", cwd=example_repo)
    assert code == 0
    assert changed(report) == {"won": {"1.2"}, "lost": {"4.1.1"}, "changed": set()}
    assert changed(report, "eccp-validation") == {"won": set(), "lost": set(), "changed": set()}
    lost = next(p for p in report["packs"] if p["pack"] == "esca-gold")["lost"][0]
    assert (lost["old"], lost["new"], lost["minimum_requirement"]) == ("met", "partial", True)
    assert (report["old"]["label"], report["new"]["label"]) == (
        "HEAD~1:cluster.yaml",
        "HEAD:cluster.yaml",
    )
    assert (report["old"]["passed"], report["new"]["passed"]) == (True, False)
    gold = next(p for p in report["packs"] if p["pack"] == "esca-gold")
    assert {lv["id"]: (lv["old"], lv["new"]) for lv in gold["levels"]} == {
        "silver-readiness": (True, False),
        "gold": (True, False),
    }
    assert {area["id"] for area in gold["areas"]} == {"1", "4"}
    assert "esca-gold: Gold is no longer reached" in report["regressions"]


def test_the_exit_code_follows_fail_on_regression(example_repo: Path, cli) -> None:
    worse = cli("diff", "--rev", "HEAD~1..HEAD", "--fail-on-regression", cwd=example_repo)
    assert worse.code == 1, worse
    assert "**⚠️ Regressions**" in worse.stdout
    assert (
        "- ⬇️ **4.1.1** Strategy Building Process (minimum requirement): met → partial"
        in worse.stdout
    )
    # Going back from the change also lowers the score (1.2 is lost again): still a regression.
    back = cli("diff", "--rev", "HEAD..HEAD~1", "--fail-on-regression", cwd=example_repo)
    assert back.code == 1, back
    assert "esca-gold: the score fell from" in back.stdout
    git(example_repo, "checkout", "-q", "HEAD~1", "--", "docs/swot.md")
    commit(example_repo, "restore the SWOT analysis", COMMIT_DATE)
    better = cli("diff", "--rev", "HEAD~1..", "--fail-on-regression", cwd=example_repo)
    assert better.code == 0, better
    assert "No regression" in better.stdout
    assert (
        "- ⬆️ **4.1.1** Strategy Building Process (minimum requirement): partial → met"
        in better.stdout
    )
    assert cli("diff", "--rev", "HEAD~1..HEAD", cwd=example_repo).code == 0


def test_a_single_revision_is_compared_with_the_working_tree(example_repo: Path, cli) -> None:
    evidence = example_repo / "cluster.yaml"
    text = evidence.read_text(encoding="utf-8")
    evidence.write_text(
        text.replace("staff_departures_last_2_years: 2", "staff_departures_last_2_years: 0")
    )
    _, report = diff_json(cli, "--rev", "HEAD", cwd=example_repo)
    assert changed(report) == {"won": {"2.2.4"}, "lost": set(), "changed": set()}
    assert report["new"]["label"] == "cluster.yaml"


def test_temporary_worktrees_are_removed(example_repo: Path, cli) -> None:
    assert cli("diff", "--rev", "HEAD~1..HEAD", cwd=example_repo).code == 0
    listed = git(example_repo, "worktree", "list", "--porcelain")
    assert listed.count("worktree ") == 1
    assert not (example_repo / ".git" / "worktrees").exists() or not any(
        (example_repo / ".git" / "worktrees").iterdir()
    )


def test_unknown_revisions_and_bad_arguments_exit_2(example_repo: Path, cli) -> None:
    for args in (
        ["--rev", "nosuchbranch..HEAD"],
        ["--rev", "--output=x..HEAD"],
        ["--rev", "HEAD~1...HEAD"],
        ["only-one.yaml"],
        ["a.yaml", "b.yaml", "c.yaml"],
    ):
        result = cli("diff", *args, cwd=example_repo)
        assert result.code == 2, result


def test_diff_of_two_files(tmp_path: Path, cli) -> None:
    old = EXAMPLES / "agrifood-midlands" / "cluster.yaml"
    new = EXAMPLES / "nordic-maritime" / "cluster.yaml"
    result = cli("diff", old, new, "--fail-on-regression")
    assert result.code == 0, result
    assert result.stdout.startswith(f"## clusterkit diff: `{old}` → `{new}`\n")
    reverse = cli("diff", new, old, "--fail-on-regression")
    assert reverse.code == 1, reverse
    assert "the overall verdict dropped" in reverse.stdout


def test_compare_is_empty_for_the_same_assessment() -> None:
    assessment = assess_example("nordic-maritime")
    result = compare(assessment, assessment)
    assert result.regressions == []
    assert all(not (p.won or p.lost or p.changed or p.areas or p.levels) for p in result.packs)
    assert all(p.score.delta == 0 for p in result.packs)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("unknown", "met", "won"),
        ("unmet", "partial", "won"),
        ("met", "partial", "lost"),
        ("partial", "unknown", "lost"),
        ("unknown", "unmet", "changed"),
        ("met", "not_applicable", "changed"),
    ],
)
def test_direction_of_a_status_change(old: str, new: str, expected: str) -> None:
    assert direction(old, new) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [("a..b", ("a", "b")), ("a..", ("a", "HEAD")), ("..b", ("HEAD", "b")), ("a", ("a", None))],
)
def test_revision_ranges(spec: str, expected: tuple[str, str | None]) -> None:
    assert split_range(spec) == expected


def test_a_file_added_in_the_range_is_new_not_a_regression(tmp_path: Path, cli) -> None:
    repo = tmp_path / "strategy"
    shutil.copytree(EXAMPLES / "nordic-maritime", repo)
    (repo / "cluster.yaml").rename(tmp_path / "cluster.yaml")
    init(repo)
    commit(repo, "documents first", COMMIT_DATE)
    (tmp_path / "cluster.yaml").rename(repo / "cluster.yaml")
    commit(repo, "add the evidence file", COMMIT_DATE)
    result = cli("diff", "--rev", "HEAD~1..HEAD", "--fail-on-regression", cwd=repo)
    assert result.code == 0, result
    assert result.stdout.startswith(
        "`cluster.yaml` does not exist at `HEAD~1`, so there is nothing to compare"
    )
    as_json = cli("diff", "--rev", "HEAD~1..HEAD", "-f", "json", cwd=repo)
    assert as_json.code == 0, as_json
    document = json.loads(as_json.stdout)
    assert document["added"] is True and document["new"]["passed"] is True


def test_diff_in_ci_formats_names_every_regression_and_lost_indicator(
    example_repo: Path, cli
) -> None:
    """Issue 9: diff has the github and junit formats of the one registry."""
    from junitparser import JUnitXml

    github = cli("diff", "--rev", "HEAD~1..HEAD", "-f", "github", cwd=example_repo)
    assert github.code == 0, github
    lines = github.stdout.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert errors and all("title=clusterkit diff%3A regression::" in line for line in errors)
    assert any(line.startswith("::warning title=esca-gold%3A lost::4.1.1 ") for line in lines)
    assert any(line.startswith("::notice title=esca-gold%3A won::1.2 ") for line in lines)
    assert lines[-1].startswith("::notice title=clusterkit diff::HEAD~1:cluster.yaml → ")
    junit = cli("diff", "--rev", "HEAD~1..HEAD", "-f", "junit", cwd=example_repo)
    assert junit.code == 0, junit
    report = JUnitXml.fromstring(junit.stdout.encode())
    cases = {(case.classname, case.name): case for suite in report for case in suite}
    assert not cases[("esca-gold.1.2", next(n for c, n in cases if c == "esca-gold.1.2"))].result
    lost = next(case for (c, _), case in cases.items() if c == "esca-gold.4.1.1")
    assert lost.result and "met → partial" in lost.result[0].message
    overall = cases[("clusterkit diff", "no regression")]
    assert overall.result and "no longer reached" in overall.result[0].message


def test_a_new_file_in_ci_formats_is_a_notice_and_a_passing_case(tmp_path: Path, cli) -> None:
    repo = tmp_path / "strategy"
    shutil.copytree(EXAMPLES / "hydrogen-start", repo)
    (repo / "cluster.yaml").rename(tmp_path / "cluster.yaml")
    init(repo)
    commit(repo, "documents first", COMMIT_DATE)
    (tmp_path / "cluster.yaml").rename(repo / "cluster.yaml")
    commit(repo, "add the evidence file", COMMIT_DATE)
    github = cli("diff", "--rev", "HEAD~1..HEAD", "-f", "github", cwd=repo)
    assert github.code == 0, github
    assert github.stdout.startswith("::notice title=clusterkit diff::`cluster.yaml` does not exist")
    junit = cli("diff", "--rev", "HEAD~1..HEAD", "-f", "junit", cwd=repo)
    assert junit.code == 0 and "<failure" not in junit.stdout, junit


def test_diff_names_the_checks_behind_each_change_and_every_number_has_a_unit(
    example_repo: Path, cli
) -> None:
    """Issue 18 (acceptance 4): which check moved, what was seen before and after, in units."""
    import re

    result = cli("diff", "--rev", "HEAD~1..HEAD", cwd=example_repo)
    assert result.code == 0, result
    lines = result.stdout.splitlines()
    won = lines.index(next(line for line in lines if "**1.2**" in line))
    assert lines[won].endswith("partial → met (6.5 → 10 points, +3.5 points)"), lines[won]
    assert lines[won + 1].startswith("  - `"), lines[won : won + 3]
    assert ": partial → met; seen 58 % → 100 % (expects " in lines[won + 1], lines[won + 1]
    lost = lines.index(next(line for line in lines if "**4.1.1**" in line))
    assert lines[lost].endswith("met → partial (10 → 9 points, \u22121 point)"), lines[lost]
    assert lines[lost + 1] == (
        "  - `swot` SWOT or similar tool: met → unmet; seen docs/swot.md: “Strengths”, “Weaknesses”, "
        "“Opportunities”, “Threats” → docs/swot.md (missing) (expects an existing document with "
        "headings “Strengths”, “Weaknesses”, “Opportunities”, “Threats”)"
    )
    # every signed number is followed by its unit
    for number in re.finditer(
        r"(?<![\w.])[+\u2212±]\d+(?:\.\d+)?(?P<unit> [%\w-]+)?", result.stdout
    ):
        assert number["unit"] in (" points", " point", " %-points"), number.group(0)
    # every score column value is a percentage
    for row in (line for line in lines if line.startswith("| ") and "%" in line):
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert all(not re.fullmatch(r"[+\u2212]?\d+(\.\d+)?", cell) for cell in cells), row
