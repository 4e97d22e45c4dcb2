"""Build the PDF, Word and OpenDocument files of the examples and the test fixtures from Markdown sources.

Run `python scripts/build_documents.py` from the repository root after changing a source (the Markdown
beside this script, or an example's strategy.md); commit what it writes. It rewrites the same bytes for the
same sources and library versions: every date inside a file is fixed, ZIP members carry a fixed time, and
the PDF producer is named without a version. `--check` exits 1 when a committed file differs.

python-docx writes DOCX and odfpy writes ODT (both base dependencies), fpdf2 writes PDF (a dev dependency).
The PDF core fonts know only Latin-1, so dashes and quotes are written in their plain forms there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

ROOT = Path(__file__).resolve().parents[1]
SOURCES = Path(__file__).resolve().parent / "documents"
FIXTURES = ROOT / "tests" / "data" / "documents"
MATURE = ROOT / "examples" / "nordic-maritime" / "docs" / "strategy.md"
MIDDLE = ROOT / "examples" / "agrifood-midlands" / "docs"
# the adoption date of the mature example's strategy: what a real file's properties would say
STAMP = dt.datetime(2025, 3, 12, 9, 30, tzinfo=dt.UTC)
ZIP_TIME = (2025, 3, 12, 9, 30, 0)
AUTHOR = "clusterkit examples"

Block = tuple[int, str]  # (heading level, text); level 0 is a paragraph


def blocks(markdown: str, renames: dict[str, str] | None = None) -> list[Block]:
    """Headings and paragraphs of a Markdown text; list items and table rows become paragraphs."""
    found: list[Block] = []
    level, row, in_cell = 0, [], False
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        if token.type == "heading_open":
            level = int(token.tag[1:])
        elif token.type == "heading_close":
            level = 0
        elif token.type in ("th_open", "td_open"):
            in_cell = True
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "tr_close":
            found.append((0, " | ".join(row)))
            row = []
        elif token.type == "inline":
            text = " ".join(_plain(token).split())
            if in_cell:
                row.append(text)
            else:
                found.append((level, (renames or {}).get(text, text) if level else text))
    return found


def _plain(token: Token) -> str:
    """The text of an inline token without its emphasis marks."""
    parts = [child.content if child.type != "softbreak" else " " for child in token.children or ()]
    return "".join(parts) if token.children else token.content


@dataclass(frozen=True)
class Document:
    """One file to write: where, from which blocks, in which language, and how its headings are marked."""

    path: Path
    title: str
    language: str
    content: list[Block]
    marks: str = "styles"  # styles (heading styles, PDF bookmarks) or plain (bold text lines only)
    password: str = ""
    stamp: dt.datetime = STAMP  # the date the file's own properties say it was written


def write_docx(document: Document) -> bytes:
    import docx

    word = docx.Document()
    for level, text in document.content:
        if level and document.marks == "styles":
            word.add_heading(text, min(level, 9))
        elif level:
            word.add_paragraph().add_run(text).bold = True
        else:
            word.add_paragraph(text)
    properties = word.core_properties
    properties.author = properties.last_modified_by = AUTHOR
    properties.title, properties.language = document.title, document.language
    properties.created = properties.modified = properties.last_printed = document.stamp.replace(
        tzinfo=None
    )
    properties.revision = 1
    buffer = io.BytesIO()
    word.save(buffer)
    return fixed_zip(buffer.getvalue())


def write_odt(document: Document) -> bytes:
    from odf import dc, meta
    from odf.element import Element
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    # odfpy declares on every part each namespace any element of the process has used so far (one dict
    # shared by all elements): start each file from none, so its bytes do not depend on what ran before
    Element.namespaces.clear()
    odt = OpenDocumentText()
    stamp = document.stamp.strftime("%Y-%m-%dT%H:%M:%S")
    odt.meta.addElement(dc.Title(text=document.title))
    odt.meta.addElement(dc.Language(text=document.language))
    odt.meta.addElement(dc.Date(text=stamp))
    odt.meta.addElement(meta.CreationDate(text=stamp))
    for level, text in document.content:
        odt.text.addElement(H(outlinelevel=level, text=text) if level else P(text=text))
    buffer = io.BytesIO()
    odt.write(buffer)
    return fixed_zip(buffer.getvalue())


def write_pdf(document: Document) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF(format="A4")
    pdf.set_creation_date(document.stamp)
    pdf.set_producer("fpdf2")
    pdf.set_title(latin(document.title))
    pdf.set_author(AUTHOR)
    pdf.set_lang(document.language)
    if document.password:
        pdf.set_encryption(
            owner_password="owner-" + document.password,
            user_password=document.password,
            encryption_method=EncryptionMethod.RC4,
        )
    pdf.add_page()
    for number, (level, text) in enumerate(document.content):
        if level == 1 and number:
            pdf.add_page()  # each chapter on its own page, so a heading's page says something
        if level:
            if document.marks == "styles":
                pdf.start_section(latin(text), level=level - 1)
            pdf.set_font("Helvetica", "B", 18 - 2 * min(level, 4))
            pdf.multi_cell(0, 9, latin(text), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, latin(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


WRITERS: dict[str, Callable[[Document], bytes]] = {
    ".docx": write_docx,
    ".odt": write_odt,
    ".pdf": write_pdf,
}
LATIN = str.maketrans({"–": "-", "—": "-", "“": '"', "”": '"', "„": '"', "’": "'", "€": "EUR"})


def latin(text: str) -> str:
    return text.translate(LATIN).encode("latin-1", "replace").decode("latin-1")


def fixed_zip(data: bytes) -> bytes:
    """The same archive with a fixed time on every member, so a rebuild gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=ZIP_TIME)
            info.compress_type = (
                member.compress_type
            )  # an ODT's mimetype must stay stored, not deflated
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()


