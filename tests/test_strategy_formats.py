"""The mature example with its strategy as PDF, Word or OpenDocument, in German or French, or mapped headings.

Each variant must give the verdicts and score the Markdown strategy gives; broken documents are input errors
at the evidence line that names them (exit 2, never 3); dates come from a document's own metadata where git
does not know it; the readers' libraries are imported only when a rule reads such a document.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from clusterkit.facts.documents import with_dates
from clusterkit.pipeline import load_evidence, run
from clusterkit.results.assessment import Assessment

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = Path(__file__).resolve().parent / "data" / "documents"
MATURE = ROOT / "examples" / "nordic-maritime"
MIDDLE = ROOT / "examples" / "agrifood-midlands"
DOCUMENT_LINE = "  document: docs/strategy.md"


def mature_copy(tmp_path: Path, strategy: Path | None = None, extra: str = "") -> Path:
    """A copy of the mature example (outside git) whose strategy.document names ``strategy``."""
    folder = tmp_path / "cluster"
    shutil.copytree(MATURE, folder)
    evidence = folder / "cluster.yaml"
    text = evidence.read_text(encoding="utf-8")
    assert text.count(DOCUMENT_LINE) == 1
    if strategy is not None:
        shutil.copy(strategy, folder / "docs" / strategy.name)
        text = text.replace(DOCUMENT_LINE, f"  document: docs/{strategy.name}")
    evidence.write_text(text + extra, encoding="utf-8")
    return evidence


def assess(evidence: Path) -> Assessment:
    return run(load_evidence(evidence))


def verdicts(assessment: Assessment) -> dict[str, Any]:
    """What must not change with the strategy's format: levels, score and every indicator's status."""
    return {
        pack.pack: (
            [(level.id, level.reached) for level in pack.levels],
            pack.score,
            [(i.id, i.status, i.points) for area in pack.areas for i in area.indicators],
        )
        for pack in assessment.packs
    }


def strategy_check(assessment: Assessment) -> Any:
    gold = next(pack for pack in assessment.packs if pack.pack == "esca-gold")
    checks = {c.id: c for area in gold.areas for i in area.indicators for c in i.checks}
    return checks["strategy-document"]


@pytest.fixture(scope="module")
def markdown_verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return verdicts(assess(mature_copy(tmp_path_factory.mktemp("markdown"))))


@pytest.mark.parametrize(
    "name",
    [
        "strategy.pdf",
        "strategy.docx",
        "strategy.odt",
        "strategy-lines.pdf",
        "strategy-bold.docx",
    ],
)
def test_the_strategy_in_each_format_scores_as_the_markdown(
    tmp_path: Path, name: str, markdown_verdicts: dict[str, Any]
) -> None:
    assessment = assess(mature_copy(tmp_path, DOCUMENTS / name))
    assert verdicts(assessment) == markdown_verdicts
    assert strategy_check(assessment).status == "met"


def test_the_observed_value_names_each_heading_and_its_page(tmp_path: Path) -> None:
    check = strategy_check(assess(mature_copy(tmp_path, DOCUMENTS / "strategy.pdf")))
    assert check.observed == (
        "docs/strategy.pdf: “Vision” (page 2), “Objectives” (page 3), “Strategic areas” (page 4)"
    )


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("strategie-de.docx", "de"),
        ("strategie-de.pdf", None),
        ("strategie-fr.odt", "fr"),
        ("strategie-fr.odt", None),
    ],
)
def test_german_and_french_headings_score_as_the_english(
    tmp_path: Path, name: str, language: str | None, markdown_verdicts: dict[str, Any]
) -> None:
    evidence = mature_copy(tmp_path, DOCUMENTS / name)
    if language:
        text = evidence.read_text(encoding="utf-8")
        evidence.write_text(
            text.replace("\ncluster:\n", f"\ncluster:\n  language: {language}\n", 1),
            encoding="utf-8",
        )
    assessment = assess(evidence)
    assert verdicts(assessment) == markdown_verdicts
    check = strategy_check(assessment)
    if language == "de":
        assert "“Leitbild”, “Ziele”, “Handlungsfelder”" in check.expected
        assert check.observed.endswith("“1. Leitbild”, “2. Ziele”, “3. Handlungsfelder”")
    if language == "fr":
        assert "“Vision”, “Objectifs”, “Axes stratégiques”" in check.expected


def test_a_german_markdown_strategy_scores_as_the_english(
    tmp_path: Path, markdown_verdicts: dict[str, Any]
) -> None:
    source = tmp_path / "strategie.md"
    text = (MATURE / "docs" / "strategy.md").read_text(encoding="utf-8")
    for english, german in [
        ("# Vision", "# Unser Leitbild"),
        ("# Objectives", "# 2. Ziele:"),
        ("# Strategic areas", "# III. Strategische Handlungsfelder"),
    ]:
        text = text.replace(f"\n{english}\n", f"\n{german}\n")
    source.write_text(text, encoding="utf-8")
    assert verdicts(assess(mature_copy(tmp_path, source))) == markdown_verdicts


def test_a_heading_no_pack_lists_counts_once_mapped_in_sections(
    tmp_path: Path, markdown_verdicts: dict[str, Any]
) -> None:
    name = DOCUMENTS / "strategie-eigene.pdf"
    unmapped = strategy_check(assess(mature_copy(tmp_path / "unmapped", name)))
    assert unmapped.status == "partial"
    assert "has no heading “Vision”" in unmapped.reason
    assert "map your own heading in `sections:`" in unmapped.reason
    mapped = mature_copy(tmp_path / "mapped", name, '\nsections:\n  vision: "Wohin wir wollen"\n')
    assessment = assess(mapped)
    assert verdicts(assessment) == markdown_verdicts
    assert "“Wohin wir wollen” (page 2)" in strategy_check(assessment).observed
    assert not [warning for warning in assessment.warnings if warning.startswith("sections:")]
    typo = mature_copy(tmp_path / "typo", name, '\nsections:\n  visoin: "Wohin wir wollen"\n')
    assessment = assess(typo)
    assert strategy_check(assessment).status == "partial"
    assert (
        "sections: `visoin` is not a section the assessed packs require (they require: objectives, "
        "opportunities, strategic-areas, strengths, threats, vision, weaknesses); it is not used"
    ) in assessment.warnings


def document_line(evidence: Path, name: str) -> int:
    lines = evidence.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line == f"  document: docs/{name}")


def broken(tmp_path: Path, kind: str) -> Path:
    """A broken strategy document of one kind, in a folder of its own."""
    folder = tmp_path / "broken"
    folder.mkdir()
    if kind == "encrypted":
        return Path(shutil.copy(DOCUMENTS / "encrypted.pdf", folder / "strategy.pdf"))
    if kind == "corrupt":
        data = (DOCUMENTS / "strategy.pdf").read_bytes()
        (folder / "strategy.pdf").write_bytes(data[: len(data) // 2])
        return folder / "strategy.pdf"
    if kind == "empty":
        (folder / "strategy.pdf").touch()
        return folder / "strategy.pdf"
    if kind in ("truncated-docx", "truncated-odt"):
        suffix = kind.rpartition("-")[2]
        data = (DOCUMENTS / f"strategy.{suffix}").read_bytes()
        (folder / f"strategy.{suffix}").write_bytes(data[: len(data) // 2])
        return folder / f"strategy.{suffix}"
    bomb = folder / "strategy.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(201):
                part.write(bytes(1024 * 1024))
    return bomb


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("encrypted", "`docs/strategy.pdf` is an encrypted (password-protected) PDF"),
        ("corrupt", "`docs/strategy.pdf` is not a readable PDF file ("),
        ("empty", "`docs/strategy.pdf` is empty (0 bytes), not a PDF file"),
        ("zip-bomb", "`docs/strategy.docx` would unpack to 201 MiB"),
        ("truncated-docx", "`docs/strategy.docx` is a damaged ZIP archive, not a Word (DOCX) file"),
        (
            "truncated-odt",
            "`docs/strategy.odt` is a damaged ZIP archive, not an OpenDocument text (ODT) file",
        ),
    ],
)
@pytest.mark.parametrize("command", ["assess", "report", "check"])
def test_a_broken_document_is_an_input_error_at_its_evidence_line(
    tmp_path: Path, cli, kind: str, message: str, command: str
) -> None:
    document = broken(tmp_path, kind)
    evidence = mature_copy(tmp_path, document)
    result = cli(command, evidence)
    assert result.code == 2, result
    line = document_line(evidence, document.name)
    assert f"cluster.yaml:{line}:13: error: strategy.document: {message}" in result.stderr, result
    assert "Traceback" not in result.stderr + result.stdout


def test_a_pdf_named_docx_is_read_as_a_pdf_with_a_warning_at_its_line(
    tmp_path: Path, cli, markdown_verdicts: dict[str, Any]
) -> None:
    renamed = tmp_path / "strategy.docx"
    shutil.copy(DOCUMENTS / "strategy.pdf", renamed)
    evidence = mature_copy(tmp_path, renamed)
    assessment = assess(evidence)
    assert verdicts(assessment) == markdown_verdicts
    line = document_line(evidence, "strategy.docx")
    warning = (
        f"{evidence}:{line}:13: strategy.document: `docs/strategy.docx` is a PDF file, not Word (DOCX) "
        "as its name says: read as PDF; rename it to end in .pdf"
    )
    assert warning in assessment.warnings
    result = cli("assess", evidence)
    assert result.code == 0, result
    assert "is a PDF file, not Word (DOCX)" in result.stdout
    validated = cli("validate", evidence)
    assert validated.code == 0, validated
    assert f"warning: {evidence}:{line}:13: strategy.document:" in validated.stderr


def test_without_git_a_document_is_dated_by_its_own_metadata_not_its_file_time(
    tmp_path: Path,
) -> None:
    evidence = mature_copy(tmp_path, DOCUMENTS / "strategy.odt")
    november = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC).timestamp()
    for file in (evidence.parent / "docs").iterdir():
        os.utime(file, (november, november))
    loaded = load_evidence(evidence)
    facts = with_dates(loaded.facts, loaded.path)
    strategy = facts.document("docs/strategy.odt")
    assert strategy is not None
    assert (strategy.last_changed, strategy.date_source) == (dt.date(2025, 3, 12), "metadata")
    swot = facts.document("docs/swot.md")  # Markdown has no date of its own: the file time, said so
    assert swot is not None
    assert (swot.last_changed, swot.date_source) == (dt.date(2026, 11, 20), "mtime")
    file_dates = facts.date_warnings[-1]
    assert "file dates (which a copy or checkout resets) are used for" in file_dates
    assert "docs/swot.md" in file_dates and "docs/strategy.odt" not in file_dates


PROBE = """
import sys
from pathlib import Path
{body}
print("LOADED=" + ",".join(m for m in ("pypdf", "docx", "odf", "lxml") if m in sys.modules))
"""


def loaded_libraries(body: str) -> str:
    # without the cache of document contents, which would spare a library the documents it read before
    env = {**os.environ, "CLUSTERKIT_NO_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(body=body)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=env,
    )
    assert "LOADED=" in done.stdout, done.stderr
    return done.stdout.rsplit("LOADED=", 1)[1].strip()


def test_help_and_validate_load_no_document_library() -> None:
    help_only = (
        "sys.argv = ['clusterkit', '--help']\nfrom clusterkit.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    assert loaded_libraries(help_only) == ""
    validate = (
        "sys.argv = ['clusterkit', 'validate', 'examples/agrifood-midlands/cluster.yaml']\n"
        "from clusterkit.cli import main\n"
        "try:\n    main()\nexcept SystemExit as done:\n    assert done.code == 0, done.code"
    )
    assert loaded_libraries(validate) == ""


def test_assess_reads_only_the_documents_a_rule_reads_the_sections_of() -> None:
    # the middle example's strategy is a Word file (its sections are read), its survey report a PDF that
    # no rule reads more of than its existence: python-docx is loaded, pypdf is not
    body = (
        "from clusterkit.pipeline import load_evidence, run\n"
        "run(load_evidence(Path('examples/agrifood-midlands/cluster.yaml')))"
    )
    assert loaded_libraries(body) == "docx,lxml"
