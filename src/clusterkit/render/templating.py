"""The Jinja environments of the report templates: strict, deterministic, and escaped for their format."""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import cache
from typing import Literal

import jinja2
import jinja2.bccache
from markupsafe import Markup, escape

from clusterkit import __version__
from clusterkit.render.i18n import Formats, translations
from clusterkit.resources import bundled_dir, read_cached, write_cached

TemplateFormat = Literal["md", "html"]

# A link target must be plain http(s): no javascript:, data: or relative URLs, nothing that breaks out of
# an attribute or a Markdown link destination.
SAFE_URL = re.compile(r"https?://[^\s<>\"'`\\()\[\]{}|^]+", re.IGNORECASE)
# Pack and scorer texts mark field names as `code`; reports keep that, and escape everything else.
CODE_SPAN = re.compile(r"`([^`\n]+)`")
# Markdown escapes only what would change the rendering here (see _escape_active), so a field name
# like implementation_plan stays readable. `&` starts a character reference only in this shape; `<` a tag, comment or autolink only before these.
MD_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
MD_TAG_START = re.compile(r"<[A-Za-z/!?]")
ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# Text at the start of a line must not open a heading, a list or a setext underline.
MD_MARKER_START = re.compile(r"^([#+=-])(?=[\s#=-]|$)|^(>)")
MD_NUMBER_START = re.compile(r"^(\d+)([.)])(?=\s|$)")
WHITESPACE = re.compile(r"\s+")
# Where escaping a value could change a character, looked for first (a report escapes every value it
# inserts, and most are plain words and numbers): whitespace WHITESPACE.sub(" ", ...) would change (a
# run of two, or a space that is not " "), a character _escape_active escapes, a first character
# MD_MARKER_START or MD_NUMBER_START starts with.
ODD_WHITESPACE = re.compile(r"\s\s|[^\S ]")
ACTIVE = re.compile(r"[`*|~$\[\]_&<\\]")
LINE_START = re.compile(r"[#+=>-]|\d")
EMPTY = "—"


class MarkdownText(str):
    """Markdown that is already escaped: the Markdown environment inserts it as it is."""

    __slots__ = ()


def safe_url(value: str | None) -> str | None:
    """The URL when it is a plain http(s) URL, else None: the renderer links nothing else."""
    if value is not None and SAFE_URL.fullmatch(value):
        return value
    return None


def md_escape(value: object) -> MarkdownText:
    """Plain text as Markdown that shows exactly that text, on one line."""
    if isinstance(value, MarkdownText):
        return value
    text = str(value)
    if ODD_WHITESPACE.search(text):
        text = WHITESPACE.sub(" ", text)
    return _escape_line_start(_escape_active(text))


def _escape_active(text: str) -> str:
    """Backslashes before the characters that would start markup here, and before no others."""
    if not ACTIVE.search(text):
        return text  # most values are words and numbers: nothing below would change a character
    out: list[str] = []
    dollars = text.count("$") > 1  # maths needs a pair
    link_like = any(pair in text for pair in ("](", "][", "]:", "[^")) or text.startswith("[")
    for index, char in enumerate(text):
        if char in "`*|~" or (char == "$" and dollars) or (char in "[]" and link_like):
            out.append("\\" + char)
        elif char == "_":
            out.append(_underscore(text, index))
        elif char == "&":
            out.append("\\&" if MD_ENTITY.match(text, index) else "&")
        elif char == "<":
            out.append("\\<" if MD_TAG_START.match(text, index) else "<")
        elif char == "\\":
            following = text[index + 1 : index + 2]
            out.append("\\\\" if not following or following in ASCII_PUNCTUATION else "\\")
        else:
            out.append(char)
    return "".join(out)


def _underscore(text: str, index: int) -> str:
    """An underscore as it is inside a word (both neighbours of its run are letters or digits)."""
    start, end = index, index
    while start > 0 and text[start - 1] == "_":
        start -= 1
    while end + 1 < len(text) and text[end + 1] == "_":
        end += 1
    before = text[start - 1] if start > 0 else " "
    after = text[end + 1] if end + 1 < len(text) else " "
    return "_" if before.isalnum() and after.isalnum() else "\\_"


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
            parts.append(_escape_active(piece))
    return _escape_line_start("".join(parts))


def _escape_line_start(text: str) -> MarkdownText:
    if not LINE_START.match(text):
        return MarkdownText(text)  # neither pattern below can match
    text = MD_MARKER_START.sub(lambda match: "\\" + match.group(0), text, count=1)
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
def environment(kind: TemplateFormat, language: str = "en") -> jinja2.Environment:
    """The environment for Markdown or HTML templates (HTML autoescaped; Markdown escaped by finalize),
    speaking ``language``."""
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
        extensions=["jinja2.ext.i18n"],
    )
    env.filters.update(safe_url=safe_url)
    install_language(env, language, kind)
    if kind == "md":
        env.filters.update(inline=md_inline, link=md_link, code=md_code, markdown=md_trusted)
    else:
        env.filters.update(inline=html_inline, code=html_code)
    return env


def install_language(env: jinja2.Environment, language: str, kind: TemplateFormat) -> None:
    """The one place a template environment learns its language: the gettext catalogue (new-style, so
    HTML placeholders are escaped), and the locale's way of writing scores, points and dates."""
    catalogue = translations(language)
    env.install_gettext_translations(catalogue, newstyle=True)  # type: ignore[attr-defined]
    formats = Formats(language, unknown_score=catalogue.gettext("n/a"))
    date = formats.date
    if kind == "md":
        # A date is letters, digits, dots and commas: nothing to escape inside a line, and the templates
        # never start a line with one, so "1. Oktober 2026" needs no backslash.
        def date(value: dt.date) -> str:
            return MarkdownText(formats.date(value))

    env.filters.update(percent=formats.score, points=formats.number, date=date)
    env.globals.update(language=language, percent_format=formats.score, version=__version__)
