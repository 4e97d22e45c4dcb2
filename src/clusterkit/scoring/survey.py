"""From a member survey's rows to the summary cluster.yaml keeps: pure, every problem at its row and column.

Only numbers leave the export: respondents, shares and per-service means. Columns of free text are
never read (a column the mapping does not name is an error, so nothing is read by accident). Shares and
means are rounded down, never up, so a stored figure never passes a threshold the exact one misses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

from clusterkit.errors import InputError, Problem, UsageError
from clusterkit.models.portfolio import SurveyScale
from clusterkit.models.survey_import import Role, SurveyMapping, SurveyTable
from clusterkit.models.surveys import SatisfactionSurvey, ServiceRating, SurveySource
from clusterkit.scoring.survey_columns import MappingLocator, plan_columns


class SurveyRun(NamedTuple):
    """What the command line says about this import: the file's name, today, the survey's date, invited."""

    file_name: str
    imported: dt.date
    date: dt.date | None = None
    invited: int | None = None


def _floor(value: Fraction, places: int) -> float:
    scale: int = 10**places
    scaled = value * scale
    whole: int = scaled.numerator // scaled.denominator
    return whole / scale


@dataclass
class _Answers:
    """Answers per role, collected row by row (1 to 5; blanks are no answer)."""

    by_role: dict[Role, list[int]]
    submitted: list[dt.date]


def _likert(cell: str, labels: dict[str, int]) -> int | None:
    text = cell.strip()
    if not text:
        return None
    if text.casefold() in labels:
        return labels[text.casefold()]
    if text in ("1", "2", "3", "4", "5"):
        return int(text)
    raise ValueError(text)


def _collect(table: SurveyTable, plan: dict[int, Role], mapping: SurveyMapping | None) -> _Answers:
    labels = {
        key.strip().casefold(): value for key, value in (mapping.answers if mapping else {}).items()
    }
    answers = _Answers({role: [] for role in plan.values()}, [])
    problems: list[Problem] = []
    for row in table.rows:
        for index, role in plan.items():
            cell = row.cells[index]
            try:
                if role[0] == "submitted":
                    if cell.strip():
                        answers.submitted.append(dt.date.fromisoformat(cell.strip()[:10]))
                    continue
                value = _likert(cell, labels)
            except ValueError:
                problems.append(_answer_problem(table, row.line, index, cell, role))
                continue
            if value is not None:
                answers.by_role[role].append(value)
    if problems:
        raise InputError(problems)
    return answers


def _answer_problem(table: SurveyTable, line: int, index: int, cell: str, role: Role) -> Problem:
    shown = cell.strip() if len(cell.strip()) <= 30 else cell.strip()[:30] + "…"
    column = table.header[index]
    if role[0] == "submitted":
        message = f"`{shown}` in column `{column}` is not a date"
        hint = "the submitted column must start with YYYY-MM-DD; or leave it out and pass --date"
        return Problem(table.file, line, index + 1, message, "invalid-date", hint=hint)
    message = f"answer `{shown}` to `{column}` is not a number from 1 to 5"
    hint = "answers are 1 to 5; map labels such as `Very satisfied: 5` under answers in the mapping file"
    return Problem(table.file, line, index + 1, message, "invalid-answer", hint=hint)


def _share(values: Sequence[int], least: int) -> float | None:
    """Share of answers at or above ``least``, rounded down to 4 places; None without answers."""
    if not values:
        return None
    return _floor(Fraction(sum(1 for value in values if value >= least), len(values)), 4)


def _ratings(answers: _Answers, scale: SurveyScale, order: Sequence[str]) -> list[ServiceRating]:
    ratings = []
    for service in order:
        given = answers.by_role.get(("rating", service), [])
        pay = answers.by_role.get(("pay", service))
        ratings.append(
            ServiceRating(
                service=service,
                answers=len(given),
                mean=_floor(Fraction(sum(given), len(given)), 2) if given else None,
                pay_answers=len(pay) if pay is not None else None,
                willing_to_pay_share=_share(pay, scale.satisfied_from) if pay is not None else None,
            )
        )
    return ratings


def summarise(
    table: SurveyTable,
    mapping: SurveyMapping | None,
    scale: SurveyScale,
    run: SurveyRun,
    *,
    locate: MappingLocator | None = None,
    services: Collection[str] | None = None,
) -> SatisfactionSurvey:
    """The survey summary of an export: respondents, shares, per-service means, and its source.

    ``services`` (the evidence file's service names) makes a rated service missing from it an error.
    """
    plan = plan_columns(table, mapping, locate, services)
    answers = _collect(table, plan, mapping)
    date = run.date or max(answers.submitted, default=None)
    if date is None:
        raise UsageError("the survey's date is not known: pass --date YYYY-MM-DD (when it closed)")
    respondents = len(table.rows)
    if run.invited is not None and run.invited < respondents:
        raise UsageError(
            f"--invited {run.invited} is fewer than the {respondents} respondents in {table.file}"
        )
    least = scale.satisfied_from
    order = list(
        dict.fromkeys(role[1] for role in plan.values() if role[0] == "rating" and role[1])
    )
    return SatisfactionSurvey(
        date=date,
        invited=run.invited,
        respondents=respondents,
        satisfied_share=_share(answers.by_role.get(("overall_satisfaction", None), []), least),
        willing_to_pay_share=_share(answers.by_role.get(("willingness_to_pay", None), []), least),
        recommend_share=_share(answers.by_role.get(("would_recommend", None), []), least),
        services=_ratings(answers, scale, order) or None,
        source=SurveySource(
            file=run.file_name, imported=run.imported, rows=respondents, satisfied_from=least
        ),
    )
