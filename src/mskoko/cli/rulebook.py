"""`mskoko rulebook list|show|validate`: the editions of the methodology, read and checked."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

from mskoko.cli.common import err, out

if TYPE_CHECKING:
    from mskoko.errors import Problem
    from mskoko.rulebook import Rulebook

app = typer.Typer(
    name="rulebook",
    help="Правила оценки (методика): встроенные редакции, просмотр и проверка файла правил.",
    no_args_is_help=True,
    add_completion=False,
)

SECTIONS = {
    "summary": "обзор: системы и треки, критерии, штрафы, каталог, оценочный лист",
    "systems": "механизмы, системы и треки с целями и компонентами цикла",
    "functions": "функции МОУО и подтверждающие документы",
    "parameters": "параметры оценивания",
    "kinds": "виды документов, их обязательные элементы и критерии",
    "criteria": "критерии с баллами",
    "penalties": "штрафы",
    "catalogue": "региональные документы и примеры муниципальных мер",
    "analytics": "настройки аналитики",
    "scoring": "оценочный лист по трекам",
}


def _print_problems(title: str, problems: list[Problem]) -> None:
    err.print(f"[bold red]{title}[/]: найдено ошибок — {len(problems)}.", highlight=False)
    for problem in problems:
        err.print(f"  • {problem.format_ru()}", markup=False, highlight=False, soft_wrap=True)


def _load(id_or_path: str) -> Rulebook:
    from mskoko.errors import MskokoError, ProblemReport
    from mskoko.rulebook import load_rulebook

    try:
        return load_rulebook(id_or_path)
    except ProblemReport as report:
        _print_problems(report.title, report.problems)
        err.print(f"Подробнее: mskoko rulebook validate {id_or_path}", highlight=False)
        raise typer.Exit(code=1) from None
    except MskokoError as error:
        err.print(f"[bold red]Ошибка:[/] {error}", highlight=False)
        raise typer.Exit(code=1) from None


def _points(value: float) -> str:
    return f"{value:g}"


@app.command("list")
def list_command() -> None:
    """Показать встроенные редакции правил."""
    from rich.table import Table

    from mskoko.errors import MskokoError
    from mskoko.rulebook import DEFAULT_EDITION, list_editions

    try:
        editions = list_editions()
    except MskokoError as error:
        err.print(f"[bold red]Ошибка:[/] {error}", highlight=False)
        raise typer.Exit(code=1) from None
    table = Table(title="Встроенные редакции правил")
    for column in ("Редакция", "Название", "Регион", "Год", "Файл"):
        table.add_column(column)
    for edition in editions:
        mark = " (по умолчанию)" if edition.id == DEFAULT_EDITION else ""
        table.add_row(edition.id + mark, edition.title, edition.region, str(edition.year),
                      edition.path.name)
    out.print(table)
    out.print("Своя редакция: скопируйте файл, измените его и проверьте "
              "командой «mskoko rulebook validate ФАЙЛ».", highlight=False)


@app.command("show")
def show_command(
    edition: str | None = typer.Argument(
        None, help="Id встроенной редакции или путь к файлу YAML; по умолчанию — base-2023.",
        show_default=False,
    ),
    section: str = typer.Option(
        "summary", "--section", "-s",
        help="Раздел: " + "; ".join(f"{k} — {v}" for k, v in SECTIONS.items()) + ".",
    ),
) -> None:
    """Показать содержание редакции правил в читаемом виде."""
    if section not in SECTIONS:
        err.print(f"[bold red]Ошибка:[/] неизвестный раздел «{section}». "
                  f"Допустимые: {', '.join(SECTIONS)}.", highlight=False)
        raise typer.Exit(code=1)
    from mskoko.rulebook import DEFAULT_EDITION

    rulebook = _load(edition or DEFAULT_EDITION)
    _RENDERERS[section](rulebook)


@app.command("validate")
def validate_command(
    target: str = typer.Argument(..., help="Путь к файлу правил YAML или id встроенной редакции."),
) -> None:
    """Проверить файл правил: схема, ссылки, уникальность id, знаки штрафов, виды проверок."""
    from mskoko.errors import MskokoError
    from mskoko.rulebook import load_rulebook, resolve_rulebook_path, validate_file
    from mskoko.rulebook.registry import known_kinds

    # The document checker registers the built-in check kinds when it is installed.
    with contextlib.suppress(ImportError):
        import mskoko.documents.check  # noqa: F401
    try:
        path = resolve_rulebook_path(target)
    except MskokoError as error:
        err.print(f"[bold red]Ошибка:[/] {error}", highlight=False)
        raise typer.Exit(code=1) from None
    kinds = known_kinds() or None
    problems = validate_file(path, kinds)
    if problems:
        _print_problems(f"Правила в файле {path} содержат ошибки", problems)
        raise typer.Exit(code=1)
    rulebook = load_rulebook(path)
    out.print(f"Правила «{rulebook.id}» ({path}) корректны: {rulebook.title}.", highlight=False)
    if kinds is None:
        out.print("Виды проверок не сверены: модуль проверки документов не загружен.",
                  highlight=False)


# --- renderers -------------------------------------------------------------------


def _header(rb: Rulebook) -> None:
    from rich.panel import Panel

    body = f"[bold]{rb.title}[/]\nРедакция: {rb.id} · регион: {rb.region} · год: {rb.year} · " \
           f"схема {rb.schema_type} v{rb.schema_version}"
    if rb.description:
        body += f"\n\n{rb.description}"
    out.print(Panel(body, expand=False), highlight=False)


def _show_summary(rb: Rulebook) -> None:
    from mskoko.rulebook.scoring import scorecard_items, scorecard_maximum

    _header(rb)
    _show_tracks_table(rb, with_goals=False)
    _show_criteria(rb)
    _show_penalties(rb)
    items = scorecard_items(rb)
    maximum = scorecard_maximum(rb)
    out.print(
        f"Каталог: региональных документов — {len(rb.catalogue.regional_documents)}, "
        f"примеров муниципальных мер — {len(rb.catalogue.example_measures)}.\n"
        f"Оценочный лист: пунктов — {len(items)}, максимум — {_points(maximum)} баллов.\n"
        f"Настроек аналитики — {len(rb.analytics)}. Подробнее: --section "
        f"{'|'.join(k for k in SECTIONS if k != 'summary')}.",
        highlight=False,
    )


def _show_tracks_table(rb: Rulebook, with_goals: bool) -> None:
    from rich.table import Table

    from mskoko.rulebook.scoring import scorecard_items

    per_track: dict[str, float] = {}
    for item in scorecard_items(rb):
        if item.sign == "plus":
            per_track[item.track_id] = per_track.get(item.track_id, 0.0) + item.max_points
    table = Table(title="Системы и треки")
    for column in ("№", "Система / трек", "Функция", "Цикл", "Док.", "Мер", "Макс."):
        table.add_column(column)
    total_components = len(rb.cycle_components)
    for mechanism in rb.mechanisms:
        table.add_row(mechanism.id, f"[bold]{mechanism.title}[/]", "", "", "", "", "")
        for system in mechanism.systems:
            note = "" if system.scored else " [dim](не оценивается)[/]"
            table.add_row(system.id, f"[bold]{system.title}[/]{note}", "", "", "", "", "")
            for track in system.tracks:
                title = track.title + (f"\n[dim]Цель: {track.goal}[/]" if with_goals else "")
                table.add_row(
                    track.id, title, track.function,
                    f"{len(track.components)}/{total_components}",
                    str(len(rb.catalogue.documents_for_track(track.id))),
                    str(len(rb.catalogue.measures_for_track(track.id))),
                    _points(per_track.get(track.id, 0.0)),
                )
    out.print(table)
    out.print("Функции: " + "; ".join(f"{f.id} — {f.title}" for f in rb.functions) + ".",
              highlight=False)


def _show_systems(rb: Rulebook) -> None:
    _show_tracks_table(rb, with_goals=True)
    for _, track in rb.tracks():
        names = ", ".join(rb.cycle_component(c).title.lower() for c in track.components)
        out.print(f"{track.id}: {names}", highlight=False)


def _show_functions(rb: Rulebook) -> None:
    from rich.table import Table

    table = Table(title="Функции МОУО")
    for column in ("Id", "Функция", "Подтверждающие документы", "Треки"):
        table.add_column(column)
    for function in rb.functions:
        kinds = ", ".join(rb.document_kind(k).title for k in function.evidence_kinds)
        tracks = ", ".join(t.id for t in rb.tracks_of_function(function.id))
        table.add_row(function.id, function.title, kinds, tracks)
    out.print(table)


def _show_parameters(rb: Rulebook) -> None:
    from rich.table import Table

    table = Table(title="Параметры оценивания")
    for column in ("№", "Id", "Параметр", "Знак", "Критерии"):
        table.add_column(column)
    for parameter in rb.evaluation_parameters:
        sign = "+" if parameter.sign == "plus" else "−"
        if parameter.sign_source == "setting":
            sign += " (настройка)"
        criteria = ", ".join(c.id for c in rb.criteria if c.parameter == parameter.id) or "—"
        table.add_row(str(parameter.number), parameter.id, parameter.title, sign, criteria)
    out.print(table)


def _show_kinds(rb: Rulebook) -> None:
    from rich.table import Table

    table = Table(title="Виды документов")
    for column in ("Id", "Вид", "Группа", "Обязательные элементы", "Критерии"):
        table.add_column(column)
    for kind in rb.document_kinds:
        elements = "\n".join(f"• {e.title}" for e in kind.required_elements)
        table.add_row(kind.id, kind.title, kind.group, elements, ", ".join(kind.criteria))
    out.print(table)


def _show_criteria(rb: Rulebook) -> None:
    from rich.table import Table

    table = Table(title="Критерии")
    for column in ("Id", "Критерий", "Вид проверки", "Баллы", "Документы", "Параметр"):
        table.add_column(column)
    for criterion in rb.criteria:
        table.add_row(criterion.id, criterion.title, criterion.kind, _points(criterion.max_points),
                      ", ".join(criterion.applies_to), criterion.parameter or "—")
    out.print(table)


def _show_penalties(rb: Rulebook) -> None:
    from rich.table import Table

    table = Table(title="Штрафы")
    for column in ("Id", "Штраф", "Вид проверки", "Баллы", "Документы"):
        table.add_column(column)
    for penalty in rb.penalties:
        table.add_row(penalty.id, penalty.title, penalty.kind, _points(penalty.points),
                      ", ".join(penalty.applies_to))
    out.print(table)


def _show_catalogue(rb: Rulebook) -> None:
    from rich.table import Table

    docs = Table(title=f"Региональные документы ({len(rb.catalogue.regional_documents)})")
    for column in ("Id", "Реквизиты", "Название", "Треки"):
        docs.add_column(column)
    for doc in rb.catalogue.regional_documents:
        # Date and number on one unbreakable line, the issuer below.
        number = " ".join(x for x in (f"от\u00a0{doc.date:%d.%m.%Y}" if doc.date else "",
                                        f"№\u00a0{doc.number}" if doc.number else "") if x)
        details = "\n".join(x for x in (number, doc.issuer) if x)
        docs.add_row(doc.id, details or "—", f"«{doc.title}»", ", ".join(doc.tracks))
    out.print(docs)
    measures = Table(title=f"Примеры муниципальных мер ({len(rb.catalogue.example_measures)})")
    for column in ("Id", "Трек", "Мера"):
        measures.add_column(column)
    for measure in rb.catalogue.example_measures:
        measures.add_row(measure.id, measure.track, measure.text)
    out.print(measures)


def _show_analytics(rb: Rulebook) -> None:
    from rich.table import Table

    sources = {"seed": "источник", "domain": "DOMAIN", "setting": "настройка"}
    table = Table(title="Настройки аналитики")
    for column in ("Имя", "Значение", "Откуда", "Смысл"):
        table.add_column(column)
    for name, setting in rb.analytics.items():
        value = setting.value
        shown = "\n".join(f"{k}: {v}" for k, v in value.items()) if isinstance(value, dict) \
            else str(value)
        table.add_row(name, shown, sources[setting.source], setting.description)
    out.print(table)


def _show_scoring(rb: Rulebook) -> None:
    from rich.table import Table

    from mskoko.rulebook.scoring import scorecard_items, scorecard_maximum

    items = scorecard_items(rb)
    table = Table(title="Оценочный лист")
    for column in ("Трек", "Критерии (баллы)", "Макс."):
        table.add_column(column)
    for _, track in rb.tracks():
        own = [i for i in items if i.track_id == track.id]
        if not own:
            continue
        listed = ", ".join(f"{i.criterion_id} ({_points(i.max_points)})" for i in own)
        table.add_row(track.id, listed, _points(sum(i.max_points for i in own if i.sign == "plus")))
    out.print(table)
    maximum = scorecard_maximum(rb)
    out.print(f"Итого: пунктов — {len(items)}, максимум — {_points(maximum)} баллов; "
              "индекс = набранные баллы (со штрафами) / максимум × 100, округление до целого "
              "(половина — вверх).", highlight=False)


_RENDERERS: dict[str, Callable[[Rulebook], None]] = {
    "summary": _show_summary,
    "systems": _show_systems,
    "functions": _show_functions,
    "parameters": _show_parameters,
    "kinds": _show_kinds,
    "criteria": _show_criteria,
    "penalties": _show_penalties,
    "catalogue": _show_catalogue,
    "analytics": _show_analytics,
    "scoring": _show_scoring,
}
