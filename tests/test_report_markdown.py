"""The Markdown report parses as GitHub-flavoured Markdown with every table and task intact."""

from __future__ import annotations

import re
from functools import cache

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from clusterkit.render import render, templating
from clusterkit.results.assessment import Assessment
from conftest import EXAMPLE_NAMES
from scoring_support import assess_example

PROFILE_ROWS = 9


@cache
def assessment(name: str) -> Assessment:
    return assess_example(name)


def parser() -> MarkdownIt:
    # CommonMark with GFM tables and raw HTML on, as GitHub and GitLab parse it before sanitising.
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def expected_tables(a: Assessment) -> list[int]:
    """Body rows of each table, in report order, derived from the Assessment alone."""
    # The summary first: a score table per requested pack with areas (areas and the total).
    rows = [len(p.areas) + 1 for p in a.packs if p.requested and p.areas]
    if a.plan:  # the improvement plan opens the annex: one row per item
        rows.append(len(a.plan))
    for pack in sorted(a.packs, key=lambda p: not p.requested):
        rows.append(len(pack.levels))
        if pack.minimum_requirements:
            rows.append(len(pack.minimum_requirements))
        if pack.areas:
            rows.append(len(pack.areas) + 1)
        rows += [len(i.checks) for area in pack.areas for i in area.indicators if i.checks]
    if a.portfolio is not None:
        if a.portfolio.services:
            # one row per service, and the totals row when some service has figures
            rows.append(len(a.portfolio.services) + (a.portfolio.net is not None))
        if a.portfolio.coverage:
            rows.append(len(a.portfolio.coverage))
    return [*rows, PROFILE_ROWS]


def tables(tokens: list[Token]) -> list[tuple[int, list[int]]]:
    """(header cells, cells per body row) of every table."""
    found: list[tuple[int, list[int]]] = []
    header, body, in_body, cells = 0, [], False, 0
    for token in tokens:
        if token.type == "table_open":
            header, body, in_body = 0, [], False
        elif token.type == "tbody_open":
            in_body = True
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            if in_body:
                body.append(cells)
            else:
                header = cells
        elif token.type == "table_close":
            found.append((header, body))
    return found


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_table_is_intact(name: str) -> None:
    a = assessment(name)
    parsed = tables(parser().parse(render(a, "md")))
    assert [len(body) for _, body in parsed] == expected_tables(a)
    for header, body in parsed:
        assert header >= 2 and all(cells == header for cells in body)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_roadmap_is_a_task_list_of_every_step(name: str) -> None:
    a = assessment(name)
    text = render(a, "md")
    tasks = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    expected = sum(len(p.roadmap.steps) + len(p.roadmap.further) for p in a.packs)
    assert len(tasks) == expected
    blocking = sum(step.blocking for p in a.packs for step in p.roadmap.steps)
    assert sum(line.startswith("- [ ] **must fix**") for line in tasks) == blocking


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_markdown_has_no_raw_html_and_links_only_the_website(name: str) -> None:
    a = assessment(name)
    tokens = parser().parse(render(a, "md"))
    inline = [child for token in tokens for child in token.children or []]
    assert not [t for t in tokens + inline if t.type in ("html_block", "html_inline")]
    links = [t.attrs["href"] for t in inline if t.type == "link_open"]
    assert links == ([a.cluster.website] if a.cluster.website else [])


def test_headings_follow_the_contract_order() -> None:
    a = assessment("agrifood-midlands")
    tokens = parser().parse(render(a, "md"))
    headings = [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h3"
    ]
    # The summary's pack headings come first; the annex's pack sections follow.
    assert headings[0] == a.packs[0].title
    headings = headings[headings.index("Verdict per level") :]
    assert headings[:4] == [
        "Verdict per level",
        "Next steps",
        "Minimum requirements",
        "Score per area",
    ]
    assert headings[4].startswith("Area 1 · Structure of the cluster (")


def escape_everything(text: str) -> str:
    """The escaping the reports had before: a backslash before every character that can be markup."""
    return re.sub(r"([\\`*_\[\]<>|~$&])", r"\\\1", text)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_markdown_escapes_only_what_changes_the_rendering(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same rendered HTML as with every markup character escaped, with under 10 % of its backslashes."""
    a = assessment(name)
    lean = render(a, "md")
    templating.environment.cache_clear()
    monkeypatch.setattr(templating, "_escape_active", escape_everything)
    try:
        full = render(a, "md")
    finally:
        templating.environment.cache_clear()
    assert parser().render(lean) == parser().render(full)
    assert full.count("\\") > 20, "the example exercises escaping"
    assert lean.count("\\") < full.count("\\") / 10, (lean.count("\\"), full.count("\\"))
