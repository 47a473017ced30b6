"""Execution engines behind the one Ibis expression layer: embedded DuckDB or Spark.

An engine registers Arrow tables, materialises an intermediate result once (so several
aggregations read it instead of recomputing it) and returns small results as pandas.
Tables are registered and materialised with the engines' own calls rather than Ibis'
``create_table``/``cache``, which in ibis 12 with sqlglot ≥ 28 emit a DROP without a name.
"""

from __future__ import annotations

import warnings
from typing import Any, Protocol

import ibis
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from mskoko.errors import MskokoError

ENGINES = ("duckdb", "spark")


class Engine(Protocol):
    name: str

    def register(self, name: str, table: pa.Table) -> ibis.Table: ...

    def materialize(self, name: str, expr: ibis.Table) -> ibis.Table: ...

    def to_pandas(self, expr: ibis.Table) -> pd.DataFrame: ...

    def close(self) -> None: ...


class DuckDBEngine:
    """In-memory DuckDB: Arrow tables are scanned in place, intermediates are temp tables."""

    name = "duckdb"

    def __init__(self, threads: int | None = None) -> None:
        self.backend = ibis.duckdb.connect()
        if threads:
            self.backend.raw_sql(f"SET threads = {int(threads)}")

    def register(self, name: str, table: pa.Table) -> ibis.Table:
        self.backend.con.register(name, table)
        return self._table(name)

    def materialize(self, name: str, expr: ibis.Table) -> ibis.Table:
        sql = ibis.to_sql(expr, dialect="duckdb")
        self.backend.raw_sql(f'CREATE OR REPLACE TEMP TABLE "{name}" AS {sql}')
        return self._table(name)

    def _table(self, name: str) -> ibis.Table:
        # ibis 12 reads the schema with a DuckDB call that DuckDB 2 marks deprecated.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="fetch_arrow_table", category=DeprecationWarning)
            return self.backend.table(name)

    def to_pandas(self, expr: ibis.Table) -> pd.DataFrame:
        relation = self.backend.con.sql(ibis.to_sql(expr, dialect="duckdb"))
        return _whole_decimals_as_int64(relation.to_arrow_table()).to_pandas()

    def close(self) -> None:
        self.backend.disconnect()


def _whole_decimals_as_int64(table: pa.Table) -> pa.Table:
    """DuckDB sums integers into 128-bit integers, which Arrow hands over as decimal128(38, 0)
    and pandas as Python Decimal objects (slow to convert); as int64 — the type Spark's sums
    have — they are plain numbers. The cast is checked: a value beyond int64 raises."""
    for i, field in enumerate(table.schema):
        if pa.types.is_decimal(field.type) and field.type.scale == 0:
            table = table.set_column(i, field.name, pc.cast(table.column(i), pa.int64()))
    return table


class SparkEngine:
    """A Spark session (local[2] by default, or a cluster URL); intermediates are cached views."""

    name = "spark"

    def __init__(self, url: str | None = None) -> None:
        try:
            from pyspark.sql import SparkSession
        except ImportError as error:  # pragma: no cover - depends on the installation
            raise MskokoError(
                "Движок Spark недоступен: установите дополнительные зависимости "
                "(pip install 'mskoko[spark]') и Java 17 или новее."
            ) from error
        builder = (
            SparkSession.builder.appName("mskoko-analytics")
            .master(url or "local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        )
        self.session = builder.getOrCreate()
        self.session.sparkContext.setLogLevel("ERROR")
        self.backend = ibis.pyspark.connect(self.session)
        self._cached: list[Any] = []

    def register(self, name: str, table: pa.Table) -> ibis.Table:
        # From Arrow directly: pandas would turn a missing integer into NaN, which Spark counts.
        self.session.createDataFrame(table).createOrReplaceTempView(name)
        return self.backend.table(name)

    def materialize(self, name: str, expr: ibis.Table) -> ibis.Table:
        frame = self.session.sql(ibis.to_sql(expr, dialect="pyspark")).cache()
        self._cached.append(frame)
        frame.createOrReplaceTempView(name)
        return self.backend.table(name)

    def to_pandas(self, expr: ibis.Table) -> pd.DataFrame:
        return self.backend.to_pyarrow(expr).to_pandas()

    def close(self) -> None:
        for frame in self._cached:
            frame.unpersist()
        self._cached.clear()


def connect(engine: str = "duckdb", engine_url: str | None = None) -> Engine:
    """The engine by name; a Russian error for an unknown one."""
    if engine == "duckdb":
        return DuckDBEngine()
    if engine == "spark":
        return SparkEngine(engine_url)
    raise MskokoError(f"Неизвестный движок «{engine}»: допустимы {', '.join(ENGINES)}.")
