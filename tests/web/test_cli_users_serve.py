"""`mskoko users add|list` and `mskoko serve` through Typer's runner."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from mskoko.cli import serve, users

pytestmark = pytest.mark.django_db(transaction=True)

runner = CliRunner()


@pytest.fixture
def cli() -> typer.Typer:
    app = typer.Typer()
    app.add_typer(users.app, name="users")
    app.command("serve")(serve.serve_command)
    return app


def test_users_add_reads_the_password_from_stdin(cli, workspace) -> None:
    from django.contrib.auth import authenticate

    result = runner.invoke(cli, ["users", "add", "ivanova", "--role", "municipal",
                                 "--municipality", "M7", "--password-stdin"],
                           input="Надёжный-пароль-2024\n")
    assert result.exit_code == 0, result.output
    assert "Пользователь «ivanova» создан: роль municipal, муниципалитет M7." in result.output
    user = authenticate(username="ivanova", password="Надёжный-пароль-2024")
    assert user is not None and user.profile.municipality_id == "M7"


def test_users_add_without_password_stdin_explains(cli, workspace) -> None:
    result = runner.invoke(cli, ["users", "add", "x", "--role", "expert"])
    assert result.exit_code == 1
    assert "--password-stdin" in result.output


def test_municipal_role_needs_a_municipality(cli, workspace) -> None:
    result = runner.invoke(cli, ["users", "add", "x", "--role", "municipal", "--password-stdin"],
                           input="Надёжный-пароль-2024\n")
    assert result.exit_code == 1
    assert "нужен муниципалитет" in result.output


def test_admin_user_may_use_django_admin(cli, workspace) -> None:
    from django.contrib.auth import get_user_model

    runner.invoke(cli, ["users", "add", "root", "--role", "admin", "--password-stdin"],
                  input="Надёжный-пароль-2024\n")
    root = get_user_model().objects.get(username="root")
    assert root.is_staff and root.is_superuser and root.profile.role == "admin"


def test_users_list_shows_roles_and_municipalities(cli, workspace) -> None:
    runner.invoke(cli, ["users", "add", "expert1", "--role", "expert", "--password-stdin"],
                  input="Надёжный-пароль-2024\n")
    runner.invoke(cli, ["users", "add", "spec", "--role", "municipal", "--municipality", "M3",
                        "--password-stdin"], input="Надёжный-пароль-2024\n")
    # A wide terminal, or the runner's 80 columns would wrap the table.
    result = runner.invoke(cli, ["users", "list"], env={"COLUMNS": "160"})
    assert result.exit_code == 0
    assert "expert1" in result.output and "региональный эксперт" in result.output
    assert "M3" in result.output


def test_serve_starts_waitress_on_the_given_address(cli, workspace, monkeypatch) -> None:
    import waitress

    calls: list[dict] = []
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: calls.append({"app": app, **kw}))
    result = runner.invoke(cli, ["serve", "--host", "127.0.0.1", "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8765
    assert callable(calls[0]["app"])
    assert "http://localhost:8765/" in result.output
