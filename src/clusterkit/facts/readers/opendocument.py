"""OpenDocument text (ODT) documents, with odfpy: headings are its text:h elements."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from clusterkit.facts.readers.base import (
    ODT_LABEL,
    Deadline,
    DocumentError,
    checked_archive,
    corrupt,
    count_words,
)
from clusterkit.models.facts import DocumentContent, Heading

if TYPE_CHECKING:
    from odf.opendocument import OpenDocument

LABEL = ODT_LABEL


def read(data: bytes, deadline: Deadline) -> DocumentContent:
    from odf import teletype
    from odf import text as odftext

    document = _open(data)
    headings = []
    words = 0
    try:
        for element in document.getElementsByType(odftext.H):
            deadline.check()
            title = " ".join(teletype.extractText(element).split())
            if title:
                level = str(element.getAttribute("outlinelevel") or "")
                headings.append(Heading(title, int(level) if level.isdigit() else None))
                words += count_words(title)
        for element in document.getElementsByType(odftext.P):
            deadline.check()
            words += count_words(teletype.extractText(element))
    except DocumentError:
        raise
    except Exception as error:  # see _open
        raise _corrupt(error) from error
    return DocumentContent("odt", tuple(headings), words)


def date(data: bytes) -> dt.date | None:
    """The meta.xml modification date (dc:date), else its creation date."""
    from odf import dc, meta

    document = _open(data)
    for kind in (dc.Date, meta.CreationDate):
        for element in document.meta.getElementsByType(kind):
            stamp = _iso_date(str(element))
            if stamp:
                return stamp
    return None


def _open(data: bytes) -> OpenDocument:
    from odf import opendocument

    checked_archive(data, LABEL)
    try:
        # odfpy parses through defusedxml, which refuses entity declarations and external references
        document: Any = opendocument.load(io.BytesIO(data))
    # A missing part, broken XML or a refused entity raise many types inside odfpy and defusedxml.
    except Exception as error:
        raise _corrupt(error) from error
    return document


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def _corrupt(error: BaseException) -> DocumentError:
    return corrupt(LABEL, error, f"open it in its editor and save it again as {LABEL}")
