"""The conventions users expect of a command line: -h, completion, FORCE_COLOR/NO_COLOR, short level names,
help pages without Python types, an example in every command's help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from clusterkit.cli.app import app
from clusterkit.cli.options import BUNDLED_LEVELS
from clusterkit.packs.files import bundled_pack_paths
from clusterkit.packs.loader import load_pack
from conftest import EXAMPLES

NEAR_GOLD = EXAMPLES / "nordic-maritime" / "cluster.yaml"
PYTHON_TYPES = ("<list[", "<str>", "<path>", "<Path>", "{", "<int>", "...]...")


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _commands(sub, (*path, name))


COMMAND_PATHS = list(_commands(typer.main.get_command(app)))


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a user runs it: stdout is a pipe, not a terminal."""
    script = Path(sys.executable).with_name("clusterkit")
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        [str(script), *args],
        capture_output=True,
        text=True,
        check=False,
        env={**environment, **(env or {})},
    )


def test_every_command_is_walked() -> None:
    assert ("assess",) in COMMAND_PATHS and ("criteria", "show") in COMMAND_PATHS
    assert len(COMMAND_PATHS) >= 10


@pytest.mark.parametrize(
    "path", COMMAND_PATHS, ids=[" ".join(p) or "clusterkit" for p in COMMAND_PATHS]
)
def test_help_page_has_h_an_example_and_no_python_types(cli, path: tuple[str, ...]) -> None:
    short = cli(*path, "-h")
    assert short.code == 0, short
    assert short.stdout == cli(*path, "--help").stdout
    assert "Usage: clusterkit" in short.stdout, short
    assert "Example: clusterkit" in short.stdout, short
    shown = [marker for marker in PYTHON_TYPES if marker in short.stdout]
    assert not shown, f"{' '.join(path)} --help shows {shown}:\n{short.stdout}"


def test_usage_lines_are_conventional(cli) -> None:
    assert "Usage: clusterkit validate [OPTIONS] [FILE...]\n" in cli("validate", "-h").stdout
    assert "Usage: clusterkit schema [OPTIONS] KIND\n" in cli("schema", "-h").stdout
    shown = cli("criteria", "show", "-h").stdout
    assert "Usage: clusterkit criteria show [OPTIONS] PACK [INDICATOR]\n" in shown


def test_h_works_on_the_installed_script() -> None:
    done = run("-h")
    assert done.returncode == 0 and "Commands:" in done.stdout, done


def test_shell_completion_script_for_bash() -> None:
    done = run("--show-completion", "bash")
    assert done.returncode == 0, done
    assert "_clusterkit_completion" in done.stdout and "complete " in done.stdout, done.stdout


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        ({"FORCE_COLOR": "1"}, True),
        ({"NO_COLOR": "1"}, False),
        ({}, False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
    ],
    ids=["FORCE_COLOR", "NO_COLOR", "pipe", "both"],
)
def test_colour_into_a_pipe_follows_force_color_and_no_color(
    env: dict[str, str], coloured: bool
) -> None:
    done = run("assess", str(NEAR_GOLD), env=env)
    assert done.returncode in (0, 1), done
    assert ("\x1b[" in done.stdout) is coloured, done.stdout[:300]


def test_machine_formats_never_colour_even_when_forced() -> None:
    done = run("assess", str(NEAR_GOLD), "--format", "json", env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in done.stdout


@pytest.mark.parametrize("level", ["silver", "esca-gold=silver", "silver-readiness"])
def test_level_by_short_name(cli, level: str) -> None:
    result = cli("assess", NEAR_GOLD, "--level", level, "--format", "json")
    assert result.code == 0, result
    packs = {pack["pack"]: pack for pack in json.loads(result.stdout)["packs"]}
    assert packs["esca-gold"]["target_level"] == "silver-readiness", result


def test_unknown_level_lists_the_known_ones(cli) -> None:
    result = cli("assess", NEAR_GOLD, "--level", "platinum")
    assert result.code == 2, result
    assert "esca-gold=silver-readiness" in result.stderr, result


def test_short_names_resolve_only_when_unambiguous() -> None:
    pack = load_pack("esca-gold").pack
    assert pack.level_named("bronze") is not None
    assert pack.level_named("bronze").id == "bronze-eligibility"  # type: ignore[union-attr]
    assert pack.level_named("gold").id == "gold"  # type: ignore[union-attr]
    assert pack.level_named("readiness") is None
    twins = [
        pack.levels[0].model_copy(update={"id": "silver-a"}),
        pack.levels[1].model_copy(update={"id": "silver-b"}),
    ]
    assert pack.model_copy(update={"levels": twins}).level_named("silver") is None


def _level_line(pack_id: str) -> str:
    levels = load_pack(pack_id).pack.levels
    words = []
    for level in levels:
        short = level.id.split("-", 1)[0]
        unique = sum(1 for other in levels if other.id.split("-", 1)[0] == short) == 1
        words.append(f"{level.id} ({short})" if short != level.id and unique else level.id)
    return ", ".join(words)


def test_help_lists_the_levels_of_every_bundled_pack(cli) -> None:
    assert set(BUNDLED_LEVELS) == set(bundled_pack_paths())
    for pack_id, line in BUNDLED_LEVELS.items():
        assert line == _level_line(pack_id), pack_id
    shown = " ".join(cli("assess", "-h").stdout.split())
    for pack_id, line in BUNDLED_LEVELS.items():
        assert f"{pack_id}: {line}" in shown.replace("- ", "-"), shown
