"""Document readers, one module per format behind one interface: sections, length and dates of a file.

A reader is chosen by what the file holds (its first bytes, and for a ZIP archive the parts inside), not only
by its name: a PDF named ``.docx`` is read as the PDF it is, and the caller warns about the name. The
reader modules, and the libraries for Markdown, PDF, Word and OpenDocument, are imported only when a document
of that kind is read (``--help`` and ``validate`` never load them), and what a reader took from a document is
kept in the user's cache by the document's bytes (``cache``), so an unchanged document is not parsed again.
"""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

from clusterkit.facts.readers.base import (
    MAX_DOCUMENT_BYTES,
    ODT_LABEL,
    WORD_LABEL,
    Deadline,
    DocumentError,
    a_file,
)
from clusterkit.facts.readers.cache import cached_read
from clusterkit.models.facts import DocumentContent

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "READERS",
    "DocumentError",
    "Identity",
    "Reader",
    "identify",
    "own_date",
    "read",
]


class Reader(NamedTuple):
    """How one format is read: its name for people, and the module that reads its sections, length and date.

    The module (``read(data, deadline)``, ``date(data)``) is imported on first use; ``libraries`` are the
    packages it imports, whose installed files key the cached contents.
    """

    label: str
    suffixes: tuple[str, ...]
    module: str
    # formats that are not text: a file of this name that holds something else is broken, not just renamed
    binary: bool = False
    libraries: tuple[str, ...] = ()

    def code(self) -> ModuleType:
        return importlib.import_module(f"{__name__}.{self.module}")


READERS: dict[str, Reader] = {
    "markdown": Reader("Markdown", (".md", ".markdown"), "markdown", libraries=("markdown_it",)),
    "pdf": Reader("PDF", (".pdf",), "pdf", binary=True, libraries=("pypdf",)),
    "docx": Reader(WORD_LABEL, (".docx",), "word", binary=True, libraries=("docx", "lxml")),
    "odt": Reader(ODT_LABEL, (".odt",), "opendocument", binary=True, libraries=("odf",)),
    "html": Reader("HTML", (".html", ".htm"), "html"),
    "text": Reader("plain text", (".txt", ".text"), "text"),
}
BY_SUFFIX = {suffix: kind for kind, reader in READERS.items() for suffix in reader.suffixes}
# the first bytes of formats no reader reads, to say what a file is instead of "unknown"
OTHER_MAGIC = {
    b"\xd0\xcf\x11\xe0": "an old Office file (.doc, .xls) or an encrypted Office document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"{\\rtf": "an RTF file",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
SNIFF_BYTES = 1024  # viewers find a PDF header anywhere in the first 1024 bytes


class Identity(NamedTuple):
    """What a file holds: the reader for it (None when no reader knows it) and what its name promised."""

    kind: str | None
    named: str | None
    holds: str  # in words, for messages: "a PDF file", "a PNG image"

    @property
    def mismatch(self) -> bool:
        return self.kind is not None and self.named is not None and self.kind != self.named


def identify(file: Path) -> Identity:
    """The format of a file from its first bytes (and its ZIP directory); cheap, imports no library.

    Raises DocumentError for a file past the size limit and for an empty file named as a binary format.
    """
    named = BY_SUFFIX.get(file.suffix.lower())
    size = file.stat().st_size
    label = READERS[named].label if named else "document"
    if size > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            f"is {size / (1024 * 1024):.1f} MiB, more than the {MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB "
            "a document may be",
            "name a smaller copy (without scanned pages or large images), or split it",
            "document-too-large",
        )
    if size == 0 and named and READERS[named].binary:
        raise DocumentError(
            f"is empty (0 bytes), not {a_file(label)}", "name the real document", "document-empty"
        )
    with file.open("rb") as stream:
        head = stream.read(SNIFF_BYTES)
    kind, holds = _content_kind(head, file, named)
    return Identity(kind, named, holds)


def read(file: Path, identity: Identity) -> DocumentContent:
    """Sections and length of a document whose format a reader knows, within the time bound."""
    if identity.kind is None:
        raise ValueError(f"no reader for {file}")
    reader, data = READERS[identity.kind], file.read_bytes()
    return cached_read(
        identity.kind, reader.libraries, data, lambda: reader.code().read(data, Deadline())
    )


def own_date(file: Path, identity: Identity) -> dt.date | None:
    """The date a document's own metadata says it last changed (PDF, Word, OpenDocument), else None."""
    if identity.kind is None:
        return None
    date: dt.date | None = READERS[identity.kind].code().date(file.read_bytes())
    return date


def _content_kind(head: bytes, file: Path, named: str | None) -> tuple[str | None, str]:
    # viewers accept a little junk before the header of a file named .pdf; text that mentions %PDF- is text
    if head.startswith(b"%PDF-") or (named == "pdf" and b"%PDF-" in head):
        return "pdf", "a PDF file"
    if head.startswith(b"PK\x03\x04"):
        return _archive_kind(file)
    other = next((holds for magic, holds in OTHER_MAGIC.items() if head.startswith(magic)), None)
    if other or b"\x00" in head:
        return None, other or "binary data"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html", "an HTML file"
    if named in ("markdown", "text", "html"):
        return named, f"a {READERS[named].label} file"
    return "text", "plain text"


def _archive_kind(file: Path) -> tuple[str | None, str]:
    """Word and OpenDocument files are ZIP archives; the parts inside say which (only the directory is read)."""
    import zipfile  # only a document that is a ZIP archive needs it, not every start

    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                mimetype = archive.read("mimetype").strip()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None, "a damaged ZIP archive"
    if "word/document.xml" in names:
        return "docx", a_file(WORD_LABEL)
    if mimetype == ODT_MIMETYPE:
        return "odt", a_file(ODT_LABEL)
    return None, "a ZIP archive that is neither a Word nor an OpenDocument text file"
