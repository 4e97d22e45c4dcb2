"""Reading input files: regular files only, bounded in size, and each one remembered as an input.

Every evidence file, pack and document is read through ``read_regular``. It refuses a FIFO, a device, a
socket or a folder before reading from it: a FIFO given as ``cluster.yaml`` would otherwise block for
ever, a device could be endless. The file is opened without blocking and checked again on the open
descriptor, so swapping a FIFO in between the two checks cannot hang a run either.

Each path read (or named, for a document that does not exist yet) is noted in ``INPUTS``; the output
policy (``clusterkit.cli.output``) refuses to write over any of them. Readers note their own files, so
the policy needs no list of input kinds that could drift from what the commands really read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from clusterkit.errors import InputError

_INPUTS: set[Path] = set()

# What a path that is no regular file is, for a message a person understands.
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def note_input(path: Path) -> None:
    """Remember ``path`` as an input of this run (resolved, so another spelling of it matches too)."""
    _INPUTS.add(absolute(path))


def note_resolved(path: Path) -> None:
    """``note_input`` for a path resolved already (a second resolve is a system call per part)."""
    _INPUTS.add(path)


def inputs() -> frozenset[Path]:
    """Every input noted since the last ``forget_inputs``."""
    return frozenset(_INPUTS)


def forget_inputs() -> None:
    """Start a new run: the inputs of an earlier command (in the same process) no longer count."""
    _INPUTS.clear()


def absolute(path: Path) -> Path:
    """``path`` with symbolic links resolved where that is possible, else only made absolute.

    A link loop, a NUL byte or an over-long name cannot be resolved; such a path is kept as written so a
    caller can still compare it and report the real problem when it opens the file.
    """
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # RuntimeError: a link loop (Python 3.11, 3.12)
        return Path(os.path.abspath(path))  # noqa: PTH100 - resolve() is what just failed


def kind_of(mode: int) -> str | None:
    """What a file of this mode is when it is no regular file, else None."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def read_regular(
    path: Path, limit: int, display: str, missing: str = "check the path and spelling"
) -> bytes:
    """Up to ``limit + 1`` bytes of a regular file (one past the limit tells the caller it is too large).

    InputError (shown as ``display``) when the path does not exist (with the hint ``missing``), is no
    regular file, or cannot be read.
    """
    note_input(path)
    try:
        kind = kind_of(path.stat().st_mode)
        if kind is not None:
            raise _not_a_file(display, kind)
        # O_NONBLOCK: a FIFO swapped in after the stat opens at once instead of waiting for a writer.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError.single(
            display, "the file does not exist", "file-not-found", hint=missing
        ) from None
    except (OSError, ValueError) as error:
        raise _unreadable(display, error) from None
    with os.fdopen(descriptor, "rb") as handle:
        kind = kind_of(os.fstat(handle.fileno()).st_mode)
        if kind is not None:
            raise _not_a_file(display, kind)
        try:
            return handle.read(limit + 1)
        except OSError as error:
            raise _unreadable(display, error) from None


def read_text(path: Path, display: str, missing: str = "check the path and spelling") -> str:
    """A regular UTF-8 text file, read as ``read_regular`` reads it and decoded as the loader decodes
    (size limit, byte-order mark, NUL and control characters). For the files a command reads whole
    besides the loader (a list of evidence files, cluster.yaml read again for editing): none of them
    can block on a FIFO either."""
    # Here, not at the top: the CLI imports this module for --help, which must not import PyYAML.
    from clusterkit.load.limits import MAX_FILE_BYTES
    from clusterkit.load.text import decode

    return decode(read_regular(path, MAX_FILE_BYTES, display, missing), display)


def _not_a_file(display: str, kind: str) -> InputError:
    return InputError.single(
        display, f"this is {kind}, not a file", "unreadable", hint="give the path of a regular file"
    )


def _unreadable(display: str, error: OSError | ValueError) -> InputError:
    if isinstance(error, ValueError):  # "embedded null byte": only os.stat sees it
        reason = "the path contains a NUL byte"
    elif error.errno == errno.ELOOP:
        reason = "the path is a loop of symbolic links"
    elif error.errno == errno.ENAMETOOLONG:
        reason = "the path or one of its names is too long"
    else:
        reason = error.strerror or type(error).__name__
    return InputError.single(display, f"the file cannot be read: {reason}", "unreadable")
