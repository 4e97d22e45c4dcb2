"""The cache of document contents: a hit parses nothing and imports no reader library; no change or damage misleads it."""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clusterkit.facts.readers import DocumentError, identify, markdown, read
from clusterkit.facts.readers import base as limits

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "tests" / "data" / "documents"
STRATEGY = "# Strategy\n\nWe grow.\n\n## Goals\n\nThree of them, in words.\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The document folder of a cache folder of the test's own, empty."""
    where = tmp_path / "cache"
    monkeypatch.setenv("CLUSTERKIT_CACHE_DIR", str(where))
    return where / "headings"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The bytes of every Markdown document parsed from now on."""
    seen: list[bytes] = []
    original = markdown.read

    def recording(data: bytes, deadline: limits.Deadline) -> object:
        seen.append(data)
        return original(data, deadline)

    monkeypatch.setattr(markdown, "read", recording)
    return seen


def _read(file: Path) -> object:
    return read(file, identify(file))


def test_a_hit_is_what_the_reader_gave_and_parses_nothing(
    tmp_path: Path, folder: Path, parses: list[bytes]
) -> None:
    document = tmp_path / "strategy.md"
    document.write_text(STRATEGY, encoding="utf-8")
    first = _read(document)
    assert len(parses) == 1 and len(list(folder.glob("*.marshal"))) == 1
    assert _read(document) == first
    assert len(parses) == 1  # the second read came from the cache
    titles = [heading.title for heading in first.headings]  # type: ignore[attr-defined]
    assert titles == ["Strategy", "Goals"]


def test_changed_bytes_are_read_again(tmp_path: Path, folder: Path, parses: list[bytes]) -> None:
    document = tmp_path / "strategy.md"
    document.write_text(STRATEGY, encoding="utf-8")
    _read(document)
    document.write_text(STRATEGY + "\n## Budget\n", encoding="utf-8")
    changed = _read(document)
    assert len(parses) == 2
    assert [heading.title for heading in changed.headings][-1] == "Budget"  # type: ignore[attr-defined]


@pytest.mark.parametrize("damage", ["truncated", "not marshal", "other layout", "a list"])
def test_a_damaged_entry_is_a_miss_and_rewritten(
    tmp_path: Path, folder: Path, parses: list[bytes], damage: str
) -> None:
    document = tmp_path / "strategy.md"
    document.write_text(STRATEGY, encoding="utf-8")
    first = _read(document)
    (entry,) = folder.glob("*.marshal")
    data = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(data[:-5])
    else:
        body = {
            "not marshal": b"[1, 2",
            "other layout": marshal.dumps({"kind": "markdown"}),
            "a list": marshal.dumps(["markdown", [], 3, None]),
        }[damage]
        entry.write_bytes(hashlib.sha256(body).digest() + body)  # a valid checksum, a useless entry
    assert _read(document) == first
    assert len(parses) == 2
    assert entry.read_bytes() == data  # rewritten whole


def test_no_cache_reads_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[bytes]
) -> None:
    monkeypatch.setenv("CLUSTERKIT_NO_CACHE", "1")
    document = tmp_path / "strategy.md"
    document.write_text(STRATEGY, encoding="utf-8")
    _read(document)
    _read(document)
    assert len(parses) == 2


def test_an_unreadable_document_is_refused_every_time(tmp_path: Path, folder: Path) -> None:
    encrypted = tmp_path / "strategy.pdf"
    shutil.copy(DOCUMENTS / "encrypted.pdf", encrypted)
    for _ in range(2):
        with pytest.raises(DocumentError):
            _read(encrypted)
    assert not folder.exists() or not list(folder.glob("*.marshal"))


PROBE = """
import sys
from pathlib import Path
from clusterkit.facts.readers import identify, read
file = Path(sys.argv[1])
content = read(file, identify(file))
print(len(content.headings), content.words, "pypdf" in sys.modules)
"""


def test_a_hit_imports_no_reader_library(tmp_path: Path) -> None:
    env = {**os.environ, "CLUSTERKIT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("CLUSTERKIT_NO_CACHE", None)
    command = [sys.executable, "-c", PROBE, str(DOCUMENTS / "strategy.pdf")]
    runs = [
        subprocess.run(command, capture_output=True, text=True, check=True, env=env, cwd=ROOT)
        for _ in range(2)
    ]
    first, second = (run.stdout.split() for run in runs)
    assert first[:2] == second[:2] and int(first[0]) > 0
    assert (first[2], second[2]) == ("True", "False")
