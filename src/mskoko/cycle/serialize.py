"""A cycle as a plain dict and as YAML (schema ``mskoko.cycle`` v1); deadlines as Russian text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from mskoko.cycle.deadline import Deadline
from mskoko.cycle.model import (
    Decision,
    EffectivenessConclusion,
    EventStep,
    Indicator,
    Measure,
    Method,
    MunicipalCycle,
    Recommendation,
    TrackCycle,
)
from mskoko.errors import MskokoError

SCHEMA_TYPE = "mskoko.cycle"
SCHEMA_VERSION = 1


def _deadline(value: Deadline | None) -> str | None:
    return value.render() if value else None


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def measure_to_dict(measure: Measure) -> dict[str, Any]:
    return {
        "number": measure.number,
        "task": measure.task,
        "text": measure.text,
        "deadline": _deadline(measure.deadline),
        "responsible": list(measure.responsible),
        "result": measure.result,
        "regional_document_id": measure.regional_document_id,
        "regional_measure_id": measure.regional_measure_id,
        "stage": measure.stage,
        "events": [
            {"stage": e.stage, "text": e.text, "deadline": _deadline(e.deadline),
             "responsible": list(e.responsible)}
            for e in measure.events
        ],
    }


def track_to_dict(track: TrackCycle) -> dict[str, Any]:
    return {
        "track_id": track.track_id,
        "goal": track.goal,
        "indicators": [vars(i).copy() for i in track.indicators],
        "collection_methods": [
            {"description": m.description, "information_system": m.information_system,
             "indicators": list(m.indicators)} for m in track.collection_methods
        ],
        "monitoring": list(track.monitoring),
        "analysis": list(track.analysis),
        "recommendations": [{"addressee": r.addressee, "text": r.text}
                            for r in track.recommendations],
        "measures": [measure_to_dict(m) for m in track.measures],
        "decisions": [{"kind": d.kind, "number": d.number, "date": _date(d.date),
                       "title": d.title} for d in track.decisions],
        "effectiveness": [
            {"measure_number": e.measure_number, "dates": _deadline(e.dates), "done": e.done,
             "conclusion": e.conclusion, "effective": e.effective} for e in track.effectiveness
        ],
    }


def to_dict(cycle: MunicipalCycle) -> dict[str, Any]:
    """A JSON/YAML-ready dict, stamped with the schema type and version."""
    return {
        "schema": SCHEMA_TYPE,
        "schema_version": SCHEMA_VERSION,
        "municipality_id": cycle.municipality_id,
        "municipality_name": cycle.municipality_name,
        "year": cycle.year,
        "specifics": cycle.specifics,
        "tracks": [track_to_dict(t) for t in cycle.tracks],
    }


def parse_date(value: Any) -> dt.date | None:
    """An ISO date (ГГГГ-ММ-ДД) or a date object; None for an empty value."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as error:
        raise MskokoError(f"дата «{value}» не распознана: ожидается ГГГГ-ММ-ДД") from error


def measure_from_dict(data: dict[str, Any]) -> Measure:
    return Measure(
        number=str(data["number"]),
        text=data.get("text") or "",
        task=data.get("task") or "",
        deadline=Deadline.parse(data.get("deadline")),
        responsible=data.get("responsible") or [],
        result=data.get("result") or "",
        regional_document_id=data.get("regional_document_id") or None,
        regional_measure_id=data.get("regional_measure_id") or None,
        stage=data.get("stage") or None,
        events=[
            EventStep(stage=e["stage"], text=e["text"], deadline=Deadline.parse(e.get("deadline")),
                      responsible=e.get("responsible") or [])
            for e in data.get("events") or []
        ],
    )


def track_from_dict(data: dict[str, Any]) -> TrackCycle:
    return TrackCycle(
        track_id=str(data["track_id"]),
        goal=data.get("goal") or "",
        indicators=[Indicator(**i) for i in data.get("indicators") or []],
        collection_methods=[
            Method(m["description"], m.get("information_system") or "",
                   list(m.get("indicators") or [])) for m in data.get("collection_methods") or []
        ],
        monitoring=list(data.get("monitoring") or []),
        analysis=list(data.get("analysis") or []),
        recommendations=[Recommendation(r["addressee"], r["text"])
                         for r in data.get("recommendations") or []],
        measures=[measure_from_dict(m) for m in data.get("measures") or []],
        decisions=[Decision(kind=d["kind"], title=d["title"], number=str(d.get("number") or ""),
                            date=parse_date(d.get("date"))) for d in data.get("decisions") or []],
        effectiveness=[
            EffectivenessConclusion(
                measure_number=str(e["measure_number"]), dates=Deadline.parse(e.get("dates")),
                done=e.get("done") or "", conclusion=e.get("conclusion") or "",
                effective=e.get("effective") or None,
            ) for e in data.get("effectiveness") or []
        ],
    )


def from_dict(data: dict[str, Any]) -> MunicipalCycle:
    """The cycle back from :func:`to_dict`; a wrong schema type or version is refused."""
    if not isinstance(data, dict):
        raise MskokoError("файл управленческого цикла должен содержать словарь (ключи и значения)")
    schema = data.get("schema")
    if schema != SCHEMA_TYPE:
        raise MskokoError(
            f"это не файл управленческого цикла: schema = «{schema}», ожидается «{SCHEMA_TYPE}»"
        )
    if data.get("schema_version") != SCHEMA_VERSION:
        raise MskokoError(
            f"версия схемы {data.get('schema_version')} не поддерживается: ожидается "
            f"{SCHEMA_VERSION}"
        )
    try:
        return MunicipalCycle(
            municipality_id=str(data["municipality_id"]),
            municipality_name=data.get("municipality_name") or str(data["municipality_id"]),
            year=int(data["year"]),
            specifics=data.get("specifics") or "",
            tracks=[track_from_dict(t) for t in data.get("tracks") or []],
        )
    except (KeyError, TypeError, ValueError) as error:
        raise MskokoError(f"файл управленческого цикла повреждён: {error!r}") from error


def dump_yaml(cycle: MunicipalCycle, path: str | Path | None = None) -> str:
    """The cycle as YAML text; written to ``path`` when given."""
    text = yaml.safe_dump(to_dict(cycle), allow_unicode=True, sort_keys=False, width=100)
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


def load_yaml(source: str | Path) -> MunicipalCycle:
    """A cycle from a YAML file path or YAML text."""
    text = source
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source
                                    and Path(source).suffix in (".yaml", ".yml")):
        text = Path(source).read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(str(text))
    except yaml.YAMLError as error:
        raise MskokoError(f"YAML управленческого цикла не прочитан: {error}") from error
    return from_dict(data)


__all__ = ["SCHEMA_TYPE", "SCHEMA_VERSION", "dump_yaml", "from_dict", "load_yaml",
           "measure_from_dict", "measure_to_dict", "parse_date", "to_dict", "track_from_dict",
           "track_to_dict"]
