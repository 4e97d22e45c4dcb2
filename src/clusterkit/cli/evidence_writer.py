"""The one writer of evidence files: edits cluster.yaml keeping its comments, key order and formatting.

Editing goes through ruamel.yaml's round-trip mode, which keeps comments, key order, quotes and block
styles. It still re-flows a flow collection that spans several lines (``{role: ..., fte: 0.6,`` and its
continuation line) onto one, so the text written back is spliced: every top-level or nested block-mapping
entry whose value did not change keeps its original lines byte for byte, and only the entries that changed
take ruamel's output. Before anything is written, the strict loader must read the result and the evidence
model accept it; the file is then replaced atomically, so a failed edit leaves the old file as it was.
Used by ``init``, ``interview`` and ``survey import``: every command that writes evidence.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clusterkit.errors import UsageError
from clusterkit.load.files import read_text

if TYPE_CHECKING:
    from ruamel.yaml import YAML

KeyPath = tuple[str | int, ...]
# Wide enough that ruamel never folds a line it writes: a new answer stays on one line.
_WIDTH = 4096


def _yaml() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    yaml.width = _WIDTH
    # the house layout of cluster.yaml: two-space mappings, list items indented under their key
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


class EvidenceEdit:
    """A cluster.yaml loaded for editing: set values by key path, then ``text()`` the whole file."""

    def __init__(self, text: str) -> None:
        self.original = text
        self._yaml = _yaml()
        self.data: Any = self._yaml.load(text)
        self._before: Any = self._yaml.load(text)

    @classmethod
    def from_file(cls, path: Path) -> EvidenceEdit:
        return cls(read_text(path, str(path)))

    def get(self, path: KeyPath) -> Any:
        """The value at ``path``, or None when it (or a mapping on the way) is not there."""
        current = self.data
        for segment in path:
            in_mapping = isinstance(current, dict) and segment in current
            in_list = (
                isinstance(current, list) and isinstance(segment, int) and segment < len(current)
            )
            if not (in_mapping or in_list):
                return None
            current = current[segment]
        return current

    def set(self, path: KeyPath, value: Any) -> None:
        """Set the value at ``path``, creating the mappings on the way (at the end of their parent)."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        if isinstance(value, list) and not any(isinstance(item, dict | list) for item in value):
            value = CommentedSeq(value)
            value.fa.set_flow_style()  # [de, en] on one line, as the examples write short lists
        current = self.data
        for depth, segment in enumerate(path):
            last = depth == len(path) - 1
            if isinstance(current, CommentedMap) and segment not in current:
                order = _field_order(path[:depth])
                rank = order.index(segment) if segment in order else len(order)
                position = sum(1 for key in current if key in order[:rank])
                current.insert(position, segment, value if last else CommentedMap())
            elif last or current[segment] is None:
                current[segment] = value if last else CommentedMap()
            current = current[segment]

    def text(self) -> str:
        """The edited file: the original lines wherever the value they hold is unchanged."""
        stream = io.StringIO()
        self._yaml.dump(self.data, stream)
        dumped = stream.getvalue()
        reloaded = self._yaml.load(dumped)
        old_lines = self.original.splitlines(keepends=True)
        new_lines = dumped.splitlines(keepends=True)
        head = _first_key_line(self._before)
        merged = old_lines[:head] + _splice(
            self._before,
            old_lines,
            (head, len(old_lines)),
            reloaded,
            new_lines,
            (_first_key_line(reloaded), len(new_lines)),
        )
        return "".join(merged)


def _field_order(prefix: KeyPath) -> list[str]:
    """The evidence model's field order for the mapping at ``prefix``: where a new key goes."""
    from clusterkit.models import fieldpaths
    from clusterkit.models.evidence import Evidence

    model: Any = Evidence
    for segment in prefix:
        if isinstance(segment, int):
            continue  # a list item: the list's item model applies
        annotation = fieldpaths.field_annotation(model, segment)
        found = fieldpaths.classify(annotation) if annotation is not None else None
        if found is None or found.model is None:
            return []
        model = found.model
    return list(model.model_fields)


def _first_key_line(mapping: Any) -> int:
    return int(mapping.lc.key(next(iter(mapping)))[0]) if mapping else 0


def _spans(mapping: Any, end: int) -> dict[Any, tuple[int, int]]:
    """Each key's lines in a block mapping: from its key to the next key (or ``end``)."""
    keys = list(mapping)
    starts = [int(mapping.lc.key(key)[0]) for key in keys]
    return {
        key: (start, stop)
        for key, start, stop in zip(keys, starts, [*starts[1:], end], strict=True)
    }


def _flow(value: Any) -> bool:
    """Whether ruamel read the collection in flow style (``{a: 1}``, ``[a, b]``)."""
    return bool(value.fa.flow_style())


