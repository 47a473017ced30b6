"""One input file (CSV or XLSX) as a DuckDB relation with canonical column names.

Cells come as text (a CSV's whole numbers may come already parsed, see
``Source.read_as_double``). Every source yields its rows in file order, so the row at
position ``i`` of :meth:`Source.faithful_relation` is spreadsheet line ``first_line + i``;
validation (validate.py) is the same for both formats.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
import duckdb
import pyarrow as pa

from mskoko.data import aliases
from mskoko.data.specs import FileSpec
from mskoko.errors import Problem

SAMPLE_BYTES = 1 << 18
SNIFF_LINES = 50
HEADER_SEARCH_ROWS = 20
DELIMITERS = ",;\t|"
ENCODINGS = ("utf_8", "cp1251", "utf_16")
CHAOS_THRESHOLD = 0.5
_COPY_CHUNK = 1 << 20

# DuckDB's reject error types -> (stable code, Russian message).
_REJECT_MESSAGES = {
    "MISSING COLUMNS": ("wrong_field_count", "в строке меньше значений, чем столбцов в заголовке"),
    "TOO MANY COLUMNS": (
        "wrong_field_count",
        "в строке больше значений, чем столбцов в заголовке "
        "(возможно, разделитель встречается внутри значения без кавычек)",
    ),
    "UNQUOTED VALUE": ("unterminated_quote", "кавычка не закрыта или значение оформлено неверно"),
    "INVALID ENCODING": (
        "encoding",
        "недопустимые символы: файл не в кодировке UTF-8 (сохраните его в UTF-8 или Windows-1251)",
    ),
}


def sql_string(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


@dataclass
class Source(ABC):
    """Common part of a CSV or XLSX source: where it is and which columns it has."""

    spec: FileSpec
    file: str
    headers: dict[str, str] = field(default_factory=dict)  # canonical -> header as written
    first_line: int = 2
    problems: list[Problem] = field(default_factory=list)
    field_count: int = 0
    positions: dict[str, int] = field(default_factory=dict)  # canonical -> field index

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def readable(self) -> bool:
        """True when rows can be read (encoding, delimiter and header were understood)."""
        return bool(self.positions)

    @property
    def complete(self) -> bool:
        """True when the header has every required column and no doubled one."""
        return self.readable and not self.problems

    @abstractmethod
    def relation(self, con: duckdb.DuckDBPyConnection) -> str:
        """SQL relation with the present canonical columns, for the fast pass."""

    @abstractmethod
    def faithful_relation(self, con: duckdb.DuckDBPyConnection) -> str:
        """The columns as text, row ``i`` being exactly line ``first_line + i``."""

    def structural_problems(self, con: duckdb.DuckDBPyConnection) -> list[Problem]:
        """Rows the parser could not split into fields (after :meth:`relation` ran)."""
        return []

    def reconsider_encoding(self, con: duckdb.DuckDBPyConnection) -> bool:
        """After invalid UTF-8 was met, re-detect the encoding there; True if the file was re-encoded."""
        return False

    @property
    def read_as_double(self) -> frozenset[str]:
        """Integer columns the fast relation already parses as DOUBLE (see checks.raw_layer)."""
        return frozenset()

    def read_numbers_as_text(self, con: duckdb.DuckDBPyConnection) -> bool:
        """If the reader refused a number, read numbers as text from now on; True when it did."""
        return False

    def map_header(self, header: list[str], line: int) -> None:
        """Match header cells to canonical columns; record missing and doubled columns."""
        lookup = aliases.header_lookup(self.kind)
        positions = self.positions
        for index, cell in enumerate(header):
            column = lookup.get(aliases.normalize_header(cell)) if cell else None
            if column is None:
                continue  # unknown extra columns are ignored by the contract
            if column in positions:
                first = header[positions[column]]
                self.problems.append(
                    Problem(
                        f"столбец «{column}» задан дважды: «{first.strip()}» и «{cell.strip()}» — "
                        "оставьте один",
                        file=self.file,
                        line=line,
                        column=cell.strip(),
                        code="duplicate_column",
                    )
                )
                continue
            self.positions[column] = index
            self.headers[column] = cell.strip()
        for column in self.spec.columns:
            if column.required and column.name not in positions:
                names = "», «".join((column.name, *aliases.COLUMN_ALIASES[self.kind][column.name]))
                self.problems.append(
                    Problem(
                        f"нет обязательного столбца {column.name} (подходящие заголовки: «{names}»)",
                        file=self.file,
                        line=line,
                        column=column.name,
                        code="missing_column",
                    )
                )


@dataclass
class CsvSource(Source):
    """A CSV file read by DuckDB (text columns; whole numbers parsed by the reader while it can)."""

    path: Path = Path()
    original: Path = Path()
    encoding: str = "utf_8"
    delimiter: str = ","
    workdir: Path = Path()
    numbers_as_double: bool = True
    _rejects: str = ""
    _faithful: Path | None = None

    @property
    def read_as_double(self) -> frozenset[str]:
        # DuckDB's own number parser is cheaper than text plus TRY_CAST; it reads exactly the
        # values TRY_CAST does and rejects the others (then we fall back to text).
        if not self.numbers_as_double:
            return frozenset()
        return frozenset(c.name for c in self.spec.columns if c.kind == "integer" and c.name in self.positions)

    def read_numbers_as_text(self, con: duckdb.DuckDBPyConnection) -> bool:
        if not self.numbers_as_double or not self._rejects:
            return False
        rows = con.sql(f"SELECT count(*) FROM {self._rejects}_errors WHERE error_type = 'CAST'").fetchall()
        if not rows or not rows[0][0]:
            return False
        self.numbers_as_double = False
        return True

    def _read_csv(self, path: Path, *, rejects: bool) -> str:
        doubles = self.read_as_double if rejects else frozenset()
        by_position = {i: name for name, i in self.positions.items()}
        columns = ", ".join(
            f"'c{i}': '{'DOUBLE' if by_position.get(i) in doubles else 'VARCHAR'}'" for i in range(self.field_count)
        )
        options = [
            sql_string(str(path)),
            "auto_detect = false",
            "header = true",
            "skip = 0",
            f"delim = {sql_string(self.delimiter)}",
            "quote = '\"'",
            "escape = '\"'",
            f"columns = {{{columns}}}",
        ]
        if rejects:
            options += [
                "store_rejects = true",
                f"rejects_table = '{self._rejects}_errors'",
                f"rejects_scan = '{self._rejects}_scans'",
            ]
        select = ", ".join(f"c{i} AS {name}" for name, i in self.positions.items())
        return f"(SELECT {select} FROM read_csv({', '.join(options)}))"

    def relation(self, con: duckdb.DuckDBPyConnection) -> str:
        self._rejects = f"rejects_{self.kind}_{uuid.uuid4().hex[:8]}"
        return self._read_csv(self.path, rejects=True)

    def faithful_relation(self, con: duckdb.DuckDBPyConnection) -> str:
        # DuckDB drops blank lines; a spreadsheet shows them as rows, so fill them in.
        if self._faithful is None:
            self._faithful = self.path
            if _has_inner_blank_line(self.path):
                self._faithful = self.workdir / f"{self.kind}-lines.csv"
                _fill_blank_lines(self.path, self._faithful, self.delimiter * (self.field_count - 1))
        return self._read_csv(self._faithful, rejects=False)

    def reconsider_encoding(self, con: duckdb.DuckDBPyConnection) -> bool:
        # The sample may be plain ASCII while Windows-1251 letters come later in the file.
        if self.encoding != "utf_8" or not self._rejects:
            return False
        rows = con.sql(
            f"SELECT min(line_byte_position) FROM {self._rejects}_errors WHERE error_type = 'INVALID ENCODING'"
        ).fetchall()
        if not rows or rows[0][0] is None:
            return False
        with self.original.open("rb") as handle:
            handle.seek(int(rows[0][0]))
            sample = handle.read(SAMPLE_BYTES)
        best = charset_normalizer.from_bytes(sample, cp_isolation=["cp1251"], threshold=CHAOS_THRESHOLD).best()
        if best is None:
            return False
        self.encoding = best.encoding
        self.path = self.workdir / f"{self.kind}-utf8.csv"
        _transcode(self.original, self.path, self.encoding)
        return True

    def structural_problems(self, con: duckdb.DuckDBPyConnection) -> list[Problem]:
        if not self._rejects:
            return []
        rows = con.sql(
            f"SELECT line, column_name, error_type, error_message FROM {self._rejects}_errors "
            "WHERE error_type <> 'CAST' ORDER BY line"
        ).fetchall()
        header_by_position = {f"c{i}": self.headers.get(n) for n, i in self.positions.items()}
        problems: dict[tuple[int, str], Problem] = {}
        for line, cell, error_type, error_message in rows:
            code, message = _REJECT_MESSAGES.get(
                error_type, ("malformed", f"строка не разбирается как CSV ({error_message})")
            )
            column = header_by_position.get(cell or "")
            if code == "wrong_field_count":
                message += f" (ожидается значений: {self.field_count})"
                column = None  # the row as a whole is wrong, whichever cell DuckDB names
            problems.setdefault(
                (int(line), code), Problem(message, file=self.file, line=int(line), column=column, code=code)
            )
        return list(problems.values())


@dataclass
class XlsxSource(Source):
    """The first worksheet of an XLSX workbook, already read into Arrow as text."""

    table: pa.Table | None = None
    _name: str = ""

    def relation(self, con: duckdb.DuckDBPyConnection) -> str:
        if not self._name:
            self._name = f"xlsx_{self.kind}_{uuid.uuid4().hex[:8]}"
            con.register(self._name, self.table)
        return self._name

    def faithful_relation(self, con: duckdb.DuckDBPyConnection) -> str:
        return self.relation(con)


def detect_encoding(path: Path) -> str | None:
    """The file's encoding among UTF-8, Windows-1251 and UTF-16 (charset-normalizer), or None."""
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    if not sample:
        return "utf_8"
    # Tables of codes and short names look "chaotic" to a detector tuned for prose, hence a
    # looser threshold than the default 0.2; binary files still match nothing.
    matches = charset_normalizer.from_bytes(sample, cp_isolation=list(ENCODINGS), threshold=CHAOS_THRESHOLD)
    # Text that decodes as UTF-8 is UTF-8: with only a few Cyrillic letters in the sample
    # charset-normalizer may rank Windows-1251 first, which would garble the file.
    if any(match.encoding == "utf_8" for match in matches):
        return "utf_8"
    best = matches.best()
    return None if best is None else best.encoding


