"""The validated-pack cache: a hit reads no pack file, and no change, corruption or concurrency misleads it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from clusterkit.errors import InputError
from clusterkit.packs import cache, extension
from clusterkit.packs.loader import load_pack, load_with_prerequisites
from clusterkit.pipeline import load_evidence, load_packs, pack_references
from conftest import EXAMPLES
from test_packs import CASES

ROOT = Path(__file__).resolve().parents[1]

BASE = """\
schema_version: 1
id: my-gold
extends: esca-gold
version: "1"
overrides:
  levels:
    gold: {requires: {score: 0.85}}
"""
EXTENDING = """\
schema_version: 1
id: my-strict-gold
extends: my-gold.yaml
version: "2"
overrides:
  indicators:
    "4.5": {allow_not_applicable: false}
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The pack folder of a cache folder of the test's own, empty."""
    where = tmp_path / "cache"
    monkeypatch.setenv("CLUSTERKIT_CACHE_DIR", str(where))
    return where / "packs"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every pack file the loader parses from now on."""
    seen: list[Path] = []
    original = extension.load_file

    def recording(path: Path, *args: object, **kwargs: object) -> object:
        seen.append(path.resolve())
        return original(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(extension, "load_file", recording)
    return seen


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle"))


def test_a_second_load_reads_no_pack_file_and_gives_the_same_pack(
    folder: Path, reads: list[Path]
) -> None:
    first = load_pack("esca-gold")
    assert len(reads) == 1 and len(entries(folder)) == 1
    second = load_pack("esca-gold")
    assert len(reads) == 1, "the cached pack was parsed again"
    assert second.pack == first.pack
    assert second.pack.model_dump_json() == first.pack.model_dump_json()


def test_a_run_parses_each_pack_file_once(
    monkeypatch: pytest.MonkeyPatch, reads: list[Path]
) -> None:
    monkeypatch.setenv("CLUSTERKIT_NO_CACHE", "1")
    loaded = load_evidence(EXAMPLES / "nordic-maritime" / "cluster.yaml")
    load_packs(*pack_references(loaded, ()))
    names = sorted(path.name for path in reads)
    assert names == ["eccp-validation.yaml", "esca-gold.yaml", "strategy-process.yaml"]


def test_an_edited_pack_is_loaded_again(folder: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "my-gold.yaml", BASE)
    assert load_pack(str(path)).pack.version == "1"
    path.write_text(BASE.replace('version: "1"', 'version: "1.1"'), encoding="utf-8")
    assert load_pack(str(path)).pack.version == "1.1"


def test_an_edited_base_is_seen_through_the_pack_that_extends_it(
    folder: Path, tmp_path: Path
) -> None:
    base = write(tmp_path, "my-gold.yaml", BASE)
    extending = write(tmp_path, "strict.yaml", EXTENDING)
    gold = load_pack(str(extending)).pack.level("gold")
    assert gold is not None and gold.requires.score == pytest.approx(0.85)
    base.write_text(BASE.replace("0.85", "0.9"), encoding="utf-8")
    gold = load_pack(str(extending)).pack.level("gold")
    assert gold is not None and gold.requires.score == pytest.approx(0.9)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: data[:30] + b"\xff" * 40 + data[70:], id="garbled"),
        pytest.param(lambda data: b"not a cache entry at all", id="foreign"),
        # One bit deep in a text of the pack: still a loadable pickle, of a different pack.
        pytest.param(
            lambda data: data[:-500] + bytes([data[-500] ^ 1]) + data[-499:], id="one-bit"
        ),
    ],
)
def test_a_damaged_entry_is_a_miss_and_is_rewritten(
    folder: Path, reads: list[Path], damage: object
) -> None:
    first = load_pack("eccp-validation").pack
    (entry,) = entries(folder)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert load_pack("eccp-validation").pack == first
    assert len(reads) == 2, "a damaged entry must send the loader back to the file"
    assert load_pack("eccp-validation").pack == first
    assert len(reads) == 2, "the entry was not rewritten whole"


def test_an_entry_under_another_key_is_not_taken(folder: Path, reads: list[Path]) -> None:
    load_pack("eccp-validation")
    load_pack("strategy-process")
    first, second = entries(folder)
    first.write_bytes(second.read_bytes())  # an entry renamed to the wrong key
    load_pack("eccp-validation")
    load_pack("strategy-process")
    assert len(reads) == 3


def test_no_cache_written_when_turned_off(
    folder: Path, monkeypatch: pytest.MonkeyPatch, reads: list[Path]
) -> None:
    monkeypatch.setenv("CLUSTERKIT_NO_CACHE", "1")
    load_pack("eccp-validation")
    load_pack("eccp-validation")
    assert not folder.exists()
    assert len(reads) == 2


def test_a_cache_folder_that_cannot_be_written_costs_only_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CLUSTERKIT_CACHE_DIR", str(blocker / "cache"))
    assert load_pack("eccp-validation").pack.id == "eccp-validation"


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_problems_found_after_a_cache_hit_are_placed_as_before(folder: Path, case: Path) -> None:
    # Cycles and unknown prerequisites are found in packs that validate, so the second time they
    # come from the cache and are placed by reading the files on demand.
    found = []
    for _ in range(2):
        with pytest.raises(InputError) as raised:
            load_with_prerequisites([str(case)])
        found.append([problem.format() for problem in raised.value.problems])
    assert found[0] == found[1]


CONCURRENT = """
import sys
from clusterkit.packs.loader import load_pack
print(load_pack(sys.argv[1]).pack.model_dump_json()[:200])
"""


@pytest.mark.slow
def test_concurrent_runs_share_the_cache_safely(folder: Path, tmp_path: Path) -> None:
    pack = write(tmp_path, "my-gold.yaml", BASE)
    env = {**os.environ, "CLUSTERKIT_CACHE_DIR": str(folder.parent)}
    argv = [sys.executable, "-c", CONCURRENT, str(pack)]
    runs = [
        subprocess.Popen(argv, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0] * 4, outputs
    assert len({stdout for stdout, _ in outputs}) == 1
    assert len(entries(folder)) == 1  # the pack, with the esca-gold it extends merged in
    assert not list(folder.glob(".*.tmp")), "a temporary file was left behind"
    key, cached = cache.lookup(pack)
    assert key is not None and cached is not None and cached.id == "my-gold"
