"""What is known about the world outside the evidence file: the documents it names, as the scorer reads them.

The I/O half (`clusterkit.facts`) gathers these; the scorer only reads them, so it stays pure.
"""

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, NamedTuple

# git: the last commit; metadata: the document's own properties (PDF, Word, OpenDocument); mtime: the file
DateSource = Literal["git", "metadata", "mtime"]


class Heading(NamedTuple):
    """One section heading of a document, as its reader found it.

    ``level`` is 1 for a top heading where the format says (None for a PDF text line taken as a heading);
    ``page`` is the 1-based page it stands on, for formats that have pages (PDF).
    """

    title: str
    level: int | None = None
    page: int | None = None


class DocumentContent(NamedTuple):
    """What a reader took from a document: its headings, its length, its format."""

    kind: str
    headings: tuple[Heading, ...] = ()
    words: int = 0
    pages: int | None = None


class DocumentFact(NamedTuple):
    """What is known about one document the evidence names.

    ``content`` is None when the document was not read (no rule of the assessed packs reads its sections or
    length); ``unreadable`` then says why a document that was to be read could not be (a format clusterkit
    does not read), so a check can say so instead of calling every heading missing.
    """

    path: str
    exists: bool
    last_changed: dt.date | None = None
    date_source: DateSource | None = None
    content: DocumentContent | None = None
    unreadable: str = ""


# A shared default must not be changed in place: a read-only empty mapping.
NO_DOCUMENTS: Mapping[str, DocumentFact] = MappingProxyType({})


class Facts(NamedTuple):
    """Everything the scorer needs to know about the world outside the evidence file."""

    documents: Mapping[str, DocumentFact] = NO_DOCUMENTS
    # About document dates only (a shallow clone, git failing): the scorer reports them only when a
    # rule of the assessed packs reads document dates, so they never clutter assessments that do not.
    date_warnings: tuple[str, ...] = ()
    # About the documents themselves (a PDF named .docx), at the evidence line: always reported.
    document_warnings: tuple[str, ...] = ()

    def document(self, path: str) -> DocumentFact | None:
        return self.documents.get(path)
