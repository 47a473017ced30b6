"""The row checks of the contract as SQL over text columns, shared by both validation passes.

A relation is parsed in layers: ``r_<col>`` is the text as read (NULL when empty),
``d_<col>`` its numeric reading, and — in the detailed pass only — ``s_<col>`` the text
without surrounding spaces (trimmed by Arrow, as in the fast pass). Integers are read as
DOUBLE too: one cast per cell, and unlike DuckDB's integer cast it does not round «5.5»
to 6. The fast pass computes the canonical values and one "a number is wrong" flag per
row (:func:`fast_query`); the detailed pass locates each :class:`RowCheck` — a SQL
condition, true on a wrong row.
"""

from __future__ import annotations

from dataclasses import dataclass

from mskoko.data.specs import ColumnSpec, FileSpec

# Exactly the characters Arrow's utf8_trim_whitespace (and Python's str.strip) remove;
# both passes trim with Arrow, so they agree on what an empty cell is.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)


@dataclass(frozen=True)
class RowCheck:
    """One way a single row can be wrong; ``message`` may use ``{detail}`` (SQL ``detail``)."""

    code: str
    column: str
    condition: str
    message: str
    detail: str | None = None


def raw_layer(
    spec: FileSpec, present: set[str], relation: str, *, read_as_double: frozenset[str] = frozenset()
) -> str:
    """SELECT of ``r_<col>`` for every column (NULL for absent ones), for the fast pass.

    Columns in ``read_as_double`` were parsed by the CSV reader itself: they come as ``d_``
    directly (with ``r_`` NULL). ``nullif`` also keeps DuckDB from pushing a later TRY_CAST
    into the CSV reader, where it would become a failing CAST.
    """
    parts = []
    for column in spec.columns:
        name = column.name
        if name in read_as_double:
            parts += [f"NULL::VARCHAR AS r_{name}", f"{name} AS d_{name}"]
            continue
        raw = f"nullif({name}, '')" if name in present else "NULL::VARCHAR"
        parts.append(f"{raw} AS r_{name}")
    return f"SELECT {', '.join(parts)} FROM {relation}"


def parsed_layer(spec: FileSpec, inner: str, read_as_double: frozenset[str] = frozenset()) -> str:
    """SELECT adding the numeric readings ``d_`` to every column of ``inner`` that lacks one."""
    parts = ["*"]
    for column in spec.columns:
        name = column.name
        if name in read_as_double:
            continue
        if column.kind == "integer":
            parts.append(f"TRY_CAST(r_{name} AS DOUBLE) AS d_{name}")
        elif column.kind == "number":
            parts.append(f"TRY_CAST(replace(r_{name}, ',', '.') AS DOUBLE) AS d_{name}")
    return f"SELECT {', '.join(parts)} FROM ({inner})"


def _num(value: float | None) -> str:
    number = float(value if value is not None else 0)
    return str(int(number)) if number.is_integer() else repr(number)


def _between(name: str, column: ColumnSpec) -> str:
    return f"{name} BETWEEN {_num(column.minimum)} AND {_num(column.maximum)}"


def valid(column: ColumnSpec) -> str:
    """SQL true when the column holds an acceptable value (integer and number kinds)."""
    name = column.name
    if column.kind == "integer":
        return f"(d_{name} = trunc(d_{name}) AND {_between('d_' + name, column)})"
    if column.kind == "number":
        return f"(isfinite(d_{name}) AND {_between('d_' + name, column)})"
    raise ValueError(f"{column.name} is not numeric")


def typed(spec: FileSpec, column: ColumnSpec) -> str:
    """SQL for the column's value in the fast pass: numbers parsed, text as read."""
    name = column.name
    if column.kind == "integer":
        return f"CAST(CASE WHEN {valid(column)} THEN d_{name} END AS {spec.sql_type(name)})"
    if column.kind == "number":
        return f"CASE WHEN {valid(column)} THEN d_{name} END"
    return f"r_{name}"


