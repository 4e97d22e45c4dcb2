"""The terminal view of a portfolio (the `table` format): a row per file, tiers, shared gaps, the rules."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from clusterkit.cli.table import text_console
from clusterkit.render import RenderOptions
from clusterkit.results.numbers import fmt_score
from clusterkit.results.portfolio_result import PackPeers, PortfolioResult, Position
from clusterkit.results.portfolio_rows import PackOutline


def _percentile(position: Position | None, attribute: str) -> str:
    value = getattr(position, attribute) if position is not None else None
    return "—" if value is None else f"{value:g}"


def _rows(console: Console, result: PortfolioResult, outline: PackOutline) -> None:
    table = Table(title=f"{outline.title} · {outline.id} {outline.version}", title_justify="left")
    table.add_column("cluster" if not result.anonymised else "code", overflow="fold")
    table.add_column("group", overflow="fold")
    table.add_column("tier")
    table.add_column("score", justify="right")
    table.add_column("pct", justify="right")
    table.add_column("group pct", justify="right")
    table.add_column("minimum", justify="right")
    table.add_column("unknown", justify="right")
    for row in result.rows:
        record = row.record
        label = row.code if result.anonymised else (record.name or record.file)
        if record.error_codes:
            error = " ".join(record.error_codes) if result.anonymised else record.error or ""
            table.add_row(label, "", Text("error", style="red"), Text(error), "", "", "", "")
            continue
        pack = next((p for p in record.packs if p.pack == outline.id), None)
        if pack is None:
            continue
        position = row.positions.get(outline.id, {}).get("score")
        tier = pack.reached[-1] if pack.reached else "none"
        table.add_row(
            label + ("" if row.latest else " (earlier)"),
            record.group or "—",
            tier,
            fmt_score(pack.score),
            _percentile(position, "portfolio"),
            _percentile(position, "group"),
            f"{pack.minimum_met}/{pack.minimum_total}",
            str(pack.unknown),
        )
    console.print(table)


def _summary(console: Console, peers: PackPeers) -> None:
    tiers = ", ".join(f"{level} {count}" for level, count in peers.tiers.items())
    console.print(f"Tiers (highest level reached): {tiers or 'no cluster assessed'}")
    if peers.shared_gaps:
        console.print("Gaps most clusters share (blocking / not met):")
        for gap in peers.shared_gaps:
            console.print(
                f"  {gap.indicator} {gap.title}: {gap.blocking} / {gap.not_met}", soft_wrap=True
            )


def render(result: PortfolioResult, options: RenderOptions) -> str:
    """The portfolio as text; ANSI colour only when the options ask for it."""
    buffer, console = text_console(options)
    console.print(
        Text(
            f"Portfolio of {len(result.rows)} files · {result.clusters} clusters in the statistics"
            f" · peer group: {result.group_by}",
            style="bold",
        )
    )
    for outline, peers in zip(result.outlines, result.peers, strict=True):
        _rows(console, result, outline)
        _summary(console, peers)
    for item in result.progress:
        label = item.code if result.anonymised else item.name or item.code
        dates = ", ".join(str(point.assessment_date) for point in item.points)
        changes = ", ".join(
            f"{pack} {'—' if change is None else f'{change * 100:+.1f} points'}"
            for pack, change in item.score_change.items()
        )
        console.print(f"Progress of {label} ({dates}): {changes}", soft_wrap=True)
    console.print("Roll-up rules:")
    for rule in result.rules:
        console.print(f"  - {rule}", soft_wrap=True)
    return buffer.getvalue()
