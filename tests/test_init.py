"""`clusterkit init` and `clusterkit interview`: a valid start in minutes, edits that keep the file's text."""

from __future__ import annotations

import difflib
import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterkit.cli.app import app
from clusterkit.cli.evidence_writer import EvidenceEdit
from clusterkit.load.yamlfile import load_file
from clusterkit.pipeline import load_evidence
from conftest import EXAMPLES

FLAGS = (
    "--name", "MedTech Cluster Austria", "--country", "AT", "--members", "40",
    "--fte", "2.5", "--founded", "2015",
)  # fmt: skip
TODAY = ("--today", "2026-10-01")


def interactive(folder: Path, typed: str) -> tuple[int, str]:
    """init with its questions answered through standard input, as a user types them."""
    result = CliRunner().invoke(app, ["init", str(folder)], input=typed, catch_exceptions=False)
    return result.exit_code, result.output


def test_init_yes_writes_files_that_validate_and_assess(cli, tmp_path: Path) -> None:
    result = cli("init", "--yes", *FLAGS, cwd=tmp_path)
    assert result.code == 0, result
    names = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert names == [
        "cluster.schema.json", "cluster.yaml", "docs/action-plan.md", "docs/budget.md",
        "docs/statutes.md", "docs/strategy.md",
    ]  # fmt: skip
    text = (tmp_path / "cluster.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=cluster.schema.json\n")
    assert json.loads((tmp_path / "cluster.schema.json").read_text())["title"].startswith(
        "clusterkit"
    )
    evidence = load_evidence(tmp_path / "cluster.yaml").evidence
    assert (evidence.cluster.name, evidence.cluster.country, evidence.cluster.founded) == (
        "MedTech Cluster Austria", "AT", 2015,
    )  # fmt: skip
    assert evidence.participants is not None and evidence.participants.committed == 40
    assert evidence.management is not None and evidence.management.fte == 2.5
    assert cli("validate", cwd=tmp_path).code == 0
    assessed = cli("assess", *TODAY, cwd=tmp_path)
    assert assessed.code == 1 and "MedTech Cluster Austria (AT)" in assessed.stdout, assessed


def test_skeletons_carry_the_packs_headings_and_are_not_named_as_evidence(
    cli, tmp_path: Path
) -> None:
    assert cli("init", "-y", *FLAGS, cwd=tmp_path).code == 0
    strategy = (tmp_path / "docs" / "strategy.md").read_text()
    for heading in ("## Vision", "## Objectives", "## Strategic areas"):
        assert heading in strategy
    # an empty skeleton must never count as the document: it is only mentioned in a comment
    assert load_evidence(tmp_path / "cluster.yaml").evidence.strategy is None


def test_skeletons_in_the_documents_language_are_found_by_the_checks(cli, tmp_path: Path) -> None:
    """Issue 12: with --language de the skeleton's headings are the pack's German names."""
    result = cli("init", "-y", *FLAGS, "--language", "de", cwd=tmp_path)
    assert result.code == 0, result
    strategy = (tmp_path / "docs" / "strategy.md").read_text()
    for heading in ("## Leitbild", "## Ziele", "## Handlungsfelder"):
        assert heading in strategy
    loaded = load_evidence(tmp_path / "cluster.yaml")
    assert loaded.evidence.cluster.language == "de"


def test_an_existing_document_is_named_and_gets_no_skeleton(cli, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "strategie.md").write_text("# Strategie\n")
    result = cli("init", "-y", *FLAGS, "--strategy", "docs/strategie.md", cwd=tmp_path)
    assert result.code == 0, result
    evidence = load_evidence(tmp_path / "cluster.yaml").evidence
    assert evidence.strategy is not None and evidence.strategy.document == "docs/strategie.md"
    assert not (tmp_path / "docs" / "strategy.md").exists()


def test_interactive_init_gives_the_same_file(cli, tmp_path: Path) -> None:
    assert (
        cli(
            "init",
            "-y",
            *FLAGS,
            cwd=tmp_path / "flags" if (tmp_path / "flags").mkdir() is None else tmp_path,
        ).code
        == 0
    )
    typed = "\n".join([
        "", "MedTech Cluster Austria", "Austria", "AT", "", "", "2015", "forty", "40",
        "", "", "", "", "", "2.5", "", "", "",   # no website, languages; documents in English
        "", "", "", "",                           # four documents: skeletons
        "n", "n",                                 # no workflow, no pre-commit
    ]) + "\n"  # fmt: skip
    code, output = interactive(tmp_path / "asked", typed)
    assert code == 0, output
    assert "an answer is needed here" in output
    assert "is not a two-letter country code" in output and "is not a whole number" in output
    for name in ("cluster.yaml", "docs/strategy.md", "cluster.schema.json"):
        assert (tmp_path / "asked" / name).read_text() == (tmp_path / "flags" / name).read_text(), (
            name
        )


