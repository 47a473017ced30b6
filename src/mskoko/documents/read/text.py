"""TXT and Markdown: encoding detected (UTF-8 or Windows-1251), lines kept, Markdown tables read."""

from __future__ import annotations

import re
from pathlib import Path

from mskoko.documents.model import Block, Paragraph, ParsedDocument, Row, Table
from mskoko.errors import MskokoError

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def decode(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (with or without BOM) or, failing that, the detected encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1251", "koi8_r", "cp866", "utf_16"]).best()
    if best is None:
        best = from_bytes(data).best()
    if best is None:
        raise MskokoError(
            f"файл {name}: не удалось определить кодировку текста; "
            "сохраните его в UTF-8 или Windows-1251"
        )
    return str(best)


def read_text(path: Path) -> ParsedDocument:
    """Read .txt/.md: every non-empty line a paragraph; Markdown headings and pipe tables kept."""
    text = decode(path.read_bytes(), path.name).replace("\r\n", "\n").replace("\r", "\n")
    markdown = path.suffix.lower() in (".md", ".markdown")
    blocks: list[Block] = []
    table: Table | None = None
    gap = False
    for line in text.split("\n"):
        stripped = line.strip()
        if markdown and stripped.startswith("|") and stripped.count("|") >= 2:
            if _MD_RULE.match(stripped):
                continue
            if table is None:
                table = Table()
                blocks.append(table)
            table.rows.append(_markdown_row(stripped))
            continue
        table = None
        if not stripped:
            gap = True
            continue
        heading = _MD_HEADING.match(stripped) if markdown else None
        if heading:
            blocks.append(Paragraph(text=heading.group(2), level=len(heading.group(1)), gap_before=gap))
        else:
            # the line itself is kept intact: layout-lost text is read line by line
            blocks.append(Paragraph(text=line.rstrip(), gap_before=gap))
        gap = False
    if not blocks:
        raise MskokoError(f"файл {path.name} пуст: в нём нет текста")
    return ParsedDocument(name=path.name, format="text", blocks=blocks)


def _markdown_row(line: str) -> Row:
    cells = [" ".join(c.split()) for c in line.strip().strip("|").split("|")]
    filled = [c for c in cells if c]
    # a Markdown section row is written with the text in the first cell only
    section = len(cells) > 1 and len(filled) == 1 and bool(re.search(r"[^\W\d_]{3}", cells[0]))
    return Row(cells=cells, section=section, merged_above=[False] * len(cells))
