"""Which heading of a document stands for each section a rule requires, in whatever language it is written.

A section is found when one of its names (in any language the pack lists, or the cluster's own heading
mapped in the evidence's ``sections:``) stands in a heading as whole words, ignoring case, accents' forms,
numbering ("2.1", "IV.", "a)") and punctuation: "2. Unser Leitbild:" holds "Leitbild".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from clusterkit.models import rules
from clusterkit.models.evidence import Evidence
from clusterkit.models.facts import Heading
from clusterkit.models.pack import CriteriaPack

# numbering in front of a heading: 2, 2.1, 2.1., 3), IV., a)
NUMBERING = re.compile(r"^\W*(?:(?:\d+(?:\.\d+)*[.)]?|[ivxlc]+[.)]|[a-z][.)])\s+)+")


class Wanted(NamedTuple):
    """One required section: its id (the key of the evidence's ``sections:``) and every name it goes by."""

    id: str
    shown: str
    names: tuple[str, ...]


# The same names and headings are compared for every document rule of every file (a portfolio reads
# thousands): each text is reduced once.
@lru_cache(maxsize=8192)
def normalised(text: str) -> str:
    """A heading or name reduced to lower-case words: no numbering, no punctuation."""
    folded = unicodedata.normalize("NFKC", text).casefold().strip()
    folded = NUMBERING.sub("", folded)
    return " ".join("".join(char if char.isalnum() else " " for char in folded).split())


def wanted_sections(
    rule: rules.DocumentRule,
    language: str | None,
    mapped: Mapping[str, str | list[str]] | None,
) -> list[Wanted]:
    """The rule's sections with the names to look for, shown in the cluster's language where the pack has it."""
    wanted = []
    for section in rule.sections or ():
        if isinstance(section, str):
            key, shown, names = section, section, [section]
        else:
            key, shown, names = section.id, section.shown_name(language), section.all_names()
        extra = (mapped or {}).get(key)
        if extra is not None:
            names = [*([extra] if isinstance(extra, str) else extra), *names]
            shown = names[0]
        wanted.append(Wanted(key, shown, tuple(names)))
    return wanted


def find(section: Wanted, headings: Sequence[Heading]) -> Heading | None:
    """The first heading that holds one of the section's names as whole words."""
    names = [f" {normalised(name)} " for name in section.names if normalised(name)]
    for heading in headings:
        text = f" {normalised(heading.title)} "
        if any(name in text for name in names):
            return heading
    return None


def described(heading: Heading) -> str:
    """“Vision” (page 2): the heading that matched, and its page where the format has pages."""
    return f"“{heading.title}”" + (f" (page {heading.page})" if heading.page else "")


def document_rules(packs: Sequence[CriteriaPack]) -> list[rules.DocumentRule]:
    """Every document rule of the packs' checks and level conditions."""
    found = [check.rule for pack in packs for item in pack.indicators() for check in item.checks]
    found += [c.rule for pack in packs for level in pack.levels for c in level.requires.conditions]
    return [rule for rule in found if isinstance(rule, rules.DocumentRule)]


def unknown_sections(evidence: Evidence, packs: Sequence[CriteriaPack]) -> list[str]:
    """One warning per key of the evidence's `sections:` that no document rule of the packs requires:
    a typo there would otherwise leave a section missing without a word about why."""
    known = {
        section if isinstance(section, str) else section.id
        for rule in document_rules(packs)
        for section in rule.sections or ()
    }
    return [
        f"sections: `{key}` is not a section the assessed packs require "
        f"(they require: {', '.join(sorted(known)) or 'none'}); it is not used"
        for key in sorted(evidence.sections or {})
        if key not in known
    ]
