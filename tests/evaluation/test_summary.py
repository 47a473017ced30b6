"""Totals, maxima, index, per-system profile, penalties and experts combined — by hand."""

from __future__ import annotations

import pytest

from mskoko.evaluation.combine import combine_points
from mskoko.evaluation.errors import ScoringError
from mskoko.evaluation.model import (
    CombineRule,
    ExpertPenalty,
    ExpertScore,
    Proposal,
    ProposalKind,
)
from mskoko.evaluation.summary import summarise, year_change


def _score(track: str, criterion: str, points: float, expert: str, year: int = 2024,
           municipality: str = "m1") -> ExpertScore:
    return ExpertScore(municipality, year, track, criterion, points, expert)


# Two experts on municipality m1 (maximum 60: 1.1 → 30, 1.2 → 15, 2.1 → 15).
TWO_EXPERTS = [
    _score("1.1.1", "deadlines", 3, "ivanov"), _score("1.1.1", "deadlines", 3, "petrov"),
    _score("1.1.1", "responsible", 2, "ivanov"), _score("1.1.1", "responsible", 1, "petrov"),
    _score("1.1.2", "results", 2, "ivanov"),
    _score("1.2.1", "decisions", 3, "ivanov"), _score("1.2.1", "decisions", 2, "petrov"),
    _score("2.1.1", "municipal_specifics", 2, "petrov"),
]
RANKING_PENALTY = [
    ExpertPenalty("m1", 2024, "1.2.1", "average_score_ranking", -2, "ivanov", "рейтинг ОО"),
    ExpertPenalty("m1", 2024, "1.2.1", "average_score_ranking", -2, "petrov"),
]


def test_seed_result_740_of_902_is_index_82(rulebook_902):
    scores = [_score("1.2.1", "deadlines", 370, "ivanov"),
              _score("1.2.1", "responsible", 370, "ivanov")]
    result = summarise(rulebook_902, scores)
    assert (result.total, result.maximum, result.index) == (740, 902, 82)
    assert result.ratio == pytest.approx(0.8204, abs=1e-4)
    assert [(s.system_id, s.total, s.maximum, s.index) for s in result.systems] == [
        ("1.2", 740, 902, 82)]


def test_median_of_two_experts_totals_profile_and_penalty(small_rulebook):
    result = summarise(small_rulebook, TWO_EXPERTS, RANKING_PENALTY)
    # 3 + median(2, 1) + 2 + median(3, 2) + 2 = 3 + 1.5 + 2 + 2.5 + 2 = 11; penalty −2 → 9.
    assert result.total == 9
    assert result.maximum == 60
    assert result.penalties_total == -2
    assert result.index == 15  # 9 / 60
    profile = {s.system_id: (s.total, s.maximum, s.index) for s in result.systems}
    assert profile == {
        "1.1": (6.5, 30, 22),  # 3 + 1.5 + 2 = 6.5 → 21.7 %
        "1.2": (0.5, 15, 3),  # 2.5 − 2 (the penalty lowers its system) → 3.3 %
        "2.1": (2, 15, 13),  # 13.3 %
    }
    responsible = next(i for i in result.items if i.key == ("1.1.1", "responsible"))
    assert responsible.final == 1.5
    assert responsible.by_expert == {"ivanov": 2, "petrov": 1}
    assert result.experts == ["ivanov", "petrov"]
    assert result.penalties[0].comments == {"ivanov": "рейтинг ОО"}


def test_chief_experts_points_win_where_given(small_rulebook):
    result = summarise(small_rulebook, TWO_EXPERTS, RANKING_PENALTY,
                       combine=CombineRule.CHIEF, chief_expert="petrov")
    # petrov: 3, 1, (results: only ivanov's 2), 2, 2 → 10; penalty −2 → 8 of 60 → 13 %.
    assert (result.total, result.index) == (8, 13)


def test_combine_rules_on_three_experts():
    votes = {"a": 0, "b": 1, "c": 3}
    assert combine_points(votes, CombineRule.MEDIAN) == 1
    assert combine_points(votes, CombineRule.MEAN) == pytest.approx(4 / 3)
    assert combine_points(votes, CombineRule.CHIEF, "c") == 3
    assert combine_points(votes, CombineRule.CHIEF, "z") == 1  # the chief did not score
    assert combine_points({}, CombineRule.MEDIAN) is None


def test_expert_silent_on_a_penalty_counts_as_no_penalty(small_rulebook):
    one_penalty = [RANKING_PENALTY[0]]  # only ivanov penalises; petrov scored, gave none
    result = summarise(small_rulebook, TWO_EXPERTS, one_penalty)
    assert result.penalties_total == -1  # median(−2, 0)
    assert result.total == 10


def test_unscored_items_count_zero_and_are_listed(small_rulebook):
    result = summarise(small_rulebook, TWO_EXPERTS)
    assert result.total == 11
    assert len(result.items) == 24
    assert len(result.unscored) == 24 - 5


def test_proposals_are_shown_but_never_counted(small_rulebook):
    proposal = Proposal("m1", 2024, "2.1.1", "deadlines", 3, 3, ProposalKind.CRITERION)
    result = summarise(small_rulebook, TWO_EXPERTS, proposals=[proposal])
    item = next(i for i in result.items if i.key == ("2.1.1", "deadlines"))
    assert item.proposal == 3
    assert item.final is None
    assert result.total == 11


def test_scores_of_an_unknown_criterion_are_refused_in_russian(small_rulebook):
    with pytest.raises(ScoringError, match=r"нет в методике.*1\.1\.1/attendance"):
        summarise(small_rulebook, [_score("1.1.1", "attendance", 1, "ivanov")])


def test_mixing_municipalities_is_refused(small_rulebook):
    with pytest.raises(ScoringError, match="разных муниципалитетов"):
        summarise(small_rulebook, [_score("1.1.1", "deadlines", 1, "a"),
                                   _score("1.1.1", "deadlines", 1, "a", municipality="m2")])


def test_year_change_in_percentage_points(small_rulebook):
    current = summarise(small_rulebook, TWO_EXPERTS, RANKING_PENALTY)  # 9/60 → 15 %
    previous = summarise(small_rulebook, [
        _score("1.1.1", "deadlines", 3, "ivanov", year=2023),
        _score("2.1.1", "decisions", 3, "ivanov", year=2023),
    ])  # 6/60 → 10 %; 1.1: 3/30 → 10 %, 1.2: 0 %, 2.1: 3/15 → 20 %
    change = year_change(current, previous)
    assert change.previous_year == 2023
    assert change.total_delta == 3
    assert change.index_delta_pp == 5
    assert change.penalties_delta == -2
    assert change.systems_delta_pp == {"1.1": 12, "1.2": 3, "2.1": -7}
    assert not change.maximum_changed
    assert change.describe_ru() == "Индекс к 2023 году: +5 п. п.; баллы: +3."
