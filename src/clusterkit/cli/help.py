"""Help pages that read like every other command line's: `FILE...`, not `FILE... <list[Path]>`.

typer's plain help adds a Python type to each argument (``<list[Path]>``, ``<str>``) and wraps required
arguments in braces (``{kind}``); a cluster manager reads neither. Options keep typer's own records, whose
metavars the commands set (``PACK``, ``YYYY-MM-DD``, ``<md|html|json>``).

Parameters are told apart by click's ``param_type_name`` rather than by class, because typer vendors its
own copy of click in recent releases and uses the real one in older ones.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperCommand

HELP_OPTIONS = ["-h", "--help"]
"""Both spellings users try first; subcommands inherit them from the group's context."""


def _is_argument(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "argument"


def _argument_name(param: Any) -> str:
    name = str(param.metavar or (param.name or "").upper())
    return f"{name}..." if param.nargs != 1 else name


def _argument_record(param: Any) -> tuple[str, str]:
    text = str(getattr(param, "help", None) or "")
    if param.required:
        text = f"{text}  [required]" if text else "[required]"
    return _argument_name(param), text


class CleanCommand(TyperCommand):
    """A command whose usage line and argument list name arguments by their metavar only."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if _is_argument(param):
                name = _argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            if _is_argument(param):
                arguments.append(_argument_record(param))
            elif (record := param.get_help_record(ctx)) is not None:
                options.append(record)
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)
