"""`mskoko check FILE... [--json] [--rulebook ID_OR_PATH]`: check documents against the rulebook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from mskoko.cli.common import out, user_errors

_STATUS = {
    "met": "[green]выполнен[/]",
    "partly": "[yellow]частично[/]",
    "not_met": "[red]не выполнен[/]",
}


def check(
    files: Annotated[list[Path], typer.Argument(
        help="Документы для проверки: DOCX, PDF (с текстовым слоем), TXT или MD.",
    )],
    as_json: Annotated[bool, typer.Option(
        "--json", help="Вывести результат одним объектом JSON (формат CONTRACT.md).",
    )] = False,
    rulebook: Annotated[str | None, typer.Option(
        "--rulebook", help="Редакция правил: id встроенной редакции или путь к YAML.",
    )] = None,
) -> None:
    """Прочитать документы, распознать их вид, извлечь меры и проверить по критериям правил."""
    import json

    from mskoko.documents.check import check_documents

    with user_errors():
        report = check_documents(files, rulebook)
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for document in report["documents"]:
        _print_document(document)
    out.print(f"Правила: {report['rulebook']}.", highlight=False)


def _points(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _print_document(document: dict[str, Any]) -> None:
    from rich.markup import escape
    from rich.table import Table

    measures = document["measures"]
    out.rule(f"[bold]{escape(document['file'])}[/]")
    out.print(
        f"Вид документа: [bold]{escape(document['kind_title'])}[/] ({document['kind']}). "
        f"Баллы: [bold]{_points(document['points'])}[/] из {_points(document['max_points'])}.",
        highlight=False,
    )
    if measures:
        with_deadline = sum(1 for m in measures if m["deadline"])
        with_responsible = sum(1 for m in measures if m["responsible"])
        out.print(
            f"Мер найдено: {len(measures)}; со сроками — {with_deadline}, "
            f"с ответственными — {with_responsible}.",
            highlight=False,
        )
    if not document["findings"]:
        out.print(
            "Вид документа не распознан или не оценивается правилами: критерии не применялись. "
            "Проверьте заголовок документа (например, «Дорожная карта», «Аналитическая справка»)."
        )
    else:
        table = Table(show_lines=True, expand=True)
        table.add_column("Критерий", ratio=3)
        table.add_column("Статус", ratio=2)
        table.add_column("Баллы", justify="right", ratio=1)
        table.add_column("Цитаты из документа", ratio=6)
        table.add_column("Что сделать", ratio=5)
        for finding in document["findings"]:
            quotes = "\n".join(f"«{q}»" for q in finding["evidence"][:3])
            table.add_row(
                escape(finding["title"]),
                _STATUS.get(finding["status"], finding["status"]),
                f"{_points(finding['points'])} / {_points(finding['max_points'])}",
                escape(quotes) or "—",
                escape(finding["advice"]) or "—",
            )
        out.print(table)
    for penalty in document["penalties"]:
        out.print(
            f"[bold red]Штраф {_points(penalty['points'])}[/]: {escape(penalty['title'])}.",
            highlight=False,
        )
        for quote in penalty["evidence"][:3]:
            out.print(f"  «{escape(quote)}»", highlight=False)
        out.print(f"  Что сделать: {escape(penalty['advice'])}", highlight=False)
