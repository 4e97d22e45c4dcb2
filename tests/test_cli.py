"""End-to-end command-line tests: exit codes, messages, output files, the cost of --help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clusterkit.cli.output import current_umask
from conftest import EXAMPLES

NEAR_GOLD = EXAMPLES / "nordic-maritime" / "cluster.yaml"
MIDDLE = EXAMPLES / "agrifood-midlands" / "cluster.yaml"
COMMANDS = ("validate", "assess", "schema", "criteria")


def _python(
    code: str, *arguments: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter (a probe of what a real start of the CLI does)."""
    return subprocess.run(
        [sys.executable, "-c", code, *arguments],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def test_help_lists_every_command_with_one_line_help(cli) -> None:
    result = cli("--help")
    assert result.code == 0, result
    for command in COMMANDS:
        line = next(
            (line for line in result.stdout.splitlines() if line.strip().startswith(command + " ")),
            "",
        )
        assert line, f"{command} missing from --help"
        assert len(line.split(None, 1)[1]) > 10 and not line.rstrip().endswith("..."), line


def test_help_imports_neither_pydantic_nor_yaml_nor_jinja2() -> None:
    probe = (
        "import sys\n"
        "sys.argv = ['clusterkit', '--help']\n"
        "from clusterkit.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('pydantic', 'yaml', 'jinja2') if m in sys.modules)\n"
        "print('HEAVY=' + ','.join(heavy), file=sys.stderr)\n"
    )
    done = _python(probe)
    assert "Commands" in done.stdout, done.stderr
    assert "HEAVY=\n" in done.stderr, done.stderr


def test_a_command_runs_without_a_cycle_collection_but_the_collector_stays_on() -> None:
    # Collections are put off, not switched off: a command that loops must still free its cycles.
    # Measured with the pack cache warm, as every run but the first finds it: validating the packs from
    # their files (a cold cache, e.g. this test alone on a fresh machine) may well need a collection.
    evidence = str(EXAMPLES / "nordic-maritime" / "cluster.yaml")
    warm = subprocess.run(
        [sys.executable, "-m", "clusterkit", "assess", evidence],
        capture_output=True,
        text=True,
        check=False,
    )
    assert warm.returncode in (0, 1), warm.stderr
    probe = (
        "import gc, sys\n"
        "runs = []\n"
        "gc.callbacks.append(lambda phase, info: phase == 'start' and runs.append(info))\n"
        f"sys.argv = ['clusterkit', 'assess', {evidence!r}]\n"
        "from clusterkit.cli import main\n"
        "runs.clear()\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('COLLECTIONS', len(runs), gc.isenabled(), file=sys.stderr)\n"
    )
    done = _python(probe)
    assert "COLLECTIONS 0 True" in done.stderr, done.stderr


def test_the_exit_leaves_what_a_command_made_out_of_the_last_collections() -> None:
    # Python's shutdown collects every object still alive, 80 to 120 ms of a command; main() freezes
    # them first, so those collections skip them (also after an error: the exit comes either way).
    evidence = str(EXAMPLES / "nordic-maritime" / "cluster.yaml")
    for arguments in (["assess", evidence], ["assess", evidence + ".missing"]):
        probe = (
            "import gc, sys\n"
            f"sys.argv = ['clusterkit', *{arguments!r}]\n"
            "from clusterkit.cli import main\n"
            "before = gc.get_freeze_count()\n"
            "try:\n    main()\nexcept SystemExit as stop:\n    code = stop.code\n"
            "print('FROZEN', before, gc.get_freeze_count() > 10_000, code, file=sys.stderr)\n"
        )
        done = _python(probe)
        assert "FROZEN 0 True" in done.stderr, done.stderr


def test_version_and_module_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "clusterkit", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("clusterkit "), done


def test_validate_valid_example_exits_0(cli) -> None:
    result = cli("validate", NEAR_GOLD, MIDDLE)
    assert result.code == 0, result
    assert result.stdout.count("valid evidence file") == 2


def test_validate_reports_every_error_of_every_file_and_exits_2(cli, tmp_path: Path) -> None:
    first = tmp_path / "a.yaml"
    first.write_text(
        "schema_version: 1\ncluster: {name: X, country: NO}\nparticipants: {commited: 3}\n"
    )
    second = tmp_path / "b.yaml"
    second.write_text(
        "schema_version: 1\ncluster: {name: X, country: norway}\nparticipants: {committed: -1}\n"
    )
    result = cli("validate", first, second)
    assert result.code == 2, result
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert (
        f"{first}:3:16: error: participants.commited: unknown field `commited`; did you mean `committed`? [unknown-field]"
        in lines
    )
    # Only schema_version and cluster.name are required: the misspelt key is the one problem there.
    assert not any(line.startswith(f"{first}:") and "[missing-field]" in line for line in lines)
    assert any(line.startswith(f"{second}:2:") and "cluster.country" in line for line in lines)
    assert any(line.startswith(f"{second}:3:") and "[out-of-range]" in line for line in lines)
    assert "Traceback" not in result.stderr


def test_assess_exit_0_when_gold_is_reached_and_1_when_not(cli) -> None:
    reached = cli("assess", NEAR_GOLD)
    assert reached.code == 0, reached
    assert "Gold: REACHED" in reached.stdout
    missed = cli("assess", MIDDLE)
    assert missed.code == 1, missed
    assert "Gold: NOT REACHED" in missed.stdout and "Next steps" in missed.stdout


def test_assess_with_two_packs_needs_both(cli) -> None:
    both = cli("assess", NEAR_GOLD, "--criteria", "esca-gold", "--criteria", "strategy-process")
    assert both.code == 0, both
    one_fails = cli(
        "assess",
        EXAMPLES / "hydrogen-start" / "cluster.yaml",
        "-c",
        "eccp-validation",
        "-c",
        "strategy-process",
    )
    assert one_fails.code == 1, one_fails
    assert "ECCP validation floor: REACHED" in one_fails.stdout


def test_assess_level_option_picks_the_target(cli) -> None:
    result = cli("assess", MIDDLE, "--level", "bronze-eligibility")
    assert result.code == 0, result
    unknown = cli("assess", MIDDLE, "--level", "platinum")
    assert unknown.code == 2 and "platinum" in unknown.stderr, unknown


def test_assess_bad_input_exits_2_without_traceback(cli, tmp_path: Path) -> None:
    for args in (
        (tmp_path / "missing.yaml",),
        (NEAR_GOLD, "--criteria", "no-such-pack"),
        (NEAR_GOLD, "--today", "2026-02-30"),
    ):
        result = cli("assess", *args)
        assert result.code == 2, result
        assert "Traceback" not in result.stderr and result.stderr.strip(), result


def test_today_makes_recency_reproducible(cli) -> None:
    first = cli("assess", MIDDLE, "--today", "2026-10-01", "--format", "json")
    again = cli("assess", MIDDLE, "--today", "2026-10-01", "--format", "json")
    assert first.stdout == again.stdout
    later = json.loads(cli("assess", MIDDLE, "--today", "2030-10-01", "--format", "json").stdout)
    assert later["assessment_date"] == "2030-10-01" and later["date_source"] == "option"
    assert json.loads(first.stdout)["packs"][0]["score"] > later["packs"][0]["score"]


def test_unexpected_error_is_exit_3_with_a_one_line_message(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import clusterkit.pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("scorer exploded")

    monkeypatch.setattr(clusterkit.pipeline, "run", broken)
    result = cli("assess", NEAR_GOLD)
    assert result.code == 3, result
    assert "internal error: RuntimeError: scorer exploded" in result.stderr
    assert "Traceback" not in result.stderr
    debug = cli("--debug", "assess", NEAR_GOLD)
    assert debug.code == 3 and "Traceback" in debug.stderr, debug


def test_output_file_is_written_whole_and_never_over_the_input(cli, tmp_path: Path) -> None:
    target = tmp_path / "assessment.json"
    result = cli("assess", NEAR_GOLD, "--format", "json", "-o", target)
    assert result.code == 0, result
    assert json.loads(target.read_text())["schema_version"] == 1
    assert list(tmp_path.iterdir()) == [target]
    assert target.stat().st_mode & 0o777 == 0o666 & ~current_umask(), oct(target.stat().st_mode)
    copy = tmp_path / "cluster.yaml"
    copy.write_text(NEAR_GOLD.read_text())
    before = copy.read_bytes()
    refused = cli("assess", copy, "--format", "json", "-o", copy)
    assert refused.code == 2 and "input" in refused.stderr, refused
    assert copy.read_bytes() == before


def test_criteria_list_and_show(cli) -> None:
    listed = cli("criteria", "list")
    assert listed.code == 0, listed
    rows = {
        line.split("│")[1].strip(): line
        for line in listed.stdout.splitlines()
        if line.count("│") > 5
    }
    assert {"esca-gold", "eccp-validation", "strategy-process"} <= set(rows)
    assert " 31 " in rows["esca-gold"]
    shown = cli("criteria", "show", "esca-gold", "4.1.5")
    assert shown.code == 0, shown
    assert "4.1.5 Review of the Cluster Strategy" in shown.stdout and "basis" in shown.stdout
    missing = cli("criteria", "show", "esca-gold", "9.9")
    assert missing.code == 2 and "9.9" in missing.stderr, missing


def test_schema_commands_print_json(cli, tmp_path: Path) -> None:
    for kind in ("evidence", "criteria"):
        result = cli("schema", kind)
        assert result.code == 0, result
        assert json.loads(result.stdout)["$schema"].startswith("https://json-schema.org/")


def test_assess_in_a_fresh_process(tmp_path: Path) -> None:
    # In-process tests share models that earlier tests already built; a fresh interpreter starts cold,
    # as a user's does (models build their schemas lazily).
    done = subprocess.run(
        [sys.executable, "-m", "clusterkit", "assess", str(NEAR_GOLD), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["passed"] is True


def test_assess_with_two_packs_and_one_unknown_exits_2(cli) -> None:
    result = cli("assess", NEAR_GOLD, "-c", "esca-gold", "-c", "esca-gld")
    assert result.code == 2, result
    assert "did you mean `esca-gold`?" in result.stderr


def test_a_document_linked_to_outside_the_repository_is_refused(cli, tmp_path: Path) -> None:
    repo = tmp_path / "strategy-repo"
    (repo / ".git").mkdir(parents=True)  # marks the repository root, as git does
    (repo / "docs").mkdir()
    secret = tmp_path / "outside.md"
    secret.write_text("# not ours\n")
    (repo / "docs" / "strategy.md").symlink_to(secret)
    evidence = repo / "cluster.yaml"
    evidence.write_text(
        "schema_version: 1\ncluster: {name: X, country: NO}\nparticipants: {committed: 20}\n"
        "strategy:\n  document: docs/strategy.md\n"
    )
    result = cli("validate", evidence)
    assert result.code == 2, result
    assert (
        f"{evidence}:5:13: error: strategy.document: `docs/strategy.md` points outside the repository (through a symbolic link)"
        in result.stderr
    )


def test_validate_with_only_packs_does_not_look_for_cluster_yaml(cli, tmp_path: Path) -> None:
    result = cli("validate", "--criteria", "esca-gold", cwd=tmp_path)
    assert result.code == 0, result
    assert "valid criteria pack esca-gold (31 indicators)" in result.stdout


def test_a_pack_the_evidence_names_but_that_does_not_exist_is_an_error_at_its_line(
    cli, tmp_path: Path
) -> None:
    evidence = tmp_path / "cluster.yaml"
    evidence.write_text(
        "schema_version: 1\ncriteria: [esca-gold, esca-gld]\ncluster: {name: X, country: NO}\n"
        "participants: {committed: 20}\n"
    )
    for command in ("validate", "assess"):
        result = cli(command, evidence)
        assert result.code == 2, result
        assert result.stderr.startswith(
            f"{evidence}:2:23: error: criteria.1: no criteria pack `esca-gld`"
        ), result
        assert "did you mean `esca-gold`?" in result.stderr


PACK_CORPUS = Path(__file__).resolve().parent / "data" / "packs" / "invalid"


@pytest.mark.parametrize("command", ["validate", "assess"])
def test_two_packs_whose_levels_need_each_other_are_an_input_error(cli, command) -> None:
    """Issue 9: the cycle is found where the packs are loaded, not by the scorer (exit 2, not 3)."""
    packs = ("--criteria", "level-cycle-a.yaml", "--criteria", "level-cycle-b.yaml")
    args = (command, *packs) if command == "validate" else (command, NEAR_GOLD, *packs)
    result = cli(*args, cwd=PACK_CORPUS)
    assert result.code == 2, result
    assert "internal error" not in result.stderr, result
    first = result.stderr.splitlines()[0]
    assert first.startswith(
        "level-cycle-a.yaml:14:11: error: levels.0.requires.prerequisites.0:"
    ), result
    assert "needs itself through its prerequisites" in first and first.endswith("[level-cycle]")
    assert result.stderr.count("[level-cycle]") == 1, result


FULL_APP = (
    "import sys\n"
    "from clusterkit.cli.app import app\n"
    "app(args=sys.argv[1:], prog_name='clusterkit')\n"
)
ENTRY_POINT = (
    "import sys\n"
    "sys.argv = ['clusterkit', *sys.argv[1:]]\n"
    "from clusterkit.cli import main\n"
    "main()\n"
)


def _run(command: list[str]) -> tuple[int, str, str]:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(
    "arguments",
    [
        ["assess", "--help"],
        ["--debug", "assess", "--bogus"],
        ["survey", "--help"],
        ["asess", str(NEAR_GOLD)],  # a typo: the suggestion needs every command
        ["--help", "assess"],  # the app's help, with every command listed
        ["assess", str(NEAR_GOLD), "-f", "json"],
    ],
)
def test_building_only_the_named_command_changes_no_output(arguments: list[str]) -> None:
    # main() builds only the command the arguments name; typer's app as declared builds them all
    pruned = _run([sys.executable, "-c", ENTRY_POINT, *arguments])
    full = _run([sys.executable, "-c", FULL_APP, *arguments])
    assert pruned == full
    if arguments[0] == "--help":
        assert "portfolio" in pruned[1] and "criteria" in pruned[1]


def test_only_the_named_command_is_built() -> None:
    import typer

    from clusterkit.cli import only_the_command

    def assess() -> None: ...

    def report_all() -> None: ...

    def fresh() -> typer.Typer:
        app = typer.Typer()
        app.command()(assess)
        app.command()(report_all)
        return app

    app = fresh()
    only_the_command(app, ["--debug", "report-all", "x"], {})
    assert [command.callback for command in app.registered_commands] == [report_all]
    for arguments, environ in (
        (["--version", "assess"], {}),
        (["--help", "assess"], {}),
        (["assess"], {"_CLUSTERKIT_COMPLETE": "bash_complete"}),
        (["nothing"], {}),
        ([], {}),
    ):
        app = fresh()
        only_the_command(app, arguments, environ)
        assert len(app.registered_commands) == 2, arguments


PLUGINS_SEEN = (
    "import os, sys\n"
    "sys.argv = ['clusterkit', 'validate', sys.argv[1]]\n"
    "from clusterkit.cli import main\n"
    "try:\n"
    "    main()\n"
    "finally:\n"
    "    import pydantic.plugin._loader as loader\n"
    "    print(repr(os.environ.get('PYDANTIC_DISABLE_PLUGINS')), loader._plugins is None)\n"
)


@pytest.mark.parametrize(
    ("setting", "expected"),
    [(None, "'__all__' True"), ("", "'' False"), ("logfire", "'logfire' False")],
)
def test_pydantic_plugins_are_off_unless_the_user_set_the_switch(
    setting: str | None, expected: str
) -> None:
    # looking for plugins reads every installed distribution's entry points: skipped by default,
    # while a value the user set (an empty one loads every plugin) is left as it is
    environ = {
        name: value for name, value in os.environ.items() if name != "PYDANTIC_DISABLE_PLUGINS"
    }
    if setting is not None:
        environ["PYDANTIC_DISABLE_PLUGINS"] = setting
    done = _python(PLUGINS_SEEN, str(NEAR_GOLD), env=environ)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == expected
