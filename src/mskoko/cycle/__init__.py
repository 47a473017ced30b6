"""The management cycle: goals, indicators, methods, measures, decisions, effectiveness.

Plain dataclasses and functions; persistence sits behind :class:`CycleRepository`
(implemented with Django models in ``mskoko.web.cycle``).
"""

from mskoko.cycle.completeness import TrackCompleteness, cycle_completeness
from mskoko.cycle.deadline import Deadline, Moment
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
from mskoko.cycle.repository import CycleRepository, MemoryCycleRepository
from mskoko.cycle.validation import validate_cycle

__all__ = [
    "CycleRepository",
    "Deadline",
    "Decision",
    "EffectivenessConclusion",
    "EventStep",
    "Indicator",
    "Measure",
    "MemoryCycleRepository",
    "Method",
    "Moment",
    "MunicipalCycle",
    "Recommendation",
    "TrackCompleteness",
    "TrackCycle",
    "cycle_completeness",
    "validate_cycle",
]
