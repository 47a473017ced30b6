"""Where scores live: a Protocol the core defines, implemented in memory here and with
Django models in ``mskoko.web.scoring.repository``.

Every write method is one transaction: all of it is stored or none of it, and a locked
period refuses it (checked again inside the transaction, so a concurrent lock wins).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar, runtime_checkable

from mskoko.evaluation.errors import PeriodLockedError
from mskoko.evaluation.model import (
    ExpertPenalty,
    ExpertScore,
    ItemKey,
    Proposal,
    ScoringPeriod,
)

T = TypeVar("T", ExpertScore, ExpertPenalty, Proposal)


@runtime_checkable
class ScoreRepository(Protocol):
    """Persistence of periods, proposals and experts' final scores."""

    def period(self, year: int) -> ScoringPeriod:
        """The stored period of ``year``, or an open default one when none is stored."""
        ...

    def save_period(self, period: ScoringPeriod) -> None: ...

    def municipalities(self) -> dict[str, str]:
        """Every municipality known to the workspace: id → name."""
        ...

    def scores(self, year: int, municipality_id: str | None = None) -> list[ExpertScore]: ...

    def penalties(self, year: int, municipality_id: str | None = None) -> list[ExpertPenalty]: ...

    def proposals(self, year: int, municipality_id: str | None = None) -> list[Proposal]: ...

    def save_scores(
        self, scores: Sequence[ExpertScore], penalties: Sequence[ExpertPenalty] = ()
    ) -> None:
        """Insert or replace (per item and expert) all of them in one transaction."""
        ...

    def delete_score(
        self, municipality_id: str, year: int, expert: str, key: ItemKey, *, penalty: bool
    ) -> bool:
        """Remove one expert's score (or penalty) for an item; False when there was none."""
        ...

    def replace_proposals(
        self, municipality_id: str, year: int, proposals: Sequence[Proposal]
    ) -> None:
        """Store new proposals, replacing all earlier ones for the tracks they cover."""
        ...


class MemoryScoreRepository:
    """A repository in process memory: for the core's own use (demo, tests, one-off runs)."""

    def __init__(self, municipalities: dict[str, str] | None = None) -> None:
        self._municipalities = dict(municipalities or {})
        self._periods: dict[int, ScoringPeriod] = {}
        self._scores: dict[tuple[str, int, str, ItemKey], ExpertScore] = {}
        self._penalties: dict[tuple[str, int, str, ItemKey], ExpertPenalty] = {}
        self._proposals: dict[tuple[str, int, str, ItemKey], Proposal] = {}

    def period(self, year: int) -> ScoringPeriod:
        return self._periods.get(year, ScoringPeriod(year=year))

    def save_period(self, period: ScoringPeriod) -> None:
        self._periods[period.year] = period

    def municipalities(self) -> dict[str, str]:
        ids = set(self._municipalities) | {k[0] for k in self._scores}
        ids |= {k[0] for k in self._penalties} | {k[0] for k in self._proposals}
        return {m: self._municipalities.get(m, m) for m in sorted(ids)}

    def add_municipality(self, municipality_id: str, name: str) -> None:
        self._municipalities[municipality_id] = name

    def scores(self, year: int, municipality_id: str | None = None) -> list[ExpertScore]:
        return _select(self._scores.values(), year, municipality_id)

    def penalties(self, year: int, municipality_id: str | None = None) -> list[ExpertPenalty]:
        return _select(self._penalties.values(), year, municipality_id)

    def proposals(self, year: int, municipality_id: str | None = None) -> list[Proposal]:
        return _select(self._proposals.values(), year, municipality_id)

    def save_scores(
        self, scores: Sequence[ExpertScore], penalties: Sequence[ExpertPenalty] = ()
    ) -> None:
        for year in {s.year for s in scores} | {p.year for p in penalties}:
            self._refuse_locked(year)
        # Built aside and swapped in: nothing is stored when anything fails above.
        new_scores = dict(self._scores)
        new_penalties = dict(self._penalties)
        for s in scores:
            new_scores[(s.municipality_id, s.year, s.expert, s.key)] = s
        for p in penalties:
            new_penalties[(p.municipality_id, p.year, p.expert, p.key)] = p
        self._scores, self._penalties = new_scores, new_penalties

    def delete_score(
        self, municipality_id: str, year: int, expert: str, key: ItemKey, *, penalty: bool
    ) -> bool:
        self._refuse_locked(year)
        store: dict = self._penalties if penalty else self._scores
        return store.pop((municipality_id, year, expert, key), None) is not None

    def replace_proposals(
        self, municipality_id: str, year: int, proposals: Sequence[Proposal]
    ) -> None:
        self._refuse_locked(year)
        tracks = {p.track_id for p in proposals}
        self._proposals = {
            k: v for k, v in self._proposals.items()
            if not (k[0] == municipality_id and k[1] == year and v.track_id in tracks)
        }
        for p in proposals:
            self._proposals[(municipality_id, year, p.kind.value, p.key)] = p

    def _refuse_locked(self, year: int) -> None:
        if self.period(year).locked:
            raise PeriodLockedError(year)


def _select(
    rows: Iterable[T], year: int, municipality_id: str | None
) -> list[T]:
    chosen = [
        r for r in rows
        if r.year == year and (municipality_id is None or r.municipality_id == municipality_id)
    ]
    return sorted(chosen, key=lambda r: (r.municipality_id, r.key, getattr(r, "expert", "")))
