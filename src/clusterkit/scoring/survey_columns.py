"""Which column of a survey export answers which question: the plan the import reads the rows by.

With a mapping file, every column of the export must be named in it (as a question, a service's question,
or under ``ignore``); without one, the columns must be named as ``survey template`` names them. Either
way an unnamed column is an error, so no column of free text is ever read by accident.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Sequence

from clusterkit.errors import InputError, Problem
from clusterkit.models.survey_import import (
    STANDARD,
    Role,
    SurveyMapping,
    SurveyTable,
    column_roles,
    default_role,
)

KeyPath = tuple[str | int, ...]
MappingLocator = Callable[[KeyPath], tuple[str, int, int]]
"""Where a key path of the mapping file is written: (file, line, column)."""

_READ = frozenset({*STANDARD, "rating", "pay", "submitted"})


def _suggest(name: str, options: Collection[str]) -> str:
    close = difflib.get_close_matches(name, sorted(options), n=1, cutoff=0.6)
    return (
        f"did you mean `{close[0]}`?" if close else "name it as in services[].name of the evidence"
    )


def _header_problem(table: SurveyTable, index: int, message: str, code: str, hint: str) -> Problem:
    return Problem(table.file, table.header_line, index + 1, message, code, hint=hint)


def plan_columns(
    table: SurveyTable,
    mapping: SurveyMapping | None,
    locate: MappingLocator | None = None,
    services: Collection[str] | None = None,
) -> dict[int, Role]:
    """The role of each column that is read; every unmapped or missing column is a problem."""
    problems: list[Problem] = []
    for index, name in enumerate(table.header):
        if name in table.header[:index]:
            hint = "rename one of them in the export"
            problems.append(
                _header_problem(
                    table, index, f"column `{name}` appears twice", "duplicate-column", hint
                )
            )
    if mapping is None:
        plan, places = _default_plan(table, problems), dict[str, KeyPath]()
    else:
        plan, places = _mapped_plan(table, mapping, locate, problems)
    if services is not None:
        problems += _unknown_services(table, plan, places, locate, services)
    if problems:
        raise InputError(problems)
    return {index: role for index, role in plan.items() if role[0] in _READ}


def _default_plan(table: SurveyTable, problems: list[Problem]) -> dict[int, Role]:
    plan: dict[int, Role] = {}
    hint = (
        "name columns as `survey template` does (overall_satisfaction, willingness_to_pay, "
        "would_recommend, service: NAME, pay: NAME, comments), or give a mapping file with --map"
    )
    for index, name in enumerate(table.header):
        role = default_role(name)
        if role is None:
            problems.append(
                _header_problem(
                    table, index, f"unknown question `{name}`", "unknown-question", hint
                )
            )
        else:
            plan[index] = role
    return plan


def _mapped_plan(
    table: SurveyTable,
    mapping: SurveyMapping,
    locate: MappingLocator | None,
    problems: list[Problem],
) -> tuple[dict[int, Role], dict[str, KeyPath]]:
    roles = column_roles(mapping)
    by_column = {column: role for role, column, _ in roles}
    plan: dict[int, Role] = {}
    hint = "map it under questions or services in the mapping file, or list it under ignore"
    for index, name in enumerate(table.header):
        if name in by_column:
            plan[index] = by_column[name]
        else:
            problems.append(
                _header_problem(
                    table, index, f"unknown question `{name}`", "unknown-question", hint
                )
            )
    for (kind, _), column, where in roles:
        if kind != "ignore" and column not in table.header and locate is not None:
            path, line, col = locate(where)
            message = f"column `{column}` is not in {table.file}"
            problems.append(
                Problem(
                    path, line, col, message, "missing-column", hint=_close(column, table.header)
                )
            )
    places = {
        role[1]: (*where[:2], "service")
        for role, _, where in roles
        if role[0] == "rating" and role[1]
    }
    return plan, places


def _close(name: str, header: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, list(header), n=1, cutoff=0.6)
    return (
        f"did you mean `{close[0]}`?"
        if close
        else "copy the column's name from the export's header"
    )


def _unknown_services(
    table: SurveyTable,
    plan: dict[int, Role],
    places: dict[str, KeyPath],
    locate: MappingLocator | None,
    services: Collection[str],
) -> list[Problem]:
    known = {name.strip().casefold() for name in services}
    problems: list[Problem] = []
    for index, (kind, service) in sorted(plan.items()):
        if kind not in ("rating", "pay") or service is None or service.casefold() in known:
            continue
        message = f"service `{service}` is not in the evidence file's services"
        if service in places and locate is not None:
            path, line, col = locate(places[service])
            problem = Problem(
                path, line, col, message, "unknown-service", hint=_suggest(service, services)
            )
        else:
            problem = _header_problem(
                table, index, message, "unknown-service", _suggest(service, services)
            )
        if problem not in problems:
            problems.append(problem)
    return problems
