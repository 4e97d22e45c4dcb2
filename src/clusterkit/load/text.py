"""Turn a file's bytes into text the YAML parser may see: size, binary formats, NUL, UTF-8, controls."""

from __future__ import annotations

import re
from typing import Any, Final

from clusterkit.errors import InputError, Problem
from clusterkit.load.limits import MAX_FILE_BYTES
from clusterkit.load.scalars import LINE_BREAK

# Formats people attach as evidence by mistake; naming them beats "invalid UTF-8 at byte 10".
_BINARY_SIGNATURES: Final = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx or .odt file is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)
# Longest first: the UTF-32 little-endian mark starts with the UTF-16 one.
_WIDE_BOMS: Final = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
# YAML's printable set; PyYAML would reject anything else with a message about "special characters".
_NOT_PRINTABLE: Final = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters no value may hold: all of C0, DEL and C1 but tab and newline (the parser turns
every line break of the source into a newline)."""
_UTF8_HINT: Final = "save the file as UTF-8 (most editors offer it under 'Save as' or 'Encoding')"


def decode(source: str | bytes, path: str) -> str:
    """The text of `source` without a byte-order mark; InputError when YAML must not see it."""
    if isinstance(source, bytes):
        text = _decode_bytes(source, path)
    else:
        # len() first so a huge string is refused before encoding it just to measure it.
        if (
            len(source) > MAX_FILE_BYTES
            or len(source.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES
        ):
            raise _too_large(path)
        _check_nul(source, path)
        text = source
    text = text.removeprefix("\ufeff")
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        line, column = position_in(text, bad.start())
        raise InputError.single(
            path,
            f"the file contains the control character U+{ord(bad[0]):04X}, which YAML does not allow",
            "binary",
            line=line,
            column=column,
            hint="remove it; if this is not a text file, refer to it from the evidence file instead",
        )
    return text


def control_problem(
    path: str, mark: Any, text: str, where: tuple[str | int, ...], what: str = "value"
) -> Problem | None:
    """A control character (but tab and newline) in a parsed key or value, which only a quoted escape
    (``"\\e"``, ``"\\x1b"``) can put there: the raw bytes are refused before parsing, but an escape would
    reach terminals (title and clipboard sequences), annotations, Markdown and XML."""
    found = CONTROL.search(text)
    if found is None:
        return None
    return Problem(
        path,
        mark.line + 1,
        mark.column + 1,
        f"the {what} contains the control character U+{ord(found[0]):04X}, which is not allowed",
        "control-character",
        ".".join(str(part) for part in where),
        "remove the escape (such as \\e, \\x1b or \\r); only tab and newline may be in a value",
    )


def position_in(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `text[index]`, counting line breaks the way YAML does."""
    line, line_start = 1, 0
    for brk in LINE_BREAK.finditer(text, 0, index):
        line, line_start = line + 1, brk.end()
    return line, index - line_start + 1


def _decode_bytes(data: bytes, path: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(path)
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError.single(
                path,
                f"this is {what}, not a YAML text file",
                "binary",
                hint="give the YAML evidence file here; refer to documents from inside it",
            )
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            raise InputError.single(
                path, f"the file is {encoding} text", "not-utf8", hint=_UTF8_HINT
            )
    nul = data.find(b"\0")
    if nul >= 0:  # before decoding, so a binary file fails with this rather than an encoding error
        _check_nul(data[: nul + 1].decode("utf-8", "replace"), path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", "replace")
        line, column = position_in(before, len(before))
        raise InputError.single(
            path,
            f"the file is not valid UTF-8: byte 0x{data[exc.start]:02X} at offset {exc.start} "
            "cannot be decoded",
            "not-utf8",
            line=line,
            column=column,
            hint=_UTF8_HINT,
        ) from None


def _check_nul(text: str, path: str) -> None:
    nul = text.find("\0")
    if nul >= 0:
        line, column = position_in(text, nul)
        raise InputError.single(
            path,
            "the file contains a NUL byte, so it is binary, not YAML text",
            "nul-byte",
            line=line,
            column=column,
            hint="check that this is the YAML evidence file and not a document or spreadsheet",
        )


def _too_large(path: str) -> InputError:
    return InputError.single(
        path,
        f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB",
        "too-large",
        hint="evidence files are small; split it or move large content into referenced documents",
    )
