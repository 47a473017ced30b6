"""XLSX exports: the region comparison and one municipality's scorecard (openpyxl)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from mskoko.evaluation.model import COMBINE_LABELS_RU
from mskoko.evaluation.region import system_columns
from mskoko.evaluation.summary import MunicipalityScore, YearChange

PERCENT = "0%"  # indexes are whole percent (the rulebook rounds them)
POINTS = "0.##"
HEADER_FILL = PatternFill("solid", fgColor="1F3B73")
HEADER_FONT = Font(bold=True, color="FFFFFF")
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

CRITERIA_HEADER = [
    "Муниципалитет", "Система", "Трек", "Критерий", "Наименование", "Максимум",
    "Итоговый балл", "Баллы экспертов", "Комментарии экспертов", "Предложено автоматически",
]


def export_region_xlsx(
    table: pd.DataFrame, path: Path | str, scores: Sequence[MunicipalityScore] = ()
) -> Path:
    """Sheet «Сравнение»: the region table with percentages and a colour scale; sheet
    «Баллы по критериям»: every item of every municipality with experts' comments."""
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "Сравнение"
    systems = system_columns(table)
    year = table.attrs.get("year")
    ws["A1"] = "Сравнение муниципалитетов по индексу" + (f", {year} год" if year else "")
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = ("Индекс = баллы с учётом штрафов / максимум, в целых процентах. Место — по "
                "индексу оценки документов (равные индексы делят место).")
    ws["A2"].font = Font(italic=True, color="555555")

    header = ["Место", "Муниципалитет", "Код"] + [f"{sid} {name}".strip() if name != sid
                                                 else sid for sid, name in systems.items()]
    header += ["Баллы", "Штрафы", "Максимум", "Индекс"]
    _header_row(ws, 4, header)
    for r, data in enumerate(table.to_dict("records"), start=5):
        values = [
            _int_or_none(data["rank"]), data["municipality"], data["municipality_id"],
            *[_fraction(data.get(sid)) for sid in systems],
            data["total"], data["penalties"], data["maximum"], _fraction(data["index"]),
        ]
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.border = BORDER
            if 4 <= c < 4 + len(systems) or c == len(values):
                cell.number_format = PERCENT
            elif c >= 4 + len(systems):
                cell.number_format = POINTS
    last = 4 + len(table)
    if len(table):
        first_pct = get_column_letter(4)
        last_pct = get_column_letter(len(header))
        ws.conditional_formatting.add(
            f"{first_pct}5:{last_pct}{last}",
            ColorScaleRule(start_type="num", start_value=0, start_color="F8696B",
                           mid_type="num", mid_value=0.5, mid_color="FFEB84",
                           end_type="num", end_value=1, end_color="63BE7B"),
        )
    ws.freeze_panes = "D5"
    _widths(ws, [8, 34, 12] + [14] * len(systems) + [10, 10, 10, 10])
    ws.row_dimensions[4].height = 60

    details = wb.create_sheet("Баллы по критериям")
    _criteria_sheet(details, scores)
    wb.save(path)
    return path


def export_scorecard_xlsx(
    score: MunicipalityScore, path: Path | str, change: YearChange | None = None
) -> Path:
    """One municipality: the summary and profile, every item with comments, penalties,
    and the experts' agreement."""
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "Итоги"
    ws["A1"] = f"Результат оценивания: {score.label}, {score.year} год"
    ws["A1"].font = Font(bold=True, size=13)
    facts: list[tuple[str, object, str | None]] = [
        ("Методика", score.rulebook_id, None),
        ("Баллы (с учётом штрафов)", score.total, POINTS),
        ("Максимум", score.maximum, POINTS),
        ("Индекс", _fraction(score.index), PERCENT),
        ("Штрафы", score.penalties_total, POINTS),
        ("Эксперты", ", ".join(score.experts) or "—", None),
        ("Итоговый балл критерия", COMBINE_LABELS_RU[score.combine], None),
        ("Не оценено критериев", len(score.unscored), None),
        ("Согласованность экспертов", score.agreement.verdict_ru(), None),
    ]
    if change is not None:
        facts.append((f"Изменение индекса к {change.previous_year} году, п. п.",
                      change.index_delta_pp, "+0;-0;0"))
        facts.append((f"Изменение баллов к {change.previous_year} году", change.total_delta,
                      "+0.##;-0.##;0"))
    for r, (label, value, fmt) in enumerate(facts, start=3):
        ws.cell(row=r, column=1, value=label).font = Font(bold=True)
        cell = ws.cell(row=r, column=2, value=value)
        if fmt:
            cell.number_format = fmt
    start = 4 + len(facts)
    _header_row(ws, start, ["Система", "Наименование", "Баллы", "Максимум", "Индекс"]
                + (["Изменение, п. п."] if change else []))
    for r, s in enumerate(score.systems, start=start + 1):
        row = [s.system_id, s.title, s.total, s.maximum, _fraction(s.index)]
        if change:
            row.append(change.systems_delta_pp.get(s.system_id))
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.border = BORDER
            cell.number_format = {3: POINTS, 4: POINTS, 5: PERCENT, 6: "+0;-0;0"}.get(
                c, "General")
    _widths(ws, [34, 60, 10, 10, 10, 16])

    _criteria_sheet(wb.create_sheet("Критерии"), [score])
    _penalties_sheet(wb.create_sheet("Штрафы"), score)
    _agreement_sheet(wb.create_sheet("Согласованность"), score)
    wb.save(path)
    return path


