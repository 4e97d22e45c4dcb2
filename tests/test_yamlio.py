"""The strict YAML loader: how scalars are typed, where things are, and every refusal with its position."""

from __future__ import annotations

import math
import pathlib
import time
import tracemalloc
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterkit.errors import InputError, Problem
from clusterkit.load import scalars as yamlio_schema
from clusterkit.load import yamlfile as yamlio
from clusterkit.load.yamlfile import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_NODES,
    Position,
    load_file,
    load_text,
)
from clusterkit.models.base import WrittenFloat

PARSERS = {"libyaml": yamlio_schema.LOADER, "pure": yamlio_schema.PURE_LOADER}


@pytest.fixture(autouse=True, params=sorted(PARSERS))
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs on libyaml (when PyYAML has it) and on the pure-Python parser."""
    monkeypatch.setattr(yamlio, "LOADER", PARSERS[request.param])
    return str(request.param)


# A bound against hanging or building what the input describes, not a timing: these refusals take
# milliseconds on an idle machine; the memory bounds are what these tests measure.
HANG_SECONDS = 30.0


def problems_of(source: str | bytes, path: str = "cluster.yaml") -> tuple[Problem, ...]:
    with pytest.raises(InputError) as caught:
        load_text(source, path)
    return caught.value.problems


def where(source: str | bytes) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in problems_of(source)]


# --- scalars -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # YAML 1.1 booleans are text: Norway, answers, switches.
        ("NO", "NO"),
        ("no", "no"),
        ("yes", "yes"),
        ("Yes", "Yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("n", "n"),
        # Only true/false, in any case, are booleans.
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        # No octal, hex, sexagesimal or underscores: postcodes and times stay as written.
        ("0150", "0150"),
        ("-0150", "-0150"),
        ("0x1F", "0x1F"),
        ("0o17", "0o17"),
        ("12:30", "12:30"),
        ("1_000", "1_000"),
        # Dates are left to the models, including impossible ones.
        ("2026-10-01", "2026-10-01"),
        ("2026-02-30", "2026-02-30"),
        ("2026-10-01T10:00:00Z", "2026-10-01T10:00:00Z"),
        # Numbers.
        ("0", 0),
        ("-3", -3),
        ("+7", 7),
        ("2.5", 2.5),
        ("-1.5e-2", -0.015),
        ("1e3", 1000.0),
        (".5", 0.5),
        ("3.", 3.0),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        ("+.INF", math.inf),
        # Nulls.
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("~", None),
        ("", None),
        # Quoted scalars and explicit core tags.
        ("'123'", "123"),
        ('"true"', "true"),
        ("'0150'", "0150"),
        ("!!str 123", "123"),
        ("!!str yes", "yes"),
        ("!!int 0150", 150),
        ("!!float 3", 3.0),
        ("!!bool TRUE", True),
        ("!!null ~", None),
        ("plain text", "plain text"),
    ],
)
def test_plain_scalars_follow_the_strict_core_schema(written: str, expected: Any) -> None:
    value = load_text(f"value: {written}\n", "f.yaml").data["value"]
    assert value == expected
    # Floats keep their written text (so money fields can refuse `250.000`); they are floats all the same.
    shown_type = float if isinstance(value, WrittenFloat) else type(value)
    assert shown_type is type(expected)
    if isinstance(value, WrittenFloat):
        assert value.written == written.removeprefix("!!float ")


@pytest.mark.parametrize("written", [".nan", ".NaN", ".NAN"])
def test_nan_is_kept_as_a_float_for_the_models_to_reject(written: str) -> None:
    value = load_text(f"value: {written}\n", "f.yaml").data["value"]
    assert isinstance(value, float)
    assert math.isnan(value)


def test_keys_are_the_source_text() -> None:
    text = "4.2: a\n4.10: b\n2025: c\ntrue: d\nNO: e\n~: f\n'x y': g\n0150: h\n"
    data = load_text(text, "f.yaml").data
    assert list(data) == ["4.2", "4.10", "2025", "true", "NO", "~", "x y", "0150"]


def test_a_realistic_file_loads() -> None:
    text = (
        "\ufeff---\n"
        "# evidence\n"
        "name: Nordic Cluster\n"
        "country: NO\n"
        "address: {postcode: 0150, city: Oslo}\n"
        "participants:\n"
        "  by_type:\n"
        "    smes: 42\n"
        "    large: 3\n"
        "services:\n"
        "  - name: Matchmaking\n"
        "    since: 2024-03-01\n"
        "  - name: Training\n"
        "    applied: true\n"
    )
    assert load_text(text, "f.yaml").data == {
        "name": "Nordic Cluster",
        "country": "NO",
        "address": {"postcode": "0150", "city": "Oslo"},
        "participants": {"by_type": {"smes": 42, "large": 3}},
        "services": [
            {"name": "Matchmaking", "since": "2024-03-01"},
            {"name": "Training", "applied": True},
        ],
    }


def test_merge_keys_fill_in_what_the_mapping_does_not_set() -> None:
    text = (
        "base: &base {x: 1, y: 2}\nmore: &more {y: 9, z: 3}\nitem:\n  <<: [*base, *more]\n  x: 5\n"
    )
    document = load_text(text, "f.yaml")
    # Own keys win, then earlier merged mappings over later ones.
    assert document.data["item"] == {"x": 5, "y": 2, "z": 3}
    assert document.key_positions["item", "x"] == Position(5, 3)
    assert document.key_positions["item", "y"] == Position(1, 20)  # where it is written, in base
    assert document.key_positions["item", "z"] == Position(2, 20)


# --- positions ------------------------------------------------------------------------------------

POSITIONED = (
    "name: Cluster\n"  # 1
    "participants:\n"  # 2
    "  by_type:\n"  # 3
    "    smes: 42\n"  # 4
    "services:\n"  # 5
    "  - name: Matchmaking\n"  # 6
    "    tags: [a, b]\n"  # 7
    "  - name: Training\n"  # 8
)


def test_positions_of_nested_keys_values_and_list_items() -> None:
    document = load_text(POSITIONED, "f.yaml")
    values, keys = document.value_positions, document.key_positions
    assert values[()] == Position(1, 1)
    assert values["name",] == Position(1, 7)
    assert keys["participants", "by_type", "smes"] == Position(4, 5)
    assert values["participants", "by_type", "smes"] == Position(4, 11)
    assert values["participants", "by_type"] == Position(4, 5)
    assert values["services", 0] == Position(6, 5)
    assert values["services", 1] == Position(8, 5)
    assert keys["services", 1, "name"] == Position(8, 5)
    assert values["services", 1, "name"] == Position(8, 11)
    assert values["services", 0, "tags", 1] == Position(7, 15)
    assert ("services", 0) not in keys  # list items have no key
    assert () not in keys


def test_every_node_has_a_value_position() -> None:
    document = load_text(POSITIONED, "f.yaml")
    paths: set[tuple[str | int, ...]] = set()

    def walk(value: Any, path: tuple[str | int, ...]) -> None:
        paths.add(path)
        if isinstance(value, dict):
            for key, child in value.items():
                walk(child, (*path, key))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                walk(child, (*path, index))

    walk(document.data, ())
    assert paths == set(document.value_positions)


def test_locate_falls_back_to_the_parent_mapping_value() -> None:
    document = load_text(POSITIONED, "f.yaml")
    # A missing field is reported where its mapping starts.
    assert document.locate(("participants", "by_type", "missing")) == Position(4, 5)
    assert document.locate(("services", 1, "applied")) == Position(8, 5)
    assert document.locate(("services", 7, "name")) == Position(6, 3)
    assert document.locate(("nothing", "here")) == Position(1, 1)
    assert document.locate(("name",)) == Position(1, 7)
    assert document.locate(("name",), prefer_key=True) == Position(1, 1)
    # No key for a list item: prefer_key falls back to the value.
    assert document.locate(("services", 1), prefer_key=True) == Position(8, 5)


def test_a_value_reached_through_an_alias_is_located_at_its_anchor() -> None:
    document = load_text("a: &shared [1, 2]\nb: *shared\n", "f.yaml")
    assert document.data == {"a": [1, 2], "b": [1, 2]}
    assert document.key_positions["b",] == Position(2, 1)
    assert document.value_positions["b", 1] == Position(1, 16)


def test_columns_count_characters_not_bytes() -> None:
    document = load_text("ville: {nom: Zürich, pays: CH}\n", "f.yaml")
    assert document.key_positions["ville", "pays"] == Position(1, 22)


# --- refusals -------------------------------------------------------------------------------------

REFUSALS = [
    pytest.param("a: b: c\n", [("yaml-syntax", 1, 5)], id="colon-in-plain-value"),
    pytest.param("a: [1, 2\n", [("yaml-syntax", 2, 1)], id="unclosed-list"),
    pytest.param("a:\n  b: 1\n c: 2\n", [("yaml-syntax", 3, 2)], id="bad-indent"),
    pytest.param("a: 'abc\n", [("yaml-syntax", 2, 1)], id="unclosed-quote"),
    pytest.param("a: &x 1\nb: &x 2\n", [("yaml-syntax", 2, 4)], id="anchor-twice"),
    pytest.param("a: &x [1]\nb: &x\n  - 2\n", [("yaml-syntax", 2, 4)], id="list-anchor-twice"),
    pytest.param("a:\n\tb: 1\n", [("tab-indent", 2, 1)], id="tab-indent"),
    pytest.param("a:\n  b: 1\n\tc: 2\n", [("tab-indent", 3, 1)], id="tab-after-spaces"),
    pytest.param("a: 1\nb: 2\na: 3\n", [("duplicate-key", 3, 1)], id="duplicate"),
    pytest.param("", [("empty-file", 1, 1)], id="empty"),
    pytest.param("# only a comment\n\n", [("empty-file", 1, 1)], id="comments-only"),
    pytest.param("---\n", [("empty-file", 1, 1)], id="empty-document"),
    pytest.param("- a\n- b\n", [("not-a-mapping", 1, 1)], id="top-level-list"),
    pytest.param("just text\n", [("not-a-mapping", 1, 1)], id="top-level-text"),
    pytest.param("a: 1\n---\nb: 2\n", [("multiple-documents", 2, 1)], id="two-documents"),
    pytest.param("---\na: 1\n---\n", [("multiple-documents", 3, 1)], id="trailing-document"),
    pytest.param("a: !!python/object:os.system x\n", [("forbidden-tag", 1, 4)], id="python"),
    pytest.param(
        "a: !!python/object/apply:os.system [ls]\n", [("forbidden-tag", 1, 4)], id="apply"
    ),
    pytest.param("a: !!binary aGVsbG8=\n", [("forbidden-tag", 1, 4)], id="binary-tag"),
    pytest.param("a: !!set {x}\n", [("forbidden-tag", 1, 4)], id="set"),
    pytest.param("a: !!omap [b: 1]\n", [("forbidden-tag", 1, 4)], id="omap"),
    pytest.param("a: !!timestamp 2026-01-01\n", [("forbidden-tag", 1, 4)], id="timestamp"),
    pytest.param("a:\n  b: !custom 1\n", [("forbidden-tag", 2, 6)], id="custom"),
    pytest.param("a: !<tag:example.com,2026:x> 1\n", [("forbidden-tag", 1, 4)], id="verbatim"),
    pytest.param("%TAG !! tag:evil:\n---\na: !!str x\n", [("forbidden-tag", 3, 4)], id="redefined"),
    pytest.param("!!python/name:os.system : x\n", [("forbidden-tag", 1, 1)], id="tagged-key"),
    pytest.param("a: 1\nb: *nope\n", [("undefined-alias", 2, 4)], id="undefined-alias"),
    pytest.param("a: *later\nb: &later 1\n", [("undefined-alias", 1, 4)], id="alias-before-anchor"),
    pytest.param("a: &a [1, *a]\n", [("alias-bomb", 1, 11)], id="self-reference"),
    pytest.param("? [a, b]\n: 1\n", [("complex-key", 1, 3)], id="list-key"),
    pytest.param("{x: 1}: 2\n", [("complex-key", 1, 1)], id="mapping-key"),
    pytest.param("a: !!int abc\n", [("tag-mismatch", 1, 4)], id="int-tag"),
    pytest.param("a: !!bool yes\n", [("tag-mismatch", 1, 4)], id="bool-tag"),
    pytest.param("a: !!str [1]\n", [("tag-mismatch", 1, 4)], id="str-tag-on-list"),
    pytest.param("a: &one 1\nb:\n  <<: *one\n", [("bad-merge", 3, 3)], id="merge-scalar"),
    pytest.param("a: \x07\n", [("binary", 1, 4)], id="control-character"),
    pytest.param("a: 1\nb: x\x00\n", [("nul-byte", 2, 5)], id="nul-in-text"),
]


@pytest.mark.parametrize(("text", "expected"), REFUSALS)
def test_refusals_are_positioned(text: str, expected: list[tuple[str, int, int]]) -> None:
    found = problems_of(text, "evidence/cluster.yaml")
    assert [(p.code, p.line, p.column) for p in found] == expected
    for problem in found:
        assert problem.path == "evidence/cluster.yaml"
        # Plain words: no Python reprs such as '\t' and no parser token names such as <block end>.
        assert "\\" not in problem.message
        assert "<block" not in problem.message
        assert "<stream" not in problem.message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: !!python/object:os.system x\n", "!!python/object:os.system"),
        ("a: !!binary aGVsbG8=\n", "!!binary"),
        ("a: !!set {x}\n", "!!set"),
        ("a: !custom 1\n", "!custom"),
        ("- a\n", "the top level is a list"),
        ("a: 1\nb: 2\na: 3\n", "`a` (first defined on line 1)"),
        ("a: *nope\n", "*nope"),
        ("a: b: c\n", "mapping values are not allowed"),
    ],
)
def test_messages_name_what_is_wrong(text: str, words: str) -> None:
    (problem,) = problems_of(text)
    assert words in problem.message


def test_tab_indentation_has_a_hint() -> None:
    (problem,) = problems_of("a:\n\tb: 1\n")
    assert problem.hint == "indent with spaces, not tabs"


def test_a_tab_after_a_colon_is_accepted_where_the_parser_allows_it(parser: str) -> None:
    # YAML allows a tab as separation; only libyaml implements that, the pure scanner refuses it.
    if parser == "pure":
        assert [p.code for p in problems_of("a:\tb\n")] == ["tab-indent"]
    else:
        assert load_text("a:\tb\n", "f.yaml").data == {"a": "b"}


def test_every_duplicate_key_is_reported_top_level_and_nested() -> None:
    text = (
        "name: A\n"  # 1
        "team:\n"  # 2
        "  lead: X\n"  # 3
        "  lead: Y\n"  # 4
        "  members: [{id: 1, id: 2}]\n"  # 5
        "name: B\n"  # 6
        "name: C\n"  # 7
    )
    found = problems_of(text)
    assert [(p.code, p.line, p.column) for p in found] == [
        ("duplicate-key", 4, 3),
        ("duplicate-key", 5, 21),
        ("duplicate-key", 6, 1),
        ("duplicate-key", 7, 1),
    ]
    assert "`name` (first defined on line 1)" in found[3].message


def test_a_merge_key_is_not_a_duplicate() -> None:
    text = "a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: *a\n  <<: *b\n"
    assert load_text(text, "f.yaml").data["c"] == {"x": 1, "y": 2}


def test_several_kinds_of_problem_are_reported_together() -> None:
    text = "a: !!set {x}\nb: *nope\nc: !custom 1\n"
    assert where(text) == [
        ("forbidden-tag", 1, 4),
        ("undefined-alias", 2, 4),
        ("forbidden-tag", 3, 4),
    ]


# --- bytes and encodings --------------------------------------------------------------------------


def test_latin1_bytes_are_not_utf8() -> None:
    (problem,) = problems_of(b"country: NO\nname: caf\xe9\n")
    assert (problem.code, problem.line, problem.column) == ("not-utf8", 2, 10)
    assert "0xE9" in problem.message
    assert "offset 21" in problem.message
    assert "UTF-8" in problem.hint


def test_nul_bytes_fail_before_decoding() -> None:
    # Invalid UTF-8 after the NUL must not win: a binary file is reported as binary.
    assert where(b"a: 1\nb: \x00\xff\xfe\n") == [("nul-byte", 2, 4)]


@pytest.mark.parametrize(
    ("data", "code", "words"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary", "PNG"),
        (b"\xff\xfea\x00:\x00 \x001\x00", "not-utf8", "UTF-16"),
    ],
)
def test_binary_formats_are_named(data: bytes, code: str, words: str) -> None:
    (problem,) = problems_of(data)
    assert (problem.code, problem.line, problem.column) == (code, 0, 0)
    assert words in problem.message


@pytest.mark.parametrize("source", [b"\xef\xbb\xbfa: 1\n", "\ufeffa: 1\n"])
def test_a_utf8_byte_order_mark_is_accepted(source: str | bytes) -> None:
    document = load_text(source, "f.yaml")
    assert document.data == {"a": 1}
    assert document.key_positions["a",] == Position(1, 1)


@pytest.mark.parametrize("source", [b"#" * (MAX_FILE_BYTES + 1), "#" * (MAX_FILE_BYTES + 1)])
def test_an_oversized_file_is_refused_whole(source: str | bytes) -> None:
    assert where(source) == [("too-large", 0, 0)]


def test_non_ascii_text_within_the_limit_counts_bytes() -> None:
    # 2 bytes per character: fewer characters than the limit, more bytes.
    assert where("é" * (MAX_FILE_BYTES // 2 + 1)) == [("too-large", 0, 0)]


# --- limits ---------------------------------------------------------------------------------------


def billion_laughs() -> str:
    lines = ["lol0: &lol0 [lol]"]
    for level in range(1, 10):
        aliases = ", ".join([f"*lol{level - 1}"] * 10)
        lines.append(f"lol{level}: &lol{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_fast_and_small() -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        codes = [p.code for p in problems_of(billion_laughs())]
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert codes == ["alias-bomb"]
    assert elapsed < HANG_SECONDS
    assert peak < 50 * 1024 * 1024


def test_modest_aliases_are_fine() -> None:
    text = "base: &b {x: 1}\n" + "".join(f"item{i}: *b\n" for i in range(100))
    assert load_text(text, "f.yaml").data["item99"] == {"x": 1}


@pytest.mark.slow  # the pure-Python parser needs about 3 s for 100,000 values
def test_too_many_values_without_aliases_is_too_large() -> None:
    text = "a: [" + "1," * MAX_NODES + "]\n"
    assert [p.code for p in problems_of(text)] == ["too-large"]


def flow_lists(depth: int) -> str:
    return "a: " + "[" * depth + "]" * depth + "\n"


def flow_mappings(depth: int) -> str:
    return "a: " + "{a: " * depth + "1" + "}" * depth + "\n"


def block_lists(depth: int) -> str:
    return "a:\n" + "- " * depth + "x\n"


def block_mappings(depth: int) -> str:
    return "".join("  " * level + "a:\n" for level in range(depth))


@pytest.mark.parametrize("shape", [flow_lists, flow_mappings, block_lists, block_mappings])
def test_nesting_at_the_limit_loads_and_one_more_is_too_deep(shape: Any) -> None:
    # The root mapping is one level, so `depth` inner levels nest depth + 1 deep (block_mappings: depth).
    inner = MAX_DEPTH if shape is block_mappings else MAX_DEPTH - 1
    load_text(shape(inner), "f.yaml")
    assert [p.code for p in problems_of(shape(inner + 1))] == ["too-deep"]


@pytest.mark.parametrize(
    ("shape", "depth"),
    [
        (flow_lists, 20_000),
        (flow_mappings, 20_000),
        (block_lists, 20_000),
        # 20,000 levels of block mappings need 400 MB of indentation; the size limit stops those.
        (block_mappings, 1_400),
    ],
)
def test_deep_nesting_is_refused_without_recursion(shape: Any, depth: int) -> None:
    started = time.perf_counter()
    assert [p.code for p in problems_of(shape(depth))] == ["too-deep"]
    assert time.perf_counter() - started < HANG_SECONDS


def test_nesting_through_aliases_counts_too() -> None:
    half = MAX_DEPTH // 2 + 1
    text = f"a: &deep {'[' * half}{']' * half}\nb: {'[' * half}*deep{']' * half}\n"
    assert [p.code for p in problems_of(text)] == ["too-deep"]


# --- files ----------------------------------------------------------------------------------------


def test_load_file_uses_the_display_path(tmp_path: pathlib.Path) -> None:
    target = tmp_path / "cluster.yaml"
    target.write_bytes(b"name: X\nname: Y\n")
    (problem,) = problems_of_file(target, "cluster.yaml")
    assert (problem.path, problem.code, problem.line) == ("cluster.yaml", "duplicate-key", 2)
    (problem,) = problems_of_file(target, None)
    assert problem.path == str(target)


def test_load_file_reads_a_good_file(tmp_path: pathlib.Path) -> None:
    target = tmp_path / "cluster.yaml"
    target.write_text("country: NO\n", encoding="utf-8")
    document = load_file(target)
    assert (document.path, document.data) == (str(target), {"country": "NO"})


def test_missing_file_and_directory(tmp_path: pathlib.Path) -> None:
    (missing,) = problems_of_file(tmp_path / "nope.yaml", "nope.yaml")
    assert (missing.code, missing.line, missing.column) == ("file-not-found", 0, 0)
    (directory,) = problems_of_file(tmp_path, "dir")
    assert directory.code == "unreadable"


def test_an_oversized_file_is_not_read_whole(tmp_path: pathlib.Path) -> None:
    target = tmp_path / "big.yaml"
    target.write_bytes(b"#" * (MAX_FILE_BYTES * 2))
    assert [p.code for p in problems_of_file(target, "big.yaml")] == ["too-large"]


def problems_of_file(target: pathlib.Path, display: str | None) -> tuple[Problem, ...]:
    with pytest.raises(InputError) as caught:
        load_file(target, display)
    return caught.value.problems


# --- isolation and robustness ---------------------------------------------------------------------


def test_pyyaml_global_loaders_are_untouched() -> None:
    load_text("a: yes\nb: 0150\n", "f.yaml")
    assert yaml.safe_load("a: yes\nb: 0150\n") == {"a": True, "b": 104}
    if yaml.__with_libyaml__:
        assert yaml.load("a: yes\n", Loader=yaml.CSafeLoader) == {"a": True}
    ours = yamlio_schema.StrictLoader.yaml_implicit_resolvers
    assert ours is not yaml.SafeLoader.yaml_implicit_resolvers
    assert ours is not yaml.resolver.Resolver.yaml_implicit_resolvers


_YAMLISH = st.sampled_from(
    [*"ab01:-[]{},?&*!|>'\"#%@`\t\n \r.~<", "!!", "&a ", "*a", "<<: ", "---\n", "\x00", "é", "\x85"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(source=st.one_of(st.lists(_YAMLISH, max_size=40).map("".join), st.binary(max_size=40)))
def test_bad_input_only_ever_raises_input_error(source: str | bytes) -> None:
    try:
        load_text(source, "f.yaml")
    except InputError as error:
        assert all(p.line >= 0 and p.column >= 0 and p.code for p in error.problems)
