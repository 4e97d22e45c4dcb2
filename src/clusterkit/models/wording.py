"""A pack's wording in another language: titles, guidance, fixes and advice by id, apart from its structure.

A pack keeps its rules, points and thresholds in one file; each translation is a file of words only,
``locales/<language>/<pack id>.yaml`` beside it, so a translator cannot change a threshold by accident.
"""

from pydantic import Field

from clusterkit.models.base import Strict, Text


class CheckWording(Strict):
    """The words of one check or level condition."""

    title: Text | None = Field(None, description="What is checked.")
    fix: Text | None = Field(None, description="What to do when it is not met.")


class IndicatorWording(Strict):
    """The words of one indicator and its checks."""

    title: Text | None = Field(None, description="The indicator's name.")
    guidance: Text | None = Field(None, description="What an assessor looks for.")
    checks: dict[str, CheckWording] = Field(default_factory=dict, description="By check id.")


class LevelWording(Strict):
    """The words of one level and its conditions."""

    title: Text | None = Field(None, description="The level's name.")
    description: Text | None = Field(None, description="What reaching it means.")
    conditions: dict[str, CheckWording] = Field(
        default_factory=dict, description="By condition id."
    )


class TitleWording(Strict):
    """Something known by its title alone (an area, a strategic area)."""

    title: Text = Field(description="The title.")


class ClassWording(Strict):
    """The words of one portfolio class."""

    title: Text | None = Field(None, description="The class name.")
    advice: Text | None = Field(None, description="What to do with its services.")


class PackWording(Strict):
    """The translation of one pack into one language; any text left out stays as the pack has it."""

    pack: str = Field(description="The id of the pack this file translates.")
    language: str = Field(pattern=r"^[a-z]{2}$", description="ISO 639-1 code, lower case.")
    title: Text | None = Field(None, description="The pack's title.")
    description: Text | None = Field(None, description="The pack's description.")
    levels: dict[str, LevelWording] = Field(default_factory=dict, description="By level id.")
    areas: dict[str, TitleWording] = Field(default_factory=dict, description="By area id.")
    indicators: dict[str, IndicatorWording] = Field(
        default_factory=dict, description="By indicator id."
    )
    portfolio_classes: dict[str, ClassWording] = Field(
        default_factory=dict, description="By portfolio class id."
    )
    strategic_areas: dict[str, TitleWording] = Field(
        default_factory=dict, description="By strategic area id."
    )
