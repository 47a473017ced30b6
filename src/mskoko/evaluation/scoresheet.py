"""The scoresheet for experts who work offline: written as XLSX (or CSV), filled in Excel,
read back with every problem located by line and column.

One row per scorecard item (kind «критерий») and per penalty rule (kind «штраф»); the
expert fills «Балл» and «Комментарий». An empty «Балл» means "not scored" and is skipped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mskoko.errors import Problem, ProblemReport
from mskoko.evaluation.model import ExpertPenalty, ExpertScore, Proposal, ProposalKind, Source

if TYPE_CHECKING:
    from mskoko.rulebook.schema import Rulebook

COLUMNS: list[tuple[str, str]] = [
    ("municipality_id", "Муниципалитет"),
    ("year", "Год"),
    ("expert", "Эксперт"),
    ("kind", "Вид"),
    ("system_id", "Система"),
    ("track_id", "Трек"),
    ("criterion_id", "Критерий"),
    ("title", "Наименование"),
    ("max_points", "Максимум"),
    ("proposal", "Предложено проверкой"),
    ("evidence", "Обоснование проверки"),
    ("points", "Балл"),
    ("comment", "Комментарий"),
]
REQUIRED = ("municipality_id", "year", "kind", "criterion_id", "points")
KIND_CRITERION = "критерий"
KIND_PENALTY = "штраф"
_KINDS = {KIND_CRITERION: ProposalKind.CRITERION, "criterion": ProposalKind.CRITERION,
          KIND_PENALTY: ProposalKind.PENALTY, "penalty": ProposalKind.PENALTY}
_MINUS = re.compile(r"^[\u2212\u2013\u2014]")


@dataclass
class ScoresheetEntries:
    """What a filled scoresheet holds, with each entry's line for error messages."""

    scores: list[ExpertScore] = field(default_factory=list)
    penalties: list[ExpertPenalty] = field(default_factory=list)
    score_lines: list[int] = field(default_factory=list)
    penalty_lines: list[int] = field(default_factory=list)

    @property
    def lines(self) -> list[int | None]:
        return [*self.score_lines, *self.penalty_lines]


def write_scoresheet(
    rulebook: Rulebook,
    path: Path | str,
    municipality_id: str,
    year: int,
    *,
    expert: str = "",
    scores: Sequence[ExpertScore] = (),
    penalties: Sequence[ExpertPenalty] = (),
    proposals: Sequence[Proposal] = (),
) -> Path:
    """A sheet to fill: every item and penalty rule, the proposals beside them and the
    expert's own earlier points already filled in."""
    from mskoko.rulebook.scoring import scorecard_items

    path = Path(path)
    mine = {s.key: s for s in scores if not expert or s.expert == expert}
    mine_pen = {p.key: p for p in penalties if not expert or p.expert == expert}
    proposed = {(p.kind, p.key): p for p in proposals}
    rows: list[list[Any]] = []
    for item in scorecard_items(rulebook):
        own = mine.get(item.key)
        prop = proposed.get((ProposalKind.CRITERION, item.key))
        rows.append([
            municipality_id, year, expert, KIND_CRITERION, item.system_id, item.track_id,
            item.criterion_id, item.title + (" (вычитается)" if item.sign == "minus" else ""),
            item.max_points, None if prop is None else prop.points,
            "" if prop is None else " | ".join(prop.evidence[:3]),
            None if own is None else own.points, "" if own is None else own.comment,
        ])
    penalty_keys = [("", rule.id) for rule in getattr(rulebook, "penalties", [])]
    penalty_keys += [k for k in sorted({*mine_pen, *(p.key for p in proposals
                                                     if p.kind is ProposalKind.PENALTY)})
                     if k not in penalty_keys]
    titles = {rule.id: (rule.title, rule.points) for rule in getattr(rulebook, "penalties", [])}
    systems = {t.id: s.id for s, t in rulebook.tracks()}
    for track_id, rule_id in penalty_keys:
        own_p = mine_pen.get((track_id, rule_id))
        prop = proposed.get((ProposalKind.PENALTY, (track_id, rule_id)))
        title, bound = titles.get(rule_id, (rule_id, None))
        rows.append([
            municipality_id, year, expert, KIND_PENALTY, systems.get(track_id, ""), track_id,
            rule_id, title, bound, None if prop is None else prop.points,
            "" if prop is None else " | ".join(prop.evidence[:3]),
            None if own_p is None else own_p.points, "" if own_p is None else own_p.comment,
        ])
    if path.suffix.lower() == ".csv":
        _write_csv(path, rows)
    else:
        _write_xlsx(path, rows, municipality_id, year)
    return path


