"""python-docx helpers for a Russian official document: styles, captions, tables, page numbers."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"


class ReportDocument:
    """A document with numbered figures and tables (captions as GOST 7.32 shows them)."""

    def __init__(self) -> None:
        self.doc = Document()
        self.figures = 0
        self.tables = 0
        self._styles()
        self._page()

    def _styles(self) -> None:
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(12)
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        normal.paragraph_format.space_after = Pt(4)
        normal.paragraph_format.line_spacing = 1.15
        for level, size in ((1, 14), (2, 13), (3, 12)):
            style = self.doc.styles[f"Heading {level}"]
            style.font.name = FONT
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.color.rgb = None
            style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
            style.paragraph_format.space_before = Pt(12 if level == 1 else 8)
            style.paragraph_format.space_after = Pt(6)

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
        section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(footer)

    def title(self, text: str, subtitle: str) -> None:
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold = True
        run.font.size = Pt(15)
        s = self.doc.add_paragraph(subtitle)
        s.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.add_heading(text, level=level)

    def para(self, text: str, *, bold_lead: str | None = None) -> Paragraph:
        p = self.doc.add_paragraph()
        p.paragraph_format.first_line_indent = Cm(1.25)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if bold_lead:
            p.add_run(bold_lead).bold = True
        p.add_run(text)
        return p

    def bullets(self, items: Sequence[str]) -> None:
        for item in items:
            p = self.doc.add_paragraph(style="List Bullet")
            p.add_run(item)

    def figure(self, png: bytes, caption: str, width_cm: float = 16.0) -> None:
        self.figures += 1
        self.doc.add_picture(BytesIO(png), width=Cm(width_cm))
        self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        p = self.doc.add_paragraph(f"Рисунок {self.figures} — {caption}")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.runs[0].italic = True

    def table(self, caption: str, header: Sequence[str], rows: Sequence[Sequence[str]],
              widths_cm: Sequence[float] | None = None) -> None:
        self.tables += 1
        p = self.doc.add_paragraph(f"Таблица {self.tables} — {caption}")
        p.paragraph_format.keep_with_next = True
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
            run.font.size = Pt(10)
        _repeat_header(table.rows[0])
        for values in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(str(text)).font.size = Pt(10)
        if widths_cm:
            for row in table.rows:
                for cell, width in zip(row.cells, widths_cm, strict=True):
                    cell.width = Cm(width)
        self.doc.add_paragraph()

    def save(self, path: str) -> None:
        self.doc.core_properties.title = "Аналитическая справка"
        self.doc.core_properties.language = "ru-RU"
        self.doc.save(path)


def _page_field(paragraph: Paragraph) -> None:
    """A PAGE field: Word shows the current page number."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _repeat_header(row: object) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
