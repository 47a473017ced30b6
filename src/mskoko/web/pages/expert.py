"""The regional expert's pages: municipalities with status, one municipality's documents and
proposals with the scorecard (scores and comments per criterion), totals, index, profile."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from mskoko.errors import MskokoError, ProblemReport
from mskoko.web import document_store
from mskoko.web.access import expert_only, visible_municipality
from mskoko.web.core.models import Document, Municipality
from mskoko.web.pages.common import CONTENT_TYPES
from mskoko.web.scoring_context import (
    chosen_year,
    pick_track,
    region_statuses,
    scorecard,
    scoring_years,
)

View = Callable[..., HttpResponse]


def score_repository(request: HttpRequest) -> Any:
    from mskoko.web.scoring.repository import DjangoScoreRepository

    return DjangoScoreRepository(actor=request.user)


@expert_only
def expert_home(request: HttpRequest) -> HttpResponse:
    years = scoring_years()
    year = chosen_year(request, years)
    rulebook = document_store.rulebook_for_year(year)
    period = score_repository(request).period(year)
    return render(request, "mskoko/expert/home.html", {
        "years": years, "year": year, "period": period, "rulebook": rulebook,
        "rows": region_statuses(year, request.user.get_username(), rulebook),
    })


def scoring_page(view: View) -> View:
    """An expert's view of one municipality in a year: resolves ``mid`` and the year."""

    @expert_only
    @wraps(view)
    def wrapped(request: HttpRequest, mid: str, *args: Any, **kwargs: Any) -> HttpResponse:
        municipality = visible_municipality(request.user, mid)
        request.municipality = municipality  # type: ignore[attr-defined]
        year = chosen_year(request, scoring_years())
        return view(request, municipality, year, *args, **kwargs)

    return wrapped


def _scoring_context(request: HttpRequest, municipality: Municipality, year: int) -> dict[str, Any]:
    from mskoko.evaluation.model import COMBINE_LABELS_RU, ProposalKind
    from mskoko.evaluation.workflow import change_from_previous, municipality_result

    repo = score_repository(request)
    period = repo.period(year)
    rulebook = document_store.rulebook_for_year(year)
    result = municipality_result(repo, rulebook, municipality.id, year)
    proposals = repo.proposals(year, municipality.id)
    login = request.user.get_username()
    penalty_titles = {p.id: p.title for p in rulebook.penalties}
    try:
        change = change_from_previous(repo, document_store.rulebook_for_year, result)
    except MskokoError:
        change = None
    systems = scorecard(rulebook, result, proposals, login)
    documents = list(Document.objects.filter(municipality=municipality, year=year))
    track = pick_track(systems, request.GET.get("track") or request.POST.get("track_id"))
    return {
        "municipality": municipality,
        "year": year,
        "years": scoring_years(),
        "systems": systems,
        "track": track,
        "period": period,
        "combine_label": COMBINE_LABELS_RU[period.combine],
        "rulebook": rulebook,
        "result": result,
        "change": change,
        "penalty_proposals": [
            {"p": p, "title": penalty_titles.get(p.criterion_id, p.criterion_id)}
            for p in proposals if p.kind is ProposalKind.PENALTY
        ],
        "my_penalties": [p for p in repo.penalties(year, municipality.id) if p.expert == login],
        "penalty_rules": rulebook.penalties,
        "penalty_titles": penalty_titles,
        "tracks": [(t.id, f"{s.id} · {t.title}") for s, t in rulebook.tracks()],
        "documents": documents,
        "track_documents": [d for d in documents if track and track.track_id in d.tracks],
        "login": login,
    }


def _back(municipality: Municipality, year: int, anchor: str = "") -> HttpResponse:
    return redirect(f"{reverse('scoring', args=[municipality.id])}?year={year}{anchor}")


@scoring_page
def scoring(request: HttpRequest, municipality: Municipality, year: int) -> HttpResponse:
    return render(request, "mskoko/expert/scoring.html",
                  _scoring_context(request, municipality, year))