def read_scoresheet(
    path: Path | str, *, expert: str | None = None, source: Source = Source.EXPERT
) -> ScoresheetEntries:
    """Read a filled scoresheet (XLSX or CSV; UTF-8 or Windows-1251, «;» or «,»).

    ``expert`` fills rows whose «Эксперт» is empty and refuses rows naming another expert.
    Every problem is collected and raised together as one ``ProblemReport``.
    """
    path = Path(path)
    label = path.name
    header, body = _read_rows(path)
    lookup = _header_lookup()
    columns: dict[str, int] = {}
    problems: list[Problem] = []
    for index, name in enumerate(header):
        key = lookup.get(_norm(name))
        if key is not None and key not in columns:
            columns[key] = index
    missing = [f"«{dict(COLUMNS)[c]}»" for c in REQUIRED if c not in columns]
    if missing:
        raise ProblemReport([Problem("нет обязательных столбцов: " + ", ".join(missing)
                                     + " (используйте бланк из «mskoko score export»)",
                                     file=label, line=1, code="missing_column")],
                            title="Оценочный лист не принят")
    entries = ScoresheetEntries()
    for offset, row in enumerate(body):
        line = offset + 2

        def cell(name: str, row: Sequence[Any] = row) -> str:
            i = columns.get(name)
            value = row[i] if i is not None and i < len(row) else None
            return "" if value is None else str(value).strip()

        if not any(str(v).strip() for v in row if v is not None):
            continue
        points_text = cell("points")
        if not points_text:
            continue  # not scored in this sheet
        row_problems: list[Problem] = []

        def fail(message: str, column: str, value: str, code: str,
                 sink: list[Problem] = row_problems, at: int = line) -> None:
            sink.append(Problem(message, file=label, line=at, column=dict(COLUMNS)[column],
                                value=value, code=code))

        points = _number(points_text)
        if points is None:
            fail("балл должен быть числом (например, 2 или 1,5)", "points", points_text,
                 "not_a_number")
        year_text = cell("year")
        year = _integer(year_text)
        if year is None:
            fail("год должен быть целым числом", "year", year_text, "not_a_number")
        kind = _KINDS.get(cell("kind").casefold())
        if kind is None:
            fail(f"вид должен быть «{KIND_CRITERION}» или «{KIND_PENALTY}»", "kind",
                 cell("kind"), "unknown_kind")
        who = cell("expert") or (expert or "")
        if not who:
            fail("не указан эксперт: заполните столбец или укажите --expert", "expert", "",
                 "no_expert")
        elif expert and who != expert:
            fail(f"лист эксперта {expert}, а в строке указан другой эксперт", "expert", who,
                 "other_expert")
        if not cell("municipality_id"):
            fail("не указан муниципалитет", "municipality_id", "", "required")
        if kind is ProposalKind.CRITERION and not cell("track_id"):
            fail("для критерия нужен трек", "track_id", "", "required")
        if row_problems or points is None or year is None or kind is None:
            problems += row_problems
            continue
        if kind is ProposalKind.CRITERION:
            entries.scores.append(ExpertScore(
                cell("municipality_id"), year, cell("track_id"), cell("criterion_id"), points,
                who, cell("comment"), source))
            entries.score_lines.append(line)
        else:
            entries.penalties.append(ExpertPenalty(
                cell("municipality_id"), year, cell("track_id"), cell("criterion_id"), points,
                who, cell("comment"), source))
            entries.penalty_lines.append(line)
    if problems:
        raise ProblemReport(problems, title="Оценочный лист не принят")
    if not entries.scores and not entries.penalties:
        raise ProblemReport([Problem("в листе не заполнен ни один балл (столбец «Балл»)",
                                     file=label, code="empty")],
                            title="Оценочный лист не принят")
    return entries


