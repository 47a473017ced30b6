"""The region table with ranks, the heatmap, the XLSX exports — values read back."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from mskoko.evaluation.charts import render_heatmap, render_profile
from mskoko.evaluation.export import export_region_xlsx, export_scorecard_xlsx
from mskoko.evaluation.model import ExpertPenalty, ExpertScore
from mskoko.evaluation.region import region_table
from mskoko.evaluation.summary import summarise, year_change


def _municipality(rulebook, mid: str, name: str, a: float, b: float, year: int = 2024,
                  comment: str = ""):
    scores = [ExpertScore(mid, year, "1.2.1", "deadlines", a, "ivanov", comment),
              ExpertScore(mid, year, "1.2.1", "responsible", b, "ivanov")]
    return summarise(rulebook, scores, municipality_name=name)


@pytest.fixture
def region(rulebook_902):
    return [
        _municipality(rulebook_902, "m3", "Верхний район", 338, 338),  # 676/902 → 74.9 → 75
        _municipality(rulebook_902, "m1", "Город Н", 370, 370, comment="всё на месте"),  # 82
        _municipality(rulebook_902, "m4", "Заречный район", 270, 271),  # 541 → 59.98 → 60
        _municipality(rulebook_902, "m2", "Айский район", 339, 338),  # 677 → 75.06 → 75
    ]


def test_ranking_by_index_shares_places_on_ties(rulebook_902, region):
    table = region_table(rulebook_902, region)
    assert list(table["municipality"]) == [
        "Город Н", "Айский район", "Верхний район", "Заречный район"]
    assert list(table["index"]) == [82, 75, 75, 60]
    assert list(table["rank"]) == [1, 2, 2, 4]
    assert list(table["total"]) == [740, 677, 676, 541]
    assert list(table["1.2"]) == [82, 75, 75, 60]
    assert table.attrs["year"] == 2024


def test_region_table_per_system_columns_follow_the_rulebook(small_rulebook):
    score = summarise(small_rulebook, [
        ExpertScore("m1", 2024, "1.1.1", "deadlines", 3, "ivanov"),
        ExpertScore("m1", 2024, "2.1.1", "deadlines", 3, "ivanov")])
    table = region_table(small_rulebook, [score])
    assert list(table.columns) == ["municipality_id", "municipality", "1.1", "1.2", "2.1",
                                   "total", "maximum", "penalties", "index", "rank"]
    assert table.loc[0, ["1.1", "1.2", "2.1", "index"]].tolist() == [10, 0, 20, 10]


def test_heatmap_png_is_written(tmp_path, rulebook_902, region):
    path = render_heatmap(region_table(rulebook_902, region), tmp_path / "heatmap.png")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000
    from PIL import Image

    width, height = Image.open(path).size
    assert width >= 600 and height >= 300


def test_region_xlsx_holds_the_indexes_ranks_and_comments(tmp_path, rulebook_902, region):
    table = region_table(rulebook_902, region)
    path = export_region_xlsx(table, tmp_path / "region.xlsx", region)
    wb = load_workbook(path)
    ws = wb["Сравнение"]
    assert "2024" in ws["A1"].value
    header = [c.value for c in ws[4]]
    assert header[:4] == ["Место", "Муниципалитет", "Код", "1.2 Система работы со школами с "
                          "низкими результатами обучения"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=5, max_row=8)]
    assert [r[0] for r in rows] == [1, 2, 2, 4]
    assert rows[0][1:3] == ["Город Н", "m1"]
    assert rows[0][3] == pytest.approx(0.82)
    assert rows[0][-4:] == [740, 0, 902, pytest.approx(0.82)]
    assert ws.cell(row=5, column=len(header)).number_format == "0%"
    details = wb["Баллы по критериям"]
    lines = [[c.value for c in row] for row in details.iter_rows(min_row=2)]
    city = [r for r in lines if r[0] == "Город Н"]
    assert [(r[2], r[3], r[6]) for r in city] == [("1.2.1", "deadlines", 370),
                                                  ("1.2.1", "responsible", 370)]
    assert city[0][8] == "ivanov: всё на месте"


def test_scorecard_xlsx_and_profile_png(tmp_path, small_rulebook):
    scores = [ExpertScore("m1", 2024, "1.1.1", "deadlines", 3, "ivanov", "сроки указаны"),
              ExpertScore("m1", 2024, "1.1.1", "deadlines", 2, "petrov"),
              ExpertScore("m1", 2024, "1.2.1", "results", 2, "ivanov")]
    penalty = [ExpertPenalty("m1", 2024, "1.2.1", "average_score_ranking", -2, "ivanov",
                             "рейтинг по среднему баллу")]
    current = summarise(small_rulebook, scores, penalty, municipality_name="Город Н")
    previous = summarise(small_rulebook, [ExpertScore("m1", 2023, "1.1.1", "deadlines", 1,
                                                      "ivanov")])
    path = export_scorecard_xlsx(current, tmp_path / "card.xlsx", year_change(current, previous))
    wb = load_workbook(path)
    facts = {r[0].value: r[1].value for r in wb["Итоги"].iter_rows(min_row=3, max_row=13)
             if r[0].value}
    # 2.5 + 2 − median(−2, 0) = 4.5 − 1 = 3.5 of 60 → 6 %; a year ago 1/60 → 2 %.
    assert facts["Баллы (с учётом штрафов)"] == 3.5
    assert facts["Максимум"] == 60
    assert facts["Индекс"] == pytest.approx(0.06)
    assert facts["Штрафы"] == -1
    assert facts["Изменение индекса к 2023 году, п. п."] == 4
    criteria = [[c.value for c in r] for r in wb["Критерии"].iter_rows(min_row=2)]
    deadline = next(r for r in criteria if r[2] == "1.1.1" and r[3] == "deadlines")
    assert deadline[6] == 2.5
    assert deadline[7] == "ivanov: 3; petrov: 2"
    assert deadline[8] == "ivanov: сроки указаны"
    penalties = [[c.value for c in r] for r in wb["Штрафы"].iter_rows(min_row=2)]
    assert penalties[0][:4] == ["1.2.1", "average_score_ranking",
                                "Анализ и рейтинг по средним баллам", -1]
    agreement = {r[0].value: r[1].value for r in wb["Согласованность"].iter_rows(max_row=6)}
    assert agreement["Критериев оценено двумя и более экспертами"] == 1

    png = render_profile(current, tmp_path / "profile.png")
    assert png.read_bytes()[:4] == b"\x89PNG" and png.stat().st_size > 10_000
