"""The ``ScoreRepository`` of ``mskoko.evaluation`` on Django models.

Every write is one transaction; the period row is locked (``select_for_update``) first, so
an edit racing with «lock» either finishes before it or is refused. Experts are auth users
by login; each change is written to the audit log.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from mskoko.evaluation import model as core
from mskoko.evaluation.errors import PeriodLockedError, ScoringError
from mskoko.web import audit
from mskoko.web.access import role_of
from mskoko.web.accounts.models import Role
from mskoko.web.core.models import Municipality
from mskoko.web.scoring import models as m


class DjangoScoreRepository:
    """Scores in the workspace database. ``actor`` is who acts (for the audit log); when
    None, the expert of each entry is recorded as the actor."""

    def __init__(self, actor: Any = None) -> None:
        self.actor = actor

    # --- periods -------------------------------------------------------------------------

    def period(self, year: int) -> core.ScoringPeriod:
        row = m.ScoringPeriod.objects.select_related("chief_expert", "locked_by").filter(
            year=year).first()
        return core.ScoringPeriod(year=year) if row is None else _period(row)

    def save_period(self, period: core.ScoringPeriod) -> None:
        with transaction.atomic():
            row, _ = m.ScoringPeriod.objects.select_for_update().get_or_create(year=period.year)
            was_locked = row.locked
            row.rulebook_id = period.rulebook_id
            row.combine = period.combine.value
            row.chief_expert = (_user(period.chief_expert, expert=True)
                                if period.chief_expert else None)
            row.locked = period.locked
            row.locked_at = period.locked_at
            row.locked_by = _user(period.locked_by) if period.locked_by else None
            row.save()
            if was_locked != period.locked:
                audit.record(self.actor or row.locked_by,
                             "period_locked" if period.locked else "period_unlocked",
                             object_type="scoring_period", object_id=period.year)

    # --- reading -------------------------------------------------------------------------

    def municipalities(self) -> dict[str, str]:
        return dict(Municipality.objects.order_by("id").values_list("id", "name"))

    def scores(self, year: int, municipality_id: str | None = None) -> list[core.ExpertScore]:
        rows = m.ExpertScore.objects.filter(year=year).select_related("expert")
        if municipality_id is not None:
            rows = rows.filter(municipality_id=municipality_id)
        return [
            core.ExpertScore(r.municipality_id, r.year, r.track_id, r.criterion_id,
                             float(r.points), r.expert.get_username(), r.comment,
                             core.Source(r.source), r.created_at)
            for r in rows
        ]

    def penalties(self, year: int, municipality_id: str | None = None
                  ) -> list[core.ExpertPenalty]:
        rows = m.ExpertPenalty.objects.filter(year=year).select_related("expert")
        if municipality_id is not None:
            rows = rows.filter(municipality_id=municipality_id)
        return [
            core.ExpertPenalty(r.municipality_id, r.year, r.track_id, r.rule_id,
                               float(r.points), r.expert.get_username(), r.comment,
                               core.Source(r.source), r.created_at)
            for r in rows
        ]

    def proposals(self, year: int, municipality_id: str | None = None) -> list[core.Proposal]:
        rows = m.Proposal.objects.filter(year=year)
        if municipality_id is not None:
            rows = rows.filter(municipality_id=municipality_id)
        return [
            core.Proposal(
                r.municipality_id, r.year, r.track_id, r.criterion_id, float(r.points),
                None if r.max_points is None else float(r.max_points),
                core.ProposalKind(r.kind), r.status, tuple(r.evidence), r.advice,
                tuple(r.source_files), r.rulebook_id, r.created_at,
            )
            for r in rows
        ]

    # --- writing -------------------------------------------------------------------------

    def save_scores(
        self, scores: Sequence[core.ExpertScore], penalties: Sequence[core.ExpertPenalty] = ()
    ) -> None:
        years = {s.year for s in scores} | {p.year for p in penalties}
        with transaction.atomic():
            for year in sorted(years):
                self._refuse_locked(year)
            municipalities = _municipalities({s.municipality_id for s in scores}
                                             | {p.municipality_id for p in penalties})
            users = {login: _user(login, expert=True)
                     for login in sorted({s.expert for s in scores} | {p.expert for p in penalties})}
            for s in scores:
                m.ExpertScore.objects.update_or_create(
                    municipality=municipalities[s.municipality_id], year=s.year,
                    track_id=s.track_id, criterion_id=s.criterion_id, expert=users[s.expert],
                    defaults={"points": _decimal(s.points), "comment": s.comment,
                              "source": s.source.value},
                    create_defaults={"points": _decimal(s.points), "comment": s.comment,
                                     "source": s.source.value,
                                     "created_at": s.created_at},
                )
            for p in penalties:
                m.ExpertPenalty.objects.update_or_create(
                    municipality=municipalities[p.municipality_id], year=p.year,
                    track_id=p.track_id, rule_id=p.rule_id, expert=users[p.expert],
                    defaults={"points": _decimal(p.points), "comment": p.comment,
                              "source": p.source.value},
                    create_defaults={"points": _decimal(p.points), "comment": p.comment,
                                     "source": p.source.value,
                                     "created_at": p.created_at},
                )
            self._audit_scores(scores, penalties, users)

    def delete_score(self, municipality_id: str, year: int, expert: str,
                     key: core.ItemKey, *, penalty: bool) -> bool:
        track_id, item_id = key
        with transaction.atomic():
            self._refuse_locked(year)
            user = _user(expert)
            if penalty:
                deleted, _ = m.ExpertPenalty.objects.filter(
                    municipality_id=municipality_id, year=year, expert=user, track_id=track_id,
                    rule_id=item_id).delete()
            else:
                deleted, _ = m.ExpertScore.objects.filter(
                    municipality_id=municipality_id, year=year, expert=user, track_id=track_id,
                    criterion_id=item_id).delete()
            if deleted:
                audit.record(self.actor or user, "score_removed",
                             object_type="expert_penalty" if penalty else "expert_score",
                             object_id=f"{year}/{track_id}/{item_id}",
                             municipality=municipality_id, details={"expert": expert})
        return bool(deleted)

    def replace_proposals(self, municipality_id: str, year: int,
                          proposals: Sequence[core.Proposal]) -> None:
        with transaction.atomic():
            self._refuse_locked(year)
            municipality = _municipalities({municipality_id})[municipality_id]
            tracks = {p.track_id for p in proposals}
            m.Proposal.objects.filter(municipality=municipality, year=year,
                                      track_id__in=tracks).delete()
            m.Proposal.objects.bulk_create([
                m.Proposal(
                    municipality=municipality, year=year, kind=p.kind.value,
                    track_id=p.track_id, criterion_id=p.criterion_id,
                    points=_decimal(p.points),
                    max_points=None if p.max_points is None else _decimal(p.max_points),
                    status=p.status, evidence=list(p.evidence), advice=p.advice,
                    source_files=list(p.source_files), rulebook_id=p.rulebook_id,
                    created_at=p.created_at,
                )
                for p in proposals
            ])

    # --- helpers -------------------------------------------------------------------------

    def _refuse_locked(self, year: int) -> None:
        row = m.ScoringPeriod.objects.select_for_update().filter(year=year).first()
        if row is not None and row.locked:
            raise PeriodLockedError(year)

    def _audit_scores(self, scores: Sequence[core.ExpertScore],
                      penalties: Sequence[core.ExpertPenalty], users: dict[str, Any]) -> None:
        groups: dict[tuple[str, int, str], dict[str, list[list[Any]]]] = {}
        for s in scores:
            entry = groups.setdefault((s.municipality_id, s.year, s.expert),
                                      {"scores": [], "penalties": []})
            entry["scores"].append([s.track_id, s.criterion_id, s.points, s.source.value])
        for p in penalties:
            entry = groups.setdefault((p.municipality_id, p.year, p.expert),
                                      {"scores": [], "penalties": []})
            entry["penalties"].append([p.track_id, p.rule_id, p.points, p.source.value])
        for (municipality_id, year, expert), details in groups.items():
            from_proposals = all(row[3] == core.Source.PROPOSAL.value
                                 for rows in details.values() for row in rows)
            audit.record(self.actor or users[expert],
                         "proposals_accepted" if from_proposals else "score_saved",
                         object_type="expert_score", object_id=f"{year}/{expert}",
                         municipality=municipality_id, details={"expert": expert, **details})


def _period(row: m.ScoringPeriod) -> core.ScoringPeriod:
    return core.ScoringPeriod(
        year=row.year,
        locked=row.locked,
        rulebook_id=row.rulebook_id,
        combine=core.CombineRule(row.combine),
        chief_expert=row.chief_expert.get_username() if row.chief_expert else None,
        locked_at=row.locked_at,
        locked_by=row.locked_by.get_username() if row.locked_by else None,
    )


def _municipalities(ids: set[str]) -> dict[str, Municipality]:
    found = Municipality.objects.in_bulk(list(ids))
    missing = sorted(ids - set(found))
    if missing:
        raise ScoringError(
            "Муниципалитеты не найдены в рабочей области: " + ", ".join(missing)
            + ". Загрузите данные (mskoko import) или проверьте код муниципалитета."
        )
    return found


def _user(login: str, *, expert: bool = False) -> Any:
    User = get_user_model()
    try:
        user = User.objects.get(**{User.USERNAME_FIELD: login})
    except User.DoesNotExist:
        raise ScoringError(
            f"Пользователь «{login}» не найден. Создайте его: "
            f"mskoko users add {login} --role expert --password-stdin"
        ) from None
    if expert and role_of(user) not in (Role.EXPERT, Role.ADMIN):
        raise ScoringError(
            f"Пользователь «{login}» не является экспертом: выставлять баллы могут "
            "региональные эксперты и администраторы."
        )
    return user


def _decimal(value: float) -> Decimal:
    return Decimal(str(round(float(value), 2)))
