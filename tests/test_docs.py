"""Generated documentation stays true: docs/evidence-format.md and docs/schema/ match the models."""

from __future__ import annotations

import difflib
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from clusterkit.models.evidence import Evidence
from conftest import EXAMPLES, ROOT

SCRIPT = ROOT / "scripts" / "gen_evidence_docs.py"
FIX = "run `python scripts/gen_evidence_docs.py` and commit the result"


def generator() -> ModuleType:
    """scripts/gen_evidence_docs.py as a module (scripts/ is not a package)."""
    name = "gen_evidence_docs"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SCRIPT)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while the class is built
        spec.loader.exec_module(module)
    return sys.modules[name]


GENERATED = sorted(generator().outputs())


@pytest.mark.parametrize("relative", GENERATED, ids=[path.name for path in GENERATED])
def test_generated_file_is_up_to_date(relative: Path) -> None:
    expected = generator().outputs()[relative]
    path = ROOT / relative
    assert path.is_file(), f"{relative} is missing; {FIX}"
    actual = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                actual.splitlines(keepends=True),
                expected.splitlines(keepends=True),
                f"{relative} (committed)",
                f"{relative} (generated)",
                n=1,
            )
        )
        pytest.fail(f"{relative} is out of date; {FIX}:\n{diff[:4000]}")


def test_generation_is_deterministic() -> None:
    assert generator().outputs() == generator().outputs()


def test_every_evidence_field_is_documented() -> None:
    text = generator().outputs()[Path("docs/evidence-format.md")]
    names = [*Evidence.model_fields, *Evidence.model_computed_fields]
    missing = [name for name in names if f"| `{name}` |" not in text]
    assert missing == []


def test_every_model_field_has_a_row_in_its_section() -> None:
    module = generator()
    text = module.outputs()[Path("docs/evidence-format.md")]
    for section in module.sections():
        model = section.model
        block = module.section_text(section, {s.model: s.path for s in module.sections()})
        assert block in text, section.path
        for name in [*model.model_fields, *model.model_computed_fields]:
            assert f"| `{name}` |" in block, f"{section.path or 'top level'}.{name}"


def test_the_yaml_reading_rules_are_explained() -> None:
    text = (ROOT / "docs" / "evidence-format.md").read_text(encoding="utf-8")
    for phrase in ("`NO`", "`yes`", "`0150`", "`12:30`", "`4.2:`", "`true` and `false`"):
        assert phrase in text, phrase
    assert "Nobody has to quote them" in text
    assert "# yaml-language-server: $schema=" in text
    assert "clusterkit schema evidence -o" in text


def test_examples_point_at_the_committed_evidence_schema() -> None:
    schema = json.loads((ROOT / "docs" / "schema" / "evidence.schema.json").read_text("utf-8"))
    assert schema["$schema"].startswith("https://json-schema.org/")
    for example in sorted(EXAMPLES.glob("*/cluster.yaml")):
        first = example.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../docs/schema/evidence.schema.json"
        assert (example.parent / "../../docs/schema/evidence.schema.json").resolve().is_file()


def test_check_mode_exits_1_on_a_stale_file(tmp_path: Path) -> None:
    module = generator()
    assert sorted(module.stale(tmp_path)) == GENERATED  # nothing written there yet: all stale
    for relative, text in module.outputs().items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")
    assert module.stale(tmp_path) == []
    doc = tmp_path / "docs" / "evidence-format.md"
    doc.write_text(doc.read_text(encoding="utf-8") + "hand edit\n", encoding="utf-8")
    assert module.stale(tmp_path) == [Path("docs/evidence-format.md")]


def test_script_runs_as_documented() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{done.stderr}\n{FIX}"


# `pip install clusterkit`, `pipx install clusterkit`, `CLUSTERKIT_PIP_SPEC: "clusterkit"`: the bare name on
# the package index is an unrelated project (dependency confusion); clusterkit-esca or a URL is fine.
BARE_INSTALL = re.compile(
    r"(?:\b(?:pip3?|pipx|uv(?: pip| tool)?)\s+install\b[^\n&;|`)]*?(?<![\w/.@+-])clusterkit(?![\w/.@-])"
    r"|PIP_SPEC\W+clusterkit\b(?!-))"
)


def test_no_file_tells_a_user_to_install_the_bare_name() -> None:
    files = [
        ROOT / "README.md",
        ROOT / "action.yml",
        ROOT / ".pre-commit-hooks.yaml",
        *sorted((ROOT / "docs").rglob("*.md")),
        *sorted((ROOT / "docs").rglob("*.yml")),
        *sorted((ROOT / "scripts").glob("*.py")),
        *sorted((ROOT / ".ci").glob("*")),
    ]
    found = [
        f"{path.relative_to(ROOT)}: {match[0]}"
        for path in files
        if path.is_file()
        for match in BARE_INSTALL.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, found
    assert BARE_INSTALL.search('CLUSTERKIT_PIP_SPEC: "clusterkit"')
    assert BARE_INSTALL.search("pip install --quiet clusterkit")
    assert not BARE_INSTALL.search("pip install clusterkit-esca 'git+https://x/clusterkit@v1'")


def test_the_distribution_is_not_the_bare_name() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "clusterkit-esca"
    assert project["scripts"] == {"clusterkit": "clusterkit.cli:main"}
