"""The cluster's profile, as the head of every report shows it."""

from __future__ import annotations

from clusterkit.models.evidence import Evidence
from clusterkit.results.assessment import ClusterSummary


def summarise(evidence: Evidence) -> ClusterSummary:
    """Name, place, field, size and team of the cluster."""
    cluster = evidence.cluster
    return ClusterSummary.built(
        name=cluster.name,
        country=cluster.country,
        region=cluster.region,
        field=cluster.field,
        founded=cluster.founded,
        website=cluster.website,
        participants=evidence.participants.committed if evidence.participants else None,
        fte=evidence.management.fte if evidence.management else None,
        services=len(evidence.services) if evidence.services is not None else None,
    )
