"""Body of `clusterkit init`: ask the questions that decide most of an assessment, write a valid start.

It writes cluster.yaml (commented, with a `$schema` modeline), the JSON Schema beside it, a skeleton of
each document that does not exist yet, and on request a GitHub workflow and a pre-commit configuration.
It never overwrites a file without asking (or --force); an interrupted run writes nothing.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import typer

from clusterkit import __version__
from clusterkit.cli import init_questions as q
from clusterkit.cli.evidence_writer import EvidenceEdit, check_evidence, write_new
from clusterkit.errors import ExitCode, UsageError

EVIDENCE_NAME = "cluster.yaml"
SCHEMA_NAME = "cluster.schema.json"
DISTRIBUTION = "clusterkit-esca"
DEFAULT_PACK = "esca-gold"
# The evidence model requires them; members only until participants becomes optional (issue 11).
REQUIRED_WITH_YES = tuple(question.key for question in q.QUESTIONS if question.required)

Ask = Callable[[q.Question], Any]


@dataclass
class InitPlan:
    """What init will write: file name (relative to the folder) to text, in writing order."""

    files: dict[str, str] = field(default_factory=dict)


_PLAIN = re.compile(r"[A-Za-z][\w .,()/&'+-]*")
_YAML_WORDS = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})


class Skeleton(NamedTuple):
    """A document that does not exist yet: init writes its headings there, named only in a comment."""

    path: str
    field: str
    document: q.DocumentQuestion


def _yaml_value(value: Any) -> str:
    """A value as YAML text: plain where no YAML reader can misread it, else JSON's quoting (valid
    YAML), so that `NO` never turns into false in another tool."""
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(item) for item in value) + "]"
    if isinstance(value, str):
        plain = _PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS
        return value if plain and not value.endswith(" ") else json.dumps(value, ensure_ascii=False)
    return json.dumps(value)


def _environment() -> Any:
    import jinja2

    from clusterkit.resources import bundled_dir

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(bundled_dir("templates") / "init")),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # YAML and Markdown, not HTML; values are quoted by the yaml filter
    )
    environment.filters["yaml"] = _yaml_value
    return environment


def staff_posts(total: float) -> list[dict[str, Any]]:
    """A team's FTE as posts of at most one full time each (the model's fte is per person)."""
    posts = []
    whole = math.floor(total)
    for index in range(whole):
        posts.append({"role": "cluster manager" if index == 0 else "team member", "fte": 1.0})
    rest = round(total - whole, 3)
    if rest > 0:
        posts.append({"role": "cluster manager" if not posts else "team member", "fte": rest})
    return posts


def headings(
    field_path: tuple[str, ...], pack: str = DEFAULT_PACK, language: str = "en"
) -> list[str]:
    """The headings the pack's document rules look for in the document at ``field_path``, each in
    ``language`` where the pack names it in that language (else in English)."""
    from clusterkit.models.rules import DocumentRule
    from clusterkit.packs.loader import load_pack

    wanted = ".".join(field_path)
    found: list[str] = []
    for indicator in load_pack(pack).pack.indicators():
        for check in indicator.checks:
            rule = check.rule
            if not isinstance(rule, DocumentRule) or str(rule.field) != wanted:
                continue
            for section in rule.sections or []:
                name = section if isinstance(section, str) else section.shown_name(language)
                if name not in found:
                    found.append(name)
    return found


def _documents(
    answers: dict[str, Any], folder: Path
) -> tuple[list[tuple[tuple[str, ...], str]], list[Skeleton]]:
    """The documents that exist (field, path), and a skeleton for each of the others."""
    existing, skeletons = [], []
    for document in q.DOCUMENTS:
        where = answers.get(document.key) or document.default_path
        if (folder / where).is_file():
            existing.append((document.field, where))
        else:
            skeletons.append(Skeleton(where, ".".join(document.field), document))
    return existing, skeletons


def build(answers: dict[str, Any], folder: Path, ci: bool, pre_commit: bool) -> InitPlan:
    """Every file init writes, checked: the evidence file must load and validate before any is written."""
    environment = _environment()
    existing, skeletons = _documents(answers, folder)
    by_type = {kind: answers[kind] for kind in q.BY_TYPE if answers.get(kind) is not None}
    context = {
        **{question.key: None for question in q.QUESTIONS},
        **answers,
        "criteria": DEFAULT_PACK,
        "by_type": by_type,
        "staff": staff_posts(answers["fte"]) if answers.get("fte") else [],
    }
    text = environment.get_template("cluster.yaml.j2").render(
        a=context, schema_file=SCHEMA_NAME, skeletons=skeletons
    )
    edit = EvidenceEdit(text)
    for path, where in existing:  # the writer places each key where the model puts it
        edit.set(path, where)
    plan = InitPlan()
    plan.files[EVIDENCE_NAME] = edit.text()
    check_evidence(plan.files[EVIDENCE_NAME], EVIDENCE_NAME)
    plan.files[SCHEMA_NAME] = _schema_text()
    for skeleton in skeletons:
        plan.files[skeleton.path] = environment.get_template("document.md.j2").render(
            title=skeleton.document.title,
            cluster=answers["name"],
            field=skeleton.field,
            headings=headings(skeleton.document.field, language=answers.get("language") or "en")
            or ["Summary"],
        )
    if ci:
        plan.files[".github/workflows/clusterkit.yml"] = environment.get_template(
            "clusterkit.yml.j2"
        ).render(distribution=DISTRIBUTION, version=__version__, evidence=EVIDENCE_NAME)
    if pre_commit:
        plan.files[".pre-commit-config.yaml"] = environment.get_template(
            "pre-commit-config.yaml.j2"
        ).render()
    return plan


def _schema_text() -> str:
    from clusterkit.models.schemas import json_schema

    return json.dumps(json_schema("evidence"), indent=2, ensure_ascii=False) + "\n"


def gather(given: dict[str, Any], ask: Ask | None) -> dict[str, Any]:
    """Answers from the flags; the rest asked (interactive) or left out (--yes)."""
    answers = dict(given)
    for question in q.QUESTIONS:
        if answers.get(question.key) is not None:
            continue
        if ask is not None:
            answers[question.key] = ask(question)
        elif question.default is not None:
            answers[question.key] = question.parse(question.default)
    if ask is None:
        missing = [
            f"--{key.replace('_', '-')}" for key in REQUIRED_WITH_YES if answers.get(key) is None
        ]
        if missing:
            raise UsageError(f"init --yes needs {', '.join(missing)}")
    for document in q.DOCUMENTS:
        if ask is not None and answers.get(document.key) is None:
            prompt = f"{document.title}: its path (Enter for a skeleton at {document.default_path})"
            answers[document.key] = ask(q.Question(document.key, prompt, q.path, ""))
    return answers


def write(
    plan: InitPlan, folder: Path, force: bool, confirm: Callable[[Path], bool] | None
) -> None:
    """Write the plan's files; an existing one only with --force or a yes to the question."""
    for name, text in plan.files.items():
        target = folder / name
        if write_new(target, text, force=force, confirm=confirm):
            typer.echo(f"wrote {target}", err=True)
        else:
            typer.echo(f"kept {target} as it was", err=True)


