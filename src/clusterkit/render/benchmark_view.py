"""One cluster against its peers (`report --benchmark`): its area scores beside the peer medians.

The peers are the cluster's group in the benchmark file when the file groups by a field the report knows
(`cluster.field`, `cluster.country`, `cluster.region`) and that group's statistics are not withheld;
otherwise the whole portfolio. Only requested packs the benchmark covers are shown.
"""

from __future__ import annotations

from typing import NamedTuple

from markupsafe import Markup

from clusterkit.render.portfolio_charts import radar
from clusterkit.results.assessment import Assessment, PackAssessment
from clusterkit.results.portfolio_result import ALL, Benchmark, BenchmarkPack, Distribution


class PeerArea(NamedTuple):
    id: str
    title: str
    score: float | None
    peers: Distribution | None


class PeerView(NamedTuple):
    pack: str
    title: str
    # Who the cluster is compared with: its group (the field grouped by, the cluster's value of it), or
    # None for the whole portfolio; the template words it in the report's language.
    peers_group: tuple[str, str] | None
    peers_n: int
    areas: list[PeerArea]
    line: tuple[str, float] | None  # the target level's score threshold, else the highest one

    def chart(self) -> Markup | None:
        """The radar, when every area has a peer median to draw."""
        medians = [area.peers.median if area.peers else None for area in self.areas]
        if len(self.areas) < 3 or any(value is None for value in medians):
            return None
        return radar(
            [f"{area.id} {area.title}" for area in self.areas],
            [area.score or 0.0 for area in self.areas],
            [value or 0.0 for value in medians],
            self.line[1] if self.line else None,
            title=f"Area scores against the peer median, {self.title}",
            chart_id=f"radar-{self.pack}",
        )


def _group(assessment: Assessment, group_by: str) -> str | None:
    cluster = assessment.cluster
    known = {"cluster.field": cluster.field, "cluster.country": cluster.country}
    known["cluster.region"] = cluster.region
    return known.get(group_by)


def _line(result: PackAssessment, pack: BenchmarkPack) -> tuple[str, float] | None:
    titles = {level.id: level.title for level in result.levels}
    target = pack.levels.get(result.target_level)
    if target is not None:
        return titles.get(result.target_level, result.target_level), target
    scored = [(level, value) for level, value in pack.levels.items() if value is not None]
    if not scored:
        return None
    level, value = scored[-1]
    return titles.get(level, level), value


def _view(
    assessment: Assessment, result: PackAssessment, pack: BenchmarkPack, group_by: str
) -> PeerView:
    group = _group(assessment, group_by)
    score = pack.measures.get("score", {})
    chosen = group if group in score and not score[group].suppressed else ALL
    label = (group_by, group) if chosen != ALL and group is not None else None
    n = score[chosen].n if chosen in score else 0
    areas = [
        PeerArea(
            id=area.id,
            title=area.title,
            score=area.score,
            peers=pack.measures.get(f"area {area.id}", {}).get(chosen),
        )
        for area in result.areas
    ]
    return PeerView(result.pack, result.title, label, n, areas, _line(result, pack))


def peer_views(assessment: Assessment, benchmark: Benchmark) -> list[PeerView]:
    """A view per requested pack of the assessment that the benchmark covers."""
    by_pack = {pack.pack: pack for pack in benchmark.packs}
    return [
        _view(assessment, result, by_pack[result.pack], benchmark.group_by)
        for result in assessment.packs
        if result.requested and result.pack in by_pack and result.areas
    ]
