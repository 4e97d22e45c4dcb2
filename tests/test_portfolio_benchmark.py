"""The benchmark file of a portfolio and `report --benchmark`: peer distributions, no cluster data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES
from test_portfolio import CORPUS, corpus, free_text, run_cli

__all__ = ["corpus"]  # the module-scoped generated corpus, shared
MIDDLE = EXAMPLES / "agrifood-midlands" / "cluster.yaml"


@pytest.fixture(scope="module")
def bench(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("bench") / "bench.json"
    # the examples add a seventh field with one cluster: a group the benchmark must withhold
    done = run_cli("portfolio", corpus, EXAMPLES, "-f", "csv", "--benchmark-out", target)
    assert done.code == 0, done
    return target


def test_benchmark_has_distributions_and_no_cluster_data(corpus: Path, bench: Path) -> None:
    text = bench.read_text(encoding="utf-8")
    document = json.loads(text)
    assert document["kind"] == "clusterkit-benchmark"
    assert document["clusters"] == CORPUS + 3
    # the peer groups are named (sectors are what a benchmark is for); no other text of the evidence is
    groups = set(document["packs"][0]["measures"]["score"])
    assert [t for t in free_text(corpus) if t in text and t not in groups] == []
    assert "C-" not in text and "cluster.yaml" not in text
    score = document["packs"][0]["measures"]["score"]
    assert score["all"]["n"] == CORPUS + 3 and score["all"]["median"] is not None
    for group, item in score.items():
        assert (item["n"] < 5) == item["suppressed"], (group, item)
        if item["suppressed"]:
            assert item["median"] is None and item["minimum"] is None
    assert score["green hydrogen and Power-to-X"]["suppressed"]  # the one hydrogen example


def test_report_shows_the_cluster_against_its_group(bench: Path) -> None:
    # agrifood-midlands writes `language: de`; the rows are matched by their English titles
    done = run_cli("report", MIDDLE, "-f", "md", "--benchmark", bench, "--lang", "en")
    assert done.code == 0, done
    section = done.stdout.split("## Against its peers", 1)[1].split("\n## ", 1)[0]
    assert "Compared with the clusters whose cluster.field is “food and agriculture”" in section
    document = json.loads(bench.read_text(encoding="utf-8"))
    median = document["packs"][0]["measures"]["area 1"]["food and agriculture"]["median"]
    row = next(line for line in section.splitlines() if line.startswith("| 1 Structure"))
    assert row.split("|")[2].strip() == "87.5 %"  # the example's own area 1 score
    assert row.split("|")[3].strip() == f"{int(median * 1000) / 10:g} %"


def test_the_peer_section_is_in_the_report_s_language(bench: Path) -> None:
    """agrifood-midlands writes `language: de`: its peer section is German like the rest of the report."""
    done = run_cli("report", MIDDLE, "-f", "md", "--benchmark", bench)
    assert done.code == 0, done
    section = done.stdout.split("## Im Vergleich mit anderen Clustern", 1)[1].split("\n## ", 1)[0]
    assert "Verglichen mit den Clustern, deren cluster.field „food and agriculture“ ist" in section
    assert "| Bereich | Dieser Cluster | Median der Vergleichscluster |" in section
    assert "Against its peers" not in done.stdout and "Peer median" not in done.stdout


def test_report_without_a_large_enough_group_uses_the_whole_portfolio(bench: Path) -> None:
    done = run_cli(
        "report", EXAMPLES / "hydrogen-start" / "cluster.yaml", "-f", "md", "--benchmark", bench
    )
    assert done.code == 0, done
    assert "Compared with the whole portfolio" in done.stdout


def test_report_without_benchmark_has_no_peer_section() -> None:
    done = run_cli("report", MIDDLE, "-f", "md")
    assert done.code == 0 and "Against its peers" not in done.stdout


def test_benchmark_needs_md_html_or_pdf(bench: Path, tmp_path: Path) -> None:
    done = run_cli("report", MIDDLE, "-f", "json", "--benchmark", bench)
    assert done.code == 2, done
    assert "--benchmark and --history work with the formats md, html, pdf" in done.stderr, done
    pdf = tmp_path / "report.pdf"
    done = run_cli("report", MIDDLE, "-f", "pdf", "--benchmark", bench, "-o", pdf)
    assert done.code == 0 and pdf.read_bytes().startswith(b"%PDF-"), done


def test_a_broken_benchmark_file_is_an_error_at_its_line(tmp_path: Path, bench: Path) -> None:
    broken = tmp_path / "bench.json"
    text = bench.read_text(encoding="utf-8").replace('"clusters": ', '"clusters": "many", "x": ', 1)
    broken.write_text(text, encoding="utf-8")
    done = run_cli("report", MIDDLE, "-f", "html", "-o", tmp_path / "r.html", "--benchmark", broken)
    assert done.code == 2, done
    assert f"{broken}:7:15: error: clusters:" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "r.html").exists()
