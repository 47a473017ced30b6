"""Build the docxtpl templates shipped in ``templates/`` (run: python -m
mskoko.documents.render.build_templates). Kept so the templates are reproducible; a region
replaces one by putting a file of the same name into ``MSKOKO_HOME/templates/``."""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

TEMPLATES = Path(__file__).parent / "templates"
FONT = "Times New Roman"


def _base(landscape: bool) -> Document:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(3)
    for name in ("Title", "Heading 1", "Heading 2"):
        style = document.styles[name]
        style.font.name = FONT
        style.font.color.rgb = None
        style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        style.element.rPr.rFonts.set(qn("w:ascii"), FONT)
        style.element.rPr.rFonts.set(qn("w:hAnsi"), FONT)
    document.styles["Title"].font.size = Pt(16)
    document.styles["Heading 1"].font.size = Pt(14)
    document.styles["Heading 2"].font.size = Pt(13)
    section = document.sections[0]
    width, height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
    else:
        section.page_width, section.page_height = width, height
    section.left_margin = Cm(3.0 if not landscape else 2.0)
    section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2.0)
    _page_number_footer(section)
    return document


def _page_number_footer(section: object) -> None:
    """A centred PAGE field in the footer (Word shows the page number)."""
    paragraph = section.footer.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _para(document: Document, text: str, *, style: str | None = None, bold: bool = False,
          align: str | None = None, size: int | None = None) -> None:
    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run(text)
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    if align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "justify":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _table(document: Document, headings: list[str], widths: list[float]) -> object:
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    _repeat_header(header)
    for cell, text, width in zip(header.cells, headings, widths, strict=True):
        cell.width = Cm(width)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(11)
    return table


def _row(table: object, texts: list[str], *, merged: bool = False, bold: bool = False) -> None:
    row = table.add_row()  # type: ignore[attr-defined]
    cells = row.cells
    if merged:
        cells[0].merge(cells[-1])
        cells = [cells[0]]
    for cell, text in zip(cells, texts, strict=False):
        run = cell.paragraphs[0].add_run(text)
        run.font.size = Pt(11)
        run.bold = bold or None


def _loop_row(table: object, tag: str) -> None:
    _row(table, [tag])


def roadmap() -> Document:
    document = _base(landscape=True)
    _para(document, "{{ annex }}", align="right", size=11)
    _para(document, "Дорожная карта (план мероприятий)", style="Title", align="center")
    _para(document, "{{ subtitle }}", align="center", bold=True)
    _para(document, "Муниципальное образование: {{ municipality_name }}")
    _para(document, "{%p if specifics %}")
    _para(document, "Специфика муниципалитета: {{ specifics }}", align="justify")
    _para(document, "{%p endif %}")
    _para(document, "{%p for t in tracks %}")
    _para(document, "{%p if t.system %}")
    _para(document, "{{ t.system }}", style="Heading 1")
    _para(document, "{%p endif %}")
    _para(document, "Трек {{ t.id }}. {{ t.title }}", style="Heading 2")
    _para(document, "Цель: {{ t.goal }}", bold=True)
    _para(document, "{%p if t.indicators %}")
    _para(document, "Показатели достижения цели:")
    _para(document, "{%p for i in t.indicators %}")
    _para(document, "– {{ i }}")
    _para(document, "{%p endfor %}")
    _para(document, "{%p endif %}")
    _para(document, "{%p if t.measures %}")
    table = _table(document, [
        "№", "Задача/действие", "Мера/мероприятие", "Сроки", "Ответственные исполнители",
        "Результаты/показатели", "Региональный документ, мера",
    ], [1.2, 3.6, 5.0, 2.6, 3.8, 4.0, 5.4])
    _loop_row(table, "{%tr for m in t.measures %}")
    _row(table, ["{{ m.number }}", "{{ m.task }}", "{{ m.text }}", "{{ m.deadline }}",
                 "{{ m.responsible }}", "{{ m.result }}", "{{ m.regional }}"])
    _loop_row(table, "{%tr endfor %}")
    _para(document, "{%p endif %}")
    _para(document, "{%p endfor %}")
    return document


def event_plan() -> Document:
    document = _base(landscape=True)
    _para(document, "План проведения мероприятия", style="Title", align="center")
    _para(document, "«{{ title }}»", align="center", bold=True)
    _para(document, "{{ context_line }}")
    _para(document, "{%p if basis %}")
    _para(document, "Основание: {{ basis }}", align="justify")
    _para(document, "{%p endif %}")
    _para(document, "{%p if specifics %}")
    _para(document, "Учёт специфики муниципалитета: {{ specifics }}", align="justify")
    _para(document, "{%p endif %}")
    table = _table(document, ["№ п/п", "Мероприятия", "Сроки", "Ответственные"],
                   [1.6, 12.0, 4.6, 6.6])
    _loop_row(table, "{%tr for s in stages %}")
    _row(table, ["{{ s.title }}"], merged=True, bold=True)
    _loop_row(table, "{%tr for step in s.steps %}")
    _row(table, ["{{ step.number }}", "{{ step.text }}", "{{ step.deadline }}",
                 "{{ step.responsible }}"])
    _loop_row(table, "{%tr endfor %}")
    _loop_row(table, "{%tr endfor %}")
    _para(document, "{%p if result %}")
    _para(document, "Ожидаемый результат: {{ result }}", align="justify")
    _para(document, "{%p endif %}")
    return document


def order() -> Document:
    document = _base(landscape=False)
    _para(document, "{{ authority }}", align="center", bold=True)
    _para(document, "ПРИКАЗ", align="center", bold=True, size=14)
    _para(document, "№ ___ от «___» ____________ {{ year }} г.", align="center")
    _para(document, "{{ title }}", align="center", bold=True)
    _para(document, "{{ preamble }}", align="justify")
    _para(document, "ПРИКАЗЫВАЮ:", bold=True)
    _para(document, "{%p for p in points %}")
    _para(document, "{{ p }}", align="justify")
    _para(document, "{%p endfor %}")
    _para(document, "")
    _para(document, "{{ signature }}")
    return document


def effectiveness() -> Document:
    document = _base(landscape=True)
    _para(document, "Заключение об эффективности принятых муниципальных мер в рамках "
          "реализации регионального управленческого цикла", style="Title", align="center")
    _para(document, "Муниципальное образование: {{ municipality_name }}, {{ year }} год")
    table = _table(document, ["№", "Меры/мероприятия/управленческие решения",
                              "Сроки проведения", "Заключение об эффективности принятых мер"],
                   [1.4, 8.5, 3.6, 11.5])
    _loop_row(table, "{%tr for t in tracks %}")
    _row(table, ["Трек {{ t.id }}. {{ t.title }}"], merged=True, bold=True)
    _loop_row(table, "{%tr for r in t.rows %}")
    _row(table, ["{{ r.number }}", "{{ r.text }}", "{{ r.dates }}", "{{ r.conclusion }}"])
    _loop_row(table, "{%tr endfor %}")
    _loop_row(table, "{%tr endfor %}")
    _para(document, "{%p if summary %}")
    _para(document, "{{ summary }}", align="justify")
    _para(document, "{%p endif %}")
    return document


BUILDERS = {
    "roadmap.docx": roadmap,
    "event_plan.docx": event_plan,
    "order.docx": order,
    "effectiveness.docx": effectiveness,
}


def build(target: Path = TEMPLATES) -> list[Path]:
    """Write every template into ``target``; return the paths."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, builder in BUILDERS.items():
        path = target / name
        builder().save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATES):
        sys.stdout.write(f"{written_path}\n")
