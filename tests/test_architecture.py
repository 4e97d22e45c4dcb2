"""The import contracts of docs/architecture.md hold, and a bad import breaks them (so the check can fail)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """Run lint-imports on the package under ``tree/src`` with the project's contracts."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        check=False,
        cwd=tree,
        env=env,
    )


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    if not LINT_IMPORTS.exists():
        pytest.fail(f"{LINT_IMPORTS} is missing: pip install -e '.[test]'")
    shutil.copytree(ROOT / "src" / "clusterkit", tmp_path / "src" / "clusterkit")
    return tmp_path


def test_the_contracts_hold_on_the_code_as_it_is(copy: Path) -> None:
    done = lint_imports(copy)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "5 kept, 0 broken" in done.stdout, done.stdout


@pytest.mark.parametrize(
    ("module", "bad_import", "contract"),
    [
        ("scoring/levels.py", "from clusterkit.load import yamlfile", "Scoring and render never"),
        ("render/markdown.py", "import clusterkit.facts.git", "Scoring and render never"),
        ("models/vocab.py", "from clusterkit.results import numbers", "Models import nothing"),
        ("results/numbers.py", "import typer", "Only the cli package imports typer"),
        ("load/text.py", "from clusterkit import pipeline", "One-way flow"),
        ("facts/documents.py", "import pypdf", "Only the document readers import"),
    ],
)
def test_a_deliberate_bad_import_breaks_its_contract(
    copy: Path, module: str, bad_import: str, contract: str
) -> None:
    target = copy / "src" / "clusterkit" / module
    text = target.read_text(encoding="utf-8")
    head, marker, rest = text.partition("from __future__ import annotations\n")
    target.write_text(f"{head}{marker}{bad_import}  # noqa\n{rest}", encoding="utf-8")
    done = lint_imports(copy)
    assert done.returncode == 1, done.stdout + done.stderr
    broken = [line for line in done.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(line.startswith(contract) for line in broken), done.stdout


@pytest.mark.parametrize(
    "module",
    [
        "clusterkit.render.markdown",
        "clusterkit.render.html",
        "clusterkit.scoring.engine",
        "clusterkit.results.comparison",
    ],
)
def test_the_pure_core_imports_no_yaml(module: str) -> None:
    """Issue 9: renderers and the scorer load neither PyYAML nor the loader nor git."""
    probe = (
        f"import sys, {module}\n"
        "loaded = [m for m in ('yaml', 'clusterkit.load', 'clusterkit.facts', 'typer') if m in sys.modules]\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", f"{module} loads {done.stdout.strip()}"


def test_modules_stay_small_and_the_top_level_stays_thin() -> None:
    """The house style: modules under 300 lines (split along a line the domain draws); at most five
    modules beside the subpackages at the top of the package."""
    package = ROOT / "src" / "clusterkit"
    long = {
        str(path.relative_to(package)): lines
        for path in sorted(package.rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 300
    }
    assert not long, f"modules over 300 lines: {long}"
    top = sorted(path.name for path in package.glob("*.py"))
    assert len(top) <= 5, top


def test_start_up_costs_stay_out_of_the_model_and_record_definitions() -> None:
    """Two costs every command paid at start-up, kept out (docs/architecture.md, "Start-up"): a frozen
    dataclass generates and compiles its methods when defined (records are NamedTuples), and a
    pydantic model whose module has postponed annotations must parse each annotation from text."""
    package = ROOT / "src" / "clusterkit"
    postponed = [
        str(path.relative_to(package))
        for folder in ("models", "results")
        for path in sorted((package / folder).glob("*.py"))
        if "from __future__ import annotations" in path.read_text(encoding="utf-8")
        and path.name != "numbers.py"  # formats numbers; defines no model
    ]
    assert not postponed, f"pydantic modules with postponed annotations: {postponed}"
    frozen = [
        str(path.relative_to(package))
        for path in sorted(package.rglob("*.py"))
        if path.parts[len(package.parts)]
        not in ("render", "cli")  # not yet converted: reports only
        and "@dataclass(frozen=True" in path.read_text(encoding="utf-8")
    ]
    assert not frozen, f"frozen dataclasses (records are NamedTuples): {frozen}"