def _write_xlsx(path: Path, rows: list[list[Any]], municipality_id: str, year: int) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "Оценочный лист"
    ws.append([label for _, label in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F3B73")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        ws.append(row)
    fill = PatternFill("solid", fgColor="FFF2CC")  # the cells the expert fills
    points_col = [k for k, _ in COLUMNS].index("points") + 1
    for r in range(2, len(rows) + 2):
        for c in (points_col, points_col + 1):
            ws.cell(row=r, column=c).fill = fill
        ws.cell(row=r, column=points_col - 2).alignment = Alignment(wrap_text=True)
    check = DataValidation(type="decimal", operator="between", formula1="-1000",
                           formula2="1000", showErrorMessage=True,
                           errorTitle="Балл", error="Введите число")
    ws.add_data_validation(check)
    if rows:
        letter = ws.cell(row=1, column=points_col).column_letter
        check.add(f"{letter}2:{letter}{len(rows) + 1}")
    for letter, width in zip("ABCDEFGHIJKLM", [14, 7, 14, 10, 9, 9, 22, 48, 10, 12, 50, 8, 50],
                             strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "L2"
    help_ws = wb.create_sheet("Как заполнять")
    for line in (
        f"Оценочный лист: муниципалитет {municipality_id}, {year} год.",
        "Заполняйте только столбцы «Балл» и «Комментарий» (выделены жёлтым).",
        "Критерий: балл от 0 до значения «Максимум». Пустой балл — критерий не оценён.",
        "Штраф: отрицательное число не меньше значения «Максимум» (например, −1).",
        "Чтобы назначить штраф по конкретному треку, укажите его номер в столбце «Трек».",
        "«Предложено проверкой» — результат автоматической проверки: это подсказка, а не балл.",
        "Загрузка: mskoko score import ФАЙЛ --expert ЛОГИН",
    ):
        help_ws.append([line])
    help_ws.column_dimensions["A"].width = 100
    wb.save(path)


def _write_csv(path: Path, rows: list[list[Any]]) -> None:
    # UTF-8 with BOM and «;»: what Russian Excel opens correctly by double-click.
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([label for _, label in COLUMNS])
    for row in rows:
        writer.writerow(["" if v is None else (f"{v:g}".replace(".", ",")
                         if isinstance(v, float) else v) for v in row])
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")


def _read_rows(path: Path) -> tuple[list[str], list[Sequence[Any]]]:
    suffix = path.suffix.lower()
    label = path.name
    if not path.is_file():
        raise ProblemReport([Problem("файл не найден", file=str(path), code="not_found")],
                            title="Оценочный лист не принят")
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises several unrelated types for bad files
            raise ProblemReport([Problem(f"не удалось открыть как XLSX: {error}", file=label,
                                         code="unreadable")],
                                title="Оценочный лист не принят") from error
        ws = wb["Оценочный лист"] if "Оценочный лист" in wb.sheetnames else wb.worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        wb.close()
    elif suffix == ".csv":
        import charset_normalizer

        best = charset_normalizer.from_bytes(
            path.read_bytes(), cp_isolation=["utf_8", "cp1251", "utf_16"]).best()
        encoding = None if best is None else best.encoding
        if encoding is None:
            raise ProblemReport([Problem("не удалось определить кодировку: сохраните файл в "
                                         "UTF-8 или Windows-1251", file=label, code="encoding")],
                                title="Оценочный лист не принят")
        text = path.read_bytes().decode(encoding).lstrip("\ufeff")
        try:
            dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
        except csv.Error:
            dialect = "excel"
        rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    else:
        raise ProblemReport([Problem("поддерживаются только файлы .xlsx и .csv", file=label,
                                     code="format")], title="Оценочный лист не принят")
    if not rows:
        raise ProblemReport([Problem("файл пуст", file=label, code="empty")],
                            title="Оценочный лист не принят")
    return ["" if h is None else str(h) for h in rows[0]], rows[1:]


def _header_lookup() -> dict[str, str]:
    lookup = {}
    for key, label in COLUMNS:
        lookup[_norm(key)] = key
        lookup[_norm(label)] = key
    return lookup


def _norm(text: str) -> str:
    # Headers match ignoring case, ё/е, underscores and extra spaces (as the data import does).
    cleaned = text.replace("\ufeff", "").strip().strip("\"'").casefold().replace("ё", "е")
    return " ".join(cleaned.replace("_", " ").split())


def _number(text: str) -> float | None:
    cleaned = _MINUS.sub("-", text.replace("\xa0", "").replace(" ", "")).replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _integer(text: str) -> int | None:
    value = _number(text)
    return int(value) if value is not None and value == int(value) else None
