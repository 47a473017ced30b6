"""Region comparison (heatmap, table, XLSX) and the scoring periods (lock and reopen)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mskoko.errors import MskokoError
from mskoko.web import audit, document_store
from mskoko.web.access import expert_only, role_of
from mskoko.web.accounts.models import Role
from mskoko.web.pages.expert import score_repository, xlsx_response
from mskoko.web.scoring_context import chosen_year, scoring_years


def _comparison(request: HttpRequest, year: int) -> tuple[Any, list[Any], str]:
    """(region table or None, municipality results, Russian reason when there is nothing)."""
    from mskoko.evaluation.region import region_table
    from mskoko.evaluation.workflow import region_results

    rulebook = document_store.rulebook_for_year(year)
    try:
        results = region_results(score_repository(request), rulebook, year)
    except MskokoError as error:
        return None, [], str(error)
    return region_table(rulebook, results), results, ""


@expert_only
def region(request: HttpRequest) -> HttpResponse:
    from mskoko.evaluation.region import system_columns

    years = scoring_years()
    year = chosen_year(request, years)
    table, _, reason = _comparison(request, year)
    rows, systems = [], {}
    if table is not None:
        systems = system_columns(table)
        for record in table.to_dict("records"):
            rows.append({**record, "by_system": [record.get(sid) for sid in systems]})
    return render(request, "mskoko/expert/region.html", {
        "years": years, "year": year, "rows": rows, "systems": systems, "reason": reason,
        "period": score_repository(request).period(year),
    })


@expert_only
def region_heatmap(request: HttpRequest) -> HttpResponse:
    from mskoko.evaluation.charts import render_heatmap

    year = chosen_year(request, scoring_years())
    table, _, _ = _comparison(request, year)
    if table is None:
        raise Http404("Нет баллов для сравнения")
    with tempfile.TemporaryDirectory() as folder:
        svg = render_heatmap(table, Path(folder) / "heatmap.svg").read_bytes()
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


@expert_only
def region_xlsx(request: HttpRequest) -> HttpResponse:
    from mskoko.evaluation.export import export_region_xlsx

    year = chosen_year(request, scoring_years())
    table, results, reason = _comparison(request, year)
    if table is None:
        messages.error(request, reason)
        return redirect("region")
    audit.record(request.user, "export", object_type="region", object_id=year)
    return xlsx_response(lambda path: export_region_xlsx(table, path, results),
                         f"сравнение-муниципалитетов-{year}.xlsx")


@expert_only
def periods(request: HttpRequest) -> HttpResponse:
    from mskoko.evaluation.model import COMBINE_LABELS_RU

    repo = score_repository(request)
    rows = [(p, COMBINE_LABELS_RU[p.combine]) for p in (repo.period(y) for y in scoring_years())]
    from mskoko.rulebook import DEFAULT_EDITION

    return render(request, "mskoko/expert/periods.html", {
        "periods": rows, "can_reopen": role_of(request.user) == Role.ADMIN,
        "default_edition": DEFAULT_EDITION,
    })


@require_POST
@expert_only
def period_lock(request: HttpRequest, year: int) -> HttpResponse:
    """Close a year for edits (an expert or admin); reopening is for an administrator."""
    from mskoko.evaluation.workflow import lock_period

    lock = request.POST.get("action") != "unlock"
    if not lock and role_of(request.user) != Role.ADMIN:
        raise PermissionDenied("Открыть закрытый период может только администратор.")
    lock_period(score_repository(request), year, request.user.get_username(), locked=lock)
    messages.success(request, f"Период оценки {year} года {'закрыт' if lock else 'открыт'}.")
    return redirect("periods")
