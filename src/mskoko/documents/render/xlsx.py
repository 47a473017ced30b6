"""The roadmap as an XLSX sheet (openpyxl): header frozen, columns wrapped, a track column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mskoko.cycle.model import MunicipalCycle
from mskoko.documents.render.context import measure_row

COLUMNS = (
    ("Трек", 10), ("№", 6), ("Задача/действие", 30), ("Мера/мероприятие", 50), ("Сроки", 20),
    ("Ответственные исполнители", 30), ("Результаты/показатели", 35),
    ("Региональный документ, мера", 60),
)


def write_roadmap_xlsx(cycle: MunicipalCycle, rulebook: Any, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Дорожная карта"
    sheet.append([title for title, _ in COLUMNS])
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.cell(row=1, column=index).font = Font(bold=True)
    for track, measure in cycle.measures():
        row = measure_row(measure, rulebook)
        sheet.append([track.track_id, row["number"], row["task"], row["text"], row["deadline"],
                      row["responsible"], row["result"], row["regional"]])
    for line in sheet.iter_rows(min_row=1):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(path))
    return path
