"""The --format option of each command, built from the render registry plus the CLI's terminal formats.

The choices a command offers, its help text and its completion all come from `clusterkit.render.RENDERERS`,
so a format added there is offered by every command it names without touching the CLI. The terminal
table is the one format the CLI adds itself: it draws with rich, which only the cli package may import.
"""

from __future__ import annotations

from typing import Any

import typer

from clusterkit.render import Format, RenderOptions, load, load_binary, offered

# command -> format -> Format, for formats that render to a terminal (they may use rich).
TERMINAL: dict[str, dict[str, Format]] = {
    "assess": {
        "table": Format(
            "clusterkit.cli.table:render", ("assess",), "a summary table for the terminal"
        )
    },
}


def choices(command: str) -> dict[str, Format]:
    """Every format a command offers: its terminal formats first, then the registry's."""
    return {**TERMINAL.get(command, {}), **offered(command)}


def format_option(command: str, default: str | None, default_help: str = "") -> Any:
    """A ``--format/-f`` option whose choices are the command's formats, checked when parsed."""
    names = list(choices(command))

    def parse(value: str) -> str:
        known = list(choices(command))  # read again: the registry may have grown since import
        if value not in known:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(known)}")
        return value

    listed = "; ".join(f"{name}: {spec.help}" for name, spec in choices(command).items())
    shown = default_help
    return typer.Option(
        "--format",
        "-f",
        parser=parse,
        metavar="[" + "|".join(names) + "]",
        autocompletion=lambda: names,
        help=f"Output format ({listed}). {shown}".strip(),
    )


def is_machine(command: str, name: str) -> bool:
    """Whether a format is read by programs (never colour)."""
    return choices(command)[name].machine


def produce(command: str, name: str, result: Any, options: RenderOptions | None = None) -> str:
    """Render ``result`` in one of the command's text formats."""
    return load(choices(command)[name])(result, options or RenderOptions())


def produce_any(
    command: str, name: str, result: Any, options: RenderOptions | None = None
) -> str | bytes:
    """Render ``result`` in any of the command's formats, text or bytes (PDF)."""
    spec = choices(command)[name]
    render = load_binary(spec) if spec.binary else load(spec)
    return render(result, options or RenderOptions())
