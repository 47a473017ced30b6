"""`mskoko serve`: the web application on the workspace database, served by waitress."""

from __future__ import annotations

from typing import Annotated

import typer

from mskoko.cli.common import err, out, user_errors


def serve_command(
    host: Annotated[str, typer.Option("--host", help="Адрес, на котором слушать.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Порт.")] = 8000,
    threads: Annotated[int, typer.Option("--threads", help="Число потоков для запросов.")] = 8,
) -> None:
    """Запустить веб-приложение (база рабочей области MSKOKO_HOME или MSKOKO_DATABASE_URL)."""
    with user_errors():
        from mskoko.web.bootstrap import setup_django

        setup_django()  # applies migrations: a fresh workspace is ready to use
        from django.contrib.auth import get_user_model
        from waitress import serve

        from mskoko.config import database_url, workspace_home
        from mskoko.web.wsgi import application

        where = "PostgreSQL (MSKOKO_DATABASE_URL)" if database_url() else str(workspace_home())
        out.print(f"МСОКО: рабочая область — {where}")
        if not get_user_model().objects.exists():
            err.print(
                "[yellow]Пользователей ещё нет.[/] Создайте администратора: "
                "echo 'пароль' | mskoko users add admin --role admin --password-stdin",
                highlight=False,
            )
        shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
        out.print(f"Откройте в браузере: http://{shown}:{port}/  (остановка — Ctrl+C)")
        serve(application, host=host, port=port, threads=threads, ident="mskoko")
