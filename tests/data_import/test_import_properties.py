"""Round trips of random valid data through every accepted file form, and random corruptions."""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mskoko.data import ORGANIZATIONS_SCHEMA, RESULTS_SCHEMA, read_dataset
from mskoko.data.aliases import COLUMN_ALIASES
from mskoko.errors import ProblemReport

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Letters every accepted encoding can hold (Windows-1251 is the narrowest).
_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯabcxyzABCXYZ0123456789"
_PUNCTUATION = " ,;\"'«»№-.()"
_text = st.text(alphabet=_LETTERS + _PUNCTUATION, min_size=1, max_size=24).map(str.strip).filter(bool)
_code = st.text(alphabet=_LETTERS + "-_", min_size=1, max_size=8)

# Spellings users write -> the code the reader must produce.
_PROCEDURES = {"VPR": "VPR", "ВПР": "VPR", "огэ": "OGE", "OGE": "OGE", "ЕГЭ": "EGE", "rdr": "RDR"}
_SUBJECTS = {"math": "math", "Математика": "math", "русский язык": "russian", "Физика": "physics",
             "informatics": "informatics", "История": "history"}
_ORG_TYPES = {"school": "school", "Школа": "school", "ДОО": "kindergarten", "additional": "additional",
              "другое": "other", "": "school"}
_SETTLEMENTS = {"urban": "urban", "Городская": "urban", "село": "rural", "rural": "rural", "": None}


@dataclass
class Generated:
    """Cells as they will be written, and the rows the reader must return."""

    organizations: list[dict[str, Any]]
    results: list[dict[str, Any]]
    expected_organizations: list[dict[str, Any]]
    expected_results: list[dict[str, Any]]


@st.composite
def generated_data(draw: st.DrawFn) -> Generated:
    org_ids = draw(st.lists(_code, min_size=1, max_size=6, unique=True))
    organizations, expected_orgs = [], []
    for org_id in org_ids:
        org_type = draw(st.sampled_from(sorted(_ORG_TYPES)))
        settlement = draw(st.sampled_from(sorted(_SETTLEMENTS)))
        students = draw(st.none() | st.integers(0, 5000))
        # Six decimals at most: Excel (and openpyxl) keep 15 significant digits, not all 17.
        social = draw(st.none() | st.integers(0, 10**6).map(lambda i: i / 10**6))
        row = {
            "org_id": org_id,
            "name": draw(_text),
            "municipality_id": draw(_code),
            "municipality_name": draw(st.none() | _text),
            "org_type": org_type,
            "settlement": settlement,
            "students": students,
            "social_index": social,
        }
        organizations.append(row)
        expected_orgs.append(row | {"org_type": _ORG_TYPES[org_type], "settlement": _SETTLEMENTS[settlement]})
    keys_with_marks: dict[tuple[Any, ...], bool] = {}
    results, expected_results = [], []
    for index in range(draw(st.integers(1, 20))):
        year = draw(st.integers(2015, 2030))
        procedure = draw(st.sampled_from(sorted(_PROCEDURES)))
        subject = draw(st.sampled_from(sorted(_SUBJECTS)))
        grade = draw(st.integers(1, 11))
        key = (year, _PROCEDURES[procedure], _SUBJECTS[subject], grade)
        # Marks are given for all rows of a key or for none, so none has to be derived.
        with_mark = keys_with_marks.setdefault(key, draw(st.booleans()))
        max_score = draw(st.integers(1, 60))
        row = {
            "year": year,
            "procedure": procedure,
            "subject": subject,
            "grade": grade,
            "org_id": draw(st.sampled_from(org_ids)),
            "student_id": f"s{index}",
            "class_id": draw(st.none() | _code),
            "primary_score": draw(st.integers(0, max_score)),
            "max_score": max_score,
            "mark": draw(st.integers(2, 5)) if with_mark else None,
            "test_score": draw(st.none() | st.integers(0, 100)),
            "school_mark": draw(st.none() | st.integers(2, 5)),
        }
        results.append(row)
        expected_results.append(row | {"procedure": key[1], "subject": key[2]})
    return Generated(organizations, results, expected_orgs, expected_results)


