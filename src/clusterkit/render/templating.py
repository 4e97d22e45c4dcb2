"""The Jinja environments of the report templates: strict, deterministic, and escaped for their format."""

from __future__ import annotations

import io
import re
from functools import cache
from typing import Literal

import jinja2
import jinja2.bccache
from markupsafe import Markup, escape

from clusterkit.resources import bundled_dir, read_cached, write_cached
from clusterkit.results.numbers import fmt_score

TemplateFormat = Literal["md", "html"]

# A link target must be plain http(s): no javascript:, data: or relative URLs, nothing that breaks out of
# an attribute or a Markdown link destination.
SAFE_URL = re.compile(r"https?://[^\s<>\"'`\\()\[\]{}|^]+", re.IGNORECASE)
# Pack and scorer texts mark field names as `code`; reports keep that, and escape everything else.
CODE_SPAN = re.compile(r"`([^`\n]+)`")
# Characters that are active in GitHub- and GitLab-flavoured inline Markdown ($ starts maths, ~ strikes
# through, & starts an entity); a backslash makes each literal.
MD_ACTIVE = re.compile(r"([\\`*_\[\]<>|~$&])")
# Text at the start of a line must not open a heading, a list or a setext underline.
MD_MARKER_START = re.compile(r"^([#+=-])(?=[\s#=-]|$)")
MD_NUMBER_START = re.compile(r"^(\d+)([.)])(?=\s|$)")
WHITESPACE = re.compile(r"\s+")
EMPTY = "—"


class MarkdownText(str):
    """Markdown that is already escaped: the Markdown environment inserts it as it is."""

    __slots__ = ()


def safe_url(value: str | None) -> str | None:
    """The URL when it is a plain http(s) URL, else None: the renderer links nothing else."""
    if value is not None and SAFE_URL.fullmatch(value):
        return value
    return None


def points(value: float) -> str:
    """Points without a trailing .0 (36.5, 282)."""
    return f"{value:g}"


def md_escape(value: object) -> MarkdownText:
    """Plain text as Markdown that shows exactly that text, on one line."""
    if isinstance(value, MarkdownText):
        return value
    text = WHITESPACE.sub(" ", str(value))
    return _escape_line_start(MD_ACTIVE.sub(r"\\\1", text))


def md_inline(value: str | None) -> MarkdownText:
    """Pack text with its `code` spans kept as code and everything else escaped, on one line."""
    if value is None:
        return MarkdownText(EMPTY)
    parts: list[str] = []
    for index, piece in enumerate(CODE_SPAN.split(WHITESPACE.sub(" ", value))):
        if index % 2:
            # A pipe ends a table cell even inside a code span, unless escaped.
            parts.append("`" + piece.replace("|", "\\|") + "`")
        else:
            parts.append(MD_ACTIVE.sub(r"\\\1", piece))
    return _escape_line_start("".join(parts))


def _escape_line_start(text: str) -> MarkdownText:
    text = MD_MARKER_START.sub(r"\\\1", text, count=1)
    return MarkdownText(MD_NUMBER_START.sub(r"\1\\\2", text, count=1))


def md_link(label: str, url: str | None) -> MarkdownText:
    """A Markdown link when the URL is safe, else the escaped label as plain text."""
    target = safe_url(url)
    if target is None:
        return md_escape(label)
    return MarkdownText(f"[{md_escape(label)}](<{target}>)")


def md_trusted(value: str) -> MarkdownText:
    """Output of a template macro, whose values the environment has already escaped."""
    return MarkdownText(value)


def md_code(value: object) -> MarkdownText:
    """Text as a Markdown code span: shown literally, on one line."""
    text = " ".join(str(value).split()).replace("`", "'").replace("|", "\\|")
    return MarkdownText(f"`{text}`")


def html_code(value: object) -> Markup:
    return Markup("<code>{}</code>").format(value)


def html_inline(value: str | None) -> Markup:
    """Pack text, escaped, with its `code` spans as <code>."""
    if value is None:
        return Markup(EMPTY)
    parts = [
        Markup("<code>{}</code>").format(piece) if index % 2 else escape(piece)
        for index, piece in enumerate(CODE_SPAN.split(value))
    ]
    return Markup("").join(parts)


def _finalize_md(value: object) -> str:
    if value is None:
        return EMPTY
    return md_escape(value)


def _finalize_html(value: object) -> object:
    return EMPTY if value is None else value


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once and kept in the user's cache (``templates/``), not in every process.

    Compiling the report templates took about 0.2 s of every report. Jinja keys an entry by template
    name and checks the source's checksum and the Python version itself; ``resources`` keeps each entry
    whole, checksummed and private.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        contents = read_cached("templates", f"{bucket.key}.jinja")
        if contents is not None:
            bucket.load_bytecode(
                io.BytesIO(contents)
            )  # a stale entry resets the bucket: compiled anew

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        stream = io.BytesIO()
        bucket.write_bytecode(stream)
        write_cached("templates", f"{bucket.key}.jinja", stream.getvalue())


@cache
def environment(kind: TemplateFormat) -> jinja2.Environment:
    """The environment for Markdown or HTML templates (HTML autoescaped; Markdown escaped by finalize)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(bundled_dir("templates"))),
        autoescape=kind == "html",
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize_md if kind == "md" else _finalize_html,
        auto_reload=False,
        bytecode_cache=CompiledTemplates(),
    )
    env.filters.update(percent=fmt_score, points=points, safe_url=safe_url)
    if kind == "md":
        env.filters.update(inline=md_inline, link=md_link, code=md_code, markdown=md_trusted)
    else:
        env.filters.update(inline=html_inline, code=html_code)
    return env
