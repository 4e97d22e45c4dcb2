"""The base of every result model, and the statuses a check or an indicator can have."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Status = Literal["met", "partial", "unmet", "unknown", "not_applicable"]


class Result(BaseModel):
    """Base of the result models: immutable, and the JSON field order is the declaration order."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
