"""Editing a municipality's management cycle from the pages, through the core's model and the
cycle repository: load, change one part, check, save the whole cycle in one transaction."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from mskoko.cycle.model import Measure, MunicipalCycle, TrackCycle
from mskoko.cycle.validation import validate_cycle
from mskoko.errors import MskokoError
from mskoko.web.core.models import Municipality


class StaleEdit(MskokoError):
    """The roadmap changed since the page was opened (another tab or colleague)."""

    def __init__(self) -> None:
        super().__init__(
            "Дорожная карта изменилась с момента открытия страницы: обновите страницу и "
            "повторите правку."
        )


def _repository(user: Any = None) -> Any:
    from mskoko.web.cycle.repository import DjangoCycleRepository

    name = user.get_username() if getattr(user, "is_authenticated", False) else "веб"
    return DjangoCycleRepository(actor=user, actor_name=name)


def load(municipality: Municipality) -> MunicipalCycle | None:
    return _repository().load(municipality.id)


def load_or_new(municipality: Municipality) -> MunicipalCycle:
    """The stored cycle, or an empty one for the current year."""
    cycle = load(municipality)
    if cycle is None:
        cycle = MunicipalCycle(municipality.id, municipality.name, timezone.localdate().year)
    return cycle


def save(cycle: MunicipalCycle, user: Any) -> None:
    _repository(user).save(cycle)


def track_of(cycle: MunicipalCycle, track_id: str, rulebook: Any) -> TrackCycle:
    """The cycle's track, added in the rulebook's order when the cycle does not have it yet."""
    rulebook.track(track_id)  # a Russian error for an unknown track
    existing = cycle.track(track_id)
    if existing is not None:
        return existing
    track = TrackCycle(track_id=track_id)
    order = [t.id for _, t in rulebook.tracks()]
    cycle.tracks.append(track)
    cycle.tracks.sort(key=lambda t: order.index(t.track_id) if t.track_id in order else 999)
    return track


def measure_at(cycle: MunicipalCycle, track_id: str, index: int, number: str) -> Measure:
    """The measure at ``index`` of the track, refused when its number is no longer ``number``."""
    track = cycle.track(track_id)
    if track is None or not 0 <= index < len(track.measures):
        raise StaleEdit()
    measure = track.measures[index]
    if measure.number != number:
        raise StaleEdit()
    return measure


def next_number(cycle: MunicipalCycle, track: TrackCycle, rulebook: Any) -> str:
    """The next free number after the track's last one («4.3» → «4.4»); for an empty track
    «<system>.1» as municipal roadmaps number them."""
    used = {m.number for _, m in cycle.measures()}
    last = re.match(r"^(.*?)(\d+)$", track.measures[-1].number) if track.measures else None
    if last:
        prefix, n = last.group(1), int(last.group(2)) + 1
    else:
        prefix, n = f"{rulebook.system_of_track(track.track_id).id}.", 1
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"


def measure_from_fields(data: dict[str, Any]) -> Measure:
    """A measure from the form's cleaned data (the deadline parsed from Russian text)."""
    return Measure(
        number=data["number"].strip(),
        text=data["text"].strip(),
        task=data.get("task", "").strip(),
        deadline=data.get("deadline", "").strip() or None,  # type: ignore[arg-type]
        responsible=data.get("responsible", "").strip(),  # type: ignore[arg-type]
        result=data.get("result", "").strip(),
        regional_document_id=data.get("regional_document_id") or None,
        regional_measure_id=data.get("regional_measure_id") or None,
        stage=data.get("stage") or None,
    )


@dataclass(frozen=True)
class Gaps:
    """What the check says per measure and per track, as Russian phrases."""

    by_measure: dict[tuple[str, str], list[str]]
    by_track: dict[str, list[str]]


def gaps(cycle: MunicipalCycle, rulebook: Any) -> Gaps:
    """The cycle's problems (the core's validation) sorted to the measure or track they are about."""
    measure_heads = {f"трек {t.track_id}, мера № {m.number}": (t.track_id, m.number)
                     for t in cycle.tracks for m in t.measures}
    track_heads = {f"трек {t.track_id}": t.track_id for t in cycle.tracks}
    by_measure: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_track: dict[str, list[str]] = defaultdict(list)
    for problem in validate_cycle(cycle, rulebook):
        head, _, text = problem.message.partition(": ")
        if head in measure_heads:
            by_measure[measure_heads[head]].append(text)
        elif head in track_heads:
            by_track[track_heads[head]].append(text)
    return Gaps(dict(by_measure), dict(by_track))
