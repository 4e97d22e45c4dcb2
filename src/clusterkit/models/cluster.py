"""The cluster itself: its profile (name, place, field, age) and its cooperation with others."""

from pydantic import Field, computed_field, field_validator

from clusterkit.models.base import (
    AS_OF_DESCRIPTION,
    Count,
    Date,
    LanguageCode,
    Strict,
    Text,
    Year,
    window,
)


class ClusterProfile(Strict):
    """Who the cluster is: shown at the top of every report."""

    name: Text = Field(
        description="The cluster organisation's name as it should appear in reports."
    )
    country: str | None = Field(
        None,
        pattern=r"^[A-Z]{2}$",
        description="ISO 3166-1 alpha-2 country code, upper case (NO, DE, DK). `NO` is read as Norway, not false.",
    )
    region: str | None = Field(
        None, description="Region, ideally its NUTS code (NO0A2) or its name."
    )
    field: str | None = Field(
        None, description="The industry or technology field, e.g. maritime technology."
    )
    founded: Year | None = Field(None, description="Year the cluster organisation was founded.")
    legal_form: str | None = Field(
        None, description="Legal form, e.g. association, limited company."
    )
    website: str | None = Field(
        None,
        pattern=r"^https?://[^\s]+$",
        description="The cluster organisation's website, starting with https:// or http://.",
    )
    website_languages: list[str] | None = Field(
        None,
        description="ISO 639-1 codes of the website's languages, e.g. [no, en]; ECCP wants an English version.",
    )
    website_updated: Date | None = Field(
        None, description="Date of the latest news item or activity visible on the website."
    )
    eccp_profile: str | None = Field(
        None,
        pattern=r"^https?://[^\s]+$",
        description="URL of the cluster's profile on the European Cluster Collaboration Platform, if listed.",
    )
    description: str | None = Field(
        None, description="One or two sentences on what the cluster does."
    )
    language: LanguageCode | None = Field(
        None,
        description="ISO 639-1 code of the language the cluster works in and its documents are in (de, fr, no): headings are matched in every language a pack names and checks name them in this one; reports are written in it where clusterkit has a translation (else in English).",
    )

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str | None) -> str | None:
        # Babel's locale data knows every ISO 639-1 language; a two-letter typo (`dk` for Danish) is not one.
        from babel.localedata import exists

        if value is not None and not exists(value):
            raise ValueError(f"`{value}` is not an ISO 639-1 language code (de, fr, da, nb, …)")
        return value

    @computed_field(
        description="Whether the website has an English version (derived from website_languages)."
    )
    @property
    def website_in_english(self) -> bool | None:
        if self.website_languages is None:
            return None
        return "en" in {language.lower() for language in self.website_languages}


class Cooperation(Strict):
    """Cooperation among participants and with the innovation system (indicators 2.6, 2.7)."""

    as_of: Date | None = Field(None, description=AS_OF_DESCRIPTION)
    joint_projects: Count | None = Field(
        None,
        description="Collaborative projects among participants running in the last 24 months.",
        json_schema_extra=window(24),
    )
    participants_in_joint_projects: Count | None = Field(
        None,
        description="Participants taking part in at least one of those projects.",
        json_schema_extra=window(24),
    )
    innovation_partners: list[Text] | None = Field(
        None,
        description="Named partners in the innovation system: universities, agencies, funders, other clusters.",
    )
    international_partnerships: list[Text] | None = Field(
        None, description="Cooperation agreements with clusters or networks abroad."
    )
