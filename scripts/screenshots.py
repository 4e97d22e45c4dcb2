"""Regenerate the report screenshots in docs/images/: `python scripts/screenshots.py` from the repository root.

Renders the example reports through the real pipeline, opens them in headless Chromium (Debian's
chromium + chromium-driver, see scripts/chromium.py) and saves PNGs of the desktop view, a phone and
the print layout; then the portfolio overview of 30 generated clusters and the example's report against
their benchmark (the radar chart); then writes the summary as PDF (the pdf extra) in English and German and turns
page 1 of each into a PNG with pdftoppm (poppler-utils).
"""

from __future__ import annotations

import base64
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from chromium import chromium, missing, set_viewport  # noqa: E402

IMAGES = ROOT / "docs" / "images"
EXAMPLE = "agrifood-midlands"
A4_CONTENT_WIDTH = 680  # 210 mm less 2 x 15 mm margins, at 96 px per inch


def render_report(example: str, folder: Path) -> Path:
    """The example's HTML report, written into ``folder``."""
    from clusterkit.pipeline import load_evidence, run
    from clusterkit.render import render

    evidence = ROOT / "examples" / example / "cluster.yaml"
    loaded = load_evidence(evidence, f"examples/{example}/cluster.yaml")
    assessment = run(loaded, clock=lambda: dt.date(2026, 10, 1))
    target = folder / f"{example}.html"
    target.write_text(render(assessment, "html"), encoding="utf-8")
    return target


def render_portfolio(folder: Path) -> tuple[Path, Path]:
    """The portfolio overview of 30 generated clusters, and the example's report against their benchmark."""
    import subprocess

    from portfolio_corpus import generate

    generate(folder / "corpus", 30)
    overview, bench, report = (
        folder / "portfolio.html",
        folder / "bench.json",
        folder / "radar.html",
    )
    clusterkit = [sys.executable, "-m", "clusterkit"]
    subprocess.run(
        [
            *clusterkit,
            "portfolio",
            str(folder / "corpus"),
            "-f",
            "html",
            "-o",
            str(overview),
            "--benchmark-out",
            str(bench),
        ],
        check=True,
    )
    evidence = ROOT / "examples" / EXAMPLE / "cluster.yaml"
    subprocess.run(
        [
            *clusterkit,
            "report",
            str(evidence),
            "-f",
            "html",
            "-o",
            str(report),
            "--benchmark",
            str(bench),
            "--today",
            "2026-10-01",
        ],
        check=True,
    )
    return overview, report


def pdf_page_one(example: str, language: str, target: Path, folder: Path) -> None:
    """Page 1 of the example's summary as PDF, rendered to a PNG by pdftoppm."""
    from clusterkit.pipeline import load_evidence, run
    from clusterkit.render import RenderOptions
    from clusterkit.render.pdf import render

    evidence = ROOT / "examples" / example / "cluster.yaml"
    loaded = load_evidence(evidence, f"examples/{example}/cluster.yaml")
    assessment = run(loaded, clock=lambda: dt.date(2026, 10, 1), language=language)
    pdf = folder / f"{example}-{language}.pdf"
    pdf.write_bytes(render(assessment, RenderOptions(summary=True, language=language)))
    stem = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf, stem], check=True
    )
    print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size // 1024} KB)")


def capture(driver: Any, target: Path, selector: str | None, height: int) -> None:
    """Save a PNG of the page from the top of ``selector`` (or the page), ``height`` CSS pixels tall."""
    top = 0.0
    if selector:
        top = driver.execute_script(
            "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
            "return r.top + window.scrollY;",
            selector,
        )
    width = driver.execute_script("return document.documentElement.clientWidth")
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": top, "width": width, "height": height, "scale": 1},
        },
    )
    target.write_bytes(base64.b64decode(shot["data"]))
    print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size // 1024} KB)")


def main() -> int:
    reason = missing()
    if reason:
        print(f"cannot take screenshots: {reason}", file=sys.stderr)
        return 1
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        report = render_report(EXAMPLE, Path(folder))
        with chromium(Path(folder) / "profile") as driver:
            driver.get(report.as_uri())
            set_viewport(driver, 1280, 1000)
            capture(driver, IMAGES / "report-desktop.png", None, 1000)
            capture(driver, IMAGES / "report-scores.png", ".summary-pack", 900)
            capture(driver, IMAGES / "report-area.png", ".area", 900)
            capture(driver, IMAGES / "report-portfolio.png", "#portfolio", 900)
            set_viewport(driver, 375, 812, mobile=True)
            capture(driver, IMAGES / "report-phone.png", None, 1400)
            set_viewport(driver, A4_CONTENT_WIDTH, 1000)
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
            capture(driver, IMAGES / "report-print.png", None, 962)
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
            overview, radar = render_portfolio(Path(folder))
            set_viewport(driver, 1280, 1000)
            driver.get(overview.as_uri())
            capture(driver, IMAGES / "portfolio-overview.png", None, 1400)
            capture(driver, IMAGES / "portfolio-heatmap.png", "h3:has(+ .heat)", 900)
            driver.get(radar.as_uri())
            capture(driver, IMAGES / "report-radar.png", "#peers", 900)
        for language in ("en", "de"):
            target = IMAGES / f"report-pdf-page1-{language}.png"
            pdf_page_one(EXAMPLE, language, target, Path(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
