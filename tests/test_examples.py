"""The bundled examples: valid, their documents present, scored as their hand-written expected.yaml says."""

from __future__ import annotations

import pytest

from clusterkit.load.yamlfile import load_file
from clusterkit.render import render
from conftest import EXAMPLE_NAMES, EXAMPLES
from scoring_support import assess_example, example


def test_there_are_three_examples() -> None:
    assert EXAMPLE_NAMES == ["agrifood-midlands", "hydrogen-start", "nordic-maritime"]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_validates_and_every_document_it_names_exists(name: str) -> None:
    loaded = example(name)
    missing = [fact.path for fact in loaded.facts.documents.values() if not fact.exists]
    assert loaded.facts.documents, "an example should name its documents"
    assert missing == []


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_scores_as_expected(name: str) -> None:
    expected = load_file(EXAMPLES / name / "expected.yaml").data
    assessment = assess_example(name, criteria=list(expected["packs"]))
    assert str(assessment.assessment_date) == expected["assessment_date"]
    by_pack = {item.pack: item for item in assessment.packs}
    for pack_id, wanted in expected["packs"].items():
        result = by_pack[pack_id]
        levels = {
            level.id: "reached" if level.reached else "not_reached" for level in result.levels
        }
        assert levels == wanted["levels"], pack_id
        if "score" in wanted:
            assert wanted["score"]["min"] <= (result.score or 0) <= wanted["score"]["max"], (
                pack_id,
                result.score,
            )
        indicators = {item.id: item for area in result.areas for item in area.indicators}
        failing = {
            i: item.status for i, item in indicators.items() if item.status in ("partial", "unmet")
        }
        wanted_failing = {
            entry["indicator"]: entry.get("status") for entry in wanted.get("failing") or []
        }
        assert sorted(failing) == sorted(wanted_failing), pack_id
        for indicator_id, status in wanted_failing.items():
            assert status in (None, failing[indicator_id]), (
                pack_id,
                indicator_id,
                failing[indicator_id],
            )
        wanted_unknown = sorted(entry["indicator"] for entry in wanted.get("unknown") or [])
        assert sorted(result.unknown) == wanted_unknown, pack_id
    plan = [(item.fixes, item.state) for item in assessment.plan]
    assert plan == [(entry["fixes"], entry["state"]) for entry in expected.get("plan") or []]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_assessment_json_is_golden(name: str, golden) -> None:
    first = render(assess_example(name), "json")
    assert render(assess_example(name), "json") == first, "two runs gave different bytes"
    golden(f"{name}.assessment.json", first)
