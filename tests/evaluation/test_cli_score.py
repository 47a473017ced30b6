"""`mskoko score …` end to end in process (Typer's CliRunner) on the test database."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from mskoko.cli.score import app

pytestmark = [pytest.mark.django_db]

DATA = Path(__file__).resolve().parent.parent / "data" / "evaluation"
SMALL = str(DATA / "rulebook-small.yaml")
PASSWORD = "Dlinnyj-parol-2024"


@pytest.fixture
def run(workspace, fast_passwords):
    from mskoko.web.accounts.users import create_user
    from mskoko.web.core.models import Municipality

    Municipality.objects.create(id="m1", name="Город Н")
    Municipality.objects.create(id="m2", name="Айский район")
    create_user("ivanov", role="expert", password=PASSWORD)
    create_user("petrov", role="expert", password=PASSWORD)
    runner = CliRunner()

    def invoke(*args: str, code: int = 0) -> str:
        result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
        assert result.exit_code == code, result.output
        return " ".join(result.output.split())  # rich wraps long lines

    invoke("period", "--year", "2024", "--rulebook", SMALL)
    return invoke


def test_scores_penalty_show_and_change_from_last_year(run):
    run("period", "--year", "2023", "--rulebook", SMALL)
    run("set", "-m", "m1", "-y", "2023", "-e", "ivanov", "-t", "1.1.1", "-c", "deadlines",
        "-p", "3")
    for expert, points in (("ivanov", 3), ("petrov", 2)):
        run("set", "-m", "m1", "-y", "2024", "-e", expert, "-t", "1.1.1", "-c", "deadlines",
            "-p", str(points), "--comment", "сроки указаны")
    run("set", "-m", "m1", "-y", "2024", "-e", "ivanov", "-t", "2.1.1", "-c", "decisions",
        "-p", "3")
    out = run("penalty", "-m", "m1", "-y", "2024", "-e", "ivanov", "-r",
              "average_score_ranking", "-p", "-2", "-t", "1.1.1", "--comment", "рейтинг")
    assert "Штраф сохранён" in out
    shown = run("show", "-m", "m1", "-y", "2024")
    # median(3, 2) + 3 = 5.5; penalty median(−2, 0) = −1 → 4.5 of 60 → 8 %; 2023: 3/60 → 5 %.
    assert "Итог: 4.5 из 60, индекс 8 %; штрафы: −1." in shown
    assert "Индекс к 2023 году: +3 п. п.; баллы: +1.5." in shown
    assert "ivanov: 3; petrov: 2" in shown
    assert "Согласованность экспертов:" in shown


def test_out_of_range_points_are_refused_in_russian(run):
    out = run("set", "-m", "m1", "-y", "2024", "-e", "ivanov", "-t", "1.1.1", "-c",
              "deadlines", "-p", "5", code=1)
    assert "Баллы не приняты" in out
    assert "балл вне допустимого диапазона 0…3" in out
    assert "Traceback" not in out


def test_lock_refuses_edits_until_unlocked(run):
    run("lock", "--year", "2024")
    out = run("set", "-m", "m1", "-y", "2024", "-e", "ivanov", "-t", "1.1.1", "-c",
              "deadlines", "-p", "1", code=1)
    assert "Период оценивания 2024 года закрыт" in out
    run("lock", "--year", "2024", "--unlock")
    run("set", "-m", "m1", "-y", "2024", "-e", "ivanov", "-t", "1.1.1", "-c", "deadlines",
        "-p", "1")


def test_propose_then_accept(run):
    out = run("propose", "-m", "m1", "-y", "2024", str(DATA / "roadmap-1.2.1.md"))
    assert "треки 1.2.1 (по названию в тексте)" in out
    assert "Они не входят в итог" in out
    assert "Итог: 0 из 60" in run("show", "-m", "m1", "-y", "2024")
    out = run("accept", "-m", "m1", "-y", "2024", "-e", "ivanov")
    assert "Принято баллов: 4, штрафов: 0" in out
    # deadlines 3 + responsible 3 + results 2 + regional_alignment 0 = 8 of 60 → 13 %.
    assert "Итог: 8 из 60, индекс 13 %" in run("show", "-m", "m1", "-y", "2024")


def test_propose_with_a_document_naming_no_track_asks_for_one(run, tmp_path):
    doc = tmp_path / "order.txt"
    doc.write_text("Приказ № 5\nО проведении совещания\n", encoding="utf-8")
    out = run("propose", "-m", "m1", "-y", "2024", str(doc), code=1)
    assert "Не удалось определить трек документов: order.txt" in out
    assert "--track" in out


def test_region_writes_heatmap_and_xlsx(run, tmp_path):
    run("set", "-m", "m1", "-y", "2024", "-e", "ivanov", "-t", "1.1.1", "-c", "deadlines",
        "-p", "3")
    run("set", "-m", "m2", "-y", "2024", "-e", "ivanov", "-t", "1.2.1", "-c", "deadlines",
        "-p", "3")
    run("set", "-m", "m2", "-y", "2024", "-e", "ivanov", "-t", "1.2.1", "-c", "decisions",
        "-p", "3")
    out = run("region", "-y", "2024", "-o", str(tmp_path))
    assert re.search(r"1 │ Айский район │ 0 │ 40 │ 0 │ 6 │ 60 │ 10", out), out
    png = tmp_path / "сравнение-2024.png"
    assert png.stat().st_size > 10_000
    ws = load_workbook(tmp_path / "сравнение-2024.xlsx")["Сравнение"]
    assert [ws.cell(row=r, column=2).value for r in (5, 6)] == ["Айский район", "Город Н"]
    assert ws.cell(row=5, column=ws.max_column).value == pytest.approx(0.10)


def test_show_writes_the_scorecard_files(run, tmp_path):
    run("set", "-m", "m1", "-y", "2024", "-e", "ivanov", "-t", "1.1.1", "-c", "deadlines",
        "-p", "3")
    run("show", "-m", "m1", "-y", "2024", "-o", str(tmp_path))
    assert (tmp_path / "оценка-m1-2024.xlsx").exists()
    assert (tmp_path / "оценка-m1-2024-профиль.png").stat().st_size > 10_000


def test_scoresheet_export_fill_import(run, tmp_path):
    sheet = tmp_path / "лист.xlsx"
    run("export", "-m", "m1", "-y", "2024", "-e", "petrov", "-o", str(sheet))
    wb = load_workbook(sheet)
    ws = wb["Оценочный лист"]
    ws["L2"], ws["M2"] = 2, "сроки не у всех мер"
    ws["L3"] = 7  # out of range: the whole sheet is refused
    wb.save(sheet)
    out = run("import", str(sheet), "-e", "petrov", code=1)
    assert "строка 3" in out and "вне допустимого диапазона" in out
    assert "Итог: 0 из 60" in run("show", "-m", "m1", "-y", "2024")
    ws["L3"] = 1
    wb.save(sheet)
    assert "Загружено баллов: 2, штрафов: 0." in run("import", str(sheet), "-e", "petrov")
    assert "Итог: 3 из 60" in run("show", "-m", "m1", "-y", "2024")


def test_unknown_combine_rule_is_refused(run):
    out = run("period", "--year", "2024", "--combine", "vote", code=1)
    assert "Неизвестное правило «vote»: допустимы median, mean, chief." in out
