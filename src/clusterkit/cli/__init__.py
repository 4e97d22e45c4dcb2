"""The command line: the only package that reads argv, prints, writes files and picks the exit code."""

from __future__ import annotations

import gc

YOUNG_OBJECTS_BEFORE_COLLECTING = 100_000
"""The cycle collector's first threshold for the CLI process (Python's default is 700 or 2,000).

A command makes about 75,000 objects that outlive their first collection, nearly all of them modules,
classes and models that live until it exits; the collector's hundred passes over them were about a
twentieth of a command's time and found under 4,000 objects. With this threshold a single command
is never interrupted, while a command that loops (history over many commits) is still collected
every 100,000 objects, so its memory stays bounded."""


def main() -> None:
    """Console-script entry point."""
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS_BEFORE_COLLECTING, older, oldest)
    from clusterkit.cli.app import app

    app()
