"""`report --history`: the report's trend section, the score at each commit that changed the evidence file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from clusterkit.results.numbers import fmt_score
from scoring_support import EXAMPLES
from test_history import DATES, history_repo

pytestmark = pytest.mark.git
__all__ = ["history_repo"]  # the five-commit repository of the history tests


def _trend_rows(markdown: str) -> list[list[str]]:
    """The rows of the first table under `## Trend`, cells stripped."""
    section = markdown.split("## Trend", 1)[1].split("\n## ", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in table[1:]]


def _scores(repo: Path, cli) -> list[str]:  # type: ignore[no-untyped-def]
    """The esca-gold score of each point as `clusterkit history` computes it, formatted as the report does."""
    done = cli("history", "-f", "json", cwd=repo)
    assert done.code == 0, done
    points = json.loads(done.stdout)["points"]
    scores = [
        next(p["score"] for p in point["packs"] if p["pack"] == "esca-gold") for point in points
    ]
    return [fmt_score(score) for score in scores]


def test_the_trend_lists_every_commit_of_the_file_with_its_score(history_repo: Path, cli) -> None:
    done = cli("report", "--history", "-o", "-", cwd=history_repo)
    assert done.code == 0, done
    rows = _trend_rows(done.stdout)
    assert len(rows) == len(DATES)  # the file is as committed: no extra point for the working tree
    assert [row[2] for row in rows] == _scores(history_repo, cli)
    assert all(row[3] in ("✅ reached", "❌ not reached") for row in rows), rows
    assert "`clusterkit history` shows the whole path" in done.stdout


def test_an_edited_file_adds_this_report_as_the_newest_point(
    history_repo: Path, cli, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(history_repo, repo)
    evidence = repo / "cluster.yaml"
    evidence.write_text(
        evidence.read_text(encoding="utf-8").replace("\n  in_region: 50 ", "\n  in_region: 86 "),
        encoding="utf-8",
    )
    report = cli("report", "--history", "--today", "2026-11-30", "-o", "-", cwd=repo)
    assert report.code == 0, report
    rows = _trend_rows(report.stdout)
    assert len(rows) == len(DATES) + 1
    assert rows[-1][1] == "this report"
    alone = json.loads(cli("assess", "--today", "2026-11-30", "-f", "json", cwd=repo).stdout)
    score = next(p["score"] for p in alone["packs"] if p["pack"] == "esca-gold")
    assert rows[-1][2] == fmt_score(score)


def test_the_html_report_draws_the_trend_and_pdf_carries_it(
    history_repo: Path, cli, tmp_path: Path
) -> None:
    page = cli("report", "--history", "-f", "html", "-o", "-", cwd=history_repo)
    assert page.code == 0, page
    assert '<section id="trend"' in page.stdout and 'href="#trend"' in page.stdout
    chart = page.stdout.split('aria-labelledby="report-trend-esca-gold-title"', 1)[1].split(
        "</svg>", 1
    )[0]
    assert chart.count("<circle") == len(DATES) and "<polyline" in chart
    pdf = tmp_path / "report.pdf"
    done = cli("report", "--history", "-f", "pdf", "-o", pdf, cwd=history_repo)
    assert done.code == 0, done
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_the_trend_is_in_the_report_s_language(history_repo: Path, cli) -> None:
    done = cli("report", "--history", "--lang", "de", "-o", "-", cwd=history_repo)
    assert done.code == 0, done
    assert "## Verlauf" in done.stdout and "## Trend" not in done.stdout


def test_a_format_without_a_trend_is_a_usage_error(history_repo: Path, cli) -> None:
    done = cli("report", "--history", "-f", "json", "-o", "-", cwd=history_repo)
    assert done.code == 2, done
    assert "--history work with the formats md, html, pdf, not json" in done.stderr


def test_without_git_there_is_no_history_and_the_message_says_so(cli, tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    shutil.copytree(EXAMPLES / "nordic-maritime", folder)
    done = cli("report", "--history", "-o", "-", cwd=folder)
    assert done.code == 2, done
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done
