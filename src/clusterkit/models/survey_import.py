"""A member-survey export as the importer sees it: the mapping file, the table read, the column roles.

The mapping file says which column of a survey tool's export answers which question; without one, the
export must use the column names ``clusterkit survey template`` writes (``DEFAULT_COLUMNS`` and the
``service: NAME`` / ``pay: NAME`` forms).
"""

from typing import Annotated, Final, Literal, NamedTuple

from pydantic import Field, field_validator, model_validator

from clusterkit.models.base import Strict, Text

LikertAnswer = Annotated[int, Field(ge=1, le=5)]


class StandardQuestions(Strict):
    """The columns of the questions every survey asks, each answered on a 1 to 5 scale."""

    overall_satisfaction: Text | None = Field(
        None, description="Column of 'How satisfied are you overall?'."
    )
    willingness_to_pay: Text | None = Field(
        None, description="Column of 'Would you pay for the services you value most?'."
    )
    would_recommend: Text | None = Field(
        None, description="Column of 'Would you recommend the cluster to a company like yours?'."
    )


class ServiceQuestions(Strict):
    """The columns asking about one service."""

    service: Text = Field(description="The service's name, as in services[].name of cluster.yaml.")
    rating: Text = Field(description="Column of 'How much do you value this service?' (1 to 5).")
    pay: Text | None = Field(
        None, description="Column of 'Would you pay a fee for it?' (1 to 5, or labels)."
    )


class SurveyMapping(Strict):
    """Which column of a survey export answers which question."""

    schema_version: Literal[1] = Field(description="Version of this file format; 1.")
    respondent: Text | None = Field(
        None, description="Column with a respondent id; recognised, never read."
    )
    submitted: Text | None = Field(
        None,
        description="Column with the time an answer was submitted (starting YYYY-MM-DD); the latest is the survey's date unless --date says otherwise.",
    )
    questions: StandardQuestions = Field(
        default_factory=StandardQuestions, description="The standard questions."
    )
    services: list[ServiceQuestions] = Field(
        default_factory=list, description="The questions about each service."
    )
    ignore: list[Text] = Field(
        default_factory=list,
        description="Columns never read: free text, names, e-mail addresses. Their answers are never copied.",
    )
    answers: dict[str, LikertAnswer] = Field(
        default_factory=dict,
        description="Answer labels and the 1 to 5 value each stands for, e.g. Very satisfied: 5, yes: 5, no: 1.",
    )

    @field_validator("services")
    @classmethod
    def _services_once(cls, services: list[ServiceQuestions]) -> list[ServiceQuestions]:
        names = [item.service.strip().casefold() for item in services]
        if len(set(names)) != len(names):
            raise ValueError("a service is listed twice")
        return services

    @model_validator(mode="after")
    def _columns_once(self) -> "SurveyMapping":
        columns = [column for _, column, _ in column_roles(self)]
        repeated = sorted({column for column in columns if columns.count(column) > 1})
        if repeated:
            raise ValueError(f"column `{repeated[0]}` is given two roles")
        return self


Role = tuple[str, str | None]
"""What a column answers: (kind, service). Kinds: respondent, submitted, ignore, the three standard
questions, rating and pay (those two with the service's name)."""

STANDARD: Final = ("overall_satisfaction", "willingness_to_pay", "would_recommend")
DEFAULT_COLUMNS: Final = {
    "respondent": "respondent",
    "submitted": "submitted",
    "comments": "ignore",
}
SERVICE_PREFIX: Final = {"service:": "rating", "pay:": "pay"}


def column_roles(mapping: SurveyMapping) -> list[tuple[Role, str, tuple[str | int, ...]]]:
    """Every column the mapping names: its role, its name, and where the mapping names it."""
    roles: list[tuple[Role, str, tuple[str | int, ...]]] = []
    for kind in ("respondent", "submitted"):
        column = getattr(mapping, kind)
        if column is not None:
            roles.append(((kind, None), column.strip(), (kind,)))
    for kind in STANDARD:
        column = getattr(mapping.questions, kind)
        if column is not None:
            roles.append(((kind, None), column.strip(), ("questions", kind)))
    for index, item in enumerate(mapping.services):
        roles.append((("rating", item.service), item.rating.strip(), ("services", index, "rating")))
        if item.pay is not None:
            roles.append((("pay", item.service), item.pay.strip(), ("services", index, "pay")))
    roles += [
        (("ignore", None), column.strip(), ("ignore", index))
        for index, column in enumerate(mapping.ignore)
    ]
    return roles


def default_role(header: str) -> Role | None:
    """The role of a column named the way ``survey template`` names it; None for any other name."""
    name = header.strip()
    if name in DEFAULT_COLUMNS:
        return DEFAULT_COLUMNS[name], None
    if name in STANDARD:
        return name, None
    for prefix, kind in SERVICE_PREFIX.items():
        if name.startswith(prefix) and name[len(prefix) :].strip():
            return kind, name[len(prefix) :].strip()
    return None


class SurveyRow(NamedTuple):
    """One respondent's answers: the line the record starts on, and its cells in column order."""

    line: int
    cells: tuple[str, ...]


class SurveyTable(NamedTuple):
    """A survey export read from CSV: one header, one row per respondent, all the same width."""

    file: str  # as problems name it
    header: tuple[str, ...]
    header_line: int
    rows: tuple[SurveyRow, ...]
