"""Validated packs kept between runs in the user's cache folder, so a run reads and validates none of them.

Parsing and validating the bundled packs took about a third of `clusterkit assess` (the pack model's
validator is built in every process before the first pack is validated); a cached pack is one pickle.
An entry is keyed by the pack file's resolved path and content, the versions of clusterkit (with the
size and time of each of its files, so an edited checkout never reads stale entries), Python, pydantic
and PyYAML; it lists every file the pack `extends` with its content hash, checked on every read.

Safe by construction: an entry is written to a private temporary file and renamed into place, so a
concurrent run reads a whole entry or none; an entry that cannot be read, does not match its key, or
belongs to another user is a miss and is rewritten. Failing to write (a read-only home, a full disk)
only costs the time. ``CLUSTERKIT_CACHE_DIR`` moves the folder; ``CLUSTERKIT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from clusterkit import __version__
from clusterkit.load.limits import MAX_FILE_BYTES
from clusterkit.models.pack import CriteriaPack
from clusterkit.resources import bundled_dir

FORMAT = b"clusterkit-pack-cache 1\n"
_PACKAGE = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Entry:
    """What is kept for one pack: the validated model and the files it was read from, with hashes."""

    key: str
    pack: CriteriaPack
    sources: tuple[
        tuple[str, str], ...
    ]  # (resolved path, sha256 of its bytes), the pack's file first


def lookup(path: Path) -> tuple[str | None, CriteriaPack | None]:
    """The key for the pack file at ``path`` and its cached pack, if any; no key when it is not cacheable.

    Only a regular file within the loader's size limit is read here; anything else is left to the
    loader, which says what is wrong with it.
    """
    if folder() is None:
        return None, None
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
            return None, None
        key = entry_key(path.resolve(), path.read_bytes())
    except OSError:
        return None, None
    entry = read(key)
    return key, entry.pack if entry is not None else None


def store(key: str, pack: CriteriaPack, files: Sequence[Path]) -> None:
    """Keep a freshly validated pack read from ``files`` (its own first) under ``key``."""
    try:
        contents = [file.read_bytes() for file in files]
    except OSError:
        return
    # The pack's own file changed since the key was made: what was validated may be either version.
    if entry_key(files[0], contents[0]) != key:
        return
    sources = tuple(
        (str(file), digest(content)) for file, content in zip(files, contents, strict=True)
    )
    write(Entry(key, pack, sources))


def folder() -> Path | None:
    """The cache folder the environment asks for, else the platform's user cache folder; None when off."""
    if os.environ.get("CLUSTERKIT_NO_CACHE"):
        return None
    chosen = os.environ.get("CLUSTERKIT_CACHE_DIR")
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("clusterkit", appauthor=False))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entry_key(path: Path, content: bytes) -> str:
    """The key of the entry for the pack file at ``path`` (resolved) whose bytes are ``content``."""
    parts = [FORMAT.decode(), str(path), digest(content), _environment()]
    return digest("\0".join(parts).encode())


@cache
def _environment() -> str:
    """Everything besides the pack's own files that shapes a validated pack, as one string."""
    import pydantic
    import pydantic_core
    import yaml

    versions = [__version__, sys.version, pydantic.VERSION, pydantic_core.__version__]
    versions.append(yaml.__version__)
    # clusterkit's code and bundled packs by size and modification time: cheap, and any edit of a
    # checkout shows (a new bundled pack can change what an `extends: id` names).
    files = [*_PACKAGE.rglob("*.py"), *bundled_dir("criteria").iterdir()]
    stamps = [f"{file}:{file.stat().st_size}:{file.stat().st_mtime_ns}" for file in sorted(files)]
    return "\0".join([*versions, *stamps])


def read(key: str) -> Entry | None:
    """The entry stored under ``key`` when it is whole, ours, and its files are unchanged; else None."""
    where = folder()
    if where is None:
        return None
    file = where / f"{key}.pickle"
    try:
        with file.open("rb") as handle:
            if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                return None  # never unpickle what another user could have written
            if handle.read(len(FORMAT)) != FORMAT:
                return None
            entry = pickle.load(handle)  # the user's own private file, checked to be theirs
    except Exception:  # a missing, truncated or foreign file is a miss; the pack is loaded again
        return None
    if not isinstance(entry, Entry) or entry.key != key or not _unchanged(entry.sources[1:]):
        return None
    return entry


def _unchanged(sources: Sequence[tuple[str, str]]) -> bool:
    """Whether each file a pack extends still has the content it had when the entry was written."""
    for name, expected in sources:
        try:
            if digest(Path(name).read_bytes()) != expected:
                return False
        except OSError:
            return False
    return True


def write(entry: Entry) -> None:
    """Store an entry atomically; a cache that cannot be written is skipped without a word."""
    where = folder()
    if where is None:
        return
    with contextlib.suppress(OSError, pickle.PicklingError):
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        # mkstemp makes the file private (0600) under a name no other run picks; the rename is atomic.
        handle, temporary = tempfile.mkstemp(dir=where, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(FORMAT)
                pickle.dump(entry, stream, protocol=pickle.HIGHEST_PROTOCOL)
            Path(temporary).replace(where / f"{entry.key}.pickle")
        finally:
            Path(temporary).unlink(missing_ok=True)  # gone already after a successful rename
