"""The statistics under each sign: leave-one-out references, robust spread, multiplicity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mskoko.analytics.signs import _robust_tau2, cut_heaping, mark_gap, sidak_z


def units(rows: list[dict]) -> pd.DataFrame:
    base = {"year": 2024, "procedure": "VPR", "subject": "math", "grade": 5, "participants": 40,
            "n_level": 40, "n_below": 0, "n_high": 0, "n_mark2": 0, "n_mark3": 0, "n_mark4": 0,
            "n_mark5": 0, "n_pairs": 40, "n_raised": 0, "n_lowered": 0, "n_at_cut": 0,
            "n_just_below": 0, "n_just_above": 0, "n_cut_tests": 1, "pct_sum": 20.0,
            "pct_sq_sum": 13.0}
    return pd.DataFrame([{**base, **row} for row in rows])


def test_mark_gap_compares_a_school_with_all_other_schools_only() -> None:
    frame = units([
        {"org_id": "A", "n_raised": 20, "n_lowered": 4},
        {"org_id": "B", "n_raised": 4, "n_lowered": 12},
        {"org_id": "C", "n_raised": 4, "n_lowered": 12},
    ])
    obs = mark_gap(frame).set_index("org_id")
    assert obs.loc["A", "x"] == pytest.approx(16 / 40)
    assert obs.loc["A", "ref"] == pytest.approx((8 - 24) / 80)  # B and C, not A itself
    assert obs.loc["A", "x"] > obs.loc["A", "ref"]
    assert obs.loc["B", "shown"] == pytest.approx(4 / 40)


def test_heaping_measures_the_cut_share_of_its_band_against_other_schools() -> None:
    frame = units([
        {"org_id": "A", "n_at_cut": 18, "n_just_below": 2, "n_just_above": 10},
        {"org_id": "B", "n_at_cut": 6, "n_just_below": 12, "n_just_above": 12},
        {"org_id": "C", "n_at_cut": 6, "n_just_below": 12, "n_just_above": 12},
    ])
    obs = cut_heaping(frame).set_index("org_id")
    assert obs.loc["A", "x"] == pytest.approx(18 / 30)
    assert obs.loc["A", "ref"] == pytest.approx(12 / 60)
    assert obs.loc["A", "shown_extra"] == pytest.approx(2 / 30)  # the deficit just below


def test_robust_spread_is_near_zero_for_pure_sampling_noise_and_finds_a_real_one() -> None:
    rng = np.random.default_rng(1)
    v = rng.uniform(0.001, 0.01, 400)
    noise = rng.normal(0, np.sqrt(v))
    assert _robust_tau2(pd.Series(noise), pd.Series(v)) < 0.001
    spread = rng.normal(0, np.sqrt(v + 0.01))
    assert _robust_tau2(pd.Series(spread), pd.Series(v)) == pytest.approx(0.01, rel=0.35)


def test_robust_spread_ignores_a_few_outlying_schools() -> None:
    rng = np.random.default_rng(2)
    v = np.full(200, 0.004)
    dev = rng.normal(0, np.sqrt(v + 0.004))
    dev[:10] += 1.0  # ten manipulated schools far out
    assert _robust_tau2(pd.Series(dev), pd.Series(v)) == pytest.approx(0.004, rel=0.5)


def test_looking_at_more_places_demands_a_stronger_signal() -> None:
    z = np.array([3.0, 3.0, 3.0])
    adjusted = sidak_z(z, np.array([1, 5, 20]))
    assert adjusted[0] == pytest.approx(3.0)
    assert adjusted[0] > adjusted[1] > adjusted[2]
