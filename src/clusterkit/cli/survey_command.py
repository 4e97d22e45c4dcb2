"""Bodies of `clusterkit survey import` and `survey template`: member surveys in and out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from clusterkit.cli.common import parse_date
from clusterkit.cli.output import write_output
from clusterkit.errors import ExitCode, UsageError

if TYPE_CHECKING:
    from clusterkit.models.surveys import SatisfactionSurvey


def summary_data(survey: SatisfactionSurvey) -> dict[str, Any]:
    """The summary as cluster.yaml holds it: given fields only, nothing worked out from them."""
    return survey.model_dump(mode="python", exclude_none=True, exclude={"response_rate"})


def summary_yaml(survey: SatisfactionSurvey, results: Path) -> str:
    """The summary as a satisfaction_surveys entry to paste into cluster.yaml."""
    import yaml

    head = (
        f"# Survey summary of {results.name}: {survey.respondents} respondents. Paste the entry under\n"
        "# satisfaction_surveys in cluster.yaml, or import with --into cluster.yaml to write it there.\n"
    )
    body = yaml.safe_dump(
        {"satisfaction_surveys": [summary_data(survey)]}, sort_keys=False, allow_unicode=True
    )
    return head + body


def import_results(
    results: Path,
    mapping: Path | None,
    into: Path | None,
    date: str | None,
    invited: int | None,
    today: str | None,
    criteria: list[str],
    output: Path | None,
) -> ExitCode:
    """Summarise a survey export; print it (or -o), or write it into an evidence file (--into)."""
    from clusterkit.pipeline import import_survey, load_evidence
    from clusterkit.scoring.survey import SurveyRun

    if into is not None and output is not None:
        raise UsageError("give --into FILE or --output PATH, not both")
    if invited is not None and invited < 0:
        raise UsageError(f"--invited {invited} is not a count")
    imported = parse_date(today)
    if imported is None:
        imported = dt.date.today()
        typer.echo(
            f"note: the import date is recorded as {imported} (today); pass --today to repeat this run",
            err=True,
        )
    run = SurveyRun(
        file_name=results.name,
        imported=imported,
        date=parse_date(date, "--date"),
        invited=invited,
    )
    loaded = load_evidence(into, str(into)) if into is not None else None
    survey = import_survey(results, mapping, run, criteria=criteria, into=loaded)
    inputs = (results, *(path for path in (mapping,) if path is not None))
    if into is None:
        write_output(summary_yaml(survey, results), output, protected=inputs)
        return ExitCode.OK
    from clusterkit.cli.survey_into import write_into

    write_into(into, survey)
    typer.echo(
        f"wrote the survey of {survey.date} ({survey.respondents} respondents) into {into}",
        err=True,
    )
    return ExitCode.OK


def template(file: Path, output_format: str, output: Path | None) -> ExitCode:
    """The questionnaire (md) or the CSV header (csv) for the services of an evidence file."""
    from clusterkit.pipeline import load_evidence
    from clusterkit.render.survey import csv_header, questionnaire

    evidence = load_evidence(file, str(file)).evidence
    names = [service.name for service in evidence.services or ()]
    cluster = evidence.cluster.name
    text = questionnaire(cluster, names) if output_format == "md" else csv_header(names)
    write_output(text, output, protected=(file,))
    return ExitCode.OK
