"""Hostile text in the evidence shows as literal text in every report format, and links are http(s) only."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from markdown_it import MarkdownIt

from clusterkit.load.yamlfile import load_file
from clusterkit.models.base import WrittenFloat
from clusterkit.pipeline import load_evidence, run
from clusterkit.render import render
from clusterkit.render.templating import md_escape, md_inline, safe_url
from clusterkit.results.assessment import Assessment
from conftest import EXAMPLES

PAYLOAD = "<script>alert(1)</script> ](javascript:alert(1)) {{ 7*7 }} | a_b *c* `d` $e$ ~f~ & #1"
NAME = "Evil " + PAYLOAD
FORMATS = ("md", "html", "json")


class PlainDumper(yaml.SafeDumper):
    """Writes the loader's floats (which remember their written text) as plain floats."""


PlainDumper.add_representer(WrittenFloat, yaml.representer.SafeRepresenter.represent_float)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Assessment:
    """nordic-maritime with the payload in the cluster name, a service name and a justification."""
    folder = tmp_path_factory.mktemp("hostile") / "nordic-maritime"
    shutil.copytree(EXAMPLES / "nordic-maritime", folder)
    data = load_file(folder / "cluster.yaml").data
    data["cluster"]["name"] = NAME
    data["services"][0]["name"] = "Service " + PAYLOAD
    data["declarations"]["4.5"] = {"status": "not_applicable", "justification": "Why " + PAYLOAD}
    text = yaml.dump(data, Dumper=PlainDumper, allow_unicode=True)
    (folder / "cluster.yaml").write_text(text, encoding="utf-8")
    return run(load_evidence(folder / "cluster.yaml"))


def markdown_html(text: str) -> str:
    """The Markdown as a permissive renderer shows it: raw HTML allowed, every link scheme accepted."""
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    parser.validateLink = lambda url: True
    return parser.render(text)


def test_the_payload_reaches_the_assessment(hostile: Assessment) -> None:
    justifications = [i.justification for a in hostile.packs[0].areas for i in a.indicators]
    assert hostile.cluster.name == NAME
    assert "Why " + PAYLOAD in justifications
    assert hostile.portfolio is not None and hostile.portfolio.services[0].name.endswith(PAYLOAD)


def test_markdown_shows_the_payload_as_text(hostile: Assessment) -> None:
    text = render(hostile, "md")
    html = markdown_html(text)
    assert "<script" not in html.lower()
    assert 'href="javascript' not in html
    literal = "&lt;script&gt;alert(1)&lt;/script&gt; ](javascript:alert(1)) {{ 7*7 }} | a_b *c* `d` $e$ ~f~ &amp; #1"
    assert html.count(literal) >= 3, "name, service and justification each shown literally"
    assert "<em>" not in html.split("<h2>")[0], "no emphasis from the payload's *c* in the title"


def test_html_shows_the_payload_as_text(hostile: Assessment) -> None:
    html = render(hostile, "html")
    assert "<script" not in html.lower()
    assert 'href="javascript' not in html.lower()
    literal = "&lt;script&gt;alert(1)&lt;/script&gt; ](javascript:alert(1)) {{ 7*7 }} | a_b *c* `d` $e$ ~f~ &amp; #1"
    assert html.count(literal) >= 4, "title, heading, service and justification"
    assert "{{ 7*7 }}" in html.split("<body>")[0], "the title shows the name as written"


def test_json_keeps_the_payload_exactly(hostile: Assessment) -> None:
    data = json.loads(render(hostile, "json"))
    assert data["cluster"]["name"] == NAME
    assert data["portfolio"]["services"][0]["name"] == "Service " + PAYLOAD


def test_a_javascript_website_is_never_a_link(hostile: Assessment) -> None:
    cluster = hostile.cluster.model_copy(update={"website": "javascript:alert(1)"})
    evil = hostile.model_copy(update={"cluster": cluster})
    html = render(evil, "html")
    assert "javascript:alert(1)" in html and 'href="javascript' not in html.lower()
    parser = MarkdownIt("commonmark").enable("table")
    parser.validateLink = lambda url: True
    hrefs = [
        child.attrs["href"]
        for token in parser.parse(render(evil, "md"))
        for child in token.children or []
        if child.type == "link_open"
    ]
    assert hrefs == []
    assert json.loads(render(evil, "json"))["cluster"]["website"] == "javascript:alert(1)"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " https://x.org",
        "data:text/html,x",
        "//x.org",
        'https://x.org/"onmouseover=1',
        "https://x.org/a b",
        "https://x.org/)(javascript:1",
    ],
)
def test_safe_url_refuses_anything_but_plain_http(url: str) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize("url", ["https://www.havbru-maritime.no", "http://x.org/a?b=1&c=d#e"])
def test_safe_url_keeps_plain_http(url: str) -> None:
    assert safe_url(url) == url


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("1. first", "1\\. first"),
        ("- item", "\\- item"),
        ("# heading", "\\# heading"),
        ("a\nb\r\nc", "a b c"),
        ("x | y", "x \\| y"),
        ("4.1.3 Plan", "4.1.3 Plan"),
        ("strategy.implementation_plan.with_budget", "strategy.implementation_plan.with_budget"),
        ("_emphasis_ and *strong*", "\\_emphasis\\_ and \\*strong\\*"),
        ("[link](target) and [1]", "\\[link\\](target) and \\[1\\]"),
        ("[1] alone", "\\[1\\] alone"),
        ("see [1]", "see [1]"),
        ("a < b > c & d", "a < b > c & d"),
        ("<b> &amp; C:\\dir", "\\<b> \\&amp; C:\\dir"),
        ("> quoted", "\\> quoted"),
    ],
)
def test_md_escape(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped


def test_md_inline_keeps_code_spans_and_escapes_the_rest() -> None:
    assert md_inline("set `a|b` to <b>") == "set `a\\|b` to \\<b>"


def test_the_shortcuts_of_md_escape_change_no_character(monkeypatch: pytest.MonkeyPatch) -> None:
    # md_escape and md_inline skip the escaping passes a text cannot need; with the shortcuts off
    # (patterns that match everything) every text must come out the same.
    import random

    from clusterkit.render import templating

    alphabet = "aZ09 _*`|~$[]()&<>#+=-.:;!\\\t\n\r\u00a0\u2003xé4^{}"
    generated = random.Random(5)
    texts = ["", " ", "1.", "1)", "-", "- x", "#", "==", ">", "a  b", "&amp;", "<b>", "a_b", "x\\"]
    texts += [
        "".join(generated.choice(alphabet) for _ in range(generated.randint(1, 12)))
        for _ in range(3000)
    ]
    fast = [(md_escape(text), md_inline(text)) for text in texts]
    everything = templating.re.compile(r"|(?s:.)")
    for name in ("ODD_WHITESPACE", "ACTIVE", "LINE_START"):
        monkeypatch.setattr(templating, name, everything)
    assert [(md_escape(text), md_inline(text)) for text in texts] == fast
