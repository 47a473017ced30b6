"""Validation of the contract files: every problem located by file, line and column.

Two passes keep the common case fast. The fast pass parses each file once into canonical
Arrow columns plus a per-row "something is wrong" flag, and cross-file checks count
problems on those tables. Only when something is wrong does the detailed pass materialize
the file with its line numbers and ask, check by check, which lines fail (checks.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from mskoko.data.checks import (
    WHITESPACE,
    RowCheck,
    empty_row,
    fast_query,
    parsed_layer,
    raw_layer,
    row_checks,
    typed,
)
from mskoko.data.sources import Source
from mskoko.data.specs import FILE_SPECS, ColumnSpec, FileSpec
from mskoko.errors import Problem, ProblemReport

DEFAULT_MAX_PROBLEMS = 1000
_KIND_ORDER = {kind: index for index, kind in enumerate(FILE_SPECS)}
_RESULT_KEY = ("year", "procedure", "subject", "grade")


@dataclass
class ImportProblemReport(ProblemReport):
    """A :class:`ProblemReport` that knows how many problems there were beyond those listed."""

    total: int = 0

    def format_ru(self, limit: int = 50) -> str:
        shown = [p for p in self.problems if p.code != "truncated"]
        lines = [f"{self.title}: найдено проблем — {max(self.total, len(shown))}."]
        lines += [f"  • {p.format_ru()}" for p in shown[:limit]]
        rest = max(self.total, len(shown)) - min(limit, len(shown))
        if rest > 0:
            lines.append(f"  … и ещё {rest} (исправьте перечисленные и повторите проверку).")
        return "\n".join(lines)


@dataclass
class _Collector:
    """Problems found so far, bounded by ``limit``, with the true total counted aside."""

    limit: int
    order: dict[str, int]  # file label -> position, for sorting
    columns: dict[str, dict[str, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    total: int = 0

    def add(self, problems: Iterable[Problem], count: int | None = None) -> None:
        found = list(problems)
        self.problems.extend(found)
        self.total += len(found) if count is None else count

    def report(self) -> ImportProblemReport:
        def key(p: Problem) -> tuple[int, int, int, str]:
            column_order = self.columns.get(p.file or "", {})
            return (
                self.order.get(p.file or "", -1),
                p.line or 0,
                column_order.get(p.column or "", len(column_order)),
                p.code,
            )

        listed = sorted(self.problems, key=key)[: self.limit]
        if self.total > len(listed):
            listed.append(
                Problem(
                    f"показаны первые {len(listed)} из {self.total} проблем; "
                    "исправьте их и повторите проверку",
                    code="truncated",
                )
            )
        return ImportProblemReport(problems=listed, total=self.total)


@dataclass
class _FileState:
    source: Source
    table: pa.Table | None = None  # canonical columns, after the fast pass
    broken: bool = False  # rows could not be read reliably: no further checks
    needs_detail: bool = False
    view: str | None = None  # the detailed relation with line numbers, once built


def validate_sources(
    con: duckdb.DuckDBPyConnection,
    sources: list[Source],
    found: list[Problem],
    max_problems: int | None = None,
) -> dict[str, pa.Table]:
    """Check every source; return canonical tables by kind or raise :class:`ImportProblemReport`."""
    collector = _Collector(
        limit=DEFAULT_MAX_PROBLEMS if max_problems is None else max(max_problems, 0),
        order={s.file: _KIND_ORDER[s.kind] for s in sources},
        columns={s.file: _header_order(s) for s in sources},
    )
    collector.add(found)
    states: dict[str, _FileState] = {}
    for source in sources:
        collector.add(source.problems)
        state = states[source.kind] = _FileState(source)
        if source.readable:
            _fast_pass(con, state, collector)
    _cross_checks(con, states, collector)
    for state in states.values():
        if state.needs_detail and not state.broken:
            _detail_row_checks(con, state, collector)
    if collector.total:
        raise collector.report()
    return {kind: state.table for kind, state in states.items() if state.table is not None}


def _header_order(source: Source) -> dict[str, int]:
    return {header: source.positions.get(name, 0) for name, header in source.headers.items()}


def _fast_pass(
    con: duckdb.DuckDBPyConnection, state: _FileState, collector: _Collector, *, retry: bool = True
) -> None:
    source = state.source
    spec = source.spec
    present = set(source.positions)
    relation = source.relation(con)
    doubles = source.read_as_double
    inner = parsed_layer(spec, raw_layer(spec, present, relation, read_as_double=doubles), doubles)
    try:
        table = con.sql(fast_query(spec, present, inner)).to_arrow_table()
    except duckdb.Error as exc:
        state.broken = True
        reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        collector.add([Problem(f"файл не читается ({reason})", file=source.file, code="unreadable")])
        return
    structural = source.structural_problems(con)
    if structural and retry and source.reconsider_encoding(con):
        _fast_pass(con, state, collector, retry=False)
        return
    if not structural and source.read_numbers_as_text(con):
        # The reader dropped rows whose numbers it could not parse: read them all as text.
        _fast_pass(con, state, collector, retry=retry)
        return
    if structural:
        # Line numbers of the remaining rows would be unreliable: report the structure only.
        state.broken = True
        collector.add(structural)
        return
    bad = table.column("__bad")
    table, unknown_codes = _clean_columns(table.drop_columns(["__bad"]), spec, present)
    table = _drop_empty_rows(table, bad, spec, present)
    missing = any(table.column(c.name).null_count for c in spec.columns if c.required and c.name in present)
    for column in spec.columns:
        if column.default is not None:
            index = table.schema.get_field_index(column.name)
            table = table.set_column(index, column.name, pc.fill_null(table.column(index), column.default))
    state.table = table.cast(spec.schema)
    con.register(_fast_name(spec.kind), state.table)
    state.needs_detail = bool(pc.any(bad).as_py() or missing or unknown_codes)
    if state.table.num_rows == 0 and spec.required and source.complete:
        collector.add(
            [Problem("в файле нет ни одной строки данных", file=source.file, line=source.first_line, code="no_rows")]
        )


def _clean_columns(table: pa.Table, spec: FileSpec, present: set[str]) -> tuple[pa.Table, bool]:
    """Trim text columns and map coded ones; tell whether a closed vocabulary met an unknown value.

    Columns are independent and Arrow's kernels release the GIL, so two run at a time.
    """
    jobs = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for column in spec.columns:
            if column.kind == "text" and column.name in present:
                jobs[column.name] = pool.submit(_trimmed, table.column(column.name))
            elif column.kind == "code" and column.canonical is not None:
                jobs[column.name] = pool.submit(_mapped, table.column(column.name), column)
    unknown = False
    for name, job in jobs.items():
        values, column_unknown = job.result()
        unknown = unknown or column_unknown
        if values is not None:
            table = table.set_column(table.schema.get_field_index(name), name, values)
    return table, unknown


def _trimmed(values: pa.ChunkedArray) -> tuple[pa.ChunkedArray | None, bool]:
    """The column without surrounding spaces (a cell of spaces becomes NULL), or None if unchanged."""
    if not any(_may_need_trim(chunk) for chunk in values.chunks):
        return None, False
    values = pc.utf8_trim_whitespace(values)
    if values.length() and (pc.min(pc.utf8_length(values)).as_py() or 0) == 0:
        values = pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()), values)
    return values, False


def _mapped(values: pa.ChunkedArray, column: ColumnSpec) -> tuple[pa.ChunkedArray, bool]:
    """Codes for a coded column, computed once per distinct value (aliases.py)."""
    assert column.canonical is not None
    unknown = False
    chunks = []
    for chunk in values.chunks:
        encoded = pc.dictionary_encode(chunk)
        texts = encoded.dictionary.to_pylist()
        codes = [_code(column.canonical, v) for v in texts]
        unknown = unknown or (
            column.closed and any(c is None and v is not None and v.strip() for c, v in zip(codes, texts, strict=True))
        )
        chunks.append(pc.take(pa.array(codes, pa.string()), encoded.indices))
    return pa.chunked_array(chunks, pa.string()), unknown


def _edge_bytes(positions: list[int]) -> np.ndarray:
    table = np.zeros(256, dtype=bool)
    table[positions] = True
    return table


_WHITESPACE_UTF8 = [ch.encode("utf-8") for ch in WHITESPACE]
# A value may need trimming only if its first or last byte can belong to a whitespace character.
_FIRST_BYTES = _edge_bytes(sorted({b[0] for b in _WHITESPACE_UTF8}))
_LAST_BYTES = _edge_bytes(sorted({b[-1] for b in _WHITESPACE_UTF8}))


def _may_need_trim(chunk: pa.Array) -> bool:
    """Cheap over-approximation of "some value starts or ends with whitespace" (reads the buffers)."""
    if len(chunk) == 0 or chunk.null_count == len(chunk):
        return False
    if not pa.types.is_string(chunk.type):
        return True
    offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int32)[chunk.offset : chunk.offset + len(chunk) + 1]
    data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)
    starts, ends = offsets[:-1], offsets[1:]
    filled = ends > starts  # NULLs and empty strings have no bytes
    return bool(_FIRST_BYTES[data[starts[filled]]].any() or _LAST_BYTES[data[ends[filled] - 1]].any())


def _drop_empty_rows(table: pa.Table, bad: pa.ChunkedArray, spec: FileSpec, present: set[str]) -> pa.Table:
    """Without blank rows (a spreadsheet's empty lines); cheap when a required column is full."""
    required = [c.name for c in spec.columns if c.required and c.name in present]
    if required and min(table.column(name).null_count for name in required) == 0:
        return table
    empty = pc.invert(bad.fill_null(False))
    for name in spec.names:
        empty = pc.and_(empty, pc.is_null(table.column(name)))
    if not pc.any(empty).as_py():
        return table
    return table.filter(pc.invert(empty))


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    rows = con.sql(sql).fetchall()
    return int(rows[0][0] or 0) if rows else 0


def _fast_name(kind: str) -> str:
    return f"fast_{kind}"


def _code(canonical: Callable[[str], str | None], value: str | None) -> str | None:
    """The code of a coded cell; a blank cell has none."""
    return canonical(value) if value is not None and value.strip() else None


def _detail_view(con: duckdb.DuckDBPyConnection, state: _FileState) -> str:
    """Materialize the file with line numbers, trimmed text and canonical ``t_`` columns."""
    if state.view:
        return state.view
    source, spec = state.source, state.source.spec
    present = set(source.positions)
    raw = con.sql(f"SELECT * FROM {source.faithful_relation(con)}").to_arrow_table()
    first = source.first_line
    columns: dict[str, pa.Array | pa.ChunkedArray] = {
        "__line": pa.array(np.arange(first, first + raw.num_rows, dtype=np.int64))
    }
    mappings = []
    for column in spec.columns:
        name = column.name
        text = raw.column(name) if name in present else pa.chunked_array([pa.nulls(raw.num_rows, pa.string())])
        columns[f"s_{name}"] = _blank_to_null(pc.utf8_trim_whitespace(text))
        if column.kind in ("integer", "number"):
            columns[f"r_{name}"] = _blank_to_null(text)
        if column.kind == "code" and column.canonical is not None:
            values = pc.unique(columns[f"s_{name}"]).to_pylist()
            codes = [_code(column.canonical, v) for v in values]
            map_name = f"map_{spec.kind}_{name}"
            mapping = pa.table({"raw": pa.array(values, pa.string()), "code": pa.array(codes, pa.string())})
            con.register(map_name, mapping)
            mappings.append((name, map_name))
    del raw
    lines = f"lines_{spec.kind}"
    con.register(lines, pa.table(columns))
    outputs = []
    for column in spec.columns:
        name = column.name
        if column.kind in ("integer", "number"):
            outputs.append(f"{typed(spec, column)} AS t_{name}")
        elif column.kind == "text":
            outputs.append(f"s_{name} AS t_{name}")
    outputs += [f"{map_name}.code AS t_{name}" for name, map_name in mappings]
    joins = " ".join(f"LEFT JOIN {map_name} ON {map_name}.raw = p.s_{name}" for name, map_name in mappings)
    view = f"detail_{spec.kind}"
    parsed = parsed_layer(spec, f"SELECT * FROM {lines}")
    # A table, not a view: every located check scans it again.
    con.execute(
        f"CREATE OR REPLACE TABLE {view} AS SELECT p.*, {', '.join(outputs)} "
        f"FROM ({parsed}) p {joins} WHERE NOT ({empty_row(spec)})"
    )
    con.unregister(lines)
    state.view = view
    return view


def _blank_to_null(values: pa.ChunkedArray) -> pa.ChunkedArray:
    return pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()), values)