def open_csv(path: Path, spec: FileSpec, label: str, workdir: Path) -> CsvSource:
    """Detect encoding, delimiter and header of a CSV file; transcode it to UTF-8 if needed."""
    source = CsvSource(spec=spec, file=label, path=path, original=path, workdir=workdir)
    encoding = detect_encoding(path)
    if encoding is None:
        source.problems.append(
            Problem(
                "не удалось определить кодировку: сохраните файл в UTF-8 или Windows-1251",
                file=label,
                code="encoding",
            )
        )
        return source
    source.encoding = encoding
    if encoding != "utf_8":
        # DuckDB reads UTF-8 only; stream the file through Python's codec once.
        source.path = workdir / f"{spec.kind}-utf8.csv"
        _transcode(path, source.path, encoding)
    with source.path.open("r", encoding="utf-8-sig", errors="replace", newline="") as handle:
        lines = list(itertools.islice(handle, SNIFF_LINES))
    sample = "".join(lines)
    if not sample.strip():
        source.problems.append(Problem("файл пуст: нет строки заголовка", file=label, line=1, code="empty_file"))
        return source
    delimiter = _sniff_delimiter(sample, spec.kind)
    if delimiter is None:
        source.problems.append(
            Problem(
                "не удалось определить разделитель: ожидается запятая или точка с запятой",
                file=label,
                line=1,
                code="delimiter",
            )
        )
        return source
    source.delimiter = delimiter
    header = next(csv.reader(io.StringIO(sample), delimiter=delimiter, quotechar='"'))
    source.field_count = len(header)
    source.map_header(header, line=1)
    return source


