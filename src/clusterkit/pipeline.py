"""The one module that joins the halves: load and validate the evidence, load the packs, collect facts, assess.

Every command that assesses goes through `load_evidence` and `run` (`survey import` through
`import_survey`). The packs of a run (the requested ones, their prerequisites, and the pack whose
portfolio classes place the services) are loaded once, up front, with their graph checked; the document
facts are collected once, dated (git asked) only when a rule of those packs reads document dates, and
documents read (sections, length) only where a rule reads them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from clusterkit.errors import InputError, Problem, UsageError
from clusterkit.facts.documents import (
    collect,
    document_references,
    outside_repository,
    repository_root,
    with_dates,
    with_sections,
)
from clusterkit.load.validation import validate
from clusterkit.load.yamlfile import YamlDocument, load_file
from clusterkit.models.evidence import Evidence
from clusterkit.models.facts import Facts
from clusterkit.packs.declarations import check_declarations, check_plan, located
from clusterkit.packs.files import bundled_pack_paths, resolve_reference

if TYPE_CHECKING:
    # Imported where they are used: `validate` loads and checks evidence without packs or a scorer,
    # and importing those models and modules was a fifth of its time.
    from clusterkit.models.pack import CriteriaPack
    from clusterkit.models.surveys import SatisfactionSurvey
    from clusterkit.packs.loader import LoadedPack
    from clusterkit.results.assessment import Assessment, DateSource
    from clusterkit.scoring.context import BaselineAssessment
    from clusterkit.scoring.survey import SurveyRun

DEFAULT_PACK = "esca-gold"
PORTFOLIO_PACK = "strategy-process"


class LoadedEvidence(NamedTuple):
    """A validated evidence file with its source (for positions) and document facts.

    The facts say which documents exist, but carry no sections and no change dates: asking git costs
    more than the rest of an assessment, and reading a PDF more, so `run` adds them only where a rule of
    its packs needs them.
    """

    path: Path
    document: YamlDocument
    evidence: Evidence
    facts: Facts


def load_evidence(path: Path, display: str | None = None) -> LoadedEvidence:
    """Load, validate and collect facts for one evidence file; every problem in one InputError."""
    hint = "give the path to your cluster.yaml, run clusterkit in its folder, or start one with `clusterkit init`"
    document = load_file(path, display, missing=hint)
    evidence = validate(Evidence, document)
    facts = collect(evidence, document, path)
    return LoadedEvidence(path, document, evidence, facts)


def pack_references(
    loaded: LoadedEvidence, criteria: Sequence[str]
) -> tuple[list[str], Path | None]:
    """Packs from the command line (relative to the working directory) or the evidence (relative to it)."""
    if criteria:
        return list(criteria), None
    references = list(loaded.evidence.criteria or [DEFAULT_PACK])
    check_named_packs(loaded)
    return references, loaded.path.parent


def check_named_packs(loaded: LoadedEvidence) -> None:
    """A pack the evidence file names must be a bundled id or a file inside its repository (as documents
    must: a pull request may change cluster.yaml, and `/etc/passwd` must not be read as a pack); an error
    at its line in that file otherwise. A path given with --criteria is the user's own choice."""
    problems = []
    base = loaded.path.resolve().parent
    root = repository_root(base)
    for index, reference in enumerate(loaded.evidence.criteria or ()):
        outside = (
            "" if reference in bundled_pack_paths() else outside_repository(reference, base, root)
        )
        found, code = False, "path-outside"
        message, hint = (
            outside,
            "name packs inside the evidence file's repository, or pass --criteria",
        )
        if not outside:
            code, message = (
                "unknown-pack",
                f"no criteria pack `{reference}`: not a bundled pack id and no such file",
            )
            try:
                found = resolve_reference(reference, loaded.path.parent).is_file()
                hint = "a path is read relative to the evidence file"
            except InputError as error:
                hint = error.problems[0].hint
        if not found:
            where = ("criteria", index)
            problems.append(located(loaded.document, where, message, code, hint))
    if problems:
        raise InputError(problems)


def missing_documents(loaded: LoadedEvidence) -> list[Problem]:
    """A problem at the line of each document the evidence names that does not exist."""
    problems = []
    for where, reference in document_references(loaded.evidence):
        fact = loaded.facts.documents.get(str(reference))
        if fact is None or fact.exists:
            continue
        position = loaded.document.locate(where)
        problems.append(
            Problem(
                loaded.document.path,
                position.line,
                position.column,
                f"document `{reference}` does not exist",
                "missing-document",
                ".".join(str(part) for part in where),
                "its checks will be unmet until it is written; the path is relative to the evidence file",
            )
        )
    return problems


def assessment_date(
    option: dt.date | None, evidence: Evidence, clock: Callable[[], dt.date]
) -> tuple[dt.date, DateSource]:
    """--today, else the evidence's assessment_date, else the clock (the caller prints it)."""
    if option is not None:
        return option, "option"
    if evidence.assessment_date is not None:
        return evidence.assessment_date, "evidence"
    return clock(), "clock"


def targets(
    packs: Sequence[CriteriaPack], requested: Sequence[str], levels: Sequence[str]
) -> dict[str, str]:
    """Target level per requested pack from --level values: LEVEL (every pack that has it) or PACK=LEVEL;
    a level may be given by its short name (`silver`)."""
    chosen: dict[str, str] = {}
    by_id = {pack.id: pack for pack in packs if pack.id in requested}
    for value in levels:
        pack_id, _, level = value.rpartition("=")
        candidates = (
            [by_id[pack_id]] if pack_id in by_id else list(by_id.values()) if not pack_id else []
        )
        matching = [
            (pack.id, found.id) for pack in candidates if (found := pack.level_named(level))
        ]
        if not matching:
            known = sorted({f"{p.id}={lv.id}" for p in by_id.values() for lv in p.levels})
            raise UsageError(
                f"no requested criteria pack has the level `{value}`; known: {', '.join(known)}"
            )
        chosen.update(matching)
    return chosen


