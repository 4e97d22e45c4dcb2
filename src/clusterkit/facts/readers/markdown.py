"""Markdown documents: ATX and setext headings, read with a real CommonMark parser."""

from __future__ import annotations

import datetime as dt

from clusterkit.facts.readers.base import Deadline, count_words, decoded
from clusterkit.models.facts import DocumentContent, Heading


def read(data: bytes, deadline: Deadline) -> DocumentContent:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(decoded(data))
    headings = []
    words = 0
    for n, token in enumerate(tokens):
        if token.type == "inline":
            words += count_words(token.content)
        elif token.type == "heading_open" and n + 1 < len(tokens):
            headings.append(Heading(tokens[n + 1].content.strip(), int(token.tag[1:])))
    deadline.check()
    return DocumentContent("markdown", tuple(headings), words)


def date(data: bytes) -> dt.date | None:
    """Markdown carries no date of its own."""
    return None
