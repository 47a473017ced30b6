"""Documents of a municipality: upload and automatic check (findings and advice beside the
document), the original file, and the documents generated from the municipality's data."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from mskoko.errors import MskokoError, ProblemReport
from mskoko.web import document_store, generated
from mskoko.web.access import can_edit
from mskoko.web.core.models import Document, Municipality
from mskoko.web.pages.common import CONTENT_TYPES, file_download, municipality_page

STATUS_LABELS = {"met": "выполнено", "partly": "частично", "not_met": "не выполнено"}


class DocumentUploadForm(forms.Form):
    file = forms.FileField(label="Документ (DOCX, PDF, TXT)")
    year = forms.IntegerField(label="Год оценки", min_value=2000, max_value=2100)
    track = forms.ChoiceField(
        label="Трек", required=False,
        help_text="Если не указан — определяется по названию трека или системы в тексте.",
    )

    def __init__(self, *args: object, tracks: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["track"].choices = [("", "— определить по тексту —"), *tracks]


def _documents_context(request: HttpRequest, municipality: Municipality) -> dict[str, object]:
    year = timezone.localdate().year
    form = DocumentUploadForm(initial={"year": year},
                              tracks=document_store.track_choices(year))
    return {
        "municipality": municipality,
        "documents": Document.objects.filter(municipality=municipality).select_related(
            "uploaded_by"),
        "form": form,
        "can_edit": can_edit(request.user, municipality),
        "generated": generated.available(municipality),
    }


@municipality_page()
def documents(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    return render(request, "mskoko/documents.html", _documents_context(request, municipality))


@require_POST
@municipality_page(edit=True)
def upload(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    year_text = request.POST.get("year") or str(timezone.localdate().year)
    tracks = document_store.track_choices(int(year_text)) if year_text.isdigit() else []
    form = DocumentUploadForm(request.POST, request.FILES, tracks=tracks)
    context = _documents_context(request, municipality)
    if form.is_valid():
        try:
            document = document_store.store_document(
                municipality, form.cleaned_data["file"], year=form.cleaned_data["year"],
                track_id=form.cleaned_data["track"] or None, user=request.user,
            )
        except ProblemReport as report:
            form.add_error("file", "; ".join(p.format_ru() for p in report.problems))
        except MskokoError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, f"Документ «{document.title}» загружен и проверен.")
            return redirect("document", municipality.id, document.pk)
    context["form"] = form
    return render(request, "mskoko/documents.html", context, status=400)


def _document_of(municipality: Municipality, pk: int) -> Document:
    # Scoped by the municipality already checked for the user: another's id is a 404.
    return get_object_or_404(Document, pk=pk, municipality=municipality)


@municipality_page()
def document_detail(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    document = _document_of(municipality, pk)
    context = _documents_context(request, municipality)
    result = document.check_result or {}
    context.update(
        document=document,
        result=result,
        findings=[{**f, "status_label": STATUS_LABELS.get(f.get("status"), f.get("status"))}
                  for f in result.get("findings", [])],
        track_titles=_track_titles(document),
    )
    return render(request, "mskoko/documents.html", context)


def _track_titles(document: Document) -> list[str]:
    try:
        rulebook = document_store.rulebook_for_year(document.year)
        return [f"{t} · {rulebook.track(t).title}" for t in document.tracks]
    except MskokoError:
        return list(document.tracks)


@municipality_page()
def document_file(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    document = _document_of(municipality, pk)
    path = document_store.document_path(document)
    if not path.is_file():
        raise Http404("Файл документа не найден в рабочей области")
    return file_download(path, document.title)


@require_POST
@municipality_page(edit=True)
def document_delete(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    document = _document_of(municipality, pk)
    title = document.title
    document_store.delete_document(document, request.user)
    messages.success(request, f"Документ «{title}» удалён.")
    return redirect("documents", municipality.id)


@municipality_page()
def generated_file(request: HttpRequest, municipality: Municipality, kind: str) -> HttpResponse:
    try:
        data, filename = generated.render(municipality, kind, request.user)
    except KeyError:
        raise Http404("Нет такого документа") from None
    except MskokoError as error:
        messages.error(request, str(error))
        return redirect("documents", municipality.id)
    response = HttpResponse(data, content_type=CONTENT_TYPES[Path(filename).suffix])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
