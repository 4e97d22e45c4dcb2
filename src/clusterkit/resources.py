"""Where the bundled packs, templates, example clusters and catalogues are, and the user's cache: the only module that knows.

The cache holds what clusterkit can always rebuild (validated packs, compiled templates), one file per
entry. An entry is written to a private temporary file and renamed into place, so concurrent runs read
a whole entry or none; it starts with the SHA-256 of its contents, so a damaged one is never used; one
another user owns is never read. Failing to read or write an entry only costs the time of rebuilding it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Literal

from clusterkit.errors import ClusterkitError

BundledKind = Literal["criteria", "templates", "examples"]
CacheKind = Literal["packs", "templates", "headings"]

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_dir(kind: BundledKind) -> Path:
    """The folder of bundled packs, templates or examples, in an installed wheel or a source checkout.

    A wheel carries them under ``clusterkit/_bundled/`` (pyproject's force-include); an editable install
    or a run from the source tree finds the top-level folders of the repository.
    """
    for candidate in (_PACKAGE_DIR / "_bundled" / kind, _PACKAGE_DIR.parents[1] / kind):
        if candidate.is_dir():
            return candidate
    raise ClusterkitError(
        f"the bundled {kind} folder is missing from this installation of clusterkit"
    )


def cache_dir() -> Path | None:
    """Where clusterkit keeps what it can rebuild (validated packs, compiled templates); None when off.

    ``CLUSTERKIT_NO_CACHE`` (any value) turns caching off, ``CLUSTERKIT_CACHE_DIR`` moves the folder;
    else the platform's user cache folder (``~/.cache/clusterkit`` on Linux).
    """
    if os.environ.get("CLUSTERKIT_NO_CACHE"):
        return None
    chosen = os.environ.get("CLUSTERKIT_CACHE_DIR")
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("clusterkit", appauthor=False))


def read_cached(kind: CacheKind, name: str) -> bytes | None:
    """The contents of a cache entry when it is there, whole and the user's own; else None."""
    where = cache_dir()
    if where is None:
        return None
    try:
        with (where / kind / name).open("rb") as handle:
            if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                return None  # an entry is code or pickled objects: never one another user wrote
            data = handle.read()
    except OSError:
        return None
    digest, contents = data[:32], data[32:]
    return contents if hashlib.sha256(contents).digest() == digest else None


def write_cached(kind: CacheKind, name: str, contents: bytes) -> None:
    """Store a cache entry atomically; a cache that cannot be written is skipped without a word."""
    where = cache_dir()
    if where is None:
        return
    folder = where / kind
    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        # mkstemp makes the file private (0600) under a name no other run picks; the rename is atomic.
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(hashlib.sha256(contents).digest() + contents)
            Path(temporary).replace(folder / name)
        finally:
            Path(temporary).unlink(missing_ok=True)  # gone already after a successful rename


@cache
def code_stamp() -> str:
    """clusterkit's version, Python's, and each of clusterkit's files by size and modification time.

    Part of every cache key: cheap to make, and any edit of a checkout (or a new bundled pack, which
    can change what an `extends: id` names) makes new keys. Walked with ``os.scandir``: ``Path.rglob``
    and a ``stat`` per path took 8 to 20 ms of every command for the same 150 files.
    """
    from clusterkit import __version__

    stamps = _stamps(str(_PACKAGE_DIR), ".py") + _stamps(str(bundled_dir("criteria")), "")
    return "\0".join([__version__, sys.version, *sorted(stamps)])


def _stamps(folder: str, suffix: str) -> list[str]:
    """``path:size:mtime`` of each file under ``folder`` whose name ends in ``suffix`` (bytecode skipped)."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                if entry.name != "__pycache__":
                    found += _stamps(entry.path, suffix)
            elif entry.name.endswith(suffix):
                status = entry.stat()
                found.append(f"{entry.path}:{status.st_size}:{status.st_mtime_ns}")
    return found


def locale_dir() -> Path:
    """The compiled gettext catalogues (``<lang>/LC_MESSAGES/clusterkit.mo``), inside the package."""
    return _PACKAGE_DIR / "locale"
