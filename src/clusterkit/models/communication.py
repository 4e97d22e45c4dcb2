"""What the cluster tells the world: press, success stories, newsletters, website and events."""

from pydantic import Field

from clusterkit.models.base import (
    AS_OF_DESCRIPTION,
    Count,
    Date,
    DocumentPath,
    Strict,
    Text,
    window,
)


class PressItem(Strict):
    """A mention of the cluster in the press, publications or media (indicator 5.1)."""

    date: Date = Field(description="Publication date.")
    title: Text = Field(description="Headline or title.")
    outlet: str | None = Field(None, description="Newspaper, magazine, broadcaster or journal.")
    url: str | None = Field(None, pattern=r"^https?://[^\s]+$", description="Link to the item.")


class SuccessStory(Strict):
    """A documented success of participants that the cluster made possible (indicator 5.2)."""

    title: Text = Field(description="Short title of the story.")
    date: Date | None = Field(None, description="When it was published or achieved.")
    participants: list[Text] | None = Field(None, description="Participants involved.")
    document: DocumentPath | None = Field(None, description="Where the story is written up.")


class Communication(Strict):
    """Communication and recognition of the cluster (indicators 4.6.1, 5.1, 5.2)."""

    plan: DocumentPath | None = Field(None, description="The communication plan or concept.")
    as_of: Date | None = Field(None, description=AS_OF_DESCRIPTION)
    newsletters_per_year: Count | None = Field(
        None, description="Newsletters sent in the last 12 months.", json_schema_extra=window(12)
    )
    events_per_year: Count | None = Field(
        None,
        description="Events the cluster organised in the last 12 months.",
        json_schema_extra=window(12),
    )
    channels: list[Text] | None = Field(
        None, description="Channels used: newsletter, LinkedIn, website news, ..."
    )
    press: list[PressItem] | None = Field(None, description="Press and media mentions.")
    success_stories: list[SuccessStory] | None = Field(
        None, description="Documented success stories."
    )
