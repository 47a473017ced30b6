"""The scoring model: scorecard derived from the edition, totals, index, penalties, refusals."""

from __future__ import annotations

from collections import Counter

import pytest

from mskoko.errors import MskokoError, ProblemReport
from mskoko.rulebook import Rulebook
from mskoko.rulebook.schema import Scoring, TrackAdjustment
from mskoko.rulebook.scoring import (
    PenaltyApplied,
    compute_score,
    index_percent,
    scorecard_items,
    scorecard_maximum,
    track_criteria,
)

# Hand-computed points for minimal-902.yaml (per track: deadlines 200, responsible 150,
# decisions 101 → 451; two tracks → 902). 450 + 290 = 740.
POINTS_740 = {
    ("1.1.1", "deadlines"): 200, ("1.1.1", "responsible"): 150, ("1.1.1", "decisions"): 100,
    ("2.1.1", "deadlines"): 150, ("2.1.1", "responsible"): 90, ("2.1.1", "decisions"): 50,
}


def test_index_is_percent_rounded_half_up() -> None:
    assert index_percent(740, 902) == 82
    assert index_percent(1, 8) == 13  # 12.5: half up, not to even
    assert index_percent(3, 8) == 38  # 37.5
    assert index_percent(0, 5) == 0
    assert index_percent(902, 902) == 100
    with pytest.raises(MskokoError, match="максимальный балл должен быть больше нуля"):
        index_percent(1, 0)


def test_the_seeds_740_of_902_gives_index_82(minimal: Rulebook) -> None:
    summary = compute_score(minimal, POINTS_740)
    assert summary.maximum == 902
    assert summary.total == 740
    assert summary.points_total == 740
    assert summary.penalties_total == 0
    assert summary.index == 82


def test_per_system_and_per_parameter_breakdown(minimal: Rulebook) -> None:
    summary = compute_score(minimal, POINTS_740)
    assert (summary.by_system["1.1"].total, summary.by_system["1.1"].maximum) == (450, 451)
    assert (summary.by_system["2.1"].total, summary.by_system["2.1"].maximum) == (290, 451)
    assert summary.by_system["1.1"].index == 100  # 99.78 → 100
    assert summary.by_system["2.1"].index == 64  # 64.30 → 64
    assert "2.3" not in summary.by_system  # not scored
    # deadlines → p3, decisions → p1, responsible → no parameter.
    assert (summary.by_parameter["p3_deadlines"].total, summary.by_parameter["p3_deadlines"].maximum) == (350, 400)
    assert (summary.by_parameter["p1_measures"].total, summary.by_parameter["p1_measures"].maximum) == (150, 202)
    assert (summary.outside_parameters.total, summary.outside_parameters.maximum) == (240, 300)
    assert summary.by_parameter["p5_beyond_cycle"].maximum == 0


def test_penalties_lower_the_total_and_the_system_of_their_track(minimal: Rulebook) -> None:
    summary = compute_score(minimal, POINTS_740, [
        PenaltyApplied("average_score_ranking"),  # rulebook figure: -1, no track
        PenaltyApplied("average_score_ranking", points=-9, track_id="2.1.1"),
    ])
    assert summary.penalties_total == -10
    assert summary.points_total == 740
    assert summary.total == 730
    assert summary.index == 81  # 80.93
    assert summary.by_system["2.1"].total == 281
    assert summary.by_system["1.1"].total == 450
    assert summary.maximum == 902


def test_a_parameter_with_sign_minus_deducts_and_adds_no_maximum(minimal: Rulebook) -> None:
    points = dict(POINTS_740) | {("2.1.1", "beyond"): 5}
    summary = compute_score(minimal, points)
    assert summary.maximum == 902
    assert summary.total == 735
    assert summary.index == 81  # 81.49
    assert summary.by_parameter["p5_beyond_cycle"].total == -5
    assert summary.by_system["2.1"].total == 285


def test_points_outside_the_range_are_refused_naming_every_item(minimal: Rulebook) -> None:
    points = dict(POINTS_740) | {("1.1.1", "responsible"): 151, ("2.1.1", "deadlines"): -1}
    with pytest.raises(ProblemReport) as caught:
        compute_score(minimal, points)
    messages = [p.message for p in caught.value.problems]
    assert caught.value.title == "Баллы не приняты"
    assert len(messages) == 2
    assert "трек 1.1.1, критерий «Указаны ответственные» (responsible): балл 151 вне допустимого диапазона 0–150" in messages
    assert any(m.startswith("трек 2.1.1, критерий «Указаны сроки» (deadlines): балл -1") for m in messages)


