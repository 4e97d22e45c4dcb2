"""The fuzz suite (scripts/fuzz.py) with a small budget: mutants of the examples never crash the pipeline.

The long run is `python scripts/fuzz.py --minutes N`; here a few seconds of it, plus the mutators and
the crash path (a crash is caught, shrunk and written as a reproducer).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT

BUDGET_SECONDS = 6.0


def _fuzz_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("clusterkit_fuzz", ROOT / "scripts" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fuzz = _fuzz_module()


@pytest.mark.slow
def test_a_small_fuzzing_budget_finds_no_crash(tmp_path: Path) -> None:
    tally = fuzz.fuzz(BUDGET_SECONDS, tmp_path / "crashes", chunk=50)
    assert not tally.crashes, tally.crashes
    assert tally.iterations >= 20, tally
    assert tally.input_errors > 0, "no mutant was refused: the mutators do not mutate"
    assert tally.input_errors < tally.iterations, (
        "every mutant was refused: nothing reached the scorer"
    )


def test_the_mutators_change_what_they_say() -> None:
    text = b"a: 1\n  b: 2\nc: 3"
    assert fuzz.flip(text, 0, ord("z")) == b"z: 1\n  b: 2\nc: 3"
    assert fuzz.delete_line(text, 1) == b"a: 1\nc: 3"
    assert fuzz.duplicate_line(text, 0) == b"a: 1\na: 1\n  b: 2\nc: 3"
    assert fuzz.swap_lines(text, 0, 2) == b"c: 3\n  b: 2\na: 1"
    assert fuzz.indent(text, 1, -1) == b"a: 1\n b: 2\nc: 3"
    assert fuzz.indent(text, 0, 2) == b"  a: 1\n  b: 2\nc: 3"
    assert fuzz.swap_scalar(text, 2, "true") == b"a: 1\n  b: 2\nc: true"


def test_a_crash_is_shrunk_and_written_as_a_reproducer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = fuzz.Pipeline.exercise

    def exercise(self: object, text: bytes, folder: Path, render: bool) -> bool:
        if b"true" in text:
            raise ZeroDivisionError("planted")
        return bool(real(self, text, folder, render))

    monkeypatch.setattr(fuzz.Pipeline, "exercise", exercise)
    tally = fuzz.fuzz(2.0, tmp_path / "crashes", chunk=200)
    assert len(tally.crashes) == 1, tally.crashes
    (found, written), *_ = tally.crashes.items()
    assert found.startswith("ZeroDivisionError")
    reproducer = Path(written).read_bytes()
    assert reproducer.startswith(b"# fuzz crash: ZeroDivisionError") and b"true" in reproducer
