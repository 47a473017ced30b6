"""The API of CONTRACT section 3: health, session, municipalities, flags, OpenAPI."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from webpage import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _session(login: str, password: str = PASSWORD) -> tuple[Client, int]:
    client = Client()
    response = client.post("/api/session", {"login": login, "password": password},
                           content_type="application/json")
    return client, response.status_code


def test_health_answers_ok(client: Client) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_session_login_sets_a_session_cookie(users) -> None:
    client = Client()
    response = client.post("/api/session", {"login": "ivanova", "password": PASSWORD},
                           content_type="application/json")
    assert response.status_code == 200
    assert response.json() == {"login": "ivanova", "role": "municipal", "municipality_id": "M1"}
    assert response.cookies["sessionid"].value


def test_session_login_with_wrong_password_is_401(users) -> None:
    client, status = _session("ivanova", "неверный")
    assert status == 401
    assert client.get("/api/municipalities").status_code == 401


def test_session_login_refuses_a_form_post(users) -> None:
    # A cross-site HTML form cannot send application/json: refusing other types stops login CSRF.
    response = Client().post(
        "/api/session", data=json.dumps({"login": "ivanova", "password": PASSWORD}),
        content_type="text/plain",
    )
    assert response.status_code == 415


def test_session_login_is_throttled_like_the_page(users, settings) -> None:
    for _ in range(settings.MSKOKO_LOGIN_MAX_FAILURES):
        _session("expert", "неверный")
    _, status = _session("expert")
    assert status == 429


def test_municipalities_without_session_is_401(client: Client, municipalities) -> None:
    response = client.get("/api/municipalities")
    assert response.status_code == 401
    assert "POST /api/session" in response.json()["detail"]


def test_municipalities_of_an_expert_are_all(users) -> None:
    client, _ = _session("expert")
    body = client.get("/api/municipalities").json()
    assert [(m["id"], m["name"]) for m in body] == [
        ("M2", "Второй муниципальный район"), ("M1", "Первый городской округ")]
    assert {m["id"]: m["organizations"] for m in body} == {"M1": 3, "M2": 1}


def test_municipalities_of_a_municipal_user_is_only_its_own(users) -> None:
    client, _ = _session("ivanova")
    assert [m["id"] for m in client.get("/api/municipalities").json()] == ["M1"]


def test_flags_are_those_of_flags_csv(users, analysis) -> None:
    client, _ = _session("ivanova")
    flags = client.get("/api/municipalities/M1/flags").json()
    assert [(f["org_id"], f["year"], f["flag"]) for f in flags] == [
        ("S3", 2024, "objectivity_risk"), ("S2", 2024, "low_results"), ("S2", 2023, "low_results")]
    assert flags[0]["severity"] == pytest.approx(0.82)
    assert flags[0]["evidence"].startswith("ВПР, математика, 5 класс")


def test_flags_before_any_analysis_are_an_empty_list(users, workspace) -> None:
    client, _ = _session("petrov")
    response = client.get("/api/municipalities/M2/flags")
    assert response.status_code == 200 and response.json() == []


def test_flags_of_another_municipality_are_404(users, analysis) -> None:
    client, _ = _session("petrov")
    assert client.get("/api/municipalities/M1/flags").status_code == 404


def test_flags_without_session_are_401(client: Client, analysis, municipalities) -> None:
    assert client.get("/api/municipalities/M1/flags").status_code == 401


def test_openapi_is_served_at_the_site_root(client: Client) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) >= {
        "/api/health", "/api/session", "/api/municipalities",
        "/api/municipalities/{municipality_id}/flags",
    }
    assert client.get("/api/openapi.json").status_code == 404
