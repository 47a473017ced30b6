"""`mskoko import DATA`: validate and store the registry and results, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mskoko.cli.common import out, user_errors


def import_command(
    data: Annotated[
        Path,
        typer.Argument(
            help="Папка или .zip с organizations, results и (необязательно) scales (CSV или XLSX)."
        ),
    ],
) -> None:
    """Проверить данные и сохранить их в рабочей области (всё или ничего)."""
    from rich.table import Table

    from mskoko import services

    with user_errors(), out.status("Загрузка данных…") as status:
        summary = services.import_data(data, progress=lambda text: status.update(text))
    table = Table(title="Загружено")
    for column in ("Муниципалитет", "Год", "Процедура", "Строк", "Заменено"):
        table.add_column(column)
    for p in summary.partitions:
        table.add_row(
            p["municipality_id"], str(p["year"]), p["procedure"], str(p["rows"]),
            str(p["replaced_rows"]),
        )
    out.print(table)
    out.print(
        f"Организаций: {summary.organizations}; строк результатов: {summary.result_rows}. "
        "Повторная загрузка того же года и процедуры заменяет данные."
    )
