"""The strict loader composes nodes from the events it checks: the same nodes PyYAML's composer makes."""

from __future__ import annotations

import pathlib
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterkit.load import scalars
from clusterkit.load.limits import scan

ROOT = pathlib.Path(__file__).resolve().parents[1]
PARSERS = {"libyaml": scalars.LOADER, "pure": scalars.PURE_LOADER}
FILES = sorted([*ROOT.glob("examples/*/*.yaml"), *ROOT.glob("criteria/*.yaml")])


def shape(node: yaml.Node, seen: dict[int, int] | None = None) -> Any:
    """Everything the builder reads of a node graph, with shared (aliased) nodes marked as such."""
    seen = {} if seen is None else seen
    marks = [(m.line, m.column, m.index) for m in (node.start_mark, node.end_mark)]
    if id(node) in seen:
        return ("alias-of", seen[id(node)])
    seen[id(node)] = len(seen)
    head = (type(node).__name__, node.tag, marks, getattr(node, "style", None))
    if isinstance(node, yaml.MappingNode):
        return (*head, [(shape(k, seen), shape(v, seen)) for k, v in node.value])
    if isinstance(node, yaml.SequenceNode):
        return (*head, [shape(item, seen) for item in node.value])
    return (*head, node.value)


def pyyaml_node(loader: Any, text: str) -> yaml.Node:
    source = loader(text)
    try:
        node = source.get_single_node()
    finally:
        source.dispose()
    assert node is not None
    return node


def assert_same_nodes(text: str, parser: str) -> None:
    problems, node = scan(PARSERS[parser], text, "f.yaml")
    assert problems == []
    assert node is not None
    assert shape(node) == shape(pyyaml_node(PARSERS[parser], text))


@pytest.mark.parametrize("parser", sorted(PARSERS))
@pytest.mark.parametrize("file", FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_bundled_packs_and_examples_compose_as_pyyaml_does(file: pathlib.Path, parser: str) -> None:
    assert_same_nodes(file.read_text(encoding="utf-8"), parser)


@pytest.mark.parametrize("parser", sorted(PARSERS))
@pytest.mark.parametrize(
    "text",
    [
        "a: &x {b: 1, c: [2, '3']}\nd: *x\ne:\n  <<: *x\n  f: !!str 4\n",
        "- &s text\n- *s\n- ! 12\n- !!int '7'\n- ~\n- ''\n- |\n  block\n- >-\n  folded\n",
        "? [complex, key]\n: value\n? {k: v}\n: other\n",
        "empty: {}\nnone: []\nnested: [[[]], {a: [{}]}]\n",
        "<<: &base {x: 1}\ny: *base\n",
    ],
)
def test_anchors_tags_styles_and_complex_keys_compose_as_pyyaml_does(
    text: str, parser: str
) -> None:
    assert_same_nodes(text, parser)


_DATA = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.dictionaries(st.text(max_size=5), _DATA, max_size=5), flow=st.booleans())
def test_any_dumped_mapping_composes_as_pyyaml_does(data: dict[str, Any], flow: bool) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    for parser in PARSERS:
        assert_same_nodes(text, parser)
