"""Every registered format renders; the HTML charts are well-formed SVG; templates ship in the wheel."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import venv
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from clusterkit.render import RENDERERS, render
from clusterkit.render.charts import Bar, cell_classes, portfolio_matrix, score_bars
from clusterkit.render.view import report_view
from clusterkit.results.assessment import Assessment
from conftest import EXAMPLE_NAMES, EXAMPLES, ROOT
from scoring_support import assess_example

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def agrifood() -> Assessment:
    return assess_example("agrifood-midlands")


@pytest.mark.parametrize(
    "name", sorted(name for name, spec in RENDERERS["assessment"].items() if not spec.binary)
)
def test_every_registered_text_format_renders(agrifood: Assessment, name: str) -> None:
    """Every text format; the binary PDF is read back by tests/test_report_pdf.py."""
    text = render(agrifood, name)
    assert text.strip(), name
    assert render(agrifood, name) == text, f"{name} is not deterministic"


def test_report_formats_are_registered() -> None:
    assert {"md", "html", "json"} <= set(RENDERERS["assessment"])


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_html_is_self_contained_and_its_links_resolve(name: str) -> None:
    assessment = assess_example(name)
    html = render(assessment, "html")
    ids = re.findall(r' id="([^"]+)"', html)
    hrefs = re.findall(r' href="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids"
    internal = {href[1:] for href in hrefs if href.startswith("#")}
    assert internal and internal <= set(ids)
    assert {href for href in hrefs if not href.startswith("#")} <= {assessment.cluster.website}
    assert not re.search(
        r"\b(src|srcset|action|formaction|poster)=|url\(|@import|<script|<iframe|<link", html
    )


def test_score_bars_draw_each_area_and_the_threshold() -> None:
    bars = [Bar("1 Structure", 0.5), Bar("2 <b>Gov</b>", None), Bar("Total", 1.0, total=True)]
    svg = ET.fromstring(
        score_bars(bars, 0.8, title="Scores & more", threshold_label="80 % required", chart_id="t")
    )
    assert svg.get("role") == "img" and svg.get("aria-label") == "Scores & more"
    assert svg.find(f"{SVG}title").text == "Scores & more"
    filled = [r for r in svg.iter(f"{SVG}rect") if "bar" in r.get("class", "").split()]
    assert [r.get("width") for r in filled] == ["170", "340"]
    assert [r.get("class") for r in filled] == ["bar short", "bar reached"]
    line = svg.find(f"{SVG}line")
    assert line.get("x1") == line.get("x2") == "272"
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "2 <b>Gov</b>" in texts and "n/a" in texts and "80 % required" in texts


def test_portfolio_matrix_numbers_every_assessed_service(agrifood: Assessment) -> None:
    view = report_view(agrifood)
    assert agrifood.portfolio is not None
    svg = ET.fromstring(
        portfolio_matrix(
            agrifood.portfolio, view.services(), title="M", x_label="x", y_label="y", chart_id="m"
        )
    )
    markers = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "marker"]
    assert (
        len(markers) == len(view.services()) == sum(s.assessed for s in agrifood.portfolio.services)
    )
    numbers = [g.find(f"{SVG}text").text for g in markers]
    assert sorted(numbers, key=int) == [str(n) for n in range(1, len(markers) + 1)]
    assert len([r for r in svg.iter(f"{SVG}rect") if "cell" in r.get("class", "")]) == 9
    positions = {(c.get("cx"), c.get("cy")) for c in svg.iter(f"{SVG}circle")}
    assert len(positions) == len(markers), "services at the same point are spread, not stacked"


def test_cell_classes_follow_the_worst_value(agrifood: Assessment) -> None:
    assert agrifood.portfolio is not None
    cells = cell_classes(agrifood.portfolio)
    worst_first = {"costs": 0, "neutral": 1, "earns": 2, "negative": 0, "positive": 2}
    assessed = [s for s in agrifood.portfolio.services if s.assessed]
    assert assessed
    for service in assessed:
        assert service.contribution and service.appreciation
        cell = (
            min(service.contribution, key=worst_first.get),
            min(service.appreciation, key=worst_first.get),
        )
        assert cells[cell] == service.class_id, service.name


def _wheel_tools_missing() -> str | None:
    try:
        import hatchling  # noqa: F401
    except ImportError:
        return "hatchling is not installed (pip install -e '.[test]')"
    return None


def _borrow_dependencies(python: Path) -> None:
    """Append the running environment's site-packages to the new venv's path with a `.pth` file.

    A path named in a `.pth` file is added to `sys.path` but its own `.pth` files are not run, so
    the editable clusterkit of the test environment stays invisible and the wheel is what imports.
    """
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    outer = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "zz_test_dependencies.pth").write_text(
        "".join(f"{path}\n" for path in sorted(outer)), encoding="utf-8"
    )


@pytest.mark.slow
def test_templates_and_packs_load_from_an_installed_wheel(tmp_path: Path) -> None:
    reason = _wheel_tools_missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(wheels),
        ],
        check=True,
        cwd=tmp_path,
    )
    wheel = next(wheels.glob("clusterkit_esca-*.whl"))
    # The venv sees only its own site-packages plus, after them, the test environment's: the
    # dependencies come from where the suite itself runs, never from the base interpreter's globals
    # (a venv with system site packages passed only where those happened to be installed).
    venv.EnvBuilder(system_site_packages=False, with_pip=False).create(tmp_path / "venv")
    python = tmp_path / "venv" / "bin" / "python"
    _borrow_dependencies(python)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--force-reinstall",
            "--quiet",
            str(wheel),
        ],
        check=True,
        cwd=tmp_path,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    found = subprocess.run(
        [
            str(python),
            "-c",
            "from clusterkit.resources import bundled_dir; print(bundled_dir('templates'))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=elsewhere,
    ).stdout.strip()
    assert Path(found).is_relative_to(tmp_path / "venv") and found.endswith("_bundled/templates")
    target = tmp_path / "r.html"
    done = subprocess.run(
        [
            str(tmp_path / "venv" / "bin" / "clusterkit"),
            "report",
            str(EXAMPLES / "nordic-maritime" / "cluster.yaml"),
            "--format",
            "html",
            "-o",
            str(target),
            "--lang",
            "de",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=elsewhere,
    )
    assert done.returncode == 0, done.stderr
    page = target.read_text(encoding="utf-8")
    # The compiled catalogues and the packs' wording files ship in the wheel too.
    assert page.startswith("<!DOCTYPE html>") and "Zusammenfassung" in page
    assert "Exzellenz des Clustermanagements" in page
    # The bundled packs come from the wheel too (issue 2: a non-editable install finds them).
    packs = subprocess.run(
        [
            str(python),
            "-c",
            "from clusterkit.resources import bundled_dir; print(bundled_dir('criteria'))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=elsewhere,
    ).stdout.strip()
    assert Path(packs).is_relative_to(tmp_path / "venv") and packs.endswith("_bundled/criteria")
    listed = subprocess.run(
        [str(tmp_path / "venv" / "bin" / "clusterkit"), "criteria", "list"],
        capture_output=True,
        text=True,
        check=False,
        cwd=elsewhere,
    )
    assert listed.returncode == 0, listed.stderr
    assert all(
        pack in listed.stdout for pack in ("esca-gold", "eccp-validation", "strategy-process")
    )


def test_a_format_added_to_the_registry_is_offered_by_the_commands_it_names(tmp_path) -> None:
    """Issue 9: the CLI's --format choices and help come from the one registry."""
    module = tmp_path / "plain_text.py"
    module.write_text(
        "def render(assessment, options):\n    return f'{assessment.cluster.name}\\n'\n",
        encoding="utf-8",
    )
    probe = (
        "import sys\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "from clusterkit.render import RENDERERS, Format\n"
        "RENDERERS['assessment']['text'] = Format('plain_text:render', ('report',), 'the name')\n"
        "from clusterkit.cli.app import app\n"
        "app(sys.argv[1:])\n"
    )

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=False
        )

    helped = run("report", "--help")
    words = " ".join(helped.stdout.split())  # the help wraps at the terminal's width
    assert "[md|html|pdf|json|text]" in words and "text: the name" in words, helped
    assert "|text]" not in run("assess", "--help").stdout
    done = run("report", str(EXAMPLES / "hydrogen-start" / "cluster.yaml"), "-f", "text")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Vadehav Hydrogen Cluster\n", done.stdout
