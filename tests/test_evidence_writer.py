"""The one writer of evidence files: values set by path, every other line kept, nothing half-written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from clusterkit.cli.evidence_writer import EvidenceEdit, write_evidence, write_new
from clusterkit.errors import InputError, UsageError
from clusterkit.load.yamlfile import load_text

SOURCE = """\
# a header comment
schema_version: 1
cluster:
  name: "Quoted Cluster"   # quotes stay
  country: NO              # Norway, not false
  website_languages: [no,
                      en]
participants:
  committed: 20
  # a comment under committed
services:
  - {name: Matchmaking, area: innovation,
     applied: often}
  - {name: Trade fairs, area: internationalisation, applied: rare}
"""


def edited(*changes: tuple[tuple[str | int, ...], object]) -> str:
    edit = EvidenceEdit(SOURCE)
    for path, value in changes:
        edit.set(path, value)
    return edit.text()


def test_no_change_gives_the_same_bytes() -> None:
    assert edited() == SOURCE


def test_a_changed_value_changes_only_its_line() -> None:
    text = edited((("participants", "committed"), 25))
    assert text == SOURCE.replace("committed: 20", "committed: 25")


def test_a_changed_list_item_leaves_the_other_items_as_written() -> None:
    text = edited((("services", 1, "applied"), "often"))
    assert "  - {name: Matchmaking, area: innovation,\n     applied: often}\n" in text
    assert "  - {name: Trade fairs, area: internationalisation, applied: often}\n" in text


def test_new_keys_go_where_the_model_puts_them_and_new_sections_too() -> None:
    text = edited(
        (("cluster", "founded"), 2015),
        (("management", "staff_departures_last_2_years"), 0),
        (("assessment_date",), dt.date(2026, 10, 1)),
    )
    data = load_text(text, "x.yaml").data
    assert list(data) == [
        "schema_version", "assessment_date", "cluster", "participants", "management", "services",
    ]  # fmt: skip
    assert list(data["cluster"]) == ["name", "country", "founded", "website_languages"]
    assert data["assessment_date"] == "2026-10-01"
    assert data["cluster"]["country"] == "NO" and data["cluster"]["website_languages"] == [
        "no",
        "en",
    ]
    for line in SOURCE.splitlines():
        assert line in text.splitlines(), line


def test_get_reads_paths_and_says_none_for_what_is_not_there() -> None:
    edit = EvidenceEdit(SOURCE)
    assert edit.get(("services", 0, "name")) == "Matchmaking"
    assert edit.get(("management", "staff")) is None
    assert edit.get(("services", 9)) is None


def test_an_invalid_result_is_never_written(tmp_path: Path) -> None:
    target = tmp_path / "cluster.yaml"
    target.write_text(SOURCE)
    with pytest.raises(InputError) as caught:
        write_evidence(target, edited((("participants", "committed"), -1)))
    assert caught.value.problems[0].code == "out-of-range"
    assert target.read_text() == SOURCE
    write_evidence(target, edited((("participants", "committed"), 21)))
    assert "committed: 21" in target.read_text()


def test_write_new_asks_or_refuses_before_overwriting(tmp_path: Path) -> None:
    target = tmp_path / "docs" / "a.md"
    assert write_new(target, "one\n", force=False)
    with pytest.raises(UsageError, match="--force"):
        write_new(target, "two\n", force=False)
    assert not write_new(target, "two\n", force=False, confirm=lambda path: False)
    assert target.read_text() == "one\n"
    assert write_new(target, "two\n", force=False, confirm=lambda path: True)
    assert write_new(target, "three\n", force=True)
    assert target.read_text() == "three\n"
