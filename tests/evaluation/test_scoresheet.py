"""The offline scoresheet: written, filled, read back; bad sheets refused with lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from mskoko.errors import ProblemReport
from mskoko.evaluation.model import ExpertPenalty, ExpertScore, Proposal, ProposalKind
from mskoko.evaluation.scoresheet import read_scoresheet, write_scoresheet

DATA = Path(__file__).resolve().parent.parent / "data" / "evaluation"


def test_xlsx_sheet_lists_every_item_with_proposals_and_earlier_points(tmp_path, small_rulebook):
    path = write_scoresheet(
        small_rulebook, tmp_path / "sheet.xlsx", "m1", 2024, expert="ivanov",
        scores=[ExpertScore("m1", 2024, "1.1.1", "deadlines", 2, "ivanov", "мои"),
                ExpertScore("m1", 2024, "1.1.1", "results", 1, "petrov", "чужие")],
        proposals=[Proposal("m1", 2024, "1.1.1", "results", 2, 2, ProposalKind.CRITERION,
                            "met", ("roadmap.docx: результат — доля 90 %",))])
    ws = load_workbook(path)["Оценочный лист"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Муниципалитет", "Год", "Эксперт", "Вид"]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    assert len(rows) == 24 + 1  # every item, then the one penalty rule
    first, results = rows[0], rows[2]
    assert (first["Трек"], first["Критерий"], first["Балл"], first["Комментарий"]) == (
        "1.1.1", "deadlines", 2, "мои")
    assert results["Балл"] is None  # another expert's points are not this expert's
    assert results["Предложено проверкой"] == 2
    assert results["Обоснование проверки"] == "roadmap.docx: результат — доля 90 %"
    assert (rows[-1]["Вид"], rows[-1]["Критерий"], rows[-1]["Максимум"]) == (
        "штраф", "average_score_ranking", -2)


def test_filled_xlsx_reads_back(tmp_path, small_rulebook):
    path = write_scoresheet(small_rulebook, tmp_path / "sheet.xlsx", "m1", 2024)
    wb = load_workbook(path)
    ws = wb["Оценочный лист"]
    ws["L2"] = 3
    ws["M2"] = "сроки у всех мер"
    ws["L26"] = "−2"  # typed as text with a typographic minus
    wb.save(path)
    entries = read_scoresheet(path, expert="ivanov")
    assert [(s.track_id, s.criterion_id, s.points, s.expert, s.comment) for s in entries.scores
            ] == [("1.1.1", "deadlines", 3, "ivanov", "сроки у всех мер")]
    assert [(p.track_id, p.rule_id, p.points) for p in entries.penalties] == [
        ("", "average_score_ranking", -2)]
    assert entries.lines == [2, 26]


def test_csv_round_trip(tmp_path, small_rulebook):
    path = write_scoresheet(
        small_rulebook, tmp_path / "sheet.csv", "m1", 2024, expert="ivanov",
        scores=[ExpertScore("m1", 2024, "2.1.1", "results", 1.5, "ivanov", "частично")],
        penalties=[ExpertPenalty("m1", 2024, "1.2.1", "average_score_ranking", -1, "ivanov")])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    entries = read_scoresheet(path)
    assert [(s.key, s.points, s.comment) for s in entries.scores] == [
        (("2.1.1", "results"), 1.5, "частично")]
    assert [(p.key, p.points) for p in entries.penalties] == [
        (("1.2.1", "average_score_ranking"), -1)]


def test_windows_1251_csv_with_semicolons_and_decimal_comma():
    entries = read_scoresheet(DATA / "scoresheet-cp1251.csv", expert="petrov")
    assert [(s.criterion_id, s.points, s.expert, s.comment) for s in entries.scores] == [
        ("deadlines", 2.5, "petrov", "Сроки есть не у всех мер")]
    assert [(p.rule_id, p.points) for p in entries.penalties] == [("average_score_ranking", -2)]
    assert entries.score_lines == [2] and entries.penalty_lines == [4]


def test_a_bad_sheet_is_refused_with_every_problem_located():
    with pytest.raises(ProblemReport) as caught:
        read_scoresheet(DATA / "scoresheet-bad.csv", expert="ivanov")
    found = [(p.line, p.column, p.code) for p in caught.value.problems]
    assert found == [
        (2, "Балл", "not_a_number"),
        (3, "Год", "not_a_number"),
        (4, "Эксперт", "other_expert"),
        (5, "Вид", "unknown_kind"),
        (5, "Муниципалитет", "required"),
    ]
    assert "файл scoresheet-bad.csv, строка 2, столбец «Балл»" in caught.value.format_ru()


def test_a_sheet_without_the_points_column_names_it(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("Муниципалитет;Год;Вид;Критерий\nm1;2024;критерий;deadlines\n",
                    encoding="utf-8")
    with pytest.raises(ProblemReport, match="нет обязательных столбцов: «Балл»"):
        read_scoresheet(path)
