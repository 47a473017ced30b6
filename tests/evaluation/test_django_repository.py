"""The Django ScoreRepository: round trips, transactions, the lock, FKs and the audit log."""

from __future__ import annotations

import pytest

from mskoko.evaluation.errors import PeriodLockedError, ScoringError
from mskoko.evaluation.model import (
    CombineRule,
    ExpertPenalty,
    ExpertScore,
    Proposal,
    ProposalKind,
    ScoringPeriod,
    Source,
)
from mskoko.evaluation.repository import ScoreRepository

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

PASSWORD = "Dlinnyj-parol-2024"


@pytest.fixture
def repo(fast_passwords):
    from mskoko.web.accounts.users import create_user
    from mskoko.web.core.models import Municipality
    from mskoko.web.scoring.repository import DjangoScoreRepository

    Municipality.objects.create(id="m1", name="Город Н")
    Municipality.objects.create(id="m2", name="Айский район")
    create_user("ivanov", role="expert", password=PASSWORD)
    create_user("petrov", role="expert", password=PASSWORD)
    create_user("spec", role="municipal", municipality_id="m1", password=PASSWORD)
    return DjangoScoreRepository()


def test_it_satisfies_the_core_protocol(repo):
    assert isinstance(repo, ScoreRepository)
    assert repo.municipalities() == {"m1": "Город Н", "m2": "Айский район"}


def test_scores_and_penalties_round_trip(repo):
    score = ExpertScore("m1", 2024, "1.1.1", "deadlines", 2.5, "ivanov", "сроки не у всех",
                        Source.PROPOSAL)
    penalty = ExpertPenalty("m1", 2024, "", "average_score_ranking", -1, "petrov", "рейтинг")
    repo.save_scores([score], [penalty])
    [back] = repo.scores(2024, "m1")
    assert (back.key, back.points, back.expert, back.comment, back.source) == (
        ("1.1.1", "deadlines"), 2.5, "ivanov", "сроки не у всех", Source.PROPOSAL)
    [pen] = repo.penalties(2024)
    assert (pen.key, pen.points, pen.expert) == (("", "average_score_ranking"), -1, "petrov")
    assert repo.scores(2023) == [] and repo.scores(2024, "m2") == []

    repo.save_scores([ExpertScore("m1", 2024, "1.1.1", "deadlines", 3, "ivanov", "исправлено")])
    [again] = repo.scores(2024, "m1")
    assert (again.points, again.comment, again.source) == (3, "исправлено", Source.EXPERT)
    assert again.created_at == back.created_at  # a correction keeps the first entry's time


def test_a_batch_with_an_unknown_expert_stores_nothing(repo):
    with pytest.raises(ScoringError, match="Пользователь «nobody» не найден"):
        repo.save_scores([ExpertScore("m1", 2024, "1.1.1", "deadlines", 1, "ivanov"),
                          ExpertScore("m1", 2024, "1.1.2", "deadlines", 1, "nobody")])
    assert repo.scores(2024) == []


def test_a_municipal_specialist_cannot_score(repo):
    with pytest.raises(ScoringError, match="не является экспертом"):
        repo.save_scores([ExpertScore("m1", 2024, "1.1.1", "deadlines", 1, "spec")])


def test_an_unknown_municipality_is_named(repo):
    with pytest.raises(ScoringError, match="Муниципалитеты не найдены в рабочей области: m9"):
        repo.save_scores([ExpertScore("m9", 2024, "1.1.1", "deadlines", 1, "ivanov")])


def test_the_database_refuses_a_positive_penalty_even_past_validation(repo):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        repo.save_scores([], [ExpertPenalty("m1", 2024, "", "average_score_ranking", 1,
                                            "ivanov")])


def test_period_settings_and_lock_round_trip(repo):
    assert repo.period(2024) == ScoringPeriod(year=2024)
    repo.save_period(ScoringPeriod(2024, rulebook_id="test-small", combine=CombineRule.CHIEF,
                                   chief_expert="petrov"))
    period = repo.period(2024)
    assert (period.rulebook_id, period.combine, period.chief_expert, period.locked) == (
        "test-small", CombineRule.CHIEF, "petrov", False)

    from mskoko.evaluation.workflow import lock_period

    lock_period(repo, 2024, "ivanov")
    assert repo.period(2024).locked and repo.period(2024).locked_by == "ivanov"
    with pytest.raises(PeriodLockedError):
        repo.save_scores([ExpertScore("m1", 2024, "1.1.1", "deadlines", 1, "ivanov")])
    with pytest.raises(PeriodLockedError):
        repo.replace_proposals("m1", 2024, [])
    with pytest.raises(PeriodLockedError):
        repo.delete_score("m1", 2024, "ivanov", ("1.1.1", "deadlines"), penalty=False)

    from mskoko.web.core.models import AuditEntry

    assert AuditEntry.objects.filter(action="period_locked", object_id="2024").count() == 1


def test_proposals_replace_those_of_the_same_tracks(repo):
    repo.replace_proposals("m1", 2024, [
        Proposal("m1", 2024, "1.1.1", "deadlines", 3, 3, ProposalKind.CRITERION, "met",
                 ("roadmap.docx: до 01.03",), "", ("roadmap.docx",), "test-small"),
        Proposal("m1", 2024, "1.2.1", "average_score_ranking", -2, None, ProposalKind.PENALTY,
                 "found", ("report.docx: рейтинг",)),
    ])
    repo.replace_proposals("m1", 2024, [
        Proposal("m1", 2024, "1.1.1", "results", 1, 2, ProposalKind.CRITERION, "partly")])
    back = repo.proposals(2024, "m1")
    assert [(p.kind, p.key, p.points) for p in back] == [
        (ProposalKind.CRITERION, ("1.1.1", "results"), 1),
        (ProposalKind.PENALTY, ("1.2.1", "average_score_ranking"), -2),
    ]
    assert back[1].evidence == ("report.docx: рейтинг",)


def test_edits_are_audited_and_deletions_reported(repo):
    from mskoko.web.core.models import AuditEntry

    repo.save_scores([ExpertScore("m1", 2024, "1.1.1", "deadlines", 1, "ivanov")])
    entry = AuditEntry.objects.get(action="score_saved")
    assert (entry.actor, entry.municipality_id) == ("ivanov", "m1")
    assert entry.details["scores"] == [["1.1.1", "deadlines", 1, "expert"]]
    assert repo.delete_score("m1", 2024, "ivanov", ("1.1.1", "deadlines"), penalty=False)
    assert not repo.delete_score("m1", 2024, "ivanov", ("1.1.1", "deadlines"), penalty=False)
    assert AuditEntry.objects.filter(action="score_removed").count() == 1


def test_results_through_the_workflow_on_the_database(repo, small_rulebook):
    from mskoko.evaluation.workflow import municipality_result, save_entries

    save_entries(repo, small_rulebook, [
        ExpertScore("m1", 2024, "1.1.1", "deadlines", 3, "ivanov"),
        ExpertScore("m1", 2024, "1.1.1", "deadlines", 2, "petrov")],
        [ExpertPenalty("m1", 2024, "1.1.1", "average_score_ranking", -2, "ivanov")])
    result = municipality_result(repo, small_rulebook, "m1", 2024)
    # median(3, 2) = 2.5; penalty median(−2, 0) = −1 → 1.5 of 60 → 3 %.
    assert (result.total, result.index, result.municipality_name) == (1.5, 3, "Город Н")
