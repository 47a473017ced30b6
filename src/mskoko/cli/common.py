"""What every command shares: the error edge and the consoles."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from mskoko.errors import MskokoError, ProblemReport

out = Console()
err = Console(stderr=True)


@contextmanager
def user_errors(*, writes: bool = True) -> Iterator[None]:
    """Turn a domain error into a Russian message and exit status 1 (never a traceback).

    ``writes`` says the command stores something, so a refusal adds that nothing was stored.
    """
    try:
        yield
    except ProblemReport as report:
        err.print(f"[bold red]{report.title}[/]: найдено проблем — {len(report.problems)}.")
        for problem in report.problems[:50]:
            err.print(f"  • {problem.format_ru()}", markup=False, highlight=False)
        if len(report.problems) > 50:
            err.print(f"  … и ещё {len(report.problems) - 50}.")
        if writes:
            err.print("Ничего не сохранено.")
        raise typer.Exit(code=1) from None
    except MskokoError as error:
        err.print(f"[bold red]Ошибка:[/] {error}", highlight=False)
        raise typer.Exit(code=1) from None
