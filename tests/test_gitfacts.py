"""Document facts from real git repositories: commit dates, freshness, deletions, shallow clones, headings."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from clusterkit.facts.documents import collect, with_dates, with_sections
from clusterkit.facts.git import SHALLOW_WARNING, last_commit_dates
from clusterkit.models.facts import Facts
from clusterkit.pipeline import load_evidence, run
from git_support import TODAY, commit, document_repo, git, init, write

pytestmark = pytest.mark.git

FORTY_MONTHS_AGO = "2023-02-01"  # TODAY is 2026-06-01; the limit is 36 months (2023-06-01)
LAST_MONTH = "2026-05-04"


@pytest.fixture(autouse=True)
def _outside_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """`check` appends to GitHub's step summary when it runs in Actions: not from these tests."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def facts(repo: Path) -> Facts:
    loaded = load_evidence(repo / "cluster.yaml")
    found = with_dates(collect(loaded.evidence, loaded.document, loaded.path), loaded.path)
    return with_sections(
        found, loaded.evidence, loaded.document, loaded.path, {"strategy.document"}
    )


def strategy_check(repo: Path) -> dict[str, object]:
    assessment = run(load_evidence(repo / "cluster.yaml"), today=dt.date.fromisoformat(TODAY))
    pack = next(item for item in assessment.packs if item.pack == "ci-docs")
    checks = {c.id: c for area in pack.areas for i in area.indicators for c in i.checks}
    return checks["strategy-current"].model_dump()


def test_a_committed_document_is_dated_by_its_last_commit_not_its_file_time(tmp_path: Path) -> None:
    repo = document_repo(tmp_path / "repo", date=FORTY_MONTHS_AGO)
    fact = facts(repo).document("docs/strategy.md")
    assert fact is not None
    assert (fact.date_source, fact.last_changed) == ("git", dt.date(2023, 2, 1))
    assert fact.content is not None
    assert [heading.title for heading in fact.content.headings] == [
        "Strategy",
        "Vision",
        "Objectives",
    ]


def test_a_document_40_months_old_fails_36_months_and_passes_after_a_new_commit(
    tmp_path: Path, cli
) -> None:
    repo = document_repo(tmp_path / "repo", date=FORTY_MONTHS_AGO)
    stale = strategy_check(repo)
    assert stale["status"] == "unmet"
    assert "last changed 2023-02-01 (last commit)" in str(stale["reason"])
    assert "more than 36 months before 2026-06-01" in str(stale["reason"])
    assert cli("check", repo / "cluster.yaml", "--today", TODAY, "-f", "json").code == 1

    write(repo, "docs/strategy.md", (repo / "docs/strategy.md").read_text() + "\nReviewed.\n")
    commit(repo, "review the strategy", LAST_MONTH)
    assert strategy_check(repo)["status"] == "met"
    assert facts(repo).document("docs/strategy.md").last_changed == dt.date(2026, 5, 4)  # type: ignore[union-attr]
    result = cli("check", repo / "cluster.yaml", "--today", TODAY, "-f", "json")
    assert result.code == 0, result


def test_a_deleted_document_fails(tmp_path: Path) -> None:
    repo = document_repo(tmp_path / "repo", date=LAST_MONTH)
    git(repo, "rm", "-q", "docs/strategy.md")
    commit(repo, "remove the strategy", LAST_MONTH)
    check = strategy_check(repo)
    assert check["status"] == "unmet"
    assert check["reason"] == (
        "Strategy current with its sections: docs/strategy.md does not exist [assumption]"
    )


