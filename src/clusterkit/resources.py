"""Where the bundled criteria packs, templates and example clusters are: the only module that knows."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from clusterkit.errors import ClusterkitError

BundledKind = Literal["criteria", "templates", "examples"]

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
