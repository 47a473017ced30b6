"""`mskoko analyze DATA`: indicators, flags and the analytical report from contract files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mskoko.cli.common import err, out, user_errors


def analyze(
    data: Annotated[Path, typer.Argument(
        help="Папка или .zip с organizations, results и (необязательно) scales (CSV или XLSX).",
    )],
    out_dir: Annotated[Path, typer.Option(
        "--out", "-o", help="Папка для flags.csv, indicators.csv и report.docx.",
    )] = Path("mskoko-out"),
    rulebook: Annotated[str | None, typer.Option(
        "--rulebook", "-r",
        help="Редакция правил (идентификатор или путь к YAML); по умолчанию — встроенная.",
    )] = None,
    engine: Annotated[str, typer.Option(
        "--engine", help="Движок расчётов: duckdb (встроенный) или spark.",
    )] = "duckdb",
    engine_url: Annotated[str | None, typer.Option(
        "--engine-url", help="Адрес кластера Spark, например spark://host:7077.",
    )] = None,
) -> None:
    """Рассчитать показатели, признаки необъективности, низкие результаты и аналитическую справку."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from mskoko.analytics import analyze as run_analysis
    from mskoko.analytics import write_outputs
    from mskoko.data import read_dataset
    from mskoko.rulebook import DEFAULT_EDITION, load_rulebook

    if engine not in ("duckdb", "spark"):
        err.print(f"[bold red]Ошибка:[/] неизвестный движок «{engine}»: допустимы duckdb и spark.")
        raise typer.Exit(code=2)
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with user_errors(), Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("Чтение и проверка данных", total=1.0)
        edition = load_rulebook(rulebook or DEFAULT_EDITION)
        dataset = read_dataset(data)
        progress.update(task, completed=0.05)

        def step(message: str, fraction: float) -> None:
            progress.update(task, description=message, completed=0.05 + 0.8 * fraction)

        result = run_analysis(dataset, edition, engine=engine, engine_url=engine_url,
                              progress=step)
        progress.update(task, description="Запись файлов и справки", completed=0.9)
        written = write_outputs(result, dataset, out_dir)
        progress.update(task, completed=1.0)
    counts = result.flags["flag"].value_counts()
    out.print(f"Готово: {', '.join(str(p) for p in written)}")
    out.print(
        "Отметки: "
        + (", ".join(f"{flag} — {int(n)}" for flag, n in counts.items()) if len(counts) else "нет")
        + f". Показателей: {len(result.indicators)} строк."
    )