def test_a_shallow_clone_warns_that_dates_may_be_wrong(tmp_path: Path, cli) -> None:
    origin = document_repo(tmp_path / "origin", date=FORTY_MONTHS_AGO)
    write(origin, "notes.md", "later\n")
    commit(origin, "an unrelated later commit", LAST_MONTH)
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", "shallow")
    shallow = tmp_path / "shallow"
    found = facts(shallow)
    assert found.date_warnings == (SHALLOW_WARNING,)
    assert "fetch-depth: 0" in SHALLOW_WARNING and "git fetch --unshallow" in SHALLOW_WARNING
    # The proof that the warning matters: the only fetched commit makes the old strategy look new.
    assert found.document("docs/strategy.md").last_changed == dt.date(2026, 5, 4)  # type: ignore[union-attr]
    result = cli("check", shallow / "cluster.yaml", "--today", TODAY, "-f", "github")
    assert "::warning title=clusterkit::this is a shallow git clone" in result.stdout, result
    assert facts(origin).date_warnings == ()


def test_a_document_missing_a_required_heading_fails_and_names_it(tmp_path: Path, cli) -> None:
    text = "# Strategy\n\n## Vision\n\nA vision, no objectives.\n"
    repo = document_repo(tmp_path / "repo", date=LAST_MONTH, strategy=text)
    check = strategy_check(repo)
    assert check["status"] == "partial"
    assert "docs/strategy.md has no heading “Objectives”" in str(check["reason"])
    result = cli("check", repo / "cluster.yaml", "--today", TODAY, "-f", "github")
    assert result.code == 1, result
    assert "has no heading “Objectives”" in result.stdout


def test_an_expired_declaration_is_reported_stale(tmp_path: Path, cli) -> None:
    repo = document_repo(tmp_path / "repo", date=LAST_MONTH, expires="2026-01-31")
    result = cli("check", repo / "cluster.yaml", "--today", TODAY, "-f", "json")
    assessment = json.loads(result.stdout)
    checks = {
        c["id"]: c
        for area in assessment["packs"][0]["areas"]
        for i in area["indicators"]
        for c in i["checks"]
    }
    assert checks["declared"]["status"] == "unknown"
    assert checks["declared"]["observed"] == "stale since 2026-01-31"
    assert "stale, renew it" in checks["declared"]["reason"]
    assert (
        "declaration 4.1.4 expired on 2026-01-31: it counts as unknown until renewed"
        in assessment["warnings"]
    )
    fresh = document_repo(tmp_path / "fresh", date=LAST_MONTH, expires=TODAY)
    assert run(load_evidence(fresh / "cluster.yaml"), today=dt.date(2026, 6, 1)).warnings == []


def test_uncommitted_untracked_and_staged_renamed_files_use_their_file_time(
    tmp_path: Path,
) -> None:
    repo = document_repo(tmp_path / "repo", date=FORTY_MONTHS_AGO)
    write(repo, "docs/a.md", "a\n")
    # Clean, and named like the rename's origin entry cut at column 3: porcelain parsing must skip it.
    write(repo, "s/a.md", "clean\n")
    commit(repo, "two more", FORTY_MONTHS_AGO)
    write(repo, "docs/strategy.md", STRATEGY_CHANGED)  # modified, not staged
    write(repo, "docs/new.md", "new\n")  # untracked
    git(repo, "mv", "docs/a.md", "docs/renamed.md")  # staged rename ...
    write(repo, "docs/a.md", "a\n")  # ... and its origin back, untracked: status lists both
    names = ("docs/strategy.md", "docs/new.md", "docs/renamed.md", "docs/a.md", "s/a.md")
    dates = last_commit_dates(repo, [repo / name for name in names]).dates
    assert dates == {(repo / "s/a.md").resolve(): dt.date(2023, 2, 1)}
    fact = facts(repo).document("docs/strategy.md")
    assert fact is not None and fact.date_source == "mtime"
    assert fact.last_changed == dt.datetime.now(tz=dt.UTC).date()


STRATEGY_CHANGED = "# Strategy\n\n## Vision\n\nNew.\n\n## Objectives\n\nNew.\n"


