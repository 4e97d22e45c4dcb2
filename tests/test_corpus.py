"""Layer 2: the evidence-file corpus in tests/data/{valid,invalid}/ (a new case is a new file, not new code).

Every ``invalid/NAME.yaml`` must fail with exactly the problems listed in ``invalid/NAME.expected.yaml``:
the same (line, column, code, field) for each, no more and no fewer, each message (with its hint) holding
the expected words. Every ``valid/NAME.yaml`` must load and validate; a ``valid/NAME.expected.yaml`` beside
it lists values and keys the loader must read exactly as written (``NO`` stays "NO", ``4.10:`` stays "4.10").

The invalid cases run on a copy of their folder in a temporary directory outside any git work tree, so that
each case's repository is its own folder: ``../outside.md`` then leaves it in a git checkout, an sdist and
an installed test tree alike (inside this repository's checkout it would land in tests/data/).
Every case runs on both of PyYAML's parsers, like tests/test_yamlio.py.
"""

from __future__ import annotations

import re
import shutil
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from clusterkit.errors import InputError, Problem
from clusterkit.facts.documents import repository_root
from clusterkit.load import scalars as yamlio_schema
from clusterkit.load import yamlfile as yamlio
from clusterkit.load.yamlfile import load_file
from clusterkit.models.base import WrittenFloat
from clusterkit.pipeline import load_evidence

DATA = Path(__file__).resolve().parent / "data"
INVALID = DATA / "invalid"
VALID = DATA / "valid"
EXPECTED_SUFFIX = ".expected.yaml"
PARSERS = {"libyaml": yamlio_schema.LOADER, "pure": yamlio_schema.PURE_LOADER}

# What the issue asks the corpus to hold; a case removed by mistake fails a test below, not silently.
REQUIRED_CODES = frozenset(
    {
        "duplicate-key",
        "tab-indent",
        "not-utf8",
        "binary",
        "nul-byte",
        "empty-file",
        "not-a-mapping",
        "multiple-documents",
        "forbidden-tag",
        "undefined-alias",
        "alias-bomb",
        "too-deep",
        "invalid-date",
        "not-finite",
        "wrong-type",
        "out-of-range",
        "unknown-field",
        "missing-field",
        "invalid-choice",
        "invalid-value",
        "invalid-format",
        "path-outside",
    }
)
REQUIRED_READINGS = frozenset({"NO", "yes", "on", "0150", "4.2", "4.10"})
# Hostile inputs that must be refused quickly and without building what they describe.
HOSTILE = ("alias-bomb.yaml", "deep-nesting.yaml")
# A bound against hanging, not a timing: the refusals take milliseconds on an idle machine (measured in
# docs/performance.md), and a machine shared by many jobs stretched the 2 s this once was past its limit.
MAX_SECONDS = 30.0
MAX_PEAK_BYTES = 50 * 1024 * 1024
MAX_CASE_BYTES = 100 * 1024

ProblemKey = tuple[int, int, str, str]  # line, column, code, field


def cases(folder: Path) -> list[Path]:
    """The case files of a corpus folder, without their expectation files."""
    return sorted(path for path in folder.glob("*.yaml") if not path.name.endswith(EXPECTED_SUFFIX))


def expectation_path(case: Path) -> Path:
    return case.with_name(case.name.removesuffix(".yaml") + EXPECTED_SUFFIX)


def read_expectation(case: Path) -> dict[str, Any]:
    """NAME.expected.yaml, read with the project's own loader and checked for shape."""
    data = load_file(expectation_path(case)).data
    assert set(data) <= {"schema_level", "problems", "values", "keys"}, f"{case.name}: {set(data)}"
    for problem in data.get("problems", []):
        assert set(problem) == {"line", "column", "code", "field", "message_contains"}, (
            f"{expectation_path(case).name}: each problem needs exactly line, column, code, field "
            f"and message_contains, got {sorted(problem)}"
        )
    return data


INVALID_CASES = cases(INVALID)
VALID_CASES = cases(VALID)
VALID_WITH_READINGS = [case for case in VALID_CASES if expectation_path(case).is_file()]


@pytest.fixture(params=sorted(PARSERS))
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run on libyaml (when PyYAML has it) and on the pure-Python parser."""
    monkeypatch.setattr(yamlio, "LOADER", PARSERS[request.param])
    return str(request.param)


@pytest.fixture(scope="module")
def invalid_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The invalid corpus copied to a folder that is its own repository (see the module docstring)."""
    folder = tmp_path_factory.mktemp("corpus") / "invalid"
    shutil.copytree(INVALID, folder)
    if repository_root(folder) != folder.resolve():
        pytest.fail(
            f"the temporary folder {folder} is inside a git work tree; set TMPDIR elsewhere"
        )
    return folder


def problems_of(case: Path) -> tuple[Problem, ...]:
    with pytest.raises(InputError) as caught:
        load_evidence(case, case.name)
    return caught.value.problems


def key(problem: Problem) -> ProblemKey:
    return (problem.line, problem.column, problem.code, problem.field)


def expected_keys(expectation: dict[str, Any]) -> list[ProblemKey]:
    return sorted(
        (item["line"], item["column"], item["code"], item["field"])
        for item in expectation["problems"]
    )


def shown(problems: tuple[Problem, ...]) -> str:
    return "\n".join(problem.format() for problem in problems)


def at(data: Any, path: list[str | int]) -> Any:
    for segment in path:
        data = data[segment]
    return data


