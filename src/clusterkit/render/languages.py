"""The languages reports are written in, by name only: checking a `--lang` imports no catalogue or Babel."""

from __future__ import annotations

SOURCE_LANGUAGE = "en"
# Languages with a catalogue; English is the msgids themselves. French covers the summary only.
LANGUAGES = ("en", "de", "fr")