def _detail_row_checks(con: duckdb.DuckDBPyConnection, state: _FileState, collector: _Collector) -> None:
    source = state.source
    view = _detail_view(con, state)
    checks = row_checks(source.spec, set(source.positions))
    counts = con.sql(
        "SELECT " + ", ".join(f"count(*) FILTER (WHERE {c.condition})" for c in checks) + f" FROM {view}"
    ).fetchall()[0]
    # Finding nothing is possible: the fast pass flags cells of spaces, which are merely empty.
    for check, count in zip(checks, counts or (), strict=True):
        if count:
            _locate(con, state, check, count, collector)


def _locate(
    con: duckdb.DuckDBPyConnection, state: _FileState, check: RowCheck, count: int, collector: _Collector
) -> None:
    detail = check.detail or "NULL"
    rows = con.sql(
        f"SELECT __line, s_{check.column}, {detail} FROM {state.view} WHERE {check.condition} "
        f"ORDER BY __line LIMIT {collector.limit}"
    ).fetchall()
    collector.add(
        (
            Problem(
                check.message.format(detail=extra),
                file=state.source.file,
                line=int(line),
                column=state.source.headers.get(check.column, check.column),
                value=value,
                code=check.code,
            )
            for line, value, extra in rows
        ),
        count,
    )