def _criteria_sheet(ws: Worksheet, scores: Sequence[MunicipalityScore]) -> None:
    _header_row(ws, 1, CRITERIA_HEADER)
    r = 2
    for score in scores:
        for item in score.items:
            row = [
                score.label, item.system_id, item.track_id, item.criterion_id, item.title,
                item.max_points, item.final,
                "; ".join(f"{e}: {p:g}" for e, p in sorted(item.by_expert.items())),
                "\n".join(f"{e}: {c}" for e, c in sorted(item.comments.items())),
                item.proposal,
            ]
            _data_row(ws, r, row)
            r += 1
        for pen in score.penalties:
            row = [
                score.label, "", pen.track_id, pen.rule_id, f"Штраф: {pen.title}", None,
                pen.points, "; ".join(f"{e}: {p:g}" for e, p in sorted(pen.by_expert.items())),
                "\n".join(f"{e}: {c}" for e, c in sorted(pen.comments.items())), None,
            ]
            _data_row(ws, r, row)
            r += 1
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(CRITERIA_HEADER))}{max(1, r - 1)}"
    _widths(ws, [26, 9, 12, 22, 50, 10, 12, 24, 60, 14])


def _penalties_sheet(ws: Worksheet, score: MunicipalityScore) -> None:
    _header_row(ws, 1, ["Трек", "Правило", "Наименование", "Итог", "Баллы экспертов",
                        "Комментарии"])
    for r, pen in enumerate(score.penalties, start=2):
        _data_row(ws, r, [
            pen.track_id or "весь муниципалитет", pen.rule_id, pen.title, pen.points,
            "; ".join(f"{e}: {p:g}" for e, p in sorted(pen.by_expert.items())),
            "\n".join(f"{e}: {c}" for e, c in sorted(pen.comments.items())),
        ])
    if not score.penalties:
        ws.cell(row=2, column=1, value="Штрафы не назначены.")
    _widths(ws, [20, 24, 50, 8, 24, 60])


def _agreement_sheet(ws: Worksheet, score: MunicipalityScore) -> None:
    rep = score.agreement
    rows = [
        ("Эксперты", ", ".join(rep.experts) or "—"),
        ("Критериев оценено двумя и более экспертами", rep.items_compared),
        ("Доля полного совпадения", rep.exact_share),
        ("Среднее абсолютное расхождение, баллов", rep.mean_abs_difference),
        (f"α Криппендорфа ({rep.level})", rep.alpha),
        ("Вывод", rep.verdict_ru()),
    ]
    for r, (label, value) in enumerate(rows, start=1):
        ws.cell(row=r, column=1, value=label).font = Font(bold=True)
        cell = ws.cell(row=r, column=2, value=value)
        if r == 3:
            cell.number_format = PERCENT
        elif r in (4, 5):
            cell.number_format = "0.00"
    start = len(rows) + 2
    _header_row(ws, start, ["Трек", "Критерий", "Баллы экспертов", "Разброс"])
    for r, d in enumerate(rep.disagreements, start=start + 1):
        _data_row(ws, r, [d.key[0], d.key[1],
                          "; ".join(f"{e}: {p:g}" for e, p in sorted(d.points.items())),
                          d.spread])
    _widths(ws, [44, 40, 30, 10])


def _header_row(ws: Worksheet, row: int, labels: Sequence[str]) -> None:
    for c, label in enumerate(labels, start=1):
        cell = ws.cell(row=row, column=c, value=label)
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _data_row(ws: Worksheet, row: int, values: Sequence[object]) -> None:
    for c, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=c, value=value)
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def _fraction(percent: object) -> float | None:
    if percent is None or pd.isna(percent):
        return None
    return float(percent) / 100


def _int_or_none(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)

