"""The output policy (issue 10): no command overwrites an input, follows a link out of the repository, or
writes anything but a regular file; writes are atomic and leave no temporary file behind.

Each case where a file is at stake checks that the file is byte-identical afterwards and that the command
exits 2 with a message naming the path.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from clusterkit.cli import output
from clusterkit.errors import UsageError
from conftest import EXAMPLES, CliResult
from git_support import commit, init

Cli = Callable[..., CliResult]


@pytest.fixture
def strategy(tmp_path: Path) -> Path:
    """nordic-maritime as a folder of its own (its own repository, outside any git work tree)."""
    repo = tmp_path / "strategy"
    shutil.copytree(EXAMPLES / "nordic-maritime", repo)
    return repo


def refused(result: CliResult, name: str) -> None:
    assert result.code == 2, result
    assert name in result.stderr and "cannot write" in result.stderr, result
    assert (
        "Traceback" not in result.stderr + result.stdout and "internal error" not in result.stderr
    )


def unchanged(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before, f"{path} was changed"


@pytest.mark.git
def test_diff_with_rev_and_no_file_never_replaces_the_default_evidence_file(
    strategy: Path, cli: Cli
) -> None:
    init(strategy)
    commit(strategy, "base", "2026-09-01")
    evidence = strategy / "cluster.yaml"
    evidence.write_text(evidence.read_text().replace("in_region: 50 ", "in_region: 86 "))
    commit(strategy, "change", "2026-09-01")
    before = evidence.read_bytes()
    result = cli("diff", "--rev", "HEAD~1..HEAD", "-o", "cluster.yaml", cwd=strategy)
    refused(result, "cluster.yaml")
    unchanged(evidence, before)


def test_a_committed_report_link_out_of_the_repository_is_not_followed(
    strategy: Path, cli: Cli
) -> None:
    victim = strategy.parent / "victim" / "run.sh"
    victim.parent.mkdir()
    victim.write_text("#!/bin/sh\necho run\n")
    victim.chmod(0o755)
    (strategy / "report.html").symlink_to("../victim/run.sh")
    result = cli("report", "--format", "html", cwd=strategy)
    refused(result, "report.html")
    unchanged(victim, b"#!/bin/sh\necho run\n")
    assert stat.S_IMODE(victim.stat().st_mode) == 0o755
    assert (strategy / "report.html").is_symlink()


def test_the_evidence_files_repository_is_guarded_too_when_run_from_elsewhere(
    strategy: Path, cli: Cli, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.sh"
    victim.write_text("echo run\n")
    (strategy / "report.html").symlink_to(victim)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = cli("report", "--format", "html", strategy / "cluster.yaml", cwd=elsewhere)
    refused(result, "report.html")
    assert victim.read_text() == "echo run\n"


def test_output_through_a_linked_folder_out_of_the_repository_is_refused(
    strategy: Path, cli: Cli
) -> None:
    elsewhere = strategy.parent / "elsewhere"
    elsewhere.mkdir()
    (strategy / "out").symlink_to(elsewhere)
    result = cli("report", "--format", "html", "-o", "out/x.html", cwd=strategy)
    refused(result, "out/x.html")
    assert list(elsewhere.iterdir()) == []


def test_a_link_inside_the_repository_is_followed(strategy: Path, cli: Cli) -> None:
    (strategy / "reports").mkdir()
    (strategy / "latest.md").symlink_to("reports/2026.md")
    result = cli("report", "-o", "latest.md", cwd=strategy)
    assert result.code == 0, result
    assert (strategy / "latest.md").is_symlink()
    assert (strategy / "reports" / "2026.md").read_text().startswith("#")


@pytest.mark.parametrize("device", ["/dev/null", "mknod"])
def test_a_device_is_never_replaced(strategy: Path, cli: Cli, device: str) -> None:
    target = Path(device)
    if device == "mknod":
        target = strategy / "nulldev"
        try:
            os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("mknod needs root")
    result = cli("report", "-o", target, cwd=strategy)
    refused(result, str(target if device != "mknod" else "nulldev"))
    assert stat.S_ISCHR(target.stat().st_mode)


def test_a_named_document_is_never_overwritten(strategy: Path, cli: Cli) -> None:
    document = strategy / "docs" / "upskilling-plan.md"
    before = document.read_bytes()
    result = cli("report", "-o", "docs/upskilling-plan.md", cwd=strategy)
    refused(result, "docs/upskilling-plan.md")
    unchanged(document, before)


def test_a_named_document_that_does_not_exist_yet_is_not_written_either(
    strategy: Path, cli: Cli
) -> None:
    (strategy / "docs" / "upskilling-plan.md").unlink()
    result = cli("report", "-o", "docs/upskilling-plan.md", cwd=strategy)
    refused(result, "docs/upskilling-plan.md")
    assert not (strategy / "docs" / "upskilling-plan.md").exists()


def test_the_pack_in_use_is_never_overwritten(strategy: Path, cli: Cli) -> None:
    pack = strategy / "pack.yaml"
    shutil.copy(EXAMPLES.parent / "criteria" / "eccp-validation.yaml", pack)
    before = pack.read_bytes()
    result = cli("report", "-c", "pack.yaml", "-o", "pack.yaml", cwd=strategy)
    refused(result, "pack.yaml")
    unchanged(pack, before)


def test_the_evidence_file_is_never_overwritten_under_another_name(
    strategy: Path, cli: Cli
) -> None:
    evidence = strategy / "cluster.yaml"
    (strategy / "hard.yaml").hardlink_to(evidence)
    before = evidence.read_bytes()
    for name in ("../strategy/cluster.yaml", "docs/../cluster.yaml", "hard.yaml"):
        refused(cli("assess", "-o", name, cwd=strategy), name)
        unchanged(evidence, before)


def test_the_step_summary_never_appends_to_the_evidence(
    strategy: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    evidence = strategy / "cluster.yaml"
    before = evidence.read_bytes()
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", "cluster.yaml")
    result = cli("check", cwd=strategy)
    refused(result, "cluster.yaml")
    unchanged(evidence, before)
    assert result.stdout == "", "nothing is written before the summary target is checked"


def test_the_step_summary_is_appended_to(
    strategy: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = strategy.parent / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = cli("check", "-f", "md", cwd=strategy)
    assert result.code in (0, 1), result
    text = summary.read_text()
    assert text.startswith("earlier step\n") and len(text) > 100


@pytest.mark.parametrize("kind", ["fifo", "folder", "missing-folder", "proc", "loop", "long-name"])
def test_unwritable_targets_exit_2_with_the_path(strategy: Path, cli: Cli, kind: str) -> None:
    names = {
        "fifo": "pipe",
        "folder": "docs",
        "missing-folder": "nowhere/x.md",
        "proc": "/proc/clusterkit-report.md",
        "loop": "loop",
        "long-name": "x" * 300 + ".md",
    }
    name = names[kind]
    if kind == "fifo":
        os.mkfifo(strategy / name)
    if kind == "loop":
        (strategy / "loop").symlink_to("loop")
    result = cli("report", "-o", name, cwd=strategy)
    refused(result, name[:40])
    if kind == "fifo":
        assert stat.S_ISFIFO((strategy / name).stat().st_mode)


def test_an_unwritable_folder_exits_2(strategy: Path, cli: Cli) -> None:
    locked = strategy / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as root: every folder is writable")
        refused(cli("report", "-o", "locked/r.md", cwd=strategy), "locked/r.md")
    finally:
        locked.chmod(0o700)


def test_dash_means_stdout(strategy: Path, cli: Cli) -> None:
    result = cli("report", "-o", "-", cwd=strategy)
    assert result.code == 0, result
    assert result.stdout.startswith("#")
    assert not (strategy / "-").exists()


def test_an_existing_report_keeps_its_mode(strategy: Path, cli: Cli) -> None:
    report = strategy / "report.md"
    report.write_text("old\n")
    report.chmod(0o640)
    assert cli("report", "-o", "report.md", cwd=strategy).code == 0
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert report.read_text().startswith("#")


def test_leftovers_of_a_killed_run_are_removed_and_a_live_writers_kept(tmp_path: Path) -> None:
    dead = tmp_path / f"{output.TEMP_PREFIX}999999999-0000{output.TEMP_SUFFIX}"
    live = tmp_path / f"{output.TEMP_PREFIX}{os.getpid()}-1111{output.TEMP_SUFFIX}"
    dead.write_text("half a report")
    live.write_text("being written")
    output.atomic_write(tmp_path / "report.md", "new\n")
    assert not dead.exists() and live.exists()
    assert (tmp_path / "report.md").read_text() == "new\n"


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_writing_leaves_no_temporary_file_and_the_old_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int
) -> None:
    report = tmp_path / "report.md"
    report.write_text("old\n")
    chmod = Path.chmod

    def interrupted(self: Path, mode: int) -> None:
        chmod(self, mode)
        os.kill(os.getpid(), number)  # the handler runs before kill returns in the main thread

    monkeypatch.setattr(Path, "chmod", interrupted)
    with pytest.raises((SystemExit, KeyboardInterrupt)):
        output.atomic_write(report, "new\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.md"]
    assert report.read_text() == "old\n"
    assert signal.getsignal(signal.SIGTERM) is not None


def test_the_editing_writer_may_replace_the_file_it_edits(tmp_path: Path) -> None:
    evidence, document = tmp_path / "cluster.yaml", tmp_path / "strategy.md"
    evidence.write_text("old: 1\n")
    document.write_text("# Strategy\n")
    with pytest.raises(UsageError, match="input"):
        output.atomic_write(evidence, "new: 1\n", protected=[evidence])
    assert output.atomic_write(evidence, "new: 1\n", protected=[evidence, document], editing=True)
    assert evidence.read_text() == "new: 1\n"
    with pytest.raises(UsageError, match="input"):  # editing exempts the edited file, nothing else
        output.atomic_write(document, "x\n", protected=[evidence, document])
    assert document.read_text() == "# Strategy\n"


def _report_process(folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "clusterkit", "report", "--format", "html", "-o", "report.html"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _visible(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir() if not path.name.startswith(".")}


@pytest.mark.slow
def test_killed_and_concurrent_writers_leave_a_whole_report_and_nothing_visible(
    strategy: Path,
) -> None:
    before = _visible(strategy) | {"report.html"}
    first = _report_process(strategy)
    assert first.wait(timeout=120) == 0
    whole = (strategy / "report.html").read_bytes()
    assert whole.rstrip().endswith(b"</html>")
    # Kills at different moments of the run: SIGTERM removes its temporary file, SIGKILL cannot.
    for n, number in enumerate([signal.SIGTERM, signal.SIGKILL] * 4):
        process = _report_process(strategy)
        time.sleep(0.3 + 0.25 * n)
        process.send_signal(number)
        process.wait(timeout=120)
        assert (
            strategy / "report.html"
        ).read_bytes() == whole  # the old report, or the same new one
        assert _visible(strategy) == before
    # Writers at the same time: each renames a whole file, so the last one wins, whole.
    writers = [_report_process(strategy) for _ in range(3)]
    assert [writer.wait(timeout=180) for writer in writers] == [0, 0, 0]
    assert (strategy / "report.html").read_bytes() == whole
    # The next run cleans what a SIGKILL left behind.
    assert _report_process(strategy).wait(timeout=120) == 0
    hidden = [path.name for path in strategy.iterdir() if path.name.startswith(output.TEMP_PREFIX)]
    assert hidden == [], hidden
