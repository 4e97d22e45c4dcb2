"""A criteria pack that extends another: its own identity plus overrides, instead of a copy of the base."""

from typing import Any, Literal

from pydantic import Field

from clusterkit.models.base import Strict


class PackOverrides(Strict):
    """What an extending pack changes in its base; each entry is merged into the base's item."""

    checks: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Keyed `indicator/check`, e.g. 4.1.5/strategy-reviewed."
    )
    indicators: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Keyed by indicator id."
    )
    levels: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Keyed by level id."
    )


class PackExtension(Strict):
    """A pack that extends another: its own identity plus overrides, not a copy of the base."""

    schema_version: Literal[1] = Field(description="Version of the pack format; 1.")
    id: str = Field(description="The new pack's id.")
    extends: str = Field(description="The base pack: a bundled id or a path relative to this file.")
    title: str | None = Field(None, description="New title; default the base's.")
    version: str = Field(description="Version of the new pack.")
    description: str | None = Field(None, description="What the variant changes and why.")
    overrides: PackOverrides = Field(default_factory=PackOverrides, description="The changes.")
