"""`mskoko users add|list`: accounts and roles of the web application."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from mskoko.cli.common import out, user_errors

app = typer.Typer(
    name="users",
    help="Пользователи веб-приложения: специалисты муниципалитетов, эксперты, администраторы.",
    no_args_is_help=True,
    add_completion=False,
)


class RoleOption(StrEnum):
    municipal = "municipal"
    expert = "expert"
    admin = "admin"


@app.command("add")
def add(
    login: Annotated[str, typer.Argument(help="Логин нового пользователя.")],
    role: Annotated[RoleOption, typer.Option(
        "--role",
        help="municipal — специалист муниципалитета, expert — региональный эксперт, "
        "admin — администратор.",
    )],
    municipality: Annotated[str | None, typer.Option(
        "--municipality", help="Код муниципалитета (обязателен для роли municipal)."
    )] = None,
    full_name: Annotated[str, typer.Option("--name", help="Фамилия и имя (необязательно).")] = "",
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Прочитать пароль из стандартного ввода (первая строка)."
    )] = False,
) -> None:
    """Создать пользователя; пароль читается из стандартного ввода."""
    from mskoko.errors import MskokoError

    with user_errors():
        if not password_stdin:
            raise MskokoError(
                "Пароль передаётся только через стандартный ввод: добавьте --password-stdin, "
                "например: echo 'пароль' | mskoko users add ivanova --role expert --password-stdin"
            )
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise MskokoError("Пароль не получен: стандартный ввод пуст.")
        from mskoko.web.bootstrap import setup_django

        setup_django()
        from mskoko.web.accounts.users import create_user

        user = create_user(login, role=role.value, password=password,
                           municipality_id=municipality, full_name=full_name)
    where = f", муниципалитет {municipality}" if municipality else ""
    out.print(f"Пользователь «{user.get_username()}» создан: роль {role.value}{where}.")


@app.command("list")
def list_command() -> None:
    """Показать пользователей, их роли и муниципалитеты."""
    from rich.table import Table

    from mskoko.web.bootstrap import setup_django

    with user_errors():
        setup_django()
        from mskoko.web.accounts.users import list_users

        rows = list_users()
    if not rows:
        out.print("Пользователей пока нет: создайте первого командой «mskoko users add».")
        return
    table = Table(title="Пользователи")
    for column in ("Логин", "Имя", "Роль", "Муниципалитет", "Активен", "Последний вход"):
        table.add_column(column)
    for r in rows:
        municipality = f"{r.municipality_name} ({r.municipality_id})" if r.municipality_id else "—"
        last = r.last_login.strftime("%d.%m.%Y %H:%M") if r.last_login else "—"
        table.add_row(r.login, r.full_name or "—", r.role_label, municipality,
                      "да" if r.active else "нет", last)
    out.print(table)
