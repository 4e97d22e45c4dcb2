"""What every document reader shares: the limits it keeps, the error it raises, the clock that bounds it."""

from __future__ import annotations

import io
import re
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import zipfile

# The one place these limits are set; docs/evidence-format.md states them to users.
# A strategy, a budget or a survey report is a few MiB even with pictures; 20 MiB leaves room for scans.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# A Word or OpenDocument file is a ZIP archive: what it unpacks to is checked (from its directory, before
# anything is unpacked) so a small file cannot expand into gigabytes. Text compresses about 5 to 10 times.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# A damaged or hostile PDF can make a parser crawl; readers check this between pages and paragraphs.
MAX_SECONDS_PER_DOCUMENT = 15.0
# A line or bold paragraph longer than this is body text, not a heading.
MAX_HEADING_WORDS = 12

WORD = re.compile(r"\w+")
# the formats' names in messages, here so that naming a format does not import its reader
WORD_LABEL = "Word (DOCX)"
ODT_LABEL = "OpenDocument text (ODT)"


class DocumentError(Exception):
    """A document that cannot be read as the format it is: encrypted, corrupt, too large, too slow.

    The message completes "`docs/x.pdf` ..." and the hint says what to do; the caller puts both at the
    evidence line that names the document.
    """

    def __init__(self, message: str, hint: str = "", code: str = "document-unreadable") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.code = code


class Deadline:
    """The time a reader may take for one document, checked where it loops (pages, paragraphs)."""

    def __init__(self, seconds: float = MAX_SECONDS_PER_DOCUMENT) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise DocumentError(
                f"took longer than {self.seconds:g} seconds to read",
                "save it again from its editor (a damaged file can be very slow to read), or split it",
                "document-timeout",
            )


def a_file(label: str) -> str:
    """'a PDF file', 'an OpenDocument text (ODT) file'."""
    return ("an " if label[:1] in "AEIOU" else "a ") + label + " file"


def count_words(text: str) -> int:
    return len(WORD.findall(text))


def looks_like_heading(line: str) -> bool:
    """A short line that does not end like a sentence: how a heading looks where nothing marks it."""
    text = line.strip()
    if not text or not any(char.isalpha() for char in text):
        return False
    return count_words(text) <= MAX_HEADING_WORDS and text[-1] not in ".,;!?"


def checked_archive(data: bytes, label: str) -> zipfile.ZipFile:
    """The ZIP archive of a Word or OpenDocument file, refused when it would unpack past the limit."""
    import zipfile  # only the Word and OpenDocument readers need it, not every start

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise DocumentError(
            f"is not a readable {label} file (a broken ZIP archive: {error})",
            f"open it in its editor and save it again as {label}",
            "document-corrupt",
        ) from error
    # zipfile never unpacks more than a member's declared size, so the declared sizes bound the work
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise DocumentError(
            f"would unpack to {unpacked // (1024 * 1024)} MiB, more than the "
            f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MiB {a_file(label)} may (a ZIP bomb?)",
            "name the real document; a genuine one this large should be split",
            "document-too-large",
        )
    return archive


def decoded(data: bytes) -> str:
    """The text of a text document (UTF-8, with or without a byte order mark)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"is not UTF-8 text (byte {error.start + 1} cannot be decoded)",
            "save it as UTF-8",
            "document-encoding",
        ) from error


def corrupt(label: str, error: BaseException, hint: str) -> DocumentError:
    """The error for a document its library could not parse, with the library's first words on why."""
    detail = (
        str(error).strip().splitlines()[0][:120] if str(error).strip() else type(error).__name__
    )
    return DocumentError(f"is not a readable {label} file ({detail})", hint, "document-corrupt")
