"""Closed vocabularies of the evidence file: strategic areas and the service portfolio's three questions.

The identifiers are what a cluster manager types; the titles and examples of the nine strategic areas, and
what each portfolio position means, are data in the strategy-process criteria pack.
"""

from enum import StrEnum


class StrategicArea(StrEnum):
    """The nine strategic areas for member services (seed, 'Strategic areas - member services')."""

    INNOVATION = "innovation"
    BUSINESS_OPPORTUNITIES = "business_opportunities"
    ENTREPRENEURSHIP = "entrepreneurship"
    EDUCATION_TRAINING = "education_training"
    MARKETING_BRANDING = "marketing_branding"
    FRAMEWORK_CONDITIONS = "framework_conditions"
    CLUSTER_DEVELOPMENT = "cluster_development"
    INTERNATIONALISATION = "internationalisation"
    OTHER = "other"


class Frequency(StrEnum):
    """How often the cluster management applies a service (the seed's 'Applied by CM' column)."""

    RARE = "rare"
    USUAL = "usual"
    OFTEN = "often"


class Contribution(StrEnum):
    """A service's financial contribution (the seed's €-, €0 and €+ columns)."""

    COSTS = "costs"
    NEUTRAL = "neutral"
    EARNS = "earns"


class Appreciation(StrEnum):
    """How members appreciate a service (the seed's three faces: pleased, indifferent, displeased)."""

    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


class DeclaredStatus(StrEnum):
    """What a cluster may declare about an indicator it cannot prove with numbers alone."""

    MET = "met"
    PARTIAL = "partial"
    UNMET = "unmet"
    NOT_APPLICABLE = "not_applicable"


class PlanStatus(StrEnum):
    """Where an item of the improvement plan stands, as its owner reports it (the check says whether it worked)."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class StrategyLevel(StrEnum):
    """Levels of strategies a cluster strategy should be linked to (seed, 'Related strategies')."""

    EUROPEAN = "european"
    NATIONAL = "national"
    REGIONAL = "regional"
    SECTOR = "sector"
    SOCIETAL = "societal"


# Where each answer sits on the portfolio matrix's axes: the scorer places services by these, the charts draw them.
CONTRIBUTION_VALUE = {Contribution.COSTS: -1, Contribution.NEUTRAL: 0, Contribution.EARNS: 1}
APPRECIATION_VALUE = {Appreciation.NEGATIVE: -1, Appreciation.NEUTRAL: 0, Appreciation.POSITIVE: 1}
