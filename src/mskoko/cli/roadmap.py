"""`mskoko roadmap …`: the management cycle — import a roadmap, show the cycle's gaps, export
and generate its documents. Thin: open the workspace, call one core function, print."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from mskoko.cli.common import out, user_errors

app = typer.Typer(
    name="roadmap",
    help="Управленческий цикл и дорожная карта: загрузка, просмотр, выгрузка, документы.",
    no_args_is_help=True,
    add_completion=False,
)

Municipality = Annotated[str, typer.Option("--municipality", "-m", help="Код муниципалитета.")]
RulebookOption = Annotated[str | None, typer.Option(
    "--rulebook", help="Редакция методики (id или путь к YAML); по умолчанию — встроенная.")]


def _repository() -> Any:
    from mskoko.web.bootstrap import setup_django

    setup_django()
    from mskoko.web.cycle.repository import DjangoCycleRepository

    return DjangoCycleRepository()


def _rulebook(choice: str | None) -> Any:
    from mskoko.rulebook import load_rulebook

    return load_rulebook(choice) if choice else load_rulebook()


def _stored(repository: Any, municipality: str) -> Any:
    from mskoko.errors import MskokoError

    cycle = repository.load(municipality)
    if cycle is None:
        raise MskokoError(
            f"У муниципалитета «{municipality}» нет управленческого цикла. Загрузите дорожную "
            f"карту: mskoko roadmap import ФАЙЛ --municipality {municipality}"
        )
    return cycle


def _municipality_name(municipality: str) -> str:
    from mskoko.web.core.models import Municipality as Row

    row = Row.objects.filter(id=municipality).first()
    return row.name if row else municipality


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="Дорожная карта: DOCX, PDF, TXT/MD или YAML цикла.",
                                         exists=True, dir_okay=False)],
    municipality: Municipality,
    track: Annotated[str | None, typer.Option(
        "--track", help="Трек всех мер файла (например 1.1.1); без него трек определяется по "
        "заголовкам «Трек …» в документе.")] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Год дорожной карты.")] = None,
    rulebook: RulebookOption = None,
) -> None:
    """Загрузить дорожную карту в управленческий цикл муниципалитета (меры треков заменяются)."""
    from mskoko.cycle.importing import import_roadmap, merge_cycles
    from mskoko.cycle.serialize import load_yaml
    from mskoko.cycle.validation import validate_cycle
    from mskoko.errors import MskokoError

    with user_errors():
        repository = _repository()
        book = _rulebook(rulebook)
        if file.suffix.lower() in (".yaml", ".yml"):
            cycle = load_yaml(file)
            if cycle.municipality_id != municipality:
                raise MskokoError(
                    f"файл {file.name} описывает муниципалитет «{cycle.municipality_id}», "
                    f"а указан «{municipality}»")
        else:
            incoming = import_roadmap(file, municipality, _municipality_name(municipality), book,
                                      track_id=track, year=year)
            cycle = merge_cycles(repository.load(municipality), incoming)
        repository.save(cycle)
        count = sum(len(t.measures) for t in cycle.tracks)
        out.print(f"Загружено: треков — {len(cycle.tracks)}, мер — {count}.")
        problems = validate_cycle(cycle, book)
        if problems:
            out.print(f"[yellow]Замечания ({len(problems)}):[/]")
            for problem in problems[:30]:
                out.print(f"  • {problem.format_ru()}", markup=False, highlight=False)


@app.command("show")
def show_command(municipality: Municipality, rulebook: RulebookOption = None) -> None:
    """Показать по трекам, какие из девяти компонентов цикла есть, а каких нет."""
    from rich.table import Table

    from mskoko.cycle.completeness import cycle_completeness

    with user_errors(writes=False):
        cycle = _stored(_repository(), municipality)
        book = _rulebook(rulebook)
        out.print(f"[bold]{cycle.municipality_name}[/], {cycle.year} год")
        for entry in cycle_completeness(cycle, book):
            table = Table(title=f"Трек {entry.track_id}. {entry.title} — {entry.label}",
                          title_justify="left")
            table.add_column("Компонент")
            table.add_column("Есть")
            table.add_column("Количество", justify="right")
            for component in entry.components:
                mark = "[green]есть[/]" if component.present else "[red]нет[/]"
                table.add_row(component.title, mark, str(component.count))
            out.print(table)


@app.command("export")
def export_command(
    municipality: Municipality,
    out_file: Annotated[Path, typer.Option("--out", "-o", help="Файл: .docx, .xlsx или .yaml.")],
    rulebook: RulebookOption = None,
) -> None:
    """Выгрузить дорожную карту в DOCX, XLSX или YAML (по расширению файла)."""
    from mskoko.errors import MskokoError

    with user_errors(writes=False):
        cycle = _stored(_repository(), municipality)
        suffix = out_file.suffix.lower()
        if suffix == ".docx":
            from mskoko.documents.render import render_roadmap

            render_roadmap(cycle, _rulebook(rulebook), out_file)
        elif suffix == ".xlsx":
            from mskoko.documents.render import export_roadmap_xlsx

            export_roadmap_xlsx(cycle, _rulebook(rulebook), out_file)
        elif suffix in (".yaml", ".yml"):
            from mskoko.cycle.serialize import dump_yaml

            out_file.parent.mkdir(parents=True, exist_ok=True)
            dump_yaml(cycle, out_file)
        else:
            raise MskokoError(
                f"неизвестный формат «{out_file.suffix}»: укажите файл .docx, .xlsx или .yaml")
        out.print(f"Записано: {out_file}")


@app.command("generate")
def generate_command(
    municipality: Municipality,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Папка для документов.")],
    rulebook: RulebookOption = None,
) -> None:
    """Сформировать документы: дорожную карту, проект приказа, план проведения мероприятия,
    заключение об эффективности."""
    from mskoko.documents.render import render_all

    with user_errors(writes=False):
        cycle = _stored(_repository(), municipality)
        for path in render_all(cycle, _rulebook(rulebook), out_dir):
            out.print(f"Записано: {path}")
