"""Questions on the terminal (rich.prompt): a default in brackets, the answer checked as it is typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.prompt import Confirm, Prompt

from clusterkit.cli.init_questions import Question

# Prompts go to stderr, so that stdout stays free for a pipe; no markup: answers may contain brackets.
_CONSOLE = Console(stderr=True, highlight=False)


def ask(question: Question) -> Any:
    """Ask until the answer reads; an empty answer to a question without a default leaves it out."""
    while True:
        answer = Prompt.ask(
            question.prompt,
            console=_CONSOLE,
            default=question.default or "",
            show_default=bool(question.default),
        )
        if not answer.strip() and question.required:
            _CONSOLE.print("  an answer is needed here", markup=False)
            continue
        if not answer.strip():
            return question.parse(question.default) if question.default else None
        try:
            return question.parse(answer)
        except ValueError as error:
            _CONSOLE.print(f"  {error}", markup=False)


def yes_no(text: str, default: bool) -> bool:
    return bool(Confirm.ask(text, console=_CONSOLE, default=default))


def confirm_overwrite(path: Path) -> bool:
    return yes_no(f"{path} exists. Overwrite it?", default=False)


def ask_text(prompt: str) -> str:
    """One free answer (the interview checks it against the model itself)."""
    return str(Prompt.ask(prompt, console=_CONSOLE, default="", show_default=False))
