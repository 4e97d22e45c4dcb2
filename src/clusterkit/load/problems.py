"""Problems at PyYAML marks, and PyYAML's syntax complaints in words a cluster manager can act on."""

from __future__ import annotations

import re
from typing import Any, Final

import yaml

from clusterkit.errors import Problem
from clusterkit.load.scalars import BOOL, FLOAT, INT, LINE_BREAK, NULL, STR

_TAB_HINT: Final = "indent with spaces, not tabs"


def problem_at(path: str, mark: Any, message: str, code: str, hint: str = "") -> Problem:
    """A problem at a PyYAML mark (0-based, from either parser), or at the whole file without one."""
    if mark is None:
        return Problem(path, 0, 0, message, code, hint=hint)
    return Problem(path, mark.line + 1, mark.column + 1, message, code, hint=hint)


def empty_file(path: str) -> Problem:
    """The file has no document, or one with nothing in it (only comments, or a bare '---').

    Reported at 1:1, where an editor can jump to and the missing keys would start.
    """
    return Problem(
        path,
        1,
        1,
        "the file has no content",
        "empty-file",
        hint="start with `schema_version: 1`; `clusterkit init` writes a valid evidence file to start from",
    )


# The pure-Python parser names tokens like '<block end>' and quotes characters the Python way.
_TOKEN_WORDS: Final = {
    "stream end": "the end of the file",
    "block end": "the end of an indented block",
    "block mapping start": "the start of a new indented mapping",
    "block sequence start": "the start of a new indented list",
    "block entry": "a '-' list item",
    "document start": "'---'",
    "document end": "'...'",
    "scalar": "a value",
}
_PLAIN_WORDS: Final = (
    ("'\\t'", "a tab"),
    ("'\\n'", "a line break"),
    ("'\\r'", "a line break"),
    ("end of stream", "end of the file"),
    ("flow sequence", "[...] list"),
    ("flow mapping", "{...} mapping"),
    ("block sequence", "list"),
    ("block mapping", "mapping"),
    ("plain scalar", "value"),
    ("quoted scalar", "quoted value"),
    ("block scalar", "| or > text block"),
    ("simple key", "key"),
    (", but ", " but "),
)
_SYNTAX_HINTS: Final = (
    ("mapping values are not allowed", "quote a value that contains ': ', or fix the indentation"),
    ("expected key", "line this key up with the other keys of its mapping"),
    ("<block end>", "line this key up with the other keys of its mapping"),
    ("expected ':'", "a key needs ': ' after it; quote the text if it is not meant as a key"),
    ("expected ',' or ']'", "close the list with ']', or separate its items with commas"),
    ("expected ',' or '}'", "close the mapping with '}', or separate its entries with commas"),
    (
        "quoted scalar",
        "close the quote; inside '...' write '' for a quote, inside \"...\" write \\\"",
    ),
    ("cannot start any token", "quote a value that starts with @, ` or %"),
)


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    """PyYAML's complaint in plain words, at its problem mark."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "the YAML is malformed"
    if "tab character" in problem or _char_at(text, mark) == "\t":
        return problem_at(
            path, mark, "a tab character is used where YAML expects spaces", "tab-indent", _TAB_HINT
        )
    message = _plain(problem)
    context_mark = exc.context_mark
    if exc.context:
        context = _plain(exc.context)
        if context_mark is not None and mark is not None and context_mark.line != mark.line:
            context += f" that starts on line {context_mark.line + 1}"
        message = f"{message} ({context})"
    clue = f"{problem} {exc.context or ''}"
    hint = next((hint for key, hint in _SYNTAX_HINTS if key in clue), "")
    return problem_at(path, mark, f"invalid YAML: {message}", "yaml-syntax", hint)


def _plain(text: str) -> str:
    text = re.sub(r"'?<([a-z ]+)>'?", lambda m: _TOKEN_WORDS.get(m[1], m[1]), text)
    for jargon, words in _PLAIN_WORDS:
        text = text.replace(jargon, words)
    return text


def _char_at(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = LINE_BREAK.split(text, maxsplit=mark.line + 1)
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column] if mark.column < len(line) else ""


_KINDS: Final = {
    STR: "a text value",
    INT: "a number",
    FLOAT: "a number",
    BOOL: "true/false",
    NULL: "null",
}


def not_a_mapping(root: yaml.Node, path: str) -> Problem | None:
    """What is wrong with a document whose top level is not a mapping; None when it is one."""
    if isinstance(root, yaml.MappingNode):
        return None
    if isinstance(root, yaml.ScalarNode) and root.value == "" and root.tag == NULL:
        return empty_file(path)
    what = "a list" if isinstance(root, yaml.SequenceNode) else _KINDS.get(root.tag, "a value")
    return problem_at(
        path,
        root.start_mark,
        f"the top level is {what}, but it must be a mapping",
        "not-a-mapping",
        "start the file with 'key: value' lines",
    )
