"""`clusterkit portfolio`: many files, rows equal to single-file assessments, broken files, anonymised output."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from conftest import EXAMPLES, ROOT, CliResult

sys.path.insert(0, str(ROOT / "scripts"))
from portfolio_corpus import generate

CORPUS = (
    24  # four groups of 4, two of 4: every field has 4 clusters (under the anonymised minimum of 5)
)


def run_cli(*args: str | Path) -> CliResult:
    from clusterkit.cli.app import app

    result = CliRunner().invoke(app, [str(arg) for arg in args], catch_exceptions=False)
    return CliResult(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    generate(folder, CORPUS)
    return folder


@pytest.fixture(scope="module")
def wide(corpus: Path) -> list[dict[str, str]]:
    result = run_cli("portfolio", corpus, "--format", "csv", "--jobs", "2")
    assert result.code == 0, result
    return list(csv.DictReader(io.StringIO(result.stdout)))


def assessed(path: str) -> dict[str, Any]:
    result = run_cli("assess", path, "--format", "json")
    assert result.code in (0, 1), result
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def number(cell: str) -> float | None:
    return None if cell == "" else float(cell)


def test_every_generated_file_is_valid_and_varied(wide: list[dict[str, str]]) -> None:
    assert len(wide) == CORPUS
    assert all(row["error"] == "" for row in wide), [row["error"] for row in wide if row["error"]]
    assert len({row["score"] for row in wide}) > CORPUS // 2  # the generator varies the outcome
    assert len({row["group"] for row in wide}) == 6


def test_csv_numbers_equal_the_single_file_assessment(wide: list[dict[str, str]]) -> None:
    for row in wide:
        single = assessed(row["file"])
        pack = next(p for p in single["packs"] if p["pack"] == "esca-gold")
        assert row["name"] == single["cluster"]["name"]
        assert row["assessment_date"] == single["assessment_date"]
        assert number(row["score"]) == pack["score"]
        for area in pack["areas"]:
            assert number(row[f"area {area['id']}"]) == area["score"], area["id"]
        assert row["target_reached"] == str(pack["target_reached"]).lower()
        reached = [level["id"] for level in pack["levels"] if level["reached"]]
        assert row["reached_levels"].split() == reached
        statuses = {i["id"]: i["status"] for a in pack["areas"] for i in a["indicators"]}
        met = sum(1 for key in pack["minimum_requirements"] if statuses[key] == "met")
        assert (int(row["minimum_met"]), int(row["minimum_total"])) == (
            met,
            len(pack["minimum_requirements"]),
        )
        assert int(row["unknown"]) == len(pack["unknown"])
        blocking = list(
            dict.fromkeys(s["indicator"] for s in pack["roadmap"]["steps"] if s["blocking"])
        )
        assert row["blocking_gaps"].split() == blocking[:5]


def test_long_csv_has_every_indicator_with_the_points_of_the_assessment(corpus: Path) -> None:
    result = run_cli("portfolio", corpus, "--format", "csv-long", "--jobs", "1")
    assert result.code == 0, result
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    first = rows[0]["file"]
    single = assessed(first)
    pack = next(p for p in single["packs"] if p["pack"] == "esca-gold")
    expected = {i["id"]: i for a in pack["areas"] for i in a["indicators"]}
    mine = {row["indicator"]: row for row in rows if row["file"] == first}
    assert set(mine) == set(expected)
    for key, row in mine.items():
        assert row["status"] == expected[key]["status"]
        assert float(row["points"]) == expected[key]["points"]
        assert float(row["possible"]) == expected[key]["possible"]
    assert len(rows) == CORPUS * len(expected)


def test_one_worker_and_two_give_the_same_bytes(corpus: Path, wide: list[dict[str, str]]) -> None:
    one = run_cli("portfolio", corpus, "--format", "csv", "--jobs", "1")
    assert list(csv.DictReader(io.StringIO(one.stdout))) == wide


def test_a_broken_file_is_its_row_and_the_others_are_complete(corpus: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken" / "cluster.yaml"
    broken.parent.mkdir()
    broken.write_text("schema_version: 1\ncluster:\n  name: [unclosed\n", encoding="utf-8")
    listing = tmp_path / "clusters.txt"
    good = sorted(corpus.rglob("cluster.yaml"))[:3]
    listing.write_text(
        "# the agency's list\n" + "\n".join(str(p) for p in [good[0], broken, *good[1:]]) + "\n",
        encoding="utf-8",
    )
    result = run_cli("portfolio", listing, "--format", "csv", "--jobs", "2")
    assert result.code == 0, result
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["file"] for row in rows] == [str(p) for p in [good[0], broken, *good[1:]]]
    assert rows[1]["error"].startswith(f"{broken}:4:1: error: invalid YAML"), rows[1]
    assert rows[1]["score"] == "" and rows[1]["name"] == ""
    for row in rows[:1] + rows[2:]:
        assert row["error"] == ""
        assert all(row[column] != "" for column in ("name", "score", "area 1", "tier"))
    assert f"{broken}:4:1:" in result.stderr
    strict = run_cli("portfolio", listing, "--format", "csv", "--strict", "--jobs", "1")
    assert strict.code == 2, strict


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def free_text(corpus: Path) -> set[str]:
    """Every string value of the inputs that could identify a cluster or tell its story.

    Free text is more than one word, or a path or URL. Left out: single words (a legal form, a role,
    `cluster`), short codes (country, NUTS, language), ISO dates, the pack the file names, and the values
    of closed vocabularies (contribution, appreciation, status words), the same for every cluster.
    """
    from clusterkit.models.vocab import APPRECIATION_VALUE, CONTRIBUTION_VALUE

    vocabulary = {str(v) for v in (*APPRECIATION_VALUE, *CONTRIBUTION_VALUE)}
    vocabulary |= {"met", "partial", "unmet", "unknown", "not_applicable"}
    found: set[str] = set()
    for path in corpus.rglob("cluster.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        vocabulary.add(data["criteria"])
        found.update(
            s
            for s in _strings(data)
            if len(s) > 6 and any(c in s for c in " /:") and s not in vocabulary
        )
    return found


def workbook_text(path: Path) -> str:
    """Every cell of every sheet of a workbook, as one text to search."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    cells = (cell for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)
    return "\n".join(str(cell) for cell in cells if cell is not None)