def test_init_never_overwrites_without_force(cli, tmp_path: Path) -> None:
    (tmp_path / "cluster.yaml").write_text("# mine\n")
    result = cli("init", "-y", *FLAGS, cwd=tmp_path)
    assert result.code == 2 and "pass --force" in result.stderr, result
    assert (tmp_path / "cluster.yaml").read_text() == "# mine\n"
    assert cli("init", "-y", "--force", *FLAGS, cwd=tmp_path).code == 0
    assert (tmp_path / "cluster.yaml").read_text() != "# mine\n"


def test_interactive_init_asks_before_overwriting(tmp_path: Path) -> None:
    (tmp_path / "cluster.yaml").write_text("# mine\n")
    typed = "MedTech\nAT\n\n\n\n40\n" + "\n" * 9 + "\n" * 4 + "n\nn\n" + "n\n"
    code, output = interactive(tmp_path, typed)
    assert code == 0, output
    assert "cluster.yaml exists. Overwrite it?" in output
    assert (tmp_path / "cluster.yaml").read_text() == "# mine\n"


def test_init_yes_without_the_required_answers_says_which(cli, tmp_path: Path) -> None:
    result = cli("init", "-y", "--name", "X", cwd=tmp_path)
    assert result.code == 2 and "--country" in result.stderr, result
    assert list(tmp_path.iterdir()) == []


def test_bad_flag_value_is_a_usage_error(cli, tmp_path: Path) -> None:
    result = cli("init", "-y", *FLAGS, "--website", "www.example.at", cwd=tmp_path)
    assert result.code == 2 and "--website" in result.stderr and "https://" in result.stderr, result


def test_init_writes_ci_files_on_request(cli, tmp_path: Path) -> None:
    assert cli("init", "-y", *FLAGS, "--ci", "--pre-commit", cwd=tmp_path).code == 0
    workflow = load_file(tmp_path / ".github" / "workflows" / "clusterkit.yml").data
    steps = workflow["jobs"]["check"]["steps"]
    assert any("clusterkit check cluster.yaml" in step.get("run", "") for step in steps)
    hooks = load_file(tmp_path / ".pre-commit-config.yaml").data["repos"][0]["hooks"]
    assert hooks[0]["entry"] == "clusterkit validate"


@pytest.mark.parametrize("name", ["agrifood-midlands", "hydrogen-start", "nordic-maritime"])
def test_from_example_copies_an_example_that_validates(cli, tmp_path: Path, name: str) -> None:
    result = cli("init", "--from-example", name, "-y", cwd=tmp_path)
    assert result.code == 0, result
    assert not (tmp_path / "expected.yaml").exists()
    assert (
        (tmp_path / "cluster.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=cluster.schema.json\n")
    )
    validated = cli("validate", cwd=tmp_path)
    assert validated.code == 0 and "warning" not in validated.stderr, validated
    for document in (EXAMPLES / name / "docs").iterdir():  # a Word or PDF document byte for byte
        assert (tmp_path / "docs" / document.name).read_bytes() == document.read_bytes()


def test_from_unknown_example_lists_the_bundled_ones(cli, tmp_path: Path) -> None:
    result = cli("init", "--from-example", "nope", cwd=tmp_path)
    assert result.code == 2 and "hydrogen-start" in result.stderr, result


# --- interview ------------------------------------------------------------------------------------


