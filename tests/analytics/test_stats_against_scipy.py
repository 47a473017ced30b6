"""The two small statistics written out to spare scipy.stats' import agree with scipy.stats."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from mskoko.analytics.signs import sidak_z, theil_sen

points = st.lists(
    st.tuples(st.integers(2015, 2030), st.floats(-50, 50, allow_nan=False)),
    min_size=2, max_size=12,
).filter(lambda rows: len({x for x, _ in rows}) >= 2)


@settings(max_examples=60, deadline=None)
@given(points)
def test_theil_sen_equals_scipy_theilslopes(rows: list[tuple[int, float]]) -> None:
    x = pd.Series([float(r[0]) for r in rows])
    y = pd.Series([r[1] for r in rows])
    expected = stats.theilslopes(y, x)
    slope, intercept = theil_sen(y, x)
    assert np.isclose(slope, expected.slope) and np.isclose(intercept, expected.intercept)


def test_sidak_z_equals_the_normal_tail_corrected_for_the_number_of_tests() -> None:
    z = np.array([0.5, 2.0, 3.5, 5.0])
    tests = np.array([1, 3, 5, 10])
    p = stats.norm.sf(z)
    expected = stats.norm.isf(1 - (1 - p) ** tests)
    assert np.allclose(sidak_z(z, tests), expected)