@pytest.mark.parametrize("output_format", ["csv", "csv-long", "json", "html", "table", "xlsx"])
def test_anonymised_output_has_no_name_no_free_text_no_small_group(
    corpus: Path, output_format: str, tmp_path: Path
) -> None:
    target = tmp_path / ("out.xlsx" if output_format == "xlsx" else "out.txt")
    result = run_cli(
        "portfolio", corpus, "--anonymise", "-f", output_format, "--jobs", "1", "-o", target
    )
    assert result.code == 0, result
    text = workbook_text(target) if output_format == "xlsx" else target.read_text(encoding="utf-8")
    assert len(text) > 1000
    leaked = sorted(item for item in free_text(corpus) if item in text)
    assert leaked == []
    assert str(corpus) not in text


def test_anonymised_statistics_withhold_groups_under_five(corpus: Path) -> None:
    result = run_cli("portfolio", corpus, "--anonymise", "-f", "json", "--jobs", "1")
    document = json.loads(result.stdout)
    assert document["min_group"] == 5
    groups: dict[str, int] = {}
    for row in document["rows"]:
        groups[row["record"]["group"]] = groups.get(row["record"]["group"], 0) + 1
    assert sorted(groups.values()) == [4] * 6  # every group is small: all must be withheld
    for by_group in document["peers"][0]["measures"].values():
        for group, item in by_group.items():
            if item["n"] < 5:
                assert item["suppressed"] and item["median"] is None, (group, item)
            else:
                assert group == "all" and item["median"] is not None
    for row in document["rows"]:
        assert all(p[2] is None for p in row["positions"]["esca-gold"].values())
        assert row["positions"]["esca-gold"]["score"][1] is not None


def test_group_statistics_are_shown_without_anonymise(corpus: Path) -> None:
    document = json.loads(run_cli("portfolio", corpus, "-f", "json", "--jobs", "1").stdout)
    score = document["peers"][0]["measures"]["score"]
    assert all(not item["suppressed"] and item["median"] is not None for item in score.values())
    assert any(p[2] is not None for p in document["rows"][0]["positions"]["esca-gold"].values())


def test_a_bad_group_by_or_level_is_one_usage_error(corpus: Path) -> None:
    bad = run_cli("portfolio", corpus, "--group-by", "cluster.feld")
    assert bad.code == 2 and "did you mean `cluster.field`" in bad.stderr, bad
    whole = run_cli("portfolio", corpus, "--group-by", "participants")
    assert whole.code == 2 and "not one value" in whole.stderr, whole
    level = run_cli("portfolio", corpus, "--level", "platinum")
    assert level.code == 2 and "platinum" in level.stderr, level
    empty = run_cli("portfolio", corpus / "cluster-00000" / "docs")
    assert empty.code == 2 and "no cluster.yaml" in empty.stderr, empty


