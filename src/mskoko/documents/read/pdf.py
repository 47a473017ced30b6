"""PDF: text lines outside tables and ruled tables, in page order (pdfplumber); scans are refused."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mskoko.documents.model import Block, Paragraph, ParsedDocument, Row, Table
from mskoko.documents.morph import join_broken_lines
from mskoko.errors import MskokoError

SCAN_MESSAGE = (
    "похоже, это скан без текстового слоя: распознайте текст (OCR) или загрузите DOCX"
)
# Running page numbers («- 3 -», «3») between two parts of one table do not separate them.
_PAGE_NUMBER = re.compile(r"^[\s\-–—]*\d{1,3}[\s\-–—]*$")


def read_pdf(path: Path) -> ParsedDocument:
    """Read a text PDF; a PDF without a text layer raises MskokoError with the OCR hint."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    blocks: list[Block] = []
    chars = 0
    try:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                chars += sum(1 for c in page.chars if c.get("text", "").strip())
                blocks.extend(_read_page(page))
    except (PDFSyntaxError, ValueError, KeyError, OSError) as error:
        raise MskokoError(f"файл {path.name} не удалось прочитать как PDF ({error})") from error
    except Exception as error:  # pdfminer raises assorted errors on broken files
        if type(error).__module__.startswith(("pdfminer", "pdfplumber", "pypdfium2")):
            raise MskokoError(f"файл {path.name} не удалось прочитать как PDF ({error})") from error
        raise
    if chars == 0:
        raise MskokoError(f"файл {path.name}: {SCAN_MESSAGE}")
    return ParsedDocument(name=path.name, format="pdf", blocks=_join_split_tables(blocks))


def _read_page(page: Any) -> list[Block]:
    found = page.find_tables()
    boxes = [t.bbox for t in found]

    def outside_tables(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    placed: list[tuple[float, Block]] = []
    for line in page.filter(outside_tables).extract_text_lines(return_chars=False):
        text = line["text"].strip()
        if text:
            placed.append((line["top"], Paragraph(text=text)))
    for table in found:
        rows = [_row(cells) for cells in table.extract()]
        rows = [r for r in rows if any(r.cells)]
        if rows:
            placed.append((table.bbox[1], Table(rows=rows)))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def _row(cells: list[str | None]) -> Row:
    texts = [join_broken_lines((c or "").split("\n")) for c in cells]
    # pdfplumber gives None for grid columns covered by a merged cell.
    covered = [c is None for c in cells]
    section = len(cells) > 1 and bool(texts[0]) and all(covered[1:])
    return Row(cells=texts, section=section, merged_above=[False] * len(cells))


def _join_split_tables(blocks: list[Block]) -> list[Block]:
    """Glue a table continued on the next page (same width) and drop its repeated header."""
    joined: list[Block] = []
    for block in blocks:
        if isinstance(block, Table):
            # skip page numbers sitting between two parts of the same table
            back = len(joined) - 1
            while back >= 0 and isinstance(joined[back], Paragraph) and _PAGE_NUMBER.match(
                joined[back].text  # type: ignore[union-attr]
            ):
                back -= 1
            previous = joined[back] if back >= 0 else None
            if isinstance(previous, Table) and previous.width == block.width:
                rows = block.rows
                if rows and previous.rows and rows[0].cells == previous.rows[0].cells:
                    rows = rows[1:]
                previous.rows.extend(rows)
                del joined[back + 1 :]
                continue
        joined.append(block)
    return joined