@require_POST
@scoring_page
def save_score(request: HttpRequest, municipality: Municipality, year: int) -> HttpResponse:
    """Save (or with empty points, withdraw) my score and comment for one criterion."""
    from mskoko.evaluation.model import ExpertScore
    from mskoko.evaluation.workflow import remove_entry, save_entries

    track_id = request.POST.get("track_id", "")
    criterion_id = request.POST.get("criterion_id", "")
    points_text = request.POST.get("points", "").strip().replace(",", ".")
    comment = request.POST.get("comment", "").strip()
    login = request.user.get_username()
    repo = score_repository(request)
    rulebook = document_store.rulebook_for_year(year)
    error = ""
    try:
        if points_text == "":
            mine = {s.key for s in repo.scores(year, municipality.id) if s.expert == login}
            if (track_id, criterion_id) in mine:
                remove_entry(repo, municipality.id, year, login, track_id, criterion_id)
        else:
            try:
                points = float(points_text)
            except ValueError:
                raise MskokoError(f"Балл «{points_text}» — не число.") from None
            save_entries(repo, rulebook, [ExpertScore(
                municipality.id, year, track_id, criterion_id, points, login, comment)])
    except ProblemReport as report:
        error = "; ".join(p.message for p in report.problems)
    except MskokoError as error_:
        error = str(error_)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return _back(municipality, year, f"&track={track_id}")
    context = _scoring_context(request, municipality, year)
    track = context["track"]
    row = next((r for r in (track.rows if track else [])
                if (r.item.track_id, r.item.criterion_id) == (track_id, criterion_id)), None)
    if row is None:
        return HttpResponse("Нет такого критерия в методике периода.", status=400)
    row.error = error
    return render(request, "mskoko/expert/score_row_response.html",
                  {**context, "row": row}, status=200)


@require_POST
@scoring_page
def save_penalty(request: HttpRequest, municipality: Municipality, year: int) -> HttpResponse:
    from mskoko.evaluation.model import ExpertPenalty
    from mskoko.evaluation.workflow import remove_entry, save_entries

    login = request.user.get_username()
    track_id = request.POST.get("track_id", "")
    rule_id = request.POST.get("rule_id", "")
    repo = score_repository(request)
    try:
        if request.POST.get("remove"):
            remove_entry(repo, municipality.id, year, login, track_id, rule_id, penalty=True)
            messages.success(request, "Штраф снят.")
        else:
            points = -abs(float(request.POST.get("points", "0").replace(",", ".") or 0))
            save_entries(repo, document_store.rulebook_for_year(year), (), [ExpertPenalty(
                municipality.id, year, track_id, rule_id, points, login,
                request.POST.get("comment", "").strip())])
            messages.success(request, "Штраф назначен.")
    except ProblemReport as report:
        messages.error(request, "; ".join(p.message for p in report.problems))
    except (MskokoError, ValueError) as error:
        messages.error(request, str(error))
    return _back(municipality, year, "#penalties")


@require_POST
@scoring_page
def accept(request: HttpRequest, municipality: Municipality, year: int) -> HttpResponse:
    """Make the automatic proposals my scores where I have not scored yet."""
    from mskoko.evaluation.workflow import accept_proposals

    track = request.POST.get("track_id", "")
    try:
        done = accept_proposals(score_repository(request), document_store.rulebook_for_year(year),
                                municipality.id, year, request.user.get_username(),
                                tracks=[track] if track else ())
    except MskokoError as error:
        messages.error(request, str(error))
    else:
        kept = f" Ваши прежние баллы сохранены по {len(done.kept)} критериям." if done.kept else ""
        messages.success(
            request,
            f"Принято предложений: {len(done.scores)} баллов и {len(done.penalties)} штрафов.{kept}",
        )
    return _back(municipality, year, f"&track={track}" if track else "")


@require_POST
@scoring_page
def propose(request: HttpRequest, municipality: Municipality, year: int) -> HttpResponse:
    """Recompute the proposals from the municipality's documents of the year."""
    try:
        if document_store.refresh_proposals(municipality, year):
            messages.success(request, "Предложения пересчитаны по загруженным документам.")
        else:
            messages.error(request, f"Период оценки {year} года закрыт: предложения не меняются.")
    except MskokoError as error:
        messages.error(request, str(error))
    return _back(municipality, year)


@scoring_page
def profile_svg(request: HttpRequest, municipality: Municipality, year: int) -> HttpResponse:
    from mskoko.evaluation.charts import render_profile

    context = _scoring_context(request, municipality, year)
    with tempfile.TemporaryDirectory() as folder:
        path = render_profile(context["result"], Path(folder) / "profile.svg")
        response = HttpResponse(path.read_bytes(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


@scoring_page
def scorecard_xlsx(request: HttpRequest, municipality: Municipality, year: int) -> HttpResponse:
    from mskoko.evaluation.export import export_scorecard_xlsx
    from mskoko.web import audit

    context = _scoring_context(request, municipality, year)
    audit.record(request.user, "export", object_type="scorecard", object_id=year,
                 municipality=municipality)
    return xlsx_response(
        lambda path: export_scorecard_xlsx(context["result"], path, context["change"]),
        f"{municipality.id}-{year}-оценка.xlsx",
    )


def xlsx_response(make: Callable[[Path], Path], filename: str) -> HttpResponse:
    """An XLSX the core writes to a path, sent from memory (no temporary file is left)."""
    with tempfile.TemporaryDirectory() as folder:
        data = make(Path(folder) / "export.xlsx").read_bytes()
    response = HttpResponse(data, content_type=CONTENT_TYPES[".xlsx"])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
