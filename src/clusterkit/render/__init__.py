"""Pure renderers, and the one registry of output formats: keyed by the result read and the format name.

Owns turning a result (an Assessment, an AssessmentDiff, a NewEvidence) into text. Renderers read results
only: they never score, load files, ask git or know the command line. May import `results`, `models`,
`resources` and `errors`; never `load`, `facts`, `packs`, `scoring` or `cli`.

This module stays light (no pydantic, no jinja2) because the CLI reads the registry to build its
``--format`` choices while ``--help`` is being printed; a renderer's module is imported only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, NamedTuple


class RenderOptions(NamedTuple):
    """What a renderer may be told about where its text goes; machine formats ignore it."""

    color: bool = False
    width: int = 100
    # The language of the report's words and of its number and date formats (ISO 639-1); an input,
    # never the process's locale.
    language: str = "en"
    # Only the board summary (`report --summary`), not the full report with its annex.
    summary: bool = False


Renderer = Callable[[Any, RenderOptions], str]
# A format may be binary (XLSX): its renderer returns bytes, and the writer writes them as they are.
AnyRenderer = Callable[[Any, RenderOptions], str | bytes]


class Format(NamedTuple):
    """One output format: the function that renders it, the commands that offer it, what it is."""

    target: str  # "module:function", imported on use
    commands: tuple[str, ...]  # the commands whose --format offers it (none: used internally)
    help: str
    machine: bool = False  # read by programs: never colour, never terminal widths
    # Where `report` and `history` write it without -o, beside the evidence file (a browser opens a file, not a
    # stream); None: to stdout, for a pipe or a redirect.
    default_file: str | None = None
    binary: bool = False  # the renderer returns bytes (XLSX, PDF; never printed to a terminal)


ASSESSMENT_JSON = Format(
    "clusterkit.render.json:render",
    ("assess", "report", "check"),
    "the Assessment as JSON, with its schema_version",
    machine=True,
)

# result kind -> format name -> Format. Adding a format is one entry; the CLI's --format choices, its
# help and the docs' format lists come from here. The CLI adds its terminal table itself (rich lives there).
RENDERERS: dict[str, dict[str, Format]] = {
    "assessment": {
        "md": Format(
            "clusterkit.render.markdown:render", ("report", "check"), "the full report in Markdown"
        ),
        "html": Format(
            "clusterkit.render.html:render",
            ("report",),
            "a self-contained HTML report",
            default_file="report.html",
        ),
        "pdf": Format(
            "clusterkit.render.pdf:render",
            ("report",),
            "the HTML report as an A4 PDF (needs the pdf extra)",
            default_file="report.pdf",
            binary=True,
        ),
        "json": ASSESSMENT_JSON,
        "github": Format(
            "clusterkit.render.github:render",
            ("check",),
            "GitHub Actions workflow commands (annotations at the evidence lines)",
            machine=True,
        ),
        "junit": Format(
            "clusterkit.render.junit:render",
            ("check",),
            "JUnit XML, a test case per check",
            machine=True,
        ),
        "summary": Format(
            "clusterkit.render.summary:render", (), "the short Markdown of a CI step summary"
        ),
    },
    "portfolio": {
        "csv": Format(
            "clusterkit.render.portfolio_csv:wide",
            ("portfolio",),
            "CSV, one row per file: levels, scores per area, minimums, unknowns, blocking gaps, percentiles",
            machine=True,
        ),
        "csv-long": Format(
            "clusterkit.render.portfolio_csv:long",
            ("portfolio",),
            "CSV, one row per file and indicator, with percentiles",
            machine=True,
        ),
        "xlsx": Format(
            "clusterkit.render.portfolio_xlsx:render",
            ("portfolio",),
            "an Excel workbook with a sheet per view (needs the xlsx extra)",
            machine=True,
            binary=True,
        ),
        "json": Format(
            "clusterkit.render.portfolio_json:render",
            ("portfolio",),
            "the portfolio as JSON: rows, positions, peer statistics, roll-up rules",
            machine=True,
        ),
        "html": Format(
            "clusterkit.render.portfolio_html:render",
            ("portfolio",),
            "a self-contained HTML overview: tiers, heat map, box plots, shared gaps",
        ),
    },
    # `report --benchmark` and `report --history`: the report with the cluster against its peers and
    # its trend over time (offered through report).
    "extended": {
        "md": Format(
            "clusterkit.render.markdown:render_extended",
            (),
            "the report with a peer table and a trend table",
        ),
        "html": Format(
            "clusterkit.render.html:render_extended",
            (),
            "the report with radar charts and a trend chart",
        ),
        "pdf": Format(
            "clusterkit.render.pdf:render_extended",
            (),
            "the extended HTML report as an A4 PDF (needs the pdf extra)",
            binary=True,
        ),
    },
    "benchmark": {
        "json": Format(
            "clusterkit.render.portfolio_json:benchmark",
            (),
            "the peer distributions of a portfolio, without cluster data",
            machine=True,
        ),
    },
    "diff": {
        "md": Format("clusterkit.render.diff:markdown", ("diff",), "a pull-request comment"),
        "json": Format(
            "clusterkit.render.diff:json_text", ("diff",), "the comparison as JSON", machine=True
        ),
        "github": Format(
            "clusterkit.render.diff_ci:github",
            ("diff",),
            "GitHub Actions workflow commands, one per indicator lost",
            machine=True,
        ),
        "junit": Format(
            "clusterkit.render.diff_ci:junit",
            ("diff",),
            "JUnit XML, a failing test case per regression",
            machine=True,
        ),
    },
    # `plan export`: the improvement plan of an assessment, for a board paper or an issue tracker.
    "plan": {
        "md": Format(
            "clusterkit.render.plan:markdown",
            ("plan export",),
            "a checklist for a board paper, overdue items first",
        ),
        "csv": Format(
            "clusterkit.render.plan:csv_text",
            ("plan export",),
            "one row per item for an issue tracker's CSV import",
            machine=True,
        ),
    },
    "history": {
        "md": Format(
            "clusterkit.render.history:markdown",
            ("history",),
            "a table per pack and the changes between points",
        ),
        "json": Format(
            "clusterkit.render.history:json_text",
            ("history",),
            "every point and step as JSON",
            machine=True,
        ),
        "html": Format(
            "clusterkit.render.history:html",
            ("history",),
            "a self-contained page with a chart per pack",
            default_file="history.html",
        ),
    },
}


def offered(command: str) -> dict[str, Format]:
    """The formats a command offers, in registry order, whatever result kind they read."""
    return {
        name: spec
        for table in RENDERERS.values()
        for name, spec in table.items()
        if command in spec.commands
    }


def load(spec: Format) -> AnyRenderer:
    """The function behind a format, imported now."""
    module_name, _, function = spec.target.partition(":")
    found: AnyRenderer = getattr(importlib.import_module(module_name), function)
    return found


def renderer(name: str, kind: str = "assessment") -> AnyRenderer:
    """The renderer registered under ``name`` for results of ``kind``; KeyError for an unknown one."""
    return load(RENDERERS[kind][name])


def render(
    result: Any, name: str, options: RenderOptions | None = None, *, kind: str = "assessment"
) -> str:
    """Render a result in a registered text format."""
    text = renderer(name, kind)(result, options or RenderOptions())
    if not isinstance(text, str):
        raise TypeError(f"{kind} format {name} is binary; use render_bytes")
    return text


def render_bytes(
    result: Any, name: str, options: RenderOptions | None = None, *, kind: str = "assessment"
) -> bytes:
    """Render a result in a registered binary format (XLSX, PDF)."""
    data = renderer(name, kind)(result, options or RenderOptions())
    if not isinstance(data, bytes):
        raise TypeError(f"{kind} format {name} is text; use render")
    return data
