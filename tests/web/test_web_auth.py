"""Login, throttling of repeated failures, logout, CSRF, password hashing, cookie settings."""

from __future__ import annotations

import pytest
from django.test import Client
from webpage import PASSWORD, page, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_login_page_is_russian_and_has_csrf_token(client: Client) -> None:
    html = page(client.get("/login/"))
    assert html.xpath("//h1")[0].text == "Вход в систему"
    assert html.xpath("//input[@name='csrfmiddlewaretoken']")
    assert html.get("lang") == "ru"


def test_anonymous_user_is_sent_to_login(client: Client, municipalities) -> None:
    response = client.get("/m/M1/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/m/M1/")


def test_wrong_password_is_refused_with_a_russian_message(client: Client, users) -> None:
    response = client.post("/login/", {"login": "ivanova", "password": "не тот"})
    assert response.status_code == 200
    assert "Неверный логин или пароль." in text_of(page(response))
    assert "_auth_user_id" not in client.session


def test_municipal_specialist_lands_on_own_dashboard(client: Client, users) -> None:
    response = client.post("/login/", {"login": "ivanova", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/")["Location"] == "/m/M1/"


def test_expert_and_admin_land_on_the_municipality_list(client: Client, users) -> None:
    for login in ("expert", "admin"):
        c = Client()
        c.post("/login/", {"login": login, "password": PASSWORD})
        assert c.get("/")["Location"] == "/expert/"


def test_login_redirect_ignores_other_sites(client: Client, users) -> None:
    response = client.post(
        "/login/", {"login": "ivanova", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_five_failures_lock_the_login_even_for_the_right_password(
    client: Client, users, settings
) -> None:
    from mskoko.web.core.models import AuditEntry

    for _ in range(settings.MSKOKO_LOGIN_MAX_FAILURES - 1):
        assert client.post("/login/", {"login": "ivanova", "password": "x"}).status_code == 200
    fifth = client.post("/login/", {"login": "ivanova", "password": "x"})
    assert fifth.status_code == 429
    assert "Слишком много неудачных попыток" in text_of(page(fifth))

    right = client.post("/login/", {"login": "IVANOVA", "password": PASSWORD})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="login_locked", object_id="IVANOVA").exists()


def test_the_lock_is_per_address(client: Client, users, settings) -> None:
    for _ in range(settings.MSKOKO_LOGIN_MAX_FAILURES):
        client.post("/login/", {"login": "ivanova", "password": "x"}, REMOTE_ADDR="10.0.0.9")
    other = Client(REMOTE_ADDR="10.0.0.10")
    assert other.post("/login/", {"login": "ivanova", "password": PASSWORD}).status_code == 302


def test_the_lock_ends_after_its_time(client: Client, users, settings) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from mskoko.web.accounts.models import LoginThrottle

    for _ in range(settings.MSKOKO_LOGIN_MAX_FAILURES):
        client.post("/login/", {"login": "ivanova", "password": "x"})
    LoginThrottle.objects.update(locked_until=timezone.now() - timedelta(seconds=1))
    assert client.post("/login/", {"login": "ivanova", "password": PASSWORD}).status_code == 302
    assert not LoginThrottle.objects.exists()


def test_success_resets_the_failure_count(client: Client, users, settings) -> None:
    from mskoko.web.accounts.models import LoginThrottle

    client.post("/login/", {"login": "ivanova", "password": "x"})
    assert LoginThrottle.objects.get().failures == 1
    client.post("/login/", {"login": "ivanova", "password": PASSWORD})
    assert not LoginThrottle.objects.exists()


def test_login_form_without_csrf_token_is_refused(users) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"login": "ivanova", "password": PASSWORD})
    assert response.status_code == 403
    assert "Форма устарела" in response.content.decode()


def test_logout_needs_post_and_ends_the_session(login_as) -> None:
    client = login_as("municipal")
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/")["Location"] == "/login/"
    assert client.get("/m/M1/").status_code == 302


def test_passwords_are_stored_as_argon2_hashes(argon2_hashing, users) -> None:
    user = users["municipal"]
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
    assert PASSWORD not in user.password


def test_session_cookie_is_http_only_and_same_site(client: Client, users) -> None:
    response = client.post("/login/", {"login": "ivanova", "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_pages_forbid_framing_and_foreign_scripts(login_as) -> None:
    response = login_as("municipal").get("/m/M1/")
    assert response["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in response["Content-Security-Policy"]
