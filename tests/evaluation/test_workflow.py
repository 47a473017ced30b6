"""Entering, validating, accepting proposals and locking — on the in-memory repository."""

from __future__ import annotations

import pytest

from mskoko.errors import ProblemReport
from mskoko.evaluation.errors import PeriodLockedError, ScoringError
from mskoko.evaluation.model import (
    CombineRule,
    ExpertPenalty,
    ExpertScore,
    Proposal,
    ProposalKind,
    Source,
)
from mskoko.evaluation.repository import MemoryScoreRepository, ScoreRepository
from mskoko.evaluation.workflow import (
    accept_proposals,
    change_from_previous,
    configure_period,
    lock_period,
    municipality_result,
    region_results,
    remove_entry,
    save_entries,
    store_proposals,
)


@pytest.fixture
def repo() -> MemoryScoreRepository:
    return MemoryScoreRepository({"m1": "Город Н", "m2": "Айский район"})


def test_memory_repository_satisfies_the_protocol(repo):
    assert isinstance(repo, ScoreRepository)


def test_points_outside_the_range_are_refused_with_every_problem_listed(repo, small_rulebook):
    entries = [
        ExpertScore("m1", 2024, "1.1.1", "deadlines", 4, "ivanov"),
        ExpertScore("m1", 2024, "1.1.1", "results", -1, "ivanov"),
        ExpertScore("m1", 2024, "9.9.9", "results", 1, "ivanov"),
        ExpertScore("m1", 2024, "1.1.1", "attendance", 1, "ivanov"),
        ExpertScore("m1", 2024, "1.1.1", "decisions", 1, ""),
    ]
    with pytest.raises(ProblemReport) as caught:
        save_entries(repo, small_rulebook, entries)
    text = caught.value.format_ru()
    assert [p.code for p in caught.value.problems] == [
        "out_of_range", "out_of_range", "unknown_track", "unknown_criterion", "no_expert"]
    assert "балл вне допустимого диапазона 0…3 для критерия «Указаны сроки» трека 1.1.1" in text
    assert "(значение «4»)" in text
    assert "доступны: 1.1.1, 1.1.2, 1.2.1, 2.1.1" in text
    assert repo.scores(2024) == []  # nothing of a refused batch is stored


def test_penalties_must_be_negative_and_within_the_rulebook(repo, small_rulebook):
    bad = [
        ExpertPenalty("m1", 2024, "1.2.1", "average_score_ranking", 1, "ivanov"),
        ExpertPenalty("m1", 2024, "1.2.1", "average_score_ranking", -3, "petrov"),
        ExpertPenalty("m1", 2024, "", "late_submission", -1, "ivanov"),
    ]
    with pytest.raises(ProblemReport) as caught:
        save_entries(repo, small_rulebook, (), bad)
    messages = [p.message for p in caught.value.problems]
    assert messages[0].startswith("штраф — только отрицательные баллы")
    assert messages[1] == "штраф «Анализ и рейтинг по средним баллам» не может быть меньше -2"
    assert messages[2].startswith("такого штрафа нет в методике; доступны: average_score_ranking")


def test_a_second_entry_by_the_same_expert_replaces_the_first(repo, small_rulebook):
    save_entries(repo, small_rulebook, [ExpertScore("m1", 2024, "1.1.1", "deadlines", 1, "iv")])
    save_entries(repo, small_rulebook, [ExpertScore("m1", 2024, "1.1.1", "deadlines", 3, "iv",
                                                    "исправлено")])
    [only] = repo.scores(2024, "m1")
    assert (only.points, only.comment) == (3, "исправлено")


def test_a_locked_period_refuses_every_edit(repo, small_rulebook):
    save_entries(repo, small_rulebook, [ExpertScore("m1", 2024, "1.1.1", "deadlines", 1, "iv")])
    period = lock_period(repo, 2024, "chief")
    assert period.locked and period.locked_by == "chief"
    score = ExpertScore("m1", 2024, "1.1.1", "deadlines", 3, "iv")
    with pytest.raises(PeriodLockedError, match="Период оценивания 2024 года закрыт"):
        save_entries(repo, small_rulebook, [score])
    with pytest.raises(PeriodLockedError):
        repo.save_scores([score])  # the repository itself refuses, not only the workflow
    with pytest.raises(PeriodLockedError):
        remove_entry(repo, "m1", 2024, "iv", "1.1.1", "deadlines")
    with pytest.raises(PeriodLockedError):
        store_proposals(repo, small_rulebook, [
            Proposal("m1", 2024, "1.1.1", "deadlines", 3, 3)])
    with pytest.raises(PeriodLockedError):
        configure_period(repo, 2024, combine=CombineRule.MEAN)
    assert repo.scores(2024, "m1")[0].points == 1
    # Another year stays open, and reopening the period allows edits again.
    save_entries(repo, small_rulebook, [ExpertScore("m1", 2025, "1.1.1", "deadlines", 2, "iv")])
    lock_period(repo, 2024, None, locked=False)
    save_entries(repo, small_rulebook, [score])
    assert [s.points for s in repo.scores(2024, "m1")] == [3]


