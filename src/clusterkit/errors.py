"""The one error root, positioned input problems, and the exit codes every command returns."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    """Process exit codes; the command-line contract in docs/cli.md."""

    OK = 0
    CHECK_FAILED = 1
    INPUT_ERROR = 2
    INTERNAL = 3


class Problem(NamedTuple):
    """One thing wrong with one input file, at a position a person can jump to.

    ``line`` and ``column`` are 1-based; 0 means "the file as a whole" (an encoding error, an empty file).
    ``field`` is the dotted path of the value inside the document (``participants.committed``,
    ``services.3.applied``), empty when the problem is not about one value.
    """

    path: str
    line: int
    column: int
    message: str
    code: str
    field: str = ""
    hint: str = ""

    def format(self, severity: str = "error") -> str:
        """``path:line:col: error: field: message; hint [code]``, the line compilers and editors parse;
        ``severity`` is ``warning`` for a problem that does not stop the command."""
        text = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            text = f"{text}; {self.hint}"
        return one_line(f"{self.path}:{self.line}:{self.column}: {severity}: {text} [{self.code}]")


# Every control character and line separator, shown as an escape: one problem stays one line, and a value
# or file name echoed in a message cannot send terminal escape sequences.
_ESCAPES = {
    code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0)) if code != 0x09
} | {0x0A: "\\n", 0x0D: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def one_line(text: str) -> str:
    """``text`` with newlines and other control characters escaped (``\\n``, ``\\x1b``)."""
    return text.translate(_ESCAPES)


class ClusterkitError(Exception):
    """Root of every error clusterkit raises on purpose; the CLI turns it into a message and exit code."""

    exit_code: ExitCode = ExitCode.INTERNAL


class InputError(ClusterkitError):
    """One or more problems with the user's input files; always exit code 2."""

    exit_code = ExitCode.INPUT_ERROR

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(set(problems)))
        if not self.problems:
            raise ValueError("InputError needs at least one problem")
        super().__init__("\n".join(p.format() for p in self.problems))

    @classmethod
    def single(
        cls,
        path: str,
        message: str,
        code: str,
        *,
        line: int = 0,
        column: int = 0,
        field: str = "",
        hint: str = "",
    ) -> InputError:
        """Shortcut for an error with one problem."""
        return cls([Problem(path, line, column, message, code, field, hint)])


class UsageError(ClusterkitError):
    """A command-line option that makes no sense (an unknown level, an unreadable output path)."""

    exit_code = ExitCode.INPUT_ERROR
