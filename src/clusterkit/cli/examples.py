"""`clusterkit init --from-example NAME`: copy a bundled example cluster to start from."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import typer

from clusterkit.cli.evidence_writer import check_evidence, write_new
from clusterkit.errors import UsageError
from clusterkit.resources import bundled_dir

# expected.yaml is the test suite's hand-worked result, not part of a cluster's repository.
_NOT_COPIED = frozenset({"expected.yaml"})
_MODELINE = re.compile(r"^# yaml-language-server: \$schema=\S+$", re.MULTILINE)


def example_names() -> list[str]:
    folder = bundled_dir("examples")
    return sorted(path.name for path in folder.iterdir() if (path / "cluster.yaml").is_file())


def copy_example(
    name: str, folder: Path, *, force: bool, confirm: Callable[[Path], bool] | None
) -> None:
    """Copy the example's cluster.yaml and documents; its schema modeline then names the schema
    written beside it (the example's own points into the clusterkit source tree)."""
    from clusterkit.cli.init_command import SCHEMA_NAME, _schema_text

    names = example_names()
    if name not in names:
        raise UsageError(f"no example `{name}`; the bundled examples are {', '.join(names)}")
    source = bundled_dir("examples") / name
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if not path.is_file() or relative.name in _NOT_COPIED:
            continue
        content: str | bytes = (
            path.read_bytes()
        )  # documents may be PDF or Word files: copied as they are
        if relative.as_posix() == "cluster.yaml":
            text = path.read_text(encoding="utf-8")
            content = _MODELINE.sub(f"# yaml-language-server: $schema={SCHEMA_NAME}", text, count=1)
            check_evidence(content, str(folder / relative))
        if write_new(folder / relative, content, force=force, confirm=confirm):
            typer.echo(f"wrote {folder / relative}", err=True)
    write_new(folder / SCHEMA_NAME, _schema_text(), force=force, confirm=confirm)
    typer.echo(f"wrote {folder / SCHEMA_NAME}", err=True)