def _proposals() -> list[Proposal]:
    return [
        Proposal("m1", 2024, "1.1.1", "deadlines", 3, 3, ProposalKind.CRITERION, "met",
                 ("roadmap.docx: до 20.02.2024",), "", ("roadmap.docx",)),
        Proposal("m1", 2024, "1.1.1", "responsible", 1, 3, ProposalKind.CRITERION, "partly"),
        Proposal("m1", 2024, "1.1.1", "average_score_ranking", -2, None, ProposalKind.PENALTY,
                 "found", ("report.docx: рейтинг школ по среднему баллу",)),
    ]


def test_proposals_count_only_after_an_expert_accepts_them(repo, small_rulebook):
    store_proposals(repo, small_rulebook, _proposals())
    before = municipality_result(repo, small_rulebook, "m1", 2024)
    assert before.total == 0
    assert next(i for i in before.items if i.criterion_id == "deadlines"
                and i.track_id == "1.1.1").proposal == 3

    save_entries(repo, small_rulebook, [ExpertScore("m1", 2024, "1.1.1", "responsible", 2,
                                                    "ivanov", "сам")])
    done = accept_proposals(repo, small_rulebook, "m1", 2024, "ivanov")
    assert done.kept == [("1.1.1", "responsible")]  # the expert's own score is kept
    assert [(s.criterion_id, s.points, s.source) for s in done.scores] == [
        ("deadlines", 3, Source.PROPOSAL)]
    assert done.scores[0].comment.startswith(
        "Принято по итогам автоматической проверки (roadmap.docx). обоснование: «roadmap.docx: "
        "до 20.02.2024»")
    assert [(p.rule_id, p.points) for p in done.penalties] == [("average_score_ranking", -2)]
    after = municipality_result(repo, small_rulebook, "m1", 2024)
    assert (after.total, after.penalties_total) == (3 + 2 - 2, -2)

    again = accept_proposals(repo, small_rulebook, "m1", 2024, "ivanov", overwrite=True,
                             criteria=["responsible"])
    assert [(s.criterion_id, s.points) for s in again.scores] == [("responsible", 1)]


def test_accepting_without_proposals_says_what_to_run(repo, small_rulebook):
    with pytest.raises(ScoringError, match="mskoko score propose"):
        accept_proposals(repo, small_rulebook, "m1", 2024, "ivanov")


def test_new_proposals_replace_old_ones_of_the_same_track(repo, small_rulebook):
    store_proposals(repo, small_rulebook, _proposals())
    store_proposals(repo, small_rulebook, [Proposal("m1", 2024, "1.1.1", "results", 2, 2)])
    assert [p.criterion_id for p in repo.proposals(2024, "m1")] == ["results"]


def test_period_combine_rule_is_used_for_results(repo, small_rulebook):
    save_entries(repo, small_rulebook, [
        ExpertScore("m1", 2024, "1.1.1", "deadlines", 3, "ivanov"),
        ExpertScore("m1", 2024, "1.1.1", "deadlines", 1, "petrov")])
    assert municipality_result(repo, small_rulebook, "m1", 2024).total == 2
    with pytest.raises(ScoringError, match="ведущего эксперта"):
        configure_period(repo, 2024, combine=CombineRule.CHIEF)
    configure_period(repo, 2024, combine=CombineRule.CHIEF, chief_expert="petrov")
    assert municipality_result(repo, small_rulebook, "m1", 2024).total == 1


def test_change_from_previous_year_and_region_results(repo, small_rulebook):
    save_entries(repo, small_rulebook, [
        ExpertScore("m1", 2023, "1.1.1", "deadlines", 3, "ivanov"),
        ExpertScore("m1", 2024, "1.1.1", "deadlines", 3, "ivanov"),
        ExpertScore("m1", 2024, "1.1.2", "deadlines", 3, "ivanov"),
        ExpertScore("m2", 2024, "1.1.1", "deadlines", 3, "ivanov")])
    current = municipality_result(repo, small_rulebook, "m1", 2024)
    change = change_from_previous(repo, lambda year: small_rulebook, current)
    assert change is not None and change.index_delta_pp == 10 - 5
    other = municipality_result(repo, small_rulebook, "m2", 2024)
    assert change_from_previous(repo, lambda year: small_rulebook, other) is None
    results = region_results(repo, small_rulebook, 2024)
    assert [(r.municipality_id, r.municipality_name, r.total) for r in results] == [
        ("m1", "Город Н", 6), ("m2", "Айский район", 3)]
    with pytest.raises(ScoringError, match="За 2022 год нет ни одного балла"):
        region_results(repo, small_rulebook, 2022)


def test_removing_a_score_that_does_not_exist_is_an_error(repo, small_rulebook):
    with pytest.raises(ScoringError, match="нет балла «deadlines»"):
        remove_entry(repo, "m1", 2024, "ivanov", "1.1.1", "deadlines")