@dataclass(frozen=True)
class _Finding:
    """How a cross-row problem is reported: on which column, with which code and message."""

    column: str
    code: str
    message: str  # may use {first}: the earlier line, or what the value is compared with


_DUPLICATE_ORG = _Finding("org_id", "duplicate_org_id", "код организации повторяется (впервые — в строке {first})")
_DUPLICATE_RESULT = _Finding(
    "student_id",
    "duplicate_result",
    "повтор: у этого участника уже есть результат за тот же год, процедуру, предмет и класс (строка {first})",
)
_DUPLICATE_SCALE = _Finding("mark", "duplicate_scale", "граница для этой отметки уже задана (строка {first})")
_SCALE_ORDER = _Finding(
    "min_primary_score",
    "scale_not_increasing",
    "минимальный балл должен быть больше, чем у предыдущей отметки (у {first})",
)


def _cross_checks(con: duckdb.DuckDBPyConnection, states: dict[str, _FileState], collector: _Collector) -> None:
    """Checks across rows and files: counted on the fast tables, located only when they fail."""
    usable = {k: s for k, s in states.items() if s.table is not None and not s.broken and s.source.complete}
    organizations, results, scales = (usable.get(k) for k in ("organizations", "results", "scales"))
    if organizations:
        _repeated(con, organizations, ("org_id",), _DUPLICATE_ORG, collector)
    if results:
        _repeated(con, results, (*_RESULT_KEY, "student_id"), _DUPLICATE_RESULT, collector)
    if organizations and results:
        _unknown_orgs(con, organizations, results, collector)
    if scales:
        _repeated(con, scales, (*_RESULT_KEY, "mark"), _DUPLICATE_SCALE, collector)
        _scale_order(con, scales, collector)


