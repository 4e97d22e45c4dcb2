"""clusterkit: self-assessment of cluster organisations against cluster-management excellence criteria."""

from __future__ import annotations

__version__ = "0.1.0"
