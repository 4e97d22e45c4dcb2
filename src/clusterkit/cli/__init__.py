"""The command line: the only package that reads argv, prints, writes files and picks the exit code."""

from __future__ import annotations


def main() -> None:
    """Console-script entry point."""
    from clusterkit.cli.app import app

    app()
