"""Rulebook editions (administrator): the shipped and the region's own editions, a new
edition uploaded as YAML (checked, every problem listed), and the edition of each scoring year."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mskoko.config import workspace_home
from mskoko.errors import MskokoError
from mskoko.web import audit
from mskoko.web.access import admin_only
from mskoko.web.pages.common import file_download
from mskoko.web.pages.expert import score_repository
from mskoko.web.scoring_context import scoring_years

MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Edition:
    key: str  # what a period stores: a shipped id, or the path of a workspace file
    id: str
    title: str
    region: str
    year: int
    shipped: bool
    path: Path


def workspace_editions_dir() -> Path:
    return workspace_home() / "rulebooks"


def editions() -> list[Edition]:
    """Shipped editions, then the region's own editions stored in the workspace."""
    from mskoko.rulebook import list_editions, load_rulebook

    found = [Edition(e.id, e.id, e.title, e.region, e.year, True, e.path) for e in list_editions()]
    folder = workspace_editions_dir()
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            rb = load_rulebook(path)
        except MskokoError:
            continue  # only valid files are ever stored here
        found.append(Edition(str(path), rb.id, rb.title, rb.region, rb.year, False, path))
    return found


@admin_only
def rulebooks(request: HttpRequest) -> HttpResponse:
    from mskoko.rulebook import DEFAULT_EDITION

    problems: list[str] = []
    if request.method == "POST":
        problems = _upload(request)
        if not problems:
            return redirect("rulebooks")
    repo = score_repository(request)
    all_editions = editions()
    titles = {e.key: f"{e.id} — {e.title}" for e in all_editions}
    periods = [(p, titles.get(p.rulebook_id or DEFAULT_EDITION, p.rulebook_id))
               for p in (repo.period(y) for y in scoring_years())]
    return render(request, "mskoko/manage/rulebooks.html", {
        "editions": all_editions, "periods": periods, "problems": problems,
        "default_edition": DEFAULT_EDITION,
    })


def _upload(request: HttpRequest) -> list[str]:
    """Check an uploaded YAML edition and keep it in the workspace; the problems if refused."""
    import mskoko.documents.check  # noqa: F401  (registers the check kinds and their params)
    from mskoko.rulebook import load_rulebook, validate_file
    from mskoko.rulebook.registry import known_kinds

    upload = request.FILES.get("edition")
    if upload is None:
        return ["Выберите файл редакции (YAML)."]
    if Path(upload.name).suffix.lower() not in (".yaml", ".yml") or upload.size > MAX_BYTES:
        return [f"Файл «{upload.name}»: нужна редакция в формате YAML не больше 2 МБ."]
    with tempfile.TemporaryDirectory() as folder:
        candidate = Path(folder) / Path(upload.name).name
        candidate.write_bytes(upload.read())
        found = validate_file(candidate, known_kinds())
        if found:
            return [p.format_ru() for p in found]
        rulebook = load_rulebook(candidate)
        target = workspace_editions_dir() / f"{rulebook.id}.yaml"
        shipped = {e.id for e in editions() if e.shipped}
        if rulebook.id in shipped:
            return [f"Редакция «{rulebook.id}» уже есть среди встроенных: дайте своей другой id."]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(candidate.read_bytes())
    audit.record(request.user, "rulebook_uploaded", object_type="rulebook", object_id=rulebook.id)
    messages.success(request, f"Редакция «{rulebook.id}» проверена и сохранена.")
    return []


@admin_only
def rulebook_file(request: HttpRequest, edition_id: str) -> HttpResponse:
    for edition in editions():
        if edition.id == edition_id:
            return file_download(edition.path, f"{edition.id}.yaml")
    raise Http404("Нет такой редакции")


@require_POST
@admin_only
def assign(request: HttpRequest) -> HttpResponse:
    """Set the edition a scoring year is scored by (refused for a closed period)."""
    from mskoko.evaluation.workflow import configure_period

    keys = {e.key for e in editions()}
    key = request.POST.get("edition", "")
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = 0
    if key not in keys or not 2000 <= year <= 2100:
        messages.error(request, "Выберите год и редакцию из списка.")
        return redirect("rulebooks")
    try:
        configure_period(score_repository(request), year, rulebook_id=key)
    except MskokoError as error:
        messages.error(request, str(error))
    else:
        audit.record(request.user, "rulebook_assigned", object_type="scoring_period",
                     object_id=year, details={"rulebook": key})
        messages.success(request, f"Оценка {year} года ведётся по редакции «{Path(key).stem}».")
    return redirect("rulebooks")
