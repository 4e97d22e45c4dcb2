"""What every command shares: one error handler, dates and consoles (files are written by `output`)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from clusterkit.errors import ClusterkitError, ExitCode, InputError, UsageError, one_line
from clusterkit.load.files import forget_inputs

if TYPE_CHECKING:
    from clusterkit.results.assessment import Assessment

STATE = {"debug": False}


def run_command(body: Callable[[], ExitCode]) -> None:
    """Run a command body; turn our errors into messages and exit codes, and any other into exit 3.

    The broad except is deliberate and the only one: an unexpected exception is a bug, reported in one
    line (with the traceback under --debug) and exit code 3, never as a raw traceback to a user.
    """
    forget_inputs()  # the inputs an earlier command of this process read are not this run's
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
        typer.echo(one_line(f"clusterkit: error: {error}"), err=True)
        _debug_trace()
        code = error.exit_code
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as error:
        typer.echo(
            one_line(f"clusterkit: internal error: {type(error).__name__}: {error}"), err=True
        )
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
    file: Path,
    criteria: list[str],
    levels: list[str],
    today: str | None,
    baseline: str | None = None,
) -> Assessment:
    """Load, validate and assess one evidence file; say so when the date came from the clock.

    ``baseline`` is the --baseline REV|FILE that improvement conditions measure progress against.
    """
    # Only reports are written in other languages; the terminal and CI formats stay English.
    return assess_file_in(file, criteria, levels, today, "en", baseline)[0]


def assess_file_in(
    file: Path,
    criteria: list[str],
    levels: list[str],
    today: str | None,
    language: str | None,
    baseline: str | None = None,
) -> tuple[Assessment, str]:
    """assess_file, with the packs' texts in the report's language; and that language."""
    from clusterkit.cli.baseline import resolve_baseline
    from clusterkit.pipeline import load_evidence, run

    date = parse_date(today)
    loaded = load_evidence(file, str(file))
    chosen = report_language(language, loaded.evidence.cluster.language)
    earlier = resolve_baseline(file, baseline, criteria, levels)
    assessment = run(
        loaded, criteria=criteria, levels=levels, today=date, language=chosen, baseline=earlier
    )
    if assessment.date_source == "clock":
        day = assessment.assessment_date
        typer.echo(
            f"note: assessed as of {day} (today); pass --today {day} or set assessment_date in the file "
            "to repeat this run",
            err=True,
        )
    return assessment, chosen


def report_language(option: str | None, declared: str | None) -> str:
    """--lang, else the evidence's cluster.language when clusterkit has it, else English."""
    from clusterkit.render.languages import LANGUAGES, SOURCE_LANGUAGE

    available = ", ".join(LANGUAGES)
    if option is not None:
        if option not in LANGUAGES:
            raise UsageError(f"no report translation for --lang {option!r}; available: {available}")
        return option
    if declared is None:
        return SOURCE_LANGUAGE
    if declared not in LANGUAGES:
        typer.echo(
            f"note: no report translation for cluster.language `{declared}`; writing English "
            f"(available: {available})",
            err=True,
        )
        return SOURCE_LANGUAGE
    return declared


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
    from clusterkit.models.base import EARLIEST_DATE, LATEST_DATE

    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"{option} {value!r} is not a date; write it as YYYY-MM-DD, or `today`"
        ) from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:  # the window every date of an evidence file is in
        raise UsageError(f"{option} {value} is outside {EARLIEST_DATE} to {LATEST_DATE}")
    return day


def use_color() -> bool:
    """Colour on a terminal; never when NO_COLOR is set (https://no-color.org), which wins; also into a
    pipe when FORCE_COLOR is set (https://force-color.org), for CI logs that show colour."""
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()
