"""Shared fixtures: the CLI runner that shows everything on failure, example paths, golden files."""

from __future__ import annotations

import difflib
import os
import shutil
import signal
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

# A shell that starts the suite in the background (`cmd &`) leaves SIGINT ignored for it, and every
# child inherits that. The tests of Ctrl-C (in-process and in a pseudo-terminal) need it delivered.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLE_NAMES = sorted(
    path.name for path in EXAMPLES.iterdir() if (path / "cluster.yaml").is_file()
)


def pytest_configure(config: pytest.Config) -> None:
    """A test run caches validated packs in a folder of its own, never in the user's cache.

    The xdist workers inherit the folder from the main process, so they share it as concurrent runs do.
    """
    if hasattr(config, "workerinput"):
        return
    folder = tempfile.mkdtemp(prefix="clusterkit-test-cache-")
    os.environ["CLUSTERKIT_CACHE_DIR"] = folder
    os.environ.pop("CLUSTERKIT_NO_CACHE", None)
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current output instead of comparing (review the diff!)",
    )


@dataclass(frozen=True)
class CliResult:
    """What one CLI run printed and returned."""

    code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return (
            f"exit code {self.code}\n--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"
        )


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run `clusterkit ARGS...` in-process; ``assert result.code == 0, result`` shows all output on failure."""
    from clusterkit.cli.app import app

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")

    def run(*args: str | Path, cwd: Path | None = None) -> CliResult:
        runner = CliRunner()
        if cwd is not None:
            monkeypatch.chdir(cwd)
        result = runner.invoke(app, [str(arg) for arg in args], catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME, or rewrite it with --update-golden / CLUSTERKIT_UPDATE_GOLDEN=1."""
    update = (
        request.config.getoption("--update-golden")
        or os.environ.get("CLUSTERKIT_UPDATE_GOLDEN") == "1"
    )

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
            return
        if not path.exists():
            pytest.fail(f"no golden file {path.name}; run pytest --update-golden and review it")
        expected = path.read_text(encoding="utf-8")
        if actual != expected:
            diff = "".join(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    actual.splitlines(keepends=True),
                    f"golden/{name}",
                    "actual",
                    n=2,
                )
            )
            pytest.fail(
                f"output differs from golden/{name} (pytest --update-golden to accept):\n{diff[:6000]}"
            )

    return check
