"""The municipality's dashboard: levels, dynamics, contextual groups, flags with evidence,
the analysis status (run it from the page) and the analysis downloads."""

from __future__ import annotations

import io

from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from mskoko.analytics.wording import procedure_ru
from mskoko.web import analysis_runs, charts, dashboard_data
from mskoko.web.access import can_edit
from mskoko.web.analysis_files import DOWNLOADABLE, analysed_at, downloadable_file, has_analysis
from mskoko.web.core.models import AnalysisRun, ImportBatch, Municipality
from mskoko.web.pages.common import file_download, municipality_page

CHARTS = ("levels", "dynamics", "groups")

INDICATOR_HEADERS = {
    "org_id": "Код ОО", "org_name": "Организация", "municipality_id": "Муниципалитет",
    "year": "Год", "procedure": "Процедура", "subject": "Предмет", "grade": "Класс",
    "participants": "Участников", "n_level": "С отметкой/уровнем", "n_below": "Ниже базового",
    "n_high": "Высокий уровень", "share_below_basic": "Доля ниже базового",
    "share_high": "Доля высокого уровня", "share_confirmed": "Доля подтвердивших отметку",
    "share_raised": "Доля с завышенной отметкой", "share_lowered": "Доля с заниженной отметкой",
    "reliability": "Надёжность (по числу участников)",
}


@municipality_page()
def dashboard(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    indicators = dashboard_data.load(municipality)
    years = sorted(int(y) for y in indicators["year"].unique()) if indicators is not None else []
    year = _chosen_year(request, years)
    procedures = dashboard_data.procedures(indicators) if indicators is not None else []
    procedure = _chosen_procedure(request, procedures)
    batches = ImportBatch.objects.filter(municipality=municipality)
    orgs = municipality.organizations.aggregate(n=Count("id"), students=Sum("students"))
    flags = dashboard_data.flag_groups(municipality, year)
    context = {
        "municipality": municipality,
        "can_edit": can_edit(request.user, municipality),
        "has_data": batches.exists(),
        "data_years": sorted(set(batches.values_list("year", flat=True))),
        "data_procedures": [procedure_ru(p) for p in
                            sorted(set(batches.values_list("procedure", flat=True)))],
        "procedures": procedures,
        "procedure": procedure,
        "procedure_name": dict(procedures).get(procedure, procedure),
        "organizations": orgs["n"],
        "students": orgs["students"],
        "has_analysis": has_analysis(municipality.id),
        "analysed_at": analysed_at(municipality.id),
        "run": analysis_runs.latest_run(municipality),
        "years": years,
        "year": year,
        "flags": [g for g in flags if g.primary],
        "other_flags": [g for g in flags if not g.primary],
        "flag_counts": {g.code: len({r["org_id"] for r in g.rows}) for g in flags},
        "participants": _participants(indicators, year),
        "downloads": _downloads(municipality),
    }
    return render(request, "mskoko/dashboard.html", context)


def _chosen_year(request: HttpRequest, years: list[int]) -> int | None:
    if not years:
        return None
    try:
        asked = int(request.GET.get("year", ""))
    except ValueError:
        return years[-1]
    return asked if asked in years else years[-1]


def _chosen_procedure(request: HttpRequest, procedures: list[tuple[str, str]]) -> str | None:
    codes = [code for code, _ in procedures]
    asked = request.GET.get("procedure", "")
    return asked if asked in codes else (codes[0] if codes else None)


def _participants(indicators, year: int | None) -> int | None:  # type: ignore[no-untyped-def]
    if indicators is None or year is None:
        return None
    return int(indicators.loc[indicators["year"] == year, "participants"].sum())


def _downloads(municipality: Municipality) -> list[dict[str, str]]:
    items = []
    for name, title in DOWNLOADABLE.items():
        if downloadable_file(municipality.id, name):
            items.append({"name": name, "title": title, "ext": name.rsplit(".", 1)[1]})
    return items


@municipality_page()
def chart(request: HttpRequest, municipality: Municipality, name: str) -> HttpResponse:
    if name not in CHARTS:
        raise Http404("Нет такого графика")
    indicators = dashboard_data.load(municipality)
    if indicators is None:
        raise Http404("Анализ ещё не выполнен")
    years = sorted(int(y) for y in indicators["year"].unique())
    year = _chosen_year(request, years)
    procedures = dashboard_data.procedures(indicators)
    procedure = _chosen_procedure(request, procedures)
    title = dict(procedures).get(procedure, "")
    if year is None or procedure is None:
        svg = charts.message_chart("Нет результатов для графика.")
    elif name == "levels":
        svg = charts.levels_chart(
            dashboard_data.levels_by_subject(indicators, year, procedure),
            f"{title} {year}: уровни результатов по предметам, доля участников")
    elif name == "dynamics":
        svg = charts.dynamics_chart(
            dashboard_data.dynamics(indicators, procedure),
            f"{title}: доля ниже базового уровня по годам")
    else:
        svg = charts.groups_chart(
            dashboard_data.context_groups(indicators, municipality, year, procedure),
            f"{title} {year}: контекстные группы школ")
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


@require_POST
@municipality_page(edit=True)
def run_analysis(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    run = analysis_runs.start_analysis(municipality, request.user)
    run.refresh_from_db()  # a quick run may already have ended
    return render(request, "mskoko/partials/analysis_status.html",
                  {"municipality": municipality, "run": run, "can_edit": True, "fresh": True})


@municipality_page()
def analysis_status(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    run = analysis_runs.latest_run(municipality)
    response = render(request, "mskoko/partials/analysis_status.html",
                      {"municipality": municipality, "run": run,
                       "can_edit": can_edit(request.user, municipality),
                       "fresh": bool(request.GET.get("poll"))})
    # The polling fragment asks for a full reload once the run has finished well.
    if request.htmx and run and run.status == AnalysisRun.Status.DONE and request.GET.get("poll"):
        response["HX-Refresh"] = "true"
    return response


@municipality_page()
def analysis_file(request: HttpRequest, municipality: Municipality, name: str) -> HttpResponse:
    path = downloadable_file(municipality.id, name)
    if path is None:
        raise Http404("Файла нет: выполните анализ")
    return file_download(path, f"{municipality.id}-{name}")


@municipality_page()
def indicators_xlsx(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    import pandas as pd

    indicators = dashboard_data.load(municipality)
    if indicators is None:
        raise Http404("Анализ ещё не выполнен")
    columns = [c for c in INDICATOR_HEADERS if c in indicators.columns]
    columns += [c for c in indicators.columns if c not in INDICATOR_HEADERS]
    table = indicators[columns].rename(columns=INDICATOR_HEADERS)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, sheet_name="Показатели", index=False)
        sheet = writer.sheets["Показатели"]
        sheet.freeze_panes = "A2"
        for cells in sheet.columns:
            width = max(len(str(c.value or "")) for c in cells[:200])
            sheet.column_dimensions[cells[0].column_letter].width = min(max(width + 2, 8), 48)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"{municipality.id}-indicators.xlsx"
    )
    return response
