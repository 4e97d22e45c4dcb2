"""Entry point for ``python -m clusterkit``."""

from __future__ import annotations

from clusterkit.cli import main

if __name__ == "__main__":
    main()