def test_interview_writes_three_answers_and_keeps_every_other_line(tmp_path: Path) -> None:
    source = EXAMPLES / "hydrogen-start" / "cluster.yaml"
    target = tmp_path / "cluster.yaml"
    original = source.read_text()
    target.write_text(original)
    for document in (EXAMPLES / "hydrogen-start" / "docs").iterdir():
        (tmp_path / "docs").mkdir(exist_ok=True)
        (tmp_path / "docs" / document.name).write_text(document.read_text())
    # the first three questions of the unknown indicators, one answer typed wrong first
    answers = ["0.75", "not a number", "4", "Aalborg University, Danish Energy Agency"]
    typed = "\n".join(answers) + "\n"
    result = CliRunner().invoke(
        app,
        ["interview", str(target), "--unknown-only", *TODAY],
        input=typed,
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "is not a number" in result.output and "score now" in result.output
    edited = target.read_text()
    diff = [
        line
        for line in difflib.unified_diff(original.splitlines(), edited.splitlines(), lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    removed = [line for line in diff if line.startswith("-")]
    assert removed == [], diff  # every original line, comments included, is still there, in order
    evidence = load_evidence(target).evidence
    assert evidence.management is not None
    assert evidence.management.participants_contacted_share == 0.75
    assert evidence.cooperation is not None and evidence.cooperation.joint_projects == 4
    assert evidence.cooperation.innovation_partners == [
        "Aalborg University",
        "Danish Energy Agency",
    ]
    assert "3 answers written" in result.output


def test_interview_stops_at_end_of_input_and_keeps_answers(tmp_path: Path) -> None:
    target = tmp_path / "cluster.yaml"
    assert CliRunner().invoke(app, ["init", "-y", *FLAGS, str(tmp_path)]).exit_code == 0
    result = CliRunner().invoke(
        app, ["interview", str(target), "--indicator", "1.2", *TODAY], input="AT13\n"
    )
    assert result.exit_code == 0, result.output
    assert "1 answer written" in result.output
    assert load_evidence(target).evidence.cluster.region == "AT13"


def test_writer_keeps_untouched_lines_of_every_example() -> None:
    for example in sorted(EXAMPLES.glob("*/cluster.yaml")):
        edit = EvidenceEdit.from_file(example)
        assert edit.text() == edit.original, example
        edit.set(("cluster", "region"), "AT13")
        edit.set(("cooperation", "joint_projects"), 4)
        changed = [
            line
            for line in difflib.ndiff(edit.original.splitlines(), edit.text().splitlines())
            if line[:1] == "-"
        ]
        assert len(changed) <= 2, (example, changed)


def test_init_on_a_real_terminal_gives_the_same_file(cli, tmp_path: Path) -> None:
    """The console script under a pseudo-terminal (pexpect), each answer typed after its question."""
    pexpect = pytest.importorskip("pexpect")
    (tmp_path / "flags").mkdir()
    assert cli("init", "-y", *FLAGS, cwd=tmp_path / "flags").code == 0
    script = Path(sys.executable).with_name("clusterkit")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    child = pexpect.spawn(
        str(script), ["init", str(tmp_path / "typed")], env=env, encoding="utf-8", timeout=30
    )
    dialogue = [
        ("Name of the cluster organisation", "MedTech Cluster Austria"),
        (r"Country \(ISO code", "at"),
        ("Region", ""), ("Industry or technology field", ""),
        ("Year the cluster organisation was founded", "2015"),
        ("Committed members", "40"),
        ("of which companies", ""), ("of which SMEs", ""), ("research organisations", ""),
        ("education and training organisations", ""), ("public bodies", ""),
        ("Full-time equivalents", "2,5"), (r"Website \(https", ""),
        ("Languages of the website", ""), ("Language of your documents", ""),
        ("Cluster strategy: its path", ""), ("Implementation", ""), ("Annual budget", ""),
        ("Statutes: its path", ""),
        ("GitHub Actions workflow", "n"), ("pre-commit configuration", "n"),
    ]  # fmt: skip
    for question, answer in dialogue:
        child.expect(question)
        child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    for name in ("cluster.yaml", "docs/strategy.md"):
        typed = (tmp_path / "typed" / name).read_text()
        assert typed == (tmp_path / "flags" / name).read_text(), name


def test_ctrl_c_in_the_interview_keeps_the_answers_given(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    assert CliRunner().invoke(app, ["init", "-y", *FLAGS, str(tmp_path)]).exit_code == 0
    target = tmp_path / "cluster.yaml"
    script = Path(sys.executable).with_name("clusterkit")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    child = pexpect.spawn(
        str(script), ["interview", str(target), "--unknown-only", *TODAY],
        env=env, encoding="utf-8", timeout=30,
    )  # fmt: skip
    child.expect(r"management\.governance\.statutes \(document\)")
    child.sendline("")  # skipped
    child.expect(r"cluster\.region \(text\)")
    child.sendline("AT13")
    child.expect("saved; score now")
    child.expect(r"\(document\)")  # the next question is on the screen
    child.sendintr()  # Ctrl-C
    child.expect("1 answer written")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert load_evidence(target).evidence.cluster.region == "AT13"


def test_interview_of_an_unknown_indicator_is_a_usage_error(cli, tmp_path: Path) -> None:
    assert cli("init", "-y", *FLAGS, cwd=tmp_path).code == 0
    result = cli("interview", "--indicator", "9.9", cwd=tmp_path)
    assert result.code == 2 and "no indicator `9.9`" in result.stderr, result


def test_interview_fills_a_list_of_choices_comma_separated(cli, tmp_path: Path) -> None:
    assert cli("init", "-y", *FLAGS, cwd=tmp_path).code == 0
    typed = "innovation, internationalization\ninnovation, internationalisation\n"
    result = CliRunner().invoke(
        app, ["interview", str(tmp_path / "cluster.yaml"), "-i", "4.2", *TODAY], input=typed
    )
    assert result.exit_code == 0, result.output
    assert "did you mean `internationalisation`?" in result.output  # checked as typed, asked again
    assert (
        "strategic_areas: [innovation, internationalisation]\n"
        in (tmp_path / "cluster.yaml").read_text()
    )
