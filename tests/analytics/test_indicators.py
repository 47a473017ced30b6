"""indicators.csv content: levels and agreement as shares, sample reliability, dynamics."""

from __future__ import annotations

import numpy as np
import pytest


def test_indicators_are_levels_and_never_averages(analysis) -> None:
    columns = set(analysis.indicators.columns)
    assert {"org_id", "year", "procedure", "subject", "grade", "participants",
            "share_below_basic", "share_high", "share_mark3", "share_mark4", "share_mark5",
            "share_confirmed", "share_raised", "share_lowered", "reliability"} <= columns
    assert not [c for c in columns if "mean" in c or "avg" in c or "average" in c]


def test_shares_are_counts_over_the_results_with_a_known_level(analysis) -> None:
    i = analysis.indicators
    known = i[i["n_level"] > 0]
    assert np.allclose(known["share_below_basic"], (known["n_below"] / known["n_level"]).round(4))
    pairs = i[i["n_pairs"] > 0]
    total = pairs["share_confirmed"] + pairs["share_raised"] + pairs["share_lowered"]
    assert np.allclose(total, 1.0, atol=2e-4)


def test_reliability_follows_the_participant_thresholds(analysis, settings) -> None:
    i = analysis.indicators
    assert (i.loc[i["participants"] < settings.min_participants_judgement, "reliability"]
            == "limited").all()
    assert (i.loc[i["participants"] >= settings.min_participants_informative, "reliability"]
            == "informative").all()


def test_dynamics_compare_the_same_school_test_with_earlier_years(analysis) -> None:
    i = analysis.indicators.set_index(["org_id", "procedure", "subject", "grade", "year"])
    row = i[i["share_below_basic_change_1y"].notna()].iloc[0]
    key = row.name
    before = i.loc[(*key[:4], key[4] - 1)]
    assert row["share_below_basic_change_1y"] == pytest.approx(
        row["share_below_basic"] - before["share_below_basic"], abs=2e-4)
    assert i["share_below_basic_change_3y"].notna().any()


def test_municipal_and_group_summaries_pool_the_schools(analysis) -> None:
    m = analysis.municipalities
    total = analysis.indicators.groupby(["year", "procedure"])["participants"].sum()
    pooled = m.groupby(["year", "procedure"])["participants"].sum()
    assert (total == pooled).all()
    g = analysis.groups
    assert set(g["group_kind"]) == {"тип поселения", "социальные условия", "численность"}
    for _, part in g.groupby("group_kind"):
        assert part.groupby(["year", "procedure"])["participants"].sum().equals(pooled)
