"""The management cycle (nine components per track, present or missing) and the roadmap:
measures edited inline with HTMX, the regional measure chosen from the rulebook catalogue,
a roadmap imported from a document, and the cycle's documents for download."""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from mskoko.cycle.completeness import cycle_completeness
from mskoko.cycle.model import STAGE_TITLES, MunicipalCycle, TrackCycle
from mskoko.errors import MskokoError
from mskoko.web import roadmap_edit
from mskoko.web.access import can_edit
from mskoko.web.core.models import Municipality
from mskoko.web.document_store import rulebook_for_year
from mskoko.web.pages.common import municipality_page

INLINE_ERROR_STATUS = 200  # htmx swaps only 2xx answers: a refused edit stays in the row


class MeasureForm(forms.Form):
    number = forms.CharField(label="№", max_length=32)
    task = forms.CharField(label="Задача / действие", required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    text = forms.CharField(label="Мера / мероприятие", widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.CharField(label="Сроки", required=False, max_length=200,
                               help_text="например: «сентябрь 2025», «до 01.03.2025», «ежегодно»")
    responsible = forms.CharField(label="Ответственные", required=False, max_length=500,
                                  help_text="через запятую")
    result = forms.CharField(label="Результат / показатель", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    regional_document_id = forms.ChoiceField(label="Региональный документ", required=False)
    regional_measure_id = forms.ChoiceField(label="Мера из регионального каталога",
                                            required=False)
    stage = forms.ChoiceField(label="Этап", required=False,
                              choices=[("", "—"), *STAGE_TITLES.items()])

    def __init__(self, *args: Any, rulebook: Any, track_id: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        catalogue = rulebook.catalogue
        self.fields["regional_document_id"].choices = [("", "— не выбран —")] + [
            (d.id, _document_label(d)) for d in catalogue.documents_for_track(track_id)]
        self.fields["regional_measure_id"].choices = [("", "— не выбрана —")] + [
            (m.id, m.text) for m in catalogue.measures_for_track(track_id)]


def _document_label(document: Any) -> str:
    requisites = " ".join(p for p in (f"№ {document.number}" if document.number else "",
                                      f"от {document.date:%d.%m.%Y}" if document.date else "") if p)
    return f"{requisites} «{document.title}»".strip() if requisites else document.title


def _tracks(rulebook: Any) -> list[dict[str, str]]:
    return [{"id": t.id, "title": t.title, "system": f"{s.id} · {s.title}"}
            for s, t in rulebook.tracks()]


def _row_context(
    municipality: Municipality, cycle: MunicipalCycle, rulebook: Any, track_id: str,
    index: int, *, editable: bool,
) -> dict[str, Any]:
    track = cycle.track(track_id)
    assert track is not None
    measure = track.measures[index]
    catalogue = rulebook.catalogue
    documents = {d.id: d for d in catalogue.regional_documents}
    examples = {m.id: m for m in catalogue.example_measures}
    gaps = roadmap_edit.gaps(cycle, rulebook)
    document = documents.get(measure.regional_document_id or "")
    return {
        "municipality": municipality,
        "track_id": track_id,
        "index": index,
        "measure": measure,
        "stage_title": STAGE_TITLES.get(measure.stage or "", ""),
        "document_label": _document_label(document) if document else "",
        "example_text": examples[measure.regional_measure_id].text
        if measure.regional_measure_id in examples else "",
        "gaps": gaps.by_measure.get((track_id, measure.number), []),
        "can_edit": editable,
    }


@municipality_page()
def cycle_overview(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    cycle = roadmap_edit.load_or_new(municipality)
    rulebook = rulebook_for_year(cycle.year)
    completeness = cycle_completeness(cycle, rulebook, all_tracks=True)
    systems: dict[str, dict[str, Any]] = {}
    gaps = roadmap_edit.gaps(cycle, rulebook)
    for system, track in rulebook.tracks():
        entry = next(c for c in completeness if c.track_id == track.id)
        own = cycle.track(track.id)
        systems.setdefault(system.id, {"id": system.id, "title": system.title, "tracks": []})
        systems[system.id]["tracks"].append({
            "completeness": entry, "goal": own.goal if own else "",
            "measures": len(own.measures) if own else 0,
            "gaps": gaps.by_track.get(track.id, []),
        })
    full = sum(1 for c in completeness if c.full)
    return render(request, "mskoko/cycle.html", {
        "municipality": municipality, "cycle": cycle, "systems": list(systems.values()),
        "full": full, "total": len(completeness),
        "can_edit": can_edit(request.user, municipality),
    })


@require_POST
@municipality_page(edit=True)
def save_goal(request: HttpRequest, municipality: Municipality, track_id: str) -> HttpResponse:
    cycle = roadmap_edit.load_or_new(municipality)
    rulebook = rulebook_for_year(cycle.year)
    try:
        roadmap_edit.track_of(cycle, track_id, rulebook).goal = request.POST.get("goal", "").strip()
        roadmap_edit.save(cycle, request.user)
    except MskokoError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Цель трека {track_id} сохранена.")
    return redirect(f"{reverse('cycle', args=[municipality.id])}#track-{track_id}")


@municipality_page()
def roadmap(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    cycle = roadmap_edit.load_or_new(municipality)
    rulebook = rulebook_for_year(cycle.year)
    tracks = _tracks(rulebook)
    asked = request.GET.get("track", "")
    in_cycle = [t.track_id for t in cycle.tracks if t.measures]
    track_id = asked if any(t["id"] == asked for t in tracks) else (
        in_cycle[0] if in_cycle else tracks[0]["id"])
    own = cycle.track(track_id)
    editable = can_edit(request.user, municipality)
    rows = [_row_context(municipality, cycle, rulebook, track_id, i, editable=editable)
            for i in range(len(own.measures))] if own else []
    add_form = MeasureForm(rulebook=rulebook, track_id=track_id, initial={
        "number": roadmap_edit.next_number(cycle, own or TrackCycle(track_id), rulebook)})
    counts = {t.track_id: len(t.measures) for t in cycle.tracks}
    return render(request, "mskoko/roadmap.html", {
        "municipality": municipality, "cycle": cycle, "tracks": tracks,
        "track": next(t for t in tracks if t["id"] == track_id),
        "goal": own.goal if own else "", "rows": rows, "add_form": add_form,
        "counts": counts, "can_edit": editable,
        "total_measures": sum(counts.values()),
    })


def _measure_response(
    request: HttpRequest, municipality: Municipality, cycle: MunicipalCycle, rulebook: Any,
    track_id: str, index: int,
) -> HttpResponse:
    return render(request, "mskoko/partials/measure_row.html",
                  _row_context(municipality, cycle, rulebook, track_id, index, editable=True))


def _edit_response(
    request: HttpRequest, municipality: Municipality, form: MeasureForm, track_id: str,
    index: int, number: str, error: str = "",
) -> HttpResponse:
    return render(request, "mskoko/partials/measure_edit_row.html", {
        "municipality": municipality, "form": form, "track_id": track_id, "index": index,
        "number": number, "error": error,
    }, status=INLINE_ERROR_STATUS)


def _stale_row(error: Exception) -> HttpResponse:
    return HttpResponse(format_html('<tr><td colspan="8" class="row-error">{}</td></tr>', error),
                        status=INLINE_ERROR_STATUS)


@municipality_page(edit=True)
def measure_edit(
    request: HttpRequest, municipality: Municipality, track_id: str, index: int
) -> HttpResponse:
    """GET: the row as a form; POST: save it and answer with the row (HTMX inline edit)."""
    cycle = roadmap_edit.load_or_new(municipality)
    rulebook = rulebook_for_year(cycle.year)
    number = request.POST.get("original_number") or request.GET.get("number", "")
    try:
        measure = roadmap_edit.measure_at(cycle, track_id, index, number)
    except MskokoError as error:
        return _stale_row(error)
    if request.method != "POST":
        initial = {
            "number": measure.number, "task": measure.task, "text": measure.text,
            "deadline": measure.deadline_text, "responsible": measure.responsible_text,
            "result": measure.result, "regional_document_id": measure.regional_document_id or "",
            "regional_measure_id": measure.regional_measure_id or "", "stage": measure.stage or "",
        }
        form = MeasureForm(initial=initial, rulebook=rulebook, track_id=track_id)
        return _edit_response(request, municipality, form, track_id, index, number)
    form = MeasureForm(request.POST, rulebook=rulebook, track_id=track_id)
    if not form.is_valid():
        return _edit_response(request, municipality, form, track_id, index, number)
    track = cycle.track(track_id)
    assert track is not None
    updated = roadmap_edit.measure_from_fields(form.cleaned_data)
    updated.events = measure.events  # the event plan is kept across edits of the row
    track.measures[index] = updated
    roadmap_edit.save(cycle, request.user)
    if not request.htmx:
        return redirect(f"{reverse('roadmap', args=[municipality.id])}?track={track_id}")
    return _measure_response(request, municipality, cycle, rulebook, track_id, index)


@municipality_page(edit=True)
def measure_row(
    request: HttpRequest, municipality: Municipality, track_id: str, index: int
) -> HttpResponse:
    """The row as it is shown (the «Отмена» of an inline edit)."""
    cycle = roadmap_edit.load_or_new(municipality)
    rulebook = rulebook_for_year(cycle.year)
    try:
        roadmap_edit.measure_at(cycle, track_id, index, request.GET.get("number", ""))
    except MskokoError as error:
        return _stale_row(error)
    return _measure_response(request, municipality, cycle, rulebook, track_id, index)


@require_POST
@municipality_page(edit=True)
def measure_add(request: HttpRequest, municipality: Municipality, track_id: str) -> HttpResponse:
    cycle = roadmap_edit.load_or_new(municipality)
    rulebook = rulebook_for_year(cycle.year)
    form = MeasureForm(request.POST, rulebook=rulebook, track_id=track_id)
    back = f"{reverse('roadmap', args=[municipality.id])}?track={track_id}"
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[k].label}: {' '.join(v)}" if k in form.fields
                           else " ".join(v) for k, v in form.errors.items())
        messages.error(request, f"Мероприятие не добавлено. {errors}")
        return redirect(back)
    try:
        track = roadmap_edit.track_of(cycle, track_id, rulebook)
    except MskokoError as error:
        messages.error(request, str(error))
        return redirect(back)
    track.measures.append(roadmap_edit.measure_from_fields(form.cleaned_data))
    roadmap_edit.save(cycle, request.user)
    messages.success(request, "Мероприятие добавлено в дорожную карту.")
    return redirect(f"{back}#measures")


@require_POST
@municipality_page(edit=True)
def measure_delete(
    request: HttpRequest, municipality: Municipality, track_id: str, index: int
) -> HttpResponse:
    cycle = roadmap_edit.load_or_new(municipality)
    back = f"{reverse('roadmap', args=[municipality.id])}?track={track_id}"
    try:
        measure = roadmap_edit.measure_at(cycle, track_id, index,
                                          request.POST.get("number", ""))
    except MskokoError as error:
        messages.error(request, str(error))
        return redirect(back)
    track = cycle.track(track_id)
    assert track is not None
    track.measures.remove(measure)
    roadmap_edit.save(cycle, request.user)
    messages.success(request, f"Мероприятие № {measure.number} удалено.")
    # The whole page again: the rows after the removed one have new positions.
    return redirect(back)


@require_POST
@municipality_page(edit=True)
def roadmap_import(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """Measures of an existing roadmap document (DOCX, PDF, TXT) replace those of its tracks."""
    from mskoko.cycle.importing import import_roadmap, merge_cycles

    upload = request.FILES.get("roadmap")
    back = reverse("roadmap", args=[municipality.id])
    if upload is None or Path(upload.name).suffix.lower() not in (".docx", ".pdf", ".txt", ".md"):
        messages.error(request, "Выберите дорожную карту в формате DOCX, PDF или TXT.")
        return redirect(back)
    base = roadmap_edit.load(municipality)
    year = base.year if base else timezone.localdate().year
    rulebook = rulebook_for_year(year)
    track_id = request.POST.get("track") or None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{uuid.uuid4().hex[:8]}{Path(upload.name).suffix.lower()}"
        path.write_bytes(upload.read())
        try:
            incoming = import_roadmap(path, municipality.id, municipality.name, rulebook,
                                      track_id=track_id, year=year)
        except MskokoError as error:
            messages.error(request, f"Дорожная карта не импортирована: {error}")
            return redirect(back)
    merged = merge_cycles(base, incoming)
    roadmap_edit.save(merged, request.user)
    count = sum(len(t.measures) for t in incoming.tracks)
    tracks = ", ".join(t.track_id for t in incoming.tracks)
    messages.success(request, f"Импортировано мероприятий: {count} (треки {tracks}).")
    return redirect(f"{back}?track={incoming.tracks[0].track_id}")


@municipality_page()
def event_plan(
    request: HttpRequest, municipality: Municipality, track_id: str, index: int
) -> HttpResponse:
    """The event plan (stages with dates) of one measure, as DOCX."""
    from mskoko.documents.render import render_event_plan
    from mskoko.web.pages.common import CONTENT_TYPES

    cycle = roadmap_edit.load_or_new(municipality)
    try:
        measure = roadmap_edit.measure_at(cycle, track_id, index, request.GET.get("number", ""))
    except MskokoError as error:
        messages.error(request, str(error))
        return redirect(f"{reverse('roadmap', args=[municipality.id])}?track={track_id}")
    with tempfile.TemporaryDirectory() as folder:
        data = render_event_plan(cycle, measure, Path(folder) / "plan.docx",
                                 rulebook_for_year(cycle.year)).read_bytes()
    response = HttpResponse(data, content_type=CONTENT_TYPES[".docx"])
    name = f"{municipality.id}-план-мероприятия-{measure.number}.docx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
