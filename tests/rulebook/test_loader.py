"""Loading, validating and round-tripping rulebook files; errors explained in Russian."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from mskoko.errors import MskokoError, ProblemReport
from mskoko.rulebook import (
    dump_rulebook,
    edition_paths,
    list_editions,
    load_rulebook,
    resolve_rulebook_path,
    validate_file,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "rulebook"
MINIMAL = DATA / "valid" / "minimal-902.yaml"

INVALID = sorted((DATA / "invalid").glob("*.yaml"))


def _expectations(path: Path) -> tuple[str, list[str]]:
    """The reason code and the Russian fragments a broken copy declares in its header."""
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# ")]
    code = next(line.split(":", 1)[1].strip() for line in header if line.startswith("# code:"))
    expects = [line.split(":", 1)[1].strip() for line in header if line.startswith("# expect:")]
    return code, expects


def test_shipped_editions_validate_without_problems() -> None:
    assert edition_paths(), "no shipped edition"
    for path in edition_paths().values():
        assert validate_file(path) == []


def test_edition_file_name_is_the_edition_id() -> None:
    for edition_id, path in edition_paths().items():
        assert load_rulebook(path).id == edition_id


def test_list_editions_names_the_base_edition_with_region_and_year() -> None:
    editions = {e.id: e for e in list_editions()}
    assert editions["base-2023"].region == "Челябинская область"
    assert editions["base-2023"].year == 2023
    assert editions["base-2023"].path.name == "base-2023.yaml"


def test_load_by_id_and_by_path_give_equal_rulebooks() -> None:
    assert load_rulebook("base-2023") == load_rulebook(edition_paths()["base-2023"])
    assert load_rulebook() == load_rulebook("base-2023")


def test_unknown_edition_id_is_refused_naming_the_shipped_ones() -> None:
    with pytest.raises(MskokoError, match=r"Нет встроенной редакции правил «base-1999».*base-2023"):
        load_rulebook("base-1999")


def test_missing_yaml_path_is_refused_as_a_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(MskokoError, match="Файл правил не найден"):
        resolve_rulebook_path(tmp_path / "нет.yaml")
    problems = validate_file(tmp_path / "нет.yaml")
    assert [p.code for p in problems] == ["not_found"]


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_broken_copy_fails_with_the_expected_russian_message(path: Path) -> None:
    code, expects = _expectations(path)
    problems = validate_file(path)
    assert problems, f"{path.name} was accepted"
    texts = [p.format_ru() for p in problems]
    matching = [t for p, t in zip(problems, texts, strict=True) if p.code == code]
    assert matching, f"no problem with code {code}: {texts}"
    for fragment in expects:
        assert any(fragment in t for t in matching), f"«{fragment}» not in {matching}"
    assert all(p.file == str(path) and p.line is not None for p in problems)


def test_each_required_broken_case_is_present() -> None:
    names = {p.stem for p in INVALID}
    assert {"wrong-type", "wrong-version", "missing-field", "positive-penalty", "unknown-track",
            "yaml-syntax"} <= names


def test_problem_points_at_the_line_of_the_broken_field() -> None:
    path = DATA / "invalid" / "positive-penalty.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    (problem,) = validate_file(path)
    assert problem.line is not None
    assert lines[problem.line - 1].strip() == "points: 2"


def test_yaml_syntax_error_gives_line_and_column() -> None:
    path = DATA / "invalid" / "yaml-syntax.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    (problem,) = validate_file(path)
    assert problem.line is not None and problem.column is not None
    # The misplaced key is the line after the criterion title.
    assert lines[problem.line - 1].strip() == "kind: has_responsible"
    assert f"строка {problem.line}, столбец «{problem.column}»" in problem.format_ru()


def test_load_rulebook_raises_a_report_listing_every_problem(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("    points: -1\n", "    points: 3\n").replace(
        "    max_points: 10\n", "    max_points: много\n")
    broken = tmp_path / "two-errors.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemReport) as caught:
        load_rulebook(broken)
    report = caught.value
    assert report.title == "Правила не приняты (two-errors.yaml)"
    messages = " | ".join(p.message for p in report.problems)
    assert "penalties[0].points" in messages and "criteria[3].max_points" in messages
    assert len(report.problems) == 2


def test_reference_problems_are_all_listed_not_only_the_first(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "      tracks: [1.1.1]\n", "      tracks: [7.7.7, 8.8.8]\n").replace(
        "track: 1.1.1, text", "track: 9.9.9, text")
    broken = tmp_path / "refs.yaml"
    broken.write_text(text, encoding="utf-8")
    missing = sorted(re.findall(r"элемент «(\d\.\d\.\d)»", " ".join(
        p.message for p in validate_file(broken))))
    assert missing == ["7.7.7", "8.8.8", "9.9.9"]


def test_unknown_check_kinds_are_reported_when_the_known_kinds_are_given() -> None:
    problems = validate_file(MINIMAL, known_kinds={"has_deadlines", "has_responsible"})
    unknown = sorted(p.message for p in problems if p.code == "unknown_kind")
    assert len(unknown) == 3
    assert any("«has_decisions» не зарегистрирован" in m for m in unknown)
    assert any("«penalty_average_ranking» не зарегистрирован" in m for m in unknown)
    assert validate_file(MINIMAL) == []


@pytest.mark.parametrize("source", ["base-2023", str(MINIMAL)])
def test_round_trip_load_dump_load_is_equal(source: str, tmp_path: Path) -> None:
    original = load_rulebook(source)
    dumped = tmp_path / "dumped.yaml"
    dumped.write_text(dump_rulebook(original), encoding="utf-8")
    assert validate_file(dumped) == []
    again = load_rulebook(dumped)
    assert again == original
    assert dumped.read_text(encoding="utf-8").startswith("schema: mskoko.rulebook\nschema_version: 1\n")


def test_a_file_saved_in_windows_1251_is_read(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.yaml"
    path.write_bytes(MINIMAL.read_text(encoding="utf-8").encode("cp1251"))
    assert load_rulebook(path) == load_rulebook(MINIMAL)


def test_edited_file_is_reloaded_not_served_from_cache(tmp_path: Path) -> None:
    path = tmp_path / "edition.yaml"
    path.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_rulebook(path).year == 2024
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace("year: 2024", "year: 2025 "),
                    encoding="utf-8")
    assert load_rulebook(path).year == 2025


def test_core_rulebook_imports_no_cli_or_web_libraries() -> None:
    code = (
        "import sys, mskoko.rulebook, mskoko.rulebook.registry, mskoko.rulebook.scoring\n"
        "bad = [m for m in ('typer', 'django', 'ninja', 'mskoko.cli', 'mskoko.web') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("    max_points: 10\n", "    max_points: 0\n", "criteria[3].max_points (элемент «beyond»): значение должно быть больше 0"),
        ("year: 2024\n", "year: 1999\n", "поле year: значение должно быть не меньше 2000"),
        ("year: 2024\n", "year: 2024.5\n", "поле year: ожидается целое число, а не дробное"),
        ("    applies_to: [order]\n    parameter: p3", "    applies_to: order\n    parameter: p3",
         "criteria[0].applies_to (элемент «deadlines»): ожидается список"),
        ("title: Малая тестовая редакция\n", "title: [Малая, редакция]\n", "поле title: ожидается текст"),
        ("title: Малая тестовая редакция\n", "title: ''\n", "поле title: значение не должно быть пустым"),
        ("    - function: regional_cycle\n  max", "    - function: regional cycle\n  max",
         "scoring.rules[0].function: недопустимый код"),
        ("      tracks: [1.1.1]\n", "      tracks: []\n",
         "catalogue.regional_documents[0].tracks (элемент «order-01-1836»): нужно не меньше 1"),
        ("  - id: order-01-1836\n", "  - id: order 01/1836\n", "недопустимый код"),
        ("    group: administrative\n", "    group: 7\n", "document_kinds[0].group"),
    ],
)
def test_schema_errors_are_explained_in_russian(tmp_path: Path, old: str, new: str, fragment: str) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "edited.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    messages = [p.format_ru() for p in validate_file(path)]
    assert any(fragment in m for m in messages), messages
    assert not any("Input should" in m for m in messages)  # no untranslated pydantic text