def test_unknown_items_and_nan_points_are_refused(minimal: Rulebook) -> None:
    with pytest.raises(ProblemReport) as caught:
        compute_score(minimal, {("1.1.1", "budget"): 1, ("3.3.3", "deadlines"): 1,
                                ("1.1.1", "deadlines"): float("nan")})
    messages = " | ".join(p.message for p in caught.value.problems)
    assert "трек 1.1.1, критерий «budget»: такого пункта нет в оценочном листе правил «minimal-902»" in messages
    assert "трек 3.3.3" in messages
    assert "балл nan вне допустимого диапазона" in messages


def test_penalties_must_be_known_negative_and_on_a_known_track(minimal: Rulebook) -> None:
    with pytest.raises(ProblemReport) as caught:
        compute_score(minimal, POINTS_740, [
            PenaltyApplied("average_score_ranking", points=2),
            PenaltyApplied("no_such_rule"),
            PenaltyApplied("average_score_ranking", track_id="9.9.9"),
        ])
    codes = Counter(p.code for p in caught.value.problems)
    assert codes == {"penalty_not_negative": 1, "unknown_penalty": 1, "unknown_track": 1}
    assert any("штраф должен быть отрицательным" in p.message for p in caught.value.problems)


def test_missing_items_count_as_zero(minimal: Rulebook) -> None:
    summary = compute_score(minimal, {("1.1.1", "deadlines"): 200})
    assert (summary.total, summary.maximum, summary.index) == (200, 902, 22)


def test_base_edition_scorecard_is_derived_from_evidence_kinds(base: Rulebook) -> None:
    items = scorecard_items(base)
    per_track = Counter(i.track_id for i in items)
    regional = [t.id for t in base.tracks_of_function("regional_cycle")]
    monitoring = [t.id for t in base.tracks_of_function("monitoring_analysis")]
    assert all(per_track[t] == 10 for t in regional)
    assert all(per_track[t] == 16 for t in monitoring)
    # 6 tracks × 12 points + 6 tracks × 19 points (see the scoring comment in the edition).
    assert scorecard_maximum(base) == 6 * 12 + 6 * 19 == 186
    # The analytical report's criteria are scored only where the function has that evidence.
    assert "analysis_of_results" in track_criteria(base, "1.2.1")
    assert "analysis_of_results" not in track_criteria(base, "1.1.1")
    # Administrative documents: responsible + deadlines + decisions, 1 each (seed 002).
    order = {i.criterion_id: i.max_points for i in items if i.track_id == "1.1.1"
             and i.criterion_id in base.document_kind("order").criteria}
    assert order == {"deadlines": 1, "responsible": 1, "decisions": 1}


def test_unscored_systems_have_no_items(base: Rulebook) -> None:
    systems = {i.system_id for i in scorecard_items(base)}
    assert systems == {"1.1", "1.2", "1.3", "2.1", "2.2", "2.4"}


def test_rules_and_track_adjustments_change_the_scorecard(minimal: Rulebook) -> None:
    scoring = Scoring(
        rules=[{"function": "regional_cycle", "exclude": ["responsible"]}],
        track_adjustments={"2.1.1": TrackAdjustment(include=["responsible"], exclude=["decisions"])},
        max_points={"deadlines": 5},
    )
    changed = minimal.model_copy(update={"scoring": scoring})
    assert track_criteria(changed, "1.1.1") == ["deadlines", "decisions", "beyond"]
    assert track_criteria(changed, "2.1.1") == ["deadlines", "responsible", "beyond"]
    # 1.1.1: deadlines 5 + decisions 1; 2.1.1: deadlines 5 + responsible 1.
    assert scorecard_maximum(changed) == 12


def test_score_items_carry_system_title_parameter_and_sign(minimal: Rulebook) -> None:
    beyond = next(i for i in scorecard_items(minimal) if i.key == ("2.1.1", "beyond"))
    assert (beyond.system_id, beyond.title, beyond.parameter_id, beyond.sign) == (
        "2.1", "Деятельность вне цикла", "p5_beyond_cycle", "minus")
