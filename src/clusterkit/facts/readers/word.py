"""Word (DOCX) documents, with python-docx: headings by paragraph style, else short bold paragraphs."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import TYPE_CHECKING, Any

from clusterkit.facts.readers.base import (
    WORD_LABEL,
    Deadline,
    DocumentError,
    checked_archive,
    corrupt,
    count_words,
    looks_like_heading,
)
from clusterkit.models.facts import DocumentContent, Heading

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

# Word stores the built-in styles under their English names ("heading 1") whatever the user's language
HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = WORD_LABEL


def read(data: bytes, deadline: Deadline) -> DocumentContent:
    document = _open(data)
    styled: list[Heading] = []
    bold: list[Heading] = []
    words = 0
    try:
        for paragraph in document.paragraphs:
            deadline.check()
            text = " ".join(paragraph.text.split())
            words += count_words(text)
            level = _heading_level(paragraph)
            if text and level is not None:
                styled.append(Heading(text, level))
            elif text and _bold(paragraph) and looks_like_heading(text):
                bold.append(Heading(text))
        for table in document.tables:
            deadline.check()
            words += sum(count_words(cell.text) for row in table.rows for cell in row.cells)
    except DocumentError:
        raise
    except Exception as error:  # a damaged part can fail anywhere inside python-docx
        raise _corrupt(error) from error
    return DocumentContent("docx", tuple(styled or bold), words)


def date(data: bytes) -> dt.date | None:
    """The core properties' last modification, else creation date."""
    properties = _open(data).core_properties
    stamp = properties.modified or properties.created
    return stamp.date() if stamp else None


def _open(data: bytes) -> Document:
    import docx

    # python-docx parses with lxml set not to resolve entities and not to reach the network
    # (docx.oxml.parser: resolve_entities=False; lxml's no_network is on by default)
    checked_archive(data, LABEL)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # a missing part or broken XML raises many types
        raise _corrupt(error) from error


def _heading_level(paragraph: Paragraph) -> int | None:
    """1 to 9 for a heading style (or a style or paragraph with an outline level), else None."""
    style = paragraph.style
    found = HEADING_STYLE.match(getattr(style, "name", "") or "")
    if found:
        return int(found.group(1))
    for element in (paragraph._p, getattr(style, "element", None)):
        level = _outline_level(element)
        if level is not None:
            return level
    return None


def _outline_level(element: Any) -> int | None:
    if element is None:
        return None
    found = element.find(f"{W}pPr/{W}outlineLvl")
    value = found.get(f"{W}val") if found is not None else None
    # level 9 means "body text" in Word's own numbering (0 to 8 are headings 1 to 9)
    return int(value) + 1 if value and value.isdigit() and int(value) < 9 else None


def _bold(paragraph: Paragraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _corrupt(error: BaseException) -> DocumentError:
    return corrupt(LABEL, error, f"open it in its editor and save it again as {LABEL}")
