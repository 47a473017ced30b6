"""Administrator's pages: creating users with roles, the audit log."""

from __future__ import annotations

import pytest
from webpage import page, text_of

pytestmark = pytest.mark.django_db


def _new_user(client, **fields):  # type: ignore[no-untyped-def]
    data = {"login": "sokolova", "full_name": "Анна Соколова", "role": "municipal",
            "municipality": "M2", "password": "Другой-пароль-77", "password_again":
            "Другой-пароль-77"}
    data.update(fields)
    return client.post("/manage/users/", data)


def test_users_page_lists_accounts_with_roles(login_as) -> None:
    html = page(login_as("admin").get("/manage/users/"))
    rows = {text_of(r.xpath("./td[1]/strong")[0]): text_of(r) for r in html.xpath("//tbody/tr")}
    assert "специалист муниципалитета" in rows["ivanova"]
    assert "Первый городской округ" in rows["ivanova"]
    assert "региональный эксперт" in rows["expert"]


def test_admin_creates_a_municipal_user_who_can_log_in(login_as, client) -> None:
    from mskoko.web.core.models import AuditEntry

    response = _new_user(login_as("admin"))
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="user_created", object_id="sokolova",
                                     actor="admin").exists()
    client.post("/login/", {"login": "sokolova", "password": "Другой-пароль-77"})
    assert client.get("/")["Location"] == "/m/M2/"


def test_municipal_user_without_municipality_is_refused(login_as) -> None:
    html = page(_new_user(login_as("admin"), municipality=""))
    assert "Выберите муниципалитет специалиста." in text_of(html)


def test_weak_or_mismatched_passwords_are_refused(login_as) -> None:
    client = login_as("admin")
    assert "Пароли не совпадают." in text_of(page(_new_user(client, password_again="x")))
    weak = text_of(page(_new_user(client, password="12345678", password_again="12345678")))
    assert "Пароль не принят" in weak


def test_duplicate_login_is_refused(login_as) -> None:
    html = page(_new_user(login_as("admin"), login="Ivanova"))
    assert "Пользователь «Ivanova» уже существует." in text_of(html)


def test_audit_log_shows_who_did_what_and_filters(login_as) -> None:
    client = login_as("admin")
    _new_user(client)
    html = page(client.get("/manage/audit/?action=user_created"))
    rows = [text_of(r) for r in html.xpath("//tbody/tr")]
    assert any("admin" in r and "создан пользователь" in r and "sokolova" in r for r in rows)
    assert all("создан пользователь" in r for r in rows)
