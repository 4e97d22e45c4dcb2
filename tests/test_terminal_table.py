"""The terminal summary written by hand is byte for byte what rich draws, and rich takes over where it must."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from clusterkit.cli import table
from clusterkit.cli.terminal import NeedsRich, PlainWriter, RichWriter
from clusterkit.pipeline import load_evidence, run
from clusterkit.results.assessment import Assessment
from conftest import EXAMPLE_NAMES, EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from portfolio_corpus import generate

WIDTHS = (60, 80, 100, 120)


def _assessed(path: Path, levels: tuple[str, ...] = ()) -> Assessment:
    # shown as a user names it (a temporary folder's path would make the date line wrap)
    shown = f"{path.parent.name}/{path.name}"
    return run(load_evidence(path, shown), levels=levels, today=dt.date(2026, 11, 1))


def _both(assessment: Assessment, width: int) -> tuple[str | None, str]:
    """The plain writer's text (None where it hands over to rich) and rich's, without colour."""
    try:
        plain: str | None = table.draw(assessment, PlainWriter(width))
    except NeedsRich:
        plain = None
    return plain, table.draw(assessment, RichWriter(width, color=False))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Assessment]:
    folder = tmp_path_factory.mktemp("corpus")
    assessments = [_assessed(path) for path in generate(folder, 24)]
    assessments += [_assessed(EXAMPLES / name / "cluster.yaml") for name in EXAMPLE_NAMES]
    assessments += [
        _assessed(EXAMPLES / name / "cluster.yaml", ("bronze",)) for name in EXAMPLE_NAMES
    ]
    return assessments


def test_the_plain_summary_is_what_rich_draws(corpus: list[Assessment]) -> None:
    drawn_by_hand = 0
    for assessment in corpus:
        for width in WIDTHS:
            plain, rich = _both(assessment, width)
            if plain is not None:
                assert plain == rich, (assessment.cluster.name, width)
                drawn_by_hand += 1
    # at the width of a pipe (100) every example and generated file is drawn by hand
    assert drawn_by_hand >= len(corpus)
    for assessment in corpus:
        assert _both(assessment, 100)[0] is not None, assessment.cluster.name


@pytest.mark.parametrize(
    "name",
    [
        "A cluster with a name so long that the first line of the summary has to wrap at the edge of a terminal",
        "Tab\tcluster",
        "Control\x1b[31m cluster",
        "雪花 Cluster 株式会社 😀",
        "  spaced  ",
    ],
)
def test_awkward_text_is_drawn_as_rich_draws_it(corpus: list[Assessment], name: str) -> None:
    base = corpus[-1]
    cluster = base.cluster.model_copy(update={"name": name})
    first = base.packs[0]
    area = first.areas[0].model_copy(update={"title": name})
    pack = first.model_copy(update={"title": name, "areas": [area, *first.areas[1:]]})
    assessment = base.model_copy(update={"cluster": cluster, "packs": [pack, *base.packs[1:]]})
    for width in WIDTHS:
        plain, rich = _both(assessment, width)
        assert plain is None or plain == rich, width
        assert table.render(assessment, table.RenderOptions(color=False, width=width)) == rich


def test_colour_is_drawn_by_rich(corpus: list[Assessment]) -> None:
    coloured = table.render(corpus[-1], table.RenderOptions(color=True, width=100))
    assert "\x1b[" in coloured
    assert coloured == table.draw(corpus[-1], RichWriter(100, color=True))
