"""The REST API (CONTRACT section 3), with exactly the rights of the pages.

CSRF: ``POST /api/session`` is the only unsafe route and carries no session yet, so it has
no CSRF token to check; instead it accepts only ``Content-Type: application/json``, which a
cross-site HTML form cannot send and a cross-site script cannot send without a CORS
preflight this server never approves. Every other route is a read (GET).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.security import django_auth

from mskoko.web.access import (
    home_municipality,
    role_of,
    visible_municipalities,
    visible_municipality,
)
from mskoko.web.analysis_files import read_flags
from mskoko.web.pages.auth import attempt_login

api = NinjaAPI(
    title="МСОКО API",
    version="1",
    description=(
        "Программный интерфейс МСОКО: вход, список доступных муниципалитетов и флаги "
        "аналитики. Права те же, что на страницах: специалист муниципалитета видит только "
        "свой муниципалитет."
    ),
    urls_namespace="api",
    # Served at the site root (/openapi.json) by mskoko.web.urls, as the contract says.
    openapi_url=None,
    docs_url=None,
)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Требуется вход: POST /api/session с логином и паролем."}, status=401
    )


class Health(Schema):
    status: str


class Credentials(Schema):
    login: str
    password: str


class SessionOut(Schema):
    login: str
    role: str | None
    municipality_id: str | None


class Message(Schema):
    detail: str


class MunicipalityOut(Schema):
    id: str
    name: str
    organizations: int


class FlagOut(Schema):
    org_id: str
    year: int
    flag: str
    severity: float | str | None
    evidence: str


@api.get("/health", response=Health, summary="Проверка работоспособности")
def health(request: HttpRequest) -> dict[str, str]:
    return {"status": "ok"}


@api.post(
    "/session",
    response={200: SessionOut, 401: Message, 415: Message, 429: Message},
    summary="Вход: сессия по логину и паролю",
)
def create_session(request: HttpRequest, credentials: Credentials) -> Any:
    content_type = request.content_type or ""
    if content_type != "application/json":
        raise HttpError(415, "Ожидается JSON (Content-Type: application/json).")
    outcome = attempt_login(request, credentials.login, credentials.password)
    if outcome.user is None:
        raise HttpError(429 if outcome.locked else 401, outcome.error)
    user = outcome.user
    own = home_municipality(user)
    return {
        "login": user.get_username(),
        "role": role_of(user),
        "municipality_id": own.id if own else None,
    }


@api.get(
    "/municipalities",
    response=list[MunicipalityOut],
    auth=django_auth,
    summary="Муниципалитеты, доступные пользователю",
)
def municipalities(request: HttpRequest) -> list[dict[str, Any]]:
    rows = visible_municipalities(request.user).annotate(n=Count("organizations")).order_by("name")
    return [{"id": m.id, "name": m.name, "organizations": m.n} for m in rows]


@api.get(
    "/municipalities/{municipality_id}/flags",
    response={200: list[FlagOut], 404: Message},
    auth=django_auth,
    summary="Флаги аналитики организаций муниципалитета (как flags.csv)",
)
def municipality_flags(request: HttpRequest, municipality_id: str) -> Any:
    try:
        municipality = visible_municipality(request.user, municipality_id)
    except Http404 as error:  # another municipality's id looks exactly like an unknown one
        raise HttpError(404, "Муниципалитет не найден") from error
    return read_flags(municipality.id).to_dict("records")


def openapi_json(request: HttpRequest) -> JsonResponse:
    """The OpenAPI description at the site root (``/openapi.json``)."""
    schema = api.get_openapi_schema(path_prefix="/api/")
    return JsonResponse(schema, json_dumps_params={"ensure_ascii": False})
