"""Where cycles live: a Protocol the core defines; an in-memory implementation here, the
Django one in ``mskoko.web.cycle.repository``."""

from __future__ import annotations

import copy
from typing import Protocol, runtime_checkable

from mskoko.cycle.model import MunicipalCycle


@runtime_checkable
class CycleRepository(Protocol):
    """Persistence of municipalities' management cycles (one current cycle per municipality)."""

    def load(self, municipality_id: str) -> MunicipalCycle | None:
        """The stored cycle of the municipality, or None when it has none."""
        ...

    def save(self, cycle: MunicipalCycle) -> None:
        """Store the cycle, replacing the municipality's previous one, in one transaction."""
        ...

    def list_municipalities(self) -> list[tuple[str, str]]:
        """(id, name) of every municipality that has a stored cycle, ordered by id."""
        ...


class MemoryCycleRepository:
    """Cycles in process memory (tests, one-off runs); stores copies, never shared objects."""

    def __init__(self) -> None:
        self._cycles: dict[str, MunicipalCycle] = {}

    def load(self, municipality_id: str) -> MunicipalCycle | None:
        cycle = self._cycles.get(municipality_id)
        return copy.deepcopy(cycle) if cycle else None

    def save(self, cycle: MunicipalCycle) -> None:
        self._cycles[cycle.municipality_id] = copy.deepcopy(cycle)

    def list_municipalities(self) -> list[tuple[str, str]]:
        return sorted((c.municipality_id, c.municipality_name) for c in self._cycles.values())


__all__ = ["CycleRepository", "MemoryCycleRepository"]
