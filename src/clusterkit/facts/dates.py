"""When each document last changed: git first, then the document's own metadata, then the file time.

The file time is the last resort because a copy or a checkout resets it; the warning that says it was used
names the documents, so a user knows which dates to distrust. A date outside 1900 to 2200 (a forged commit
in year 10000, a PDF that says it was written in year 1, a file time Python cannot hold) is no date:
month arithmetic stays inside the window every date of an evidence file is in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from clusterkit.facts.git import last_commit_dates
from clusterkit.facts.readers import DocumentError, Identity, own_date
from clusterkit.models.facts import DateSource

Dated = tuple[dt.date, DateSource]
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2200, 12, 31)


def usable(day: dt.date | None) -> dt.date | None:
    """``day`` when it is inside the window an assessment can count from, else None."""
    return day if day is not None and EARLIEST <= day <= LATEST else None


def file_date(file: Path) -> dt.date | None:
    """The UTC date of a file's modification time; None outside the window, or when Python cannot hold it."""
    try:
        return usable(dt.datetime.fromtimestamp(file.stat().st_mtime, tz=dt.UTC).date())
    except (OverflowError, OSError, ValueError):
        return None


def document_dates(
    base: Path, files: Mapping[str, Path], identities: Mapping[str, Identity | None]
) -> tuple[dict[str, Dated], tuple[str, ...]]:
    """The last change of every existing document (by its reference), and the warnings about them."""
    history = last_commit_dates(base, list(files.values()))
    dates: dict[str, Dated] = {}
    warnings = list(history.warnings)
    by_file_time: list[str] = []
    for reference, file in sorted(files.items()):
        committed = usable(history.dates.get(file.resolve()))
        if committed is not None:
            dates[reference] = (committed, "git")
            continue
        own, problem = _own_date(file, identities.get(reference))
        own = usable(own)
        if problem:
            warnings.append(f"{reference}: {problem}")
        if own is not None:
            dates[reference] = (own, "metadata")
            continue
        changed = file_date(file)
        if changed is not None:
            dates[reference] = (changed, "mtime")
            by_file_time.append(reference)
    if by_file_time:
        warnings.append(
            "file dates (which a copy or checkout resets) are used for documents that git does not know "
            "as committed and that carry no date of their own: " + ", ".join(by_file_time)
        )
    return dates, tuple(warnings)


def _own_date(file: Path, identity: Identity | None) -> tuple[dt.date | None, str]:
    """The document's own date; a document whose properties cannot be read is dated by its file time."""
    if identity is None or identity.kind is None:
        return None, ""
    try:
        return own_date(file, identity), ""
    except DocumentError as error:
        return None, f"its own date cannot be read (it {error.message})"
