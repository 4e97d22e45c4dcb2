"""The report as PDF for a board pack: the HTML report laid out on A4 pages by WeasyPrint.

WeasyPrint is an optional extra (``pip install 'clusterkit-esca[pdf]'``) and needs Pango from the system, so it is
imported only here, on use. The HTML is self-contained; the PDF engine fetches nothing.
"""

from __future__ import annotations

from typing import Any, NoReturn

from clusterkit.errors import UsageError
from clusterkit.render import RenderOptions
from clusterkit.render import html as html_report
from clusterkit.render.extended import Extended
from clusterkit.results.assessment import Assessment

INSTALL_HINT = (
    "PDF reports need the pdf extra: pip install 'clusterkit-esca[pdf]', and Pango from your system "
    "(Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0); see docs/reports.md"
)


def _refuse(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    """The report embeds everything; a request for anything else is a bug, not something to fetch."""
    raise ValueError(f"the PDF report fetches nothing, not even {url}")


def weasyprint() -> Any:
    """The weasyprint module, or a usage error (exit 2) that says how to install it."""
    try:
        import weasyprint as engine  # type: ignore[import-untyped]
    except (ImportError, OSError) as error:  # OSError: the package is there, Pango is not
        raise UsageError(f"{INSTALL_HINT} ({type(error).__name__}: {error})") from None
    return engine


def html_to_pdf(page: str) -> bytes:
    """Lay out a self-contained HTML report as PDF; the same HTML gives the same bytes."""
    engine = weasyprint()
    document = engine.HTML(string=page, url_fetcher=_refuse)
    # A fixed identifier keeps the bytes reproducible (otherwise it is drawn at random).
    pdf: bytes = document.write_pdf(identifier=b"clusterkit-report", pdf_variant=None)
    return pdf


def render(assessment: Assessment, options: RenderOptions) -> bytes:
    """The HTML report (or its summary) as a PDF."""
    return html_to_pdf(html_report.render(assessment, options))


def render_extended(item: Extended, options: RenderOptions) -> bytes:
    """The HTML report with its peers and trend, as a PDF."""
    return html_to_pdf(html_report.render_extended(item, options))
