"""The document readers: sections, length and own dates of each format; refusals of what cannot be read safely."""

from __future__ import annotations

import datetime as dt
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from clusterkit.facts.documents import sections
from clusterkit.facts.readers import READERS, DocumentError, identify, own_date, read
from clusterkit.facts.readers import base as limits
from clusterkit.models.facts import DocumentContent

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = Path(__file__).resolve().parent / "data" / "documents"
PARTS = ["Vision", "Objectives", "Strategic areas"]


def titles(content: DocumentContent | None) -> list[str]:
    assert content is not None
    return [heading.title for heading in content.headings]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("strategy.pdf", "pdf"),
        ("strategy-lines.pdf", "pdf"),
        ("strategy.docx", "docx"),
        ("strategy-bold.docx", "docx"),
        ("strategy.odt", "odt"),
    ],
)
def test_each_format_yields_the_strategy_headings_and_its_length(name: str, kind: str) -> None:
    content = sections(DOCUMENTS / name)
    assert content is not None and content.kind == kind
    assert [title for title in titles(content) if title in PARTS] == PARTS
    markdown = sections(ROOT / "examples/nordic-maritime/docs/strategy.md")
    assert markdown is not None
    # the same text, give or take the table's separators and the Markdown emphasis
    assert abs(content.words - markdown.words) <= 5, (content.words, markdown.words)


def test_pdf_headings_come_from_its_bookmarks_with_their_pages() -> None:
    content = sections(DOCUMENTS / "strategy.pdf")
    assert content is not None and content.pages == 4
    found = {heading.title: (heading.level, heading.page) for heading in content.headings}
    assert found["Vision"] == (1, 2)
    assert found["Strategic areas"] == (1, 4)
    assert found["What we will stop doing"] == (2, 4)


def test_a_pdf_without_bookmarks_gives_its_short_lines_with_their_pages() -> None:
    content = sections(DOCUMENTS / "strategy-lines.pdf")
    assert content is not None
    pages = {heading.title: heading.page for heading in content.headings}
    assert (pages["Vision"], pages["Objectives"]) == (2, 3)
    assert all(heading.level is None for heading in content.headings)


def test_docx_headings_by_style_level_and_bold_paragraphs_only_without_styles() -> None:
    styled = sections(DOCUMENTS / "strategy.docx")
    assert styled is not None
    levels = {heading.title: heading.level for heading in styled.headings}
    assert (levels["Vision"], levels["What we will stop doing"]) == (1, 2)
    assert len(styled.headings) == 5  # bold words inside paragraphs are not headings
    bold = sections(DOCUMENTS / "strategy-bold.docx")
    assert titles(bold)[:4] == ["Havbru Maritime Technology Cluster: strategy 2025-2029", *PARTS]


def test_markdown_html_and_text_readers(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><style>h1 {}</style><script>var Vision</script></head><body>"
        "<h1>Our <em>Vision</em></h1><p>Three words here.</p><h2>Ziele &amp; Mittel</h2></body></html>"
    )
    assert [(h.title, h.level) for h in sections(page).headings] == [  # type: ignore[union-attr]
        ("Our Vision", 1),
        ("Ziele & Mittel", 2),
    ]
    notes = tmp_path / "notes.txt"
    notes.write_text("Strategy\n========\n\nVision\n\nWe want to grow, a lot.\nAnd more.\n")
    assert titles(sections(notes)) == ["Strategy", "Vision"]
    markdown = tmp_path / "strategy.md"
    markdown.write_text(
        "Strategie\n=========\n\n## 2.1 Ziele\n\n| a | b |\n|---|---|\n| eins | zwei |\n"
    )
    content = sections(markdown)
    assert titles(content) == ["Strategie", "2.1 Ziele"]
    assert (
        content is not None and content.words == 8
    )  # heading words, numbers and table cells count


def test_own_dates_come_from_each_format_s_properties() -> None:
    for name in ("strategy.pdf", "strategy.docx", "strategy.odt"):
        file = DOCUMENTS / name
        assert own_date(file, identify(file)) == dt.date(2025, 3, 12), name
    survey = ROOT / "examples/agrifood-midlands/docs/umfrage-2023.pdf"
    assert own_date(survey, identify(survey)) == dt.date(2023, 12, 11)
    markdown = ROOT / "examples/nordic-maritime/docs/strategy.md"
    assert own_date(markdown, identify(markdown)) is None


def test_the_format_is_told_by_content_and_a_wrong_name_noticed(tmp_path: Path) -> None:
    renamed = tmp_path / "strategy.docx"
    shutil.copy(DOCUMENTS / "strategy.pdf", renamed)
    identity = identify(renamed)
    assert (identity.kind, identity.named, identity.mismatch) == ("pdf", "docx", True)
    assert titles(read(renamed, identity))[1] == "Vision"
    odt = tmp_path / "strategy.zip"
    shutil.copy(DOCUMENTS / "strategy.odt", odt)
    assert identify(odt).kind == "odt"
    mentions = tmp_path / "notes.md"
    mentions.write_text("# About files\n\nA PDF starts with %PDF-1.7 and then binary data.\n")
    assert identify(mentions).kind == "markdown"
    old_word = tmp_path / "strategy.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    assert identify(old_word).kind is None and "old Office" in identify(old_word).holds


