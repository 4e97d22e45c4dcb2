"""Generate N varied, valid evidence files from the examples, for the portfolio benchmark and its tests.

Each file is one of the examples with its numbers, dates, services, KPIs and sections varied and some of
its documents missing, under a new name and one of a few fields (so peer groups have members). The same
seed gives the same files.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ("nordic-maritime", "agrifood-midlands", "hydrogen-start")
FIELDS = (
    "maritime technology",
    "food and agriculture",
    "green hydrogen",
    "health technology",
    "digital manufacturing",
    "creative industries",
)
WORDS = ("Northern", "Coastal", "Valley", "Alpine", "Lakeside", "Delta", "Upland", "Harbour")
COUNTS = ("committed", "formally_committed", "in_region")
MISSING_DOCUMENT = 0.15  # share of documents left out of a generated cluster's folder
DROPPED_SECTION = 0.1  # chance that an optional section is left out (its indicators become unknown)


def _templates() -> dict[str, dict[str, Any]]:
    templates = {}
    for name in EXAMPLES:
        data = yaml.safe_load(
            (ROOT / "examples" / name / "cluster.yaml").read_text(encoding="utf-8")
        )
        # PyYAML reads the bare NO of Norway (country, language) as false; clusterkit's loader does not.
        cluster = data["cluster"]
        if cluster.get("country") is False:
            cluster["country"] = "NO"
        languages = cluster.get("website_languages") or []
        cluster["website_languages"] = ["no" if item is False else item for item in languages]
        templates[name] = data
    return templates


def _scale(section: dict[str, Any], factor: float) -> None:
    """Participant counts times one factor, rounded down: every `at most` relation between them holds."""
    for key in COUNTS:
        if isinstance(section.get(key), int):
            section[key] = max(1, int(section[key] * factor))
    by_type = section.get("by_type") or {}
    for key, value in by_type.items():
        if isinstance(value, int):
            by_type[key] = int(value * factor)


def _subset(items: list[Any], rng: random.Random, least: int) -> list[Any]:
    if len(items) <= least:
        return items
    keep = sorted(rng.sample(range(len(items)), rng.randint(least, len(items))))
    return [items[index] for index in keep]


def vary(data: dict[str, Any], rng: random.Random, number: int) -> dict[str, Any]:
    """One varied copy of an example's data."""
    data = copy.deepcopy(data)
    field = FIELDS[number % len(FIELDS)]
    cluster = data["cluster"]
    cluster["name"] = f"{rng.choice(WORDS)} {field.title()} Cluster {number:05d}"
    cluster["field"] = field
    cluster["description"] = f"Generated cluster {number:05d}: {rng.choice(WORDS)} {field} network."
    cluster["website"] = f"https://cluster-{number:05d}.example.org"
    data["assessment_date"] = data["assessment_date"] + dt.timedelta(days=rng.randint(0, 400))
    _scale(data["participants"], rng.uniform(0.6, 2.0))
    for member in data.get("management", {}).get("staff", []):
        member["fte"] = rng.choice((0.5, 0.8, 1.0))
    data["services"] = _subset(data.get("services", []), rng, 1)
    data["kpis"] = _subset(data.get("kpis", []), rng, 0)
    communication = data.get("communication", {})
    for key in ("newsletters_per_year", "events_per_year"):
        if key in communication:
            communication[key] = rng.randint(0, 12)
    for section in ("cooperation", "satisfaction_surveys", "improvement_areas"):
        if section in data and rng.random() < DROPPED_SECTION:
            del data[section]
    return data


def _documents(example: str, folder: Path, rng: random.Random) -> None:
    """The example's documents, hard-linked (cheap for 10,000 folders); some left out on purpose."""
    source = ROOT / "examples" / example / "docs"
    (folder / "docs").mkdir(parents=True)
    for document in sorted(source.iterdir()):
        if rng.random() < MISSING_DOCUMENT:
            continue
        target = folder / "docs" / document.name
        try:
            os.link(document, target)
        except OSError:  # another file system
            shutil.copyfile(document, target)


def generate(target: Path, count: int, seed: int = 14) -> list[Path]:
    """Write ``count`` evidence files under ``target`` (one folder each) and return their paths."""
    rng = random.Random(seed)
    templates = _templates()
    written = []
    for number in range(count):
        example = EXAMPLES[number % len(EXAMPLES)]
        folder = target / f"cluster-{number:05d}"
        _documents(example, folder, rng)
        data = vary(templates[example], rng, number)
        path = folder / "cluster.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        written.append(path)
    return written
