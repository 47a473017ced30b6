"""Measures from tables: columns recognised by their headings, section and continuation rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mskoko.documents.extract.citations import find_citations
from mskoko.documents.extract.deadlines import find_inline_deadline
from mskoko.documents.extract.responsible import find_inline_responsible
from mskoko.documents.model import Measure, Row, Table
from mskoko.documents.morph import lemmas

# Column roles by the lemmas of their heading, most specific first
# («Заключение об эффективности принятых мер» is a conclusion, not a measure column).
_ROLE_LEMMAS: tuple[tuple[str, frozenset[str]], ...] = (
    ("regional", frozenset({"региональный", "основание", "ссылка"})),
    ("conclusion", frozenset({"заключение", "эффективность", "выполнение", "отметка"})),
    ("result", frozenset({"результат", "показатель", "индикатор", "продукт"})),
    ("responsible", frozenset({"ответственный", "исполнитель", "ответственность", "участник"})),
    ("deadline", frozenset({"срок", "дата", "период", "время"})),
    ("task", frozenset({"задача", "действие", "направление"})),
    ("text", frozenset({"мероприятие", "мера", "содержание", "решение", "наименование",
                        "деятельность", "работа", "вид"})),
)
_NUMBER_HEADING = re.compile(r"^(?:№|n|no|номер)?\s*(?:п\s*/\s*п|№)?\.?$", re.IGNORECASE)
_NUMBER_VALUE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s*$")
_GOAL = re.compile(r"^\s*(?:цель|цели|задача)\s*[:.–—-]", re.IGNORECASE)


@dataclass(frozen=True)
class MeasureTable:
    table: Table
    header_row: int
    roles: dict[str, int]  # role -> column index


def column_roles(cells: list[str]) -> dict[str, int]:
    """Map each recognised heading to its role; the first column of a role wins."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = cell.strip()
        if not text:
            continue
        role = None
        if "№" in text or re.search(r"п\s*/\s*п", text) or _NUMBER_HEADING.match(text):
            role = "number"
        else:
            words = set(lemmas(text))
            role = next((name for name, marks in _ROLE_LEMMAS if words & marks), None)
        if role and role not in roles:
            roles[role] = index
    if "text" not in roles and "task" in roles:
        roles["text"] = roles.pop("task")
    return roles


def find_measure_table(table: Table) -> MeasureTable | None:
    """A table is a measures table when a measure column and a deadline/responsible/result one exist."""
    best: MeasureTable | None = None
    for index, row in enumerate(table.rows[:4]):
        if row.section:
            continue
        roles = column_roles(row.cells)
        useful = {"deadline", "responsible", "result", "conclusion", "regional"} & set(roles)
        if "text" in roles and useful and (best is None or len(roles) > len(best.roles)):
            best = MeasureTable(table=table, header_row=index, roles=roles)
    return best


def _cell(row: Row, roles: dict[str, int], role: str) -> str:
    index = roles.get(role)
    if index is None or index >= len(row.cells):
        return ""
    return row.cells[index].strip()


def _fresh(row: Row, roles: dict[str, int], role: str) -> str:
    """A cell's text unless it is the lower part of a vertically merged cell."""
    index = roles.get(role)
    if index is None or index >= len(row.cells):
        return ""
    if index < len(row.merged_above) and row.merged_above[index]:
        return ""
    return row.cells[index].strip()


_FIELDS = {
    "deadline": "deadline", "responsible": "responsible", "result": "result",
    "regional": "regional_reference", "conclusion": "conclusion", "text": "text",
}


def table_measures(found: MeasureTable) -> tuple[list[Measure], list[str]]:
    """Measures of a measures table and the section/goal rows met on the way (in order)."""
    roles = found.roles
    header = found.table.rows[found.header_row].cells
    measures: list[Measure] = []
    headings: list[str] = []
    section: str | None = None
    task: str | None = None
    for row in found.table.rows[found.header_row + 1 :]:
        filled = [c for c in row.cells if c.strip()]
        if not filled or row.cells == header or all(re.fullmatch(r"\d{1,2}\.?", c) for c in filled):
            continue  # an empty row, a repeated heading, or the «1 2 3 4 5» column-number row
        if row.section or _is_section_row(row, roles):
            title = filled[0]
            headings.append(title)
            if not _GOAL.match(title):
                section, task = title, None
            continue
        number_cell = _cell(row, roles, "number")
        number_merged = (
            "number" in roles and roles["number"] < len(row.merged_above)
            and row.merged_above[roles["number"]]
        )
        if measures and "number" in roles and (not number_cell or number_merged):
            _continue(measures[-1], row, roles)
            continue
        task_cell = _fresh(row, roles, "task")
        text = _cell(row, roles, "text")
        if task_cell and not text and not any(
            _cell(row, roles, r) for r in ("deadline", "responsible", "result")
        ):
            task = task_cell
            continue
        if task_cell:
            task = task_cell
        if not text and not number_cell:
            continue
        number = _NUMBER_VALUE.match(number_cell)
        measures.append(Measure(
            number=number.group(1) if number else (number_cell or None),
            text=text,
            deadline=_cell(row, roles, "deadline") or None,
            responsible=_cell(row, roles, "responsible") or None,
            result=_cell(row, roles, "result") or None,
            regional_reference=_cell(row, roles, "regional") or None,
            conclusion=_cell(row, roles, "conclusion") or None,
            section=section,
            task=task if "task" in roles else None,
        ))
    for measure in measures:
        complete_inline(measure)
    return measures, headings


def _is_section_row(row: Row, roles: dict[str, int]) -> bool:
    filled = [i for i, c in enumerate(row.cells) if c.strip()]
    if len(filled) != 1 or len(row.cells) < 2:
        return False
    index = filled[0]
    text = row.cells[index]
    if not re.search(r"[^\W\d_]{3}", text):
        return False
    # Only the measure column filled, with a number column present: a continuation, not a section.
    if index == roles.get("text") and "number" in roles:
        return bool(re.match(r"^\s*(?:трек|цель|задача|направление|раздел|система|этап)", text, re.I)) \
            or bool(re.search(r"этап", text, re.I))
    return index in (roles.get("number"), roles.get("task"), 0)


def _continue(measure: Measure, row: Row, roles: dict[str, int]) -> None:
    """Join a continuation row (empty number cell) to the previous measure."""
    for role, attribute in _FIELDS.items():
        piece = _fresh(row, roles, role)
        if not piece:
            continue
        current = getattr(measure, attribute)
        setattr(measure, attribute, f"{current} {piece}".strip() if current else piece)


def complete_inline(measure: Measure) -> None:
    """Fill a missing deadline, responsible or regional reference from the measure's own text."""
    if not measure.deadline:
        measure.deadline = find_inline_deadline(measure.text)
    if not measure.responsible:
        measure.responsible = find_inline_responsible(measure.text)
    if not measure.regional_reference:
        citations = find_citations(measure.text)
        if citations:
            measure.regional_reference = citations[0].text
