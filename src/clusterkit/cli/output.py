"""The output policy: the one place that decides where clusterkit may write, and writes atomically.

Reports (``-o``, the default ``report.html``), schemas and the GitHub step summary all go through here:

- ``-`` (or no ``-o``) means stdout;
- never over an input of the run: the evidence file, a document it names, a pack in use (every reader
  notes its files in ``clusterkit.load.files``), compared by resolved path and by inode (a hard link);
- never outside the current repository through a symbolic link (a committed ``report.html`` linking to
  ``../victim/run.sh``, or ``out/`` linking elsewhere), while a path written outside it is the user's choice;
- only regular files: a folder, FIFO, device or socket is refused (a report must not replace ``/dev/null``);
- atomic: a hidden temporary file in the target's folder, renamed over the target, so a reader sees the
  old report or the new one, never half of one. The temporary file is removed on any error and on
  SIGINT/SIGTERM/SIGHUP; after a SIGKILL it stays hidden and the next write into that folder removes it.

Every refusal is a UsageError (exit 2) that names the path. ``atomic_write`` is the primitive the
commands that edit ``cluster.yaml`` on purpose reuse: the same checks, except that the file being edited
may of course be an input.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType

from clusterkit.errors import UsageError
from clusterkit.load.files import absolute, inputs, kind_of

STDOUT = "-"
TEMP_PREFIX = ".clusterkit-"
TEMP_SUFFIX = ".tmp"
STALE_SECONDS = 3600
"""A temporary file older than this is left over whatever its process id says (ids are reused)."""


def write_output(text: str | bytes, output: Path | None, protected: Iterable[Path] = ()) -> None:
    """Print ``text`` to stdout (no output, or ``-``), or replace ``output`` with it under the policy.

    Bytes (a copied PDF or Word document) go out as they are; text as UTF-8 with LF line ends."""
    if output is None or str(output) == STDOUT:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
        return
    atomic_write(output, text, protected=protected)


def atomic_write(
    path: Path, content: str | bytes, *, protected: Iterable[Path] = (), editing: bool = False
) -> Path:
    """Replace ``path`` with ``content`` (text is written as UTF-8 with LF line ends); returns the file
    written (the target of an in-repository symbolic link). ``editing``: ``path`` is the evidence file a
    command edits on purpose (init, interview, imports), so being an input does not stop it; every
    other input (a document, a pack) still does."""
    target = checked_target(path, protected, exempt=absolute(path) if editing else None)
    data = content.encode("utf-8") if isinstance(content, str) else content
    _remove_leftovers(target.parent)
    with _temporary(target.parent, path) as temporary:
        with temporary.open("wb") as stream:
            stream.write(data)
        temporary.chmod(_mode_for(target))
        temporary.replace(target)
    return target


def checked_target(
    path: Path, protected: Iterable[Path] = (), *, exempt: Path | None = None
) -> Path:
    """The resolved file ``path`` names, once the policy allows writing it; UsageError otherwise.

    ``protected`` adds paths to the run's inputs; ``exempt`` is the one input that may be replaced."""
    protected = tuple(protected)
    try:
        resolved = path.resolve()
    except RuntimeError:  # Python 3.11-3.12 report a loop of symbolic links this way
        raise _refused(path, "it is a loop of symbolic links") from None
    except (OSError, ValueError) as error:
        raise _refused(path, _reason(error)) from None
    try:
        mode: int | None = resolved.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:  # a name too long, a file in a folder that is no folder
        raise _refused(path, _reason(error)) from None
    exists = mode is not None
    guarded = [*protected, *inputs()]
    _check_not_an_input(
        path, resolved, exists, [item for item in guarded if absolute(item) != exempt]
    )
    _check_link(path, resolved, protected)
    kind = kind_of(mode) if mode is not None else None
    if kind is not None:
        advice = (
            "give a file name" if kind == "a folder" else "write to a regular file, or - for stdout"
        )
        raise _refused(path, f"it is {kind}; {advice}")
    if not resolved.parent.is_dir():
        raise _refused(path, "its folder does not exist")
    return resolved


