"""Documents generated from a municipality's data, offered for download (DOCX and XLSX,
editable): the analytical report of the last analysis and the documents of the management
cycle (roadmap, order draft, effectiveness conclusion) rendered on request."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mskoko.errors import MskokoError
from mskoko.web import audit
from mskoko.web.analysis_files import downloadable_file
from mskoko.web.core.models import Municipality


@dataclass(frozen=True)
class GeneratedKind:
    kind: str
    title: str
    note: str
    filename: str  # without the municipality prefix
    is_available: Callable[[Municipality, Any], bool]  # (municipality, its cycle or None)
    make: Callable[[Municipality, Path], Path]  # writes into the folder, returns the file


def _analysis_report(municipality: Municipality, folder: Path) -> Path:
    path = downloadable_file(municipality.id, "report.docx")
    if path is None:
        raise MskokoError("Аналитическая справка появится после анализа данных.")
    return path


def _cycle(municipality: Municipality) -> tuple[Any, Any]:
    from mskoko.web.document_store import rulebook_for_year
    from mskoko.web.roadmap_edit import load

    cycle = load(municipality)
    if cycle is None or not any(t.measures for t in cycle.tracks):
        raise MskokoError("Дорожная карта пуста: добавьте мероприятия на странице «Дорожная карта».")
    return cycle, rulebook_for_year(cycle.year)


def _has_measures(municipality: Municipality, cycle: Any) -> bool:
    return cycle is not None and any(t.measures for t in cycle.tracks)


def _has_conclusions(municipality: Municipality, cycle: Any) -> bool:
    return cycle is not None and any(t.effectiveness for t in cycle.tracks)


def _roadmap(municipality: Municipality, folder: Path) -> Path:
    from mskoko.documents.render import render_roadmap

    cycle, rulebook = _cycle(municipality)
    return render_roadmap(cycle, rulebook, folder / "roadmap.docx")


def _roadmap_xlsx(municipality: Municipality, folder: Path) -> Path:
    from mskoko.documents.render import export_roadmap_xlsx

    cycle, rulebook = _cycle(municipality)
    return export_roadmap_xlsx(cycle, rulebook, folder / "roadmap.xlsx")


def _order(municipality: Municipality, folder: Path) -> Path:
    from mskoko.documents.render import render_order

    cycle, rulebook = _cycle(municipality)
    return render_order(cycle, rulebook, folder / "order.docx")


def _effectiveness(municipality: Municipality, folder: Path) -> Path:
    from mskoko.documents.render import render_effectiveness

    cycle, rulebook = _cycle(municipality)
    return render_effectiveness(cycle, folder / "effectiveness.docx", rulebook)


KINDS: dict[str, GeneratedKind] = {k.kind: k for k in (
    GeneratedKind("analytical_report", "Аналитическая справка",
                  "уровни результатов, динамика, группы, признаки необъективности",
                  "аналитическая-справка.docx",
                  lambda m, _: downloadable_file(m.id, "report.docx") is not None,
                  _analysis_report),
    GeneratedKind("roadmap", "Дорожная карта", "по трекам: цель, показатели, мероприятия",
                  "дорожная-карта.docx", _has_measures, _roadmap),
    GeneratedKind("roadmap_xlsx", "Дорожная карта (таблица)", "строка на мероприятие",
                  "дорожная-карта.xlsx", _has_measures, _roadmap_xlsx),
    GeneratedKind("order", "Проект приказа об утверждении дорожной карты",
                  "номер и дату впишите при подписании", "приказ.docx", _has_measures, _order),
    GeneratedKind("effectiveness", "Заключение об эффективности мер",
                  "по каждой мере: сроки, что сделано, вывод", "заключение-об-эффективности.docx",
                  _has_conclusions, _effectiveness),
)}


def available(municipality: Municipality) -> list[dict[str, str]]:
    from mskoko.web.roadmap_edit import load

    cycle = load(municipality)
    return [{"kind": k.kind, "title": k.title, "note": k.note,
             "ext": k.filename.rsplit(".", 1)[1].upper()}
            for k in KINDS.values() if k.is_available(municipality, cycle)]


def render(municipality: Municipality, kind: str, user: Any) -> tuple[bytes, str]:
    """The bytes of one generated document and its download name; KeyError for an unknown kind."""
    spec = KINDS[kind]
    with tempfile.TemporaryDirectory() as folder:
        data = spec.make(municipality, Path(folder)).read_bytes()
    audit.record(user, "document_generated", object_type="generated", object_id=kind,
                 municipality=municipality)
    return data, f"{municipality.id}-{spec.filename}"
