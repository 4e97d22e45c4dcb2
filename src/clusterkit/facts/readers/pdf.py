"""PDF documents, with pypdf: headings from the outline (bookmarks) where there is one, else text lines."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from typing import TYPE_CHECKING, Any

from clusterkit.facts.readers.base import (
    Deadline,
    DocumentError,
    corrupt,
    count_words,
    looks_like_heading,
)
from clusterkit.models.facts import DocumentContent, Heading

if TYPE_CHECKING:
    from pypdf import PdfReader

# D:YYYYMMDD... (PDF 32000-1, 7.9.4); month and day may be left out
PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
# outline nesting deeper than this is not a heading structure anyone wrote
MAX_OUTLINE_DEPTH = 8


def read(data: bytes, deadline: Deadline) -> DocumentContent:
    reader = _open(data)
    try:
        headings = _outline(reader, reader.outline, 1, deadline)
        lines: list[Heading] = []
        words = 0
        for number, page in enumerate(reader.pages, start=1):
            deadline.check()
            text = page.extract_text() or ""
            words += count_words(text)
            if not headings:
                lines += [
                    Heading(line.strip(), None, number)
                    for line in text.splitlines()
                    if looks_like_heading(line)
                ]
        return DocumentContent("pdf", tuple(headings or lines), words, len(reader.pages))
    except DocumentError:
        raise
    except Exception as error:  # pypdf raises many types on damaged files (see _open)
        raise _corrupt(error) from error


def date(data: bytes) -> dt.date | None:
    """The document's modification date, else its creation date, from its information dictionary."""
    reader = _open(data)
    try:
        info: Any = reader.metadata or {}
        for key in ("/ModDate", "/CreationDate"):
            found = PDF_DATE.match(str(info.get(key) or ""))
            if found:
                year, month, day = (int(part or 1) for part in found.groups())
                return dt.date(year, month, day)
    except ValueError:
        return None  # a date like D:20261399 is no date; git or the file date decide
    except Exception as error:  # see _open
        raise _corrupt(error) from error
    return None


def _open(data: bytes) -> PdfReader:
    from pypdf import PdfReader

    # pypdf logs the damage it repairs (a wrong xref offset) through logging, which would print to stderr
    # next to clusterkit's own output; damage it cannot repair raises, and that is what is reported.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _opened_without_password(reader):
            raise DocumentError(
                "is an encrypted (password-protected) PDF",
                "name a copy saved without a password",
                "document-encrypted",
            )
        if not reader.pages:
            raise DocumentError(
                "is a PDF without pages", "export it from its editor again", "document-corrupt"
            )
    except DocumentError:
        raise
    # A damaged PDF can raise nearly anything from inside pypdf (PdfReadError, but also KeyError,
    # ValueError, TypeError, RecursionError on a looping object graph): each means "not readable".
    except Exception as error:
        raise _corrupt(error) from error
    return reader


def _opened_without_password(reader: PdfReader) -> bool:
    """A PDF encrypted only against editing opens with the empty password; one that needs a password does not."""
    try:
        return bool(reader.decrypt(""))
    except (
        Exception
    ):  # an unsupported cipher (pypdf needs an optional package for AES) is the same answer
        return False


def _outline(reader: PdfReader, items: list[Any], level: int, deadline: Deadline) -> list[Heading]:
    """Bookmarks, depth first: a nested list follows the bookmark it belongs to."""
    headings: list[Heading] = []
    if level > MAX_OUTLINE_DEPTH:
        return headings
    for item in items:
        deadline.check()
        if isinstance(item, list):
            headings += _outline(reader, item, level + 1, deadline)
            continue
        title = " ".join(str(getattr(item, "title", "") or "").split())
        if title:
            page = reader.get_destination_page_number(item)
            headings.append(
                Heading(title, level, page + 1 if page is not None and page >= 0 else None)
            )
    return headings


def _corrupt(error: BaseException) -> DocumentError:
    return corrupt(
        "PDF", error, "export it from its editor again, or name a copy that opens in a PDF viewer"
    )
