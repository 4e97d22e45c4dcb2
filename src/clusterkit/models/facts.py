"""What is known about the world outside the evidence file: the documents it names, as the scorer reads them.

The I/O half (`clusterkit.facts`) gathers these; the scorer only reads them, so it stays pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

DateSource = Literal["git", "mtime"]


@dataclass(frozen=True)
class DocumentFact:
    """What is known about one document the evidence names."""

    path: str
    exists: bool
    last_changed: dt.date | None = None
    date_source: DateSource | None = None
    headings: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Facts:
    """Everything the scorer needs to know about the world outside the evidence file."""

    documents: Mapping[str, DocumentFact] = field(default_factory=dict)
    # About document dates only (a shallow clone, git failing): the scorer reports them only when a
    # rule of the assessed packs reads document dates, so they never clutter assessments that do not.
    date_warnings: tuple[str, ...] = ()

    def document(self, path: str) -> DocumentFact | None:
        return self.documents.get(path)
