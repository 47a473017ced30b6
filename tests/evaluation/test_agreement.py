"""Agreement between experts on small hand-made matrices (values computed by hand)."""

from __future__ import annotations

import pytest

from mskoko.evaluation.agreement import agreement, scores_by_expert
from mskoko.evaluation.model import ExpertScore

ITEMS = [("1.1.1", "deadlines"), ("1.1.1", "responsible"), ("1.1.1", "results"),
         ("1.1.1", "decisions")]


def _matrix(**rows: list[float | None]) -> dict[str, dict[tuple[str, str], float]]:
    return {e: {k: v for k, v in zip(ITEMS, values, strict=True) if v is not None}
            for e, values in rows.items()}


def test_perfect_agreement():
    report = agreement(_matrix(a=[0, 1, 2, 3], b=[0, 1, 2, 3], c=[0, 1, 2, 3]))
    assert report.items_compared == 4
    assert report.exact_share == 1
    assert report.mean_abs_difference == 0
    assert report.alpha == pytest.approx(1.0)
    assert report.disagreements == []
    assert report.verdict_ru().startswith("Высокая согласованность")


def test_systematic_disagreement_gives_negative_alpha():
    # Values 0 ×4 and 3 ×4, every unit split: D_o = 9, D_e = 288/56 → α = 1 − 1.75 = −0.75.
    report = agreement(_matrix(a=[0, 3, 0, 3], b=[3, 0, 3, 0]))
    assert report.exact_share == 0
    assert report.mean_abs_difference == 3
    assert report.alpha == pytest.approx(-0.75)
    assert [d.spread for d in report.disagreements] == [3, 3, 3, 3]
    assert report.verdict_ru().startswith("Низкая согласованность")


def test_partial_agreement_interval_and_ordinal():
    data = _matrix(a=[0, 1, 2, 3], b=[0, 1, 2, 2])
    # Interval: D_o = 2/8, D_e = 126/56 → α = 1 − 1/9.
    assert agreement(data, level="interval").alpha == pytest.approx(8 / 9)
    # Ordinal (counts 0:2, 1:2, 2:3, 3:1): D_o = 1, D_e = 624/56 → α = 1 − 56/624.
    report = agreement(data)
    assert report.alpha == pytest.approx(1 - 56 / 624)
    assert report.exact_share == 0.75
    assert report.mean_abs_difference == 0.25
    assert report.disagreements[0].key == ("1.1.1", "decisions")
    assert report.disagreements[0].points == {"a": 3, "b": 2}


def test_items_scored_by_one_expert_are_not_compared():
    report = agreement(_matrix(a=[0, 1, 2, 3], b=[0, 1, None, None]))
    assert report.items_compared == 2
    assert report.exact_share == 1
    pair = report.pairs[0]
    assert (pair.expert_a, pair.expert_b, pair.items) == ("a", "b", 2)


def test_identical_constant_points_leave_alpha_undefined():
    report = agreement(_matrix(a=[3, 3, 3, 3], b=[3, 3, 3, 3]))
    assert report.alpha is None
    assert report.exact_share == 1
    assert "Полное совпадение" in report.verdict_ru()


def test_one_expert_has_nothing_to_agree_with():
    report = agreement(_matrix(a=[0, 1, 2, 3]))
    assert report.items_compared == 0
    assert report.alpha is None
    assert report.verdict_ru() == "Оценивал один эксперт: согласованность не вычисляется."


def test_scores_by_expert_groups_final_scores():
    grouped = scores_by_expert([
        ExpertScore("m1", 2024, "1.1.1", "deadlines", 2, "a"),
        ExpertScore("m1", 2024, "1.1.1", "deadlines", 1, "b"),
    ])
    assert grouped == {"a": {("1.1.1", "deadlines"): 2.0}, "b": {("1.1.1", "deadlines"): 1.0}}
