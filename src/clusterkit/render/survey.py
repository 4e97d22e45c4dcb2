"""The member survey `clusterkit survey template` writes: a questionnaire and the CSV header it imports by.

The column names are the ones `survey import` reads without a mapping file
(``models.survey_import.default_role``), so answers collected under this header import as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from clusterkit.models.survey_import import SERVICE_PREFIX, STANDARD
from clusterkit.render.templating import environment

_RATING, _PAY = (prefix for prefix, _ in SERVICE_PREFIX.items())


def columns(services: Sequence[str]) -> list[str]:
    """The header: respondent, submitted, the standard questions, two per service, comments."""
    per_service = [f"{prefix} {name}" for name in services for prefix in (_RATING, _PAY)]
    return ["respondent", "submitted", *STANDARD, *per_service, "comments"]


def csv_header(services: Sequence[str]) -> str:
    """The header line, quoted where a service's name holds a comma or a quote."""
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\n").writerow(columns(services))
    return stream.getvalue()


def questionnaire(cluster: str, services: Sequence[str]) -> str:
    """The questionnaire in Markdown, with the column each answer goes into and the CSV header."""
    template = environment("md").get_template("survey.md.j2")
    return template.render(
        cluster=cluster,
        services=services,
        rating=_RATING,
        pay=_PAY,
        header=csv_header(services).rstrip("\n"),
    )
