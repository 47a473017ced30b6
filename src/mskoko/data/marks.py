"""Marks derived where a row has none: from the given scale, or one inferred from the results."""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa

from mskoko.data.dataset import SCALES_SCHEMA

_KEY = "year, procedure, subject, grade"


def fill_marks(con: duckdb.DuckDBPyConnection, results: pa.Table, scales: pa.Table | None) -> pa.Table:
    """Results with empty marks derived: the highest mark whose threshold the primary score reaches.

    Thresholds come from ``scales``; for a year/procedure/subject/grade they do not cover,
    from :func:`infer_scales` over the rows that do carry a mark.
    """
    marks = results.column("mark")
    if marks.null_count == 0:
        return results
    con.register("fill_source", results.append_column("__i", pa.array(np.arange(results.num_rows))))
    con.register("fill_given", scales if scales is not None else SCALES_SCHEMA.empty_table())
    # Scanning every row for thresholds is only worth it when some test lacking marks has
    # no given scale (the inferred thresholds of covered tests are discarded anyway).
    con.register("fill_missing", results.select(_KEY.split(", ")).filter(marks.is_null()))
    uncovered = con.sql(
        f"SELECT 1 FROM fill_missing ANTI JOIN fill_given g USING ({_KEY}) LIMIT 1"
    ).fetchall()
    inferred = infer_scales(con, "fill_source") if uncovered else SCALES_SCHEMA.empty_table()
    con.register("fill_inferred", inferred)
    derived = con.sql(
        "WITH thresholds AS (SELECT * FROM fill_given UNION ALL "
        f"SELECT i.* FROM fill_inferred i ANTI JOIN fill_given g USING ({_KEY})) "
        "SELECT r.__i, s.mark FROM (SELECT __i, year, procedure, subject, grade, primary_score "
        "FROM fill_source WHERE mark IS NULL AND primary_score IS NOT NULL) r "
        "ASOF JOIN thresholds s ON r.year = s.year AND r.procedure = s.procedure "
        "AND r.subject = s.subject AND r.grade = s.grade AND r.primary_score >= s.min_primary_score"
    ).fetchnumpy()
    if len(derived["__i"]) == 0:
        return results
    values = np.array(marks.fill_null(0).to_numpy(), dtype=np.int8)
    present = np.array(marks.is_valid().to_numpy(), dtype=bool)
    values[derived["__i"]] = derived["mark"]
    present[derived["__i"]] = True
    filled = pa.array(values, pa.int8(), mask=~present)
    return results.set_column(results.schema.get_field_index("mark"), "mark", filled)


def infer_scales(con: duckdb.DuckDBPyConnection, results: str) -> pa.Table:
    """Thresholds seen in the results, for the tests where some rows lack a mark.

    Per year/procedure/subject/grade, the lowest primary score seen with each mark; mark 2
    is the lowest mark, so its threshold is 0 whatever scores were seen.
    """
    return (
        con.sql(
            f"WITH missing AS (SELECT DISTINCT {_KEY} FROM {results} WHERE mark IS NULL) "
            f"SELECT {_KEY}, mark, CASE WHEN mark = 2 THEN 0 ELSE min(primary_score) END AS min_primary_score "
            f"FROM {results} SEMI JOIN missing USING ({_KEY}) "
            "WHERE mark IS NOT NULL AND primary_score IS NOT NULL "
            f"GROUP BY {_KEY}, mark ORDER BY {_KEY}, mark"
        )
        .to_arrow_table()
        .cast(SCALES_SCHEMA)
    )
