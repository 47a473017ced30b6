"""Isolation: a municipal user never reads or changes another municipality's data through a
page, a form, a chart, a download or the API; others' ids answer 404 like unknown ones."""

from __future__ import annotations

import pytest
from django.test import Client
from webpage import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# Every route under a municipality, as a guessed id would reach it.
MUNICIPALITY_ROUTES = [
    "/m/{mid}/",
    "/m/{mid}/charts/levels.svg",
    "/m/{mid}/charts/dynamics.svg",
    "/m/{mid}/charts/groups.svg",
    "/m/{mid}/analysis/status/",
    "/m/{mid}/analysis/files/report.docx",
    "/m/{mid}/analysis/files/flags.csv",
    "/m/{mid}/analysis/indicators.xlsx",
    "/m/{mid}/import/",
]
ADMIN_ROUTES = ["/manage/users/", "/manage/audit/", "/manage/import/"]
EXPERT_ROUTES = ["/expert/"]


def test_visible_municipalities_follow_the_role(users) -> None:
    from mskoko.web.access import visible_municipalities

    assert [m.id for m in visible_municipalities(users["municipal"])] == ["M1"]
    assert [m.id for m in visible_municipalities(users["municipal2"])] == ["M2"]
    assert {m.id for m in visible_municipalities(users["expert"])} == {"M1", "M2"}
    assert {m.id for m in visible_municipalities(users["admin"])} == {"M1", "M2"}


def test_user_without_profile_sees_nothing(municipalities) -> None:
    from django.contrib.auth import get_user_model

    from mskoko.web.access import visible_municipalities

    stranger = get_user_model().objects.create_user("stranger", password="x" * 12)
    assert not visible_municipalities(stranger).exists()


@pytest.mark.parametrize("route", MUNICIPALITY_ROUTES)
def test_municipal_user_gets_404_for_another_municipality(login_as, analysis, route) -> None:
    client = login_as("municipal2")  # belongs to M2; M1 has an analysis with files
    assert client.get(route.format(mid="M1")).status_code == 404


@pytest.mark.parametrize("route", MUNICIPALITY_ROUTES)
def test_unknown_municipality_looks_the_same_as_another(login_as, route) -> None:
    assert login_as("municipal").get(route.format(mid="NOPE")).status_code == 404


def test_municipal_user_cannot_post_into_another_municipality(login_as, analysis) -> None:
    from mskoko.web.core.models import AnalysisRun

    client = login_as("municipal2")
    assert client.post("/m/M1/analysis/run/").status_code == 404
    assert client.post("/m/M1/import/", {}).status_code == 404
    assert not AnalysisRun.objects.exists()


def test_expert_sees_every_municipality_but_changes_none(login_as, analysis) -> None:
    client = login_as("expert")
    assert client.get("/m/M1/").status_code == 200
    assert client.get("/m/M2/").status_code == 200
    assert client.get("/m/M1/analysis/files/report.docx").status_code == 200
    assert client.get("/m/M1/import/").status_code == 403
    assert client.post("/m/M1/analysis/run/").status_code == 403


@pytest.mark.parametrize("route", ADMIN_ROUTES)
def test_admin_pages_are_closed_to_other_roles(login_as, route) -> None:
    assert login_as("municipal").get(route).status_code == 403
    assert login_as("expert").get(route).status_code == 403
    assert login_as("admin").get(route).status_code == 200


@pytest.mark.parametrize("route", EXPERT_ROUTES)
def test_expert_pages_are_closed_to_municipal_users(login_as, route) -> None:
    assert login_as("municipal").get(route).status_code == 403


def test_django_admin_is_for_administrators_only(login_as) -> None:
    assert login_as("admin").get("/admin/").status_code == 200
    assert login_as("expert").get("/admin/").status_code == 302  # to the admin's own login


def test_api_lists_only_the_users_municipality(users) -> None:

    client = Client()
    client.post("/api/session", {"login": "petrov", "password": PASSWORD},
                content_type="application/json")
    assert [m["id"] for m in client.get("/api/municipalities").json()] == ["M2"]


@pytest.mark.parametrize("guess", ["M1", "NOPE", "..", "M1%2F..%2F..", "%2E%2E"])
def test_api_flags_of_an_unseen_municipality_are_404(login_as, analysis, guess) -> None:
    response = login_as("municipal2").get(f"/api/municipalities/{guess}/flags")
    assert response.status_code == 404
    assert "objectivity_risk" not in response.content.decode()


def test_navigation_offers_each_role_only_what_it_may_open(login_as, analysis) -> None:
    from webpage import page

    def links(client, url: str) -> set[str]:  # type: ignore[no-untyped-def]
        return {a.get("href") for a in page(client.get(url)).xpath("//nav[@class='sidenav']//a")}

    municipal = links(login_as("municipal"), "/m/M1/")
    assert "/m/M1/import/" in municipal and not any(h.startswith("/expert/") for h in municipal)
    assert not any(h.startswith("/manage/") for h in municipal)
    expert = links(login_as("expert"), "/m/M1/")
    assert {"/expert/", "/expert/region/", "/m/M1/documents/"} <= expert
    assert "/m/M1/import/" not in expert and not any(h.startswith("/manage/") for h in expert)
    admin = links(login_as("admin"), "/m/M1/")
    assert {"/manage/users/", "/manage/audit/", "/manage/rulebooks/", "/m/M1/import/"} <= admin
