"""Which of the nine cycle components each track has: a full cycle or an incomplete one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mskoko.cycle.model import MunicipalCycle, TrackCycle

# The nine components (ids of the rulebook's cycle_components) and the field holding each.
COMPONENT_FIELDS: dict[str, str] = {
    "goals": "goal",
    "indicators": "indicators",
    "collection_methods": "collection_methods",
    "monitoring": "monitoring",
    "analysis": "analysis",
    "recommendations": "recommendations",
    "measures": "measures",
    "decisions": "decisions",
    "effectiveness": "effectiveness",
}
FULL_LABEL = "полный цикл"
INCOMPLETE_LABEL = "неполный цикл"


@dataclass
class ComponentState:
    id: str
    title: str
    present: bool
    count: int  # how many items the component holds (1 for a goal)
    required: bool  # the rulebook lists it for the track's function


@dataclass
class TrackCompleteness:
    track_id: str
    title: str
    components: list[ComponentState] = field(default_factory=list)

    @property
    def present(self) -> list[str]:
        return [c.id for c in self.components if c.present]

    @property
    def missing(self) -> list[str]:
        return [c.id for c in self.components if not c.present]

    @property
    def missing_required(self) -> list[str]:
        return [c.id for c in self.components if c.required and not c.present]

    @property
    def full(self) -> bool:
        return not self.missing

    @property
    def label(self) -> str:
        return FULL_LABEL if self.full else INCOMPLETE_LABEL


def component_count(track: TrackCycle, component_id: str) -> int:
    value = getattr(track, COMPONENT_FIELDS[component_id])
    if isinstance(value, str):
        return 1 if value.strip() else 0
    return len(value)


def cycle_completeness(
    cycle: MunicipalCycle, rulebook: Any, *, all_tracks: bool = False
) -> list[TrackCompleteness]:
    """Per track of the cycle (or of every scored track with ``all_tracks``): components
    present and missing; a track is a full cycle when all nine are present."""
    titles = {c.id: c.title for c in rulebook.cycle_components}
    order = [c.id for c in sorted(rulebook.cycle_components, key=lambda c: c.number)]
    order = [c for c in order if c in COMPONENT_FIELDS] or list(COMPONENT_FIELDS)
    known = {t.id: t for _, t in rulebook.tracks()}
    track_ids = [t.track_id for t in cycle.tracks]
    if all_tracks:
        scored = [t.id for s, t in rulebook.tracks() if s.scored]
        track_ids = scored + [t for t in track_ids if t not in scored]
    result: list[TrackCompleteness] = []
    for track_id in track_ids:
        track = cycle.track(track_id) or TrackCycle(track_id=track_id)
        spec = known.get(track_id)
        required = set(spec.components) if spec else set(COMPONENT_FIELDS)
        entry = TrackCompleteness(track_id, spec.title if spec else f"трек {track_id}")
        for component in order:
            count = component_count(track, component)
            entry.components.append(ComponentState(
                component, titles.get(component, component), count > 0, count,
                component in required,
            ))
        result.append(entry)
    return result


__all__ = ["COMPONENT_FIELDS", "FULL_LABEL", "INCOMPLETE_LABEL", "ComponentState",
           "TrackCompleteness", "component_count", "cycle_completeness"]
