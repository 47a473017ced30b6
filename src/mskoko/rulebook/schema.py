"""The rulebook as pydantic models: the shape of an edition file (schema mskoko.rulebook v1).

Cross-references (a track named in the catalogue exists, a criterion listed by a document
kind exists, …) are checked in :mod:`mskoko.rulebook.references`, so that every broken
reference is reported with its own path instead of one model-level error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from mskoko.errors import MskokoError

SCHEMA_TYPE = "mskoko.rulebook"
SCHEMA_VERSION = 1

DocumentGroup = Literal["conceptual", "procedural", "administrative", "analytical"]
Source = Literal["seed", "domain", "setting"]
Sign = Literal["plus", "minus"]
RegionalDocumentType = Literal["order", "letter", "resolution", "project_passport", "other"]


def _refuse_numbers(value: Any) -> Any:
    # YAML reads an unquoted 1.10 as the float 1.1: refuse numbers instead of guessing.
    if isinstance(value, bool):
        raise ValueError("ожидается текстовый код, а получено логическое значение (да/нет)")
    if isinstance(value, int | float):
        raise ValueError(
            f"код {value} прочитан как число: возьмите его в кавычки, например \"{value}\" "
            "(иначе YAML превратит «1.10» в «1.1»)"
        )
    return value


Code = Annotated[
    str,
    BeforeValidator(_refuse_numbers),
    StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$"),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Element(_Model):
    """A part a document of some kind must contain (a section, a column, a stage)."""

    id: Code
    title: Text
    description: str = ""


class Criterion(_Model):
    """One scored check on a document; ``kind`` names the check implementation in the registry."""

    id: Code
    title: Text
    kind: Code
    params: dict[str, Any] = {}
    max_points: float = Field(gt=0)
    applies_to: list[Code]
    parameter: Code | None = None
    advice: Text
    description: str = ""


class Penalty(_Model):
    """A rule that costs points when the document shows a forbidden practice."""

    id: Code
    title: Text
    kind: Code
    points: float
    params: dict[str, Any] = {}
    applies_to: list[Code]
    advice: Text
    description: str = ""

    @field_validator("points")
    @classmethod
    def _negative(cls, value: float) -> float:
        if value >= 0:
            raise ValueError("штраф должен быть отрицательным числом баллов, например -1")
        return value


class DocumentKind(_Model):
    """A kind of evidence document and what it must contain."""

    id: Code
    title: Text
    group: DocumentGroup
    required_elements: list[Element]
    criteria: list[Code]
    description: str = ""
    keywords: list[Text] = []  # Russian markers that help recognise the kind in a text


class CycleComponent(_Model):
    """One of the nine components of the management cycle (goals … effectiveness)."""

    id: Code
    number: int = Field(ge=1)
    title: Text
    description: str = ""
    evidence_kinds: list[Code] = []


class Function(_Model):
    """A function of the municipal authority (МОУО) within a management track."""

    id: Code
    title: Text
    description: str = ""
    evidence_kinds: list[Code]  # «Перечень возможных документов»


class Track(_Model):
    """A line of work inside a system, with its own goal, function and cycle components."""

    id: Code
    title: Text
    goal: Text
    goal_source: Source = "seed"
    function: Code
    components: list[Code]


class System(_Model):
    """A direction (1.1 … 2.4); only systems with ``scored: true`` enter the scorecard."""

    id: Code
    title: Text
    scored: bool = True
    note: str = ""
    tracks: list[Track] = []


class Mechanism(_Model):
    """Mechanism 1 (quality of results) or 2 (quality of educational activity)."""

    id: Code
    title: Text
    systems: list[System]


class EvaluationParameter(_Model):
    """One of the evaluation parameters; ``sign: minus`` turns its criteria into deductions."""

    id: Code
    number: int = Field(ge=1)
    title: Text
    description: str = ""
    sign: Sign = "plus"
    sign_source: Source = "seed"


class RegionalDocument(_Model):
    """A regional document that grounds municipal measures of one or more tracks."""

    id: Code
    doc_type: RegionalDocumentType
    issuer: Text | None = None
    number: Text | None = None
    date: dt.date | None = None
    title: Text
    tracks: list[Code] = Field(min_length=1)
    note: str = ""


class ExampleMeasure(_Model):
    """An example municipal measure for a track."""

    id: Code
    track: Code
    text: Text


class Catalogue(_Model):
    """Regional documents and example municipal measures per track."""

    regional_documents: list[RegionalDocument] = []
    example_measures: list[ExampleMeasure] = []

    def documents_for_track(self, track_id: str) -> list[RegionalDocument]:
        return [doc for doc in self.regional_documents if track_id in doc.tracks]

    def measures_for_track(self, track_id: str) -> list[ExampleMeasure]:
        return [m for m in self.example_measures if m.track == track_id]


class AnalyticsSetting(_Model):
    """A named analytics setting: value, Russian meaning and where the figure comes from."""

    value: Any
    description: Text
    source: Source


class ScoringRule(_Model):
    """Which criteria the tracks of one function are scored on."""

    function: Code
    from_evidence_kinds: bool = True  # take the criteria of the function's evidence kinds
    include: list[Code] = []
    exclude: list[Code] = []


class TrackAdjustment(_Model):
    """Per-track additions to or removals from its function's scorecard."""

    include: list[Code] = []
    exclude: list[Code] = []


