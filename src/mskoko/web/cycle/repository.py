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

# the descriptive components stay JSON lists on the track row; the rest are rows of their own
_TRACK_JSON = ("indicators", "collection_methods", "monitoring", "analysis", "recommendations")


def _ordered(rows: Any) -> list[Any]:
    return sorted(rows, key=lambda row: (row.position, row.id))


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


def decision_dict(row: m.Decision) -> dict[str, Any]:
    """A stored decision row in the ``serialize`` shape."""
    return {"kind": row.kind, "number": row.number, "title": row.title,
            "date": row.date.isoformat() if row.date else None}


def conclusion_dict(row: m.EffectivenessConclusion) -> dict[str, Any]:
    """A stored effectiveness conclusion row in the ``serialize`` shape."""
    return {"measure_number": row.measure_number, "dates": row.dates or None, "done": row.done,
            "conclusion": row.conclusion, "effective": row.effective or None}


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
        for track in row.tracks.prefetch_related("measures", "decisions", "conclusions") \
                .order_by("position", "id"):
            data: dict[str, Any] = {"track_id": track.track_id, "goal": track.goal}
            data.update({name: getattr(track, name) for name in _TRACK_JSON})
            data["measures"] = [measure_dict(x) for x in _ordered(track.measures.all())]
            data["decisions"] = [decision_dict(x) for x in _ordered(track.decisions.all())]
            data["effectiveness"] = [conclusion_dict(x)
                                     for x in _ordered(track.conclusions.all())]
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
            decisions: list[m.Decision] = []
            conclusions: list[m.EffectivenessConclusion] = []
            for position, track in enumerate(data["tracks"]):
                track_row = m.TrackCycle.objects.create(
                    cycle=row, track_id=track["track_id"], position=position, goal=track["goal"],
                    **{name: track[name] for name in _TRACK_JSON},
                )
                measures += [m.Measure(track=track_row, position=index, **measure_fields(item))
                             for index, item in enumerate(track["measures"])]
                decisions += [m.Decision(
                    track=track_row, position=index, kind=item["kind"], number=item["number"],
                    title=item["title"], date=serialize.parse_date(item["date"]),
                ) for index, item in enumerate(track["decisions"])]
                conclusions += [m.EffectivenessConclusion(
                    track=track_row, position=index, measure_number=item["measure_number"],
                    dates=item["dates"] or "", done=item["done"], conclusion=item["conclusion"],
                    effective=item["effective"] or "",
                ) for index, item in enumerate(track["effectiveness"])]
            m.Measure.objects.bulk_create(measures)
            m.Decision.objects.bulk_create(decisions)
            m.EffectivenessConclusion.objects.bulk_create(conclusions)
            audit.record(
                self.actor, "cycle_changed", object_type="cycle", object_id=cycle.municipality_id,
                municipality=municipality, actor=self.actor_name,
                details={"year": cycle.year, "tracks": len(cycle.tracks),
                         "measures": len(measures), "decisions": len(decisions),
                         "conclusions": len(conclusions)},
            )

    def list_municipalities(self) -> list[tuple[str, str]]:
        return [(mid, name) for mid, name in m.Cycle.objects.select_related("municipality")
                .order_by("municipality_id").values_list("municipality_id", "municipality__name")]


__all__ = ["DjangoCycleRepository", "conclusion_dict", "decision_dict", "measure_dict",
           "measure_fields"]
