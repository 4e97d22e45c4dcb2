"""Helpers for tests that build real git repositories: dated commits, a small document pack, evidence."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

TODAY = "2026-06-01"

# A pack with one minimum requirement read from a document (headings and a 36-month freshness limit), a
# declaration and a plain threshold. Points: 4 + 1 + 2 = 7; the level needs 75 %.
DOCUMENT_PACK = """\
schema_version: 1
id: ci-docs
title: CI document checks
version: "1"
default_level: ok
levels:
  - id: ok
    title: Documents in order
    basis: assumption
    requires: {minimum_requirements: all, score: 0.75}
areas:
  - id: "D"
    title: Documents
    indicators:
      - id: "1.1"
        title: Strategy document
        minimum_requirement: true
        basis: assumption
        guidance: The strategy is written down and kept current.
        checks:
          - id: strategy-current
            title: Strategy current with its sections
            points: 4
            rule: {kind: document, field: strategy.document, sections: [Vision, Objectives], max_age_months: 36}
            basis: assumption
            fix: Review the strategy and commit it.
      - id: "4.1.4"
        title: Controlling
        basis: assumption
        guidance: Declared with proof.
        checks:
          - id: declared
            title: Controlling declared
            points: 1
            rule: {kind: declaration}
            basis: assumption
            fix: Declare it, with documents.
      - id: "1.2"
        title: Participants
        basis: assumption
        guidance: Enough participants.
        checks:
          - id: enough
            title: At least 15 participants
            points: 2
            rule: {kind: threshold, field: participants.committed, min: 15}
            basis: assumption
            fix: Recruit participants.
"""

STRATEGY = "# Strategy\n\n## Vision\n\nA vision.\n\n## Objectives\n\nSome objectives.\n"


def evidence(*, committed: int = 20, expires: str = "2027-01-31") -> str:
    """An evidence file for DOCUMENT_PACK; the line numbers in the comments are relied on by tests."""
    return textwrap.dedent(
        f"""\
        schema_version: 1
        criteria: pack.yaml
        cluster:
          name: Test cluster
          country: NO
        participants:
          committed: {committed}
        strategy:
          document: docs/strategy.md
        declarations:
          "4.1.4":
            status: met
            justification: Budget reports every quarter.
            documents: [docs/strategy.md]
            expires: {expires}
        """
    )


# Lines of the evidence above: participants.committed 7, strategy 8, strategy.document 9, the 4.1.4 key 11.
LINE_COMMITTED, LINE_STRATEGY, LINE_DOCUMENT, LINE_DECLARATION = 7, 8, 9, 11


def git_env(date: str | None = None) -> dict[str, str]:
    """The environment for test git commands: no user or system config, fixed dates when given."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    if date is not None:
        env.update(
            GIT_AUTHOR_DATE=f"{date}T12:00:00+00:00", GIT_COMMITTER_DATE=f"{date}T12:00:00+00:00"
        )
    return env


def git(repo: Path, *args: str, date: str | None = None) -> str:
    """Run git in ``repo`` as a test user; fail the test with git's message when it fails."""
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=repo,
        env=git_env(date),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"git {' '.join(args)} failed:\n{done.stderr}"
    return done.stdout


def init(repo: Path) -> Path:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    return repo


def commit(repo: Path, message: str, date: str) -> None:
    """Commit everything in the working tree with author and committer date ``date`` (YYYY-MM-DD)."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", message, date=date)


def write(repo: Path, relative: str, text: str) -> Path:
    path = repo / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def document_repo(
    repo: Path, *, date: str, strategy: str = STRATEGY, **evidence_options: object
) -> Path:
    """A strategy repository with the pack, the evidence and docs/strategy.md, committed on ``date``."""
    init(repo)
    write(repo, "pack.yaml", DOCUMENT_PACK)
    write(repo, "cluster.yaml", evidence(**evidence_options))  # type: ignore[arg-type]
    write(repo, "docs/strategy.md", strategy)
    commit(repo, "evidence", date)
    return repo