def open_xlsx(path: Path, spec: FileSpec, label: str) -> XlsxSource:
    """Read the first worksheet; the header is the first of the top rows naming known columns."""
    import openpyxl  # heavy; only needed for Excel input

    source = XlsxSource(spec=spec, file=label)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        source.problems.append(
            Problem(
                f"файл Excel не читается ({exc.__class__.__name__}): пересохраните его как .xlsx",
                file=label,
                code="unreadable",
            )
        )
        return source
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        top = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
        header_index = _find_header_row(top, spec.kind)
        if header_index is None:
            source.problems.append(Problem("лист пуст: нет строки заголовка", file=label, line=1, code="empty_file"))
            return source
        header = [_cell_text(v) or "" for v in top[header_index]]
        source.field_count = len(header)
        source.first_line = header_index + 2
        source.map_header(header, line=header_index + 1)
        columns: dict[str, list[str | None]] = {name: [] for name in source.positions}
        for row in itertools.chain(top[header_index + 1 :], rows):
            for name, position in source.positions.items():
                columns[name].append(_cell_text(row[position]) if position < len(row) else None)
    finally:
        workbook.close()
    source.table = pa.table({name: pa.array(values, pa.string()) for name, values in columns.items()})
    return source


def _find_header_row(rows: list[tuple[object, ...]], kind: str) -> int | None:
    lookup = aliases.header_lookup(kind)
    first_filled = None
    for index, row in enumerate(rows):
        cells = [_cell_text(v) for v in row]
        if not any(cells):
            continue
        if first_filled is None:
            first_filled = index
        if sum(1 for c in cells if c and aliases.normalize_header(c) in lookup) >= 2:
            return index
    return first_filled


