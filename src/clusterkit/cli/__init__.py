"""The command line: the only package that reads argv, prints, writes files and picks the exit code."""

from __future__ import annotations

import gc
import itertools
import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

YOUNG_OBJECTS_BEFORE_COLLECTING = 100_000
"""The cycle collector's first threshold for the CLI process (Python's default is 700 or 2,000).

A command makes about 75,000 objects that outlive their first collection, nearly all of them modules,
classes and models that live until it exits; the collector's hundred passes over them were about a
twentieth of a command's time and found under 4,000 objects. With this threshold a single command
is never interrupted, while a command that loops (history over many commits) is still collected
every 100,000 objects, so its memory stays bounded."""

PLUGINS_SETTING = "PYDANTIC_DISABLE_PLUGINS"
"""pydantic's own switch for its plugins, which the command line turns off unless the user set it.

pydantic looks for plugins (observability hooks such as logfire's) when it builds the first
validator, by reading the entry points of every installed distribution: on a plain install that
was about a twentieth of an ``assess``, spent to find none. clusterkit uses no plugin; a user who
wants theirs in a clusterkit run sets the variable themselves (an empty value loads them all)."""


def main() -> None:
    """Console-script entry point."""
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS_BEFORE_COLLECTING, older, oldest)
    os.environ.setdefault(PLUGINS_SETTING, "__all__")
    from clusterkit.cli.app import app

    only_the_command(app, sys.argv[1:], os.environ)
    try:
        app()
    finally:
        # Python's shutdown runs full collections over every object still alive (modules, classes,
        # models, templates: over 100,000), though the exit frees them all anyway: 80 to 120 ms of
        # CPU per command. Frozen objects are left out of those collections; nothing is leaked that
        # the exit would not release.
        gc.freeze()


def only_the_command(app: typer.Typer, arguments: list[str], environ: Mapping[str, str]) -> None:
    """Keep only the command the arguments name, when they name one exactly.

    typer builds the click command of every registered command and its options on each start (about
    20 ms for clusterkit's twelve), though a run invokes one. The command's own help, errors and
    exit codes are the same either way. Without an exact name (``--help``, a typo that should get a
    suggestion, no command), after an option of the app's own but ``--debug`` (``--help assess`` lists
    every command) or while the shell completes a word, every command stays.
    """
    from typer.main import get_command_name

    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in environ):
        return
    before = list(itertools.takewhile(lambda word: word.startswith("-"), arguments))
    # --help, --version or a completion option before the command is about the whole app
    if len(before) == len(arguments) or any(word != "--debug" for word in before):
        return
    name = arguments[len(before)]
    commands = [
        command
        for command in app.registered_commands
        if command.callback is not None
        and (command.name or get_command_name(command.callback.__name__)) == name
    ]
    groups = [group for group in app.registered_groups if group.name == name]
    if len(commands) + len(groups) == 1:
        app.registered_commands, app.registered_groups = commands, groups
