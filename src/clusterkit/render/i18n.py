"""The languages reports are written in: gettext catalogues and Babel's number and date formats.

The language is an input of a renderer (``RenderOptions.language``), never the process's locale: the same
assessment and language give the same bytes on any machine.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_FLOOR, Decimal
from functools import cache
from typing import NamedTuple

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from clusterkit.render.languages import LANGUAGES, SOURCE_LANGUAGE
from clusterkit.resources import locale_dir

DOMAIN = "clusterkit"
# The Babel locale whose number and date formats a language uses: the reports' English is European
# English ("1 October 2026", not "October 1, 2026").
FORMAT_LOCALES = {"en": "en_GB"}


@cache
def translations(language: str) -> NullTranslations:
    """The compiled catalogue of a language (English: the msgids as they are)."""
    if language not in LANGUAGES:
        raise ValueError(f"no report translation for {language!r}")
    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    return Translations.load(str(locale_dir()), [language], DOMAIN)


class Formats(NamedTuple):
    """Numbers, scores and dates written the way a reader of ``language`` expects."""

    language: str
    unknown_score: str = "n/a"

    @property
    def locale(self) -> Locale:
        return Locale.parse(FORMAT_LOCALES.get(self.language, self.language))

    def score(self, value: float | None) -> str:
        """A score rounded down to one decimal (79.96 % never reads as 80 %): 61.2 % / 61,2 %."""
        if value is None:
            return self.unknown_score
        tenths = (Decimal(str(value)) * 1000).to_integral_value(rounding=ROUND_FLOOR) / 10
        return f"{format_decimal(tenths, format='#,##0.#', locale=self.locale)} %"

    def number(self, value: float) -> str:
        """Points and counts: 36.5 / 36,5, no trailing zero."""
        return format_decimal(value, format="#,##0.###", locale=self.locale)

    def date(self, value: dt.date) -> str:
        """A date in words: 1 October 2026, 1. Oktober 2026, 1 octobre 2026."""
        return format_date(value, format="long", locale=self.locale)
