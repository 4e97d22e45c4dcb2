"""`clusterkit check`: exit codes per --fail-on mode, GitHub annotations at evidence lines, JUnit, step summary."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from junitparser import Failure, JUnitXml, Skipped

from clusterkit.render.github import command, escape_data, escape_property
from conftest import EXAMPLES
from git_support import (
    DOCUMENT_PACK,
    LINE_COMMITTED,
    LINE_DECLARATION,
    LINE_DOCUMENT,
    LINE_STRATEGY,
    STRATEGY,
    TODAY,
    evidence,
    write,
)

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "nordic-maritime" / "cluster.yaml"


@pytest.fixture(autouse=True)
def _outside_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def strategy_folder(
    folder: Path, *, strategy: str = STRATEGY, committed: int = 20, expires: str = "2027-01-31"
) -> Path:
    """Pack, evidence and strategy in a plain folder (file dates: written today, so always fresh)."""
    write(folder, "pack.yaml", DOCUMENT_PACK)
    write(folder, "docs/strategy.md", strategy)
    return write(folder, "cluster.yaml", evidence(committed=committed, expires=expires))


NO_OBJECTIVES = "# Strategy\n\n## Vision\n\nOnly a vision.\n"

# (scenario, file options) -> exit code per mode. Points: strategy 4 (minimum requirement), declaration 1,
# participants 2; the level needs every minimum requirement and 75 %.
SCENARIOS = {
    "all met": ({}, {"minimum": 0, "level": 0, "unknown": 0}),
    # declaration expired: unknown, 6 of 7 points = 86 %: the level holds
    "stale declaration": ({"expires": "2026-01-31"}, {"minimum": 0, "level": 0, "unknown": 1}),
    # and too few participants: 4 of 7 = 57 %, but the minimum requirement is met
    "score too low": (
        {"expires": "2026-01-31", "committed": 5},
        {"minimum": 0, "level": 1, "unknown": 1},
    ),
    # the minimum requirement is only partial
    "minimum not met": ({"strategy": NO_OBJECTIVES}, {"minimum": 1, "level": 1, "unknown": 1}),
}


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("mode", ["minimum", "level", "unknown"])
def test_exit_code_per_fail_on_mode(tmp_path: Path, cli, scenario: str, mode: str) -> None:
    options, expected = SCENARIOS[scenario]
    file = strategy_folder(tmp_path, **options)
    result = cli("check", file, "--today", TODAY, "--fail-on", mode, "-f", "json")
    assert result.code == expected[mode], result
    verdict = "FAILED" if expected[mode] else "passed"
    assert f"clusterkit check: {verdict} (--fail-on {mode}, as of {TODAY})" in result.stderr


def test_the_default_mode_is_level(tmp_path: Path, cli) -> None:
    file = strategy_folder(tmp_path, expires="2026-01-31", committed=5)
    result = cli("check", file, "--today", TODAY)
    assert result.code == 1, result
    assert "(--fail-on level," in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["missing.yaml"],
        ["{file}", "--today", "2026-02-30"],
        ["{file}", "--level", "platinum"],
        ["{file}", "--fail-on", "sometimes"],
        ["{file}", "--format", "xml"],
        ["{invalid}"],
    ],
    ids=["no file", "bad date", "unknown level", "unknown mode", "unknown format", "invalid"],
)
def test_bad_input_exits_2(tmp_path: Path, cli, args: list[str]) -> None:
    file = strategy_folder(tmp_path)
    invalid = write(tmp_path, "invalid.yaml", "schema_version: 1\ncluster: {country: NO}\n")
    values = [arg.format(file=file, invalid=invalid) for arg in args]
    result = cli("check", *values, cwd=tmp_path)
    assert result.code == 2, result


def annotations(stdout: str) -> list[dict[str, str]]:
    """Parse workflow commands back into their kind, properties and message."""
    found = []
    for line in stdout.splitlines():
        match = re.fullmatch(r"::(\w+)(?: ([^:]*))?::(.*)", line)
        assert match, f"not a workflow command: {line!r}"
        kind, props, message = match.groups()
        fields = dict(pair.split("=", 1) for pair in (props or "").split(",") if pair)
        found.append({"kind": kind, "message": message, **fields})
    return found


def test_github_annotations_point_at_the_evidence_lines(tmp_path: Path, cli) -> None:
    file = strategy_folder(tmp_path, strategy=NO_OBJECTIVES, committed=5, expires="2026-01-31")
    result = cli("check", "cluster.yaml", "--today", TODAY, "-f", "github", cwd=tmp_path)
    assert result.code == 1, result
    found = annotations(result.stdout)
    kinds = ["notice", "error", "warning", "warning", "warning", "warning"]
    assert [a["kind"] for a in found] == kinds
    error, *warnings = found[1:]
    assert (error["file"], error["line"], error["col"]) == ("cluster.yaml", str(LINE_DOCUMENT), "3")
    assert error["title"] == "ci-docs 1.1%3A partial"
    assert "has no heading “Objectives”" in error["message"]
    assert "%0AFix: Review the strategy and commit it." in error["message"]
    lines = {w["title"]: w.get("line") for w in warnings}
    assert lines == {
        "ci-docs 1.2%3A unmet": str(LINE_COMMITTED),
        "ci-docs 4.1.4%3A unknown": str(LINE_DECLARATION),
        # the assessment's warnings, without a position: the stale declaration, and the file dates used
        # for documents outside git
        "clusterkit": None,
    }
    assert file.read_text().splitlines()[LINE_DOCUMENT - 1] == "  document: docs/strategy.md"


def _document_indicator(indicator: str, field: str) -> str:
    return (
        f'      - id: "{indicator}"\n        title: Indicator {indicator}\n        basis: assumption\n'
        "        guidance: A document.\n        checks:\n"
        f"          - {{id: doc, title: Document, points: 1, rule: {{kind: document, field: {field}}},"
        " basis: assumption, fix: Write it.}\n"
    )


def test_a_field_not_written_is_annotated_at_its_parent_else_line_1(tmp_path: Path, cli) -> None:
    strategy_folder(tmp_path)
    pack = DOCUMENT_PACK + _document_indicator("9", "strategy.review_record")
    write(tmp_path, "pack.yaml", pack + _document_indicator("10", "communication.plan"))
    result = cli("check", "cluster.yaml", "--today", TODAY, "-f", "github", cwd=tmp_path)
    lines = {
        a["title"]: a.get("line") for a in annotations(result.stdout) if a["kind"] == "warning"
    }
    assert lines == {
        "ci-docs 9%3A unknown": str(LINE_STRATEGY),
        "ci-docs 10%3A unknown": "1",
        "clusterkit": None,  # the file dates used outside git
    }
    positions = json.loads(
        cli("check", "cluster.yaml", "--today", TODAY, "-f", "json", cwd=tmp_path).stdout
    )["positions"]
    assert positions["strategy.review_record"] == {"line": LINE_STRATEGY, "column": 1}
    assert positions["communication.plan"] == {"line": 1, "column": 1}
    assert positions["declarations.4.1.4"] == {"line": LINE_DECLARATION, "column": 3}
    assert list(positions) == sorted(positions)


def test_annotation_data_is_escaped_as_the_actions_toolkit_does() -> None:
    assert escape_data("50 %\r\nnext") == "50 %25%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = command("error", "m: 1,2", file="dir,x/cluster.yaml", line=3, title="t: x")
    assert line == "::error file=dir%2Cx/cluster.yaml,line=3,title=t%3A x::m: 1,2"


def test_github_is_the_default_format_inside_github_actions(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = strategy_folder(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = cli("check", file, "--today", TODAY)
    assert result.code == 0, result
    assert result.stdout.startswith(
        "::notice title=clusterkit%3A ci-docs Documents in order reached::"
    )


def test_junit_is_read_by_a_real_consumer_with_the_expected_counts(tmp_path: Path, cli) -> None:
    file = strategy_folder(tmp_path, strategy=NO_OBJECTIVES, expires="2026-01-31")
    report = tmp_path / "junit.xml"
    result = cli("check", file, "--today", TODAY, "-f", "junit", "-o", report)
    assert result.code == 1, result
    xml = JUnitXml.fromfile(str(report))
    suites = {suite.name: suite for suite in xml}
    assert set(suites) == {"ci-docs"}
    suite = suites["ci-docs"]
    # 3 checks + the target level: participants passes; strategy partial and the level fail; declaration
    # unknown is skipped.
    assert (suite.tests, suite.failures, suite.skipped, suite.errors) == (4, 2, 1, 0)
    outcome = {}
    for case in suite:
        kinds = [type(r).__name__ for r in case.result]
        outcome[(case.classname, case.name)] = kinds[0] if kinds else "passed"
        if kinds and isinstance(case.result[0], Failure | Skipped):
            assert case.result[0].message
    assert outcome == {
        ("ci-docs.levels", "target level ok: Documents in order"): "Failure",
        ("ci-docs.1.1", "strategy-current: Strategy current with its sections"): "Failure",
        ("ci-docs.4.1.4", "declared: Controlling declared"): "Skipped",
        ("ci-docs.1.2", "enough: At least 15 participants"): "passed",
    }


def test_junit_of_the_largest_example_counts_every_check(cli) -> None:
    assessment = json.loads(cli("check", EXAMPLE, "-f", "json").stdout)
    checks = [
        c
        for p in assessment["packs"]
        for a in p["areas"]
        for i in a["indicators"]
        for c in i["checks"]
    ]
    # bytes: the report declares its encoding, which lxml (junitparser uses it when present) refuses in a str
    xml = JUnitXml.fromstring(cli("check", EXAMPLE, "-f", "junit").stdout.encode())
    requested = sum(1 for p in assessment["packs"] if p["requested"])
    assert xml.tests == len(checks) + requested
    failed = sum(1 for c in checks if c["status"] in ("unmet", "partial"))
    assert xml.failures == failed + sum(
        1 for p in assessment["packs"] if p["requested"] and not p["target_reached"]
    )


def test_the_step_summary_is_appended(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    file = strategy_folder(tmp_path, committed=5, expires="2026-01-31")
    summary = tmp_path / "step-summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli("check", file, "--today", TODAY).code == 1
    assert cli("check", file, "--today", TODAY, "-f", "junit").code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n## ❌ clusterkit: Test cluster\n")
    assert text.count("## ❌ clusterkit: Test cluster") == 2
    assert "| ci-docs 1 | Documents in order | ❌ not reached | 57.1 % | 1 | 0 | 1 | 1 |" in text
    assert "**Next steps for the score**" in text
    assert "- declaration 4.1.4 expired on 2026-01-31" in text


def test_md_format_is_the_full_markdown_report(cli) -> None:
    from conftest import EXAMPLES

    result = cli("check", EXAMPLES / "agrifood-midlands" / "cluster.yaml", "--format", "md")
    assert result.code == 1, result
    assert "## Summary" in result.stdout and "- [ ] **must fix**" in result.stdout


@pytest.mark.parametrize("name", ["github", "junit", "summary", "json"])
def test_every_ci_format_renders_the_example_deterministically(cli, name: str) -> None:
    from clusterkit.pipeline import load_evidence, run
    from clusterkit.render import render

    first = render(run(load_evidence(EXAMPLE, "cluster.yaml")), name)
    second = render(run(load_evidence(EXAMPLE, "cluster.yaml")), name)
    assert first == second and first.endswith("\n")
    assert "\x1b[" not in first


def test_the_summary_keeps_evidence_text_from_breaking_its_markdown(tmp_path: Path) -> None:
    from clusterkit.pipeline import load_evidence, run
    from clusterkit.render import render

    file = strategy_folder(tmp_path)
    file.write_text(file.read_text().replace("Test cluster", "A | <b>B</b>"), encoding="utf-8")
    text = render(run(load_evidence(file), today=dt.date.fromisoformat(TODAY)), "summary")
    assert text.startswith("## ✅ clusterkit: A \\| &lt;b&gt;B&lt;/b&gt;\n")


def test_today_today_lets_a_pinned_file_age_and_fail(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CI design (docs/ci.md): `--today today` assesses as of the run, so stale counts fail."""
    from clusterkit.cli import common

    pinned = EXAMPLES / "nordic-maritime" / "cluster.yaml"  # assessment_date 2026-10-01
    assert cli("check", pinned).code == 0
    monkeypatch.setattr(common, "CLOCK", lambda: dt.date(2029, 10, 1))
    aged = cli("check", pinned, "--today", "today", "--format", "json")
    assert aged.code == 1, aged
    assert json.loads(aged.stdout)["assessment_date"] == "2029-10-01"
    assert "as of 2026-10-01, older than 12 months" in aged.stdout
