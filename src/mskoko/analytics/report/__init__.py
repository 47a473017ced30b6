"""The municipal analytical report (аналитическая справка) as an editable DOCX."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mskoko.analytics.pipeline import AnalysisResult
from mskoko.analytics.report import sections
from mskoko.analytics.report.data import prepare
from mskoko.analytics.report.docx_kit import ReportDocument
from mskoko.analytics.wording import NBSP, plural
from mskoko.data.dataset import Dataset


def render_report(result: AnalysisResult, dataset: Dataset, path: Path | str) -> Path:
    """Write report.docx: specifics, analysis (objectivity first, then levels), measures."""
    data = prepare(result)
    years = (f"{data.years[0]}–{data.years[-1]}{NBSP}гг." if len(data.years) > 1
             else f"{data.years[0]}{NBSP}г.")
    doc = ReportDocument()
    doc.title(
        "Аналитическая справка по результатам оценочных процедур",
        f"{data.municipality}, {years} Подготовлена {dt.date.today():%d.%m.%Y} по правилам "
        f"«{result.rulebook_id or 'не указаны'}»; источник данных — реестр ОО "
        f"({plural(dataset.organizations.num_rows, 'запись', 'записи', 'записей')}) и результаты "
        f"участников ({plural(dataset.results.num_rows, 'строка', 'строки', 'строк')}).",
    )
    sections.specifics(doc, data)
    sections.objectivity(doc, data)
    sections.levels(doc, data)
    sections.low_results(doc, data)
    sections.measures(doc, data)
    path = Path(path)
    doc.save(str(path))
    return path