def init(
    folder: Path,
    given: dict[str, Any],
    *,
    yes: bool,
    force: bool,
    ci: bool | None,
    pre_commit: bool | None,
    from_example: str | None,
) -> ExitCode:
    """Ask (unless --yes), then write the files; exit 0."""
    from clusterkit.cli import prompts

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; give a folder")
    confirm = None if yes else prompts.confirm_overwrite
    if from_example is not None:
        from clusterkit.cli.examples import copy_example

        copy_example(from_example, folder, force=force, confirm=confirm)
        return ExitCode.OK
    answers = gather(given, None if yes else prompts.ask)
    if ci is None:
        ci = False if yes else prompts.yes_no("Write a GitHub Actions workflow?", default=False)
    if pre_commit is None:
        pre_commit = False if yes else prompts.yes_no("Write a pre-commit configuration?", False)
    plan = build(answers, folder, ci, pre_commit)
    write(plan, folder, force, confirm)
    typer.echo(
        f"next: clusterkit validate {folder / EVIDENCE_NAME}, then clusterkit interview", err=True
    )
    return ExitCode.OK


def parse_flags(flags: dict[str, Any]) -> dict[str, Any]:
    """The flags given, read like typed answers (so `--country at` is AT); a bad one is a usage error."""
    parsers = {question.key: question.parse for question in q.QUESTIONS}
    parsed: dict[str, Any] = {}
    for key, value in flags.items():
        if value is None:
            continue
        try:
            parsed[key] = parsers.get(key, q.path)(str(value))
        except ValueError as error:
            raise UsageError(f"--{key.replace('_', '-')}: {error}") from None
    return parsed
