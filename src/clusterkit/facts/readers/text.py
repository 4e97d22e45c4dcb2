"""Plain text documents: a short line standing alone (a blank line before it) is taken as a heading."""

from __future__ import annotations

import datetime as dt
import re

from clusterkit.facts.readers.base import Deadline, count_words, decoded, looks_like_heading
from clusterkit.models.facts import DocumentContent, Heading

# a line of = or - under a heading, as in setext-style plain text
UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")


def read(data: bytes, deadline: Deadline) -> DocumentContent:
    lines = decoded(data).splitlines()
    headings = []
    for n, line in enumerate(lines):
        before = lines[n - 1] if n else ""
        after = lines[n + 1] if n + 1 < len(lines) else ""
        stands_alone = not before.strip() and (not after.strip() or UNDERLINE.match(after))
        if stands_alone and looks_like_heading(line) and not UNDERLINE.match(line):
            headings.append(Heading(line.strip()))
    deadline.check()
    return DocumentContent("text", tuple(headings), count_words("\n".join(lines)))


def date(data: bytes) -> dt.date | None:
    """Plain text carries no date of its own."""
    return None
