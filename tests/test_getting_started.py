"""docs/getting-started.md, followed word by word: a fresh venv, the installed wheel, and a report at the end.

Every line of the page's ``sh`` blocks runs, in order, in one shell in an empty folder. Two things differ
from a user's machine, and only these: `pip install clusterkit-esca` installs the wheel built from this
checkout (no network; its dependencies are borrowed from the test environment, as in the wheel test of
tests/test_report_formats.py), and `python3` is the interpreter the suite runs on. A line whose comment
says ``exit 1`` must exit 1; every other line must exit 0. The interview reads the answers given here.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from clusterkit.cli.init_command import DISTRIBUTION
from clusterkit.load.yamlfile import load_file
from conftest import ROOT

PAGE = ROOT / "docs" / "getting-started.md"
INSTALL = f"pip install {DISTRIBUTION}"
# the interview's first two questions: skip the statutes' path, give the region; then the input ends
ANSWERS = "\nAT13\n"


def commands() -> list[tuple[str, int]]:
    """Each command line of the page's sh blocks, with the exit code its comment promises."""
    blocks = re.findall(r"```sh\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.DOTALL)
    lines = [line for block in blocks for line in block.splitlines() if line.strip()]
    return [(line, 1 if re.search(r"#\s*exit 1\b", line) else 0) for line in lines]


def test_the_page_installs_the_distribution_and_ends_with_a_report() -> None:
    lines = [line for line, _ in commands()]
    assert INSTALL in lines
    assert any(line.startswith("clusterkit init") for line in lines)
    assert any(line.startswith("clusterkit interview") for line in lines)
    assert any(line.startswith("clusterkit report") for line in lines)
    assert any(line.startswith("git commit") for line in lines)


def _script(wheel: Path) -> str:
    borrowed = "".join(
        f"{path}\n" for path in sorted({sysconfig.get_paths()[k] for k in ("purelib", "platlib")})
    )
    install = (
        f"{shlex.quote(sys.executable)} -m pip --python .venv/bin/python install --quiet --no-deps "
        f"--no-index {shlex.quote(str(wheel))} && printf %s {shlex.quote(borrowed)} > "
        '"$(python -c "import sysconfig; print(sysconfig.get_paths()[\'purelib\'])")/zz_borrowed.pth"'
    )
    base = shlex.quote(getattr(sys, "_base_executable", sys.executable))
    steps = []
    for line, code in commands():
        run = install if line == INSTALL else line.replace("python3 -m venv", f"{base} -m venv", 1)
        steps.append(
            f"{run}\nrc=$?\nif [ $rc -ne {code} ]; then echo {shlex.quote('FAILED: ' + line)} "
            f'"(exit $rc, expected {code})" >&2; exit 1; fi'
        )
    return "\n".join(steps) + "\n"


@pytest.mark.slow
def test_following_the_page_word_by_word_ends_with_a_report(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(wheels)],
        check=True,
    )  # fmt: skip
    (wheel,) = wheels.glob("*.whl")
    home = tmp_path / "home"
    home.mkdir()
    env = {
        k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "NO_COLOR", "FORCE_COLOR")
    }
    env.update(
        HOME=str(home),
        PATH=os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if ".venv" not in p),
        GIT_AUTHOR_NAME="Cluster Manager",
        GIT_AUTHOR_EMAIL="manager@medtech-cluster.example",
        GIT_COMMITTER_NAME="Cluster Manager",
        GIT_COMMITTER_EMAIL="manager@medtech-cluster.example",
        GIT_CONFIG_NOSYSTEM="1",
    )
    done = subprocess.run(
        ["bash", "-c", _script(wheel)],
        input=ANSWERS,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert done.returncode == 0, f"{done.stdout[-3000:]}\n--- stderr ---\n{done.stderr[-3000:]}"
    folder = tmp_path / "medtech-cluster"
    installed = folder / ".venv" / "bin" / "clusterkit"
    assert installed.is_file()  # the page's own venv, not the test environment, ran the commands
    assert (folder / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "MedTech Cluster Austria" in (folder / "report.md").read_text(encoding="utf-8")
    evidence = load_file(folder / "cluster.yaml").data
    assert evidence["cluster"]["region"] == "AT13"  # an interview answer was written
    assert "1 answer written to cluster.yaml" in done.stderr
    # the examples ship in the wheel: init --from-example works from the installed package
    example = subprocess.run(
        [str(installed), "init", "--yes", "--from-example", "hydrogen-start", str(tmp_path / "copy")],
        capture_output=True, text=True, cwd=tmp_path, env=env, check=False,
    )  # fmt: skip
    assert example.returncode == 0, example.stderr
    assert (tmp_path / "copy" / "docs" / "strategy.md").is_file()
    log = subprocess.run(
        ["git", "log", "--oneline"], cwd=folder, capture_output=True, text=True, check=True, env=env
    )
    assert len(log.stdout.splitlines()) == 1


def test_the_short_file_the_page_shows_is_valid(tmp_path: Path) -> None:
    from clusterkit.pipeline import load_evidence

    (block,) = re.findall(r"```yaml\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.DOTALL)
    (tmp_path / "cluster.yaml").write_text(block, encoding="utf-8")
    assert (
        load_evidence(tmp_path / "cluster.yaml").evidence.cluster.name == "MedTech Cluster Austria"
    )
