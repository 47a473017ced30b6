"""Errors of expert scoring; messages are Russian and say what to do."""

from __future__ import annotations

from mskoko.errors import MskokoError


class ScoringError(MskokoError):
    """A score, penalty or proposal that cannot be accepted."""


class PeriodLockedError(ScoringError):
    """The scoring period of that year is locked: results are final."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"Период оценивания {year} года закрыт: изменения баллов запрещены. "
            f"Чтобы внести исправление, откройте период командой "
            f"«mskoko score lock --year {year} --unlock»."
        )
