"""The management cycle of a municipality as plain dataclasses (no storage, no Django).

A :class:`MunicipalCycle` holds one :class:`TrackCycle` per track; each track carries the
nine cycle components: goal, indicators, collection methods, monitoring, analysis, targeted
recommendations, measures, management decisions and effectiveness conclusions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from mskoko.cycle.deadline import Deadline
from mskoko.errors import MskokoError

Stage = Literal["preparatory", "active", "analytical"]
DecisionKind = Literal["order", "protocol", "disposal"]
Effective = Literal["yes", "partly", "no"]

STAGES: tuple[Stage, ...] = ("preparatory", "active", "analytical")
STAGE_TITLES: dict[str, str] = {
    "preparatory": "Подготовительный этап",
    "active": "Деятельностный этап",
    "analytical": "Аналитический этап",
}
DECISION_TITLES: dict[str, str] = {"order": "Приказ", "protocol": "Протокол",
                                   "disposal": "Распоряжение"}
EFFECTIVE_TITLES: dict[str, str] = {
    "yes": "мера эффективна",
    "partly": "мера частично эффективна",
    "no": "мера не дала ожидаемого результата",
}


def split_responsible(text: str) -> list[str]:
    """«МОУО, МКУ «ЦРО», ОО» → three parties; commas inside «…» or (…) do not split."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char in "«(\"":
            depth += 1
        elif char in "»)\"" and depth:
            depth -= 1
        if depth == 0 and char in ",;":
            parts.append(current)
            current = ""
            continue
        current += char
    parts.append(current)
    return [" ".join(p.split()).strip(" .") for p in parts if p.strip(" .")]


def _responsible(value: list[str] | str | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return split_responsible(value)
    return [" ".join(v.split()) for v in value if v and v.strip()]


@dataclass
class Indicator:
    """An indicator of a goal's achievement with its baseline and target."""

    name: str
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    year: int | None = None

    def render(self) -> str:
        def value(number: float | None) -> str:
            if number is None:
                return "—"
            shown = f"{number:g}".replace(".", ",")
            return f"{shown}\u00a0{self.unit}".rstrip() if self.unit else shown

        tail = f" (к {self.year}\u00a0г.)" if self.year else ""
        return f"{self.name}: базовое значение — {value(self.baseline)}, " \
               f"целевое значение — {value(self.target)}{tail}"


@dataclass
class Method:
    """How information is collected and processed, in which information system, for what."""

    description: str
    information_system: str = ""
    indicators: list[str] = field(default_factory=list)


@dataclass
class Recommendation:
    """A targeted recommendation: to whom (named schools, heads, teachers, parents) and what."""

    addressee: str
    text: str


@dataclass
class Decision:
    """A management decision: an order, a protocol or a disposal, with its requisites."""

    kind: DecisionKind
    title: str
    number: str = ""
    date: dt.date | None = None

    def render(self) -> str:
        parts = [DECISION_TITLES[self.kind]]
        if self.date:
            parts.append(f"от {self.date:%d.%m.%Y}")
        if self.number:
            parts.append(f"№\u00a0{self.number}")
        return " ".join(parts) + f" «{self.title}»"


@dataclass
class EffectivenessConclusion:
    """Per measure: when it was carried out, what was done, whether it worked."""

    measure_number: str
    dates: Deadline | None = None
    done: str = ""
    conclusion: str = ""
    effective: Effective | None = None


@dataclass
class EventStep:
    """One step of an event plan, inside one of the three stages."""

    stage: Stage
    text: str
    deadline: Deadline | None = None
    responsible: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.responsible = _responsible(self.responsible)


@dataclass
class Measure:
    """A roadmap row: task, measure, deadline, responsible, result, regional link, stage."""

    number: str
    text: str
    task: str = ""
    deadline: Deadline | None = None
    responsible: list[str] = field(default_factory=list)
    result: str = ""
    regional_document_id: str | None = None
    regional_measure_id: str | None = None
    stage: Stage | None = None
    events: list[EventStep] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.responsible = _responsible(self.responsible)  # a str is accepted and split
        if isinstance(self.deadline, str):
            self.deadline = Deadline.parse(self.deadline)

    @property
    def responsible_text(self) -> str:
        return ", ".join(self.responsible)

    @property
    def deadline_text(self) -> str:
        return self.deadline.render() if self.deadline else ""


@dataclass
class TrackCycle:
    """The management cycle of one track."""

    track_id: str
    goal: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    collection_methods: list[Method] = field(default_factory=list)
    monitoring: list[str] = field(default_factory=list)
    analysis: list[str] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    effectiveness: list[EffectivenessConclusion] = field(default_factory=list)


@dataclass
class MunicipalCycle:
    """A municipality's management cycle for one year, track by track."""

    municipality_id: str
    municipality_name: str
    year: int
    tracks: list[TrackCycle] = field(default_factory=list)
    specifics: str = ""  # the municipality's specifics the measures account for

    def track(self, track_id: str) -> TrackCycle | None:
        return next((t for t in self.tracks if t.track_id == track_id), None)

    def measures(self) -> Iterator[tuple[TrackCycle, Measure]]:
        for track in self.tracks:
            for measure in track.measures:
                yield track, measure

    def find_measure(self, reference: str) -> tuple[TrackCycle, Measure]:
        """A measure by its number («1.2») or «track:number» («1.1.1:1.2»)."""
        track_id, _, number = reference.rpartition(":")
        for track, measure in self.measures():
            if measure.number == number and (not track_id or track.track_id == track_id):
                return track, measure
        known = ", ".join(m.number for _, m in self.measures()) or "мер нет"
        raise MskokoError(
            f"В дорожной карте муниципалитета «{self.municipality_name}» нет меры № {reference}. "
            f"Известные номера: {known}."
        )


__all__ = [
    "DECISION_TITLES",
    "EFFECTIVE_TITLES",
    "STAGES",
    "STAGE_TITLES",
    "Decision",
    "DecisionKind",
    "Effective",
    "EffectivenessConclusion",
    "EventStep",
    "Indicator",
    "Measure",
    "Method",
    "MunicipalCycle",
    "Recommendation",
    "Stage",
    "TrackCycle",
    "split_responsible",
]
