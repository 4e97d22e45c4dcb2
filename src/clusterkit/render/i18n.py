"""The languages reports are written in: gettext catalogues and Babel's number and date formats.

The language is an input of a renderer (``RenderOptions.language``), never the process's locale: the same
assessment and language give the same bytes on any machine.

English, the source language and the default, is written without Babel: importing it and loading its
locale data for en_GB (root, en, en_001, en_150 and en_GB merged) was 15 to 20 ms of every report, for a
decimal point, a comma between thousands and twelve month names. Its strings are Babel's, character for
character: tests/test_i18n.py compares them with Babel's for every language over many numbers and dates.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_FLOOR, Decimal
from functools import cache
from gettext import NullTranslations
from typing import TYPE_CHECKING, NamedTuple

from clusterkit.render.languages import LANGUAGES, SOURCE_LANGUAGE
from clusterkit.resources import locale_dir

if TYPE_CHECKING:
    from babel import Locale

DOMAIN = "clusterkit"
# The Babel locale whose number and date formats a language uses: the reports' English is European
# English ("1 October 2026", not "October 1, 2026").
FORMAT_LOCALES = {"en": "en_GB"}
# Babel's patterns (CLDR's syntax): a score to one decimal, points and counts to three, no trailing zero.
SCORE_PATTERN = "#,##0.#"
NUMBER_PATTERN = "#,##0.###"
# en_GB's month names (CLDR "format", "wide"): its long date is "d MMMM y".
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@cache
def translations(language: str) -> NullTranslations:
    """The compiled catalogue of a language (English: the msgids as they are)."""
    if language not in LANGUAGES:
        raise ValueError(f"no report translation for {language!r}")
    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    from babel.support import Translations

    return Translations.load(str(locale_dir()), [language], DOMAIN)


@cache
def format_locale(language: str) -> Locale:
    """The Babel locale of a language's number and date formats."""
    from babel import Locale

    return Locale.parse(FORMAT_LOCALES.get(language, language))


class Formats(NamedTuple):
    """Numbers, scores and dates written the way a reader of ``language`` expects."""

    language: str
    unknown_score: str = "n/a"

    @property
    def locale(self) -> Locale:
        return format_locale(self.language)

    def score(self, value: float | None) -> str:
        """A score rounded down to one decimal (79.96 % never reads as 80 %): 61.2 % / 61,2 %."""
        if value is None:
            return self.unknown_score
        tenths = (Decimal(str(value)) * 1000).to_integral_value(rounding=ROUND_FLOOR) / 10
        return f"{self._decimal(tenths, SCORE_PATTERN, 1)} %"

    def number(self, value: float) -> str:
        """Points and counts: 36.5 / 36,5, no trailing zero."""
        return self._decimal(value, NUMBER_PATTERN, 3)

    def date(self, value: dt.date) -> str:
        """A date in words: 1 October 2026, 1. Oktober 2026, 1 octobre 2026."""
        if self.language == SOURCE_LANGUAGE:
            return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"
        from babel.dates import format_date

        return format_date(value, format="long", locale=self.locale)

    def _decimal(self, value: float | Decimal, pattern: str, places: int) -> str:
        """``value`` in ``pattern``, whose fraction has at most ``places`` digits."""
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        if self.language == SOURCE_LANGUAGE and number.is_finite():
            return english_decimal(number, places)
        from babel.numbers import format_decimal

        return format_decimal(value, format=pattern, locale=self.locale)


def english_decimal(number: Decimal, places: int) -> str:
    """What Babel writes for en_GB: the sign apart, the magnitude rounded half to even to ``places``
    digits, a comma between thousands, the fraction without trailing zeros."""
    rounded = abs(number).normalize().quantize(Decimal(10) ** -places)
    whole, _, fraction = f"{rounded:,f}".partition(".")
    fraction = fraction.rstrip("0")
    return ("-" if number.is_signed() else "") + whole + ("." + fraction if fraction else "")
