"""Deadlines and responsible parties in free Russian text."""

from __future__ import annotations

import pytest

from mskoko.documents.extract.deadlines import (
    find_deadlines,
    find_inline_deadline,
    is_deadline_text,
)
from mskoko.documents.extract.responsible import find_inline_responsible, looks_responsible
from mskoko.documents.extract.text_measures import parse_text_measures


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Семинар проводится в сентябре", "в сентябре"),
        ("сентябрь 2020 МОУО", "сентябрь 2020"),
        ("в течение учебного года", "в течение учебного года"),
        ("январь-\nфевраль", "январь-февраль"),
        ("2020-2023 МОУО, ОО", "2020-2023"),
        ("20.02.2023 проведён семинар", "20.02.2023"),
        ("ежегодно", "ежегодно"),
        ("Постоянно", "Постоянно"),
        ("по графику", "по графику"),
        ("в соответствии\nс графиком\nпроведения", "в соответствии с графиком проведения"),
        ("1 раз в 3 года для каждой ОО", "1 раз в 3 года"),
        ("Август ежегодно", "Август ежегодно"),
        ("ежегодно май - август", "ежегодно май - август"),
        ("провести в срок до 15 сентября 2023 г. совещание", "в срок до 15 сентября 2023 г."),
        ("с 01.09.2023 по 30.09.2023", "с 01.09.2023 по 30.09.2023"),
        ("IV квартал 2024 года", "IV квартал 2024 года"),
        ("2023/2024 учебный год", "2023/2024 учебный год"),
        ("в мае и июне", "в мае и июне"),
    ],
)
def test_deadline_expressions_are_found_in_any_case_and_form(text: str, deadline: str) -> None:
    assert [s.text for s in find_deadlines(text)] == [deadline]


@pytest.mark.parametrize(
    "text",
    ["Ежегодный доклад о состоянии системы образования", "Летнее трудоустройство",
     "участие обучающихся 8-11 классов", "МБОУ СОШ №14", "ВПР, ДКР, ИС(И) -11"],
)
def test_words_that_only_look_like_dates_are_not_deadlines(text: str) -> None:
    assert find_deadlines(text) == []


def test_whole_deadline_cells_are_told_from_text() -> None:
    assert is_deadline_text("февраль 2024 г.")
    assert is_deadline_text("в течение 2023 года")
    assert not is_deadline_text("1 раз в 3 года для каждой образовательной организации")
    assert not is_deadline_text("Проведение семинара в сентябре")


def test_inline_deadline_ignores_years_the_sentence_is_about() -> None:
    assert find_inline_deadline("Анализ результатов ВПР за 2022 год") is None
    assert find_inline_deadline("Руководителям ОО представить отчёт в срок до 01.10.2023") == (
        "в срок до 01.10.2023"
    )


@pytest.mark.parametrize(
    "text",
    ["МОУО", "УО, ОО", "МКУ «ЦРО»", "МКУ «Центр развития муниципальных образовательных учреждений», ГМО, ОО",
     "руководители ОО", "Заместитель директора по УВР", "Классные руководители, учителя-предметники",
     "Иванова И.И.", "Управление образования", "МБОУ СОШ № 14", "педагог-психолог",
     "методист МКУ «ЦРО» Петрова А.А."],
)
def test_responsible_parties_are_recognised(text: str) -> None:
    assert looks_responsible(text)


@pytest.mark.parametrize(
    "text",
    ["руководителей ОО", "комиссий, ГМО", "ВПР", "Проведение семинара", "для каждой",
     "Аналитические записки ОО, ГМО по итогам", "- анализ признаков необъективности"],
)
def test_text_that_is_not_a_responsible_list_is_refused(text: str) -> None:
    assert not looks_responsible(text)


@pytest.mark.parametrize(
    ("sentence", "responsible"),
    [
        ("Ответственный: Петрова А.А., начальник отдела. Далее", "Петрова А.А., начальник отдела"),
        ("Руководителям ОО в срок до 15.10.2023 представить отчёт", "Руководителям ОО"),
        ("МКУ «ЦРО» (Сидорова А.А.) подготовить анализ", "МКУ «ЦРО» (Сидорова А.А.)"),
        ("Контроль за исполнением приказа возложить на заместителя начальника Управления "
         "образования Петрову А.А.", "заместителя начальника Управления образования Петрову А.А."),
        ("Утвердить план мероприятий", None),
    ],
)
def test_responsible_inside_a_sentence(sentence: str, responsible: str | None) -> None:
    assert find_inline_responsible(sentence) == responsible


def test_unnumbered_lines_with_tails_and_inline_markers_become_measures() -> None:
    lines = [
        "План мероприятий",
        "1. Проведение семинара для учителей математики — сентябрь 2023, МКУ «ЦРО»",
        "2. Совещание руководителей ОО. Срок: октябрь 2023. Ответственный: Иванова И.И.",
        "3. Анализ результатов ВПР за 2022 год",
    ]
    measures = parse_text_measures(lines)
    assert [(m.number, m.deadline, m.responsible) for m in measures] == [
        ("1", "сентябрь 2023", "МКУ «ЦРО»"),
        ("2", "октябрь 2023", "Иванова И.И."),
        ("3", None, None),
    ]
    assert measures[0].text == "Проведение семинара для учителей математики"
    assert measures[1].text == "Совещание руководителей ОО"