GERMAN = {
    "Vision": "1. Leitbild",
    "Objectives": "2. Ziele",
    "Strategic areas": "3. Handlungsfelder",
}
FRENCH = {"Vision": "Vision", "Objectives": "Objectifs", "Strategic areas": "Axes stratégiques"}
# a vision under a heading no pack lists: the evidence maps it in `sections:`
CUSTOM = {"Vision": "Wohin wir wollen", "Objectives": "Ziele", "Strategic areas": "Handlungsfelder"}


def documents() -> list[Document]:
    """Every file this script writes."""
    mature = MATURE.read_text(encoding="utf-8")
    title = "Havbru Maritime Technology Cluster: strategy 2025-2029"
    fixture: Callable[..., Document] = lambda name, language="en", renames=None, **kw: Document(  # noqa: E731
        FIXTURES / name, title, language, blocks(mature, renames), **kw
    )
    german = (SOURCES / "agrifood-strategie.md").read_text(encoding="utf-8")
    survey = (SOURCES / "agrifood-umfrage-2023.md").read_text(encoding="utf-8")
    return [
        fixture("strategy.pdf"),
        fixture("strategy.docx"),
        fixture("strategy.odt"),
        fixture("strategy-lines.pdf", marks="plain"),
        fixture("strategy-bold.docx", marks="plain"),
        fixture("strategie-de.docx", "de", GERMAN),
        fixture("strategie-de.pdf", "de", GERMAN),
        fixture("strategie-fr.odt", "fr", FRENCH),
        fixture("strategie-eigene.pdf", "de", CUSTOM),
        fixture("encrypted.pdf", password="secret"),
        Document(
            MIDDLE / "strategie-2022-2026.docx",
            "Agrifood Mittelland e.V.: Clusterstrategie 2022-2026",
            "de",
            blocks(german),
            stamp=dt.datetime(2022, 10, 6, 16, 0, tzinfo=dt.UTC),
        ),
        Document(
            MIDDLE / "umfrage-2023.pdf",
            "Mitgliederbefragung 2023: Zusammenfassung",
            "de",
            blocks(survey),
            stamp=dt.datetime(2023, 12, 11, 10, 0, tzinfo=dt.UTC),
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    options = parser.parse_args(argv)
    stale = []
    for document in documents():
        data = WRITERS[document.path.suffix](document)
        relative = document.path.relative_to(ROOT)
        if options.check:
            if not document.path.is_file() or document.path.read_bytes() != data:
                stale.append(str(relative))
            continue
        document.path.parent.mkdir(parents=True, exist_ok=True)
        document.path.write_bytes(data)
        print(f"wrote {relative} ({len(data)} bytes)")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
