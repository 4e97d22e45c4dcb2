"""Report templates are compiled once into the user's cache; a cached or damaged entry never changes a byte."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest

from clusterkit.render import render
from clusterkit.render.templating import environment
from clusterkit.results.assessment import Assessment
from scoring_support import assess_example


@pytest.fixture(scope="module")
def hydrogen() -> Assessment:
    return assess_example("hydrogen-start")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache of the test's own, and environments made afresh inside it (and after it)."""
    monkeypatch.setenv("CLUSTERKIT_CACHE_DIR", str(tmp_path))
    environment.cache_clear()
    yield tmp_path / "templates"
    environment.cache_clear()


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates Jinja compiles from source from now on."""
    names: list[str] = []
    real = jinja2.Environment.compile

    def recording(
        self: jinja2.Environment, source: str, name: str | None = None, *args: object
    ) -> object:
        names.append(str(name))
        return real(self, source, name, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(jinja2.Environment, "compile", recording)
    return names


@pytest.mark.parametrize("kind", ["md", "html"])
def test_a_second_process_compiles_no_template_and_renders_the_same_bytes(
    kind: str, hydrogen: Assessment, folder: Path, compiled: list[str]
) -> None:
    first = render(hydrogen, kind)
    assert compiled, "the first report compiles its templates"
    assert sorted(folder.glob("*.jinja"))
    environment.cache_clear()  # as a new process starts
    compiled.clear()
    assert render(hydrogen, kind) == first
    assert compiled == []


def test_a_damaged_entry_is_compiled_again(
    hydrogen: Assessment, folder: Path, compiled: list[str]
) -> None:
    first = render(hydrogen, "md")
    for entry in folder.glob("*.jinja"):
        data = entry.read_bytes()
        entry.write_bytes(data[:40] + bytes([data[40] ^ 0xFF]) + data[41:])
    environment.cache_clear()
    compiled.clear()
    assert render(hydrogen, "md") == first
    assert compiled, "a damaged entry was used"


def test_without_a_cache_the_report_is_the_same(
    hydrogen: Assessment, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached = render(hydrogen, "html")
    monkeypatch.setenv("CLUSTERKIT_NO_CACHE", "1")
    environment.cache_clear()
    assert render(hydrogen, "html") == cached
