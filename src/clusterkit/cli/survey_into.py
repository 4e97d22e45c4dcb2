"""`survey import --into`: put a survey summary into cluster.yaml through the one evidence writer.

The edit goes through ``cli.evidence_writer`` (ruamel round trip, spliced): only the lines of
`satisfaction_surveys` change, every other entry keeps its lines byte for byte, and the edited text must
pass the strict loader and the evidence model before the file is replaced in one step.

A survey entry with the same `date` is updated in place: the figures the import computes are replaced,
what a person wrote (`report`, `actions`) is kept. Otherwise the summary is added at the end of the list.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from clusterkit.cli.evidence_writer import EvidenceEdit, write_evidence
from clusterkit.cli.survey_command import summary_data
from clusterkit.load.files import read_text

if TYPE_CHECKING:
    from clusterkit.models.surveys import SatisfactionSurvey

# What the import computes; anything else in a survey entry is a person's and stays.
IMPORTED_FIELDS = (
    "invited",
    "respondents",
    "satisfied_share",
    "willing_to_pay_share",
    "recommend_share",
    "services",
    "source",
)
KEY = "satisfaction_surveys"


def merged_text(text: str, survey: SatisfactionSurvey) -> str:
    """The evidence file's text with the survey summary in ``satisfaction_surveys``."""
    from ruamel.yaml.comments import CommentedMap

    edit = EvidenceEdit(text)
    entry = summary_data(survey)
    surveys = edit.get((KEY,))
    if surveys is None:
        edit.set((KEY,), [CommentedMap(entry)])
        return edit.text()
    index = next(
        (n for n, item in enumerate(surveys) if str(item.get("date")) == str(survey.date)), None
    )
    if index is None:
        surveys.append(CommentedMap(entry))
        return edit.text()
    same = surveys[index]
    for key in IMPORTED_FIELDS:
        if key in entry:
            edit.set((KEY, index, key), entry[key])
        elif key in same:
            del same[key]  # the new export does not give it: an old figure would mislead
    return edit.text()


def write_into(path: Path, survey: SatisfactionSurvey) -> None:
    """Write the summary into the evidence file at ``path``, checked, in one step."""
    write_evidence(path, merged_text(read_text(path, str(path)), survey))