def _repeated(
    con: duckdb.DuckDBPyConnection,
    state: _FileState,
    key: tuple[str, ...],
    finding: _Finding,
    collector: _Collector,
) -> None:
    """Rows whose key was already seen on an earlier line."""
    table = _fast_name(state.source.kind)
    present = " AND ".join(f"{k} IS NOT NULL" for k in key)
    # Count distinct hashes first: one fixed-width column is much cheaper than the full key.
    repeated = _count(
        con, f"SELECT count(*) - count(DISTINCT hash({', '.join(key)})) FROM {table} WHERE {present}"
    )
    if not repeated:
        return
    view = _detail_view(con, state)
    t_key = ", ".join(f"t_{k}" for k in key)
    t_present = " AND ".join(f"t_{k} IS NOT NULL" for k in key)
    located = (
        f"SELECT __line, s_{finding.column} AS value, first FROM (SELECT __line, s_{finding.column}, "
        f"min(__line) OVER (PARTITION BY {t_key}) AS first FROM {view} WHERE {t_present}) "
        "WHERE __line > first"
    )
    _add_located(con, located, state, finding, collector)


def _unknown_orgs(
    con: duckdb.DuckDBPyConnection, organizations: _FileState, results: _FileState, collector: _Collector
) -> None:
    known = f"(SELECT org_id FROM {_fast_name('organizations')} WHERE org_id IS NOT NULL)"
    missing = _count(
        con, f"SELECT count(*) FROM {_fast_name('results')} WHERE org_id IS NOT NULL AND org_id NOT IN {known}"
    )
    if not missing:
        return
    view = _detail_view(con, results)
    located = (
        f"SELECT __line, s_org_id AS value, NULL AS first FROM {view} "
        f"WHERE s_org_id IS NOT NULL AND s_org_id NOT IN {known}"
    )
    message = f"организации с таким кодом нет в файле {organizations.source.file}"
    _add_located(con, located, results, _Finding("org_id", "unknown_org", message), collector)


