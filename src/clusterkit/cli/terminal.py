"""Two ways to draw the terminal summary: with rich, and as rich would draw it without colour, by hand.

Laying out the summary with rich took about 20 ms (and importing rich's console about as much again)
of an `assess` whose output goes to a pipe, a file or a CI log, where no colour is drawn. `PlainWriter`
writes the same characters for what it can be sure of: lines that fit the width, tables that fit it,
text without tabs or control characters. For anything else it raises `NeedsRich` and the summary is
drawn by `RichWriter` instead, which also draws every coloured summary. A test holds the two to the
same bytes over the examples, a generated corpus and awkward text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol

if TYPE_CHECKING:
    from rich.console import Console

Justify = Literal["left", "right"]
Part = tuple[str, str]  # text and its rich style ("" for none)


class Column(NamedTuple):
    header: str
    justify: Justify = "left"


class Row(NamedTuple):
    cells: Sequence[Part]
    style: str = ""


class NeedsRich(Exception):
    """What is to be drawn is more than the plain writer is sure to draw as rich would."""


class Writer(Protocol):
    def line(self, *parts: Part, wrap: bool = True) -> None:
        """One line of text; ``wrap`` False: a long line runs on instead of wrapping."""

    def rule(self, title: str) -> None:
        """A horizontal rule across the width with a title in its middle."""

    def table(self, title: str, columns: Sequence[Column], rows: Sequence[Row]) -> None:
        """A table with a title above it, a heavy header line and no outer edge."""

    def text(self) -> str:
        """Everything written so far."""


def text_console(width: int, color: bool) -> tuple[io.StringIO, Console]:
    """A rich console that draws into a string: plain text, ANSI colour only when asked for."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        markup=False,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
    )
    return buffer, console


class RichWriter:
    """The summary drawn by rich: colour when asked for, wrapping and shrinking where needed."""

    def __init__(self, width: int, color: bool) -> None:
        self.buffer, self.console = text_console(width, color)

    def line(self, *parts: Part, wrap: bool = True) -> None:
        from rich.text import Text

        if len(parts) == 1:
            text, style = parts[0]
            self.console.print(Text(text, style=style) if style else text, soft_wrap=not wrap)
        else:
            self.console.print(Text.assemble(*parts), soft_wrap=not wrap)

    def rule(self, title: str) -> None:
        self.console.rule(title)

    def table(self, title: str, columns: Sequence[Column], rows: Sequence[Row]) -> None:
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title, title_justify="left", show_edge=False)
        for column in columns:
            table.add_column(column.header, justify=column.justify)
        for row in rows:
            cells = [Text(text, style=style) if style else text for text, style in row.cells]
            table.add_row(*cells, style=row.style or None)
        self.console.print(table)

    def text(self) -> str:
        return self.buffer.getvalue()


class PlainWriter:
    """The summary without colour, character for character as `RichWriter` draws it, or NeedsRich."""

    def __init__(self, width: int) -> None:
        from rich.cells import cell_len  # rich's own measure of a character's width on a terminal

        self.width = width
        self.cells = cell_len
        self.lines: list[str] = []

    def _checked(self, text: str) -> str:
        # rich expands tabs and drops control characters; wide or combining text is measured by rich.cells
        if any(ord(character) < 32 or 0x7F <= ord(character) < 0xA0 for character in text):
            raise NeedsRich
        return text

    def line(self, *parts: Part, wrap: bool = True) -> None:
        text = self._checked("".join(part for part, _ in parts))
        if wrap and self.cells(text) > self.width:
            raise NeedsRich  # rich would wrap it at word boundaries
        self.lines.append(text)

    def rule(self, title: str) -> None:
        title = self._checked(title)
        size = self.cells(title)
        if not title or size + 6 > self.width:
            raise NeedsRich  # rich shortens the title with an ellipsis
        side = (self.width - size) // 2
        start = "─" * (side - 1) + " " + title + " "
        self.lines.append(start + "─" * (self.width - self.cells(start)))

    def table(self, title: str, columns: Sequence[Column], rows: Sequence[Row]) -> None:
        grid = [[self._checked(column.header) for column in columns]]
        grid += [[self._checked(text) for text, _ in row.cells] for row in rows]
        if any(text != text.strip() for cells in grid for text in cells):
            raise NeedsRich  # rich's wrapping of a cell may treat edge spaces its own way
        sizes = [max(self.cells(line[n]) for line in grid) for n in range(len(columns))]
        total = sum(sizes) + 3 * len(columns) - 1  # a space either side of each cell, a bar between
        title = self._checked(title)
        if total > self.width or self.cells(title) > total:
            raise NeedsRich  # rich would shrink the columns and wrap their text

        def drawn(cells: list[str], bar: str) -> str:
            padded = [
                self._fit(text, size, column.justify)
                for text, size, column in zip(cells, sizes, columns, strict=True)
            ]
            return bar.join(f" {cell} " for cell in padded)

        self.lines.append(self._fit(title, total, "left"))
        self.lines.append(drawn(grid[0], "┃"))
        self.lines.append("╇".join("━" * (size + 2) for size in sizes))
        self.lines += [drawn(cells, "│") for cells in grid[1:]]

    def _fit(self, text: str, size: int, justify: Justify) -> str:
        space = " " * (size - self.cells(text))
        return text + space if justify == "left" else space + text

    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)
