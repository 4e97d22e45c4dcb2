"""Hostile and careless input (issue 10): every case is exit 2 with a positioned message, never exit 3, a
traceback or a hang. The evidence-file cases that need no CLI are corpus files in tests/data/invalid/.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from clusterkit.errors import Problem
from conftest import EXAMPLES, CliResult
from git_support import DOCUMENT_PACK, STRATEGY, evidence, git, init, write

Cli = Callable[..., CliResult]
NEAR_GOLD = EXAMPLES / "nordic-maritime"
INVALID = Path(__file__).resolve().parent / "data" / "invalid"
HANG_SECONDS = 30
LINE = re.compile(r"[^\n]+:\d+:\d+: error: [^\n]+ \[[a-z0-9-]+\]")


def input_error(result: CliResult, *words: str) -> None:
    assert result.code == 2, result
    assert "Traceback" not in result.stdout + result.stderr, result
    assert "internal error" not in result.stderr, result
    for word in words:
        assert word in result.stderr, result


@pytest.fixture
def strategy(tmp_path: Path) -> Path:
    repo = tmp_path / "strategy"
    shutil.copytree(NEAR_GOLD, repo)
    return repo


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- what crashed with exit 3 -------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["huge-count.yaml", "dates-out-of-window.yaml"])
@pytest.mark.parametrize("command", ["validate", "assess", "report"])
def test_numbers_and_dates_out_of_range_are_input_errors(
    cli: Cli, tmp_path: Path, case: str, command: str
) -> None:
    shutil.copy(INVALID / case, tmp_path / case)
    input_error(cli(command, case, cwd=tmp_path), "out-of-range")


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_an_assessment_date_option_out_of_range_is_a_usage_error(
    cli: Cli, strategy: Path, day: str
) -> None:
    input_error(cli("assess", "--today", day, cwd=strategy), "--today", "1900-01-01")


def test_a_document_that_is_a_link_loop_is_an_input_error(cli: Cli, strategy: Path) -> None:
    document = strategy / "docs" / "upskilling-plan.md"
    document.unlink()
    document.symlink_to("upskilling-plan.md")
    input_error(cli("assess", cwd=strategy), "upskilling-plan.md", "loop")


def test_a_file_time_outside_pythons_dates_is_no_date(cli: Cli, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write(repo, "pack.yaml", DOCUMENT_PACK)
    write(repo, "cluster.yaml", evidence())
    document = write(repo, "docs/strategy.md", STRATEGY)
    try:
        os.utime(document, (2**40, 2**40))  # year 36812: past what datetime holds
    except (OverflowError, OSError):
        pytest.skip("the file system cannot hold such a time")
    result = cli("assess", "--today", "2026-06-01", "-f", "json", cwd=repo)
    assert result.code in (0, 1), result


def test_file_times_python_cannot_hold_are_no_date() -> None:
    # File systems clamp what os.utime sets (ext4 stops at 2446), so the times no file system here can
    # hold are given through a stand-in for the file.
    from clusterkit.facts.dates import file_date as _file_date

    class Stamped:
        def __init__(self, seconds: float) -> None:
            self.seconds = seconds

        def stat(self) -> SimpleNamespace:
            return SimpleNamespace(st_mtime=self.seconds)

    for seconds in (1e20, -1e20, float("nan"), 2**40):
        assert _file_date(Stamped(seconds)) is None, seconds  # type: ignore[arg-type]
    assert _file_date(Stamped(0)) == dt.date(1970, 1, 1)  # type: ignore[arg-type]


@pytest.mark.git
def test_a_commit_dated_in_year_10000_is_no_date(cli: Cli, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    init(repo)
    write(repo, "pack.yaml", DOCUMENT_PACK)
    write(repo, "cluster.yaml", evidence())
    write(repo, "docs/strategy.md", STRATEGY)
    git(repo, "add", ".")
    tree = git(repo, "write-tree").strip()
    # git refuses such a date when it commits, but a forged commit object carries it all the same.
    forged = f"tree {tree}\nauthor t <t@x> 253402300800 +0000\ncommitter t <t@x> 253402300800 +0000\n\nf\n"
    raw = tmp_path / "commit.txt"
    raw.write_text(forged)
    commit = git(repo, "hash-object", "-t", "commit", "-w", "--literally", str(raw)).strip()
    git(repo, "update-ref", "HEAD", commit)
    assert git(repo, "log", "--format=%cs").strip() == "10000-01-01"
    result = cli("assess", "--today", "2026-06-01", cwd=repo)
    assert result.code in (0, 1), result


# --- what hung -----------------------------------------------------------------------------------------


def run_with_timeout(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clusterkit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=HANG_SECONDS,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.mark.parametrize("where", ["evidence", "pack", "document"])
def test_a_fifo_never_hangs_a_run(strategy: Path, where: str) -> None:
    if where == "evidence":
        (strategy / "cluster.yaml").unlink()
        os.mkfifo(strategy / "cluster.yaml")
        args = ["validate"]
    elif where == "pack":
        os.mkfifo(strategy / "pack.yaml")
        args = ["assess", "-c", "pack.yaml"]
    else:
        (strategy / "docs" / "upskilling-plan.md").unlink()
        os.mkfifo(strategy / "docs" / "upskilling-plan.md")
        args = ["assess"]
    done = run_with_timeout(args, strategy)
    if where == "document":  # a FIFO is no document: it does not exist as one, and is never opened
        assert done.returncode in (0, 1), done.stderr
        return
    assert done.returncode == 2, done.stderr
    assert "named pipe (FIFO)" in done.stderr and "Traceback" not in done.stderr


# --- control characters and one-line messages ----------------------------------------------------------


def test_escaped_terminal_sequences_never_reach_any_output(cli: Cli, strategy: Path) -> None:
    evidence_file = strategy / "cluster.yaml"
    edit(
        evidence_file,
        "  name: ",
        '  name: "Ctl \\e]0;TITLE\\e\\\\ \\e]52;c;ZWNobw==\\a"\n  alias: ',
    )
    for args in (("check", "-f", "junit"), ("check", "-f", "github"), ("report",), ("assess",)):
        result = cli(*args, cwd=strategy)
        input_error(result, "control-character", "U+001B")
        assert "\x1b" not in result.stdout + result.stderr
        assert "\x07" not in result.stdout + result.stderr


def test_a_newline_echoed_in_a_message_keeps_one_problem_on_one_line(
    cli: Cli, tmp_path: Path
) -> None:
    (tmp_path / "cluster.yaml").write_text(
        textwrap.dedent(
            """\
            schema_version: 1
            cluster: {name: Test, country: "D\\nE:1:1: error: forged [x]"}
            participants: {committed: "many\\nlines"}
            """
        )
    )
    result = cli("validate", cwd=tmp_path)
    input_error(result)
    *lines, summary = result.stderr.splitlines()
    assert summary == "2 errors in 1 file", result
    assert len(lines) == 2 and all(LINE.fullmatch(line) for line in lines), result
    assert "D\\nE:1:1" in lines[0]


def test_problem_format_escapes_every_control_character() -> None:
    problem = Problem("a\nb.yaml", 1, 2, "value `x\x1b]0;T\x07`", "code", "f", "hint\r\n")
    text = problem.format()
    assert "\n" not in text and "\x1b" not in text and "\r" not in text and "\x07" not in text
    assert text == "a\\nb.yaml:1:2: error: f: value `x\\x1b]0;T\\x07`; hint\\r\\n [code]"


# --- files read that should not be ---------------------------------------------------------------------


@pytest.mark.parametrize("reference", ["/etc/passwd", "../outside.yaml", "docs/../../outside.yaml"])
def test_a_pack_named_in_the_evidence_stays_in_its_repository(
    cli: Cli, strategy: Path, reference: str
) -> None:
    shutil.copy(
        EXAMPLES.parent / "criteria" / "eccp-validation.yaml", strategy.parent / "outside.yaml"
    )
    edit(strategy / "cluster.yaml", "criteria: esca-gold", f"criteria: [esca-gold, {reference}]")
    for command in ("validate", "assess"):
        result = cli(command, cwd=strategy)
        input_error(result, "cluster.yaml:3:", "path-outside", reference)
        assert "root:" not in result.stderr  # nothing of the file is read, so nothing is echoed


def _extending(base: str) -> str:
    return f'schema_version: 1\nid: local-gold\nextends: {base}\nversion: "1"\noverrides: {{}}\n'


def _outside_base(strategy: Path) -> Path:
    """A valid pack beside the repository, with a marker that must never reach a message."""
    base = strategy.parent / "outside.yaml"
    text = (EXAMPLES.parent / "criteria" / "eccp-validation.yaml").read_text(encoding="utf-8")
    base.write_text(text.replace("title:", "title: SECRET-OUTSIDE", 1), encoding="utf-8")
    return base


@pytest.mark.parametrize("how", ["relative", "absolute", "link"])
def test_what_a_named_pack_extends_stays_in_the_repository(
    cli: Cli, strategy: Path, how: str
) -> None:
    """A pack inside the repository cannot reach outside it through `extends`, whichever way it is written."""
    base = _outside_base(strategy)
    if how == "link":
        (strategy / "base.yaml").symlink_to(base)
    reference = {"relative": "../outside.yaml", "absolute": str(base), "link": "base.yaml"}[how]
    (strategy / "local.yaml").write_text(_extending(reference), encoding="utf-8")
    edit(strategy / "cluster.yaml", "criteria: esca-gold", "criteria: [local.yaml]")
    for command in ("assess", "check", "report"):
        result = cli(command, cwd=strategy)
        input_error(result, "local.yaml:3:", "path-outside", "extends", "--criteria")
        assert "SECRET-OUTSIDE" not in result.stdout + result.stderr


def test_the_pack_cache_does_not_lift_the_confinement(cli: Cli, strategy: Path) -> None:
    """Loaded once with --criteria (the user's choice, so cached), the same pack named by the evidence is
    still refused: a cached pack's files are checked as the files themselves would be."""
    _outside_base(strategy)
    (strategy / "local.yaml").write_text(_extending("../outside.yaml"), encoding="utf-8")
    chosen = cli("assess", "--criteria", strategy / "local.yaml", cwd=strategy)
    assert chosen.code in (0, 1), chosen
    edit(strategy / "cluster.yaml", "criteria: esca-gold", "criteria: [local.yaml]")
    input_error(cli("assess", cwd=strategy), "local.yaml:3:", "path-outside")


def test_a_prerequisite_pack_linked_from_outside_is_refused(cli: Cli, strategy: Path) -> None:
    """A level's prerequisite pack found beside a named pack must not be a link out of the repository."""
    pack = (EXAMPLES.parent / "criteria" / "esca-gold.yaml").read_text(encoding="utf-8")
    assert "- {level: bronze-eligibility}" in pack
    (strategy / "local.yaml").write_text(
        pack.replace("- {level: bronze-eligibility}", "- {pack: elsewhere, level: gold}", 1),
        encoding="utf-8",
    )
    (strategy / "elsewhere.yaml").symlink_to(_outside_base(strategy))
    edit(strategy / "cluster.yaml", "criteria: esca-gold", "criteria: [local.yaml]")
    result = cli("assess", cwd=strategy)
    input_error(result, "local.yaml:", "path-outside", "`elsewhere`")
    assert "SECRET-OUTSIDE" not in result.stdout + result.stderr


def test_a_named_packs_wording_file_linked_from_outside_is_refused(
    cli: Cli, strategy: Path
) -> None:
    """The translation beside a named pack is read like the pack: a link out of the repository is refused."""
    criteria = EXAMPLES.parent / "criteria"
    shutil.copy(criteria / "eccp-validation.yaml", strategy / "eccp-validation.yaml")
    outside = strategy.parent / "wording.yaml"
    outside.write_text(
        (criteria / "locales" / "de" / "eccp-validation.yaml").read_text("utf-8"), "utf-8"
    )
    (strategy / "locales" / "de").mkdir(parents=True)
    (strategy / "locales" / "de" / "eccp-validation.yaml").symlink_to(outside)
    edit(
        strategy / "cluster.yaml",
        "criteria: esca-gold",
        "criteria: [esca-gold, eccp-validation.yaml]",
    )
    input_error(cli("report", "--lang", "de", "-o", "-", cwd=strategy), "path-outside", "wording")
    assert cli("report", "-o", "-", cwd=strategy).code in (
        0,
        1,
    )  # in English no wording file is read


def test_a_pack_given_on_the_command_line_may_be_anywhere(cli: Cli, strategy: Path) -> None:
    pack = strategy.parent / "outside.yaml"
    shutil.copy(EXAMPLES.parent / "criteria" / "eccp-validation.yaml", pack)
    result = cli("assess", "--criteria", pack, cwd=strategy)
    assert result.code in (0, 1), result


# --- wrong values silently accepted --------------------------------------------------------------------


def test_declarations_for_indicators_no_pack_has_are_errors(cli: Cli, strategy: Path) -> None:
    edit(
        strategy / "cluster.yaml",
        "\ndeclarations:\n  2.2.2:\n",
        '\ndeclarations:\n  "9.9.9": {status: met, justification: "Not an indicator."}\n  4.1.44:\n',
    )
    for command in ("assess", "check", "report"):  # validate loads no packs, so it cannot know
        result = cli(command, cwd=strategy)
        input_error(result, "unknown-indicator", "`4.1.44`", "did you mean `4.1.4`?", "`9.9.9`")


@pytest.mark.parametrize("version", ["true", "1.0", '"1"'])
def test_schema_version_is_the_whole_number_1(cli: Cli, strategy: Path, version: str) -> None:
    edit(strategy / "cluster.yaml", "schema_version: 1 ", f"schema_version: {version} ")
    input_error(cli("validate", cwd=strategy), "cluster.yaml:2:", "schema_version")


def test_validate_warns_without_a_schema_modeline(cli: Cli, strategy: Path) -> None:
    with_line = cli("validate", cwd=strategy)
    assert with_line.code == 0 and "$schema" not in with_line.stderr, with_line
    edit(strategy / "cluster.yaml", "# yaml-language-server: $schema=", "# schema: ")
    without = cli("validate", cwd=strategy)
    assert without.code == 0, without
    assert "cluster.yaml:1:1: warning: no `# yaml-language-server: $schema=" in without.stderr
    assert "Rancher" in without.stderr and "[no-schema-line]" in without.stderr
    (strategy / "cluster.yaml").rename(strategy / "evidence.yaml")  # no other tool claims this name
    other = cli("validate", "evidence.yaml", cwd=strategy)
    assert other.code == 0 and "no-schema-line" not in other.stderr, other


def _invalid_cases() -> list[Path]:
    return sorted(p for p in INVALID.glob("*.yaml") if not p.name.endswith(".expected.yaml"))


@pytest.mark.parametrize("case", _invalid_cases(), ids=[p.stem for p in _invalid_cases()])
def test_no_invalid_corpus_file_crashes_an_assessing_command(
    cli: Cli, tmp_path: Path, case: Path
) -> None:
    shutil.copy(case, tmp_path / case.name)
    for command in ("report", "check"):
        result = cli(command, case.name, cwd=tmp_path)
        input_error(result)
        *lines, summary = result.stderr.splitlines()
        assert re.fullmatch(r"\d+ errors? in 1 file", summary), result
        assert all(LINE.fullmatch(line) for line in lines), result