def _scale_order(con: duckdb.DuckDBPyConnection, state: _FileState, collector: _Collector) -> None:
    """Within one scale, a higher mark must need a strictly higher primary score."""
    table = _fast_name(state.source.kind)
    key = ", ".join(_RESULT_KEY)
    window = f"OVER (PARTITION BY {key} ORDER BY mark)"
    wrong = _count(
        con,
        f"SELECT count(*) FROM (SELECT min_primary_score AS v, lag(min_primary_score) {window} AS prev "
        f"FROM {table}) WHERE prev >= v",
    )
    if not wrong:
        return
    view = _detail_view(con, state)
    t_key = ", ".join(f"t_{k}" for k in _RESULT_KEY)
    t_window = f"OVER (PARTITION BY {t_key} ORDER BY t_mark, __line)"
    located = (
        "SELECT __line, value, 'отметки ' || prev_mark || ' — ' || prev AS first FROM ("
        f"SELECT __line, s_min_primary_score AS value, t_min_primary_score AS v, "
        f"lag(t_min_primary_score) {t_window} AS prev, lag(t_mark) {t_window} AS prev_mark "
        f"FROM {view} WHERE t_mark IS NOT NULL AND t_min_primary_score IS NOT NULL "
        f"AND {' AND '.join(f't_{k} IS NOT NULL' for k in _RESULT_KEY)}) WHERE prev >= v"
    )
    _add_located(con, located, state, _SCALE_ORDER, collector)


def _add_located(
    con: duckdb.DuckDBPyConnection, located: str, state: _FileState, finding: _Finding, collector: _Collector
) -> None:
    count = _count(con, f"SELECT count(*) FROM ({located})")
    if not count:
        return  # a hash collision in the fast count, not a real repetition
    rows = con.sql(f"SELECT * FROM ({located}) ORDER BY __line LIMIT {collector.limit}").fetchall()
    header = state.source.headers.get(finding.column, finding.column)
    collector.add(
        (
            Problem(
                finding.message.format(first=first),
                file=state.source.file,
                line=int(line),
                column=header,
                value=value,
                code=finding.code,
            )
            for line, value, first in rows
        ),
        count,
    )
