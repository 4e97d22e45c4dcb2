"""HTML documents: the text of the h1 to h6 elements, with the standard library's parser."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

from clusterkit.facts.readers.base import Deadline, count_words, decoded
from clusterkit.models.facts import DocumentContent, Heading

HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
# text inside these is not the document's prose
HIDDEN_TAGS = frozenset({"script", "style", "template"})


class _Sections(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[Heading] = []
        self.words = 0
        self._level: int | None = None
        self._text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden += 1
        elif tag in HEADING_TAGS:
            self._level, self._text = HEADING_TAGS[tag], []

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in HEADING_TAGS and self._level is not None:
            title = " ".join("".join(self._text).split())
            if title:
                self.headings.append(Heading(title, self._level))
            self._level = None

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        self.words += count_words(data)
        if self._level is not None:
            self._text.append(data)


def read(data: bytes, deadline: Deadline) -> DocumentContent:
    parser = _Sections()
    parser.feed(decoded(data))
    parser.close()
    deadline.check()
    return DocumentContent("html", tuple(parser.headings), parser.words)


def date(data: bytes) -> dt.date | None:
    """An HTML file's own dates (meta tags) are too rarely kept to trust; git or the file date decide."""
    return None
