"""The `mskoko` command: registers each command group; heavy imports happen inside commands."""

from __future__ import annotations

import typer

from mskoko.cli import roadmap, rulebook, score, users
from mskoko.cli.analyze import analyze
from mskoko.cli.check import check
from mskoko.cli.demo import demo_command
from mskoko.cli.i18n import install_russian_cli
from mskoko.cli.importing import import_command
from mskoko.cli.serve import serve_command

install_russian_cli()  # Click/Typer's own texts (usage, panels, errors) in Russian

app = typer.Typer(
    name="mskoko",
    help="МСОКО — муниципальная система управления качеством образования.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

app.command("demo", help="Демонстрационный регион: весь сценарий от данных до оценки.")(
    demo_command
)
app.command("import", help="Проверить и загрузить данные в рабочую область.")(import_command)
app.command(
    "analyze", help="Показатели, признаки необъективности, низкие результаты и справка."
)(analyze)
app.command("check", help="Проверить документы (DOCX, PDF, TXT/MD) по критериям правил.")(check)
app.command("serve", help="Запустить веб-приложение.")(serve_command)
app.add_typer(roadmap.app, name="roadmap", help="Управленческий цикл и дорожная карта.")
app.add_typer(rulebook.app, name="rulebook", help="Правила оценивания (методика).")
app.add_typer(score.app, name="score", help="Экспертное оценивание, итоги, индекс, сравнение.")
app.add_typer(users.app, name="users", help="Пользователи веб-приложения и их роли.")


if __name__ == "__main__":
    app()
