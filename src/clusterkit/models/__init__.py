"""Pydantic models of the two input files: a cluster's evidence and a criteria pack."""

from __future__ import annotations
