"""`plan add`: put an item into the improvement plan of cluster.yaml through the one evidence writer.

The edit goes through ``cli.evidence_writer`` (ruamel round trip, spliced): only the lines of `plan`
change, every other entry keeps its lines, comments and formatting, and the edited text must pass the
strict loader and the evidence model before the file is replaced in one step. What the item fixes must
be an id of the file's own packs (as the assessment checks), so nothing is written for a typo.

An item that fixes the same id is updated in place: the fields given replace its own, the rest stay
(so `plan add --fixes 4.1.5 --status done` marks an item done). Otherwise the item goes at the end.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple

from clusterkit.cli.evidence_writer import EvidenceEdit
from clusterkit.errors import UsageError

KEY = "plan"
# An id the YAML reader would take for a number (4.10 is the float 4.1) is written quoted.
NUMERIC = re.compile(r"^[0-9][0-9.]*$")


class PlanEntry(NamedTuple):
    """What `plan add` was given: the id it fixes, and the fields to set (None: not given)."""

    fixes: str
    owner: str | None = None
    due: dt.date | None = None
    status: str | None = None
    note: str | None = None

    def fields(self) -> dict[str, Any]:
        given = {"owner": self.owner, "due": self.due, "status": self.status, "note": self.note}
        return {key: value for key, value in given.items() if value is not None}


def _fixes_value(fixes: str) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(fixes) if NUMERIC.match(fixes) else fixes


def _same(item: Any, fixes: str) -> bool:
    return isinstance(item, dict) and str(item.get("fixes")) == fixes


def merged_text(text: str, entry: PlanEntry) -> tuple[str, bool]:
    """The evidence file's text with ``entry`` in its plan, and whether an item was added (not updated)."""
    from ruamel.yaml.comments import CommentedMap

    edit = EvidenceEdit(text)
    items = edit.get((KEY,))
    index = next((n for n, item in enumerate(items or ()) if _same(item, entry.fixes)), None)
    if index is None:
        missing = [name for name in ("owner", "due") if name not in entry.fields()]
        if missing:
            raise UsageError(
                f"a new plan item needs {' and '.join('--' + name for name in missing)}"
                f" (no item of the plan fixes `{entry.fixes}` yet)"
            )
        new = CommentedMap({"fixes": _fixes_value(entry.fixes), **entry.fields()})
        if items is None:
            edit.set((KEY,), [new])
        else:
            items.append(new)
        return edit.text(), True
    for key, value in entry.fields().items():
        edit.set((KEY, index, key), value)
    return edit.text(), False
