"""The PDF report, read back: pages, text of page 1, running header, links, charts kept whole.

Needs the pdf extra (WeasyPrint, with Pango from the system) and poppler-utils' pdftoppm; skips without
them, fails under CI=true (.ci/run installs them).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from clusterkit.render import RenderOptions
from clusterkit.render import pdf as pdf_report
from clusterkit.results.assessment import Assessment
from conftest import EXAMPLE_NAMES, EXAMPLES
from scoring_support import assess_example

pypdf = pytest.importorskip("pypdf")

A4_POINTS = (595, 842)
SUMMARY_PAGES = 2


def _require(reason: str | None) -> None:
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the PDF tests must run in CI: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def engine() -> Any:
    try:
        return pdf_report.weasyprint()
    except Exception as error:
        _require(f"no PDF engine here: {error}")


def read(data: bytes) -> Any:
    return pypdf.PdfReader(io.BytesIO(data))


@pytest.fixture(scope="module")
def summaries(engine: Any) -> dict[str, bytes]:
    return {
        name: pdf_report.render(assess_example(name), RenderOptions(summary=True))
        for name in EXAMPLE_NAMES
    }


@pytest.fixture(scope="module")
def agrifood() -> Assessment:
    return assess_example("agrifood-midlands")


@pytest.fixture(scope="module")
def full_layout(engine: Any, agrifood: Assessment) -> Any:
    """The full report laid out once (the slowest step): pages to inspect, and the PDF they make."""
    from clusterkit.render import html as html_report

    page = html_report.render(agrifood, RenderOptions())
    return engine.HTML(string=page, url_fetcher=pdf_report._refuse).render()


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_summary_fits_two_a4_pages(summaries: dict[str, bytes], name: str) -> None:
    document = read(summaries[name])
    assert 1 <= len(document.pages) <= SUMMARY_PAGES
    german = pdf_report.render(
        assess_example(name, language="de"), RenderOptions(summary=True, language="de")
    )
    assert 1 <= len(read(german).pages) <= SUMMARY_PAGES, "German runs longer than English"
    box = document.pages[0].mediabox
    assert (round(box.width), round(box.height)) == A4_POINTS


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_page_1_has_the_name_the_verdict_and_the_date(
    summaries: dict[str, bytes], name: str
) -> None:
    a = assess_example(name)
    text = " ".join(read(summaries[name]).pages[0].extract_text().split())
    target = next(level for level in a.packs[0].levels if level.id == a.packs[0].target_level)
    verdict = "ready for" if a.packs[0].target_reached else "not yet ready for"
    assert a.cluster.name in text
    assert f"A pre-assessment: {verdict} {target.title} on the evidence given." in text
    assert "1 October 2026" in text
    assert "clusterkit 0.1.0" in text


@pytest.mark.slow
def test_the_full_report_has_running_headers_page_numbers_and_links(
    full_layout: Any, agrifood: Assessment
) -> None:
    document = read(full_layout.write_pdf())
    pages = len(document.pages)
    assert pages > SUMMARY_PAGES
    later = " ".join(document.pages[pages - 1].extract_text().split())
    assert agrifood.cluster.name in later and "1 October 2026" in later
    assert f"{pages} / {pages}" in later
    uris = [
        annotation.get_object()["/A"].get("/URI")
        for page in document.pages
        for annotation in page.get("/Annots") or []
        if annotation.get_object().get("/A") is not None
    ]
    assert agrifood.cluster.website in uris


def _kept_whole(element: Any) -> bool:
    """A chart (figure or SVG) or one step of a list of steps: what must never break across pages."""
    classes = (element.get("class") or "").split()
    return element.tag in ("figure", "svg") or (element.tag == "li" and "step" in classes)


@pytest.mark.slow
def test_no_chart_or_step_is_split_across_pages(full_layout: Any) -> None:
    pages_of: dict[int, set[int]] = {}
    for number, laid_out in enumerate(full_layout.pages):
        for box in laid_out._page_box.descendants():
            element = getattr(box, "element", None)
            if element is not None and _kept_whole(element):
                pages_of.setdefault(id(element), set()).add(number)
    assert len(pages_of) > 10, "the report has charts and steps"
    assert all(len(pages) == 1 for pages in pages_of.values())


def test_the_pdf_is_the_same_bytes_every_time(summaries: dict[str, bytes]) -> None:
    again = pdf_report.render(assess_example(EXAMPLE_NAMES[0]), RenderOptions(summary=True))
    assert again == summaries[EXAMPLE_NAMES[0]]


def test_page_1_renders_to_an_image(summaries: dict[str, bytes], tmp_path: Path) -> None:
    _require(None if shutil.which("pdftoppm") else "pdftoppm (poppler-utils) is not installed")
    source = tmp_path / "summary.pdf"
    source.write_bytes(summaries["agrifood-midlands"])
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            source,
            tmp_path / "p1",
        ],
        check=True,
    )
    image = (tmp_path / "p1.png").read_bytes()
    assert image.startswith(b"\x89PNG") and len(image) > 5000


def test_report_format_pdf_writes_report_pdf_beside_the_evidence(
    cli: Any, engine: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "agrifood-midlands"
    shutil.copytree(EXAMPLES / "agrifood-midlands", folder)
    result = cli("report", folder / "cluster.yaml", "--format", "pdf", "--summary")
    assert result.code == 0, result
    written = folder / "report.pdf"
    assert f"wrote pdf report to {written}" in result.stderr
    assert len(read(written.read_bytes()).pages) <= SUMMARY_PAGES


def test_without_the_pdf_extra_exit_2_with_the_install_hint(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(__import__("sys").modules, "weasyprint", None)  # import fails
    target = tmp_path / "r.pdf"
    result = cli(
        "report", EXAMPLES / "agrifood-midlands" / "cluster.yaml", "-f", "pdf", "-o", target
    )
    assert result.code == 2, result
    assert "pip install 'clusterkit-esca[pdf]'" in result.stderr
    assert "Traceback" not in result.stderr and not target.exists()
