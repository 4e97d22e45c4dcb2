"""Where criteria packs are: bundled ids, paths, and the hint for a pack that cannot be found."""

from __future__ import annotations

import difflib
from pathlib import Path

from clusterkit.errors import InputError
from clusterkit.resources import bundled_dir

PACK_SUFFIXES = (".yaml", ".yml")


def bundled_pack_paths() -> dict[str, Path]:
    """Bundled pack ids (file stems) to their files, sorted by id."""
    folder = bundled_dir("criteria")
    return {path.stem: path for path in sorted(folder.iterdir()) if path.suffix in PACK_SUFFIXES}


def resolve_reference(reference: str, relative_to: Path | None = None) -> Path:
    """A pack reference (bundled id, or a path, relative to ``relative_to`` if given) to its file."""
    bundled = bundled_pack_paths()
    if reference in bundled:
        return bundled[reference]
    candidate = Path(reference)
    if relative_to is not None and not candidate.is_absolute():
        candidate = relative_to / candidate
    try:
        found = candidate.suffix in PACK_SUFFIXES or candidate.exists()
    except OSError:  # a name too long for the file system (found by fuzzing) names no file
        found = False
    if found:
        return candidate
    raise InputError.single(
        reference,
        f"no bundled criteria pack `{reference}` and no such file",
        "unknown-pack",
        hint=pack_hint(reference),
    )


def inside(path: Path, root: Path | None) -> bool:
    """Whether a pack file may be read for an evidence file in the repository ``root``: a bundled pack,
    or a file whose real path (symbolic links followed) is in ``root``. No root: the user's own choice."""
    if root is None:
        return True
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links leads nowhere inside
        return False
    return real.is_relative_to(root) or real.is_relative_to(bundled_dir("criteria").resolve())


OUTSIDE_HINT = "a pack the evidence names may use only bundled packs and files in its repository; or pass --criteria"


def pack_hint(reference: str, *, paths: bool = True) -> str:
    """'did you mean' the closest bundled id, and the list of bundled ids."""
    bundled = list(bundled_pack_paths())
    close = difflib.get_close_matches(Path(reference).stem, bundled, n=1)
    guess = f"did you mean `{close[0]}`? " if close else ""
    tail = "; or give a path to a .yaml pack" if paths else ""
    return f"{guess}bundled packs: {', '.join(bundled)}{tail}"
