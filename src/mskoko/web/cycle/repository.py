"""The core ``CycleRepository`` on Django models: save replaces a municipality's cycle in one
transaction and writes an audit entry; load rebuilds the plain dataclasses."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from mskoko.cycle import serialize
from mskoko.cycle.model import MunicipalCycle
from mskoko.web import audit
from mskoko.web.core.models import Municipality
from mskoko.web.cycle import models as m

_TRACK_JSON = ("indicators", "collection_methods", "monitoring", "analysis", "recommendations",
               "decisions", "effectiveness")


def measure_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Model fields of a measure from its ``serialize.measure_to_dict`` shape."""
    return {
        "number": data["number"], "task": data["task"], "text": data["text"],
        "deadline": data["deadline"] or "", "responsible": data["responsible"],
        "result": data["result"], "regional_document_id": data["regional_document_id"] or "",
        "regional_measure_id": data["regional_measure_id"] or "", "stage": data["stage"] or "",
        "events": data["events"],
    }


def measure_dict(row: m.Measure) -> dict[str, Any]:
    """A stored measure row in the ``serialize`` shape (for ``serialize.measure_from_dict``)."""
    return {
        "number": row.number, "task": row.task, "text": row.text, "deadline": row.deadline,
        "responsible": row.responsible, "result": row.result,
        "regional_document_id": row.regional_document_id or None,
        "regional_measure_id": row.regional_measure_id or None, "stage": row.stage or None,
        "events": row.events,
    }


class DjangoCycleRepository:
    """Cycles in the workspace database. ``actor`` (a user) is recorded in the audit log."""

    def __init__(self, actor: Any = None, actor_name: str = "командная строка") -> None:
        self.actor = actor
        self.actor_name = actor_name

    def load(self, municipality_id: str) -> MunicipalCycle | None:
        row = m.Cycle.objects.select_related("municipality").filter(
            municipality_id=municipality_id).first()
        if row is None:
            return None
        tracks = []
        for track in row.tracks.prefetch_related("measures").order_by("position", "id"):
            data = {"track_id": track.track_id, "goal": track.goal}
            data.update({name: getattr(track, name) for name in _TRACK_JSON})
            data["measures"] = [measure_dict(x) for x in
                                sorted(track.measures.all(), key=lambda x: (x.position, x.id))]
            tracks.append(data)
        return serialize.from_dict({
            "schema": serialize.SCHEMA_TYPE, "schema_version": serialize.SCHEMA_VERSION,
            "municipality_id": row.municipality_id, "municipality_name": row.municipality.name,
            "year": row.year, "specifics": row.specifics, "tracks": tracks,
        })

    def save(self, cycle: MunicipalCycle) -> None:
        data = serialize.to_dict(cycle)
        with transaction.atomic():
            municipality, created = Municipality.objects.get_or_create(
                id=cycle.municipality_id, defaults={"name": cycle.municipality_name})
            if not created and not municipality.name:
                municipality.name = cycle.municipality_name
                municipality.save(update_fields=["name"])
            m.Cycle.objects.filter(municipality=municipality).delete()
            row = m.Cycle.objects.create(municipality=municipality, year=cycle.year,
                                         specifics=cycle.specifics)
            measures: list[m.Measure] = []
            for position, track in enumerate(data["tracks"]):
                track_row = m.TrackCycle.objects.create(
                    cycle=row, track_id=track["track_id"], position=position, goal=track["goal"],
                    **{name: track[name] for name in _TRACK_JSON},
                )
                measures += [m.Measure(track=track_row, position=index, **measure_fields(item))
                             for index, item in enumerate(track["measures"])]
            m.Measure.objects.bulk_create(measures)
            audit.record(
                self.actor, "cycle_changed", object_type="cycle", object_id=cycle.municipality_id,
                municipality=municipality, actor=self.actor_name,
                details={"year": cycle.year, "tracks": len(cycle.tracks),
                         "measures": len(measures)},
            )

    def list_municipalities(self) -> list[tuple[str, str]]:
        return [(mid, name) for mid, name in m.Cycle.objects.select_related("municipality")
                .order_by("municipality_id").values_list("municipality_id", "municipality__name")]


__all__ = ["DjangoCycleRepository", "measure_dict", "measure_fields"]
