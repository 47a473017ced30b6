"""Uploading the registry and results: the importer's Russian row-level problems on the page,
nothing stored on error; a municipal specialist may load only their own municipality."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mskoko.config import workspace_home
from mskoko.errors import MskokoError, ProblemReport
from mskoko.web import analysis_runs
from mskoko.web.access import admin_only
from mskoko.web.core.models import ImportBatch, Municipality
from mskoko.web.pages.common import municipality_page
from mskoko.web.pages.forms import DataUploadForm

ACCEPTED_SUFFIXES = {".csv", ".xlsx", ".txt"}


@municipality_page(edit=True)
def municipality_import(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    return _import_page(request, municipality)


@admin_only
def region_import(request: HttpRequest) -> HttpResponse:
    """The administrator loads a region's data at once (every municipality in the files)."""
    return _import_page(request, None)


def _import_page(request: HttpRequest, municipality: Municipality | None) -> HttpResponse:
    posted = request.method == "POST"
    form = DataUploadForm(request.POST if posted else None, request.FILES if posted else None)
    outcome: dict[str, Any] = {}
    if posted and form.is_valid():
        outcome = _run_import(request, form.cleaned_data, municipality)
    batches = ImportBatch.objects.select_related("imported_by", "municipality")
    if municipality is not None:
        batches = batches.filter(municipality=municipality)
    context = {
        "form": form,
        "outcome": outcome,
        "batches": batches.order_by("-year", "procedure")[:100],
        "municipality": municipality,
    }
    template = "mskoko/import.html"
    if request.htmx and request.method == "POST":
        template = "mskoko/partials/import_outcome.html"
    return render(request, template, context)


def _run_import(
    request: HttpRequest, files: dict[str, Any], municipality: Municipality | None
) -> dict[str, Any]:
    from mskoko import services

    folder = workspace_home() / "uploads" / f"import-{uuid.uuid4().hex}"
    folder.mkdir(parents=True)
    try:
        path = _save_upload(folder, files)
        only = (municipality.id, municipality.name) if municipality is not None else None
        summary = services.import_data(path, user=request.user, only_municipality=only)
    except ProblemReport as report:
        return {"problems": [p.format_ru() for p in report.problems], "title": report.title,
                "count": len(report.problems)}
    except MskokoError as error:
        return {"problems": [str(error)], "title": "Данные не приняты", "count": 1}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    # One run analyses the whole region and refreshes every municipality's part, so a
    # region-wide upload starts one run, not one per municipality.
    runs = []
    target = Municipality.objects.filter(id__in=summary.municipalities).order_by("id").first()
    if target is not None:
        runs.append(analysis_runs.start_analysis(target, request.user))
    return {"summary": summary, "runs": runs}


def _save_upload(folder: Path, files: dict[str, Any]) -> Path:
    """Store the uploaded files under their contract names; return what the importer reads."""
    archive: UploadedFile | None = files.get("archive")
    if archive:
        if Path(archive.name).suffix.lower() != ".zip":
            raise MskokoError(f"Архив «{archive.name}» должен быть файлом .zip.")
        target = folder / "data.zip"
        _write(archive, target)
        return target
    data = folder / "data"
    data.mkdir()
    for kind in ("organizations", "results", "scales"):
        upload: UploadedFile | None = files.get(kind)
        if not upload:
            continue
        suffix = Path(upload.name).suffix.lower()
        if suffix not in ACCEPTED_SUFFIXES:
            raise MskokoError(
                f"Файл «{upload.name}» ({kind}): ожидается CSV или XLSX, а не «{suffix or 'без расширения'}»."
            )
        _write(upload, data / f"{kind}{'.csv' if suffix == '.txt' else suffix}")
    return data


def _write(upload: UploadedFile, target: Path) -> None:
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