def append_text(path: Path, text: str, protected: Iterable[Path] = ()) -> None:
    """Append to ``path`` (GitHub's step summary) under the same policy; OSError passes to the caller."""
    target = checked_target(path, protected)
    # O_NOFOLLOW: the checked target is the final name, so a link put there since is not followed.
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(target, flags, 0o666)
    with os.fdopen(descriptor, "a", encoding="utf-8", newline="\n") as stream:
        stream.write(text)


def _check_not_an_input(path: Path, resolved: Path, exists: bool, protected: list[Path]) -> None:
    """Refuse a target that is one of the run's inputs, also under another name or through a hard link."""
    targets = {absolute(item) for item in protected}
    same = resolved in targets
    if not same and exists:
        with contextlib.suppress(OSError):
            same = any(item.exists() and item.samefile(resolved) for item in targets)
    if same:
        raise _refused(path, "it is an input of this run (the evidence file, a document or a pack)")


def _check_link(path: Path, resolved: Path, protected: Iterable[Path]) -> None:
    """Refuse a path inside a repository that a symbolic link takes outside it: the repository of the
    working folder, or of an evidence file the command names (its default report.html goes beside it)."""
    from clusterkit.facts.documents import repository_root

    # abspath, not resolve: the path as written (`..` folded), before any link is followed
    written = Path(os.path.abspath(path))  # noqa: PTH100
    folders = {Path.cwd(), *(absolute(item).parent for item in protected)}
    for root in {repository_root(folder) for folder in folders if folder.is_dir()}:
        if written.is_relative_to(root) and not resolved.is_relative_to(root):
            raise _refused(
                path, f"a symbolic link takes it to {resolved}, outside the repository {root}"
            )


@contextlib.contextmanager
def _temporary(folder: Path, shown: Path) -> Iterator[Path]:
    """A new hidden file in ``folder``, removed unless renamed away, also when a signal ends the run."""
    name = f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(4).hex()}{TEMP_SUFFIX}"
    temporary = folder / name
    try:
        # O_EXCL: never reuse (or follow a link at) a name that is already there.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise _refused(shown, _reason(error)) from None
    os.close(descriptor)
    try:
        with _signals_raise():
            yield temporary
    except OSError as error:
        raise _refused(shown, _reason(error)) from None
    finally:
        temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into SystemExit while writing, so ``finally`` removes the temporary file
    (SIGINT already raises KeyboardInterrupt). Signal handlers belong to the main thread only."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    previous = {number: signal.getsignal(number) for number in wanted}

    def stop(number: int, _frame: FrameType | None) -> None:
        raise SystemExit(128 + number)

    for number in wanted:
        signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _remove_leftovers(folder: Path) -> None:
    """Remove temporary files a killed run left in ``folder`` (a live writer's file is kept)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            ours = entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX)
            if ours and _left_over(entry):
                with contextlib.suppress(OSError):
                    Path(entry.path).unlink()


def _left_over(entry: os.DirEntry[str]) -> bool:
    pid_text = entry.name.removeprefix(TEMP_PREFIX).partition("-")[0]
    if not pid_text.isdigit():
        return False
    if time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
        return True
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, but another user's: not ours to judge
        return False
    return False


def _mode_for(target: Path) -> int:
    """An existing report keeps its mode; a new one gets what any new file gets under the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    """The process umask (reading it means setting it, so it is set straight back)."""
    current = os.umask(0o022)
    os.umask(current)
    return current


def _reason(error: OSError | ValueError) -> str:
    if isinstance(error, ValueError):
        return "the path contains a NUL byte"
    return error.strerror or type(error).__name__


def _refused(path: Path, why: str) -> UsageError:
    return UsageError(f"cannot write {os.fsdecode(path)!r}: {why}")
