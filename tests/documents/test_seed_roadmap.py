"""Seed 003 (Serov roadmap, layout lost in PDF extraction): every measure with its deadline and
responsible; the same roadmap as a DOCX table and as PDFs gives the same measures."""

from __future__ import annotations

from pathlib import Path

import pytest

from mskoko.documents.extract import analyse
from mskoko.documents.model import Measure
from mskoko.documents.read import read_document

CENTRE = "МКУ «Центр развития муниципальных образовательных учреждений»"
ASSESSMENT = "1. Система оценки качества подготовки обучающихся"


def _find(measures: list[Measure], section_start: str, number: str) -> Measure:
    found = [m for m in measures if (m.section or "").startswith(section_start) and m.number == number]
    assert len(found) == 1, f"{section_start} {number}: {found}"
    return found[0]


def test_seed_roadmap_text_gives_53_measures_each_with_deadline_and_responsible(
    seed_measures: list[Measure],
) -> None:
    assert len(seed_measures) == 53
    assert [m for m in seed_measures if not m.deadline or not m.responsible] == []
    assert all(m.result is None and m.regional_reference is None for m in seed_measures)


def test_seed_roadmap_sections_restart_numbering_and_are_not_measures(
    seed_measures: list[Measure],
) -> None:
    sections = list(dict.fromkeys(m.section for m in seed_measures))
    assert len(sections) == 9
    assert sections[0].startswith("1. Формирование нормативно-правового обеспечения")
    assert sections[1] == ASSESSMENT
    assert sections[-1] == "8. Система профориентации"
    counts = {s: sum(1 for m in seed_measures if m.section == s) for s in sections}
    assert list(counts.values()) == [4, 13, 6, 3, 5, 3, 5, 7, 7]
    assert not any(m.text.startswith("Система ") for m in seed_measures)


@pytest.mark.parametrize(
    ("section", "number", "text_start", "deadline", "responsible"),
    [
        ("1. Формирование", "1", "Утверждение дорожной карты по развитию муниципальной системы",
         "сентябрь 2020", "МОУО"),
        ("1. Формирование", "3", "Утверждение муниципальной программы помощи школам", "ежегодно",
         "МОУО"),
        (ASSESSMENT, "1", "Определение муниципального перечня оценочных процедур", "ежегодно",
         f"{CENTRE}, ГМО, ОО"),
        (ASSESSMENT, "3", "Участие образовательных организаций в международных",
         "в соответствии с графиком проведения", "ОО"),
        (ASSESSMENT, "9", "Включение потребителей образовательных услуг",
         "1 раз в 3 года для каждой образовательной организации", "ОО"),
        (ASSESSMENT, "10", "Обеспечение выполнения требований информационной безопасности",
         "Постоянно", f"МОУО, {CENTRE}, ГМО, ОО"),
        (ASSESSMENT, "11", "Ежегодный доклад «О состоянии системы образования",
         "февраль ежегодно", "МОУО"),
        (ASSESSMENT, "12", "Ежегодный анализ результатов ГИА", "Август ежегодно",
         f"МОУО, {CENTRE}, ОО"),
        (ASSESSMENT, "13", "Повышение квалификации команд ОО", "2020-2023", "МОУО, ОО"),
        ("7. Система развития таланта", "1", "Формирование системы межведомственного",
         "2020-2021", f"{CENTRE}, ОО"),
        ("8. Система профориентации", "7", "Летнее трудоустройство несовершеннолетних",
         "ежегодно май - август", f"МОУО, {CENTRE}"),
    ],
)
def test_seed_measure_deadline_and_responsible(
    seed_measures: list[Measure], section: str, number: str, text_start: str, deadline: str,
    responsible: str,
) -> None:
    measure = _find(seed_measures, section, number)
    assert measure.text.startswith(text_start)
    assert measure.deadline == deadline
    assert measure.responsible == responsible


def test_seed_ежегодный_in_measure_text_is_not_taken_for_a_deadline(
    seed_measures: list[Measure],
) -> None:
    report = _find(seed_measures, ASSESSMENT, "11")
    assert report.text == (
        "Ежегодный доклад «О состоянии системы образования на территории Серовского "
        "городского округа»"
    )


def test_seed_nested_list_with_a_page_break_is_one_measure(seed_measures: list[Measure]) -> None:
    objectivity = [m for m in seed_measures if (m.section or "").startswith("2. Система обеспечения")]
    assert [m.number for m in objectivity] == ["1", "2", "3", "4", "5", "6"]
    first = objectivity[0]
    assert "обеспечение видеонаблюдения на процедурах оценки качества образования" in first.text
    assert "2.2. Профилактическая работа с выявленными ОО" in first.text
    # the deadline/responsible stood in the middle of the cell, at a page break
    assert "результатов его учеников (по желанию педагога)" in first.text
    assert first.text.endswith("аналитической экспертной работы с результатами оценочных процедур")
    assert first.deadline == "ежегодно"
    assert first.responsible == f"МОУО, {CENTRE}"


def test_seed_text_after_a_page_break_goes_back_to_the_measure(seed_measures: list[Measure]) -> None:
    diagnostics = _find(seed_measures, "4. Система мониторинга качества", "1")
    assert diagnostics.text.endswith("на основе данных муниципальных предметных комиссий, ГМО")
    assert diagnostics.responsible == "МОУО, ОО"
    contests = _find(seed_measures, "7. Система развития таланта", "5")
    # the line held both the text column and the end of the centre's name
    assert contests.text == (
        "Организация профессиональных конкурсов, направленных на выявление мастерства "
        "педагогов, работающих с одаренными и талантливыми детьми и молодежью"
    )
    assert contests.responsible == f"МОУО, {CENTRE}"


def _key(measure: Measure) -> tuple[str | None, ...]:
    return (measure.section, measure.number, measure.text, measure.deadline, measure.responsible)


@pytest.mark.parametrize("name", ["serov.docx", "serov.pdf", "serov_text.pdf"])
def test_same_roadmap_as_docx_and_pdf_gives_the_same_measures(
    built: dict[str, Path], seed_measures: list[Measure], name: str
) -> None:
    facts = analyse(read_document(built[name]))
    assert facts.kind == "roadmap"
    assert [_key(m) for m in facts.measures] == [_key(m) for m in seed_measures]


def test_docx_continuation_rows_and_vertical_merges_are_joined(built: dict[str, Path]) -> None:
    document = read_document(built["serov.docx"])
    table = document.tables[0]
    continuation = [r for r in table.rows if not r.section and not r.cells[0] and r.cells[1]]
    merged = [r for r in table.rows if any(r.merged_above)]
    assert continuation and merged  # the file really exercises both
    assert sum(1 for r in table.rows if r.section) == 9