def test_odd_file_names_get_their_git_dates(tmp_path: Path) -> None:
    repo = init(tmp_path / "repo")
    names = ["docs/with space.md", "docs/star*.md", "docs/ünïcode.md", ":colon.md", ":(top)x.md"]
    for name in names:
        write(repo, name, "text\n")
    commit(repo, "odd names", FORTY_MONTHS_AGO)
    write(repo, "docs/star-other.md", "must not match star*.md\n")
    commit(repo, "a later file the glob would match", LAST_MONTH)
    dates = last_commit_dates(repo, [repo / name for name in names]).dates
    assert dates == {(repo / name).resolve(): dt.date(2023, 2, 1) for name in names}


def test_outside_git_documents_use_their_file_time_without_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    write(folder, "doc.md", "x\n")
    assert last_commit_dates(folder, [folder / "doc.md"]).dates == {}
    assert last_commit_dates(folder, [folder / "doc.md"]).warnings == ()


def test_without_git_installed_a_repository_falls_back_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = document_repo(tmp_path / "repo", date=FORTY_MONTHS_AGO)
    empty = tmp_path / "no-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    found = facts(repo)
    assert found.document("docs/strategy.md").date_source == "mtime"  # type: ignore[union-attr]
    not_installed, file_dates = found.date_warnings
    assert "git is not installed" in not_installed
    assert file_dates.startswith("file dates (which a copy or checkout resets) are used for")
    assert file_dates.endswith(": docs/strategy.md")


def test_a_repository_without_commits_gives_file_times_quietly(tmp_path: Path) -> None:
    repo = init(tmp_path / "repo")
    write(repo, "doc.md", "x\n")
    git(repo, "add", "doc.md")
    assert last_commit_dates(repo, [repo / "doc.md"]) == last_commit_dates(tmp_path, [])


def test_reading_dates_never_writes_the_index(tmp_path: Path) -> None:
    """Inside a pre-commit hook git holds index.lock: a `git status` that refreshed the index would race it."""
    repo = document_repo(tmp_path / "repo", date=FORTY_MONTHS_AGO)
    strategy = repo / "docs/strategy.md"
    os.utime(strategy, (1_700_000_000, 1_700_000_000))  # same content, stale stat data in the index
    index = repo / ".git" / "index"
    before = (index.read_bytes(), index.stat().st_mtime_ns)
    dates = last_commit_dates(repo, [strategy])
    assert dates.dates == {strategy.resolve(): dt.date(2023, 2, 1)}
    assert (index.read_bytes(), index.stat().st_mtime_ns) == before


def test_a_shallow_clone_is_not_mentioned_when_no_rule_reads_document_dates(
    tmp_path: Path, cli
) -> None:
    origin = document_repo(tmp_path / "origin", date=FORTY_MONTHS_AGO)
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", "shallow")
    result = cli(
        "assess",
        tmp_path / "shallow" / "cluster.yaml",
        "-c",
        "eccp-validation",
        "--today",
        TODAY,
        "-f",
        "json",
    )
    assert result.code in (0, 1), result
    assert json.loads(result.stdout)["warnings"] == []


def test_git_is_asked_only_when_a_rule_reads_document_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = document_repo(tmp_path / "repo", date=FORTY_MONTHS_AGO)
    loaded = load_evidence(repo / "cluster.yaml")
    assert {fact.date_source for fact in loaded.facts.documents.values()} == {None}
    calls: list[object] = []
    import clusterkit.facts.dates

    real = clusterkit.facts.dates.last_commit_dates
    monkeypatch.setattr(
        clusterkit.facts.dates, "last_commit_dates", lambda *a: calls.append(a) or real(*a)
    )
    run(loaded, criteria=["eccp-validation"], today=dt.date.fromisoformat(TODAY))
    assert calls == []
    assert (
        strategy_check(repo)["status"] == "unmet"
    )  # the repo's own pack reads dates: git is asked
    assert len(calls) == 1
