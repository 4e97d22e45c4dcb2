"""The typical mistakes of a first cluster.yaml, and what `clusterkit validate --strict` says about them.

Each ``tests/data/mistakes/NAME.yaml`` is one mistake people make; ``NAME.expected.yaml`` beside it lists
every problem the command must print (line, column, code, field, and words the message or hint must
hold), no more and no fewer. Every message must read without knowing Python: no reprs, no type names.
A new mistake is a new pair of files, not new code.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from clusterkit.load.yamlfile import load_file

MISTAKES = Path(__file__).resolve().parent / "data" / "mistakes"
CASES = sorted(p for p in MISTAKES.glob("*.yaml") if not p.name.endswith(".expected.yaml"))
LINE = re.compile(
    r"(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): "
    r"(?:(?P<field>[\w.]+): )?(?P<text>.+) \[(?P<code>[a-z0-9-]+)\]"
)
# What a message must never show a cluster manager: Python's reprs and type names, pydantic's words.
PYTHON = re.compile(
    r"\{'|\['|\bNone\b|\bdict\b|\bstr\b|\bint\b|\bfloat\b|list\[|Input should|Value error"
)
# The mistakes the issue names; a case removed by mistake fails here, not silently.
REQUIRED = {
    "list-for-mapping", "misspelt-required-key", "country-name", "missing-document", "empty-file",
}  # fmt: skip


def expectation(case: Path) -> dict[str, Any]:
    data = load_file(case.with_name(case.stem + ".expected.yaml")).data
    assert set(data) <= {"problems", "message_lacks"}, case.name
    return data


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cases in a folder of their own, so that document paths resolve inside it."""
    folder = tmp_path_factory.mktemp("mistakes") / "cases"
    shutil.copytree(MISTAKES, folder)
    return folder


def reported(output: str) -> list[re.Match[str]]:
    lines = [line for line in output.splitlines() if re.search(r": (error|warning): ", line)]
    matches = [LINE.fullmatch(line) for line in lines]
    assert all(matches), f"not a `path:line:col: error: ... [code]` line in:\n{output}"
    return [match for match in matches if match is not None]


def test_the_corpus_holds_the_mistakes_the_issue_names() -> None:
    assert len(CASES) >= 12
    assert {case.stem for case in CASES} >= REQUIRED
    expectations = {p.name.removesuffix(".expected.yaml") for p in MISTAKES.glob("*.expected.yaml")}
    assert expectations == {case.stem for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_mistake_gets_the_expected_readable_messages(
    cli: Callable[..., Any], copy: Path, case: Path
) -> None:
    result = cli("validate", "--strict", case.name, cwd=copy)
    assert result.code == 2, result
    assert "Traceback" not in result.stdout + result.stderr, result
    found = reported(result.stderr)
    wanted = expectation(case)
    keys = sorted((int(m["line"]), int(m["column"]), m["code"], m["field"] or "") for m in found)
    expected = sorted(
        (item["line"], item["column"], item["code"], item["field"]) for item in wanted["problems"]
    )
    assert keys == expected, result
    for item in wanted["problems"]:
        texts = [
            m["text"] for m in found if (int(m["line"]), m["code"]) == (item["line"], item["code"])
        ]
        assert any(item["message_contains"] in text for text in texts), (item, result)
    for match in found:
        assert not PYTHON.search(match["text"]), f"reads as Python: {match['text']}"
        for word in wanted.get("message_lacks", []):
            assert word not in match["text"], f"{word!r} is no help here: {match['text']}"


def test_a_missing_document_is_only_a_warning_without_strict(cli, copy: Path) -> None:
    result = cli("validate", "missing-document.yaml", cwd=copy)
    assert result.code == 0, result
    (warning,) = reported(result.stderr)
    assert warning["severity"] == "warning" and (warning["line"], warning["column"]) == ("9", "13")
    assert "valid evidence file (1 document named)" in result.stdout
