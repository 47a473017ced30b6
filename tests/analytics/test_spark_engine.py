"""The same analysis on DuckDB and on a local Spark session gives the same flags and indicators.

Spark starts slowly: one session for the module. Deselect with ``-m "not spark"``.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def both(rulebook):
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("для Spark нужна Java 17 или новее")
    from mskoko.analytics import analyze
    from mskoko.demo import generate

    dataset = generate(5, schools_per_municipality=14).dataset
    return analyze(dataset, rulebook), analyze(dataset, rulebook, engine="spark")


def test_spark_and_duckdb_give_identical_flags(both) -> None:
    duckdb, spark = both
    assert len(duckdb.flags) > 0
    pd.testing.assert_frame_equal(duckdb.flags, spark.flags)


def test_spark_and_duckdb_give_identical_indicators(both) -> None:
    duckdb, spark = both
    pd.testing.assert_frame_equal(duckdb.indicators, spark.indicators)
    pd.testing.assert_frame_equal(duckdb.municipalities, spark.municipalities)
    assert spark.engine == "spark"