def _cell_text(value: object) -> str | None:
    """A cell as the text a CSV export would hold (integral floats without '.0')."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _sniff_delimiter(sample: str, kind: str) -> str | None:
    """Python's sniffer on the first lines, checked against the header.

    The header holds known column names, so a delimiter that splits it into more of them
    than the sniffed one wins; this also covers samples with broken rows, which make the
    sniffer give up.
    """
    try:
        sniffed: str | None = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = None
    first_line = sample.splitlines()[0]
    if not any(d in first_line for d in DELIMITERS):
        return ","  # a one-column file has no delimiter to find; any will do
    lookup = aliases.header_lookup(kind)
    known = {
        d: sum(aliases.normalize_header(cell) in lookup for cell in next(csv.reader([first_line], delimiter=d)))
        for d in DELIMITERS
    }
    best = max(known, key=lambda d: known[d])
    if sniffed is not None and known[sniffed] >= known[best]:
        return sniffed
    return best if known[best] >= 2 else sniffed


def _transcode(source: Path, target: Path, encoding: str) -> None:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    with source.open("rb") as src, target.open("wb") as dst:
        while chunk := src.read(_COPY_CHUNK):
            dst.write(decoder.decode(chunk).encode("utf-8"))
        dst.write(decoder.decode(b"", final=True).encode("utf-8"))


def _has_inner_blank_line(path: Path) -> bool:
    """True when an empty line is followed by more content (trailing blank lines are harmless)."""
    tail = b""
    with path.open("rb") as handle:
        while chunk := handle.read(_COPY_CHUNK):
            data = tail + chunk
            for marker in (b"\n\n", b"\n\r\n"):
                position = data.find(marker)
                while position != -1:
                    if data[position + len(marker) :].strip() or handle.peek(1):
                        return True
                    position = data.find(marker, position + 1)
            tail = data[-2:]
    return False


def _fill_blank_lines(source: Path, target: Path, filler: str) -> None:
    with source.open("r", encoding="utf-8", newline="") as src, target.open("w", encoding="utf-8", newline="") as dst:
        for line in src:
            dst.write(filler + line if line in ("\n", "\r\n") else line)
