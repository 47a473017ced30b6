"""`mskoko demo`: the main job on a demonstration region, with progress and a summary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mskoko.cli.common import out, user_errors


def demo_command(
    out_dir: Annotated[
        Path, typer.Option("--out", help="Папка для результатов (пересоздаётся).")
    ] = Path("mskoko-demo"),
) -> None:
    """Сгенерировать демонстрационный регион и выполнить весь сценарий от данных до оценки."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from mskoko.config import workspace_home
    from mskoko.demo.job import run_demo

    with user_errors(), Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=out
    ) as progress:
        task = progress.add_task("Подготовка…", total=None)
        outcome = run_demo(out_dir, step=lambda text: progress.update(task, description=text))
        progress.update(task, description="Готово")

    out.rule(f"Демонстрационный муниципалитет: {outcome.municipality_name}")
    for fact in outcome.facts:
        out.print(f"• {fact}", highlight=False)
    table = Table(title=f"Что сделано — в папке {outcome.out_dir}", show_lines=False)
    table.add_column("Раздел")
    table.add_column("Файлы")
    for section, paths in outcome.files.items():
        names = [str(p.relative_to(outcome.out_dir)) for p in paths]
        shown = ", ".join(names[:6]) + (f" и ещё {len(names) - 6}" if len(names) > 6 else "")
        table.add_row(section, shown)
    out.print(table)
    users = Table(title="Веб-приложение: демонстрационные пользователи")
    for column in ("Логин", "Роль", "Пароль", "Муниципалитет"):
        users.add_column(column)
    roles = {"municipal": "специалист муниципалитета", "expert": "эксперт", "admin": "администратор"}
    for login, role, password, municipality in outcome.users:
        users.add_row(login, roles[role], password, municipality or "все")
    out.print(users)
    out.print(
        f"Рабочая область: {workspace_home()}. Запустите веб-приложение командой "
        "[bold].venv/bin/mskoko serve[/] (или [bold]make serve[/]) и откройте "
        "http://127.0.0.1:8000/ в браузере."
    )
