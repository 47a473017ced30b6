"""The `mskoko` command: registers each command group; heavy imports happen inside commands."""

from __future__ import annotations

import typer

from mskoko.cli.importing import import_command

app = typer.Typer(
    name="mskoko",
    help="МСОКО — муниципальная система управления качеством образования.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

app.command("import", help="Проверить и загрузить данные в рабочую область.")(import_command)


def _register_groups() -> None:
    from mskoko.cli import rulebook, score
    from mskoko.cli.check import check

    app.command("check", help="Проверить документы (DOCX, PDF, TXT/MD) по критериям правил.")(check)

    app.add_typer(rulebook.app, name="rulebook", help="Правила оценивания (методика): list, show, validate.")
    app.add_typer(score.app, name="score", help="Экспертное оценивание, итоги, индекс, сравнение.")


_register_groups()


if __name__ == "__main__":
    app()
