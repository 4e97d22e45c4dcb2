"""The ready integrations: action.yml against docs/ci.md, the GitLab snippet, and the pre-commit hook for real."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from git_support import commit, evidence, git_env, init, write

ROOT = Path(__file__).resolve().parents[1]
CI_DOC = ROOT / "docs" / "ci.md"
HOOK_ID = "clusterkit-validate"


def action() -> dict:  # type: ignore[type-arg]
    loaded = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def documented_inputs() -> dict[str, str]:
    """The inputs table of docs/ci.md: input name -> default as written (empty for "(empty)")."""
    text = CI_DOC.read_text(encoding="utf-8")
    table = text.split("### Inputs", 1)[1].split("\n\n", 2)[1]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    found = {}
    for row in rows:
        name, default = (cell.strip() for cell in row.strip("|").split("|")[:2])
        found[name.strip("`")] = "" if default == "(empty)" else default.strip("`")
    return found


def test_action_yml_parses_and_its_inputs_match_the_documentation() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    inputs = {name: str(value.get("default", "")) for name, value in spec["inputs"].items()}
    assert inputs == documented_inputs()
    assert all(value.get("description") for value in spec["inputs"].values())


def test_action_installs_itself_and_never_pastes_inputs_into_scripts() -> None:
    steps = action()["runs"]["steps"]
    scripts = "\n".join(step.get("run", "") for step in steps)
    assert '"$GITHUB_ACTION_PATH"' in scripts  # github.action_path, right in container jobs too
    assert "clusterkit check" in scripts
    assert "${{" not in scripts, "inputs must reach scripts through env, not expression expansion"
    env = {key for step in steps for key in step.get("env", {})}
    used = set(re.findall(r"\$\{?(CK_[A-Z_]+)", scripts))
    assert used == env
    for name in action()["inputs"]:
        assert f"inputs.{name}" in (ROOT / "action.yml").read_text(encoding="utf-8")


def test_the_documented_workflow_fetches_the_full_history() -> None:
    text = CI_DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    workflow = yaml.safe_load(blocks[0])
    steps = workflow["jobs"]["check"]["steps"]
    assert steps[0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}}
    assert steps[1]["uses"].endswith("/clusterkit@v1")
    assert set(steps[1]["with"]) <= set(action()["inputs"])


def test_the_gitlab_snippet_in_the_docs_is_the_file() -> None:
    text = CI_DOC.read_text(encoding="utf-8")
    section = text.split("## 4. GitLab CI", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, flags=re.DOTALL)
    assert block is not None
    from_file = yaml.safe_load((ROOT / "docs" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    assert yaml.safe_load(block.group(1)) == from_file
    assert from_file["variables"]["GIT_DEPTH"] == "0"
    assert "clusterkit check" in " ".join(from_file["clusterkit-check"]["script"])
    assert from_file["clusterkit-check"]["artifacts"]["reports"]["junit"] == "clusterkit-junit.xml"


def hook() -> dict:  # type: ignore[type-arg]
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return next(item for item in hooks if item["id"] == HOOK_ID)


def test_the_hook_definition() -> None:
    spec = hook()
    assert (spec["entry"], spec["language"]) == ("clusterkit validate", "python")
    files = re.compile(spec["files"])
    for name in ("cluster.yaml", "cluster.yml", "strategy/cluster.yaml"):
        assert files.search(name), name
    for name in ("mycluster.yaml", "cluster.yaml.bak", "cluster.json"):
        assert not files.search(name), name


def hook_repository(tmp_path: Path) -> Path:
    """A copy of this project with its working-tree state committed: what pre-commit clones."""
    copy = tmp_path / "clusterkit-hook"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".*_cache")
    for name in ("src", "criteria", "templates", "examples"):  # the wheel bundles all four
        shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, copy / name)
    init(copy)
    commit(copy, "hook repository", "2026-09-01")
    return copy


@pytest.mark.slow
@pytest.mark.git
def test_pre_commit_try_repo_runs_the_hook(tmp_path: Path) -> None:
    home = Path(os.environ.get("PRE_COMMIT_HOME") or tmp_path / "pre-commit-home")
    hook_repo = hook_repository(tmp_path)
    repo = init(tmp_path / "strategy")
    write(repo, "cluster.yaml", evidence().replace("criteria: pack.yaml\n", ""))
    write(repo, "docs/strategy.md", "# Strategy\n")
    commit(repo, "evidence", "2026-09-01")

    def run() -> subprocess.CompletedProcess[str]:
        env = {**git_env(), "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
        command = ["try-repo", str(hook_repo), HOOK_ID, "--files", "cluster.yaml"]
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *command],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )

    valid = run()
    assert valid.returncode == 0, valid.stdout + valid.stderr
    assert re.search(r"clusterkit validate\.+Passed", valid.stdout), valid.stdout

    write(repo, "cluster.yaml", evidence().replace("  committed: 20\n", "  committed: -3\n"))
    invalid = run()
    assert invalid.returncode == 1, invalid.stdout + invalid.stderr
    assert re.search(r"clusterkit validate\.+Failed", invalid.stdout), invalid.stdout
    assert "cluster.yaml:7:" in invalid.stdout  # the error at its line
