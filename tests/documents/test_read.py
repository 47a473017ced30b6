"""Reading DOCX, PDF, TXT/MD: structure kept, encodings detected, unreadable input refused in Russian."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from mskoko.documents.model import Paragraph, Table
from mskoko.documents.read import read_document
from mskoko.errors import MskokoError

from .conftest import DATA


def test_docx_keeps_headings_paragraphs_and_merged_section_rows(built: dict[str, Path]) -> None:
    document = read_document(built["roadmap_complete.docx"])
    assert document.format == "docx"
    heading = document.paragraphs[0]
    assert heading.level == 1 and heading.text.startswith("Дорожная карта по обеспечению")
    table = document.tables[0]
    assert table.rows[0].cells[:3] == ["№ п/п", "Задача/действие", "Мера/мероприятие"]
    sections = [r for r in table.rows if r.section]
    assert [r.text[:7] for r in sections] == ["Трек 1.", "Цель: с"]
    # a merged section row holds its text once, not once per grid column
    assert sections[0].cells.count(sections[0].text) == 1


def test_docx_vertically_merged_task_is_marked_as_merged(built: dict[str, Path]) -> None:
    table = read_document(built["roadmap_complete.docx"]).tables[0]
    second = next(r for r in table.rows if r.cells[0] == "2")
    assert second.merged_above[1] is True
    assert second.cells[1] == "Обеспечить объективность проведения ВПР"


def test_pdf_reads_text_and_a_table_split_over_pages(built: dict[str, Path]) -> None:
    document = read_document(built["serov.pdf"])
    assert document.format == "pdf"
    assert isinstance(document.blocks[0], Paragraph)
    assert "Дорожная карта" in document.blocks[0].text
    tables = document.tables
    assert len(tables) == 1  # the page parts were glued and repeated headings dropped
    assert sum(1 for r in tables[0].rows if r.cells[0] == "№ п/п") == 1
    assert sum(1 for r in tables[0].rows if r.section) == 9


def test_scan_without_text_layer_is_refused_with_the_ocr_hint(built: dict[str, Path]) -> None:
    with pytest.raises(MskokoError) as error:
        read_document(built["scan.pdf"])
    message = str(error.value)
    assert "scan.pdf" in message
    assert "похоже, это скан без текстового слоя: распознайте текст (OCR) или загрузите DOCX" in message


def test_windows_1251_text_is_decoded() -> None:
    raw = (DATA / "order_without_decisions.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    document = read_document(DATA / "order_without_decisions.txt")
    assert any("Всероссийские проверочные работы" in line for line in document.text_lines())
    assert document.text_lines()[1] == "ПРИКАЗ"


def test_markdown_headings_and_pipe_tables_are_read() -> None:
    document = read_document(DATA / "roadmap_missing_deadlines.md")
    assert document.paragraphs[0].level == 1
    table = document.tables[0]
    assert isinstance(table, Table)
    assert table.rows[0].cells == ["№ п/п", "Мероприятие", "Сроки", "Ответственные",
                                   "Результаты/показатели"]
    assert table.rows[1].section is True
    assert len(table.rows) == 8  # heading, section, six measures; the |---| rule is skipped


def test_utf8_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes("\ufeffДорожная карта\n1. Семинар сентябрь 2023 МОУО\n".encode())
    assert read_document(path).text_lines()[0] == "Дорожная карта"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("plan.xlsx", b"PK", "неизвестный формат «.xlsx»"),
        ("plan", b"text", "неизвестный формат «без расширения»"),
        ("plan.doc", b"\xd0\xcf", "старый формат Word (.doc)"),
        ("plan.docx", b"not a zip", "не удалось прочитать как DOCX"),
        ("plan.pdf", b"not a pdf", "не удалось прочитать как PDF"),
        ("plan.txt", b"\n  \n", "пуст"),
    ],
)
def test_unreadable_input_is_refused_in_russian(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(MskokoError, match=re.escape(expected)):
        read_document(path)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(MskokoError, match="не найден"):
        read_document(tmp_path / "нет.docx")


def test_docx_paragraph_with_line_breaks_is_split_into_lines(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("1. Семинар для педагогов")
    paragraph.add_run().add_break()
    paragraph.add_run("сентябрь 2023 МОУО")
    document.save(str(tmp_path / "plan.docx"))
    lines = read_document(tmp_path / "plan.docx").text_lines()
    assert lines == ["1. Семинар для педагогов", "сентябрь 2023 МОУО"]
