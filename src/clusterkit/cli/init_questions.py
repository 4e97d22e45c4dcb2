"""The questions `clusterkit init` asks: each with its flag, prompt, default and check as you type."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

Parse = Callable[[str], Any]


def text(value: str) -> str:
    if not value.strip():
        raise ValueError("this cannot be empty")
    return value.strip()


def country(value: str) -> str:
    code = value.strip()
    if not re.fullmatch(r"[A-Za-z]{2}", code):
        raise ValueError(
            f"`{code}` is not a two-letter country code; write the ISO 3166-1 code, e.g. AT for Austria"
        )
    return code.upper()


def year(value: str) -> int:
    if not re.fullmatch(r"\d{4}", value.strip()):
        raise ValueError(f"`{value}` is not a year; write four digits, e.g. 2015")
    return int(value)


def count(value: str) -> int:
    if not re.fullmatch(r"\d+", value.strip()):
        raise ValueError(f"`{value}` is not a whole number of 0 or more")
    return int(value)


def fte(value: str) -> float:
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        raise ValueError(f"`{value}` is not a number; write e.g. 2.5") from None
    if not 0 < number <= 100:
        raise ValueError("the team's full-time equivalents must be above 0 (and at most 100)")
    return number


def url(value: str) -> str:
    if not re.fullmatch(r"https?://\S+", value.strip()):
        raise ValueError(f"`{value}` is not a web address; start it with https://")
    return value.strip()


def languages(value: str) -> list[str]:
    codes = [code.strip().lower() for code in re.split(r"[,\s]+", value) if code.strip()]
    bad = [code for code in codes if not re.fullmatch(r"[a-z]{2}", code)]
    if bad or not codes:
        raise ValueError("write two-letter ISO 639-1 codes separated by commas, e.g. de, en")
    return codes


def path(value: str) -> str:
    return value.strip()


class Question(NamedTuple):
    """One answer init needs: the flag that gives it, the prompt that asks it, how it is read."""

    key: str
    prompt: str
    parse: Parse
    default: str | None = None
    required: bool = False


QUESTIONS: tuple[Question, ...] = (
    Question("name", "Name of the cluster organisation", text, required=True),
    Question("country", "Country (ISO code, e.g. AT)", country, required=True),
    Question("region", "Region (NUTS code or name; empty if you do not know)", text),
    Question("field", "Industry or technology field", text),
    Question("founded", "Year the cluster organisation was founded", year),
    # required by the evidence model until participants becomes optional (issue 11)
    Question("members", "Committed members (participants) in total", count, required=True),
    Question("companies", "  of which companies (SMEs included)", count),
    Question("smes", "  of which SMEs", count),
    Question("research", "  research organisations", count),
    Question("education", "  education and training organisations", count),
    Question("public", "  public bodies", count),
    Question("fte", "Full-time equivalents of the cluster management team, e.g. 2.5", fte),
    Question("website", "Website (https://...)", url),
    Question("website_languages", "Languages of the website (ISO codes, e.g. de, en)", languages),
    Question("language", "Language of your documents (ISO code)", lambda v: languages(v)[0], "en"),
)
BY_TYPE = ("companies", "smes", "research", "education", "public")


class DocumentQuestion(NamedTuple):
    """A document the packs read: where it is, or where init may put a skeleton of it."""

    key: str
    field: tuple[str, ...]
    title: str
    default_path: str


DOCUMENTS: tuple[DocumentQuestion, ...] = (
    DocumentQuestion("strategy", ("strategy", "document"), "Cluster strategy", "docs/strategy.md"),
    DocumentQuestion(
        "action_plan",
        ("strategy", "implementation_plan", "document"),
        "Implementation (action) plan",
        "docs/action-plan.md",
    ),
    DocumentQuestion(
        "budget", ("financing", "controlling", "budget"), "Annual budget", "docs/budget.md"
    ),
    DocumentQuestion(
        "statutes", ("management", "governance", "statutes"), "Statutes", "docs/statutes.md"
    ),
)
