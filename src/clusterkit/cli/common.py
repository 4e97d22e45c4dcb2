"""What every command shares: one error handler, atomic output files, dates and consoles."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from clusterkit.errors import ClusterkitError, ExitCode, InputError, UsageError

if TYPE_CHECKING:
    from clusterkit.results.assessment import Assessment

STATE = {"debug": False}


def run_command(body: Callable[[], ExitCode]) -> None:
    """Run a command body; turn our errors into messages and exit codes, and any other into exit 3.

    The broad except is deliberate and the only one: an unexpected exception is a bug, reported in one
    line (with the traceback under --debug) and exit code 3, never as a raw traceback to a user.
    """
    try:
        code = body()
    except InputError as error:
        for problem in error.problems:
            typer.echo(problem.format(), err=True)
        count = len(error.problems)
        files = len({problem.path for problem in error.problems})
        from clusterkit.results.numbers import counted  # imports pydantic: not for --help

        typer.echo(f"{counted(count, 'error')} in {counted(files, 'file')}", err=True)
        _debug_trace()
        code = error.exit_code
    except ClusterkitError as error:
        typer.echo(f"clusterkit: error: {error}", err=True)
        _debug_trace()
        code = error.exit_code
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as error:
        typer.echo(f"clusterkit: internal error: {type(error).__name__}: {error}", err=True)
        if STATE["debug"]:
            traceback.print_exc()
        else:
            typer.echo(
                "this is a bug in clusterkit; run again with --debug and report the output",
                err=True,
            )
        code = ExitCode.INTERNAL
    raise typer.Exit(int(code))


def _debug_trace() -> None:
    if STATE["debug"]:
        traceback.print_exc()


def assess_file(
    file: Path, criteria: list[str], levels: list[str], today: str | None
) -> Assessment:
    """Load, validate and assess one evidence file; say so when the date came from the clock."""
    from clusterkit.pipeline import load_evidence, run

    date = parse_date(today)
    assessment = run(load_evidence(file, str(file)), criteria=criteria, levels=levels, today=date)
    if assessment.date_source == "clock":
        day = assessment.assessment_date
        typer.echo(
            f"note: assessed as of {day} (today); pass --today {day} or set assessment_date in the file "
            "to repeat this run",
            err=True,
        )
    return assessment


# The one clock `--today today` reads; tests replace it.
CLOCK: Callable[[], dt.date] = dt.date.today


def parse_date(value: str | None, option: str = "--today") -> dt.date | None:
    """A YYYY-MM-DD option value (or ``today``, the clock's date), or a usage error naming the option.

    ``--today today`` is how CI lets evidence age: a file whose assessment_date is pinned would otherwise
    pass for ever. Only the CLI reads the clock; the core gets the date.
    """
    if value is None:
        return None
    if value == "today":
        return CLOCK()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"{option} {value!r} is not a date; write it as YYYY-MM-DD, or `today`"
        ) from None


def write_output(text: str | bytes, output: Path | None, protected: tuple[Path, ...] = ()) -> None:
    """Print to stdout, or write a file atomically (temp file + rename): never half a report, never an input."""
    if output is None:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = output.resolve()
    if any(target == path.resolve() for path in protected):
        raise UsageError(f"refusing to write the output over the input file {output}")
    if target.is_dir():
        raise UsageError(f"{output} is a folder; give a file name")
    if not target.parent.is_dir():
        raise UsageError(f"the folder of {output} does not exist")
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        # bytes as they are (a copied PDF or Word document); text as UTF-8 with \n line ends
        with os.fdopen(handle, "wb") as stream:
            stream.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        # mkstemp makes the file private (0600); a report is meant to be shared, so give it the
        # mode any new file gets under the user's umask.
        Path(temporary).chmod(0o666 & ~_umask())
        Path(temporary).replace(target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UsageError(f"cannot write {output}: {error.strerror}") from None


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def use_color() -> bool:
    """Colour on a terminal; never when NO_COLOR is set (https://no-color.org), which wins; also into a
    pipe when FORCE_COLOR is set (https://force-color.org), for CI logs that show colour."""
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()
