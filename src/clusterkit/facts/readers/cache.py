"""What a reader took from a document (headings, length), kept in the user's cache by the document's bytes.

Importing a reader's library and parsing is most of the cost of reading a document (markdown-it about
a twentieth of an `assess` that reads one Markdown strategy, python-docx or pypdf far more), and the
documents an evidence file names rarely change between two runs of a pre-commit hook or a CI job. An
entry is keyed by the document's bytes, the reader, clusterkit's files (``resources.code_stamp``) and
the installed code of the reader's libraries (found without importing them), so a changed document,
clusterkit or library never reads an old entry. Entries are JSON, stored like every cache entry
(``resources.write_cached``: atomic, checksummed, private); one that cannot be read is a miss.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from clusterkit.models.facts import DocumentContent, Heading
from clusterkit.resources import cache_dir, code_stamp, read_cached, write_cached

FORMAT = "clusterkit-document-cache 2"


def cached_read(
    kind: str, libraries: tuple[str, ...], data: bytes, read: Callable[[], DocumentContent]
) -> DocumentContent:
    """The content of a document of ``kind`` whose bytes are ``data``: from the cache, else ``read()``.

    A reader's error (a corrupt or encrypted file) is not kept: it is raised again on every run.
    """
    if cache_dir() is None:
        return read()
    stamp = f"{FORMAT}\0{kind}\0{_libraries_stamp(libraries)}\0".encode()
    key = hashlib.sha256(stamp + data).hexdigest()
    # marshal, not JSON: it is built into the interpreter, where importing json cost every assessment
    # that reads a document about 2 ms; an entry is read only when whole and the user's own.
    found = _decoded(read_cached("headings", f"{key}.marshal"), kind)
    if found is not None:
        return found
    content = read()
    write_cached("headings", f"{key}.marshal", marshal.dumps(_encoded(content)))
    return content


def _encoded(content: DocumentContent) -> dict[str, Any]:
    headings = [[item.title, item.level, item.page] for item in content.headings]
    return {
        "kind": content.kind,
        "headings": headings,
        "words": content.words,
        "pages": content.pages,
    }


def _decoded(entry: bytes | None, kind: str) -> DocumentContent | None:
    """The content an entry holds; None for no entry or one not of this layout (a miss, rewritten)."""
    if entry is None:
        return None
    try:
        value = marshal.loads(entry)
        headings = tuple(Heading(title, level, page) for title, level, page in value["headings"])
        content = DocumentContent(value["kind"], headings, value["words"], value["pages"])
    except (ValueError, KeyError, TypeError, EOFError):
        return None
    return content if content.kind == kind else None


@cache
def _libraries_stamp(libraries: tuple[str, ...]) -> str:
    """clusterkit's stamp and each library's installed code, found without importing it.

    A library is stamped by its first file (``__init__.py``) and its folder, by size and time: an install
    or upgrade writes them anew, and adding or removing a module changes the folder's time. (Reading the
    time of every file of a library was about 5 ms for markdown-it, a fifth of what the cache saves.)
    """
    stamps = [code_stamp()]
    for name in libraries:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            stamps.append(f"{name}:missing")
            continue
        for path in (Path(spec.origin), Path(spec.origin).parent):
            status = path.stat()
            stamps.append(f"{path}:{status.st_size}:{status.st_mtime_ns}")
    return "\0".join(stamps)
