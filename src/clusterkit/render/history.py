"""Render a History: Markdown tables for a pull request or a board paper, JSON, and a self-contained page.

Every point is a row (date, revision, verdict per level, score per area); every step between two points
names the indicators won and lost, with the checks that moved them, as `clusterkit diff` does.
"""

from __future__ import annotations

from clusterkit.render import RenderOptions
from clusterkit.render.diff import changes_lines, delta
from clusterkit.render.summary import cell
from clusterkit.results.history import History, HistoryPoint, LevelPoint, PackPoint
from clusterkit.results.numbers import fmt_score

MARK = {True: "✅", False: "❌"}


def requested_packs(history: History) -> list[str]:
    """The requested packs of any point, in the order they first appear."""
    seen: list[str] = []
    for point in history.points:
        seen += [p.pack for p in point.packs if p.requested and p.pack not in seen]
    return seen


def pack_at(point: HistoryPoint, pack: str) -> PackPoint | None:
    return next((item for item in point.packs if item.pack == pack), None)


def _verdict(level: LevelPoint) -> str:
    """✅ or ❌, and how an improvement condition counted: improved since the point before, or declared."""
    if level.progress == "baseline":
        return f"{MARK[level.reached]} {level.improved} improved"
    return MARK[level.reached] + (" declared" if level.progress == "declaration" else "")


def _table(history: History, pack: str) -> list[str]:
    newest = next(found for p in reversed(history.points) if (found := pack_at(p, pack)))
    areas, levels = [a.id for a in newest.areas], [lv.id for lv in newest.levels]
    titles = {lv.id: lv.title for lv in newest.levels}
    lines = [
        "",
        f"### {cell(pack)}: {cell(newest.title)}",
        "",
        "| date | revision | as of | "
        + " | ".join(cell(titles[i]) for i in levels)
        + " | score | "
        + " | ".join(cell(a) for a in areas)
        + " |",
        "|---|---|---|" + "---|" * len(levels) + "---:|" + "---:|" * len(areas),
    ]
    for point in history.points:
        found = pack_at(point, pack)
        reached = {lv.id: lv for lv in found.levels} if found else {}
        scores = {a.id: a.score for a in found.areas} if found else {}
        lines.append(
            f"| {point.date} | `{cell(point.label)}` | {point.assessment_date} | "
            + " | ".join(_verdict(reached[i]) if i in reached else "–" for i in levels)
            + f" | {fmt_score(found.score) if found else '–'} | "
            + " | ".join(fmt_score(scores.get(a)) for a in areas)
            + " |"
        )
    return lines


def _steps(history: History) -> list[str]:
    lines = ["", "## What changed from point to point"]
    for old, new, step in zip(history.points, history.points[1:], history.steps, strict=False):
        lines += ["", f"### `{cell(old.label)}` ({old.date}) → `{cell(new.label)}` ({new.date})"]
        for pack in step.packs:
            moved = changes_lines("Won", pack.won) + changes_lines("Lost", pack.lost)
            score = pack.score
            lines += [
                "",
                f"**{cell(pack.pack)}**: score {fmt_score(score.old)} → {fmt_score(score.new)} "
                f"({delta(score) or 'not computable'})",
            ]
            lines += moved or ["", "No indicator changed status."]
        if step.regressions:
            lines += ["", "Regressions:", "", *(f"- {cell(text)}" for text in step.regressions)]
    return lines


def markdown(history: History, options: RenderOptions) -> str:
    """A table per requested pack, then the changes between consecutive points."""
    lines = [
        f"## clusterkit history: `{cell(history.evidence_file)}`",
        "",
        f"{len(history.points)} assessments, from {history.points[0].date} to {history.points[-1].date}."
        if history.points
        else "No assessment to show.",
    ]
    for pack in requested_packs(history):
        lines += _table(history, pack)
    if history.steps:
        lines += _steps(history)
    return "\n".join(lines) + "\n"


def json_text(history: History, options: RenderOptions) -> str:
    """Indented JSON in model order, ending in a newline."""
    return history.model_dump_json(indent=2) + "\n"


def html(history: History, options: RenderOptions) -> str:
    """A self-contained page: a chart of the scores over time per requested pack, the tables, the steps."""
    from clusterkit.render.templating import environment
    from clusterkit.render.trend import colour, pack_series, trend_chart

    charts = []
    for pack in requested_packs(history):
        newest = next(found for p in reversed(history.points) if (found := pack_at(p, pack)))
        thresholds = [
            (level.title, level.score_required)
            for level in newest.levels
            if level.score_required is not None
        ]
        series = pack_series(history.points, pack)
        chart = trend_chart(
            history.points,
            series,
            thresholds,
            title=f"{newest.title}: scores over time",
            chart_id=f"trend-{pack}",
        )
        legend = [(line.label, colour(series, n)) for n, line in enumerate(series)]
        charts.append((newest, chart, legend))
    template = environment("html").get_template("history.html.j2")
    return template.render(
        h=history, charts=charts, packs=requested_packs(history), pack_at=pack_at
    )
