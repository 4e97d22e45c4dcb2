"""Document paths are resolved a folder at a time (each folder once per file): the same answers as
resolving every path whole, links in the folder or in the last part included."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clusterkit.errors import InputError
from clusterkit.facts.documents import _outside, _resolved, outside_repository
from clusterkit.load.files import absolute, forget_inputs, inputs
from clusterkit.pipeline import load_evidence


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with plain files, links inside and out, a linked folder, a loop and a file as folder."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "docs" / "deep").mkdir(parents=True)
    (root / "docs" / "plan.md").write_text("# Plan\n")
    (root / "docs" / "deep" / "survey.md").write_text("# Survey\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# not ours\n")
    (root / "docs" / "inner-link.md").symlink_to("deep/survey.md")
    (root / "docs" / "outer-link.md").symlink_to(outside / "secret.md")
    (root / "linked").symlink_to(outside)
    (root / "docs" / "loop.md").symlink_to("loop.md")
    (root / "docs" / "deep" / "up").symlink_to("..")
    return root


REFERENCES = [
    "docs/plan.md",
    "docs/missing.md",
    "missing/folder/file.md",
    "docs/deep/survey.md",
    "docs/inner-link.md",
    "docs/outer-link.md",
    "linked/secret.md",
    "docs/deep/up/plan.md",
    "docs/deep/up/outer-link.md",
    "docs/../docs/plan.md",
    "docs/deep/..",
    "docs/plan.md/inside.md",
    "docs",
    "./docs/plan.md",
    "../outside/secret.md",
]


@pytest.mark.parametrize("reference", REFERENCES)
def test_a_path_resolves_as_resolving_it_whole_does(repo: Path, reference: str) -> None:
    folders: dict[Path, Path] = {}
    # the folders are resolved once and shared, as for one file's documents
    for other in REFERENCES:
        _resolved(repo / other, folders)
    assert _resolved(repo / reference, folders) == (repo / reference).resolve()


@pytest.mark.parametrize("reference", [*REFERENCES, "docs/loop.md"])
def test_each_path_is_refused_or_accepted_as_before(repo: Path, reference: str) -> None:
    folders: dict[Path, Path] = {}
    for other in REFERENCES:
        _outside(other, repo, repo, folders)
    reason, resolved = _outside(reference, repo, repo, folders)
    assert reason == outside_repository(reference, repo, repo)
    assert resolved == (None if reason else (repo / reference).resolve())
    expected_outside = reference in (
        "docs/outer-link.md",
        "linked/secret.md",
        "docs/deep/up/outer-link.md",
        "../outside/secret.md",
        "docs/loop.md",
    )
    assert bool(reason) is expected_outside, reason


def _evidence(repo: Path, *documents: str) -> Path:
    listed = "".join(f"\n      - {document}" for document in documents)
    file = repo / "cluster.yaml"
    file.write_text(
        "schema_version: 1\ncluster: {name: X, country: NO}\nparticipants: {committed: 20}\n"
        f"strategy:\n  document: {documents[0]}\n"
        f"declarations:\n  '1.1.1':\n    status: met\n    justification: see them\n"
        f"    documents:{listed}\n",
        encoding="utf-8",
    )
    return file


def test_a_link_out_of_a_folder_already_resolved_is_still_refused(repo: Path) -> None:
    file = _evidence(repo, "docs/plan.md", "docs/inner-link.md", "docs/outer-link.md")
    with pytest.raises(InputError) as raised:
        load_evidence(file)
    (problem,) = raised.value.problems
    assert problem.code == "path-outside"
    assert "`docs/outer-link.md` points outside the repository (through a symbolic link)" in (
        problem.message
    )


def test_every_document_is_noted_as_an_input_once_resolved(repo: Path) -> None:
    documents = ("docs/plan.md", "docs/inner-link.md", "docs/missing.md", "docs/plan.md")
    forget_inputs()
    loaded = load_evidence(_evidence(repo, *documents))
    assert loaded.facts.documents["docs/inner-link.md"].exists
    assert inputs() == {absolute(repo / "cluster.yaml")} | {
        absolute(repo / document) for document in documents
    }
    assert repo / "docs" / "deep" / "survey.md" in inputs()
    forget_inputs()


def test_resolving_needs_no_more_than_the_folder_once(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the change is for: ten documents of one folder cost one folder resolve and ten lstats."""
    calls: list[str] = []
    real = os.lstat

    def counting(path: os.PathLike[str] | str, *args: object, **kwargs: object) -> os.stat_result:
        calls.append(str(path))
        return real(path)

    folders: dict[Path, Path] = {}
    _resolved(repo / "docs" / "plan.md", folders)
    monkeypatch.setattr(os, "lstat", counting)
    for number in range(10):
        _resolved(repo / "docs" / f"file-{number}.md", folders)
    assert len(calls) == 10
