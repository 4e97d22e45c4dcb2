"""Evidence at other git revisions: check a revision out (`diff --rev`), list a file's history (`history`).

A detached ``git worktree`` in a temporary folder holds the whole tree at that revision: the evidence file,
every document it names, and any pack it names by path, and git answers "when did this document last
change" as of that revision, so document facts are right. Checkout hooks are switched off. The worktree is
removed (and pruned) however the block ends.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from clusterkit.errors import UsageError
from clusterkit.facts.git import find_repository, git

FETCH_HINT = (
    "in CI, fetch the history first (actions/checkout with `fetch-depth: 0`, or `git fetch`)"
)


def split_range(spec: str) -> tuple[str, str | None]:
    """``A..B`` -> (A, B); ``A..`` -> (A, HEAD); ``..B`` -> (HEAD, B); ``A`` -> (A, None: the working tree)."""
    if "..." in spec:
        raise UsageError(f"--rev {spec}: A...B is not supported; give two revisions as A..B")
    old, dots, new = spec.partition("..")
    old, new = old.strip() or "HEAD", new.strip() or "HEAD"
    for revision in (old, new):
        if revision.startswith("-"):
            raise UsageError(f"--rev {spec}: a revision may not start with '-'")
    return old, new if dots else None


def repository_top(file: Path) -> Path:
    """The top of the git work tree that holds ``file``; a usage error outside git."""
    folder = file.resolve().parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    repository, problem = find_repository(folder)
    if repository is None:
        raise UsageError(
            f"--rev needs a git repository around {file}" + (f": {problem}" if problem else "")
        )
    return repository.top


def commit_id(top: Path, revision: str) -> str:
    """The commit a revision names; a usage error when git does not know it."""
    found = git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if found.returncode != 0 or not found.stdout.strip():
        raise UsageError(f"git does not know the revision `{revision}`; {FETCH_HINT}")
    return found.stdout.strip()


def commit_date(top: Path, revision: str) -> dt.date:
    """The commit date of a revision: the date an assessment at it is made as of, when its file has none."""
    shown = git(top, "log", "-1", "--format=%cs", commit_id(top, revision))
    if shown.returncode != 0 or not shown.stdout.strip():
        raise UsageError(f"git cannot date the revision `{revision}`: {shown.first_error}")
    return dt.date.fromisoformat(shown.stdout.strip())


@contextmanager
def checkout(top: Path, revision: str) -> Iterator[Path]:
    """A temporary worktree of the repository at ``top``, at ``revision``; removed afterwards."""
    commit = commit_id(top, revision)
    temporary = Path(tempfile.mkdtemp(prefix="clusterkit-rev-"))
    tree, hooks = temporary / "tree", temporary / "no-hooks"
    hooks.mkdir()
    added = git(
        top,
        "-c",
        f"core.hooksPath={hooks}",
        "worktree",
        "add",
        "--detach",
        "--quiet",
        str(tree),
        commit,
    )
    if added.returncode != 0:
        shutil.rmtree(temporary, ignore_errors=True)
        raise UsageError(f"cannot check out `{revision}`: {added.first_error}")
    try:
        yield tree
    finally:
        git(top, "worktree", "remove", "--force", str(tree))
        shutil.rmtree(temporary, ignore_errors=True)
        git(top, "worktree", "prune")


class Revision(NamedTuple):
    """A commit to assess for the history: its id, its commit date, and how it is shown."""

    commit: str
    date: dt.date
    label: str  # the tag, else the short commit id


def history_revisions(
    top: Path, relative: str, *, rev: str | None = None, tags: bool = False, every: int = 1
) -> list[Revision]:
    """The commits of the history of one file, oldest first.

    Default: every commit that changed the file. ``rev`` (``A..B``) limits them to a range; ``tags``
    takes the tagged commits instead (those that hold the file); ``every`` keeps every Nth of them and
    always the newest.
    """
    if tags:
        found = _tagged(top, relative)
    else:
        args = ["log", "--reverse", "--format=%H%x09%cs%x09%h"]
        if rev is not None:
            old, new = split_range(rev)
            args.append(f"{commit_id(top, old)}..{commit_id(top, new or 'HEAD')}")
        listed = git(top, *args, "--", relative)
        if listed.returncode != 0:
            raise UsageError(f"git log failed: {listed.first_error}; {FETCH_HINT}")
        found = [_revision(line) for line in listed.stdout.splitlines() if line.strip()]
    if every > 1 and found:
        found = [item for n, item in enumerate(found) if n % every == 0 or n == len(found) - 1]
    return found


def _revision(line: str, label: str | None = None) -> Revision:
    commit, date, short = line.split("\t")
    return Revision(commit, dt.date.fromisoformat(date), label or short)


def _tagged(top: Path, relative: str) -> list[Revision]:
    """Tagged commits that hold the file, oldest first (by commit date, then tag name)."""
    names = git(top, "tag", "--list")
    if names.returncode != 0:
        raise UsageError(f"git tag failed: {names.first_error}")
    found = []
    for tag in sorted(line.strip() for line in names.stdout.splitlines() if line.strip()):
        shown = git(top, "log", "-1", "--format=%H%x09%cs%x09%h", f"refs/tags/{tag}^{{commit}}")
        present = git(top, "cat-file", "-e", f"refs/tags/{tag}^{{commit}}:{relative}")
        if shown.returncode == 0 and present.returncode == 0 and shown.stdout.strip():
            found.append(_revision(shown.stdout.strip(), tag))
    return sorted(found, key=lambda item: (item.date, item.label))