def test_every_reader_is_listed_once_by_suffix() -> None:
    suffixes = [suffix for reader in READERS.values() for suffix in reader.suffixes]
    assert len(suffixes) == len(set(suffixes))
    assert {kind for kind, reader in READERS.items() if reader.binary} == {"pdf", "docx", "odt"}


def test_an_encrypted_pdf_is_refused_as_encrypted() -> None:
    with pytest.raises(DocumentError) as caught:
        sections(DOCUMENTS / "encrypted.pdf")
    assert caught.value.code == "document-encrypted"
    assert "without a password" in caught.value.hint


@pytest.mark.parametrize("share", [0.2, 0.5, 0.95])
def test_a_truncated_pdf_is_refused_as_corrupt(tmp_path: Path, share: float) -> None:
    data = (DOCUMENTS / "strategy.pdf").read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data[: int(len(data) * share)])
    with pytest.raises(DocumentError) as caught:
        sections(broken)
    assert caught.value.code == "document-corrupt"
    assert caught.value.message.startswith("is not a readable PDF file (")


def zip_bomb(path: Path, megabytes: int) -> Path:
    """A DOCX-looking archive whose document part unpacks to ``megabytes`` of zeros."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = bytes(1024 * 1024)
            for _ in range(megabytes):
                part.write(chunk)
    return path


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = zip_bomb(tmp_path / "bomb.docx", limits.MAX_UNPACKED_BYTES // (1024 * 1024) + 1)
    assert bomb.stat().st_size < 1024 * 1024  # small on disk
    started = time.monotonic()
    with pytest.raises(DocumentError) as caught:
        sections(bomb)
    assert caught.value.code == "document-too-large"
    assert "ZIP bomb" in caught.value.message
    assert time.monotonic() - started < 2, "the size is read from the directory, nothing unpacked"


def test_empty_and_oversized_files_are_refused_by_their_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "strategy.pdf"
    empty.touch()
    with pytest.raises(DocumentError) as caught:
        identify(empty)
    assert (caught.value.code, caught.value.message) == (
        "document-empty",
        "is empty (0 bytes), not a PDF file",
    )
    (tmp_path / "empty.md").touch()
    assert identify(tmp_path / "empty.md").kind == "markdown"  # an empty text is still text
    monkeypatch.setattr("clusterkit.facts.readers.MAX_DOCUMENT_BYTES", 1000)
    with pytest.raises(DocumentError) as large:
        identify(DOCUMENTS / "strategy.pdf")
    assert large.value.code == "document-too-large"


def test_a_reader_past_its_time_bound_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLUSTERKIT_NO_CACHE", "1")  # read now, not what an earlier test's read kept
    monkeypatch.setattr(limits, "MAX_SECONDS_PER_DOCUMENT", -1.0)
    monkeypatch.setattr("clusterkit.facts.readers.Deadline", lambda: limits.Deadline(-1.0))
    with pytest.raises(DocumentError) as caught:
        sections(DOCUMENTS / "strategy.pdf")
    assert caught.value.code == "document-timeout"


def _with_part(source: Path, target: Path, name: str, change: str, into: str) -> Path:
    """A copy of an archive with text inserted into one part (after its XML declaration)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for member in original.infolist():
            data = original.read(member.filename)
            if member.filename == name:
                text = data.decode("utf-8")
                declaration_end = text.index("?>") + 2
                text = text[:declaration_end] + change + text[declaration_end:]
                data = text.replace(into[0], into[1], 1).encode("utf-8")
            copy.writestr(member, data)
    return target


def test_docx_xml_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    doctype = f'<!DOCTYPE w:document [<!ENTITY leak SYSTEM "file://{secret}">]>'
    hostile = _with_part(
        DOCUMENTS / "strategy.docx",
        tmp_path / "hostile.docx",
        "word/document.xml",
        doctype,
        (">Vision<", ">Vision &leak;<"),
    )
    content = sections(hostile)  # python-docx's parser leaves the entity unresolved
    assert "Vision" in titles(content)
    assert not any("TOPSECRET" in heading.title for heading in content.headings)


def test_odt_entity_declarations_are_refused(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE office:document-content [<!ENTITY lol "lol">]>'
    hostile = _with_part(
        DOCUMENTS / "strategy.odt",
        tmp_path / "hostile.odt",
        "content.xml",
        doctype,
        (">Vision<", ">Vision &lol;<"),
    )
    with pytest.raises(DocumentError) as caught:
        sections(hostile)
    assert caught.value.code == "document-corrupt"


def test_the_build_script_gives_the_committed_bytes_at_any_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import runpy

    script = runpy.run_path(str(ROOT / "scripts" / "build_documents.py"))
    chosen = [d for d in script["documents"]() if d.path.suffix in (".docx", ".odt", ".pdf")][:3]
    first = [script["WRITERS"][d.path.suffix](d) for d in chosen]
    later = time.localtime(time.time() + 3 * 86400)
    monkeypatch.setattr(time, "localtime", lambda *_: later)
    monkeypatch.setattr(time, "time", lambda: time.mktime(later))
    assert [script["WRITERS"][d.path.suffix](d) for d in chosen] == first
    kinds = {d.path.suffix for d in chosen}
    assert kinds == {".pdf", ".docx", ".odt"}, kinds
    monkeypatch.undo()
    stale = [
        str(document.path.relative_to(ROOT))
        for document in script["documents"]()
        if document.path.read_bytes() != script["WRITERS"][document.path.suffix](document)
    ]
    assert stale == [], "out of date: run `python scripts/build_documents.py` and commit the result"
