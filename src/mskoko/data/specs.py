"""The contract's files and columns (CONTRACT section 1) as data: kinds, ranges, vocabularies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pyarrow as pa

from mskoko.data import aliases
from mskoko.data.dataset import ORGANIZATIONS_SCHEMA, RESULTS_SCHEMA, SCALES_SCHEMA

ColumnKind = Literal["text", "integer", "number", "code"]

INT16_MAX = 32767
INT32_MAX = 2_147_483_647


@dataclass(frozen=True)
class ColumnSpec:
    """One column: how its text is parsed and which values are accepted.

    ``code`` columns are mapped through ``canonical`` (Russian names → codes); when
    ``closed`` is set, a value ``canonical`` does not recognise is refused.
    """

    name: str
    kind: ColumnKind = "text"
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    expected: str = ""
    canonical: Callable[[str], str | None] | None = None
    closed: bool = False
    default: str | None = None


@dataclass(frozen=True)
class FileSpec:
    """One contract file: its columns in canonical order and its Arrow schema."""

    kind: str
    required: bool
    columns: tuple[ColumnSpec, ...]
    schema: pa.Schema

    def column(self, name: str) -> ColumnSpec:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def sql_type(self, name: str) -> str:
        """The DuckDB type that produces this column's Arrow type."""
        return _SQL_TYPES[self.schema.field(name).type]


_SQL_TYPES = {
    pa.string(): "VARCHAR",
    pa.int8(): "TINYINT",
    pa.int16(): "SMALLINT",
    pa.int32(): "INTEGER",
    pa.float64(): "DOUBLE",
}


def _integer(name: str, low: int, high: int, expected: str, *, required: bool = False) -> ColumnSpec:
    return ColumnSpec(name, "integer", required, low, high, expected)


_YEAR = _integer("year", 1990, 2100, "год четырьмя цифрами, например 2024", required=True)
_PROCEDURE = ColumnSpec(
    "procedure",
    "code",
    required=True,
    expected="ВПР, ОГЭ, ЕГЭ или код региональной процедуры",
    canonical=aliases.canonical_procedure,
)
_SUBJECT = ColumnSpec(
    "subject",
    "code",
    required=True,
    expected="код или название предмета, например math или «Математика»",
    canonical=aliases.canonical_subject,
)
_GRADE = _integer("grade", 1, 11, "целое число от 1 до 11", required=True)
_MARK_RANGE = "целое число от 2 до 5"

ORGANIZATIONS = FileSpec(
    "organizations",
    required=True,
    schema=ORGANIZATIONS_SCHEMA,
    columns=(
        ColumnSpec("org_id", required=True, expected="код организации"),
        ColumnSpec("name", required=True, expected="наименование организации"),
        ColumnSpec("municipality_id", required=True, expected="код муниципалитета"),
        ColumnSpec("municipality_name"),
        ColumnSpec(
            "org_type",
            "code",
            expected="school (школа, ОО), kindergarten (детский сад, ДОО), "
            "additional (УДО, дополнительное образование) или other (другое)",
            canonical=aliases.canonical_org_type,
            closed=True,
            default="school",
        ),
        ColumnSpec(
            "settlement",
            "code",
            expected="urban (городская, город) или rural (сельская, село)",
            canonical=aliases.canonical_settlement,
            closed=True,
        ),
        _integer("students", 0, INT32_MAX, "целое число не меньше 0"),
        ColumnSpec(
            "social_index",
            "number",
            minimum=0,
            maximum=1,
            expected="число от 0 до 1 (дробная часть — через точку или запятую)",
        ),
    ),
)

RESULTS = FileSpec(
    "results",
    required=True,
    schema=RESULTS_SCHEMA,
    columns=(
        _YEAR,
        _PROCEDURE,
        _SUBJECT,
        _GRADE,
        ColumnSpec("org_id", required=True, expected="код организации из файла организаций"),
        ColumnSpec("student_id", required=True, expected="код участника"),
        ColumnSpec("class_id"),
        _integer("primary_score", 0, INT16_MAX, "целое число не меньше 0", required=True),
        _integer("max_score", 1, INT16_MAX, "целое число больше 0", required=True),
        _integer("mark", 2, 5, _MARK_RANGE),
        _integer("test_score", 0, 100, "целое число от 0 до 100"),
        _integer("school_mark", 2, 5, _MARK_RANGE),
    ),
)

SCALES = FileSpec(
    "scales",
    required=False,
    schema=SCALES_SCHEMA,
    columns=(
        _YEAR,
        _PROCEDURE,
        _SUBJECT,
        _GRADE,
        _integer("mark", 2, 5, _MARK_RANGE, required=True),
        _integer("min_primary_score", 0, INT16_MAX, "целое число не меньше 0", required=True),
    ),
)

FILE_SPECS: dict[str, FileSpec] = {s.kind: s for s in (ORGANIZATIONS, RESULTS, SCALES)}
