"""DOCX: paragraphs with heading levels and tables with merged cells resolved (python-docx)."""

from __future__ import annotations

import re
from pathlib import Path

from mskoko.documents.model import Block, Paragraph, ParsedDocument, Row, Table
from mskoko.errors import MskokoError

_HEADING = re.compile(r"^(?:heading|заголовок)\s*(\d)$", re.IGNORECASE)


def read_docx(path: Path) -> ParsedDocument:
    """Read a .docx into ordered paragraphs and tables; refuse a file that is not a DOCX."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table as DocxTable

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise MskokoError(
            f"файл {path.name} не удалось прочитать как DOCX ({error}); "
            "сохраните его в Word как «Документ Word (.docx)» и повторите"
        ) from error

    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            table = _read_table(item)
            if table.rows:
                blocks.append(table)
        else:
            text = item.text.strip()
            if text:
                blocks.append(Paragraph(text=text, level=_heading_level(item)))
    return ParsedDocument(name=path.name, format="docx", blocks=blocks)


def _heading_level(paragraph: object) -> int | None:
    style = getattr(paragraph, "style", None)
    name = (getattr(style, "name", "") or "").strip()
    if name.lower() in ("title", "название"):
        return 0
    match = _HEADING.match(name)
    return int(match.group(1)) if match else None


def _read_table(table: object) -> Table:
    rows: list[Row] = []
    previous_tcs: list[object] = []
    for docx_row in table.rows:  # type: ignore[attr-defined]
        cells = list(docx_row.cells)
        tcs = [cell._tc for cell in cells]
        texts: list[str] = []
        for index, cell in enumerate(cells):
            # A horizontally merged cell repeats at every grid column it covers: keep it once.
            repeated = index > 0 and tcs[index] is tcs[index - 1]
            texts.append("" if repeated else " ".join(cell.text.split()))
        distinct = {id(tc) for tc in tcs}
        section = len(distinct) == 1 and len(cells) > 1 and bool(texts[0])
        merged_above = [
            index < len(previous_tcs) and tc is previous_tcs[index] for index, tc in enumerate(tcs)
        ]
        if any(texts):
            rows.append(Row(cells=texts, section=section, merged_above=merged_above))
        previous_tcs = tcs
    return Table(rows=rows)
