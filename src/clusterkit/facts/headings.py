"""The headings of a document, read with a real Markdown parser, and kept in the user's cache by content.

Importing the parser and parsing took about a tenth of an `assess` that reads one document's headings;
a document that has not changed since a run before costs a hash and a cache read. An entry is keyed by
the document's bytes, clusterkit's files (``resources.code_stamp``) and the installed parser's files,
so a changed document, clusterkit or parser never reads an old entry.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from functools import cache
from pathlib import Path

from clusterkit.resources import code_stamp, read_cached, write_cached

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


def read_headings(file: Path) -> tuple[str, ...] | None:
    """The text of every heading of a Markdown file (ATX and setext); None when it cannot be read."""
    try:
        data = file.read_bytes()
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    key = hashlib.sha256(f"{_parser_stamp()}\0".encode() + data).hexdigest()
    cached = read_cached("headings", f"{key}.json")
    if cached is not None:
        return tuple(json.loads(cached))
    headings = markdown_headings(text)
    write_cached("headings", f"{key}.json", json.dumps(headings).encode())
    return headings


def markdown_headings(text: str) -> tuple[str, ...]:
    """The headings of Markdown text, as CommonMark reads them (not in code blocks, not in HTML)."""
    from markdown_it import MarkdownIt  # imported only when a document is parsed

    tokens = MarkdownIt("commonmark").parse(text)
    return tuple(
        tokens[n + 1].content.strip()
        for n, token in enumerate(tokens)
        if token.type == "heading_open" and n + 1 < len(tokens)
    )


@cache
def _parser_stamp() -> str:
    """clusterkit's stamp and the parser's installed files by size and time, found without importing it."""
    spec = importlib.util.find_spec("markdown_it")
    folder = Path(spec.origin).parent if spec is not None and spec.origin else None
    files = sorted(folder.rglob("*.py")) if folder is not None else []
    stamps = [f"{file}:{file.stat().st_size}:{file.stat().st_mtime_ns}" for file in files]
    return "\0".join([code_stamp(), *stamps])
