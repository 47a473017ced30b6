"""Test documents built as real DOCX and PDF files (python-docx, fpdf2 with a Cyrillic font)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.document import Document
from fpdf import FPDF

from mskoko.documents.model import Measure

ROADMAP_HEADERS = ("№ п/п", "Мероприятие (содержание деятельности)", "Сроки", "Ответственные")


def _font(bold: bool = False) -> str:
    import matplotlib

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return os.path.join(os.path.dirname(matplotlib.__file__), "mpl-data", "fonts", "ttf", name)


def _section_row(table: object, text: str) -> None:
    row = table.add_row()  # type: ignore[attr-defined]
    merged = row.cells[0].merge(row.cells[-1])
    merged.text = text


def _add_table(document: Document, headers: Sequence[str]) -> object:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
    return table


def serov_docx(path: Path, measures: list[Measure]) -> Path:
    """Seed 003 as an ordinary Word table: merged section rows; long measures continued on a
    second row with an empty number cell; runs of equal responsible cells merged vertically."""
    document = docx.Document()
    document.add_paragraph("Приложение 2 к распоряжению ООА СГО Управление образования")
    document.add_heading("Дорожная карта", level=1)
    document.add_paragraph(
        "по развитию муниципальной системы оценки качества образования и муниципальных "
        "механизмов управления качеством образования на территории Серовского городского "
        "округа на 2020-2023 годы"
    )
    table = _add_table(document, ROADMAP_HEADERS)
    section = None
    previous_cell = None
    for measure in measures:
        if measure.section != section:
            section = measure.section
            _section_row(table, section or "")
            previous_cell = None
        row = table.add_row()  # type: ignore[attr-defined]
        words = measure.text.split()
        long = len(words) > 40
        head = " ".join(words[: len(words) // 2]) if long else measure.text
        row.cells[0].text = measure.number or ""
        row.cells[1].text = head
        row.cells[2].text = measure.deadline or ""
        # the same responsible in consecutive rows is one vertically merged cell in many files
        if previous_cell is not None and previous_cell.text == (measure.responsible or ""):
            previous_cell.merge(row.cells[3])
        else:
            row.cells[3].text = measure.responsible or ""
            previous_cell = row.cells[3]
        if long:
            continuation = table.add_row()  # type: ignore[attr-defined]
            continuation.cells[1].text = " ".join(words[len(words) // 2 :])
            previous_cell = None
    document.save(str(path))
    return path


def serov_pdf(path: Path, measures: list[Measure]) -> Path:
    """Seed 003 as a ruled PDF table spanning several pages (headings repeated on each page)."""
    pdf = FPDF(orientation="L")
    pdf.add_font("DejaVu", "", _font())
    pdf.add_font("DejaVu", "B", _font(bold=True))
    pdf.set_font("DejaVu", size=8)
    pdf.add_page()
    pdf.multi_cell(
        0, 6,
        "Дорожная карта по развитию муниципальной системы оценки качества образования "
        "Серовского городского округа на 2020-2023 годы",
        new_x="LMARGIN", new_y="NEXT",
    )
    with pdf.table(col_widths=(12, 150, 40, 60), first_row_as_headings=True) as table:
        row = table.row()
        for header in ROADMAP_HEADERS:
            row.cell(header)
        section = None
        for measure in measures:
            if measure.section != section:
                section = measure.section
                table.row().cell(section or "", colspan=4)
            row = table.row()
            for value in (measure.number, measure.text, measure.deadline, measure.responsible):
                row.cell(value or "")
    pdf.output(str(path))
    return path


def text_pdf(path: Path, lines: Sequence[str]) -> Path:
    """A PDF of plain lines (a text layer without any ruled table), landscape so lines stay whole."""
    pdf = FPDF(orientation="L")
    pdf.add_font("DejaVu", "", _font())
    pdf.set_font("DejaVu", size=8)
    pdf.add_page()
    for line in lines:
        pdf.multi_cell(0, 4, line.strip() or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def scan_pdf(path: Path) -> Path:
    """A «scan»: pages with drawings only, no text layer."""
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.set_fill_color(200, 200, 200)
        for y in range(20, 260, 12):
            pdf.rect(20, y, 170, 6, style="F")
    pdf.output(str(path))
    return path


COMPLETE_ROADMAP_HEADERS = (
    "№ п/п", "Задача/действие", "Мера/мероприятие", "Сроки", "Ответственные исполнители",
    "Результаты/показатели", "Региональный документ/мера",
)
COMPLETE_ROADMAP_ROWS = (
    ("1", "Обеспечить объективность проведения ВПР",
     "Организация видеонаблюдения в пунктах проведения ВПР в 5 сельских ОО", "март–май 2024",
     "МКУ «ЦРО», руководители ОО", "Видеонаблюдение в 100 % аудиторий",
     "Приказ № 01/1836, мера «Организация видеонаблюдения в пунктах проведения оценочных процедур»"),
    ("2", "", "Привлечение родителей в качестве независимых наблюдателей при проведении ВПР",
     "по графику проведения ВПР", "Управление образования, руководители ОО",
     "Не менее 2 наблюдателей на каждую ОО",
     "Приказ № 01/1836, мера «Привлечение в качестве независимых наблюдателей участников "
     "образовательных отношений»"),
    ("3", "Повысить компетентность педагогов в оценивании",
     "Семинар для педагогов по преодолению рисков получения необъективных результатов",
     "20.02.2024", "МКУ «ЦРО»", "60 педагогов из 18 ОО прошли семинар",
     "Приказ № 01/1836, мера «Семинары с педагогами по преодолению рисков получения "
     "необъективных результатов»"),
    ("", "", "(в том числе для учителей трёх ОО с признаками необъективности)", "", "", "", ""),
    ("4", "Организовать перепроверку работ",
     "Перепроверка работ ВПР по математике в 3 ОО с признаками необъективности с привлечением "
     "внешних экспертов", "апрель 2024", "Муниципальная предметная комиссия",
     "Доля подтверждённых отметок — не менее 90 %",
     "Приказ № 01/1836, мера «Организация проверки/перепроверки ВПР, РИКО в образовательной "
     "организации с привлечением внешних экспертов»"),
    ("5", "Сформировать позитивное отношение к объективной оценке",
     "Разъяснительная работа с руководителями ОО по вопросам повышения объективности оценки "
     "образовательных результатов (совещание)", "сентябрь 2023",
     "Начальник Управления образования", "Протокол совещания; 18 руководителей ОО",
     "Приказ № 01/1339, мера «Разъяснительная работа с руководителями ОО»"),
)


def complete_roadmap_docx(path: Path, *, responsible: bool = True) -> Path:
    """A roadmap with every element (seed 000 form); ``responsible=False`` drops that column."""
    document = docx.Document()
    document.add_heading(
        "Дорожная карта по обеспечению объективности оценки качества подготовки обучающихся "
        "в Энском муниципальном районе на 2023/2024 учебный год", level=1,
    )
    document.add_paragraph(
        "Специфика муниципалитета: в районе 18 общеобразовательных организаций, из них 12 "
        "сельских и 5 малокомплектных; в 3 ОО по итогам ВПР 2022 года выявлены признаки "
        "необъективности результатов. Меры детализированы с учётом особенностей сельских школ."
    )
    document.add_paragraph(
        "Основание: приказ Министерства образования и науки Челябинской области от 31.08.2020 г. "
        "№ 01/1836 «Об утверждении методики обеспечения объективности процедур оценки качества "
        "образования в системе образования Челябинской области»."
    )
    headers = [h for h in COMPLETE_ROADMAP_HEADERS if responsible or h != "Ответственные исполнители"]
    table = _add_table(document, headers)
    _section_row(table, "Трек 1. Объективность оценки качества подготовки обучающихся")
    _section_row(
        table,
        "Цель: создание необходимых условий для объективной оценки качества подготовки "
        "обучающихся. Показатель: доля ОО с признаками необъективных результатов ВПР — не более 5 %.",
    )
    task_cell = None
    for values in COMPLETE_ROADMAP_ROWS:
        cells = [v for h, v in zip(COMPLETE_ROADMAP_HEADERS, values, strict=True)
                 if responsible or h != "Ответственные исполнители"]
        row = table.add_row()  # type: ignore[attr-defined]
        for index, value in enumerate(cells):
            if index == 1 and not value and task_cell is not None and values[0]:
                task_cell = task_cell.merge(row.cells[1])  # one task, several measures
                continue
            row.cells[index].text = value
        if values[1]:
            task_cell = row.cells[1]
    document.save(str(path))
    return path


def ranking_report_docx(path: Path) -> Path:
    """An analytical report that ranks schools by the average VPR mark (penalised)."""
    document = docx.Document()
    document.add_heading("Аналитическая справка по результатам ВПР 2023 года", level=1)
    document.add_paragraph(
        "В Энском муниципальном районе 18 общеобразовательных организаций, из них 12 сельских."
    )
    document.add_paragraph(
        "Средний балл по району по математике в 5 классах составил 3,6, что выше, чем в 2022 году "
        "(3,4). Качество знаний составило 52 %, успеваемость — 91 %."
    )
    document.add_paragraph("Ниже приведён рейтинг ОО по среднему баллу ВПР по математике.")
    table = _add_table(document, ("Место", "ОО", "Средний балл"))
    for place, (school, mean) in enumerate(
        (("МАОУ «Лицей № 1»", "4,3"), ("МБОУ «СОШ № 2»", "3,9"), ("МБОУ «СОШ № 7»", "3,6"),
         ("МКОУ «ООШ № 9»", "3,1")), start=1,
    ):
        row = table.add_row()  # type: ignore[attr-defined]
        for cell, value in zip(row.cells, (str(place), school, mean), strict=True):
            cell.text = value
    document.add_paragraph(
        "По итогам анализа школам с низким средним баллом рекомендуется усилить подготовку к ВПР."
    )
    document.save(str(path))
    return path


def event_plan_docx(path: Path) -> Path:
    """An event plan by stages (seed 000 form), each stage with its dates."""
    document = docx.Document()
    document.add_heading(
        "План проведения мероприятия «Муниципальный семинар по преодолению рисков получения "
        "необъективных результатов»", level=1,
    )
    document.add_paragraph(
        "Основание: приказ Министерства образования и науки Челябинской области от 31.08.2020 г. "
        "№ 01/1836, региональная мера «Семинары с педагогами по преодолению рисков получения "
        "необъективных результатов». Семинар проводится для учителей 12 сельских школ Энского "
        "муниципального района, в трёх из которых выявлены признаки необъективности."
    )
    table = _add_table(document, ("№ п/п", "Мероприятия", "Сроки", "Ответственные"))
    stages = (
        ("Подготовительный этап (с 01.02.2024 по 10.02.2024)", (
            ("1.1", "Сбор заявок от ОО на участие в семинаре", "01.02.2024–05.02.2024", "МКУ «ЦРО»"),
            ("1.2", "Подготовка программы семинара", "до 10.02.2024", "Методист МКУ «ЦРО» Петрова А.А."),
        )),
        ("Деятельностный этап (с 11.02.2024 по 20.02.2024)", (
            ("2.1", "Проведение семинара для 60 педагогов", "20.02.2024", "МКУ «ЦРО», руководители ОО"),
        )),
        ("Аналитический этап (с 21.02.2024 по 01.03.2024)", (
            ("3.1", "Анкетирование участников и анализ результатов семинара", "до 01.03.2024",
             "МКУ «ЦРО»"),
        )),
    )
    for stage, rows in stages:
        _section_row(table, stage)
        for values in rows:
            row = table.add_row()  # type: ignore[attr-defined]
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    document.save(str(path))
    return path