def test_xlsx_has_a_sheet_per_view_with_the_csv_numbers(
    corpus: Path, wide: list[dict[str, str]], tmp_path: Path
) -> None:
    import openpyxl

    target = tmp_path / "portfolio.xlsx"
    result = run_cli("portfolio", corpus, "-f", "xlsx", "-o", target, "--jobs", "1")
    assert result.code == 0, result
    book = openpyxl.load_workbook(target, read_only=True)
    assert book.sheetnames == ["clusters", "indicators", "peers", "shared gaps", "rules"]
    rows = list(book["clusters"].iter_rows(values_only=True))
    header = list(rows[0])
    assert header == list(wide[0])
    for values, row in zip(rows[1:], wide, strict=True):
        cells = dict(zip(header, values, strict=True))
        assert cells["name"] == row["name"]
        assert cells["score"] == float(row["score"])
        assert cells["area 4"] == float(row["area 4"])
        assert cells["target_reached"] is (row["target_reached"] == "true")
    again = tmp_path / "again.xlsx"
    run_cli("portfolio", corpus, "-f", "xlsx", "-o", again, "--jobs", "2")
    assert again.read_bytes() == target.read_bytes()


def test_xlsx_without_openpyxl_names_the_extra(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now raises ImportError
    result = run_cli("portfolio", corpus / "cluster-00001", "-f", "xlsx", "-o", tmp_path / "x.xlsx")
    assert result.code == 2, result
    assert "clusterkit-esca[xlsx]" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_a_cluster_assessed_twice_counts_once_and_shows_its_progress(
    corpus: Path, tmp_path: Path
) -> None:
    first = corpus / "cluster-00000" / "cluster.yaml"
    later = tmp_path / "later" / "cluster.yaml"
    shutil.copytree(first.parent / "docs", later.parent / "docs")
    data = yaml.safe_load(first.read_text(encoding="utf-8"))
    data["assessment_date"] = data["assessment_date"].replace(year=data["assessment_date"].year + 1)
    later.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = run_cli("portfolio", later, corpus, "-f", "json", "--jobs", "1")
    assert result.code == 0, result
    document = json.loads(result.stdout)
    rows = {row["record"]["file"]: row for row in document["rows"]}
    assert rows[str(later)]["record"]["error"] is None
    assert rows[str(later)]["latest"] and not rows[str(first)]["latest"]
    assert document["peers"][0]["measures"]["score"]["all"]["n"] == CORPUS
    [progress] = document["progress"]
    assert progress["name"] == data["cluster"]["name"]
    assert [p["label"] for p in progress["points"]] == [str(first), str(later)]
    scores = [p["packs"][0]["score"] for p in progress["points"]]
    assert scores[0] == rows[str(first)]["record"]["packs"][0]["score"]
    assert progress["score_change"]["esca-gold"] == round(scores[1] - scores[0], 4)
    html = run_cli("portfolio", later, corpus, "-f", "html", "--jobs", "1").stdout
    assert "Clusters assessed more than once" in html


def test_the_output_never_overwrites_an_input_or_the_list(corpus: Path, tmp_path: Path) -> None:
    listing = tmp_path / "clusters.txt"
    listing.write_text(str(sorted(corpus.rglob("cluster.yaml"))[0]) + "\n", encoding="utf-8")
    before = listing.read_text(encoding="utf-8")
    result = run_cli("portfolio", listing, "-f", "csv", "-o", listing)
    assert result.code == 2 and "it is an input of this run" in result.stderr, result
    assert listing.read_text(encoding="utf-8") == before


def test_text_that_a_spreadsheet_would_run_stays_text(tmp_path: Path) -> None:
    """CSV injection: a cluster named like a formula is text in the CSV (a leading apostrophe, which
    spreadsheets hide) and a string cell in the XLSX; negative numbers are not touched."""
    import openpyxl

    folder = tmp_path / "one"
    shutil.copytree(EXAMPLES / "nordic-maritime", folder)
    evidence = folder / "cluster.yaml"
    text = evidence.read_text(encoding="utf-8")
    name = '=HYPERLINK("http://attacker.invalid","Havbru")'
    old = "name: Havbru Maritime Technology Cluster"
    assert old in text
    evidence.write_text(text.replace(old, f"name: '{name}'", 1), encoding="utf-8")
    done = run_cli("portfolio", folder, "--format", "csv", "--jobs", "1")
    assert done.code == 0, done
    (row,) = csv.DictReader(io.StringIO(done.stdout))
    assert row["name"] == "'" + name
    target = tmp_path / "one.xlsx"
    assert run_cli("portfolio", folder, "-f", "xlsx", "-o", target, "--jobs", "1").code == 0
    sheet = openpyxl.load_workbook(target)["clusters"]
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("name") + 1)
    assert cell.value == name and cell.data_type == "s"