class PackSet(NamedTuple):
    """The packs of one run, each loaded once: the requested ones, then the packs their levels need."""

    loaded: list[LoadedPack]
    requested: list[str]  # the ids asked for, in order; the others are prerequisites
    portfolio: CriteriaPack | None  # whose portfolio classes place the services

    @property
    def packs(self) -> list[CriteriaPack]:
        return [item.pack for item in self.loaded]


def load_packs(
    references: Sequence[str], relative_to: Path | None = None, language: str = "en"
) -> PackSet:
    """Load the requested packs with their prerequisites (graph checked) and the portfolio's pack,
    with their texts in ``language`` where a wording file beside a pack gives them."""
    from clusterkit.packs.loader import load_pack, load_with_prerequisites
    from clusterkit.packs.wording import translated

    # Packs an evidence file names (relative_to set) stay in its repository, with all they extend.
    root = repository_root(relative_to) if relative_to is not None else None
    loaded = [
        item._replace(pack=translated(item.pack, item.path, language, root))
        for item in load_with_prerequisites(list(references), relative_to, root)
    ]
    requested = [item.pack.id for item in loaded[: len(set(references))]]
    portfolio = next((item.pack for item in loaded if item.pack.portfolio is not None), None)
    if portfolio is None:
        bundled = load_pack(PORTFOLIO_PACK)
        portfolio = translated(bundled.pack, bundled.path, language)
    return PackSet(loaded, requested, portfolio)


def run(
    loaded: LoadedEvidence,
    *,
    criteria: Sequence[str] = (),
    levels: Sequence[str] = (),
    today: dt.date | None = None,
    clock: Callable[[], dt.date] = dt.date.today,
    packs: PackSet | None = None,
    positions: bool = True,
    language: str = "en",
    baseline: BaselineAssessment | None = None,
    points_plan: bool = True,
    details: bool = True,
) -> Assessment:
    """Assess one loaded evidence file against its packs (and their prerequisites).

    ``packs`` are packs loaded already (a run over many files loads them once); else the packs that
    ``criteria`` or the evidence file names are loaded here, in ``language``. ``baseline`` is an
    earlier assessment (a revision's or a snapshot) that improvement conditions measure progress against.
    A portfolio asks for no ``positions``, no least-effort ``points_plan`` and no ``details`` (the
    service portfolio, questions, unknowns, warnings): its rows read none of them.
    """
    from clusterkit.load.positions import with_positions
    from clusterkit.scoring.engine import assess
    from clusterkit.scoring.warnings import reads_document_contents, reads_document_dates

    if packs is None:
        references, relative_to = pack_references(loaded, criteria)
        packs = load_packs(references, relative_to, language)
    if not criteria:  # with --criteria, the file's declarations may be for its own packs, not these
        check_declarations(loaded.evidence, loaded.document, packs.packs)
        check_plan(loaded.evidence, loaded.document, packs.packs)
    date, source = assessment_date(today, loaded.evidence, clock)
    facts = loaded.facts
    if reads_document_dates(packs.packs):
        facts = with_dates(facts, loaded.path)
    contents = reads_document_contents(packs.packs)
    if contents:
        facts = with_sections(facts, loaded.evidence, loaded.document, loaded.path, contents)
    assessment = assess(
        packs.packs,
        loaded.evidence,
        facts,
        date,
        evidence_file=loaded.document.path,
        date_source=source,
        requested=packs.requested,
        targets=targets(packs.packs, packs.requested, levels),
        portfolio=packs.portfolio,
        baseline=baseline,
        points_plan=points_plan,
        details=details,
    )
    # A portfolio reads no positions (they point into one file's lines); skipping them saves 7 % a file.
    return with_positions(assessment, loaded.document) if positions else assessment


def import_survey(
    results: Path,
    mapping_file: Path | None,
    run: SurveyRun,
    *,
    criteria: Sequence[str] = (),
    into: LoadedEvidence | None = None,
) -> SatisfactionSurvey:
    """Read a survey export (and its mapping) and summarise it on the portfolio pack's survey scale.

    ``into`` is the evidence file the summary is for: its packs give the scale, and a rated service
    missing from its services is an error.
    """
    from clusterkit.facts.survey_files import read_mapping, read_table
    from clusterkit.scoring.survey import summarise

    table = read_table(results)
    mapping, locate = None, None
    if mapping_file is not None:
        mapping, document = read_mapping(mapping_file)

        def locate(path: tuple[str | int, ...]) -> tuple[str, int, int]:
            position = document.locate(path)
            return document.path, position.line, position.column

    if into is not None:
        packs = load_packs(*pack_references(into, criteria))
    else:
        packs = load_packs(list(criteria) or [PORTFOLIO_PACK])
    pack = packs.portfolio
    scale = pack.portfolio.survey_scale if pack and pack.portfolio else None
    if pack is None or scale is None:
        name = pack.id if pack else "no pack"
        raise UsageError(f"criteria pack {name} sets no portfolio.survey_scale to read answers by")
    names = [service.name for service in into.evidence.services or ()] if into else None
    return summarise(table, mapping, scale, run, locate=locate, services=names)