class Scoring(_Model):
    """The scorecard definition: rules per function, per-track adjustments, maxima overrides."""

    rules: list[ScoringRule]
    track_adjustments: dict[str, TrackAdjustment] = {}
    max_points: dict[str, Annotated[float, Field(gt=0)]] = {}


class Rulebook(_Model):
    """One edition of the methodology (a region and a year)."""

    schema_type: Literal["mskoko.rulebook"] = Field(alias="schema")
    schema_version: Literal[1]
    id: Code
    title: Text
    region: Text
    year: int = Field(ge=2000, le=2100)
    description: str = ""
    cycle_components: list[CycleComponent]
    functions: list[Function]
    mechanisms: list[Mechanism]
    evaluation_parameters: list[EvaluationParameter]
    document_kinds: list[DocumentKind]
    criteria: list[Criterion]
    penalties: list[Penalty] = []
    catalogue: Catalogue = Catalogue()
    scoring: Scoring
    analytics: dict[str, AnalyticsSetting] = {}

    # --- look-ups (lists are short: a linear search keeps the model a plain value) ---

    def systems(self) -> Iterator[System]:
        for mechanism in self.mechanisms:
            yield from mechanism.systems

    def tracks(self) -> Iterator[tuple[System, Track]]:
        """Every track with its system, in the order of the file."""
        for system in self.systems():
            for track in system.tracks:
                yield system, track

    def system(self, system_id: str) -> System:
        return _find(list(self.systems()), system_id, "система")

    def track(self, track_id: str) -> Track:
        return _find([t for _, t in self.tracks()], track_id, "трек")

    def system_of_track(self, track_id: str) -> System:
        for system, track in self.tracks():
            if track.id == track_id:
                return system
        raise _unknown("трек", track_id, [t.id for _, t in self.tracks()])

    def function(self, function_id: str) -> Function:
        return _find(self.functions, function_id, "функция МОУО")

    def tracks_of_function(self, function_id: str) -> list[Track]:
        """The tracks a function covers (each track names its function)."""
        self.function(function_id)
        return [t for _, t in self.tracks() if t.function == function_id]

    def cycle_component(self, component_id: str) -> CycleComponent:
        return _find(self.cycle_components, component_id, "компонент управленческого цикла")

    def parameter(self, parameter_id: str) -> EvaluationParameter:
        return _find(self.evaluation_parameters, parameter_id, "параметр оценивания")

    def document_kind(self, kind_id: str) -> DocumentKind:
        return _find(self.document_kinds, kind_id, "вид документа")

    def criterion(self, criterion_id: str) -> Criterion:
        return _find(self.criteria, criterion_id, "критерий")

    def penalty(self, penalty_id: str) -> Penalty:
        return _find(self.penalties, penalty_id, "штраф")

    def criteria_for_kind(self, kind_id: str) -> list[Criterion]:
        """The criteria checked on documents of this kind, in the kind's order."""
        return [self.criterion(cid) for cid in self.document_kind(kind_id).criteria]

    def penalties_for_kind(self, kind_id: str) -> list[Penalty]:
        return [p for p in self.penalties if kind_id in p.applies_to]

    def setting(self, name: str) -> Any:
        """The value of an analytics setting; a Russian error names the known settings."""
        if name not in self.analytics:
            raise _unknown("параметр аналитики", name, list(self.analytics), where="analytics")
        return self.analytics[name].value


def _unknown(what: str, key: str, known: list[str], where: str = "") -> MskokoError:
    place = f" в разделе {where}" if where else ""
    listed = ", ".join(known) if known else "нет ни одного"
    return MskokoError(
        f"В правилах{place} нет элемента «{key}» ({what}). Известные: {listed}."
    )


def _find(items: list[Any], key: str, what: str) -> Any:
    for item in items:
        if item.id == key:
            return item
    raise _unknown(what, key, [item.id for item in items])
