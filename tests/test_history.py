"""`clusterkit history`: the assessment at every commit that changed the evidence file, oldest first."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from git_support import commit, git, init
from scoring_support import EXAMPLES

pytestmark = pytest.mark.git

# Five commits over three years change cluster.yaml; one more (documents only) does not, and is no point.
DATES = ("2023-10-02", "2024-06-03", "2025-03-03", "2025-11-03", "2026-09-01")


def _edit(repo: Path, old: str, new: str) -> None:
    evidence = repo / "cluster.yaml"
    text = evidence.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    evidence.write_text(text.replace(old, new), encoding="utf-8")


def _mark(repo: Path, n: int) -> None:
    with (repo / "cluster.yaml").open("a", encoding="utf-8") as stream:
        stream.write(f"# revision {n}\n")


@pytest.fixture(scope="module")
def history_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """nordic-maritime through five changes: without its SWOT, with more participants in the region,
    the SWOT back, a quiet change, fewer participants in the region again."""
    repo = tmp_path_factory.mktemp("history") / "strategy"
    shutil.copytree(EXAMPLES / "nordic-maritime", repo)
    swot = (repo / "docs" / "swot.md").read_text(encoding="utf-8")
    (repo / "docs" / "swot.md").unlink()
    init(repo)
    _mark(repo, 1)
    commit(repo, "start without the SWOT", DATES[0])
    _edit(repo, "\n  in_region: 50 ", "\n  in_region: 86 ")
    commit(repo, "all participants in the region", DATES[1])
    (repo / "docs" / "swot.md").write_text(swot, encoding="utf-8")
    commit(repo, "the SWOT, without touching cluster.yaml", "2024-12-02")
    _mark(repo, 3)
    commit(repo, "name the SWOT's revision", DATES[2])
    _mark(repo, 4)
    commit(repo, "a quiet change", DATES[3])
    _edit(repo, "\n  in_region: 86 ", "\n  in_region: 50 ")
    commit(repo, "fewer participants in the region", DATES[4])
    return repo


def _independently(repo: Path, cli) -> list[dict]:  # type: ignore[type-arg]
    """Each commit's assessment by plain `assess` in a checkout of it (no history code involved), with
    the commit before as its baseline, as history measures Silver's improvements point to point."""
    commits = git(repo, "log", "--reverse", "--format=%H", "--", "cluster.yaml").split()
    found = []
    try:
        for n, sha in enumerate(commits):
            git(repo, "checkout", "-q", "--detach", sha)
            baseline = ["--baseline", commits[n - 1]] if n else []
            done = cli("assess", "cluster.yaml", "-f", "json", *baseline, cwd=repo)
            assert done.code in (0, 1), done
            found.append(json.loads(done.stdout))
    finally:
        git(repo, "checkout", "-q", "main")
    return found


def test_history_lists_each_commit_of_the_file_with_its_verdicts_and_area_scores(
    history_repo: Path, cli
) -> None:
    done = cli("history", "-f", "json", cwd=history_repo)
    assert done.code == 0, done
    history = json.loads(done.stdout)
    points = history["points"]
    assert [p["date"] for p in points] == list(DATES)
    assert [p["kind"] for p in points] == ["revision"] * 5
    assert len(history["steps"]) == 4
    expected = _independently(history_repo, cli)
    for point, assessment in zip(points, expected, strict=True):
        assert point["passed"] == assessment["passed"]
        for pack, want in zip(point["packs"], assessment["packs"], strict=True):
            assert pack["pack"] == want["pack"] and pack["score"] == want["score"]
            assert [lv["reached"] for lv in pack["levels"]] == [
                lv["reached"] for lv in want["levels"]
            ]
            assert [a["score"] for a in pack["areas"]] == [a["score"] for a in want["areas"]]
    gold = [
        next(lv for lv in p["packs"][0]["levels"] if lv["id"] == "gold")["reached"] for p in points
    ]
    assert gold[0] is False and gold[2] is True, gold  # the SWOT (a minimum requirement) decides
    lost_swot = history["steps"][3]["packs"][0]["lost"]
    assert [c["id"] for c in lost_swot] == ["1.2"], lost_swot
    assert (
        lost_swot[0]["checks"]
        and lost_swot[0]["checks"][0]["observed_old"] != lost_swot[0]["checks"][0]["observed_new"]
    )


def test_history_in_markdown_has_a_row_per_point_and_the_changes(history_repo: Path, cli) -> None:
    done = cli("history", cwd=history_repo)
    assert done.code == 0, done
    rows = [
        line
        for line in done.stdout.splitlines()
        if line.startswith(f"| {DATES[0][:4]}") or line.startswith("| 20")
    ]
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows[:5]] == list(DATES)
    assert "## What changed from point to point" in done.stdout
    assert "**Lost (1)**" in done.stdout


def test_every_and_rev_select_points(history_repo: Path, cli) -> None:
    every = json.loads(cli("history", "--every", "2", "-f", "json", cwd=history_repo).stdout)
    assert [p["date"] for p in every["points"]] == [DATES[0], DATES[2], DATES[4]]
    first = git(history_repo, "log", "--reverse", "--format=%H", "--", "cluster.yaml").split()[1]
    ranged = json.loads(
        cli("history", "--rev", f"{first}..HEAD", "-f", "json", cwd=history_repo).stdout
    )
    assert [p["date"] for p in ranged["points"]] == list(DATES[2:])


def test_tags_and_snapshots(history_repo: Path, cli, tmp_path: Path) -> None:
    git(
        history_repo,
        "tag",
        "v2024",
        git(history_repo, "rev-list", "-1", "--before=2024-07-01", "main").strip(),
    )
    git(history_repo, "tag", "v2026", "main")
    try:
        snapshot = tmp_path / "2022.json"
        saved = cli(
            "assess", EXAMPLES / "hydrogen-start" / "cluster.yaml", "-f", "json", "-o", snapshot
        )
        assert saved.code in (0, 1), saved
        done = cli("history", "--tags", "--snapshot", snapshot, "-f", "json", cwd=history_repo)
        assert done.code == 0, done
        points = json.loads(done.stdout)["points"]
        labels = [(p["kind"], p["label"]) for p in points]
        assert ("revision", "v2024") in labels and ("revision", "v2026") in labels
        assert ("snapshot", "2022.json") in labels and len(points) == 3
    finally:
        git(history_repo, "tag", "-d", "v2024", "v2026")


def test_a_broken_snapshot_and_a_bad_every_are_input_errors(
    history_repo: Path, cli, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "an assessment"}', encoding="utf-8")
    done = cli("history", "--snapshot", bad, cwd=history_repo)
    assert done.code == 2 and "not an assessment saved by clusterkit" in done.stderr, done
    assert "Traceback" not in done.stderr
    zero = cli("history", "--every", "0", cwd=history_repo)
    assert zero.code == 2, zero


def test_history_html_is_self_contained_with_a_chart_per_pack(
    history_repo: Path, cli, tmp_path: Path
) -> None:
    target = tmp_path / "history.html"
    done = cli("history", "-f", "html", "-o", target, cwd=history_repo)
    assert done.code == 0, done
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert page.count('class="trend total"') >= 1 and "polyline" in page
    assert 'class="threshold"' in page
