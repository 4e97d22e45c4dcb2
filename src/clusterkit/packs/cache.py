"""Validated packs kept between runs in the user's cache folder, so a run reads and validates none of them.

Parsing and validating the bundled packs took about a third of `clusterkit assess` (the pack model's
validator is built in every process before the first pack is validated); a cached pack is one pickle.
An entry is keyed by the pack file's resolved path and content, the versions of clusterkit (with the
size and time of each of its files, so an edited checkout never reads stale entries), Python, pydantic
and PyYAML; it lists every file the pack `extends` with its content hash, checked on every read.

Entries are stored by ``resources.write_cached`` (atomic, checksummed, private); one that cannot be
read, does not match its key or names a changed file is a miss, and is rewritten.
"""

from __future__ import annotations

import hashlib
import pickle
import stat
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import NamedTuple

from clusterkit.load.limits import MAX_FILE_BYTES
from clusterkit.models.pack import CriteriaPack
from clusterkit.resources import cache_dir, code_stamp, read_cached, write_cached

FORMAT = b"clusterkit-pack-cache 1\n"


class Entry(NamedTuple):
    """What is kept for one pack: the validated model and the files it was read from, with hashes."""

    key: str
    pack: CriteriaPack
    # (resolved path, sha256 of its bytes) of each file read, the pack's own first
    sources: tuple[tuple[str, str], ...]


def lookup(
    path: Path, accept: Callable[[Path], bool] | None = None
) -> tuple[str | None, CriteriaPack | None]:
    """The key for the pack file at ``path`` and its cached pack, if any; no key when it is not cacheable.

    Only a regular file within the loader's size limit is read here; anything else is left to the
    loader, which says what is wrong with it. An entry one of whose files ``accept`` refuses is a miss:
    the loader then reads the pack anew and says what is wrong.
    """
    if cache_dir() is None:
        return None, None
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
            return None, None
        key = entry_key(path.resolve(), path.read_bytes())
    except OSError:
        return None, None
    entry = read(key)
    if entry is None or (accept and not all(accept(Path(name)) for name, _ in entry.sources)):
        return key, None
    return key, entry.pack


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

    return "\0".join([code_stamp(), pydantic.VERSION, pydantic_core.__version__, yaml.__version__])


def read(key: str) -> Entry | None:
    """The entry stored under ``key`` when it is whole and its files are unchanged; else None."""
    contents = read_cached("packs", f"{key}.pickle")
    if contents is None or not contents.startswith(FORMAT):
        return None
    try:
        entry = pickle.loads(contents[len(FORMAT) :])  # whole, and written by this user
    except Exception:  # an entry of an older layout of the models: a miss, rewritten
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
    try:
        contents = FORMAT + pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
    except pickle.PicklingError:  # cannot happen with the pack models; a cache is never an error
        return
    write_cached("packs", f"{entry.key}.pickle", contents)