@dataclass(frozen=True)
class Form:
    """How the files are written: CSV dialect and encoding, or XLSX; which header names."""

    kind: str  # "csv" or "xlsx"
    delimiter: str = ","
    encoding: str = "utf-8"
    newline: str = "\n"
    decimal_comma: bool = False
    russian_headers: bool = False


forms = st.one_of(
    st.builds(
        Form,
        kind=st.just("csv"),
        delimiter=st.sampled_from([",", ";"]),
        encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1251"]),
        newline=st.sampled_from(["\n", "\r\n"]),
        decimal_comma=st.booleans(),
        russian_headers=st.booleans(),
    ),
    st.builds(Form, kind=st.just("xlsx"), russian_headers=st.booleans()),
)


def _headers(kind: str, columns: list[str], russian: bool) -> list[str]:
    if not russian:
        return columns
    return [(COLUMN_ALIASES[kind][c] or (c,))[0] for c in columns]


def _cell(value: Any, form: Form) -> Any:
    if value is None:
        return None if form.kind == "xlsx" else ""
    if isinstance(value, float):
        text = repr(value)
        return value if form.kind == "xlsx" else (text.replace(".", ",") if form.decimal_comma else text)
    return value if form.kind == "xlsx" else str(value)


def write_files(folder: Path, data: Generated, form: Form) -> dict[str, list[str]]:
    """Write organizations and results in ``form``; return the header written for each file."""
    headers = {}
    for kind, rows in (("organizations", data.organizations), ("results", data.results)):
        columns = list(rows[0])
        header = _headers(kind, columns, form.russian_headers)
        headers[kind] = header
        body = [[_cell(row[c], form) for c in columns] for row in rows]
        if form.kind == "xlsx":
            workbook = openpyxl.Workbook()
            sheet = workbook.active
            sheet.append(header)
            for values in body:
                sheet.append(values)
            workbook.save(folder / f"{kind}.xlsx")
        else:
            buffer = io.StringIO()
            writer = csv.writer(buffer, delimiter=form.delimiter, lineterminator=form.newline)
            writer.writerow(header)
            writer.writerows(body)
            (folder / f"{kind}.csv").write_bytes(buffer.getvalue().encode(form.encoding))
    return headers


@SETTINGS
@given(data=generated_data(), form=forms)
def test_random_valid_data_reads_back_unchanged_in_every_form(data: Generated, form: Form) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        write_files(folder, data, form)

        dataset = read_dataset(folder)

    assert dataset.organizations.equals(pa.Table.from_pylist(data.expected_organizations, ORGANIZATIONS_SCHEMA))
    assert dataset.results.equals(pa.Table.from_pylist(data.expected_results, RESULTS_SCHEMA))


# (file, column, bad text, expected code)
_CORRUPTIONS = [
    ("results", "mark", "7", "out_of_range"),
    ("results", "mark", "хорошо", "not_integer"),
    ("results", "grade", "12", "out_of_range"),
    ("results", "grade", "8.5", "not_integer"),
    ("results", "primary_score", "-1", "out_of_range"),
    ("results", "year", "", "required"),
    ("results", "student_id", "", "required"),
    ("results", "test_score", "101", "out_of_range"),
    ("results", "school_mark", "1", "out_of_range"),
    ("organizations", "students", "-3", "out_of_range"),
    ("organizations", "social_index", "1.5", "out_of_range"),
    ("organizations", "social_index", "abc", "not_number"),
    ("organizations", "settlement", "деревня", "unknown_value"),
    ("organizations", "org_type", "вуз", "unknown_value"),
    ("organizations", "name", "", "required"),
]


@SETTINGS
@given(data=generated_data(), form=forms, corruption=st.sampled_from(_CORRUPTIONS), pick=st.integers(0, 10**6))
def test_a_corrupted_cell_is_reported_at_its_line_and_column(
    data: Generated, form: Form, corruption: tuple[str, str, str, str], pick: int
) -> None:
    kind, column, bad, code = corruption
    rows = data.organizations if kind == "organizations" else data.results
    index = pick % len(rows)
    rows[index][column] = bad or None
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        headers = write_files(folder, data, form)

        with pytest.raises(ProblemReport) as caught:
            read_dataset(folder)

    header = headers[kind][list(rows[0]).index(column)]
    expected = (f"{kind}.{form.kind}", index + 2, header, code)
    found = [(p.file, p.line, p.column, p.code) for p in caught.value.problems]
    assert expected in found
