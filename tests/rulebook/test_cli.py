"""`mskoko rulebook list|show|validate` through Typer's CliRunner on the sub-app."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mskoko.cli.rulebook import SECTIONS, app

DATA = Path(__file__).resolve().parents[1] / "data" / "rulebook"
MINIMAL = DATA / "valid" / "minimal-902.yaml"


@pytest.fixture
def run() -> object:
    runner = CliRunner(env={"COLUMNS": "200"})

    def invoke(*args: str) -> tuple[int, str, str]:
        result = runner.invoke(app, list(args))
        flat = " ".join(result.stdout.split())
        return result.exit_code, flat, " ".join(result.stderr.split())

    return invoke


def test_list_shows_the_base_edition(run) -> None:
    code, out, _ = run("list")
    assert code == 0
    assert "base-2023 (по умолчанию)" in out
    assert "Челябинская область" in out and "2023" in out


def test_show_summary_lists_systems_tracks_criteria_and_catalogue_counts(run) -> None:
    code, out, _ = run("show")
    assert code == 0
    assert "Адресная поддержка школ с низкими образовательными результатами" in out
    assert "1.2.1" in out and "2.4.1" in out
    assert "(не оценивается)" in out  # systems 1.4 and 2.3
    assert "penalty_average_ranking" in out and "-1" in out
    assert "Каталог: региональных документов — 29, примеров муниципальных мер — 56." in out
    assert "Оценочный лист: пунктов — 156, максимум — 186 баллов." in out


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_every_section_renders(run, section: str) -> None:
    code, out, err = run("show", "base-2023", "--section", section)
    assert code == 0, err
    assert out


def test_show_catalogue_lists_documents_with_their_details(run) -> None:
    code, out, _ = run("show", "--section", "catalogue")
    assert code == 0
    assert "Региональные документы (29)" in out and "Примеры муниципальных мер (56)" in out
    assert "order-01-1883" in out and "order-1883" in out
    assert "№ 01/1883" in out and "№ 1883" in out and "30.08.2022" in out
    assert "passport-uspekh" in out


def test_show_analytics_lists_settings_with_meaning(run) -> None:
    code, out, _ = run("show", "-s", "analytics")
    assert code == 0
    assert "ege_minimum_scores" in out and "russian: 24" in out
    assert "min_participants_informative" in out


def test_show_a_file_by_path(run) -> None:
    code, out, _ = run("show", str(MINIMAL), "-s", "scoring")
    assert code == 0
    assert "максимум — 902 баллов" in out


def test_show_unknown_section_is_refused(run) -> None:
    code, _, err = run("show", "-s", "tables")
    assert code == 1
    assert "неизвестный раздел «tables»" in err


def test_validate_shipped_edition_says_it_is_correct(run) -> None:
    code, out, _ = run("validate", "base-2023")
    assert code == 0
    assert "Правила «base-2023»" in out and "корректны" in out


def test_validate_a_valid_file(run) -> None:
    code, out, _ = run("validate", str(MINIMAL))
    assert code == 0
    assert "Правила «minimal-902»" in out and "корректны" in out


def test_validate_lists_every_error_and_exits_1(run, tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("    points: -1\n", "    points: 3\n").replace(
        "      tracks: [1.1.1]\n", "      tracks: [5.5.5]\n")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    code, out, err = run("validate", str(broken))
    assert code == 1
    assert "корректны" not in out
    assert "найдено ошибок — 1" in err  # the schema error stops before references are checked
    assert "penalties[0].points" in err and "штраф должен быть отрицательным" in err
    broken.write_text(text.replace("    points: 3\n", "    points: -3\n"), encoding="utf-8")
    code, _, err = run("validate", str(broken))
    assert code == 1
    assert "найдено ошибок — 1" in err and "«5.5.5» (трек)" in err


def test_validate_yaml_syntax_error_names_line_and_column(run) -> None:
    path = DATA / "invalid" / "yaml-syntax.yaml"
    code, _, err = run("validate", str(path))
    assert code == 1
    assert "ошибка синтаксиса YAML" in err and "строка 66, столбец «4»" in err


def test_validate_unknown_id_is_refused(run) -> None:
    code, _, err = run("validate", "base-1999")
    assert code == 1
    assert "Нет встроенной редакции правил «base-1999»" in err


def test_show_broken_file_exits_1_with_the_problem(run) -> None:
    code, _, err = run("show", str(DATA / "invalid" / "wrong-version.yaml"))
    assert code == 1
    assert "версия схемы правил 2 не поддерживается" in err


def test_validate_reports_check_kinds_without_an_implementation(run, monkeypatch) -> None:
    from mskoko.rulebook import registry

    # Let the checker register its kinds now, so that `validate` importing it adds nothing.
    with contextlib.suppress(ImportError):
        import mskoko.documents.check  # noqa: F401
    registered = {kind: (lambda *a: None) for kind in (
        "has_deadlines", "has_responsible", "has_decisions", "has_measures")}
    monkeypatch.setattr(registry, "_CHECKS", registered)
    code, _, err = run("validate", str(MINIMAL))
    assert code == 1
    assert "penalties[0].kind: вид проверки «penalty_average_ranking» не зарегистрирован" in err
