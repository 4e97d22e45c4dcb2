"""The options and arguments several commands share, declared once so their help reads the same."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DEFAULT_FILE = Path("cluster.yaml")
"""The evidence file a command reads when none is given."""

EvidenceFile = Annotated[
    Path, typer.Argument(help="The evidence file; default ./cluster.yaml.", metavar="FILE")
]
Criteria = Annotated[
    list[str] | None,
    typer.Option(
        "--criteria",
        "-c",
        metavar="PACK",
        help="Criteria pack id or path; repeat for several. Default: the file's `criteria`, else esca-gold.",
    ),
]
BUNDLED_LEVELS = {
    "esca-gold": "bronze-eligibility (bronze), silver-readiness (silver), gold",
    "eccp-validation": "floor",
    "strategy-process": "core, complete",
}
"""The levels of the bundled packs, for --help (which must not load packs to stay fast); a test keeps
this table equal to the packs' own levels and short names."""

Level = Annotated[
    list[str] | None,
    typer.Option(
        "--level",
        "-l",
        metavar="LEVEL",
        help="Target level, by id or short name (silver), for every pack that has it, or PACK=LEVEL; "
        "default: each pack's default level. Bundled: "
        + "; ".join(f"{pack}: {levels}" for pack, levels in BUNDLED_LEVELS.items())
        + ".",
    ),
]
Today = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="YYYY-MM-DD|today",
        help="Assessment date YYYY-MM-DD, or `today` (the date of the run: evidence ages, as in CI); default: the file's assessment_date, else today.",
    ),
]
Baseline = Annotated[
    str | None,
    typer.Option(
        "--baseline",
        metavar="REV|FILE",
        help="The earlier assessment to measure progress against (Silver's improvement areas): a saved assessment (assess -f json -o FILE) or a git revision of the evidence file. Default: none; the file's improvement_areas count instead, shown as declared.",
    ),
]
Output = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="PATH", help="Write to this file instead of stdout."),
]
SummaryOnly = Annotated[
    bool,
    typer.Option(
        "--summary", help="Only the board summary (at most two A4 pages), not the full report."
    ),
]
Language = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        help="Language of the report (en, de, fr). Default: the file's cluster.language, else en.",
    ),
]
ReportOutput = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write to this file. Default: md and json to stdout; html and pdf to report.html or report.pdf beside the evidence file.",
    ),
]