def _is_block_mapping(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and not _flow(value)


def _same_length_block_lists(old: Any, new: Any) -> bool:
    return (
        isinstance(old, list)
        and isinstance(new, list)
        and len(old) == len(new) > 0
        and not _flow(old)
        and not _flow(new)
    )


def _splice_items(
    old: Any,
    old_lines: Sequence[str],
    old_end: int,
    new: Any,
    new_lines: Sequence[str],
    new_end: int,
) -> list[str]:
    """The lines of a block list: each unchanged item from the old text, each changed one from the new."""
    old_starts = [int(old.lc.item(index)[0]) for index in range(len(old))]
    new_starts = [int(new.lc.item(index)[0]) for index in range(len(new))]
    lines: list[str] = []
    for index in range(len(old)):
        if old[index] == new[index]:
            stop = old_starts[index + 1] if index + 1 < len(old) else old_end
            lines.extend(old_lines[old_starts[index] : stop])
        else:
            stop = new_starts[index + 1] if index + 1 < len(new) else new_end
            lines.extend(new_lines[new_starts[index] : stop])
    return lines


def _content_and_trailer(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """An entry's lines, and the blank and comment lines after its value (the next entry's heading)."""
    cut = len(lines)
    while cut > 1 and (not lines[cut - 1].strip() or lines[cut - 1].lstrip().startswith("#")):
        cut -= 1
    return list(lines[:cut]), list(lines[cut:])


Lines = Sequence[str]
Span = tuple[int, int]


def _splice(
    old: Any,
    old_lines: Lines,
    old_span: Span,
    new: Any,
    new_lines: Lines,
    new_span: Span,
    depth: int = 0,
) -> list[str]:
    """The lines of a block mapping: unchanged entries from the old text, changed ones from the new.

    A new entry goes right after the value before it, above the comments that head the next entry.
    """
    old_spans, new_spans = _spans(old, old_span[1]), _spans(new, new_span[1])
    lines: list[str] = []
    trailer: list[str] = []
    for key, span in new_spans.items():
        if key not in old:
            content, _ = _content_and_trailer(new_lines[span[0] : span[1]])
            lines.extend(["\n", *content] if depth == 0 else content)
            continue
        lines.extend(trailer)
        entry = _entry(old[key], old_lines, old_spans[key], new[key], new_lines, span, depth)
        content, trailer = _content_and_trailer(entry)
        lines.extend(content)
    return lines + trailer


def _entry(
    old: Any,
    old_lines: Lines,
    old_span: Span,
    new: Any,
    new_lines: Lines,
    new_span: Span,
    depth: int,
) -> list[str]:
    """One entry's lines: the old ones if its value is unchanged, else spliced deeper, else the new."""
    (old_start, old_stop), (start, stop) = old_span, new_span
    if old == new:
        return list(old_lines[old_start:old_stop])
    if _is_block_mapping(old) and _is_block_mapping(new):
        first_child = _first_key_line(old)
        inner = _splice(
            old,
            old_lines,
            (first_child, old_stop),
            new,
            new_lines,
            (_first_key_line(new), stop),
            depth + 1,
        )
        return [*old_lines[old_start:first_child], *inner]  # the key line and comments under it
    if _same_length_block_lists(old, new):
        first = int(old.lc.item(0)[0])
        items, _ = _content_and_trailer(
            _splice_items(old, old_lines, old_stop, new, new_lines, stop)
        )
        # ruamel hangs the comments after a list on its last item: when that item changed, its new
        # lines lack them, so the old ones (the next entry's heading) follow, as for a changed value
        return [
            *old_lines[old_start:first],
            *items,
            *_content_and_trailer(old_lines[old_start:old_stop])[1],
        ]
    # a changed scalar or flow collection: its new lines, then the old comments that followed it
    content, _ = _content_and_trailer(new_lines[start:stop])
    return content + _content_and_trailer(old_lines[old_start:old_stop])[1]


def check_evidence(text: str, display: str) -> None:
    """The strict loader must read ``text`` and the evidence model accept it (else InputError)."""
    from clusterkit.load.validation import validate
    from clusterkit.load.yamlfile import load_text
    from clusterkit.models.evidence import Evidence

    validate(Evidence, load_text(text, display))


def write_evidence(path: Path, text: str) -> None:
    """Check ``text`` as an evidence file, then replace ``path`` with it in one step."""
    check_evidence(text, str(path))
    replace_file(path, text)


def replace_file(path: Path, text: str | bytes) -> None:
    """Write a whole file or nothing, through the output policy (cli/output.py): atomic, only a regular
    file, never through a link out of the repository, and never over another input of the run (a
    document, a pack); the file itself is the one being edited on purpose, so it may be an input."""
    from clusterkit.cli.output import atomic_write

    atomic_write(path, text, editing=True)


def write_new(
    path: Path,
    text: str | bytes,
    *,
    force: bool,
    confirm: Callable[[Path], bool] | None = None,
) -> bool:
    """Write a file that should not exist yet: an existing one is replaced only under --force or when
    ``confirm`` says yes; otherwise it is left alone (False) or, without a way to ask, refused."""
    if path.exists() and not force:
        if confirm is None:
            raise UsageError(f"{path} exists; pass --force to overwrite it")
        if not confirm(path):
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, text)
    return True
