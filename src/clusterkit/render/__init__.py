"""The one registry of output formats: every renderer is a pure function Assessment -> str."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from clusterkit.results.assessment import Assessment


@dataclass(frozen=True)
class RenderOptions:
    """What a renderer may be told about where its text goes; machine formats ignore it."""

    color: bool = False
    width: int = 100


Renderer = Callable[[Assessment, RenderOptions], str]

# format name -> "module:function". Imported on use, so `--help` stays fast and only the table renderer
# (which lives in the cli package, the one place allowed to use rich) pulls in rich.
RENDERERS: dict[str, str] = {
    "table": "clusterkit.cli.table:render",
    "json": "clusterkit.render.json:render",
    "md": "clusterkit.render.markdown:render",
    "html": "clusterkit.render.html:render",
    "github": "clusterkit.render.github:render",
    "junit": "clusterkit.render.junit:render",
    "summary": "clusterkit.render.summary:render",
}

MACHINE_FORMATS = frozenset({"json", "github", "junit"})


def renderer(name: str) -> Renderer:
    """The renderer registered under ``name``; KeyError for an unknown one."""
    module_name, _, function = RENDERERS[name].partition(":")
    found: Renderer = getattr(importlib.import_module(module_name), function)
    return found


def render(assessment: Assessment, name: str, options: RenderOptions | None = None) -> str:
    """Render an assessment in a registered format."""
    return renderer(name)(assessment, options or RenderOptions())
