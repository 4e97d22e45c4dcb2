"""Ask git when each document last changed: the committer date of the last commit that touched it.

Only files that are committed and unchanged in the working tree get a git date. A file with uncommitted
changes (staged or not) or an untracked file gets none, and ``facts.dates`` falls back to its own
metadata date, else its modification time: the content being assessed is the working tree's, and that
content changed when the file was last written, not at the last commit. In CI the checkout is clean, so every committed document
gets its commit date (a checkout resets modification times, which is why git dates matter there).

Git is run with an argument list (never a shell), read-only and without optional locks, so it can run
inside a pre-commit hook while git holds the index lock. No git, no repository, or a repository git
refuses to read: no dates, and a warning where a repository was expected.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

GIT_TIMEOUT_SECONDS = 60
SHALLOW_WARNING = (
    "this is a shallow git clone: document dates come from the few commits fetched, so documents may "
    "look more recent than they are; fetch the full history (actions/checkout with `fetch-depth: 0`, "
    "`GIT_DEPTH: 0` in GitLab CI, or `git fetch --unshallow`)"
)


# A shared default must not be changed in place: a read-only empty mapping.
NO_DATES: Mapping[Path, dt.date] = MappingProxyType({})


class GitDates(NamedTuple):
    """Commit dates of committed, unmodified files (by resolved path), and what the reader should know."""

    dates: Mapping[Path, dt.date] = NO_DATES
    warnings: tuple[str, ...] = ()


class GitResult(NamedTuple):
    """The outcome of one git command; ``returncode`` -1 when git could not be started."""

    returncode: int
    stdout: str
    stderr: str

    @property
    def first_error(self) -> str:
        lines = [line.strip() for line in self.stderr.splitlines() if line.strip()]
        return lines[0] if lines else f"git exited with status {self.returncode}"


def git(folder: Path, *args: str) -> GitResult:
    """Run git in ``folder``; a missing git executable is a result, not an exception."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
            timeout=GIT_TIMEOUT_SECONDS,
        )
    except FileNotFoundError:
        return GitResult(-1, "", "git is not installed")
    except (OSError, subprocess.TimeoutExpired) as error:
        return GitResult(-1, "", f"git could not run: {error}")
    return GitResult(done.returncode, done.stdout, done.stderr)


def work_tree_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` holding ``.git`` (a folder, or a linked worktree's file)."""
    current = folder.resolve()
    return next((c for c in (current, *current.parents) if (c / ".git").exists()), None)


class Repository(NamedTuple):
    """The work tree git found around a folder."""

    top: Path
    shallow: bool


def find_repository(folder: Path) -> tuple[Repository | None, str]:
    """The repository around ``folder``, or None and why not ('' when there simply is none)."""
    if work_tree_root(folder) is None:
        return None, ""
    found = git(folder, "rev-parse", "--show-toplevel", "--is-shallow-repository")
    lines = found.stdout.splitlines()
    if found.returncode != 0 or not lines:
        return (
            None,
            f"git cannot read the repository ({found.first_error}); document dates are file dates",
        )
    shallow = len(lines) > 1 and lines[1].strip() == "true"
    return Repository(Path(lines[0]).resolve(), shallow), ""


def last_commit_dates(folder: Path, files: Sequence[Path]) -> GitDates:
    """Commit dates (keyed by resolved path) of the ``files`` that are committed and clean in git."""
    repository, problem = find_repository(folder)
    if repository is None:
        return GitDates(warnings=(problem,) if problem else ())
    warnings = (SHALLOW_WARNING,) if repository.shallow else ()
    relative = _relative_paths(repository.top, files)
    if not relative:
        return GitDates(warnings=warnings)
    changed = _uncommitted(repository.top, list(relative))
    if changed is None:
        return GitDates(warnings=(*warnings, "git status failed; document dates are file dates"))
    wanted = [path for path in relative if path not in changed]
    dates, problem = _commit_dates(repository.top, wanted) if wanted else ({}, "")
    if problem:
        warnings = (*warnings, problem)
    return GitDates({relative[path]: date for path, date in dates.items()}, warnings)


def _relative_paths(top: Path, files: Sequence[Path]) -> dict[str, Path]:
    """Repository-relative POSIX path -> resolved absolute path, for the files inside the work tree."""
    found: dict[str, Path] = {}
    for file in files:
        resolved = file.resolve()
        if resolved.is_relative_to(top):
            found[resolved.relative_to(top).as_posix()] = resolved
    return found


def _uncommitted(top: Path, paths: list[str]) -> set[str] | None:
    """The paths with staged or unstaged changes, or untracked; None when git status fails."""
    status = git(
        top,
        "--literal-pathspecs",
        "--no-optional-locks",
        "status",
        "--porcelain=v1",
        "-z",
        "--untracked-files=all",
        "--",
        *paths,
    )
    if status.returncode != 0:
        return None
    changed: set[str] = set()
    entries = iter(status.stdout.split("\0"))
    for entry in entries:
        if len(entry) < 4:
            continue
        changed.add(entry[3:])
        if entry[0] in "RC":  # a rename or copy is followed by its origin path
            next(entries, None)
    return changed


def _commit_dates(top: Path, paths: list[str]) -> tuple[dict[str, dt.date], str]:
    """The committer date of the newest commit touching each path, from one ``git log`` call."""
    log = git(
        top,
        "--literal-pathspecs",
        "log",
        "--format=%x1e%cs",
        "--name-only",
        "-z",
        "--no-renames",
        "--",
        *paths,
    )
    if log.returncode != 0:
        if git(top, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
            return {}, ""  # no commit yet: every file is uncommitted
        return {}, f"git log failed ({log.first_error}); document dates are file dates"
    wanted: set[str] = set(paths)
    dates: dict[str, dt.date | None] = {}
    for record in log.stdout.split("\x1e")[1:]:
        day, _, names = record.partition("\0")
        for name in names.removeprefix("\n").split("\0"):
            # git log lists newest first, so the first date seen for a path is its last change
            if name in wanted and name not in dates:
                dates[name] = _day(day)
    return {name: day for name, day in dates.items() if day is not None}, ""


def _day(text: str) -> dt.date | None:
    """A ``%cs`` committer date; None for one Python cannot hold (a forged commit in year 10000)."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None
