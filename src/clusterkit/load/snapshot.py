"""A saved assessment (`clusterkit assess --format json -o FILE`) read back: a history point or a baseline."""

from __future__ import annotations

from pathlib import Path

from clusterkit.errors import InputError
from clusterkit.load.files import read_regular
from clusterkit.results.assessment import Assessment

SNAPSHOT_BYTES = 32 * 1024 * 1024
"""Largest saved assessment read: a real one is a few hundred kilobytes."""


def read_snapshot(path: Path) -> Assessment:
    """The assessment saved in ``path``; an input error (exit 2) when it is not one."""
    from pydantic import ValidationError

    # Through the one input reader: a FIFO given as a snapshot is refused instead of hanging, and the
    # snapshot counts as an input that no output may replace.
    data = read_regular(path, SNAPSHOT_BYTES, str(path))
    if len(data) > SNAPSHOT_BYTES:
        raise InputError.single(str(path), "the snapshot is larger than 32 MiB", "too-large")
    try:
        return Assessment.model_validate_json(data)
    except ValidationError as error:
        raise InputError.single(
            str(path),
            f"not an assessment saved by clusterkit ({error.error_count()} problems)",
            "invalid-snapshot",
            hint="save one with `clusterkit assess --format json -o FILE`",
        ) from None
