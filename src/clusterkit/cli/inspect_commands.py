"""Bodies of the commands that browse criteria and export schemas."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from clusterkit.cli.common import use_color
from clusterkit.cli.output import write_output
from clusterkit.errors import ExitCode, UsageError


def _console() -> Console:
    # Pack texts contain brackets ("[assumption]"): never read them as rich markup. Off a terminal
    # (a pipe, a file, CI logs) use a width that keeps the tables readable.
    color = use_color()
    return Console(
        no_color=not color,
        highlight=False,
        soft_wrap=False,
        markup=False,
        width=None if color else 120,
    )


def list_packs(extra: list[str]) -> ExitCode:
    """One row per pack: id, title, version, areas, indicators, minimum requirements, levels."""
    from clusterkit.packs.loader import bundled_pack_paths, load_pack

    table = Table(title="Criteria packs", title_justify="left")
    for column in (
        "id",
        "title",
        "version",
        "areas",
        "indicators",
        "minimum",
        "levels (default *)",
    ):
        table.add_column(
            column, justify="right" if column in ("areas", "indicators", "minimum") else "left"
        )
    for reference in [*bundled_pack_paths(), *extra]:
        pack = load_pack(reference).pack
        indicators = list(pack.indicators())
        levels = ", ".join(
            f"{lv.id}*" if lv.id == pack.default_level else lv.id for lv in pack.levels
        )
        minimum = sum(1 for item in indicators if item.minimum_requirement)
        table.add_row(
            pack.id,
            pack.title,
            pack.version,
            str(len(pack.areas)),
            str(len(indicators)),
            str(minimum),
            levels,
        )
    _console().print(table)
    return ExitCode.OK


def show(reference: str, indicator_id: str | None) -> ExitCode:
    """A pack's outline, or one indicator in full."""
    from clusterkit.cli.pack_view import indicator_view, pack_view
    from clusterkit.packs.loader import load_pack

    pack = load_pack(reference).pack
    console = _console()
    if indicator_id is None:
        pack_view(console, pack)
        return ExitCode.OK
    indicator = pack.indicator(indicator_id)
    if indicator is None:
        known = ", ".join(item.id for item in pack.indicators())
        raise UsageError(
            f"pack {pack.id} has no indicator `{indicator_id}`; its indicators: {known}"
        )
    indicator_view(console, pack, indicator)
    return ExitCode.OK


def schema(kind: str, output: Path | None) -> ExitCode:
    """The JSON Schema of evidence files or criteria packs (draft 2020-12), for yaml-language-server."""
    from clusterkit.models.schemas import json_schema

    text = json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
    write_output(text, output)
    return ExitCode.OK
