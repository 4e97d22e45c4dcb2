"""`survey import --into`: put a survey summary into cluster.yaml, keeping the file's comments and order.

A stand-in for the project's one evidence writer (the round-trip writer `init` and `interview` are built
on, in the onboarding work), which will absorb it: the edit is the same ruamel.yaml round trip, and like
that writer this module checks the edited text with the strict loader and the evidence model before the
file is replaced in one step, so a failed edit leaves the file as it was.

ruamel.yaml re-flows a flow collection that spans several lines onto one, so only the lines of
`satisfaction_surveys` come from its output: every other top-level entry keeps its lines byte for byte.

A survey entry with the same `date` is updated in place: the figures the import computes are replaced,
what a person wrote (`report`, `actions`) is kept. Otherwise the summary is added at the end of the list.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clusterkit.cli.common import write_output
from clusterkit.cli.survey_command import summary_data

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


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()  # round trip: comments, key order and quotes are kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a line it writes
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def merged_text(text: str, survey: SatisfactionSurvey) -> str:
    """The evidence file's text with the survey summary in ``satisfaction_surveys``."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = _yaml()
    data = yaml.load(text)
    entry = summary_data(survey)
    surveys = data.get("satisfaction_surveys")
    if surveys is None:
        surveys = data["satisfaction_surveys"] = CommentedSeq()
    same = next((item for item in surveys if str(item.get("date")) == str(survey.date)), None)
    if same is None:
        surveys.append(CommentedMap(entry))
    else:
        for key in IMPORTED_FIELDS:
            if key in entry:
                same[key] = entry[key]
            elif key in same:
                del same[key]  # the new export does not give it: an old figure would mislead
    stream = io.StringIO()
    yaml.dump(data, stream)
    return _splice(text, stream.getvalue(), "satisfaction_surveys")


def _span(text: str, key: str) -> tuple[int, int] | None:
    """The lines of a top-level entry: from its key to the next top-level key (or the end)."""
    data = _yaml().load(text)
    keys = list(data)
    if key not in keys:
        return None
    starts = [int(data.lc.key(name)[0]) for name in keys]
    index = keys.index(key)
    end = starts[index + 1] if index + 1 < len(keys) else len(text.splitlines())
    return starts[index], end


def _splice(original: str, dumped: str, key: str) -> str:
    """The original text with the lines of ``key`` taken from ruamel's output of the edited file."""
    old_lines = original.splitlines(keepends=True)
    new_lines = dumped.splitlines(keepends=True)
    new = _span(dumped, key)
    if new is None:
        return original
    replacement = new_lines[new[0] : new[1]]
    old = _span(original, key)
    if old is None:
        ending = "" if not old_lines or old_lines[-1].endswith("\n") else "\n"
        return original + ending + "".join(replacement)
    if old[1] == len(old_lines) and replacement and not replacement[-1].endswith("\n"):
        replacement[-1] += "\n"
    return "".join([*old_lines[: old[0]], *replacement, *old_lines[old[1] :]])


def write_into(path: Path, survey: SatisfactionSurvey) -> None:
    """Write the summary into the evidence file at ``path``, checked, in one step."""
    from clusterkit.load.validation import validate
    from clusterkit.load.yamlfile import load_text
    from clusterkit.models.evidence import Evidence

    text = merged_text(path.read_text(encoding="utf-8-sig"), survey)
    validate(Evidence, load_text(text, str(path)))
    write_output(text, path)
