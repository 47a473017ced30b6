"""Reading the contract files: formats, encodings, headers, marks (tests/data/import/*)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pyarrow as pa
import pytest

from mskoko.data import (
    ORGANIZATIONS_SCHEMA,
    RESULTS_SCHEMA,
    SCALES_SCHEMA,
    ImportProblemReport,
    read_dataset,
)
from mskoko.errors import ProblemReport

DATA = Path(__file__).parent.parent / "data" / "import"
VALID = DATA / "valid"


def _problems(path: Path, **kwargs: object) -> list[tuple[str | None, int | None, str | None, str]]:
    with pytest.raises(ProblemReport) as caught:
        read_dataset(path, **kwargs)  # type: ignore[arg-type]
    return [(p.file, p.line, p.column, p.code) for p in caught.value.problems]


def _copy_valid(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target


def test_valid_folder_yields_canonical_tables() -> None:
    dataset = read_dataset(VALID)

    assert dataset.organizations.schema == ORGANIZATIONS_SCHEMA
    assert dataset.results.schema == RESULTS_SCHEMA
    assert dataset.scales is not None and dataset.scales.schema == SCALES_SCHEMA
    first = dataset.organizations.to_pylist()[1]
    assert first == {
        "org_id": "0102",
        "name": 'МБОУ "Гимназия № 2", г. Энск',
        "municipality_id": "M01",
        "municipality_name": "Энский район",
        "org_type": "school",
        "settlement": "urban",
        "students": 640,
        "social_index": 0.1,
    }
    assert dataset.municipality_ids() == ["M01", "M02"]
    assert dataset.years() == [2024, 2025]
    assert dataset.results.num_rows == 11
    ege = [r for r in dataset.results.to_pylist() if r["procedure"] == "EGE"]
    assert [(r["test_score"], r["mark"]) for r in ege] == [(82, None), (61, None)]


@pytest.mark.parametrize(
    "variant",
    ["russian_cp1251", "xlsx_and_bom", "valid_in_folder.zip"],
)
def test_every_accepted_form_reads_exactly_like_the_utf8_csv(variant: str) -> None:
    expected = read_dataset(VALID)

    dataset = read_dataset(DATA / variant)

    assert dataset.organizations.equals(expected.organizations)
    assert dataset.results.equals(expected.results)
    assert dataset.scales is not None and expected.scales is not None
    assert dataset.scales.equals(expected.scales)


def test_empty_mark_is_derived_from_the_given_scale() -> None:
    dataset = read_dataset(VALID)
    rows = {(r["student_id"], r["procedure"], r["subject"]): r for r in dataset.results.to_pylist()}

    # VPR math 8: 12 points reaches the threshold for 3 (8) but not for 4 (13).
    assert rows[("st-005", "VPR", "math")]["mark"] == 3
    # OGE math 9: 7 points is below the threshold for 3 (8).
    assert rows[("st-005", "OGE", "math")]["mark"] == 2


def test_without_scales_file_thresholds_are_inferred_from_rows_with_marks(tmp_path: Path) -> None:
    folder = _copy_valid(tmp_path)
    (folder / "scales.csv").unlink()

    dataset = read_dataset(folder)

    assert dataset.scales is None  # only scales the user gave are kept
    marks = {
        (r["student_id"], r["procedure"]): r["mark"]
        for r in dataset.results.to_pylist()
        if r["subject"] == "math"
    }
    # VPR math 8: lowest scores seen are 9 for a 3 and 14 for a 4; st-005 has 12 points.
    assert marks[("st-005", "VPR")] == 3
    # OGE math 9: only a 4 (from 18) and a 5 were seen; 7 points could be a 2 or a 3.
    assert marks[("st-005", "OGE")] is None


def test_given_scale_wins_over_marks_seen_in_the_results(tmp_path: Path) -> None:
    folder = _copy_valid(tmp_path)
    text = (folder / "scales.csv").read_text(encoding="utf-8")
    # A given 3 from 13 points (the results show a 3 at 9): st-005's 12 points give a 2.
    (folder / "scales.csv").write_text(text.replace("2024,VPR,math,8,3,8", "2024,VPR,math,8,3,13")
                                       .replace("2024,VPR,math,8,4,13", "2024,VPR,math,8,4,14"), encoding="utf-8")

    dataset = read_dataset(folder)

    vpr = {r["student_id"]: r["mark"] for r in dataset.results.to_pylist() if r["procedure"] == "VPR"}
    assert vpr["st-005"] == 2
    assert vpr["st-004"] == 3  # a given mark is never changed


def test_extra_columns_are_ignored_and_headers_match_loosely(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "ОРГАНИЗАЦИИ.csv").write_text(
        "Примечание,  код  оо ,НАИМЕНОВАНИЕ ОО,Код_МО,Тип поселения,Индекс социального благополучия\n"
        "что угодно,S1,Школа,M1,село,\"0,5\"\n",
        encoding="utf-8",
    )
    (folder / "results.csv").write_text(
        "Год,Процедура,Предмет,Класс,Код ОО,ID ученика,Первичный балл,Максимальный балл,Отметка,Комментарий\n"
        "2024,впр,Русский  язык,5,S1,u1,10,20,3,—\n",
        encoding="utf-8",
    )

    dataset = read_dataset(folder)

    org = dataset.organizations.to_pylist()[0]
    assert (org["org_id"], org["settlement"], org["social_index"], org["org_type"]) == ("S1", "rural", 0.5, "school")
    result = dataset.results.to_pylist()[0]
    assert (result["procedure"], result["subject"], result["student_id"]) == ("VPR", "russian", "u1")


def test_values_are_trimmed_and_blank_optional_cells_are_empty(tmp_path: Path) -> None:
    folder = _copy_valid(tmp_path)
    (folder / "results.csv").write_text(
        "year,procedure,subject,grade,org_id,student_id,primary_score,max_score,mark,school_mark\n"
        "2024 , VPR ,math, 8,\u00a00101 , st-1 ,3,25,  ,\t\n",
        encoding="utf-8",
    )

    row = read_dataset(folder).results.to_pylist()[0]

    assert (row["year"], row["procedure"], row["grade"], row["org_id"], row["student_id"]) == (
        2024, "VPR", 8, "0101", "st-1"
    )
    assert row["school_mark"] is None
    assert row["mark"] == 2  # derived: 3 points is below the threshold for 3


def test_a_number_with_a_no_break_space_is_refused_with_a_hint(tmp_path: Path) -> None:
    folder = _copy_valid(tmp_path)
    text = (folder / "results.csv").read_text(encoding="utf-8")
    (folder / "results.csv").write_text(text.replace(",6,25,2,,3", ",6\u00a0,25,2,,3"), encoding="utf-8")

    with pytest.raises(ProblemReport) as caught:
        read_dataset(folder)

    [problem] = caught.value.problems
    assert (problem.line, problem.column, problem.code) == (3, "primary_score", "not_integer")
    assert "неразрывный пробел" in problem.message


def test_broken_results_are_refused_with_every_broken_line_named() -> None:
    problems = _problems(DATA / "broken_results")

    assert problems == [
        ("results.csv", 3, "mark", "out_of_range"),
        ("results.csv", 5, "org_id", "unknown_org"),
        ("results.csv", 6, "primary_score", "score_above_max"),
        ("results.csv", 7, "grade", "out_of_range"),
        ("results.csv", 8, "student_id", "required"),
        ("results.csv", 9, "student_id", "duplicate_result"),
        ("results.csv", 10, "test_score", "out_of_range"),
        ("results.csv", 10, "school_mark", "not_integer"),
    ]


def test_problem_messages_are_russian_and_carry_the_value() -> None:
    with pytest.raises(ProblemReport) as caught:
        read_dataset(DATA / "broken_results")
    by_line = {p.line: p for p in caught.value.problems}

    assert by_line[3].value == "7"
    assert "от 2 до 5" in by_line[3].message
    assert by_line[5].value == "0999" and "organizations.csv" in by_line[5].message
    assert "(25)" in by_line[6].message
    assert "строка 2" in by_line[9].message
    text = str(caught.value)
    assert "найдено проблем — 8" in text
    assert "файл results.csv, строка 3, столбец «mark»" in text


def test_broken_organizations_are_refused_per_cell() -> None:
    problems = _problems(DATA / "bad_organizations")

    assert problems == [
        ("organizations.csv", 3, "org_type", "unknown_value"),
        ("organizations.csv", 3, "students", "out_of_range"),
        ("organizations.csv", 3, "social_index", "out_of_range"),
        ("organizations.csv", 4, "org_id", "duplicate_org_id"),
        ("organizations.csv", 4, "municipality_id", "required"),
        ("organizations.csv", 4, "settlement", "unknown_value"),
        ("organizations.csv", 5, "name", "required"),
        ("organizations.csv", 5, "students", "not_integer"),
        ("organizations.csv", 5, "social_index", "not_number"),
    ]


def test_problem_column_is_the_header_as_written_in_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA / "russian_cp1251", folder)
    results = folder / "Результаты.csv"
    lines = results.read_bytes().decode("cp1251").split("\r\n")
    lines[2] = lines[2].replace(";2;;3;", ";9;;3;")  # st-002's mark 2 -> 9
    results.write_bytes("\r\n".join(lines).encode("cp1251"))

    assert _problems(folder) == [("Результаты.csv", 3, "Отметка", "out_of_range")]


def test_missing_required_column_is_named_with_its_aliases() -> None:
    with pytest.raises(ProblemReport) as caught:
        read_dataset(DATA / "missing_column")

    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.column, problem.code) == (
        "results.csv", 1, "primary_score", "missing_column"
    )
    assert "Первичный балл" in problem.message


def test_missing_file_and_doubled_file_are_refused(tmp_path: Path) -> None:
    folder = _copy_valid(tmp_path)
    (folder / "organizations.csv").unlink()
    shutil.copy(folder / "scales.csv", folder / "Шкалы.csv")

    problems = _problems(folder)

    assert (None, None, None, "missing_file") in problems
    assert (None, None, None, "duplicate_file") in problems


def test_old_excel_format_is_refused_with_advice(tmp_path: Path) -> None:
    folder = _copy_valid(tmp_path)
    (folder / "organizations.csv").rename(folder / "organizations.xls")

    with pytest.raises(ProblemReport) as caught:
        read_dataset(folder)

    [problem] = caught.value.problems
    assert problem.code == "unsupported_format" and ".xlsx" in problem.message


def test_not_a_folder_or_zip_is_refused(tmp_path: Path) -> None:
    assert _problems(tmp_path / "nowhere") == [(None, None, None, "not_found")]
    single = tmp_path / "results.csv"
    single.write_text("year\n", encoding="utf-8")
    assert _problems(single) == [("results.csv", None, None, "not_a_folder")]


def test_rows_with_wrong_number_of_fields_are_named() -> None:
    assert _problems(DATA / "bad_structure") == [
        ("results.csv", 3, None, "wrong_field_count"),
        ("results.csv", 4, None, "wrong_field_count"),
    ]


def test_blank_lines_count_like_spreadsheet_rows(tmp_path: Path) -> None:
    folder = _copy_valid(tmp_path)
    lines = (folder / "results.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",21,25,5,", ",21,25,9,")  # the 4th line: mark 9
    lines.insert(2, "")  # an empty line 3 moves it to line 5
    (folder / "results.csv").write_text("\n".join(lines) + "\n\n", encoding="utf-8")

    assert _problems(folder) == [("results.csv", 5, "mark", "out_of_range")]


def test_quoted_line_break_inside_a_value_is_one_row(tmp_path: Path) -> None:
    folder = _copy_valid(tmp_path)
    text = (folder / "organizations.csv").read_text(encoding="utf-8")
    (folder / "organizations.csv").write_text(
        text.replace("МБОУ СОШ № 1,", '"МБОУ СОШ № 1\nимени Пушкина",'), encoding="utf-8"
    )

    names = read_dataset(folder).organizations.column("name").to_pylist()

    assert names[0] == "МБОУ СОШ № 1\nимени Пушкина"
    assert len(names) == 5


def test_windows_1251_letters_after_a_plain_ascii_start_are_still_decoded(tmp_path: Path) -> None:
    folder = _copy_valid(tmp_path)
    rows = "".join(f"X{i},School {i},M09\n" for i in range(30_000))
    (folder / "organizations.csv").write_bytes(
        ("org_id,name,municipality_id\n" + rows + "0101,Школа,M01\n").encode("cp1251")
    )
    (folder / "results.csv").write_text(
        "year,procedure,subject,grade,org_id,student_id,primary_score,max_score\n2024,VPR,math,8,0101,a,1,2\n",
        encoding="utf-8",
    )

    organizations = read_dataset(folder).organizations

    assert organizations.num_rows == 30_001
    assert organizations.slice(30_000).column("name").to_pylist() == ["Школа"]


def test_excel_unicode_text_export_utf16_with_tabs_is_read(tmp_path: Path) -> None:
    folder = _copy_valid(tmp_path)
    text = (folder / "organizations.csv").read_text(encoding="utf-8")
    rows = [line.split(",") for line in text.splitlines()]
    rows[2] = ['0102', 'МБОУ "Гимназия № 2", г. Энск', *rows[2][-6:]]  # unquote the name for tabs
    (folder / "organizations.csv").write_bytes(
        "\r\n".join("\t".join(row) for row in rows).encode("utf-16")
    )

    organizations = read_dataset(folder).organizations

    assert organizations.equals(read_dataset(VALID).organizations)


def test_undecodable_file_is_refused_with_encoding_advice(tmp_path: Path) -> None:
    folder = _copy_valid(tmp_path)
    (folder / "organizations.csv").write_bytes(bytes(range(256)) * 40)

    with pytest.raises(ProblemReport) as caught:
        read_dataset(folder)

    [problem] = caught.value.problems
    assert (problem.file, problem.code) == ("organizations.csv", "encoding")
    assert "Windows-1251" in problem.message


def test_xlsx_header_below_a_title_and_numbers_stored_as_numbers(tmp_path: Path) -> None:
    folder = _copy_valid(tmp_path)
    (folder / "results.csv").unlink()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Результаты ВПР, 2024"])
    sheet.append(["Год", "Процедура", "Предмет", "Класс", "Код ОО", "Код участника", "Первичный балл",
                  "Максимальный балл", "Отметка"])
    sheet.append([2024, "ВПР", "Математика", 8.0, "0101", 1001, 14, 25, 4])
    sheet.append([])
    sheet.append([2024, "ВПР", "Математика", 8, "0101", 1002, 30, 25, 4])
    workbook.save(folder / "results.xlsx")

    with pytest.raises(ProblemReport) as caught:
        read_dataset(folder)

    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.column, problem.code) == (
        "results.xlsx", 5, "Первичный балл", "score_above_max"
    )


def test_zip_with_files_at_top_level(tmp_path: Path) -> None:
    archive = tmp_path / "data.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for path in VALID.iterdir():
            handle.write(path, path.name)

    assert read_dataset(archive).results.equals(read_dataset(VALID).results)


def test_max_problems_bounds_the_list_but_counts_them_all(tmp_path: Path) -> None:
    folder = _copy_valid(tmp_path)
    rows = "".join(f"2024,VPR,math,8,0101,s{i},1,25,9\n" for i in range(40))
    (folder / "results.csv").write_text(
        "year,procedure,subject,grade,org_id,student_id,primary_score,max_score,mark\n" + rows, encoding="utf-8"
    )

    with pytest.raises(ImportProblemReport) as caught:
        read_dataset(folder, max_problems=5)

    report = caught.value
    assert report.total == 40
    assert [p.line for p in report.problems[:5]] == [2, 3, 4, 5, 6]
    assert report.problems[-1].code == "truncated"
    assert "40" in report.problems[-1].message
    assert "найдено проблем — 40" in report.format_ru()


def test_results_without_rows_are_refused(tmp_path: Path) -> None:
    folder = _copy_valid(tmp_path)
    (folder / "results.csv").write_text(
        "year,procedure,subject,grade,org_id,student_id,primary_score,max_score\n", encoding="utf-8"
    )

    assert _problems(folder) == [("results.csv", 2, None, "no_rows")]


def test_scales_must_grow_with_the_mark(tmp_path: Path) -> None:
    folder = _copy_valid(tmp_path)
    text = (folder / "scales.csv").read_text(encoding="utf-8")
    text = text.replace("2024,VPR,math,8,4,13", "2024,VPR,math,8,4,7")  # 4 needs less than 3
    text = text.replace("2025,OGE,math,9,5,22", "2025,OGE,math,9,4,30")  # mark 4 twice
    (folder / "scales.csv").write_text(text, encoding="utf-8")

    problems = _problems(folder)

    assert ("scales.csv", 4, "min_primary_score", "scale_not_increasing") in problems
    assert ("scales.csv", 9, "mark", "duplicate_scale") in problems


def test_dataset_tables_are_independent_of_the_import_folder(tmp_path: Path) -> None:
    folder = _copy_valid(tmp_path)
    dataset = read_dataset(folder)
    shutil.rmtree(folder)

    assert isinstance(dataset.results, pa.Table)
    assert dataset.results.column("student_id").to_pylist()[0] == "st-001"