# --- the corpus itself ---------------------------------------------------------------------------


def test_every_invalid_case_has_its_expectation_and_every_expectation_its_case() -> None:
    expectations = sorted(INVALID.glob("*" + EXPECTED_SUFFIX))
    assert [expectation_path(case) for case in INVALID_CASES] == expectations


@pytest.mark.parametrize("folder", [INVALID, VALID], ids=["invalid", "valid"])
def test_case_files_are_small(folder: Path) -> None:
    large = [path.name for path in folder.iterdir() if path.stat().st_size > MAX_CASE_BYTES]
    assert not large, f"corpus files over {MAX_CASE_BYTES} bytes: {large}"


def test_the_invalid_corpus_covers_what_the_issue_asks_for() -> None:
    codes = {
        problem["code"] for case in INVALID_CASES for problem in read_expectation(case)["problems"]
    }
    assert len(INVALID_CASES) >= 26
    assert codes >= REQUIRED_CODES, f"no case for {sorted(REQUIRED_CODES - codes)}"


def test_the_valid_corpus_covers_what_the_issue_asks_for() -> None:
    readings: set[Any] = set()
    for case in VALID_WITH_READINGS:
        expectation = read_expectation(case)
        values = [item["value"] for item in expectation.get("values", [])]
        readings |= {value for value in values if isinstance(value, str)}
        readings |= {name for item in expectation.get("keys", []) for name in item["keys"]}
    assert len(VALID_CASES) >= 6
    assert readings >= REQUIRED_READINGS, f"nothing checks {sorted(REQUIRED_READINGS - readings)}"


# --- invalid files -------------------------------------------------------------------------------


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize("case", INVALID_CASES, ids=[case.stem for case in INVALID_CASES])
def test_invalid_file_reports_exactly_the_expected_problems(case: Path, invalid_copy: Path) -> None:
    expectation = read_expectation(case)
    problems = problems_of(invalid_copy / case.name)
    assert sorted(key(problem) for problem in problems) == expected_keys(expectation), shown(
        problems
    )
    for item in expectation["problems"]:
        wanted = (item["line"], item["column"], item["code"], item["field"])
        texts = [f"{p.message}; {p.hint}" for p in problems if key(p) == wanted]
        assert any(item["message_contains"] in text for text in texts), (
            f"no problem at {wanted} says {item['message_contains']!r}:\n{shown(problems)}"
        )


def test_validate_reports_every_problem_of_every_invalid_file(
    cli: Callable[..., Any], invalid_copy: Path
) -> None:
    names = [case.name for case in INVALID_CASES]
    result = cli("validate", *names, cwd=invalid_copy)
    assert result.code == 2, result
    assert "Traceback" not in result.stdout + result.stderr, result
    assert "valid evidence file" not in result.stdout, result
    line_format = re.compile(
        r"(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): error: (?P<text>.+) \[(?P<code>[a-z0-9-]+)\]"
    )
    *lines, summary = result.stderr.splitlines()
    reported: Counter[tuple[str, int, int, str]] = Counter()
    for line in lines:
        match = line_format.fullmatch(line)
        assert match is not None, f"not a `path:line:col: error: ... [code]` line: {line!r}"
        reported[(match["path"], int(match["line"]), int(match["column"]), match["code"])] += 1
    expected: Counter[tuple[str, int, int, str]] = Counter(
        (case.name, item["line"], item["column"], item["code"])
        for case in INVALID_CASES
        for item in read_expectation(case)["problems"]
    )
    assert reported == expected, result
    assert summary == f"{len(lines)} errors in {len(names)} files", result


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_file_is_refused_fast_and_in_bounded_memory(name: str, invalid_copy: Path) -> None:
    # Timed without tracemalloc, which slows every allocation down (the pure parser several times over).
    started = time.perf_counter()
    with pytest.raises(InputError):
        load_evidence(invalid_copy / name, name)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    try:
        with pytest.raises(InputError):
            load_evidence(invalid_copy / name, name)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < MAX_SECONDS, f"{name} took {elapsed:.2f} s"
    assert peak < MAX_PEAK_BYTES, f"{name} peaked at {peak / 2**20:.1f} MiB"


# --- valid files ---------------------------------------------------------------------------------


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize("case", VALID_CASES, ids=[case.stem for case in VALID_CASES])
def test_valid_file_loads_and_validates(case: Path) -> None:
    try:
        loaded = load_evidence(case, case.name)
    except InputError as error:
        pytest.fail(f"{case.name} should be valid:\n{shown(error.problems)}")
    assert loaded.evidence.schema_version == 1


def _readings(case: Path) -> Iterator[tuple[list[str | int], str, Any]]:
    expectation = read_expectation(case)
    for item in expectation.get("values", []):
        yield item["path"], "value", item["value"]
    for item in expectation.get("keys", []):
        yield item["path"], "keys", item["keys"]


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize(
    "case", VALID_WITH_READINGS, ids=[case.stem for case in VALID_WITH_READINGS]
)
def test_valid_file_reads_as_written(case: Path) -> None:
    data = load_file(case).data
    for path, what, expected in _readings(case):
        found = at(data, path)
        if what == "keys":
            found = list(found)
            assert all(type(name) is str for name in found), (path, found)
        found_type = float if isinstance(found, WrittenFloat) else type(found)
        assert found_type is type(expected), (path, found, expected)
        assert found == expected, (path, found, expected)