def empty_row(spec: FileSpec) -> str:
    """SQL (detailed pass) true for a row with nothing in any contract column."""
    return " AND ".join(f"s_{c.name} IS NULL" for c in spec.columns)


def fast_query(spec: FileSpec, present: set[str], inner: str) -> str:
    """SELECT of the canonical columns plus ``__bad``, true where a number is wrong.

    A numeric cell is wrong exactly when it holds something but its canonical value is
    NULL (not a number, not whole, out of range) — cheaper than every RowCheck condition.
    Cells of spaces raise the flag too; the detailed pass then finds them blank, not wrong.
    """
    numeric = [c.name for c in spec.columns if c.kind in ("integer", "number") and c.name in present]
    outputs = [f"{typed(spec, c)} AS {c.name}" for c in spec.columns]
    outputs += [f"(r_{name} IS NOT NULL OR d_{name} IS NOT NULL) AS p_{name}" for name in numeric]
    flags = [f"(p_{name} AND {name} IS NULL)" for name in numeric]
    if spec.kind == "results" and {"primary_score", "max_score"} <= present:
        flags.append("coalesce(primary_score > max_score, false)")
    columns = ", ".join(spec.names)
    flag = " OR ".join(flags) or "false"
    return f"SELECT {columns}, ({flag}) AS __bad FROM (SELECT {', '.join(outputs)} FROM ({inner}))"


def _hidden_spaces(name: str) -> str:
    # A number wrapped in a no-break or other unusual space looks right but is not a number.
    return (
        f"CASE WHEN r_{name} <> s_{name} THEN ' (в ячейке есть невидимые символы, "
        "например неразрывный пробел: удалите их)' ELSE '' END"
    )


def row_checks(spec: FileSpec, present: set[str]) -> list[RowCheck]:
    """Every single-row check that applies to the columns present in the file (detailed pass)."""
    checks: list[RowCheck] = []

    for column in spec.columns:
        name = column.name
        if name not in present:
            continue
        if column.required:
            checks.append(RowCheck("required", name, f"s_{name} IS NULL", "обязательное значение не заполнено"))
        if column.kind == "integer":
            checks.append(
                RowCheck(
                    "not_integer",
                    name,
                    f"s_{name} IS NOT NULL AND (d_{name} IS NULL "
                    f"OR NOT isfinite(d_{name}) OR d_{name} <> trunc(d_{name}))",
                    f"ожидается {column.expected}{{detail}}",
                    detail=_hidden_spaces(name),
                )
            )
            checks.append(
                RowCheck(
                    "out_of_range",
                    name,
                    f"isfinite(d_{name}) AND d_{name} = trunc(d_{name}) AND NOT ({_between('d_' + name, column)})",
                    f"значение вне допустимого диапазона: ожидается {column.expected}",
                )
            )
        elif column.kind == "number":
            checks.append(
                RowCheck(
                    "not_number",
                    name,
                    f"s_{name} IS NOT NULL AND (d_{name} IS NULL OR NOT isfinite(d_{name}))",
                    f"ожидается {column.expected}{{detail}}",
                    detail=_hidden_spaces(name),
                )
            )
            checks.append(
                RowCheck(
                    "out_of_range",
                    name,
                    f"isfinite(d_{name}) AND NOT ({_between('d_' + name, column)})",
                    f"значение вне допустимого диапазона: ожидается {column.expected}",
                )
            )
        elif column.kind == "code" and column.closed:
            checks.append(
                RowCheck(
                    "unknown_value",
                    name,
                    f"s_{name} IS NOT NULL AND t_{name} IS NULL",
                    f"неизвестное значение: ожидается {column.expected}",
                )
            )
    if spec.kind == "results" and {"primary_score", "max_score"} <= present:
        primary, maximum = spec.column("primary_score"), spec.column("max_score")
        checks.append(
            RowCheck(
                "score_above_max",
                "primary_score",
                f"{valid(primary)} AND {valid(maximum)} AND d_primary_score > d_max_score",
                "первичный балл больше максимального ({detail})",
                detail="CAST(d_max_score AS BIGINT)",
            )
        )
    return checks
